"""The report's `economy` (issue 22): every number against a hand computation over the example's files,
made here with the csv module and Decimal, independently of the report's code; the report without
figures unchanged byte for byte; undo of a figures import restoring it."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, drop_database, fresh_database, invoke, load_example

pytestmark = pytest.mark.both_backends

COUNTS = ("members", "associate_members", "new_members", "workers", "member_workers", "seasonal_workers")
MONEY = ("capital_vnd", "assets_vnd", "revenue_vnd", "profit_vnd", "tax_vnd")
OCOP = ("ocop_3", "ocop_4", "ocop_5")
FIELDS = (*COUNTS, *MONEY, "income_vnd_per_year", *OCOP, "high_tech", "value_chain")


@pytest.fixture(scope="module")
def with_figures(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    db = fresh_database(backend, tmp_path_factory.mktemp("economy"))
    load_example(db)
    r = invoke(db, "import", "figures", str(EXAMPLE / "figures.csv"))
    assert r.exit_code == 0, r.stderr
    yield db
    drop_database(db)


def _rows(name: str) -> list[dict[str, str]]:
    with open(EXAMPLE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _average(total: int, count: int, places: int) -> int | float:
    value = (Decimal(total) / Decimal(count)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return int(value) if places == 0 else float(value)


def hand_computed(year: int, group: str) -> dict[str, dict[str, Any]]:
    """The economy blocks of `year` grouped by `group` (kind or district), from the files alone."""
    end = date(year, 12, 31)
    organisations = {}
    for o in _rows("cooperatives.csv"):
        dissolved = date.fromisoformat(o["dissolved"]) if o["dissolved"] else None
        if date.fromisoformat(o["founded"]) <= end and (dissolved is None or dissolved > end):
            organisations[o["code"]] = o
    blocks: dict[str, dict[str, Any]] = {}
    active: dict[str, int] = {}
    for o in organisations.values():
        active[o[group]] = active.get(o[group], 0) + 1
    reported: dict[str, list[dict[str, str]]] = {}
    for row in _rows("figures.csv"):
        if int(row["year"]) != year or row["code"] not in organisations:
            continue
        if any(row[f] for f in FIELDS):
            reported.setdefault(organisations[row["code"]][group], []).append(row)
    for key in active:
        rows = reported.get(key, [])
        block: dict[str, Any] = {"active": active[key], "reporting": len(rows)}
        for name in (*COUNTS, *MONEY, "income_vnd_per_year", *OCOP):
            given = [int(r[name]) for r in rows if r[name]]
            if name == "income_vnd_per_year":
                if not given:
                    block[name] = {"average": None, "basis": None, "reporting": 0}
                elif all(r["workers"] for r in rows if r[name]):
                    weighted = sum(int(r[name]) * int(r["workers"]) for r in rows if r[name])
                    workers = sum(int(r["workers"]) for r in rows if r[name])
                    block[name] = {
                        "average": _average(weighted, workers, 0),
                        "basis": "workers",
                        "reporting": len(given),
                    }
                else:
                    plain = _average(sum(given), len(given), 0)
                    block[name] = {"average": plain, "basis": "organisations", "reporting": len(given)}
                continue
            places = 0 if name in MONEY else 1
            block[name] = {
                "sum": sum(given) if given else None,
                "average": _average(sum(given), len(given), places) if given else None,
                "reporting": len(given),
            }
        block["high_tech"] = sum(1 for r in rows if r["high_tech"] == "yes")
        block["value_chain"] = sum(1 for r in rows if r["value_chain"] == "yes")
        blocks[key] = block
    return blocks


def report(db: Path | str, *args: str) -> dict[str, Any]:
    r = invoke(db, "report", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("year", [2017, 2018])
def test_every_economy_number_equals_a_hand_computation(with_figures: Path | str, year: int) -> None:
    economy = report(with_figures, str(year))["economy"]
    by_kind = hand_computed(year, "kind")
    for kind in ("cooperative", "group", "union", "credit-fund"):
        expected = by_kind.get(kind)
        if expected is None:  # no organisation of the kind
            assert economy[kind]["active"] == 0 and economy[kind]["reporting"] == 0
            continue
        assert economy[kind] == expected, kind
    assert economy["cooperative"]["reporting"] > 0
    assert economy["cooperative"]["reporting"] < economy["cooperative"]["active"]  # some did not report
    assert economy["districts"] == hand_computed(year, "district")
    totals = hand_computed(year, "district")
    assert economy["totals"]["active"] == sum(b["active"] for b in totals.values())
    assert economy["totals"]["revenue_vnd"]["sum"] == sum(
        b["revenue_vnd"]["sum"] or 0 for b in totals.values()
    )


def test_compare_gives_each_average_s_change(with_figures: Path | str) -> None:
    economy = report(with_figures, "2018", "--compare")["economy"]
    now, before = hand_computed(2018, "kind")["cooperative"], hand_computed(2017, "kind")["cooperative"]
    revenue = economy["cooperative"]["revenue_vnd"]
    by = now["revenue_vnd"]["average"] - before["revenue_vnd"]["average"]
    percent = (Decimal(by) * 100 / Decimal(before["revenue_vnd"]["average"])).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    assert revenue["change"] == {"by": by, "percent": float(percent)}
    assert "change" in economy["cooperative"]["income_vnd_per_year"]
    assert "change" not in report(with_figures, "2018")["economy"]["cooperative"]["revenue_vnd"]


def test_without_figures_the_report_is_unchanged_and_undo_restores_it(
    example_db: Path | str, databases: Any
) -> None:
    before = invoke(example_db, "report", "2018", "--format", "json").stdout
    assert "economy" not in json.loads(before)
    db = databases()
    load_example(db)
    assert invoke(db, "report", "2018", "--format", "json").stdout == before
    assert invoke(db, "import", "figures", str(EXAMPLE / "figures.csv")).exit_code == 0
    assert "economy" in json.loads(invoke(db, "report", "2018", "--format", "json").stdout)
    assert invoke(db, "undo", "--yes").exit_code == 0
    assert invoke(db, "report", "2018", "--format", "json").stdout == before


def test_the_narrative_tells_the_economy_with_the_json_s_numbers(with_figures: Path | str) -> None:
    from htxcli.render.narrative import press_money

    data = report(with_figures, "2018", "--compare")
    coop, groups = data["economy"]["cooperative"], data["economy"]["group"]
    text = invoke(with_figures, "report", "2018", "--compare", "--format", "text").stdout
    last = text.strip().split("\n\n")[-1]
    counts = f"{coop['reporting']}/{coop['active']} HTX, {groups['reporting']}/{groups['active']} THT"
    assert f"{counts} reported figures for 2018." in last
    revenue = coop["revenue_vnd"]
    word = "up" if revenue["change"]["by"] > 0 else "down"
    percent = abs(revenue["change"]["percent"])
    assert f"Average revenue was {press_money(revenue['average'])}/HTX, {word} {percent}% on 2017" in last
    profit = coop["profit_vnd"]["average"]
    assert f"average pre-tax profit {press_money(profit)}/HTX" in last
    income = coop["income_vnd_per_year"]["average"]
    assert f"the average income of a worker {press_money(income)}/person/year" in last
    assert f"{coop['high_tech']} cooperatives applied high technology" in last
    ocop = coop["ocop_3"]["sum"] + coop["ocop_4"]["sum"] + coop["ocop_5"]["sum"]
    assert f"{ocop} OCOP products" in last


def test_the_tables_count_of_reporting_gives_each_kinds_as_the_narrative_does(
    with_figures: Path | str,
) -> None:
    """The narrative said "6/12 HTX đã báo cáo" and the table "6/13 tổ chức": both right (one counts
    cooperatives, the other every kind), read side by side as a contradiction. With more than one kind
    registered the table's caption gives each kind's count beside the total."""
    data = report(with_figures, "2018")
    economy, totals = data["economy"], data["economy"]["totals"]
    kinds = ", ".join(
        f"{economy[k]['reporting']}/{economy[k]['active']} {abbreviation}"
        for k, abbreviation in (("cooperative", "HTX"), ("group", "THT"))
    )
    shown = " ".join(
        invoke(with_figures, "--lang", "vi", "report", "2018", "--format", "markdown").stdout.split()
    )
    assert (
        f"{totals['reporting']}/{totals['active']} tổ chức hiện có (còn đăng ký) đã báo cáo số liệu năm 2018 "
        f"({kinds})." in shown
    ), shown


def test_the_narrative_in_vietnamese_as_the_press_writes_it(with_figures: Path | str) -> None:
    r = invoke(with_figures, "--lang", "vi", "report", "2018", "--compare", "--format", "text")
    last = r.stdout.strip().split("\n\n")[-1]
    assert re.search(r"Có \d+/\d+ HTX, \d+/\d+ THT đã báo cáo số liệu năm 2018\.", last), last
    assert (
        "Doanh thu bình quân đạt " in last and " tỷ đồng/HTX, tăng " in last and "% so với năm 2017" in last
    )
    assert "thu nhập bình quân của người lao động " in last and " triệu đồng/người/năm" in last


def test_a_year_without_figures_says_so_in_one_line(with_figures: Path | str) -> None:
    data = report(with_figures, "2016")
    assert data["economy"]["totals"]["reporting"] == 0
    assert data["economy"]["cooperative"]["revenue_vnd"] == {"sum": None, "average": None, "reporting": 0}
    text = invoke(with_figures, "report", "2016", "--format", "text").stdout
    assert "No yearly figures were reported for 2016." in text
    table = invoke(with_figures, "report", "2016").stdout
    economy = table.split("What the organisations achieved in 2016")[1]
    assert "No yearly figures were reported for 2016." in economy
    assert "Members" not in economy and "Revenue" not in economy  # no line of zeros


def test_every_layout_shows_the_economy(with_figures: Path | str, tmp_path: Path) -> None:
    data = report(with_figures, "2018")
    revenue = data["economy"]["totals"]["revenue_vnd"]["average"]
    shown = f"{revenue:,}".replace(",", ".")
    table = invoke(with_figures, "report", "2018").stdout
    assert "What the organisations achieved in 2018" in table and shown in table
    assert "Averages by district, 2018" in table
    for suffix in ("md", "html"):
        target = tmp_path / f"report.{suffix}"
        assert invoke(with_figures, "report", "2018", "-o", str(target)).exit_code == 0
        page = target.read_text(encoding="utf-8")
        assert "What the organisations achieved in 2018" in page and shown in page, suffix
    from docx import Document

    target = tmp_path / "report.docx"
    assert invoke(with_figures, "report", "2018", "-o", str(target)).exit_code == 0
    cells = [c.text for t in Document(str(target)).tables for row in t.rows for c in row.cells]
    assert shown in cells
    from openpyxl import load_workbook

    target = tmp_path / "report.xlsx"
    assert invoke(with_figures, "report", "2018", "-o", str(target)).exit_code == 0
    values = [
        c for ws in load_workbook(target).worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    assert revenue in values
    tidy = invoke(with_figures, "report", "2018", "--format", "csv").stdout
    assert f"2018,economy,totals,revenue_vnd.average,{revenue}" in tidy
    compare = invoke(with_figures, "report", "2018", "--compare").stdout
    # Each figure heads its total, average and base; the income (an average already) its average alone.
    assert "Revenue (đồng)" in compare and "Reported by" in compare
    assert "Average per reporting organisation" in compare
    assert "Average income a year, average" not in compare


def test_figures_group_by_the_address_in_force_from_2025(htx: Any) -> None:
    for table in ("cooperatives", "ratings", "support"):
        htx("import", table, str(EXAMPLE / f"{table}.csv"))
    assert htx("places", "migrate", "--yes", "--from-province", "Bắc Kạn").exit_code == 0
    r = htx(
        "figures", "4700257731", "2025", "--revenue", "3 tỷ", "--workers", "10", "--income", "6 triệu/tháng"
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(htx("report", "2025", "--format", "json").stdout)
    economy = data["economy"]
    assert economy["totals"]["reporting"] == 1
    communes = {name: b for name, b in economy["communes"].items() if b["reporting"]}
    assert list(communes) == ["Ba Bể"] or len(communes) == 1
    assert next(iter(communes.values()))["revenue_vnd"]["average"] == 3_000_000_000
    assert economy["former_provinces"]["Bắc Kạn"]["income_vnd_per_year"]["average"] == 72_000_000
    assert set(economy["communes"]) == set(data["totals"]["communes"])
    # No district is in force after the reform: none in the economy either (it had "": active 0).
    assert data["districts"] == {} and economy["districts"] == {}


def test_figures_of_an_organisation_ended_within_the_period_are_left_out_with_a_note(htx: Any) -> None:
    """The economy counts the organisations active at the period's end; one dissolved during 2018 that
    reported its 2018 figures was dropped without a word. The table says how many were left out."""
    for table in ("cooperatives", "ratings", "support", "figures"):
        assert htx("import", table, str(EXAMPLE / f"{table}.csv")).exit_code == 0
    code = next(r["code"] for r in _rows("figures.csv") if r["year"] == "2018" and r.get("revenue_vnd"))
    before = json.loads(htx("report", "2018", "--format", "json").stdout)["economy"]
    assert "more organisations that ended" not in htx("report", "2018", "--format", "markdown").stdout
    assert htx("dissolve", code, "--on", "01/06/2018").exit_code == 0
    after = json.loads(htx("report", "2018", "--format", "json").stdout)["economy"]
    assert after["totals"]["reporting"] == before["totals"]["reporting"] - 1
    assert list(after) == list(before)  # the JSON's keys are unchanged
    for layout in ("table", "markdown"):  # the tables' layouts (the text is the narrative alone)
        shown = " ".join(htx("report", "2018", "--format", layout).stdout.split())
        assert "1 more organisations that ended within the period reported figures" in shown, layout
    shown = " ".join(htx("--lang", "vi", "report", "2018").stdout.split())
    assert "Ngoài ra, 1 tổ chức đã chấm dứt hoạt động trong kỳ có báo cáo số liệu" in shown


def test_a_yes_or_no_figure_nobody_answered_is_left_out_not_0(htx: Any) -> None:
    """ "Liên kết chuỗi giá trị: 0" was printed while no organisation had answered it: not reported is
    not none, and the line is left out. Answered, the table says how many answered yes and how many
    answered."""
    assert htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    codes = [r["code"] for r in _rows("cooperatives.csv")[:3]]
    for code in codes:
        assert htx("figures", code, "2018", "--revenue", "2 tỷ").exit_code == 0

    def row(label: str) -> list[str] | None:
        table = htx("report", "2018", "--format", "markdown").stdout
        line = next((line for line in table.splitlines() if line.startswith(f"| {label} |")), None)
        return None if line is None else [cell.strip() for cell in line.strip("|").split("|")]

    # A figure nobody gave is no line of the table (a second reader found ten lines of "0"
    # reporting an alarm), not a line saying 0; the caption says how many reported.
    assert row("In a value chain") is None and row("Revenue (đồng)") is not None
    assert htx("figures", codes[0], "2018", "--value-chain", "yes").exit_code == 0
    assert htx("figures", codes[1], "2018", "--value-chain", "no").exit_code == 0
    assert (row("In a value chain") or [])[1:] == ["1", "", "2"]  # yes: 1, answered: 2


def test_a_loss_has_the_same_minus_as_a_change(
    htx: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A loss was printed "-50.000.000 ₫" at the terminal beside its changes' "−4": one minus a view.
    The terminal and the printed documents write the true minus sign, as the change columns' header
    "giảm (−)" does (a second reader found "-50.000.000" under it); Markdown keeps ASCII "-", which a
    spreadsheet reads as a number."""
    monkeypatch.setenv("COLUMNS", "200")
    assert htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    code = _rows("cooperatives.csv")[0]["code"]
    assert htx("figures", code, "2018", "--revenue", "2 tỷ", "--profit", "-50000000").exit_code == 0
    table = htx("report", "2018").stdout
    profit = next(line for line in table.splitlines() if line.strip().startswith("Pre-tax profit"))
    assert profit.split()[-3:-1] == ["\u221250.000.000", "\u221250.000.000"], profit
    assert profit.strip().startswith("Pre-tax profit (đồng)"), profit
    markdown = htx("report", "2018", "--format", "markdown").stdout
    assert "| -50.000.000 | -50.000.000 | 1 |" in markdown, markdown
    import docx

    assert htx("--lang", "vi", "report", "2018", "-o", str(tmp_path / "r.docx")).exit_code == 0
    cells = [c.text for t in docx.Document(str(tmp_path / "r.docx")).tables for r in t.rows for c in r.cells]
    assert "\u221250.000.000" in cells and "-50.000.000" not in cells
    assert htx("--lang", "vi", "report", "2018", "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert ">\u221250.000.000<" in page and ">-50.000.000<" not in page


def test_the_averages_by_place_end_with_the_provinces(with_figures: Path | str) -> None:
    """A Vietnamese summary table ends with its total: the averages by district end with the
    province's row, the economy table's own figures (reporting, active, and each average)."""
    totals = report(with_figures, "2018")["economy"]["totals"]
    table = invoke(with_figures, "report", "2018", "--format", "markdown").stdout
    section = table[table.index("## Averages by district, 2018") :].split("\n\n")[1]
    last = [c.strip().strip("*") for c in section.splitlines()[-1].strip("|").split("|")]
    money = [f"{totals[k]['average']:,}".replace(",", ".") for k in ("revenue_vnd", "profit_vnd")]
    income = f"{totals['income_vnd_per_year']['average']:,}".replace(",", ".")
    assert last == ["Total", str(totals["reporting"]), str(totals["active"]), *money, income], last


def test_the_averages_by_place_say_the_incomes_unit_as_the_economy_table_does(
    with_figures: Path | str,
) -> None:
    """The income's average is a worker's a year: its column says so as the economy's line and the
    plan's do ("Thu nhập bình quân (đồng/người/năm)"), not "Thu nhập bình quân/năm (đồng)" (a ninth
    reader); the organisations' averages in đồng."""
    table = invoke(with_figures, "--lang", "vi", "report", "2018", "--format", "markdown").stdout
    section = table[table.index("## Kết quả hoạt động bình quân theo huyện năm 2018") :].split("\n\n")[1]
    header = [c.strip() for c in section.splitlines()[0].strip("|").split("|")]
    assert header[-3:] == [
        "Doanh thu bình quân (đồng)",
        "Lợi nhuận trước thuế bình quân (đồng)",
        "Thu nhập bình quân (đồng/người/năm)",
    ], header
    assert "| Thu nhập bình quân (đồng/người/năm) |" in table  # the economy's line, the same words
