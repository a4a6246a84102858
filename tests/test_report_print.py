"""The 2026 report of a Thái Nguyên office (period from 15/12) as a second reader checks it before it is
sent: each document written by htx and read back by an independent reader (python-docx, openpyxl, the
standard library's html.parser; Chromium and poppler for the printed page). The grades beneath their
band, the list sheet as a clerk prints it, the period of a comparison, the Word tables' rows and
headers, the signature on the page of the last chart, one palette and one table size."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from htxcli.render import document
from htxcli.render.xlsx_cells import HEADER_ROW
from tests.conftest import Run, grouped, word_figures
from tests.test_report_documents import _tool

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]

PERIOD = "(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)"
COMPARED = (
    "(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026; "
    "so sánh với năm 2025: từ ngày 15/12/2024 đến ngày 14/12/2025)"
)


@pytest.fixture
def office(htx: Htx) -> Htx:
    """Two cooperatives of two former provinces, never moved; two new ones in Xã Thượng Minh, one of
    them revoked; a group registered without a capital in 2026; four of them rated for 2026."""
    commands = [
        ("settings", "province", "thai nguyen"),
        ("settings", "period-start", "15/12"),
        ("add", "HTX Một", "--code", "4600000001", "--province", "Bắc Kạn", "--district", "Ba Bể",
         "--commune", "Mỹ Phương", "--founded", "15/03/2016", "--capital", "500tr"),
        ("add", "HTX Hai", "--code", "4600000002", "--province", "Thái Nguyên", "--district", "Phú Bình",
         "--commune", "Tân Đức", "--founded", "15/03/2016", "--capital", "300tr"),
        ("add", "HTX Ba", "--code", "4601254871", "--commune", "Thượng Minh", "--founded", "02/02/2026"),
        ("add", "HTX Bốn", "--code", "4601254872", "--commune", "Thượng Minh", "--founded", "03/02/2026"),
        ("add", "THT Năm", "--code", "THT-05", "--kind", "tổ hợp tác", "--commune", "Thượng Minh",
         "--founded", "04/02/2026"),
        ("status", "4601254872", "thu", "hồi", "giấy", "chứng", "nhận", "--on", "01/06/2026"),
        ("rate", "4600000001", "2026", "tốt"),
        ("rate", "4600000002", "2026", "khá"),
        ("rate", "4601254871", "2026", "trung bình"),
        ("rate", "4601254872", "2026", "yếu"),
    ]  # fmt: skip
    for args in commands:
        r = htx(*args)
        assert r.exit_code == 0, (args, r.stderr)
    return htx


def _write(htx: Htx, target: Path, *args: str) -> Path:
    r = htx("--lang", "vi", "report", *(args or ("2026",)), "-o", str(target))
    assert r.exit_code == 0, r.stderr
    return target


class _Cells(HTMLParser):
    """Every table cell of an HTML page: (class, text); and the elements' classes in order."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self.tables: list[dict[str, str | None]] = []
        self._open: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(dict(attrs))
        if tag == "td":
            self._open = [dict(attrs).get("class") or "", ""]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._open is not None:
            self.cells.append((self._open[0], self._open[1]))
            self._open = None


def _html_cells(path: Path) -> _Cells:
    parser = _Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- 1. a band's grades beneath it -------------------------------------------------------------


def test_a_bands_grades_are_indented_beneath_it_and_never_summed_as_bands(
    office: Htx, tmp_path: Path
) -> None:
    import docx
    import openpyxl

    # HTML: the label as written ("Tốt", no spaces that collapse), indented by the cell's padding.
    page = _write(office, tmp_path / "r.html")
    cells = _html_cells(page).cells
    labels = {text: cls for cls, text in cells}
    assert labels["Tốt"] == labels["Khá"] == "sub1", cells
    assert labels["Hiệu quả (tốt + khá)"] == labels["Trung bình"] == ""
    assert re.search(r"td\.sub1 \{ padding-left: [\d.]+rem; \}", page.read_text(encoding="utf-8"))
    # Word: a paragraph indent, not spaces.
    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    paragraphs = {
        c.paragraphs[0].text: c.paragraphs[0] for t in doc.tables for row in t.rows for c in row.cells
    }
    assert paragraphs["Tốt"].paragraph_format.left_indent and paragraphs["Khá"].paragraph_format.left_indent
    assert not paragraphs["Trung bình"].paragraph_format.left_indent
    # The workbook: indented, in italics, grouped beneath the band; the bands alone add up to the rated.
    sheet = openpyxl.load_workbook(_write(office, tmp_path / "r.xlsx"))["Biểu 3. Xếp loại"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 2, max_col=2))
    rows = [r for r in rows if r[0].value and isinstance(r[1].value, int)]
    grades = [r for r in rows if r[0].value in ("Tốt", "Khá")]
    assert len(grades) == 2
    for label, count in grades:
        assert label.alignment.indent >= 1 and label.alignment.horizontal == "left"  # LibreOffice's rule
        assert label.font.i and count.font.i
        assert sheet.row_dimensions[label.row].outline_level == 1
    *rows, total = rows  # the total row: those rated, the bands' sum
    bands = [count.value for label, count in rows if sheet.row_dimensions[label.row].outline_level == 0]
    assert bands == [2, 1, 1] and sum(bands) == total[1].value == 4  # rated: 4, as the caption says
    assert total[0].value == "Tổng cộng" and total[0].font.b
    assert "4 HTX đã xếp loại" in (sheet.cell(HEADER_ROW + 2 + len(rows) + 2, 1).value or "")


# --- 2. the list sheet --------------------------------------------------------------------------


def _roster(path: Path) -> Any:
    import openpyxl

    return openpyxl.load_workbook(path).worksheets[-1]


def test_the_list_sheet_speaks_the_reports_words_and_prints_legibly(office: Htx, tmp_path: Path) -> None:
    sheet = _roster(_write(office, tmp_path / "r.xlsx"))
    header = [c.value for c in sheet[HEADER_ROW + 1]]
    status = header.index("Tình trạng pháp lý") + 1
    by_code = {row[1].value: row for row in sheet.iter_rows(min_row=HEADER_ROW + 2)}
    # One word, one meaning: operating is "Đang hoạt động", as the report's tables say.
    assert by_code["4600000001"][status - 1].value == "Đang hoạt động"
    revoked = by_code["4601254872"][status - 1]
    assert revoked.value == "Bị thu hồi giấy chứng nhận"
    # It never runs into the next column: it wraps, at the most on two lines of its column.
    letter = revoked.column_letter
    width = sheet.column_dimensions[letter].width
    assert revoked.alignment.wrap_text and width * 2 >= len(revoked.value) + 2, width
    # Its row as high as two lines (Excel and LibreOffice do not grow a row on their own).
    assert sheet.row_dimensions[revoked.row].height >= 30
    # Printed on turned pages as wide as one page only where the text keeps at least 65% of its size:
    # the columns' width (characters) at 65% within the ~140 characters a turned A4 page holds.
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[HEADER_ROW + 1]]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (1, None)
    assert sum(widths) * 0.65 <= 140, sum(widths)
    assert sheet.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    # A comparison's two grade columns too: one page wide (an eleventh reader found its 13 rows over
    # eight pages side by side, its title cut at each page's edge).
    compared = _roster(_write(office, tmp_path / "cmp.xlsx", "2026", "--compare"))
    assert compared.sheet_properties.pageSetUpPr.fitToPage and compared.page_setup.fitToWidth in (1, None)
    assert [c.value for c in compared[HEADER_ROW + 1]][-2:] == ["Xếp loại 2025", "Xếp loại 2026"]
    # A comparison's heading line (its period and the compared year's, ~150 characters) is wrapped
    # across the table's width: one long cell had set its tables' pages at about half size (a twelfth
    # reader).
    first = compared.parent.worksheets[0]
    line = first["A3"]
    assert "so sánh với năm 2025" in str(line.value) and line.alignment.wrap_text
    assert any(str(r).startswith("A3:") for r in first.merged_cells.ranges), first.merged_cells.ranges
    # A range adds a grade column a year: too wide to fit legibly, it runs onto pages side by side,
    # each with the header and the number, code and name.
    sheet = _roster(_write(office, tmp_path / "range.xlsx", "2020..2026"))
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[HEADER_ROW + 1]]
    assert sum(widths) * 0.65 > 140
    fitted = sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert not fitted and sheet.print_title_cols == "$A:$C"


# --- 3. a comparison's period, its figures' heading, one rule for a capital of 0 ---------------------


def test_a_comparison_states_the_reports_period_and_the_compared_years(office: Htx, tmp_path: Path) -> None:
    import docx

    doc = docx.Document(str(_write(office, tmp_path / "c.docx", "2026", "--compare")))
    texts = [p.text.replace("\xa0", " ") for p in doc.paragraphs]
    assert COMPARED in texts and not any("15/12/2024 đến ngày 14/12/2026" in t for t in texts), texts
    page = (_write(office, tmp_path / "c.html", "2026", "--compare")).read_text(encoding="utf-8")
    assert f'<p class="period">{COMPARED}</p>' in page.replace("\xa0", " ")
    # One year: its own period only.
    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    assert PERIOD in [p.text.replace("\xa0", " ") for p in doc.paragraphs]
    # a date kept with the words before it, never "từ ngày / 15/12/2025" (a tenth reader) nor "từ /
    # ngày …" (an eleventh)
    kept = PERIOD.replace(" 1", "\xa01").replace("từ ngày", "từ\xa0ngày").replace("đến ngày", "đến\xa0ngày")
    assert kept in [p.text for p in doc.paragraphs]
    # The appendix's heading is never left alone at a page's foot: kept with the first table's title.
    at = next(n for n, p in enumerate(doc.paragraphs) if p.text == "Phụ lục")
    heading = doc.paragraphs[at : at + 3]
    assert heading[1].text == "CÁC BIỂU SỐ LIỆU" and heading[2].text.startswith("(Kèm theo Báo cáo số ……")
    assert all(p.paragraph_format.keep_with_next for p in heading)


def test_a_capital_is_0_without_organisations_and_blank_when_none_gave_it(
    office: Htx, tmp_path: Path
) -> None:
    """One rule in every year compared, as in the year's Biểu 1 (issue 25): 2025 had no group, its
    capital is 0 like the counts beside it; 2026 has one that gave no capital: blank, and so is the
    change (nothing to compare); the members, counts, stay."""
    import docx

    doc = docx.Document(str(_write(office, tmp_path / "c.docx", "2026", "--compare")))
    lines = grouped([c.text for c in row.cells] for t in doc.tables for row in t.rows)
    capital = next(v for k, v in lines.items() if k.startswith("Tổ hợp tác: Vốn điều lệ"))
    assert capital[0:3] == ["0", "", ""], capital
    members = next(v for k, v in lines.items() if k.startswith("Tổ hợp tác: Thành viên"))
    assert members[0:2] == ["0", "0"], members  # counts stay counts


# --- 4. the Word tables' rows and headers ----------------------------------------------------------


def test_an_empty_word_cell_is_as_high_as_a_filled_one(office: Htx, tmp_path: Path) -> None:
    """Word and LibreOffice size an empty paragraph by its mark: set at the table's size, not the
    text's 14 pt."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    empty = 0
    for table in word_figures(doc):
        cells = [c for row in table.rows for c in row.cells]
        sizes = {r.font.size.pt for c in cells for r in c.paragraphs[0].runs if r.text}
        assert len(sizes) == 1, sizes
        for cell in cells:
            mark = cell.paragraphs[0]._p.pPr.find(qn("w:rPr"))
            assert mark is not None, cell.text
            assert int(mark.find(qn("w:sz")).get(qn("w:val"))) / 2 in sizes, cell.text
            empty += not cell.text
    assert empty  # the tables have empty cells (a capital not given, a change not shown)


def test_spare_room_goes_first_to_the_headers_that_wrap_most() -> None:
    """ "Đã báo cáo" and the other headers on two lines, the header row two lines high, rather than a
    word a line beside money columns and a label column with room to spare."""
    headers = ["Xã/Phường", "Đã báo cáo", "Hiện có (còn đăng ký)", "Doanh thu bình quân",
               "Lợi nhuận trước thuế bình quân"]  # fmt: skip
    rows = [["Phường Phan Đình Phùng", "1", "12", "400.000.000 ₫", "400.000.000 ₫"]]
    table = document.Table("x", headers, rows, [False, True, True, True, True], False, None)
    shape = document.layout(table)
    lines = [
        document.header_lines(h, w - document.CELL_PADDING_MM, shape.size)
        for h, w in zip(table.headers, shape.widths, strict=True)
    ]
    assert max(lines) <= 2, (lines, shape)
    assert abs(sum(shape.widths) - document.PORTRAIT_MM) < 0.01


# --- 5. the signature closing the body, before the appendix -------------------------------------------


def test_the_printed_page_keeps_the_signature_with_the_body(office: Htx, tmp_path: Path) -> None:
    """The signature closes the body (the overview): the tables and charts follow it as the appendix,
    on the next page; printed, the signature is on the page of the body's last paragraph, never alone
    on a page of its own, and the charts end the document."""
    page = _write(office, tmp_path / "r.html")
    html = page.read_text(encoding="utf-8")
    assert html.rindex('<section class="narrative">') < html.index('<div class="signature">')
    assert html.index('<div class="signature">') < html.index("<table") < html.index("</figure>")
    assert html.count('<div class="signature">') == 1
    assert re.search(r"\.signature \{ break-before: avoid;", html)
    chromium, pdftotext = _tool("chromium"), _tool("pdftotext")
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = [p for p in text.stdout.split("\f") if p.strip()]
    signed = next(n for n, p in enumerate(pages) if "Nơi nhận" in p)
    body = pages[signed].split("Nơi nhận")[0].split("\n", 1)[-1]  # under the page number
    assert len("".join(body.split())) > 100, pages[signed]  # with the body's last lines, not alone
    assert "Phụ lục" in pages[signed + 1] and "Hỗ trợ năm 2026: số tiền theo chương trình" in pages[-1]


# --- 6. one palette, one table size -----------------------------------------------------------------


def test_the_bands_have_one_colour_each_in_every_layout(office: Htx, tmp_path: Path) -> None:
    book = _write(office, tmp_path / "r.xlsx")
    with zipfile.ZipFile(book) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    pie = next(c for c in charts if "<c:pieChart>" in c)
    workbook = [c.upper() for c in re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"', pie)]
    html = _write(office, tmp_path / "r.html").read_text(encoding="utf-8")
    bands = html[html.index("Hiệu quả (tốt + khá)") :]
    page = [c.upper() for c in re.findall(r'<rect class="bar"[^>]* fill="#([0-9A-Fa-f]{6})"', bands)][:3]
    assert workbook == page and len(set(page)) == 3, (workbook, page)
    # A range's stacked columns too.
    book = _write(office, tmp_path / "range.xlsx", "2025..2026")
    with zipfile.ZipFile(book) as z:
        stacked = next(
            z.read(n).decode()
            for n in z.namelist()
            if n.startswith("xl/charts/") and "stacked" in z.read(n).decode()
        )
    assert [c.upper() for c in re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"', stacked)][:3] == page


def test_the_html_tables_share_one_size(office: Htx, tmp_path: Path) -> None:
    page = _write(office, tmp_path / "r.html")
    html = page.read_text(encoding="utf-8")
    parsed = _html_cells(page)
    assert len(parsed.tables) > 5 and all("style" not in t for t in parsed.tables), parsed.tables
    sizes = re.findall(r"table \{ font-size: ([^;]+); \}", html)
    assert len(sizes) == 1 and re.fullmatch(r"\d+pt", sizes[0]), sizes
