"""The tables as the report's appendix (issue 25, item 15; a reader of the printed 2026 report: the
Word and HTML reports set Biểu 1–11 in the body, before "Nơi nhận" and the signature, while the
workbook presents them as attachments). The body ends with the overview, then the recipients and the
signature; after them, on a new page, the appendix as Decree 30 attaches one: "Phụ lục" over "CÁC BIỂU
SỐ LIỆU", the line citing the report that the workbook writes under each sheet's title, then the
tables (and the HTML's charts). Read back by python-docx and html.parser, and as printed pages
(LibreOffice and Chromium, then poppler)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.conftest import Run, invoke, word_figures, word_signature
from tests.test_report_documents import _tool
from tests.test_report_pages import _chromium_pdf
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)
from tests.test_report_sections import _cited

Htx = Callable[..., Run]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ISSUED = ("--issue", "--number", "768/BC-STC", "--on", "03/12/2026", "--despite-findings")
CITED = "(Kèm theo Báo cáo số 768/BC-STC ngày 03 tháng 12 năm 2026 của Sở Tài chính)"


def _write(htx: Htx, target: Path, *args: str) -> Path:
    r = htx("--lang", "vi", "report", "2026", *args, "-o", str(target))
    assert r.exit_code == 0, r.stderr
    return target


def _body(doc: Any) -> list[tuple[str, str, int]]:
    """The document's body in order: ("p", text, section) for a paragraph, ("tbl", its first cell's
    text, section) for a table; `section` counts the section breaks before it."""
    out, section = [], 0
    for element in doc.element.body.iterchildren():
        if element.tag == f"{W}p":
            out.append(("p", "".join(t.text or "" for t in element.iter(f"{W}t")), section))
            if element.find(f"{W}pPr/{W}sectPr") is not None:
                section += 1
        elif element.tag == f"{W}tbl":
            first = element.find(f".//{W}tc")
            text = "".join(t.text or "" for t in first.iter(f"{W}t")) if first is not None else ""
            out.append(("tbl", text, section))
    return out


def test_the_word_reports_tables_follow_the_signature_as_its_appendix(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import docx
    from docx.oxml.ns import qn

    assert office("settings", "office", "UBND tỉnh Thái Nguyên / Sở Tài chính").exit_code == 0
    doc = docx.Document(str(_write(office, tmp_path / "r.docx", *ISSUED)))
    body = _body(doc)
    texts = [text for kind, text, _ in body]
    signature = next(
        n for n, (kind, text, _) in enumerate(body) if kind == "tbl" and text.startswith("Nơi nhận")
    )
    assert word_signature(doc).cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    overview = texts.index("TÌNH HÌNH CHUNG")
    appendix = texts.index("Phụ lục")
    # the body: the overview, its parts, then the signature; no second part, no table
    assert overview < signature < appendix
    assert [k for k, _, _ in body[overview:signature]].count("tbl") == 0
    assert not any(t.startswith("II.") for t in texts), texts
    # the appendix's heading, centred and bold, on a new page, kept with the first table's title
    paragraphs = [p for p in doc.paragraphs if p.text]
    at = next(n for n, p in enumerate(paragraphs) if p.text == "Phụ lục")
    heading, title, cited = paragraphs[at : at + 3]
    assert title.text == "CÁC BIỂU SỐ LIỆU" and cited.text == CITED
    for p in (heading, title):
        assert p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold
    assert cited.runs[0].italic and cited.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    # a section of its own from a new page, its pages numbered from 1 (Decree 30: an appendix's pages
    # are numbered on their own), its first unnumbered as the report's first is
    section = doc.sections[body[appendix][2]]
    assert body[appendix][2] == body[signature][2] + 1
    assert section.start_type == docx.enum.section.WD_SECTION.NEW_PAGE
    assert section.different_first_page_header_footer
    numbering = section._sectPr.find(qn("w:pgNumType"))
    assert numbering is not None and numbering.get(qn("w:start")) == "1"
    assert all(p.paragraph_format.keep_with_next for p in (heading, title, cited))
    # the same line the workbook writes under each sheet's title (dotted before it is issued)
    (dotted,) = _cited(_write(office, tmp_path / "draft.xlsx"))
    draft = docx.Document(str(_write(office, tmp_path / "draft.docx")))
    assert dotted.startswith("(Kèm theo Báo cáo số ……/BC-STC ngày … tháng …")
    assert dotted in [p.text for p in draft.paragraphs]
    # then the tables, every one of them, numbered as before
    first = next(n for n, t in enumerate(texts) if t.startswith("Biểu 1."))
    assert appendix < texts.index(CITED) < first
    tables = [n for n, (kind, _, _) in enumerate(body) if kind == "tbl"]
    assert tables[:2] == [0, signature] and all(n > first for n in tables[2:])
    assert len(tables) - 2 == len(word_figures(doc)) == sum(t.startswith("Biểu ") for t in texts) >= 5


def test_a_turned_first_table_turns_the_appendixs_first_page(example_db: Path, tmp_path: Path) -> None:
    """2014..2018: Biểu 1's five sums of money need a turned page; the appendix's heading goes on it
    with the table (a section break after the signature, not a page break before an upright page)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    target = tmp_path / "y.docx"
    assert invoke(example_db, "--lang", "vi", "report", "2014..2018", "-o", str(target)).exit_code == 0
    doc = docx.Document(str(target))
    body = _body(doc)
    texts = [text for _, text, _ in body]
    appendix = texts.index("Phụ lục")
    section = body[appendix][2]
    assert section == 1 and doc.sections[section].orientation == WD_ORIENT.LANDSCAPE
    assert all(s == 0 for _, _, s in body[:appendix])  # the body and the signature upright
    assert body[texts.index(next(t for t in texts if t.startswith("Biểu 1.")))][2] == section
    assert texts[appendix + 1] == "CÁC BIỂU SỐ LIỆU"
    assert texts[appendix + 2].startswith("(Kèm theo Báo cáo số ……/BC-…… ngày … tháng … năm ")
    heading = next(p for p in doc.paragraphs if p.text == "Phụ lục")
    assert not heading.paragraph_format.page_break_before  # the turned page begins one already
    assert doc.sections[section]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


class _Order(HTMLParser):
    """The page's landmarks in order: the parts' headings, the signature, the appendix, its cited line,
    the tables' titles and the charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h2", "h3") or (tag == "p" and "cited" in classes):
            self._open = tag
            self.found.append((tag if tag != "p" else "cited", ""))
        elif tag == "div" and "signature" in classes:
            self.found.append(("signature", ""))
        elif tag == "section" and "appendix" in classes:
            self.found.append(("appendix", ""))
        elif tag in ("table", "figure"):
            self.found.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.found[-1] = (self.found[-1][0], self.found[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None


def test_the_html_reports_tables_and_charts_follow_the_signature(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    assert office("settings", "office", "UBND tỉnh Thái Nguyên / Sở Tài chính").exit_code == 0
    _write(office, tmp_path / "r.docx", *ISSUED)
    page = _Order()
    page.feed(_write(office, tmp_path / "r.html", "--as-issued").read_text(encoding="utf-8"))
    kinds = [kind for kind, _ in page.found]
    signature, appendix = kinds.index("signature"), kinds.index("appendix")
    assert kinds.count("signature") == 1 and signature < appendix
    assert page.found[0] == ("h2", "TÌNH HÌNH CHUNG")
    assert "table" not in kinds[:appendix] and "figure" not in kinds[:appendix]
    assert [t for kind, t in page.found if kind == "h2"] == ["TÌNH HÌNH CHUNG", "Phụ lục CÁC BIỂU SỐ LIỆU"]
    assert page.found[appendix + 1 : appendix + 3] == [("h2", "Phụ lục CÁC BIỂU SỐ LIỆU"), ("cited", CITED)]
    assert page.found[appendix + 3][0] == "h3" and page.found[appendix + 3][1].startswith("Biểu 1.")
    # the charts after the last table, headed within the appendix
    charts = page.found.index(("h3", "BIỂU ĐỒ"))
    assert max(n for n, k in enumerate(kinds) if k == "table") < charts < kinds.index("figure")


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in text.stdout.split("\f") if page.strip()]


def test_printed_the_appendix_begins_the_page_after_the_signature(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """As pages: LibreOffice's Word and Chromium's HTML alike: the signature on the body's last page,
    no table before it; the appendix's page opens with its heading (in Word, its pages numbered on their
    own)."""
    word = _write(office, tmp_path / "r.docx")
    subprocess.run(
        [_tool("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to",
         "pdf", "--outdir", str(tmp_path / "w"), str(word)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    html = _chromium_pdf(_write(office, tmp_path / "r.html"), tmp_path)
    for pdf in (tmp_path / "w" / "r.pdf", html):
        pages = _pdf_pages(pdf)
        at = next(n for n, p in enumerate(pages) if "Phụ lục CÁC BIỂU SỐ LIỆU" in p)
        assert at >= 1 and "Nơi nhận" in pages[at - 1] and "Nơi nhận" not in " ".join(pages[at:]), pdf
        assert not any("Biểu 1." in p for p in pages[:at]), pdf
        # Word numbers the appendix's pages on their own (Decree 30), its first unnumbered as the
        # report's is; Chromium cannot restart a page count, so the HTML's run on.
        number = "" if pdf.parent.name == "w" else f"{at + 1} "
        assert pages[at].startswith(f"{number}Phụ lục CÁC BIỂU SỐ LIỆU (Kèm theo Báo cáo số"), pages[at]
        assert "Biểu 1." in pages[at], pdf
        if pdf.parent.name == "w" and len(pages) > at + 1:
            assert pages[at + 1].startswith("2 "), pages[at + 1]
