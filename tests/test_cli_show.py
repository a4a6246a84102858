"""htx show with a name instead of a code: pointed to htx search, with how many it finds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


@pytest.fixture
def quang_khe(registry: Callable[..., Run]) -> Callable[..., Run]:
    for code, name in (("4700111111", "HTX Quảng Khê"), ("4700222222", "HTX Dịch vụ Quảng Khê")):
        assert registry("add", name, "--code", code, "--founded", "2016-01-01").exit_code == 0
    return registry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "quang khe",
            "Error: code: 'quang khe' is not a code; to find an organisation by name: "
            "htx search 'quang khe' (it finds 2)",
        ),
        (
            "Tân  Thành",
            "Error: code: 'Tân Thành' is not a code; to find an organisation by name: "
            "htx search 'Tân Thành' (it finds 1)",
        ),
        (
            "HTX Hà Nội",
            "Error: code: 'HTX Hà Nội' is not a code; to find an organisation by name: "
            "htx search 'HTX Hà Nội' (it finds none; htx list shows every organisation)",
        ),
        (
            "Bà=Ba",
            "Error: code: 'Bà=Ba' is not a code; to find an organisation by name: "
            "htx search 'Bà=Ba' (it finds none; htx list shows every organisation)",
        ),
    ],
)
def test_a_name_given_to_show_points_to_search(
    quang_khe: Callable[..., Run], db_path: Path, text: str, expected: str
) -> None:
    before = snapshot(db_path)
    r = quang_khe("show", text)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", expected + "\n")
    assert snapshot(db_path) == before
    if "finds 2" in expected:  # and the search it names finds them
        found = quang_khe("search", "quang khe", "--format", "csv").stdout.splitlines()
        assert len(found) == 1 + 2


def test_a_word_that_is_no_code_but_a_name_says_how_many_it_finds(quang_khe: Callable[..., Run]) -> None:
    r = quang_khe("show", "Khê")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("Error: code: 'Khê' is not in the registry")
    assert r.stderr.endswith("; as a name, htx search 'Khê' finds 2\n")
    # A code that finds nothing by name either keeps the plain message.
    r = quang_khe("show", "THT-99")
    assert r.exit_code == 1 and "htx search 'THT-99' finds" not in r.stderr
    assert r.stderr.startswith("Error: code: 'THT-99' is not in the registry")
