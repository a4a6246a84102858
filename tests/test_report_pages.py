"""The 2026 documents as the second reader prints them (issue 25): the HTML page's parts flowing on as
the Word report's do (no page a part of its own but the appendix, a small table or a chart kept whole,
a large table broken between its rows), the tables the appendix of both documents, the charts after
them in the body's font and titled
with the period's last day, the Word letterhead's number and date on one line, and the workbook's pie
labels separated as written. Each document written by htx and read back by an independent reader
(html.parser, python-docx, the workbook's chart XML; Chromium, LibreOffice and poppler for the
printed pages)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Run, invoke
from tests.test_report_documents import _tool
from tests.test_report_print import _write, office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


class _Blocks(HTMLParser):
    """The page's style, its tables' blocks (classes, title, rows) and its charts' captions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.style = ""
        self.tables: list[tuple[set[str], str, int]] = []
        self.captions: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "style":
            self._in = "style"
        elif tag == "div" and "table" in classes:
            self.tables.append((classes, "", 0))
        elif tag == "h3" and self.tables and not self.tables[-1][1]:
            self._in = "title"
        elif tag == "tr" and self.tables:
            classes, title, rows = self.tables[-1]
            self.tables[-1] = (classes, title, rows + 1)
        elif tag == "figcaption":
            self._in = "caption"
            self.captions.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "h3", "figcaption"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.style += data
        elif self._in == "title":
            classes, title, rows = self.tables[-1]
            self.tables[-1] = (classes, title + data, rows)
        elif self._in == "caption":
            self.captions[-1] += data


def _blocks(path: Path) -> _Blocks:
    parsed = _Blocks()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def _chart_titles(page: _Blocks, word: str = "Biểu đồ") -> list[str]:
    """The charts' titles, the words after their numbers ("Biểu đồ 1. …", "Biểu đồ 2. …" in turn)."""
    numbered = [re.fullmatch(rf"{word} (\d+)\. (.+)", caption) for caption in page.captions]
    assert all(numbered) and [int(m.group(1)) for m in numbered if m] == list(range(1, len(numbered) + 1))
    return [m.group(2) for m in numbered if m]


def _chromium_pdf(page: Path, folder: Path) -> Path:
    pdf = folder / f"{page.stem}.pdf"
    subprocess.run(
        [_tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
         f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
         page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    return pdf


def _pages(pdf: Path) -> list[str]:
    """Each printed page's text, its lines as laid out."""
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.rstrip("\f").split("\f")


# --- 1. the parts flow on; a small table kept whole, a large one broken between rows ------------------


def test_the_html_parts_flow_on_and_only_small_tables_are_kept_whole(
    example_db: Path, tmp_path: Path
) -> None:
    """The print stylesheet began each part (the overview, the charts, the tables) on a page of its
    own and kept every table whole: a page three quarters empty before a part, a table moved whole to
    the next page. Now only the appendix (after the signature, as Decree 30 attaches it) begins a
    page, its tables and charts flowing on; a table of KEEP_ROWS rows or fewer is kept whole, a longer
    one breaks between its rows under its repeated header."""
    from htxcli.render.layout import KEEP_ROWS

    target = tmp_path / "r.html"
    assert invoke(example_db, "--lang", "vi", "report", "2014..2018", "-o", str(target)).exit_code == 0
    page = _blocks(target)
    style = " ".join(page.style.split())
    forced = re.findall(r"([^{};]+) \{[^}]*break-before: (?:page|always)", style)
    assert [selector.split("*/")[-1].strip() for selector in forced] == [".appendix"], forced
    assert not re.search(r"(^|[ }])\.table \{[^}]*break-inside", style), style  # not every table
    assert re.search(r"\.table\.keep \{ break-inside: avoid;", style)
    assert "thead { display: table-header-group; }" in style
    assert "h2, h3, figcaption { break-after: avoid;" in style  # a heading kept with what follows
    assert re.search(r"figure \{[^}]*break-inside: avoid;", style)  # a chart kept whole
    kept = {title: "keep" in classes for classes, title, _ in page.tables}
    rows = {title: n - 1 for _, title, n in page.tables}  # under the header row
    assert any(n > KEEP_ROWS for n in rows.values()) and any(n <= KEEP_ROWS for n in rows.values()), rows
    for title, n in rows.items():
        assert kept[title] == (n <= KEEP_ROWS), (title, n)


def test_chromium_prints_the_tables_on_after_the_appendixs_heading(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """The 2026 office's overview and its signature on the body's pages; the appendix's heading and
    its first tables share the next page; the charts follow the last table on its page."""
    pages = _pages(_chromium_pdf(_write(office, tmp_path / "r.html"), tmp_path))
    flat = [" ".join(p.split()) for p in pages]
    assert "TÌNH HÌNH CHUNG" in flat[0], flat[0]
    appendix = next(n for n, p in enumerate(flat) if "Phụ lục CÁC BIỂU SỐ LIỆU" in p)
    assert "Nơi nhận" in flat[appendix - 1] and "CÁC BIỂU SỐ LIỆU (Kèm theo" in flat[appendix], flat[appendix]
    assert "Biểu 1." in flat[appendix] and "Biểu 2." in flat[appendix], flat[appendix]
    charts = next(n for n, p in enumerate(flat) if "BIỂU ĐỒ" in p)
    assert "Biểu" in flat[charts].split("BIỂU ĐỒ")[0], flat[charts]  # not a page of its own
    assert "Hỗ trợ năm 2026" in flat[-1], flat[-1]


def test_a_tables_title_is_never_left_at_a_pages_foot(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """The last row of a table without a note was kept with what followed it, the next table: Chromium
    then broke the page after that table's title, left alone at the foot (a ninth reader's Biểu 11).
    Printed with more and more room taken before Biểu 1, as a clerk's added text takes, no page ends
    with a table's title. The economy's tables have no note, the plan's is kept whole after them."""
    for args in (
        (
            "figures",
            "4600000001",
            "2026",
            "--members",
            "12",
            "--revenue",
            "2 tỷ",
            "--income",
            "5 triệu/tháng",
        ),
        ("figures", "4600000002", "2026", "--members", "9", "--revenue", "1 tỷ", "--profit", "80 triệu"),
        ("plan", "set", "2026", "new-cooperatives", "4"),
        ("plan", "set", "2026", "average-revenue", "2 tỷ"),
        ("plan", "set", "2026", "good-fair-share", "70%"),
    ):
        assert office(*args).exit_code == 0, args
    html = _write(office, tmp_path / "r.html").read_text(encoding="utf-8")
    for room in range(0, 125, 20):  # millimetres
        padded = tmp_path / f"p{room}.html"
        padded.write_text(
            html.replace('<div class="table', f'<div style="height: {room}mm"></div><div class="table', 1),
            encoding="utf-8",
        )
        for n, page in enumerate(_pages(_chromium_pdf(padded, tmp_path))):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            assert lines and not re.match(r"Biểu \d+\.", lines[-1]), (room, n, lines[-3:])


def test_a_tables_headers_are_centred_both_ways(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """ "Chỉ tiêu" and "Loại hình" sat at the top of a header row three or four lines high (a ninth
    reader): centred down as across, in Word (each header cell's vertical alignment, python-docx)
    and in HTML (the header cells' style)."""
    import docx
    from docx.enum.table import WD_ALIGN_VERTICAL

    from tests.conftest import word_figures

    tables = word_figures(docx.Document(str(_write(office, tmp_path / "r.docx"))))
    assert tables
    for table in tables:
        aligned = {cell.vertical_alignment for cell in table.rows[0].cells}
        assert aligned == {WD_ALIGN_VERTICAL.CENTER}, table.rows[0].cells[0].text
    style = " ".join(_blocks(_write(office, tmp_path / "r.html")).style.split())
    assert re.search(r"(^|[ }])th \{[^}]*vertical-align: middle;", style), style


def test_a_headers_words_of_two_syllables_stay_on_one_line(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """ "Vốn điều lệ đăng / ký (đồng)" in Chromium's and LibreOffice's narrower columns (a ninth reader;
    Word broke it as "Vốn điều lệ / đăng ký"): a word of two syllables is kept on one line, a
    no-break space between its syllables, in the HTML and the workbook's headers, where the column
    holds it."""
    import openpyxl

    page = _write(office, tmp_path / "r.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th scope=\"col\">([^<]*)</th>", page)
    assert "Vốn điều lệ đăng\xa0ký (đồng)" in [h.replace("điều\xa0lệ", "điều lệ") for h in headers], headers
    book = openpyxl.load_workbook(_write(office, tmp_path / "r.xlsx"))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows(max_row=8) for c in row]
    # outside a bracketed note (kept whole already), only the syllables of one word are bound
    bound = [
        pair for v in cells if isinstance(v, str) for pair in re.findall(r"(\w+)\xa0(\w+)", v.split("(")[0])
    ]
    assert bound, cells
    words = {"đăng ký", "bình quân", "hỗ trợ", "tổ chức", "báo cáo", "kế hoạch", "giải thể", "thu hồi"}
    words |= {"thành viên", "điều lệ", "doanh thu", "lợi nhuận", "trước thuế", "thành lập", "hiện có"}
    words |= {"hoạt động", "thực hiện", "cùng kỳ", "cả năm", "chứng nhận", "tạm ngừng", "số lượng"}
    kept = {" ".join(pair).lower() for pair in bound}
    assert {w for w in kept if not re.fullmatch(r"năm \d{4}", w)} <= words, bound


def test_word_keeps_a_units_note_whole_and_a_word_unbroken(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """LibreOffice printed Biểu 9's income header as "Thu nhập bình / quân / (đồng/người/năm / )" (a
    tenth reader): Word breaks after a slash, and the note was a little wider than estimated. Its
    column now holds it ("(đồng/người/năm)" on a line of its own) and "bình quân" stays whole."""
    for code, commune in (("4600000003", "Phường Phan Đình Phùng"), ("4600000004", "Xã Thượng Minh")):
        added = office("add", f"HTX {code}", "--code", code, "--commune", commune, "--founded", "01/03/2026")
        assert added.exit_code == 0, added.stderr
        given = ("figures", code, "2026", "--revenue", "2,5 tỷ", "--profit", "-50 triệu", "--workers", "5")
        assert office(*given, "--income", "6 triệu/tháng").exit_code == 0
    word = _write(office, tmp_path / "r.docx")
    subprocess.run(
        [_tool("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(word)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    lines = [line.strip() for page in _pages(tmp_path / "r.pdf") for line in page.splitlines()]
    at = next(n for n, line in enumerate(lines) if line.startswith("Biểu") and "theo xã, phường năm" in line)
    header = lines[at + 1 : next(n for n in range(at, len(lines)) if lines[n].startswith("Phường"))]
    assert any(line.endswith("(đồng/người/năm)") for line in header), header
    assert not any(line.endswith(")") and "(" not in line for line in header), header  # no bracket alone
    assert not any(line.endswith("bình") for line in header), header


# --- 2. the charts after the tables, in the body's font -----------------------------------------------


def test_the_charts_follow_the_tables_in_the_bodys_font(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    html = _write(office, tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.index('<div class="signature">') < html.index('<section class="appendix">')
    assert html.index("CÁC BIỂU SỐ LIỆU") < html.index("Biểu 1.") < html.index("BIỂU ĐỒ")
    assert html.index("BIỂU ĐỒ") < html.index("<svg")
    chart = re.search(r"svg\.chart \{[^}]*\}", html)
    assert chart is not None
    fonts = re.search(r"font-family: ([^;]+);", chart.group(0))
    assert fonts is not None and fonts.group(1).startswith('"Times New Roman"'), chart.group(0)
    assert "sans-serif" not in fonts.group(1)


# --- 3. the chart of a comparison titled with the period's last day -----------------------------------


def test_a_comparisons_active_chart_names_the_periods_last_day(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    title = "Số tổ chức hiện có (còn đăng ký) đến ngày 14/12 hằng năm"
    page = _blocks(_write(office, tmp_path / "r.html", "2026", "--compare"))
    assert title in _chart_titles(page), page.captions
    assert not any("cuối mỗi năm" in c for c in page.captions)
    book = _write(office, tmp_path / "r.xlsx", "2026", "--compare")
    with zipfile.ZipFile(book) as z:
        titles = [
            re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode(encoding="utf-8").replace("\xa0", " "))[:1]
            for n in z.namelist()
            if n.startswith("xl/charts/chart")
        ]
    assert ["Biểu đồ 1. " + title] in titles, titles  # numbered as the page numbers it
    # its two years said as the tables say them, not "năm 2025–2026" (an eleventh reader)
    assert ["Biểu đồ 2. Kết quả xếp loại năm 2025 và năm 2026"] in titles, titles


def test_a_calendar_years_active_chart_still_says_each_years_end(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert invoke(example_db, "--lang", "vi", "report", "2017..2018", "-o", str(target)).exit_code == 0
    assert "Số tổ chức hiện có (còn đăng ký) cuối mỗi năm" in _chart_titles(_blocks(target))


def test_the_html_charts_are_numbered_as_its_tables_are(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Its tables are "Biểu 1", "Biểu 2"…: its charts "Biểu đồ 1", "Biểu đồ 2"… (English "Chart 1"),
    numbered apart from the tables, the words after the number the chart's own title (its SVG's)."""
    for name, args in (("bc.html", ("2026",)), ("cmp.html", ("2026", "--compare"))):
        target = _write(office, tmp_path / name, *args)
        page = _blocks(target)
        drawn = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', target.read_text(encoding="utf-8"))
        assert len(drawn) >= 2 and _chart_titles(page) == drawn, page.captions
        assert page.captions[0].startswith("Biểu đồ 1. ") and page.tables[0][1].startswith("Biểu 1. ")
    english = tmp_path / "en.html"
    assert office("report", "2026", "--compare", "-o", str(english)).exit_code == 0
    assert _chart_titles(_blocks(english), "Chart")[-1].startswith("Support 2026")


# --- 4. the Word letterhead's number and date on one line ---------------------------------------------


@pytest.mark.parametrize("setting", ["Sở Tài chính", "Phòng Kinh tế"])
def test_the_word_number_and_date_share_a_line(
    office: Htx,  # noqa: F811
    tmp_path: Path,
    setting: str,
) -> None:
    """ "Số: ……/BC-STC" sat a line above "Thái Nguyên, ngày …": the office's column and the motto's
    had different line counts above them. Now they share the heading's second row, whatever the
    office's lines (a department under the province's committee: two; an office alone: one)."""
    from docx import Document

    assert office("settings", "office", setting).exit_code == 0
    target = _write(office, tmp_path / "r.docx")
    heading = Document(str(target)).tables[0]
    numbered, dated = heading.rows[1].cells
    assert numbered.text.startswith("Số: ……/BC-") and dated.text.startswith("Thái Nguyên, ngày ")
    assert "Số:" not in heading.rows[0].cells[0].text and "ngày" not in heading.rows[0].cells[1].text
    soffice = _tool("soffice")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    first = _pages(tmp_path / "r.pdf")[0]
    line = next(line for line in first.splitlines() if "Số:" in line)
    assert "Thái Nguyên, ngày" in line, first[:800]


def test_the_html_number_and_date_still_share_a_line(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    first = _pages(_chromium_pdf(_write(office, tmp_path / "r.html"), tmp_path))[0]
    line = next(line for line in first.splitlines() if "Số:" in line)
    assert "Thái Nguyên, ngày" in line, first[:800]


# --- 5. the workbook's pie labels ---------------------------------------------------------------------


def test_the_workbooks_pie_labels_have_their_own_separator(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """LibreOffice printed "Yếu; 14%": with no separator set, a viewer uses its own. The band over its
    share, on two lines."""
    with zipfile.ZipFile(_write(office, tmp_path / "r.xlsx")) as z:
        charts = [z.read(n).decode(encoding="utf-8") for n in z.namelist() if n.startswith("xl/charts/chart")]
    pie = next(c for c in charts if "<c:pieChart>" in c)
    labels = pie[pie.index("<c:dLbls>") : pie.index("</c:dLbls>")]
    assert "<c:separator>\n</c:separator>" in labels, labels
    assert '<c:showCatName val="1"/>' in labels and '<c:showVal val="1"/>' in labels
