"""The documents as an office prints them (issue 25, item 15): balanced columns that never cut a word,
Decree 30's rules under the office and the motto, page numbers, the HTML's date line, recipients and
signature, workbook header rows tall enough for their wrapped text. Read back with python-docx, the
standard library's XML and HTML parsers, openpyxl, and (where installed) LibreOffice's and Chromium's
PDFs read by pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.render.xlsx_cells import HEADER_ROW
from tests.conftest import invoke, line_beneath, word_figures

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM_PER_TWIP = 25.4 / 1440


def _docx(db: Path, tmp_path: Path, years: str, *extra: str) -> Any:
    from docx import Document

    target = tmp_path / f"{years}.docx"
    r = invoke(db, "report", years, "-o", str(target), *extra)
    assert r.exit_code == 0, r.stderr
    return Document(str(target))


def _section_of_each_table(doc: Any) -> list[Any]:
    """The section each data table lies in (a section ends at the paragraph holding its sectPr)."""
    sections = list(doc.sections)
    found, index = [], 0
    for element in doc.element.body.iterchildren():
        if element.tag == f"{W}tbl":
            found.append(sections[index])
        elif element.find(f"{W}pPr/{W}sectPr") is not None:
            index += 1
    return found[2:]  # after the heading's grid and the signature's


def test_a_range_keeps_room_for_its_labels_and_turns_the_page_for_wide_tables(
    example_db: Path, tmp_path: Path
) -> None:
    """2014..2018 once squeezed Biểu 1's label column to ~1 cm (words cut mid-syllable): now every
    column fits its page's line, the label column keeps at least 4 cm, and a table of five sums of
    money is on a landscape page."""
    doc = _docx(example_db, tmp_path, "2014..2018")
    tables, sections = word_figures(doc), _section_of_each_table(doc)
    assert len(tables) == len(sections)
    turned = 0
    for table, section in zip(tables, sections, strict=True):
        widths = [cell.width.mm for cell in table.rows[0].cells]
        line = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
        assert sum(widths) <= line + 0.5
        assert widths[0] >= 40, [c.text for c in table.rows[0].cells]
        if section.page_width > section.page_height:
            turned += 1
    first = tables[0]
    # The capital's line says its unit once, its figures bare (item 15: "(đồng)", not "₫" a cell).
    capital = next(r for r in first.rows if "Capital" in r.cells[0].text)
    assert capital.cells[0].text.endswith("(đồng)") and "₫" not in "".join(c.text for c in capital.cells)
    assert sections[0].page_width > sections[0].page_height  # the capital's five columns
    assert turned >= 1


def test_a_table_too_wide_for_a_turned_page_continues_under_its_number_and_cuts_no_figure(
    example_db: Path, tmp_path: Path
) -> None:
    """2014..2018 --compare: Biểu 1's five years, each with its change, did not fit a turned page
    even at 9 pt, and its sums of money wrapped mid-figure ("116.590.000" over ".000 ₫"). Its
    columns now go on in "Biểu 1 (tiếp theo)" under the same labels: every year once, each change
    beside its year, every figure on one line of its cell (measured as htx measures text)."""
    from docx import Document

    from htxcli.render.document import CELL_PADDING_MM, text_mm

    target = tmp_path / "xu-huong.docx"
    r = invoke(example_db, "--lang", "vi", "report", "2014..2018", "--compare", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    doc = Document(str(target))
    titles = [p.text for p in doc.paragraphs if p.text.startswith("Biểu ")]
    first_title = "Biểu 1. Số lượng tổ chức kinh tế tập thể đến cuối năm"
    assert titles[:2] == [first_title, "Biểu 1 (tiếp theo)"], titles
    assert titles[2].startswith("Biểu 2. "), titles  # the next table keeps its number
    first, more = word_figures(doc)[:2]
    cells = [*first.rows[0].cells[1:], *more.rows[0].cells[1:]]
    headers = [c.text.replace("\xa0", " ") for c in cells]  # (a word's syllables kept with a no-break space)
    change = "Tăng (+), giảm (−) so với năm {}".format
    expected = [
        "2013",
        "2014",
        change(2013),
        "2015",
        change(2014),
        "2016",
        change(2015),
        "2017",
        change(2016),
    ]
    assert headers == [*expected, "2018", change(2017)], headers
    assert [r.cells[0].text for r in first.rows] == [r.cells[0].text for r in more.rows]
    for table in (first, more):
        size = table.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt
        for row in table.rows[1:]:
            for cell in row.cells[1:]:
                assert text_mm(cell.text, size) + CELL_PADDING_MM <= cell.width.mm + 0.5, cell.text


def test_a_single_year_stays_upright_and_its_figures_fit_their_columns(
    example_db: Path, tmp_path: Path
) -> None:
    doc = _docx(example_db, tmp_path, "2018")
    for section in doc.sections:
        assert section.page_width < section.page_height
    for table in word_figures(doc):
        assert sum(c.width.mm for c in table.rows[0].cells) <= 165.5


def test_the_word_heading_has_decree_30s_rules_and_the_pages_are_numbered(
    example_db: Path, tmp_path: Path
) -> None:
    doc = _docx(example_db, tmp_path, "2018", "--office", "UBND TỈNH BẮC KẠN / Sở Kế hoạch và Đầu tư")
    left, right = doc.tables[0].rows[0].cells

    def rules(cell: Any) -> list[tuple[int, float]]:
        """(index of the paragraph, the rule's length in mm) for each paragraph drawn as a rule."""
        width = cell.width.mm - 2 * 1.9
        out = []
        for i, p in enumerate(cell.paragraphs):
            bottom = p._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
            if bottom is not None and bottom.get(f"{W}val") == "single" and not p.text:
                f = p.paragraph_format
                out.append((i, width - f.left_indent.mm - f.right_indent.mm))
        return out

    office = rules(left)
    assert [i for i, _ in office] == [2]  # right under the office's name
    assert 12 <= office[0][1] <= 40
    motto = rules(right)
    assert [i for i, _ in motto] == [2]  # right under the motto
    assert 55 <= motto[0][1] <= 80  # as long as "Độc lập - Tự do - Hạnh phúc" in 13 pt bold
    assert not any(r.underline for p in right.paragraphs for r in p.runs)
    first = doc.sections[0]
    assert first.different_first_page_header_footer  # no number on the first page
    fields = [t.text for t in first.header._element.iter(f"{W}instrText")]
    assert [f.strip() for f in fields] == ["PAGE"]
    assert first.header.paragraphs[0].alignment == 1  # centred


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[tuple[list[str], str]] = []  # (classes of the open elements, text)
        self.cols: list[list[float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "colgroup":
            self.cols.append([])
        if tag == "col":
            self.cols[-1].append(float(re.findall(r"[\d.]+", attributes.get("style") or "")[0]))
        if tag not in ("col", "br", "meta", "rect"):
            self.stack.append((tag, attributes.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.found.append(([c for _, c in self.stack if c], data.strip()))


def test_the_html_heading_dates_under_the_motto_and_the_body_ends_signed(
    example_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "r.html"
    assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    page = _Page()
    page.feed(target.read_text(encoding="utf-8"))
    date = [classes for classes, text in page.found if "date" in classes]
    assert len(date) == 1 and "nation" in date[0]  # under the motto, in the same column
    motto = [classes for classes, text in page.found if "motto" in classes]
    assert len(motto) == 1 and "nation" in motto[0]
    signed = [(classes[-1], text) for classes, text in page.found if "signature" in classes]
    assert signed == [
        ("title", "Recipients:"),
        ("recipients", "- Filed: office records."),
        ("who", "HEAD OF THE OFFICE"),
        ("hint", "(signature, full name and seal)"),
    ]
    # The body ends signed: the overview's last paragraph, the signature, then the appendix.
    first = next(n for n, (classes, _) in enumerate(page.found) if "signature" in classes)
    last = max(n for n, (classes, _) in enumerate(page.found) if "signature" in classes)
    assert "narrative" in page.found[first - 1][0] and "appendix" in page.found[last + 1][0]
    assert page.found[last + 1][1] == "Appendix"
    charts = next(classes for classes, text in page.found if text == "CHARTS")
    assert "appendix" in charts  # the charts within the appendix, after its tables
    html = target.read_text(encoding="utf-8")
    assert '<div class="rule"></div>' in html and ".motto span" in html
    assert "counter(page)" in html and "@page wide" in html
    # The columns share the line as in the Word report: the labels keep a fifth of it at least.
    for widths in page.cols:
        assert abs(sum(widths) - 100) < 1 and widths[0] >= 15


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed here (apt-get install libreoffice-writer)")
    return found


def _pdftotext(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed here (apt-get install poppler-utils)")
    return subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_libreoffice_prints_every_label_word_whole(example_db: Path, tmp_path: Path) -> None:
    """The range's Word report as LibreOffice prints it: every word of Biểu 1's labels is whole on a
    line of the PDF (a label column of ~1 cm printed "Đa / ng / ho / ạt")."""
    soffice = _soffice()
    doc = _docx(example_db, tmp_path, "2014..2018")
    labels = [row.cells[0].text for row in word_figures(doc)[0].rows[1:]]
    environ = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "2014..2018.docx"),
        ],
        capture_output=True,
        timeout=240,
        check=True,
        env=environ,
    )
    text = _pdftotext(tmp_path / "2014..2018.pdf")
    tables = text[text.index("Biểu 1.") if "Biểu 1." in text else text.index("Table 1.") :]
    lines = [line for line in tables.splitlines() if line.strip()]
    for label in labels:
        # The label's first line in the PDF begins with its first two words, not a syllable of one.
        first_words = " ".join(label.split()[:2])
        assert any(line.strip().startswith(first_words) for line in lines), label


def test_workbook_header_rows_are_tall_enough_for_their_wrapped_text(
    example_db: Path, tmp_path: Path
) -> None:
    """Each header row is at least as tall as its most wrapped header needs, counted from the column's
    width the way Excel wraps (whole words, ~1 character a width unit, 15 points a line)."""
    for years in ("2018", "2014..2018"):
        target = tmp_path / f"{years}.xlsx"
        assert invoke(example_db, "report", years, "-o", str(target)).exit_code == 0
        book = openpyxl.load_workbook(target)
        for sheet in book.worksheets:
            if sheet.title == "Charts":
                continue
            row = HEADER_ROW + 1  # openpyxl counts from 1
            needed = 1
            for cell in sheet[row]:
                if not isinstance(cell.value, str):
                    continue
                letter = cell.column_letter
                width = sheet.column_dimensions[letter].width or 8.43
                needed = max(needed, _lines(cell.value, width))
            height = sheet.row_dimensions[row].height
            assert height is not None and height >= 15 * needed, (sheet.title, needed, height)


def _lines(text: str, width: float) -> int:
    """Lines Excel needs for `text` wrapped in a column `width` characters wide, a character of it for
    the cell's margins."""
    room = max(int(width) - 1, 1)
    lines, current = 1, 0
    for word in text.split():
        if current and current + 1 + len(word) > room:
            lines += 1
            current = len(word)
        else:
            current += (1 if current else 0) + len(word)
    return lines


def test_the_word_narrative_tells_the_statuses_of_the_period(htx: Any, tmp_path: Path) -> None:
    from docx import Document

    codes = [f"047000000{n}" for n in range(1, 6)]
    for code in codes:
        assert htx("add", f"HTX {code}", "--code", code, "--founded", "2015-01-01").exit_code == 0
    assert (
        htx("add", "THT Một", "--code", "0470000009", "--kind", "group", "--founded", "2015-01-01").exit_code
        == 0
    )
    assert htx("suspend", codes[0], "--from", "01/11/2018").exit_code == 0
    assert htx("suspend", "0470000009", "--from", "01/11/2018").exit_code == 0
    assert htx("status", codes[1], "being-dissolved", "--on", "01/10/2018").exit_code == 0
    assert htx("revoke", codes[2], "--on", "01/09/2018").exit_code == 0
    target = tmp_path / "r.docx"
    assert htx("report", "2018", "-o", str(target)).exit_code == 0
    body = " ".join(p.text for p in Document(str(target)).paragraphs)
    assert (
        "At the end of the period: 1 cooperative and 1 cooperative group suspended; 1 cooperative being "
        "dissolved; 1 cooperative with the registration certificate revoked."
    ) in body
    # A year with every organisation operating says nothing of it.
    assert "At the end of the period" not in htx("report", "2017", "--format", "text").stdout


_WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÁẠẦĐ", min_size=1, max_size=12)
_FIGURES = st.integers(min_value=-(10**13), max_value=10**13).map(lambda n: f"{n:,} ₫".replace(",", "."))


@st.composite
def _tables(draw: st.DrawFn) -> Any:
    from htxcli.render.document import Table

    numeric = [False, *draw(st.lists(st.booleans(), min_size=0, max_size=11))]
    rows = draw(st.integers(min_value=1, max_value=6))
    cells = [
        [draw(_FIGURES) if n else " ".join(draw(st.lists(_WORDS, min_size=0, max_size=6))) for n in numeric]
        for _ in range(rows)
    ]
    headers = [" ".join(draw(st.lists(_WORDS, min_size=1, max_size=4))) for _ in numeric]
    return Table("T", headers, cells, numeric, total=draw(st.booleans()), caption=None)


@settings(deadline=None)  # a computation only, but the shared test machine is slow at times
@given(_tables())
def test_a_table_fits_its_page_and_its_words_fit_their_columns(table: Any) -> None:
    """Whatever a table holds: its columns fill its page's line and no more, and every word of a
    label column and every figure fits its column, unless the table is wider than a turned page holds
    at 9 pt (then the figures' columns alone are narrowed)."""
    from htxcli.render import document

    shape = document.layout(table)
    line = document.LANDSCAPE_MM if shape.landscape else document.PORTRAIT_MM
    assert sum(shape.widths) <= line + 0.01 or shape.size == document.TABLE_SIZES[-1]
    for i, width in enumerate(shape.widths):
        cells = [row[i] for row in table.rows]
        if table.numeric[i]:
            if shape.size == document.TABLE_SIZES[-1] and shape.landscape:
                continue  # the last resort narrows figures
            longest = max(document.text_mm(c, shape.size, bold=table.total) for c in cells)
        else:
            words = [w for c in cells for w in c.split()] or [""]
            longest = max(document.text_mm(w, shape.size, bold=True) for w in words)
        assert width >= longest + document.CELL_PADDING_MM - 0.01


def test_a_table_upright_with_a_header_a_line_longer_is_not_turned() -> None:
    """A table of a dozen places whose money headers ("Lợi nhuận trước thuế bình quân (đồng)") fit an
    upright page in four lines, not three, stays upright: turned, it took a page of its own, and the
    page before it ended part empty (a section ends there). Its headers wrap into four lines at most."""
    from htxcli.render import document

    headers = [
        "Xã/Phường",
        "Đã báo cáo",
        "Hiện có (còn\xa0đăng\xa0ký)",
        "Doanh thu bình quân (đồng)",
        "Lợi nhuận trước thuế bình quân (đồng)",
        "Thu nhập bình quân (đồng/người/năm)",
    ]
    rows = [
        ["Phường Phan Đình Phùng", "0", "1", "", "", ""],
        ["Xã Chợ Đồn", "1", "1", "1.200.500.000", "−50.000.000", "66.000.000"],
        ["Xã Côn Minh", "1", "1", "3.000.000.000", "300.000.000", "84.000.000"],
        ["Tổng cộng", "6", "13", "1.416.750.000", "122.500.000", "74.727.273"],
    ]
    numeric = [False, True, True, True, True, True]
    table = document.Table(
        "Bình quân theo xã, phường năm 2026", headers, rows, numeric, total=True, caption=None
    )
    shape = document.layout(table, at_most=10)
    assert not shape.landscape
    assert sum(shape.widths) <= document.PORTRAIT_MM + 0.01
    for header, width, figures in zip(headers, shape.widths, numeric, strict=True):
        if figures:
            assert document.header_lines(header, width - document.CELL_PADDING_MM, shape.size) <= 4, header


def test_chromium_prints_numbered_pages_and_turns_the_wide_tables(example_db: Path, tmp_path: Path) -> None:
    """The range's page as Chromium prints it: no number on the first page, then 2, 3…; Biểu 1's five
    columns of đồng on a landscape page, its labels whole."""
    from tests.test_report_documents import _tool

    chromium = _tool("chromium")
    page = tmp_path / "xu-huong.html"
    assert invoke(example_db, "report", "2014..2018", "-o", str(page)).exit_code == 0
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    info = subprocess.run(
        [_tool("pdfinfo"), "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    assert len(sizes) >= 4
    turned = [int(n) for n, w, h in sizes if float(w) > float(h)]
    assert turned, info
    for n, *_ in sizes:
        text = subprocess.run(
            [_tool("pdftotext"), "-f", n, "-l", n, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        first = next(line.strip() for line in text.splitlines() if line.strip())
        if n == "1":
            assert not first.isdigit(), first
        else:
            assert first == n, (n, first)
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", "-f", str(turned[0]), "-l", str(turned[0]), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # each label on one line, beneath its kind
    assert line_beneath(text, "Hợp tác xã", "Active") and line_beneath(
        text, "Hợp tác xã", "Capital (registered)"
    )


def test_every_word_table_is_set_at_one_size(example_db: Path, tmp_path: Path) -> None:
    """Biểu 1 at 10 pt just above Biểu 2 at 12 pt read as a mistake: every table of a document is set
    at the smallest size any of them needs, as the HTML sets all of its tables at one size."""
    for years in ("2018", "2014..2018"):
        doc = _docx(example_db, tmp_path, years)
        sizes = {
            run.font.size.pt
            for table in word_figures(doc)
            for row in table.rows
            for cell in row.cells
            for paragraph in cell.paragraphs
            for run in paragraph.runs
            if run.font.size is not None
        }
        assert len(sizes) == 1, (years, sizes)
