"""The report against the plan (issue 23): the `plan` key of the JSON, the plan table in every layout,
the narrative's "đạt …% kế hoạch" / "vượt kế hoạch" / "lũy kế", and reports as of a day within the year
(`--as-of`), checked against a count made from the example's CSV files by this test itself."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, drop_database, fresh_database, invoke, load_example
from tests.test_report_documents import read_page
from tests.test_report_xlsx import named

pytestmark = pytest.mark.both_backends


@pytest.fixture(scope="module")
def planned_db(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The example registry with its yearly figures and the Done-when's two targets (and an estimate)."""
    db = fresh_database(backend, tmp_path_factory.mktemp("planned"))
    load_example(db)
    assert invoke(db, "import", "figures", str(EXAMPLE / "figures.csv")).exit_code == 0
    for step in (
        ("plan", "set", "2018-2020", "new-model", "10"),
        ("plan", "set", "2018", "new-cooperatives", "25"),
        ("plan", "estimate", "2018", "new-cooperatives", "31"),
    ):
        r = invoke(db, *step)
        assert r.exit_code == 0, r.stderr
    yield db
    drop_database(db)


def run(db: Path | str, *args: str) -> str:
    r = invoke(db, *args)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def report_json(db: Path | str, *args: str) -> Any:
    return json.loads(run(db, "report", *args, "--format", "json"))


def by_indicator(year: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["indicator"]: p for p in year["plan"]}


def test_the_json_measures_the_year_against_its_targets(planned_db: Path) -> None:
    plan = by_indicator(report_json(planned_db, "2018"))
    assert plan["new-model"] == {
        "indicator": "new-model", "area": None, "span": [2018, 2020], "target": 10, "actual": 4,
        "percent": 40.0, "previous_year": None, "change": None, "estimate": None,
    }  # fmt: skip
    new = plan["new-cooperatives"]
    before = report_json(planned_db, "2017")["organisations"]["cooperative"]["new"]
    assert (new["target"], new["actual"], new["percent"], new["estimate"]) == (25, 29, 116.0, 31)
    assert (new["previous_year"], new["change"]) == (before, 29 - before)
    assert list(plan) == ["new-cooperatives", "new-model"]  # the indicators' order


def test_a_span_adds_its_flows_up_and_a_range_gives_each_year(planned_db: Path, tmp_path: Path) -> None:
    """2019's new-model actual is cumulative from 2018; its previous year is 2018's cumulative."""
    years = report_json(planned_db, "2018..2019")
    in_2019 = report_json(planned_db, "2019")
    assert [by_indicator(y)["new-model"]["actual"] for y in years] == [
        4,
        4 + in_2019["support"]["new-model"]["organisations"],
    ]
    assert by_indicator(years[1])["new-model"]["previous_year"] == 4
    assert "plan" not in report_json(planned_db, "2017")  # no target covers 2017
    table = run(planned_db, "--lang", "vi", "report", "2018..2019")
    assert table.count("Kết quả thực hiện kế hoạch năm") == 2


def test_every_layout_shows_the_same_numbers(planned_db: Path, tmp_path: Path) -> None:
    # terminal and markdown
    table = run(planned_db, "--lang", "vi", "report", "2018")
    assert "Kết quả thực hiện kế hoạch năm 2018" in table
    assert re.search(r"HTX thành lập\s.*25\s+29\s+31\s+116,0%", table)
    assert re.search(r"Mô hình HTX\s.*10\s+4\s+40,0%", table)
    markdown = run(planned_db, "--lang", "vi", "report", "2018", "--format", "markdown")
    # The percentage says its basis: the actual against the plan (the estimate's is the narrative's);
    # its cells say "%", its header not again (a tenth reader).
    header = "| Chỉ tiêu | Kế hoạch | Thực hiện | Ước thực hiện cả năm | Thực hiện so với kế hoạch |"
    header += " Cùng kỳ năm 2017 |"
    assert header + " Tăng (+), giảm (−) so với cùng kỳ |" in markdown
    assert "| HTX thành lập mới | 25 | 29 | 31 | 116,0% |" in markdown
    assert "| Mô hình HTX kiểu mới (lũy kế 2018–2020) | 10 | 4 |   | 40,0% |" in markdown
    # tidy CSV
    rows = list(csv.DictReader(run(planned_db, "report", "2018", "--format", "csv").splitlines()))
    plan = {(r["key"], r["metric"]): r["value"] for r in rows if r["section"] == "plan"}
    assert (
        plan[("new-model:2018-2020", "actual")] == "4" and plan[("new-model:2018-2020", "percent")] == "40.0"
    )
    assert plan[("new-cooperatives", "percent")] == "116.0" and plan[("new-cooperatives", "estimate")] == "31"
    # Word
    from docx import Document

    word = tmp_path / "bao-cao.docx"
    run(planned_db, "--lang", "vi", "report", "2018", "-o", str(word))
    cells = [[c.text for c in row.cells] for t in Document(str(word)).tables for row in t.rows]
    assert any(r[:5] == ["HTX thành lập mới", "25", "29", "31", "116,0%"] for r in cells)
    assert any(r[:5] == ["Mô hình HTX kiểu mới (lũy kế 2018–2020)", "10", "4", "", "40,0%"] for r in cells)
    # HTML
    page = tmp_path / "bao-cao.html"
    run(planned_db, "--lang", "vi", "report", "2018", "-o", str(page))
    rows_html = [row for _, table_rows in read_page(page).tables for row in table_rows]
    assert any(r[:5] == ["HTX thành lập mới", "25", "29", "31", "116,0%"] for r in rows_html)
    # workbook: numbers kept as numbers, the percentage as Excel keeps one
    from openpyxl import load_workbook

    book = tmp_path / "bao-cao.xlsx"
    run(planned_db, "--lang", "vi", "report", "2018", "-o", str(book))
    sheet = named(load_workbook(book), "Kế hoạch")  # "Biểu N. Kế hoạch", numbered as the documents number it
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    row = next(r for r in values if r[0] == "HTX thành lập mới")
    assert row[1:5] == [25, 29, 31, 1.16]
    spanned = next(r for r in values if r[0] == "Mô hình HTX kiểu mới (lũy kế 2018–2020)")
    assert spanned[1:5] == [10, 4, None, 0.4]


def test_the_narrative_says_it_in_the_reports_words(planned_db: Path) -> None:
    text = run(planned_db, "--lang", "vi", "report", "2018", "--format", "text")
    assert (
        "HTX thành lập mới: 29 HTX, đạt 116,0% kế hoạch (kế hoạch năm 2018 là 25 HTX), vượt kế hoạch 4 HTX"
        in text
    )
    assert "ước thực hiện cả năm 31 HTX, đạt 124,0% kế hoạch" in text  # 31 of 25
    assert "Mô hình HTX kiểu mới: lũy kế 2018–2020 đạt 4/10 mô hình (40,0%)." in text
    english = run(planned_db, "--lang", "en", "report", "2018", "--format", "text")
    assert "new-model: cumulative 2018–2020, 4/10 models (40.0%)." in english


def test_a_share_above_its_target_is_above_it_by_points(databases: Any) -> None:
    """43 of 149 rated good or fair is 28,9%: above a 20% target by 8,9 percentage points, not by "8,9%"
    (which reads as a percent of the target)."""
    db = databases()
    load_example(db)
    run(db, "plan", "set", "2018", "good-fair-share", "20%")
    text = run(db, "--lang", "vi", "report", "2018", "--format", "text")
    assert "Tỷ lệ HTX tốt và khá: 28,9%, đạt 144,5% kế hoạch" in text, text
    assert "vượt kế hoạch 8,9 điểm phần trăm" in text, text
    assert "above the plan by 8.9 percentage points" in run(
        db, "--lang", "en", "report", "2018", "--format", "text"
    )


def test_figures_based_indicators_are_computed_from_the_yearly_figures(
    planned_db: Path, databases: Any
) -> None:
    db = databases()
    load_example(db)
    run(db, "plan", "set", "2018", "average-revenue", "1 tỷ")
    run(db, "plan", "set", "2018", "ocop-products", "40")
    plan = by_indicator(report_json(db, "2018"))
    assert (
        plan["average-revenue"]["actual"] is None and plan["average-revenue"]["percent"] is None
    )  # no figures
    run(db, "import", "figures", str(EXAMPLE / "figures.csv"))
    data = report_json(db, "2018")
    plan = by_indicator(data)
    # The cooperatives' figures, as the paragraph gives them ("doanh thu bình quân … đồng/HTX"), not
    # every kind's: the example's groups report too, so the two differ.
    coop, totals = data["economy"]["cooperative"], data["economy"]["totals"]
    assert coop["revenue_vnd"]["average"] != totals["revenue_vnd"]["average"]
    assert plan["average-revenue"]["actual"] == coop["revenue_vnd"]["average"]
    ocop = sum(coop[f"ocop_{n}"]["sum"] or 0 for n in (3, 4, 5))
    assert (
        plan["ocop-products"]["actual"] == ocop
        and plan["ocop-products"]["percent"] == round(ocop * 250) / 100
    )


def test_a_districts_target_shows_in_that_districts_report_only(databases: Any) -> None:
    db = databases()
    load_example(db)
    run(db, "plan", "set", "2018", "new-cooperatives", "5", "--area", "ba be")
    assert "plan" not in report_json(db, "2018")
    district = report_json(db, "2018", "--district", "Ba Bể")
    [target] = district["plan"]
    assert target["area"] == "ba be" and target["actual"] == district["organisations"]["cooperative"]["new"]


def test_without_a_plan_and_after_undo_the_report_is_byte_for_byte_as_before(databases: Any) -> None:
    db = databases()
    load_example(db)
    outputs = {f: run(db, "report", "2018", "--format", f) for f in ("json", "csv", "markdown", "text")}
    run(db, "plan", "set", "2018", "new-cooperatives", "25")
    assert run(db, "report", "2018", "--format", "json") != outputs["json"]
    run(db, "undo", "--yes")
    assert {f: run(db, "report", "2018", "--format", f) for f in outputs} == outputs
    run(db, "plan", "set", "2030", "new-cooperatives", "25")  # a target of another year changes nothing
    assert run(db, "report", "2018", "--format", "json") == outputs["json"]


# --- as of a day ----------------------------------------------------------------------------------


def hand_count(first: date, last: date) -> dict[str, Any]:
    """From the example's CSV files alone: per kind, the organisations registered on `last` and those
    founded and dissolved from `first` to `last`; per program, the support records and đồng."""
    kinds: dict[str, dict[str, int]] = {}
    with (EXAMPLE / "cooperatives.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            founded = date.fromisoformat(row["founded"])
            ended = date.fromisoformat(row["dissolved"]) if row["dissolved"] else None
            counts = kinds.setdefault(row["kind"], {"active": 0, "new": 0, "dissolved": 0})
            counts["active"] += founded <= last and (ended is None or ended > last)
            counts["new"] += first <= founded <= last
            counts["dissolved"] += ended is not None and first <= ended <= last
    support: dict[str, dict[str, int]] = {}
    with (EXAMPLE / "support.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if first <= date.fromisoformat(row["date"]) <= last:
                sums = support.setdefault(row["program"], {"records": 0, "amount_vnd": 0})
                sums["records"] += 1
                sums["amount_vnd"] += int(row["amount_vnd"] or 0)
    return {"kinds": kinds, "support": support}


def as_reported(data: dict[str, Any]) -> dict[str, Any]:
    kinds = {
        kind: {k: block[k] for k in ("active", "new", "dissolved")}
        for kind, block in data["organisations"].items()
        if any(block[k] for k in ("active", "new", "dissolved"))
    }
    support = {
        program: {k: block[k] for k in ("records", "amount_vnd")}
        for program, block in data["support"].items()
        if block["records"]
    }
    return {"kinds": kinds, "support": support}


@pytest.mark.parametrize(
    ("start", "first"), [(None, date(2018, 1, 1)), ("15/12", date(2017, 12, 15))], ids=["calendar", "15-12"]
)
def test_as_of_a_day_equals_a_hand_count_of_the_example(
    example_db: Path, start: str | None, first: date
) -> None:
    options = ("--period-start", start) if start else ()
    day = date(2018, 6, 30)
    data = report_json(example_db, "2018", "--as-of", "30/06/2018", *options)
    assert data["period"] == {"from": first.isoformat(), "to": "2018-06-30"}
    assert as_reported(data) == hand_count(first, day)
    # the period start moves the as-of report as it moves the full one
    full = report_json(example_db, "2018", *options)
    assert full["period"]["from"] == data["period"]["from"]
    assert as_reported(full) == hand_count(first, date(2018, 12, 14) if start else date(2018, 12, 31))


def test_as_of_compares_with_the_same_part_of_the_year_before(example_db: Path) -> None:
    data = report_json(example_db, "2018", "--as-of", "30/06/2018", "--compare")
    assert data["previous"]["period"] == {"from": "2017-01-01", "to": "2017-06-30"}
    assert as_reported(data["previous"]) == hand_count(date(2017, 1, 1), date(2017, 6, 30))


def test_percent_of_plan_as_of_a_day_is_of_the_whole_years_target(planned_db: Path) -> None:
    plan = by_indicator(report_json(planned_db, "2018", "--as-of", "30/06/2018"))
    half = hand_count(date(2018, 1, 1), date(2018, 6, 30))["kinds"]["cooperative"]["new"]
    assert (
        plan["new-cooperatives"]["actual"] == half
        and plan["new-cooperatives"]["percent"] == round(half * 400) / 100
    )
    before = hand_count(date(2017, 1, 1), date(2017, 6, 30))["kinds"]["cooperative"]["new"]
    assert plan["new-cooperatives"]["previous_year"] == before  # so với cùng kỳ


def test_every_human_layout_says_the_part_of_the_year(example_db: Path, tmp_path: Path) -> None:
    table = run(example_db, "--lang", "vi", "report", "2018", "--as-of", "30/06/2018")
    assert table.startswith("Tình hình phát triển kinh tế tập thể 6 tháng đầu năm 2018")
    assert "đến ngày 30/06/2018" in table
    text = run(example_db, "--lang", "vi", "report", "2018", "--as-of", "15/08/2018", "--format", "text")
    assert "Năm 2018 đến ngày 15/08/2018, toàn tỉnh thành lập mới" in text
    markdown = run(example_db, "--lang", "vi", "report", "2018", "--as-of", "15/08/2018", "-f", "markdown")
    assert "năm 2018 đến ngày 15/08/2018" in markdown
    word = tmp_path / "r.docx"
    run(example_db, "--lang", "vi", "report", "2018", "--as-of", "30/06/2018", "-o", str(word))
    with zipfile.ZipFile(word) as z:
        assert (
            "Tình hình phát triển kinh tế tập thể 6 tháng đầu năm 2018"
            in z.read("word/document.xml").decode()
        )
    page = tmp_path / "r.html"
    run(example_db, "--lang", "vi", "report", "2018", "--as-of", "30/06/2018", "-o", str(page))
    assert "6 tháng đầu năm 2018" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "day"),
    [
        (("2018", "--as-of", "01/01/2019"), "01/01/2019"),
        (("2018", "--as-of", "31/12/2017"), "31/12/2017"),
        (("2018", "--as-of", "20/12/2018", "--period-start", "15/12"), "20/12/2018"),
    ],
)
def test_as_of_outside_the_period_is_one_line(example_db: Path, args: tuple[str, ...], day: str) -> None:
    r = invoke(example_db, "--lang", "en", "report", *args)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and f"--as-of: '{day}'" in r.stderr


def test_as_of_the_periods_last_day_is_the_full_report(example_db: Path) -> None:
    full = run(example_db, "report", "2018", "--format", "json")
    assert run(example_db, "report", "2018", "--as-of", "31/12/2018", "--format", "json") == full


def test_as_of_a_day_counts_the_ratings_of_organisations_founded_by_then(htx: Any) -> None:
    """A rating of the year given to an organisation founded after the day is not yet counted: rated
    and not rated then add up to the cooperatives registered on that day."""
    for code, founded in (("4700000101", "01/01/2017"), ("4700000102", "15/07/2018")):
        assert htx("add", f"HTX {code}", "--code", code, "--founded", founded).exit_code == 0
        assert htx("rate", code, "2018", "khá").exit_code == 0

    def ratings(*args: str) -> dict[str, Any]:
        r = htx("report", "2018", *args, "--format", "json")
        assert r.exit_code == 0, r.stderr
        report = json.loads(r.stdout)
        return {
            "rated": report["ratings"]["rated"],
            "registered": report["totals"]["organisations"]["active"],
        }

    assert ratings() == {"rated": 2, "registered": 2}
    assert ratings("--as-of", "30/06/2018") == {"rated": 1, "registered": 1}


def test_a_money_target_says_what_it_is_per(databases: Any) -> None:
    """'6 triệu/tháng' was confirmed as "72.000.000 ₫" and printed so in the plan's table and the
    narrative, beside an income said "/người/năm": every amount of a money indicator says what it is
    per (the table's label, since its cells hold the bare amounts)."""
    db = databases()
    load_example(db)
    assert invoke(db, "import", "figures", str(EXAMPLE / "figures.csv")).exit_code == 0
    r = invoke(db, "--lang", "vi", "plan", "set", "2018", "thu nhập bình quân", "4 triệu/tháng")
    assert r.exit_code == 0 and "48.000.000 ₫/người/năm" in r.stderr, r.stderr
    r = invoke(db, "--lang", "vi", "plan", "set", "2018", "doanh thu bình quân", "1 tỷ")
    assert r.exit_code == 0 and "1.000.000.000 ₫/HTX" in r.stderr, r.stderr
    listed = " ".join(run(db, "--lang", "vi", "plan").split())
    assert "48.000.000 ₫/người/năm" in listed and "1.000.000.000 ₫/HTX" in listed, listed
    text = run(db, "--lang", "vi", "report", "2018", "--format", "text")
    assert "(kế hoạch năm 2018 là 48 triệu đồng/người/năm)" in text, text
    assert "(kế hoạch năm 2018 là 1 tỷ đồng/HTX)" in text, text
    table = " ".join(run(db, "--lang", "vi", "report", "2018", "--format", "markdown").split())
    # The label names the unit; the figures are bare, and no header says "(đồng)" again.
    assert "| Thu nhập bình quân (đồng/người/năm) | 48.000.000 |" in table, table
    assert "| Doanh thu bình quân (đồng/HTX) | 1.000.000.000 |" in table, table
    assert "| Chỉ tiêu | Kế hoạch | Thực hiện |" in table, table


def test_a_plan_too_wide_for_80_columns_is_shown_row_by_row_and_whole(databases: Any) -> None:
    """Four money columns do not fit 80 columns whatever their headers: Rich cut the last columns
    ("Cùng" and nothing under it). Such a table is shown a row at a time, each figure under its
    label with its header, and nothing is cut; at 120 columns it is the table it was."""
    from tests.terminal import on_a_terminal

    db = databases()
    load_example(db)
    assert invoke(db, "import", "figures", str(EXAMPLE / "figures.csv")).exit_code == 0
    for step in (
        ("plan", "set", "2018", "average-revenue", "2 tỷ"),
        ("plan", "set", "2018", "average-income", "6 triệu/tháng"),
        ("plan", "set", "2018", "new-cooperatives", "25"),
        ("plan", "estimate", "2018", "new-cooperatives", "31"),
    ):
        assert invoke(db, *step).exit_code == 0
    plan = by_indicator(report_json(db, "2018"))
    shown = on_a_terminal(db, 80, "--lang", "vi", "report", "2018")
    lines = shown.splitlines()
    assert max(map(len, lines)) <= 80 and "…" not in shown, shown
    part = "\n".join(
        line.rstrip() for line in shown[shown.index("Kết quả thực hiện kế hoạch") :].splitlines()
    )

    def row(label: str) -> str:
        return part[part.index(label) :].split("\n\n")[0]

    revenue, new = row("Doanh thu bình quân (đồng/HTX)"), row("HTX thành lập mới")
    target = f"{plan['average-revenue']['target']:,}".replace(",", ".")
    assert re.search(rf"Kế hoạch +{target}", revenue), revenue
    assert re.search(r"Ước thực hiện cả năm +31\n", new), new
    assert re.search(rf"Cùng kỳ năm 2017 +{plan['new-cooperatives']['previous_year']}\n", new), new
    wide = on_a_terminal(db, 160, "--lang", "vi", "report", "2018")
    assert re.search(r"Doanh thu bình quân \(đồng/HTX\) +2\.000\.000\.000 ", wide), wide


def test_a_share_in_the_plan_says_it_is_to_one_decimal(databases: Any) -> None:
    """The plan measured the good-and-fair share as 57,1% while the ratings table and the narrative
    said 57% (whole percents that add up to 100): two roundings read as two numbers. A plan with a
    share says so under its table; a plan without one does not."""
    db = databases()
    load_example(db)
    assert invoke(db, "plan", "set", "2018", "new-cooperatives", "25").exit_code == 0
    note = "tính đến một chữ số thập phân; biểu xếp loại làm tròn các tỷ lệ đến số nguyên"
    assert note not in " ".join(run(db, "--lang", "vi", "report", "2018", "--format", "markdown").split())
    assert invoke(db, "plan", "set", "2018", "good-fair-share", "40%").exit_code == 0
    share = by_indicator(report_json(db, "2018"))["good-fair-share"]["actual"]
    shown = " ".join(run(db, "--lang", "vi", "report", "2018", "--format", "markdown").split())
    assert f"{share:.1f}%".replace(".", ",") in shown and note in shown, shown
