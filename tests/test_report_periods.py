"""htx report: periods written as Vietnamese documents write them, years not yet begun, and the outputs
meant for documents and spreadsheets (plain ASCII minus, no bars)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from htxcli.render.xlsx_cells import HEADER_ROW
from tests.conftest import Run, invoke, snapshot
from tests.test_report_xlsx import named


@pytest.mark.parametrize("period", ["2016-2018", "2016–2018", "2016 – 2018", " 2016 - 2018 ", "2016—2018"])
def test_a_period_with_a_dash_is_a_range(example_db: Path, period: str) -> None:
    r = invoke(example_db, "report", period, "--format", "json")
    assert r.exit_code == 0 and r.stderr == "", r.stderr
    expected = invoke(example_db, "report", "2016..2018", "--format", "json").stdout
    assert json.loads(r.stdout) == json.loads(expected)
    assert [one["year"] for one in json.loads(r.stdout)] == [2016, 2017, 2018]


@pytest.mark.parametrize(
    ("period", "problem"),
    [
        ("2019-2018", "ends before it starts"),
        ("2018-", "is not a year between 1900 and 2100"),
        ("2018 – 20x0", "is not a year between 1900 and 2100"),
    ],
)
def test_a_bad_period_is_one_line(example_db: Path, period: str, problem: str) -> None:
    before = snapshot(example_db)
    r = invoke(example_db, "report", period)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith("Error: year: ") and problem in r.stderr and r.stderr.count("\n") == 1
    assert snapshot(example_db) == before


def test_a_year_after_the_current_one_warns_and_still_reports(example_db: Path) -> None:
    next_year = date.today().year + 1
    r = invoke(example_db, "report", str(next_year), "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["year"] == next_year  # the report is printed all the same
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"Warning: year: {next_year}: after")
    r = invoke(example_db, "report", f"{next_year - 2}-{next_year}")
    assert r.exit_code == 0 and "The development of the collective economy" in r.stdout
    assert r.stderr.count("\n") == 1 and f"{next_year}: after the current year" in r.stderr
    assert invoke(example_db, "report", str(next_year - 1)).stderr == ""  # the current year: no warning
    today = date.today()
    if (today.day, today.month) not in ((1, 1), (29, 2)):
        # Periods starting today: next year's has begun, the year after's has not.
        start = f"{today.day}/{today.month}"
        r = invoke(example_db, "report", str(next_year), "--period-start", start, "--format", "json")
        assert r.exit_code == 0 and r.stderr == "", r.stderr
        r = invoke(example_db, "report", str(next_year + 1), "--period-start", start, "--format", "json")
        assert f"{next_year + 1}: after the current year ({next_year})" in r.stderr, r.stderr


# --- documents and spreadsheets ----------------------------------------------------------------


@pytest.fixture
def shrinking(htx: Callable[..., Run]) -> Callable[..., Run]:
    """Two cooperatives at the end of 2017, one dissolved in 2018: a change of minus one; ratings for
    the bars."""
    for code in ("0100000001", "0100000002"):
        assert htx("add", f"HTX {code}", "--code", code, "--founded", "2010-01-01").exit_code == 0
        assert htx("rate", code, "2018", "khá").exit_code == 0
    assert htx("dissolve", "0100000002", "--on", "2018-06-30").exit_code == 0
    return htx


MINUS = "\u2212"
BARS = ("█", "▌")


@pytest.mark.parametrize("args", [("2018",), ("2018", "--compare"), ("2017..2018", "--compare")])
def test_markdown_uses_an_ascii_minus_and_no_bars(
    shrinking: Callable[..., Run], args: tuple[str, ...]
) -> None:
    r = shrinking("report", *args, "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    assert MINUS not in r.stdout and not any(b in r.stdout for b in BARS), r.stdout
    assert "| -1 |" in r.stdout  # the change in active cooperatives, as a number a spreadsheet reads


def test_a_markdown_or_csv_file_uses_an_ascii_minus(shrinking: Callable[..., Run], tmp_path: Path) -> None:
    for name in ("r.md", "r.csv"):
        assert shrinking("report", "2018", "--compare", "-o", str(tmp_path / name)).exit_code == 0
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert MINUS not in text and not any(b in text for b in BARS)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    assert {r["value"] for r in rows if r["metric"] == "dissolved" and r["key"] == "cooperative"} == {
        "0",
        "1",
    }


def test_the_terminal_table_keeps_its_bars_and_minus_sign(shrinking: Callable[..., Run]) -> None:
    r = shrinking("report", "2018")
    assert r.exit_code == 0
    assert f"{MINUS}1" in r.stdout and "█" in r.stdout


def test_a_period_that_is_not_the_calendar_year_is_printed_under_the_title_and_in_table_titles(
    example_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --period-start 15/12 (or the setting), every human layout says which days its figures
    cover under the title, and the tables of stocks say on which day; the calendar year says nothing."""
    import docx

    monkeypatch.setenv("COLUMNS", "160")
    line = "(Figures from 2017-12-15 to 2018-12-14)"

    def out(*args: str) -> str:
        r = invoke(example_db, "report", "2018", "--period-start", "15/12", *args)
        assert r.exit_code == 0, r.stderr
        return r.stdout

    terminal = out()
    assert terminal.splitlines()[0] == "The development of the collective economy in 2018"
    assert line in terminal.splitlines()[:4]
    markdown = out("--format", "markdown")
    assert markdown.startswith(f"# The development of the collective economy in 2018\n\n{line}\n")
    for title in ("Organisations on 2018-12-14", "Districts on 2018-12-14"):
        assert f"## {title}\n" in markdown
    assert "| Active on 2017-12-14 |" not in markdown  # every layout leaves it out (± says it)
    assert out("--format", "text").startswith(f"{line}\n\n")
    # (the documents keep each date with the word before it: a no-break space)
    assert line in out("--format", "html").replace("\xa0", " ")
    out("-o", str(tmp_path / "r.docx"))
    texts = [p.text.replace("\xa0", " ") for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert texts.index(line) < 4 and texts[texts.index(line) - 1].endswith("2018")  # under the subject
    out("-o", str(tmp_path / "r.xlsx"))
    import openpyxl

    summary = named(openpyxl.load_workbook(tmp_path / "r.xlsx"), "Summary")  # "Table 1. Summary"
    assert summary["A1"].value == "Table 1. Organisations on 2018-12-14"
    assert summary["A3"].value == f"The development of the collective economy in 2018 {line}"
    assert "Active on 2017-12-14" not in [
        c.value for c in summary[HEADER_ROW + 1]
    ]  # the documents' columns, as Word's
    range_ = invoke(example_db, "report", "2017..2018", "--period-start", "15/12", "--format", "markdown")
    assert "\n(Figures from 2016-12-15 to 2018-12-14)\n" in range_.stdout
    # The calendar year: as it always was.
    for args in ((), ("--format", "markdown"), ("--format", "text"), ("--format", "html")):
        plain = invoke(example_db, "report", "2018", *args).stdout
        assert "Figures from" not in plain and "on 2018-12-31" not in plain
    assert (
        "## Organisations at the end of 2018\n"
        in invoke(example_db, "report", "2018", "-f", "markdown").stdout
    )


def test_the_tidy_csv_gives_a_periods_days_when_they_are_not_the_calendar_years(example_db: Path) -> None:
    """A script reading `report 2026 --format csv` could not tell the period began on 15/12."""
    rows = list(csv.DictReader(io.StringIO(invoke(example_db, "report", "2018", "--format", "csv").stdout)))
    assert not [r for r in rows if r["section"] == "period"]  # the calendar year: its rows as ever
    shifted = invoke(example_db, "report", "2018", "--period-start", "15/12", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(shifted)))
    assert [(r["metric"], r["value"]) for r in rows[:2]] == [("from", "2017-12-15"), ("to", "2018-12-14")]
    assert {r["section"] for r in rows[:2]} == {"period"}
    to_the_day = invoke(example_db, "report", "2018", "--as-of", "30/06/2018", "--format", "csv").stdout
    assert "2018,period,,to,2018-06-30" in to_the_day.splitlines()
