"""htx report -o FILE.xlsx: the workbook read back with openpyxl (an independent reader), every figure
compared with `--format json`, the organisation list with `htx list` and `htx export ratings`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, LEGAL_STATUSES, PROGRAMS, SECTORS, STATUSES
from htxcli.render.xlsx_cells import HEADER_ROW as SHEET_HEADER_ROW
from tests.conftest import HTX, ROOT, Run, grouped, invoke, snapshot

pytestmark = pytest.mark.both_backends

HEADER_ROW = SHEET_HEADER_ROW + 1  # openpyxl counts from 1: title, the report cited, heading, blank, header
SHEETS_EN = [
    "Table 1. Summary",
    "Table 2. Ratings",
    "Table 3. Support",
    "Table 4. New-model",
    "Table 5. Districts",
    "Charts",
    "Organisations 2018",
]
SHEETS_VI = [
    "Biểu 1. Tổng hợp",
    "Biểu 2. Xếp loại",
    "Biểu 3. Hỗ trợ",
    "Biểu 4. HTX kiểu mới",
    "Biểu 5. Theo huyện",
    "Biểu đồ",
    "Danh sách tổ chức 2018",
]


def report_json(db: Path | str, *args: str) -> Any:
    r = invoke(db, "report", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def workbook(db: Path | str, path: Path, *args: str) -> Any:
    r = invoke(db, "report", *args, "-o", str(path))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    return openpyxl.load_workbook(path)


def table(sheet: Any) -> dict[str, list[Any]]:
    """The sheet's table by its first column's text: the row's other cells."""
    return {row[0]: list(row[1:]) for row in table_rows(sheet) if row[0] is not None}


def band_shares(sheet: Any) -> dict[str, list[Any]]:
    """A range's or comparison's ratings sheet: each band's share, the line beneath the band's count."""
    out, band = {}, None
    for row in table_rows(sheet):
        label = str(row[0] or "").strip()
        if label in BAND_LABELS.values():
            band = label
        elif label == "Share" and band is not None:
            out[band] = list(row[1:])
    return out


def table_rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))


def named(book: Any, name: str) -> Any:
    """The sheet of a table, named by its number as the Word and HTML reports number it: "Table 1.
    Summary" for "Summary"."""
    (found,) = [s for s in book.worksheets if re.fullmatch(rf"(Table|Biểu) \d+\. {re.escape(name)}", s.title)]
    return found


def headers(sheet: Any) -> list[Any]:
    return [c.value for c in sheet[HEADER_ROW]]


def share(cell: float) -> int:
    """A percentage cell as the report prints it: 0.29 is 29."""
    assert isinstance(cell, float | int)
    return round(cell * 100)


@pytest.fixture(scope="module")
def book_2018(example_db: Path | str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    path = tmp_path_factory.mktemp("xlsx") / "bao-cao-2018.xlsx"
    return workbook(example_db, path, "2018"), path


# --- one year ---------------------------------------------------------------------------------


def shown_capital(o: dict[str, Any]) -> int | None:
    """The capital a table shows for a block: none where organisations gave none (a blank cell: not
    reported, not 0 ₫); 0 where there is no organisation, as the counts beside it."""
    return o["capital_vnd"] if o["capital_vnd"] or not o["active"] else None


def test_every_figure_of_the_year_equals_the_json(example_db: Path, book_2018: tuple[Any, Path]) -> None:
    book, _ = book_2018
    r = report_json(example_db, "2018")
    assert book.sheetnames == SHEETS_EN

    summary = grouped(table_rows(named(book, "Summary")))
    for kind, o in [*r["organisations"].items(), ("total", r["totals"]["organisations"])]:
        label = "Total" if kind == "total" else KINDS.label(kind)
        # The Word and HTML Biểu 1's columns: the count at the start is the count less the change.
        expected = [o["active"], o["new"], o["dissolved"], o["active"] - o["active_start"], o["members"]]
        assert summary[label] == [*expected, shown_capital(o)], kind
    assert headers(named(book, "Summary"))[4] == "Change on 2017"

    ratings = table(named(book, "Ratings"))
    for band, label in BAND_LABELS.items():
        count, percent = ratings[label]
        assert (count, share(percent)) == (r["ratings"]["bands"][band], r["ratings"]["percent"][band])
    assert ratings[GRADES.label("good")][0] == r["ratings"]["grades"]["good"]
    assert ratings[GRADES.label("fair")][0] == r["ratings"]["grades"]["fair"]

    support = table(named(book, "Support"))
    for program, s in r["support"].items():
        if s["records"]:
            # a program for the whole province, or of no money: a blank cell
            expected = [
                s["organisations"] or None,
                s["records"],
                s["quantity"],
                s["unit"],
                s["amount_vnd"] or None,
            ]
            # Loans beside spending: named as loans, after the spending's sum (a loan is lent, not spent).
            apart = program == "credit" and "Support spending (loans not counted)" in support
            label = "Credit (loans disbursed)" if apart else PROGRAMS.label(program)
            assert support[label] == expected, program
    total = r["totals"]["support"]
    whole = "Total (loans included)" if "Support spending (loans not counted)" in support else "Total"
    assert support[whole] == [None, total["records"], None, None, total["amount_vnd"]]

    assert list(table(named(book, "New-model"))) == [m["code"] for m in r["new_model"]]

    districts = table(named(book, "Districts"))
    assert list(districts) == [*r["districts"], "Total"]
    for name, kinds in [*r["districts"].items(), ("Total", r["organisations"])]:
        t = r["totals"]["organisations"] if name == "Total" else r["totals"]["districts"][name]
        active = [kinds[k]["active"] for k in ("cooperative", "group")]
        assert districts[name] == [*active, t["new"], t["dissolved"], t["members"], t["capital_vnd"]]


def test_numbers_are_numbers_with_thousands_formats(book_2018: tuple[Any, Path]) -> None:
    book, _ = book_2018
    summary = named(book, "Summary")
    cooperatives = summary.cell(HEADER_ROW + 1, 2)
    assert isinstance(cooperatives.value, int) and cooperatives.data_type == "n"
    assert cooperatives.number_format == "#,##0"
    capital = summary.cell(HEADER_ROW + 1, 7)
    assert isinstance(capital.value, int) and capital.number_format.startswith("#,##0")
    change = summary.cell(HEADER_ROW + 1, 5)
    assert change.number_format.startswith("+#,##0;-#,##0")
    percent = named(book, "Ratings").cell(HEADER_ROW + 1, 3)
    assert isinstance(percent.value, float) and percent.number_format == "0%"
    for sheet in book.worksheets[:5]:
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, min_col=2):
            for cell in row:
                if isinstance(cell.value, str):  # text only where the layout holds text
                    assert not cell.value.replace(".", "").isdigit() or sheet.title == "New-model", cell


def test_the_organisation_list_is_htx_lists_order_with_each_grade(
    example_db: Path, book_2018: tuple[Any, Path]
) -> None:
    book, _ = book_2018
    sheet = book["Organisations 2018"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    listed = json.loads(invoke(example_db, "list", "--format", "json").stdout)
    end = date(2018, 12, 31)
    active = [
        o
        for o in listed
        if date.fromisoformat(o["founded"]) <= end
        and (not o["dissolved"] or date.fromisoformat(o["dissolved"]) > end)
    ]
    r = report_json(example_db, "2018")
    assert len(rows) == len(active) == r["totals"]["organisations"]["active"]
    assert sheet["A1"].value == (
        f"Organisations registered (not ended) on 2018-12-31: {len(active)}, of which operating {len(active)}"
    )
    assert [row[1] for row in rows] == [o["code"] for o in active]  # the Vietnamese order of htx list
    grades = {
        g["code"]: g["grade"]
        for g in json.loads(
            invoke(example_db, "export", "ratings", "--year", "2018", "--format", "json").stdout
        )
    }
    for n, (row, o) in enumerate(zip(rows, active, strict=True), 1):
        (
            number,
            code,
            name,
            kind,
            status,
            district,
            commune,
            province,
            sector,
            founded,
            members,
            capital,
            grade,
        ) = row
        assert number == n and isinstance(code, str) and name == o["name"] and kind == KINDS.label(o["kind"])
        assert status == STATUSES.label("operating") == "Đang hoạt động"  # the report's word
        assert (district, commune, province, sector) == (
            o["district"],
            o["commune"],
            o["province"],
            SECTORS.label(o["sector"]) or None,
        )
        assert founded == datetime.fromisoformat(o["founded"])
        assert (members, capital) == (o["members"], o["capital_vnd"])
        assert grade == (GRADES.label(grades[code]) if code in grades else None)
    founded_cell = sheet.cell(HEADER_ROW + 1, 10)
    assert founded_cell.is_date and founded_cell.number_format == "dd/mm/yyyy"
    assert sum(1 for row in rows if row[12] is not None) == r["ratings"]["rated"] + r["ratings"]["unrated"]


def test_frozen_headers_widths_and_print_set_up(book_2018: tuple[Any, Path]) -> None:
    book, _ = book_2018
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == 9, sheet.title  # A4
        # Fit to one page across (fitToWidth's default, 1, is left out of the file).
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth or 1) == 1
        if sheet.title == "Charts":
            continue
        assert sheet.freeze_panes is not None and sheet.freeze_panes[1:] == str(HEADER_ROW + 1)
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert setup.fitToHeight == 0
    roster = book["Organisations 2018"]
    assert roster.page_setup.orientation == "landscape"
    assert roster.column_dimensions["C"].width >= 30  # names, wrapped beyond
    assert named(book, "Summary").column_dimensions["A"].width >= len("Quỹ tín dụng nhân dân")


def test_the_charts_are_native_excel_charts(book_2018: tuple[Any, Path]) -> None:
    _, path = book_2018
    charts = _charts(path)
    assert len(charts) == 2
    assert any("<c:pieChart>" in xml and "Ratings 2018: the three bands" in xml for xml in charts)
    # The example holds loans beside spending: the chart is of the spending, so named.
    spent = "Support 2018: spending by program, loans not counted"
    assert any("<c:barChart>" in xml and spent in xml for xml in charts)


def _charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/charts/chart") and n.endswith(".xml")]
        # (a chart's title keeps each year with its word: a no-break space, read as a space here)
        return [z.read(n).decode().replace("\xa0", " ") for n in names]


# --- several years side by side ----------------------------------------------------------------


def test_a_range_puts_the_years_side_by_side_with_the_year_by_year_chart(
    example_db: Path, tmp_path: Path
) -> None:
    book = workbook(example_db, tmp_path / "xu-huong.xlsx", "2014..2018")
    years = report_json(example_db, "2014..2018")
    assert headers(named(book, "Summary")) == ["Figures", "2014", "2015", "2016", "2017", "2018"]
    summary = grouped(table_rows(named(book, "Summary")))
    for kind in ("cooperative", "group"):
        for metric, label in (("active", "Active"), ("capital_vnd", "Capital (registered) (đồng)")):
            blocks = [y["organisations"][kind] for y in years]
            if metric == "capital_vnd":  # a line of nothing in any year is left out
                shown = [shown_capital(o) for o in blocks]
                assert summary.get(f"{KINDS.label(kind)}: {label}", [None] * len(shown)) == shown, kind
                continue
            assert summary[f"{KINDS.label(kind)}: {label}"] == [o[metric] for o in blocks], (kind, metric)
    ratings = band_shares(named(book, "Ratings"))
    # A year nobody was rated in has no share: an empty cell, not 0%.
    assert [None if v is None else share(v) for v in ratings["Trung bình"]] == [
        y["ratings"]["percent"]["average"] if y["ratings"]["rated"] else None for y in years
    ]
    charts = _charts(tmp_path / "xu-huong.xlsx")
    assert len(charts) == 3
    active = next(xml for xml in charts if "Organisations active at the end of each year" in xml)
    assert '<c:barDir val="col"/>' in active
    chart_sheet = table(book["Charts"])  # the chart's own table: the model's active_by_year
    assert [chart_sheet[str(y["year"])][0] for y in years] == [
        y["totals"]["organisations"]["active"] for y in years
    ]


def test_compare_adds_the_year_before_and_the_change(example_db: Path, tmp_path: Path) -> None:
    book = workbook(example_db, tmp_path / "so-sanh.xlsx", "2018", "--compare")
    r = report_json(example_db, "2018", "--compare")
    before, after = r["previous"], r
    assert headers(named(book, "Summary")) == ["Figures", "2017", "2018", "Change on 2017"]
    row = grouped(table_rows(named(book, "Summary")))[f"{KINDS.label('cooperative')}: Active"]
    a, b = before["organisations"]["cooperative"]["active"], after["organisations"]["cooperative"]["active"]
    assert row == [a, b, b - a]
    rated = band_shares(named(book, "Ratings"))["Yếu"]
    weak = before["ratings"]["percent"]["weak"], after["ratings"]["percent"]["weak"]
    assert [share(v) for v in rated] == [*weak, weak[1] - weak[0]]
    assert named(book, "Ratings").cell(HEADER_ROW + 1, 4).number_format.startswith("+#,##0")
    assert len(_charts(tmp_path / "so-sanh.xlsx")) == 3


# --- text stays text ---------------------------------------------------------------------------


def test_names_that_look_like_formulas_or_markup_are_plain_text(
    registry: Callable[..., Run], db_path: Path | str, tmp_path: Path
) -> None:
    for code, name in (
        ("0100000001", "=1+1"),
        ("0100000002", "<script>alert(1)</script>"),
        ("0100000003", "@SUM(A1)"),
    ):
        assert registry("add", name, "--code", code, "--founded", "2015-01-01").exit_code == 0
    path = tmp_path / "r.xlsx"
    book = workbook(db_path, path, "2018")
    rows = {row[1].value: row[2] for row in book["Organisations 2018"].iter_rows(min_row=HEADER_ROW + 1)}
    assert rows["0100000001"].value == "=1+1" and rows["0100000001"].data_type == "s"
    assert rows["0100000002"].value == "<script>alert(1)</script>"
    assert rows["0100000003"].value == "@SUM(A1)"
    assert rows["0470012345"].value == "HTX Nông nghiệp Tân Thành"  # the code keeps its leading zero
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml for xml in sheets)  # no formula anywhere


# --- where it goes -------------------------------------------------------------------------------


def test_a_workbook_is_never_written_to_stdout(example_db: Path) -> None:
    r = invoke(example_db, "report", "2018", "--format", "xlsx")
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "-o FILE.xlsx" in r.stderr and "Traceback" not in r.stderr


def test_a_workbook_never_replaces_the_registry(registry: Callable[..., Run], db_path: Path | str) -> None:
    if not isinstance(db_path, Path):
        pytest.skip("the registry is a server database")
    before = snapshot(db_path)
    r = registry("report", "2018", "--format", "xlsx", "-o", str(db_path))
    assert r.exit_code == 1 and "registry" in r.stderr
    assert snapshot(db_path) == before


def test_one_district(example_db: Path, tmp_path: Path) -> None:
    book = workbook(example_db, tmp_path / "ba-be.xlsx", "2018", "--district", "ba be")
    r = report_json(example_db, "2018", "--district", "ba be")
    rows = list(book["Organisations 2018"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert {row[5] for row in rows} == {"Ba Bể"}
    assert len(rows) == r["totals"]["organisations"]["active"]


def test_sheet_names_and_headers_are_vietnamese_by_default(example_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-2018.xlsx"
    environ = {
        k: v for k, v in os.environ.items() if k not in ("HTX_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    command = [*HTX, "--db", str(example_db), "report", "2018", "-o", str(path)]
    done = subprocess.run(
        command, capture_output=True, text=True, env={**environ, "LANG": "C.UTF-8"}, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS_VI
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert headers(book["Danh sách tổ chức 2018"])[:3] == ["STT", "Mã số", "Tên"]
    assert headers(named(book, "Tổng hợp"))[:2] == ["Loại hình", "Hiện có (còn\u00a0đăng\u00a0ký)"]


def test_the_list_of_a_period_after_the_reform_gives_the_status_and_the_address_in_force(
    htx: Callable[..., Run], db_path: Path | str, tmp_path: Path
) -> None:
    """The list sheet of the 2025 period (15/12/2024–14/12/2025) holds the organisations registered on
    its last day, says so, gives each its legal status, and its address in force that day with the
    type words (Xã/Phường, Tỉnh), beside the address before 01/07/2025 of one that moved."""
    for args in (
        ("add", "HTX Ba", "--code", "A3", "--province", "Bắc Kạn", "--district", "Ba Bể"),
        ("add", "HTX Hai", "--code", "A2", "--province", "thai nguyen", "--commune", "bac kan"),
        ("add", "HTX Một", "--code", "A1", "--province", "Thái Nguyên", "--commune", "Phường Bắc Kạn"),
        ("add", "HTX Bốn", "--code", "A4", "--province", "Thái Nguyên", "--commune", "Bắc Kạn"),
        ("edit", "A3", "--commune", "Mỹ Phương"),
        ("edit", "A3", "--province", "Thái Nguyên", "--commune", "Thượng Minh"),
        ("suspend", "A2", "--from", "01/11/2025"),
        ("dissolve", "A4", "--on", "14/12/2025"),  # ended on the last day: not registered on it
        ("settings", "period-start", "15/12"),
    ):
        founded = ("--founded", "01/08/2015" if "A3" in args else "01/08/2025") if args[0] == "add" else ()
        r = htx(*args, *founded)
        assert r.exit_code == 0, r.stderr
    book = workbook(db_path, tmp_path / "bao-cao-2025.xlsx", "2025")
    sheet = book["Organisations 2025"]
    assert sheet["A1"].value == "Organisations registered (not ended) on 2025-12-14: 3, of which operating 2"
    assert headers(sheet)[:8] == [
        "No.",
        "Code",
        "Name",
        "Kind",
        "Legal status",
        "Commune/Ward",
        "Province",
        "Address before 2025-07-01",
    ]
    rows = [row[1:8] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    operating, suspended, cooperative = (
        STATUSES.label("operating"),
        LEGAL_STATUSES.label("suspended"),
        KINDS.label("cooperative"),
    )
    assert rows == [
        (
            "A3",
            "HTX Ba",
            cooperative,
            operating,
            "Xã Thượng Minh",
            "Thái Nguyên",
            "Xã Mỹ Phương, Huyện Ba Bể, Tỉnh Bắc Kạn",
        ),
        ("A2", "HTX Hai", cooperative, suspended, "Phường Bắc Kạn", "Thái Nguyên", None),
        ("A1", "HTX Một", cooperative, operating, "Phường Bắc Kạn", "Thái Nguyên", None),
    ]


def test_the_organisation_list_counts_the_reporting_period_not_the_calendar_year(
    htx: Callable[..., Run], db_path: Path | str, tmp_path: Path
) -> None:
    """With reporting years from 15/12, the period named 2018 ends on 14/12/2018: one founded on
    20/12/2018 is in the year 2019, not on the list of 2018, whose title counts what the report counts."""
    for code, founded in (("P1", "2015-03-01"), ("P2", "2018-12-20")):
        assert (
            htx("add", f"HTX {code}", "--code", code, "--district", "Ba Bể", "--founded", founded).exit_code
            == 0
        )
    assert htx("settings", "period-start", "15/12").exit_code == 0
    book = workbook(db_path, tmp_path / "p.xlsx", "2018")
    sheet = book["Organisations 2018"]
    rows = [row[1] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert sheet["A1"].value == "Organisations registered (not ended) on 2018-12-14: 1, of which operating 1"
    assert rows == ["P1"]
    assert report_json(db_path, "2018")["totals"]["organisations"]["active"] == 1
    book = workbook(db_path, tmp_path / "p2019.xlsx", "2019")
    rows = [row[1] for row in book["Organisations 2019"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert book["Organisations 2019"]["A1"].value == (
        "Organisations registered (not ended) on 2019-12-14: 2, of which operating 2"
    )
    assert rows == ["P1", "P2"]


def test_the_list_of_organisations_is_bordered_like_a_printed_table(example_db: Path, tmp_path: Path) -> None:
    """Its header was bordered and its rows were not, so the printed list had no grid (a second
    reader's finding). Every cell of the list, an empty one too, now has the header's border."""
    sheet = workbook(example_db, tmp_path / "r.xlsx", "2018")["Organisations 2018"]
    width = sum(1 for c in sheet[HEADER_ROW] if c.value is not None)
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, max_col=width))
    assert len(rows) > 100
    unbordered = [c.coordinate for row in rows for c in row if c.border.left.style is None]
    assert unbordered == [], unbordered[:10]
