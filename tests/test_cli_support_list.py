"""support list names the organisation beside its code, for people and for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from tests.conftest import Run

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


@pytest.fixture
def with_outreach(registry: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    monkeypatch.setenv("COLUMNS", "160")  # a wide terminal: no name wrapped across two lines
    r = registry("support", "add", "outreach", "--date", "2018-05-10", "--quantity", "8", "--unit", "lớp")
    assert r.exit_code == 0, r.stderr
    return registry


def test_the_table_shows_the_name_beside_the_code_and_toan_tinh(with_outreach: Callable[..., Run]) -> None:
    r = with_outreach("support", "list")
    assert r.exit_code == 0
    rows = [line for line in r.stdout.splitlines() if "2018-" in line]
    cells = [[c.strip() for c in line.strip("│ ").split("│")] for line in rows]
    assert [c[2:4] for c in cells] == [["toàn tỉnh", ""], ["0470012345", "HTX Nông nghiệp Tân Thành"]]
    assert "Name" in r.stdout.splitlines()[2]


def test_csv_and_json_add_the_name_after_every_earlier_column(with_outreach: Callable[..., Run]) -> None:
    text = with_outreach("support", "list", "--format", "csv").stdout
    header = text.splitlines()[0]
    # The earlier columns keep their places: a script reading them by position is not broken.
    assert header == "id,code,program,date,amount_vnd,quantity,unit,reference,note,name"
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["code"], r["name"]) for r in rows] == [("", ""), ("0470012345", "HTX Nông nghiệp Tân Thành")]
    records = json.loads(with_outreach("support", "list", "--format", "json").stdout)
    assert [(r["code"], r["name"]) for r in records] == [
        (None, None),
        ("0470012345", "HTX Nông nghiệp Tân Thành"),
    ]


def test_export_support_keeps_the_contract_columns(with_outreach: Callable[..., Run]) -> None:
    header = with_outreach("export", "support").stdout.splitlines()[0]
    assert header == "code,program,date,amount_vnd,quantity,unit,reference,note"
