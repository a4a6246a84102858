"""The printed 2026 report's layout as its readers asked (issue 25, item 15): the workbook's charts
titled as the HTML report's, their money axes in triệu đồng; the workbook's text a step off the cell's
border; and the table of the new-model cooperatives headed "Tên tổ chức", without a column repeating
the office's province on every row, in every layout. Read back as the other tests do: the chart XML
and the cells by openpyxl, the Word tables by python-docx, the HTML by an HTML parser."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl

from htxcli.render.xlsx_cells import HEADER_ROW
from tests.conftest import Run, invoke, word_figures
from tests.test_report_print import _write, office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
NEW_MODEL = "HTX kiểu mới được hỗ trợ năm 2026"


def _supported(htx: Htx, *codes: str) -> Htx:
    for code in codes:
        r = htx("support", "add", "new-model", "--to", code, "--date", "01/03/2026", "--amount", "5tr")
        assert r.exit_code == 0, r.stderr
    return htx


def _text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(t.text or "" for t in element.iter(f"{A}t"))


def _charts(path: Path) -> list[ET.Element]:
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [ET.fromstring(z.read(n)) for n in names]


def _chart_title(chart: ET.Element) -> str:
    """The chart's title, its no-break spaces (a year kept with its word) read as spaces."""
    return _raw_title(chart).replace("\xa0", " ")


def _raw_title(chart: ET.Element) -> str:
    return _text(chart.find(f"{C}chart/{C}title"))


def _html_chart_titles(path: Path) -> list[str]:
    """The page's charts' captions, numbered ("Biểu đồ 1. …"), in order."""
    import html

    page = path.read_text(encoding="utf-8")
    return [html.unescape(t) for t in re.findall(r"<figcaption>([^<]*)</figcaption>", page)]


class _Headers(HTMLParser):
    """Each table's header cells, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[str]] = []
        self._th: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "th":
            self._th = ""

    def handle_data(self, data: str) -> None:
        if self._th is not None:
            self._th += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._th is not None:
            self.tables[-1].append(self._th.replace("\xa0", " ").strip())
            self._th = None


def _new_model_headers(htx: Htx, folder: Path) -> dict[str, list[str]]:
    """The new-model table's header in every human layout of the 2026 report, in Vietnamese."""
    import docx

    found: dict[str, list[str]] = {}
    for layout in ("table", "markdown"):
        r = htx("--lang", "vi", "report", "2026", "--format", layout)
        assert r.exit_code == 0, r.stderr
        lines = r.stdout.splitlines()
        at = next(i for i, line in enumerate(lines) if NEW_MODEL in line)
        header = next(line for line in lines[at + 1 :] if "Mã số" in line)
        found[layout] = [c.strip() for c in re.split(r"\s{2,}|\|", header) if c.strip()]
    document = docx.Document(str(_write(htx, folder / "b.docx")))
    tables = [[c.text for c in t.rows[0].cells] for t in word_figures(document)]
    found["docx"] = next(t for t in tables if t[:1] == ["Mã số"])
    parser = _Headers()
    parser.feed(_write(htx, folder / "b.html").read_text(encoding="utf-8"))
    found["html"] = next(t for t in parser.tables if t[:1] == ["Mã số"])
    book = openpyxl.load_workbook(_write(htx, folder / "b.xlsx"))
    sheet = next(s for s in book.worksheets if NEW_MODEL in str(s["A1"].value))
    # A header's two-syllable words are bound by no-break spaces (never "tổ / chức" on two lines).
    found["xlsx"] = [c.value.replace("\xa0", " ") for c in sheet[HEADER_ROW + 1] if c.value is not None]
    return found


# --- the new-model table ----------------------------------------------------------------------


def test_the_new_model_table_leaves_out_the_one_province_of_every_row(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Both supported cooperatives are in Xã Thượng Minh, Thái Nguyên (the office's province): each
    layout heads the names "Tên tổ chức" and has no Tỉnh column. The JSON and CSV keep their rows."""
    htx = _supported(office, "4601254871", "4601254872")
    found = _new_model_headers(htx, tmp_path)
    assert set(found) == {"table", "markdown", "docx", "html", "xlsx"}
    for layout, headers in found.items():
        assert headers == ["Mã số", "Tên tổ chức", "Xã/Phường"], layout
    data = json.loads(htx("report", "2026", "--format", "json").stdout)
    assert data["new_model"] == [
        {"code": "4601254871", "name": "HTX Ba", "district": None, "commune": "Thượng Minh"},
        {"code": "4601254872", "name": "HTX Bốn", "district": None, "commune": "Thượng Minh"},
    ]
    csv = htx("report", "2026", "--format", "csv").stdout
    assert "2026,new_model,4601254871,name,HTX Ba" in csv


def test_the_new_model_table_keeps_the_province_when_rows_differ(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    r = office("add", "HTX Sáu", "--code", "4601254876", "--province", "Tuyên Quang", "--commune",
               "Minh Xuân", "--founded", "05/02/2026")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    htx = _supported(office, "4601254871", "4601254876")
    for layout, headers in _new_model_headers(htx, tmp_path).items():
        assert headers == ["Mã số", "Tên tổ chức", "Xã/Phường", "Tỉnh"], layout
    markdown = htx("--lang", "vi", "report", "2026", "--format", "markdown").stdout
    assert "| 4601254876 | HTX Sáu | Phường Minh Xuân | Tuyên Quang |" in markdown
    assert "| 4601254871 | HTX Ba | Xã Thượng Minh | Thái Nguyên |" in markdown


# --- the workbook's charts --------------------------------------------------------------------


def _money_axes(chart: ET.Element) -> list[ET.Element]:
    return chart.findall(f".//{C}valAx")


def test_the_workbooks_charts_are_titled_as_the_pages_and_count_money_in_millions(
    office: Htx,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Each chart of the workbook bears the title of the HTML report's chart of the same figures; the
    support chart's value axis and its bars' labels divide by a million (LibreOffice draws "1,000",
    not "1,000,000,000", checked by eye) and its axis says "(triệu đồng)"."""
    htx = _supported(office, "4601254871")
    assert htx("support", "add", "outreach", "--date", "02/03/2026", "--amount", "60tr").exit_code == 0
    charts = _charts(_write(htx, tmp_path / "b.xlsx"))
    pages = _html_chart_titles(_write(htx, tmp_path / "b.html"))
    # numbered as the page numbers them, in its order (a tenth reader found the workbook's unnumbered)
    assert (
        [_chart_title(c) for c in charts]
        == pages
        == ["Biểu đồ 1. Kết quả xếp loại năm 2026", "Biểu đồ 2. Hỗ trợ năm 2026: số tiền theo chương trình"]
    )
    # each year kept with its word: LibreOffice broke "năm / 2026" (a twelfth reader)
    assert all("năm\xa02026" in _raw_title(c) for c in charts)
    (support,) = [c for c in charts if "Hỗ trợ" in _chart_title(c)]
    (axis,) = _money_axes(support)
    assert axis.find(f"{C}numFmt").get("formatCode") == "#,##0,,"  # type: ignore[union-attr]
    assert _text(axis.find(f"{C}title")) == "(triệu đồng)"
    labels = support.find(f".//{C}dLbls/{C}numFmt")
    assert labels is not None and labels.get("formatCode") == "#,##0,,"
    # The table the chart is drawn from keeps its đồng, and says which unit is which.
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx").worksheets[-2]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 60_000_000 in values
    assert "Số tiền tính bằng đồng; biểu đồ tính bằng triệu đồng." in values


def test_a_ranges_charts_are_titled_as_the_page(example_db: Path, tmp_path: Path) -> None:
    """Several years: the organisations active each year titled as on the page, and the support's
    stacked columns counted in millions (English as the catalog writes it)."""
    book, page = tmp_path / "r.xlsx", tmp_path / "r.html"
    for target in (book, page):
        assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    titles = [_chart_title(c) for c in _charts(book)]
    # numbered alike, in the page's order (the workbook's ratings chart spans the years, the page's
    # is of the last year)
    assert [t.split(". ")[0] for t in titles] == [t.split(". ")[0] for t in _html_chart_titles(page)]
    assert titles[1] == "Chart 2. Ratings 2014–2018: the three bands"
    assert titles[0] == "Chart 1. Organisations active at the end of each year"
    assert titles[-1] == "Chart 3. Support 2014–2018: spending by program, loans not counted"
    (support,) = [c for c in _charts(book) if "Support" in _chart_title(c)]
    (axis,) = _money_axes(support)
    assert axis.find(f"{C}numFmt").get("formatCode") == "#,##0,,"  # type: ignore[union-attr]
    assert _text(axis.find(f"{C}title")) == "(million đồng)"
    # The years head the table's columns bare: the chart's categories.
    sheet = openpyxl.load_workbook(book)["Charts"]
    top = next(r for r in sheet.iter_rows() if r[0].value == "Program")
    assert [c.value for c in top[1:6]] == ["2014", "2015", "2016", "2017", "2018"]


# --- the workbook's text off the border -------------------------------------------------------


def _bordered_text(sheet: Any) -> list[Any]:
    """The text cells of the sheet's tables below their header rows (a table's cells are bordered, a
    header's shaded)."""
    return [
        cell
        for row in sheet.iter_rows(min_row=HEADER_ROW + 2)
        for cell in row
        if isinstance(cell.value, str) and cell.border.left.style is not None and cell.fill.fill_type is None
    ]


def test_the_workbooks_text_is_a_step_off_the_border(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Every table's text cells, and the list's, aligned left with an indent (LibreOffice shows it only
    so, checked by eye); a band's grades a step further. The list's grades stay centred."""
    book = openpyxl.load_workbook(_write(_supported(office, "4601254871"), tmp_path / "b.xlsx"))
    *tables, charts, roster = book.worksheets
    for sheet in [*tables, charts]:
        cells = _bordered_text(sheet)
        assert cells, sheet.title
        for cell in cells:
            assert cell.alignment.horizontal == "left" and cell.alignment.indent >= 1, (sheet.title, cell)
    ratings = next(s for s in tables if "xếp loại" in str(s["A1"].value))
    indents = {c.value: c.alignment.indent for c in _bordered_text(ratings)}
    assert indents["Tốt"] == indents["Khá"] == 2 and indents["Trung bình"] == 1
    graded = {c.column for c in roster[HEADER_ROW + 1] if str(c.value).startswith("Xếp loại")}
    texts = [c for c in _bordered_text(roster) if c.column not in graded]
    assert {c.value for c in texts} >= {"HTX Ba", "4601254871", "Xã Thượng Minh"}
    for cell in texts:
        assert cell.alignment.horizontal == "left" and cell.alignment.indent == 1, cell
    assert all(c.alignment.horizontal == "center" for c in _bordered_text(roster) if c.column in graded)
