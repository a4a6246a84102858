"""The 2026 documents laid out as a Vietnamese administrative report (issue 25): the body's part
numbered "TÌNH HÌNH CHUNG" in Word and HTML alike, the tables after the signature as the report's
appendix ("Phụ lục", "CÁC BIỂU SỐ LIỆU": tests/test_report_appendix.py; the HTML's charts after
them), the overview's parts
under numbered sub-headings (only those the report has something to say in); each sheet of the
workbook citing the report it goes with; and the HTML page telling the clerk, on screen only, how to
print it without the browser's own header and footer."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Run, invoke
from tests.test_report_documents import _tool
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def _write(htx: Htx, target: Path, *args: str, lang: str = "vi") -> Path:
    r = htx("--lang", lang, "report", "2026", *args, "-o", str(target))
    assert r.exit_code == 0, r.stderr
    return target


class _Page(HTMLParser):
    """The headings of an HTML page (tag, text), the paragraphs after each, and the print note."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.note = ""
        self.style = ""
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and ("class", "print-note") in attrs:
            self._tag = "note"
        elif tag in ("h2", "h3", "p", "style"):
            self._tag = tag
            self.found.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self._tag == "note":
            self.note += data
        elif self._tag == "style":
            self.style += data
        elif self._tag is not None:
            self.found[-1] = (self.found[-1][0], self.found[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "p", "style"):  # not a span within a heading
            self._tag = None


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _word(path: Path) -> list[tuple[str, bool]]:
    """The Word document's paragraphs: (text, bold)."""
    import docx

    return [(p.text, bool(p.runs and p.runs[0].bold)) for p in docx.Document(str(path)).paragraphs]


# --- 1. numbered parts and sub-parts -----------------------------------------------------------------

ORGANISATIONS = "1. Số lượng, tình trạng pháp lý và kết quả đánh giá, xếp loại các tổ chức kinh tế tập thể"
SUPPORT = "2. Hỗ trợ phát triển kinh tế tập thể"


def test_word_and_html_number_the_parts_and_the_overviews_parts(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """No figures and no plan recorded: the overview has two parts, numbered 1. and 2. (no empty 3.
    or 4.), bold and as written under "TÌNH HÌNH CHUNG"; the tables, no part of the body, under
    the appendix's "Phụ lục" / "CÁC BIỂU SỐ LIỆU" after it."""
    paragraphs = _word(_write(office, tmp_path / "r.docx"))
    texts = [text for text, _ in paragraphs]
    at = texts.index("TÌNH HÌNH CHUNG")
    assert paragraphs[at][1]
    assert texts[at + 1] == ORGANISATIONS and paragraphs[at + 1][1]
    assert texts[at + 2].startswith("Năm 2026, toàn tỉnh")
    support = texts.index(SUPPORT)
    assert paragraphs[support][1] and not paragraphs[support + 1][1]
    assert not any(re.match(r"[34]\. ", t) for t in texts), texts
    assert not any(re.match(r"II\. ", t) for t in texts), texts  # the body's one part
    appendix = texts.index("Phụ lục")
    assert support < appendix and texts[appendix + 1] == "CÁC BIỂU SỐ LIỆU" and paragraphs[appendix + 1][1]
    assert texts[appendix + 2].startswith("(Kèm theo Báo cáo số")
    assert next(t for t in texts[appendix:] if t.startswith("Biểu")).startswith("Biểu 1.")
    # The one part unnumbered (no lone "I."), the tables no part of the body.
    assert not any(t.startswith("I. ") for t in texts) and "II. CÁC BIỂU SỐ LIỆU" not in texts

    # The page alike: the overview "I.", then the appendix, its charts (the HTML's own) after the tables.
    page = _page(_write(office, tmp_path / "r.html"))
    assert [t for tag, t in page.found if tag == "h2"] == ["TÌNH HÌNH CHUNG", "Phụ lục CÁC BIỂU SỐ LIỆU"]
    start = page.found.index(("h2", "TÌNH HÌNH CHUNG"))
    assert page.found[start + 1] == ("h3", ORGANISATIONS)
    assert page.found[start + 2][0] == "p" and page.found[start + 2][1].startswith("Năm 2026, toàn tỉnh")
    tables = page.found.index(("h2", "Phụ lục CÁC BIỂU SỐ LIỆU"))
    overview = page.found[start:tables]
    assert [t for tag, t in overview if tag == "h3"] == [ORGANISATIONS, SUPPORT]
    assert page.found[tables + 1][0] == "p" and page.found[tables + 1][1].startswith("(Kèm theo Báo cáo số")
    assert page.found[tables + 2][0] == "h3" and page.found[tables + 2][1].startswith("Biểu 1.")
    assert [t for tag, t in page.found if tag == "h3"][-1] == "BIỂU ĐỒ"


def test_a_part_is_numbered_only_when_the_report_has_it(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """A plan but no figures: the plan's part is the third, not the fourth; with figures too, the
    fourth, after the organisations' results."""
    assert office("plan", "set", "2026", "HTX thành lập mới", "3").exit_code == 0
    texts = [t for t, _ in _word(_write(office, tmp_path / "a.docx"))]
    assert "3. Kết quả thực hiện kế hoạch" in texts and not any(t.startswith("4. ") for t in texts)
    r = office("figures", "4600000001", "2026", "--revenue", "900 triệu", "--members", "9")
    assert r.exit_code == 0, r.stderr
    texts = [t for t, _ in _word(_write(office, tmp_path / "b.docx"))]
    headings = [t for t in texts if re.match(r"\d\. ", t)]
    assert headings == [
        ORGANISATIONS,
        SUPPORT,
        "3. Kết quả hoạt động sản xuất, kinh doanh",
        "4. Kết quả thực hiện kế hoạch",
    ]
    page = _page(_write(office, tmp_path / "b.html"))
    assert [t for tag, t in page.found if tag == "h3" and re.match(r"\d\. ", t)] == headings


def test_a_ranges_years_under_one_heading_each_name_their_year(example_db: Path, tmp_path: Path) -> None:
    """A range sets its years' paragraphs side by side under each part's heading: each says which year
    it tells ("Năm 2017, tỉnh đã …"), never "Trong năm" (which year?); the text layout, a paragraph
    per year that opens with its year, keeps "Trong năm"."""
    target = tmp_path / "r.docx"
    r = invoke(example_db, "--lang", "vi", "report", "2016..2018", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    texts = [t for t, _ in _word(target)]
    at = texts.index(SUPPORT)
    told = texts[at + 1 : at + 4]
    assert told[0] == "Không có hỗ trợ nào được ghi nhận trong năm 2016.", told
    assert told[1].startswith("Năm 2017, tỉnh đã tổ chức") and told[2].startswith("Năm 2018, tỉnh đã"), told
    assert not any("Trong năm, tỉnh" in t for t in texts)
    text = invoke(example_db, "--lang", "vi", "report", "2017", "--format", "text").stdout
    assert "Trong năm, tỉnh đã tổ chức" in text


def test_the_english_layout_has_the_same_structure(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    texts = [t for t, _ in _word(_write(office, tmp_path / "r.docx", lang="en"))]
    at = texts.index("OVERVIEW")
    assert texts[at + 1] == "1. Number, legal status and rating of the organisations"
    assert "2. Support for the development of the collective economy" in texts
    appendix = texts.index("Appendix")
    assert texts[appendix + 1] == "TABLES OF FIGURES" and texts[appendix + 2].startswith(
        "(Attached to Report"
    )
    assert not any(t.startswith("II.") for t in texts)
    page = _page(_write(office, tmp_path / "r.html", lang="en"))
    assert [t for tag, t in page.found if tag == "h2"] == ["OVERVIEW", "Appendix TABLES OF FIGURES"]
    assert [t for tag, t in page.found if tag == "h3"][-1] == "CHARTS"


# --- 2. the workbook's appendix line -----------------------------------------------------------------


def _cited(book_path: Path) -> set[str]:
    """The line under each sheet's title, of every sheet."""
    import openpyxl

    book = openpyxl.load_workbook(book_path, read_only=True)
    lines = {
        str(next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[0]) for sheet in book.worksheets
    }
    book.close()
    return lines


def test_each_sheet_cites_the_report_it_goes_with(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Dotted for the clerk to fill in, after the office's initials, with the office's name; without
    an office, its number and date only; issued, with its number and day."""
    year = date.today().year
    assert _cited(_write(office, tmp_path / "none.xlsx")) == {
        f"(Kèm theo Báo cáo số ……/BC-…… ngày … tháng … năm {year})"
    }
    assert office("settings", "office", "UBND tỉnh Thái Nguyên / Sở Tài chính").exit_code == 0
    assert _cited(_write(office, tmp_path / "office.xlsx")) == {
        f"(Kèm theo Báo cáo số ……/BC-STC ngày … tháng … năm {year} của Sở Tài chính)"
    }
    issued = _write(
        office, tmp_path / "issued.xlsx", "--issue", "--number", "768/BC-STC", "--on", "03/12/2026",
        "--despite-findings",
    )  # fmt: skip
    assert _cited(issued) == {"(Kèm theo Báo cáo số 768/BC-STC ngày 03 tháng 12 năm 2026 của Sở Tài chính)"}
    english = _write(office, tmp_path / "en.xlsx", lang="en")
    assert _cited(english) == {f"(Attached to Report No. ……/BC-STC dated {year}-…-… of Sở Tài chính)"}


def test_the_sheets_table_still_starts_under_its_heading(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """The title, the report it goes with, what it covers, a blank row, then the table's header."""
    import openpyxl

    from htxcli.render.xlsx_cells import HEADER_ROW

    book = openpyxl.load_workbook(_write(office, tmp_path / "r.xlsx"))
    sheet = book.worksheets[0]
    column = [sheet.cell(row, 1).value for row in range(1, HEADER_ROW + 2)]
    assert column[0].startswith("Biểu 1.") and column[1].startswith("(Kèm theo Báo cáo số")
    assert column[2].startswith("Tình hình phát triển kinh tế tập thể năm 2026")
    assert column[3] is None and column[4] == "Loại hình"


# --- 3. printing the HTML without the browser's header and footer --------------------------------------


def test_the_html_tells_the_clerk_on_screen_how_to_print_it(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """A note at the top of the page names Chrome's own words for the clerk ("Chế độ cài đặt khác",
    "Đầu trang và chân trang"); it is hidden when printing: Chromium's PDF does not hold it."""
    path = _write(office, tmp_path / "r.html")
    page = _page(path)
    assert '"Đầu trang và chân trang"' in page.note and '"Chế độ cài đặt khác"' in page.note, page.note
    assert re.search(r"@media print \{\s*\.print-note \{ display: none; \}", page.style)
    chromium, pdftotext = _tool("chromium"), _tool("pdftotext")
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={pdf}", "--no-pdf-header-footer", path.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "TÌNH HÌNH CHUNG" in flat and "Chế độ cài đặt khác" not in flat


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_note_is_one_message_in_each_language(office: Htx, tmp_path: Path, lang: str) -> None:  # noqa: F811
    note = _page(_write(office, tmp_path / "r.html", lang=lang)).note
    assert ("Headers and footers" in note) == (lang == "en") and note.strip()
