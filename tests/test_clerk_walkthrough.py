"""What a Vietnamese-reading clerk still found to correct by hand once issue 25 was built (Thái Nguyên,
December 2026, period start 15/12): the address in force with its type words in `list` and `show`, the
report's words and shares, the places commands' words, the import's messages, and `settings` on a new
registry. Each through the CLI in Vietnamese, as the clerk runs htx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Run

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


@pytest.fixture
def vi(htx: Htx, monkeypatch: pytest.MonkeyPatch) -> Iterator[Htx]:
    """htx in Vietnamese, on a terminal wide enough that no cell wraps."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, input: str | None = None) -> Run:
        return htx("--lang", "vi", *args, input=input)

    yield run


@pytest.fixture
def thai_nguyen(vi: Htx) -> Htx:
    """The clerk's registry: Thái Nguyên, periods from 15/12; a cooperative registered in Mỹ Phương (Ba
    Bể, Bắc Kạn) moved to Xã Thượng Minh by `places migrate`, one founded there in 2026, and a group."""
    for args in (
        ("settings", "province", "thai nguyen"),
        ("settings", "period-start", "15/12"),
        ("add", "HTX Chè Mỹ Phương", "--code", "4700284512", "--province", "Bắc Kạn", "--district", "Ba Bể",
         "--commune", "Mỹ Phương", "--founded", "20/04/2015", "--capital", "1,5 tỷ"),
        ("add", "HTX Mới", "--code", "4601254871", "--commune", "Thượng Minh", "--founded", "02/02/2026",
         "--capital", "200 triệu", "--members", "7"),
        ("add", "Tổ hợp tác Ăn Quả", "--code", "THT-07", "--kind", "THT", "--commune", "Thượng Minh",
         "--founded", "09/01/2026"),
        ("places", "migrate", "--yes"),
    ):  # fmt: skip
        r = vi(*args)
        assert r.exit_code == 0, (args, r.stderr)
    return vi


# --- 1: list and show print the address in force, with its type words ---------------------------------


def test_list_and_show_print_the_address_in_force_with_type_words(thai_nguyen: Htx) -> None:
    listed = thai_nguyen("list").stdout
    assert "Địa chỉ" in listed and "Huyện" not in listed
    row = next(line for line in listed.splitlines() if "4700284512" in line)
    assert "Xã Thượng Minh, Thái Nguyên" in row and "Ba Bể" not in row
    assert "đang hoạt động" in row
    shown = thai_nguyen("show", "4700284512").stdout
    assert "Xã Thượng Minh, Thái Nguyên (từ 01/07/2025)" in shown
    assert "Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn" in shown
    # One word for an organisation operating today, as `list` says it.
    assert "Đang hoạt động" in shown and "Hoạt động\n" not in shown.replace(" ", "")
    new = thai_nguyen("show", "4601254871").stdout
    assert "Xã Thượng Minh, Thái Nguyên" in new
    # CSV and JSON keep the stored names.
    assert "Xã Thượng Minh" not in thai_nguyen("list", "--format", "csv").stdout
    assert "Xã Thượng Minh" not in thai_nguyen("show", "4700284512", "--format", "json").stdout
