"""support list names the organisation beside its code, for people and for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

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
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in rows]
    assert [c[2:4] for c in cells] == [["toàn tỉnh", "8 lớp"], ["0470012345 HTX Nông nghiệp Tân Thành", ""]]
    assert "Organisation" in r.stdout.splitlines()[2]
    assert cells[0][4] == "", cells  # no amount is a blank, not "0 ₫"


def test_at_80_columns_every_name_and_amount_is_whole(
    with_outreach: Callable[..., Run], db_path: Path | str
) -> None:
    """At 80 columns the names went a word a line and were cut ("Thượ…", "Chươ…"): the code and name
    share a column, the quantity its unit, and a column that wraps does so between words."""
    from tests.terminal import on_a_terminal

    shown = on_a_terminal(db_path, 80, "--lang", "vi", "support", "list")
    assert max(map(len, shown.splitlines())) <= 80 and "…" not in shown, shown
    words = " ".join(shown.replace("│", " ").split())
    for record in json.loads(with_outreach("support", "list", "--format", "json").stdout):
        assert f"{record['amount_vnd']:,} ₫".replace(",", ".") in words or not record["amount_vnd"], words
    assert "Chương trình" in words and "8 lớp" in words, words
    listed = json.loads(with_outreach("list", "--format", "json").stdout)
    name = next(o["name"] for o in listed if o["code"] == "0470012345")
    lines = [" ".join(line.replace("│", " ").split()) for line in shown.splitlines()]
    at = next(i for i, line in enumerate(lines) if "0470012345" in line)
    assert all(word in " ".join(lines[at : at + 3]) for word in name.split()), (name, shown)


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


@pytest.fixture
def across_the_year_end(registry: Callable[..., Run]) -> Callable[..., Run]:
    """Support on 20/12/2017 (period 2018 from 15/12) and on 20/12/2018 (period 2019)."""
    for day in ("20/12/2017", "20/12/2018"):
        r = registry("support", "add", "bulletin", "--date", day, "--quantity", "500", "--unit", "cuốn")
        assert r.exit_code == 0, r.stderr
    return registry


def dates(text: str) -> list[str]:
    return [r["date"] for r in csv.DictReader(io.StringIO(text))]


def test_year_follows_the_registrys_period_as_the_report_does(
    across_the_year_end: Callable[..., Run],
) -> None:
    htx = across_the_year_end
    r = htx("support", "list", "--year", "2018", "--format", "csv")
    assert dates(r.stdout) == ["2018-06-12", "2018-12-20"]  # the calendar year
    assert "Year 2018: from 2018-01-01 to 2018-12-31" in r.stderr
    assert htx("settings", "period-start", "15/12").exit_code == 0
    r = htx("support", "list", "--year", "2018", "--format", "csv")
    assert dates(r.stdout) == ["2017-12-20", "2018-06-12"]
    assert "Year 2018: from 2017-12-15 to 2018-12-14" in r.stderr
    assert json.loads(htx("report", "2018", "--format", "json").stdout)["support"]["bulletin"]["records"] == 1
    r = htx("export", "support", "--year", "2018")
    assert dates(r.stdout) == ["2017-12-20", "2018-06-12"]
    assert "Year 2018: from 2017-12-15 to 2018-12-14" in r.stderr
    # --period-start chooses another period for one listing, as it does for the report.
    r = htx("support", "list", "--year", "2018", "--period-start", "01/01", "--format", "csv")
    assert dates(r.stdout) == ["2018-06-12", "2018-12-20"]
    r = htx("export", "support", "--year", "2019", "--period-start", "01/01")
    assert dates(r.stdout) == []
    assert "Year 2019: from 2019-01-01 to 2019-12-31" in r.stderr


def test_a_listing_of_every_year_says_no_period(with_outreach: Callable[..., Run]) -> None:
    assert "Year" not in with_outreach("support", "list").stderr
    assert with_outreach("export", "support").stderr == ""
