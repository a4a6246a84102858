"""The 2026 documents as a second reader checks their layout (issue 25): a Word table's rows never
split across pages and none lost (LibreOffice's PDF read back by pdftotext), the overview's heading in
Word as in HTML, headers that break only between phrases, label columns whole before figures are
padded, and a workbook whose sheets are the documents' tables, numbered and columned as they are."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from htxcli.render import document
from tests.conftest import Run, invoke
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def _write(htx: Htx, target: Path, *args: str) -> Path:
    r = htx("--lang", "vi", "report", *(args or ("2026",)), "-o", str(target))
    assert r.exit_code == 0, r.stderr
    return target


# --- 1. rows kept whole, none lost ----------------------------------------------------------------


def _with_room_taken(source: Path, lines: int, target: Path) -> Path:
    """The document with `lines` empty paragraphs before Biểu 1's title, as a clerk who adds text
    moves the page break down the table, row by row."""
    import docx
    from docx.oxml import OxmlElement

    doc = docx.Document(str(source))
    title = next(p for p in doc.paragraphs if p.text.startswith("Biểu 1."))._p
    for _ in range(lines):
        title.addprevious(OxmlElement("w:p"))
    doc.save(str(target))
    return target


def test_a_compared_word_tables_rows_all_print_wherever_the_page_breaks(
    example_db: Path, tmp_path: Path
) -> None:
    """A range compared year by year: Biểu 1's labels wrap on a turned page. With the page break moved
    row by row down the table, LibreOffice's PDF holds every row. No row is kept whole: with its
    rows (even its header row alone) kept whole, LibreOffice printed a 2026 comparison's support
    table as its header alone, its rows lost (a second reader's finding)."""
    import docx

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice and poppler-utils are not installed here (CI installs them)")
    source = tmp_path / "k.docx"
    r = invoke(example_db, "--lang", "vi", "report", "2014..2018", "--compare", "-o", str(source))
    assert r.exit_code == 0, r.stderr
    rows = docx.Document(str(source)).tables[1].rows
    kept = [row._tr.trPr is not None and row._tr.trPr.find(_W + "cantSplit") is not None for row in rows]
    assert kept == [False] * len(rows)
    labels = [row.cells[0].text for t in docx.Document(str(source)).tables[1:-1] for row in t.rows[1:]]
    shifted = [_with_room_taken(source, n, tmp_path / f"s{n}.docx") for n in range(0, 17)]
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, shifted)],
        capture_output=True, timeout=600, check=True, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    for path in shifted:
        text = subprocess.run(
            [pdftotext, "-layout", str(path.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        printed = [line.strip() for line in text.splitlines() if line.strip()]
        for label in labels:
            assert any(line.startswith(" ".join(label.split()[:2])) for line in printed), (path.name, label)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- 2. the overview's heading ---------------------------------------------------------------------


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (tag, text) of h2 and the narrative's first p
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "p"):
            self._tag = tag
            self.found.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self._tag is not None:
            self.found[-1] = (self.found[-1][0], self.found[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        self._tag = None


def test_word_and_html_head_the_overview_alike(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import docx

    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("TÌNH HÌNH CHUNG")
    assert texts[at + 1].startswith("Năm 2026, toàn tỉnh"), texts  # directly above the overview
    assert doc.paragraphs[at].runs[0].bold and doc.paragraphs[at].paragraph_format.keep_with_next
    page = _Headings()
    page.feed(_write(office, tmp_path / "r.html").read_text(encoding="utf-8"))
    h2 = [i for i, (tag, _) in enumerate(page.found) if tag == "h2"]
    assert page.found[h2[0]] == ("h2", "TÌNH HÌNH CHUNG")
    assert page.found[h2[0] + 1][1].startswith("Năm 2026, toàn tỉnh")
    # One home: the same words from one message in both.
    assert document.section_heading("Tình hình chung") == "TÌNH HÌNH CHUNG"


# --- 3. headers break between phrases; labels whole before figures are padded -----------------------


def test_word_headers_break_only_between_phrases(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import docx

    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    headers = [c.text for t in doc.tables[1:-1] for c in t.rows[0].cells]
    noted = [h for h in headers if "(" in h]
    assert "Thành viên (đăng\u00a0ký)" in noted and "Hiện có (còn\u00a0đăng\u00a0ký)" in noted, noted
    for header in noted:  # no break inside a bracket ("(còn đăng ký)"; "(+)," of a change's header)
        assert not [note for note in re.findall(r"\([^()]*\)", header) if " " in note], header
    # The layout measures the bracket as one word: the header wraps before it, never inside.
    assert document.header_lines("Thành viên (đăng\u00a0ký)", 22, 12) == 2
    assert document.words("Thành viên (đăng\u00a0ký)") == ["Thành", "viên", "(đăng\u00a0ký)"]


def test_a_comparisons_label_column_holds_its_labels_before_figures_are_padded(
    example_db: Path, tmp_path: Path
) -> None:
    """The example's 2019 (no change since 2018) compared: "Hợp tác xã: Vốn điều lệ (đăng ký)" on one line,
    not wrapped beside a "±" column padded as wide as a sum of money."""
    import docx

    target = tmp_path / "c.docx"
    r = invoke(example_db, "--lang", "vi", "report", "2019", "--compare", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    table = docx.Document(str(target)).tables[1]
    widths = [c.width.mm for c in table.rows[0].cells]
    size = table.rows[1].cells[0].paragraphs[0].runs[0].font.size.pt
    longest = max(document.text_mm(row.cells[0].text, size) for row in table.rows[1:])
    assert widths[0] >= longest + document.CELL_PADDING_MM - 0.01, (widths, longest)


def test_layout_prefers_whole_labels_to_alike_figures() -> None:
    rows = [
        ["Hợp tác xã: Vốn điều lệ (đăng ký)", "227.450.000.000 ₫", "227.450.000.000 ₫", "0"],
        ["Tổ hợp tác: Thành viên (đăng ký)", "884", "884", "0"],
    ]
    table = document.Table(
        "x", ["Chỉ tiêu", "2025", "2026", "±"], rows, [False, True, True, True], False, None
    )
    shape = document.layout(table)
    label = max(document.text_mm(r[0], shape.size) for r in rows) + document.CELL_PADDING_MM
    assert shape.widths[0] >= label - 0.01 and not shape.landscape, shape


# --- 4. the workbook: the documents' tables, numbered ----------------------------------------------


def _word_tables(doc: Any) -> list[tuple[str, list[str]]]:
    titles = [p.text for p in doc.paragraphs if p.text.startswith("Biểu ")]
    headers = [[" ".join(c.text.split()) for c in t.rows[0].cells] for t in doc.tables[1:-1]]
    return list(zip(titles, headers, strict=True))


@pytest.mark.parametrize("args", [("2026",), ("2026", "--compare")])
def test_the_workbooks_sheets_are_the_documents_tables_numbered_alike(
    office: Htx,  # noqa: F811
    tmp_path: Path,
    args: tuple[str, ...],
) -> None:
    import docx
    import openpyxl

    from htxcli.render.xlsx_cells import HEADER_ROW

    word = _word_tables(docx.Document(str(_write(office, tmp_path / "r.docx", *args))))
    book = openpyxl.load_workbook(_write(office, tmp_path / "r.xlsx", *args))
    sheets = book.worksheets[: len(word)]
    for n, ((title, headers), sheet) in enumerate(zip(word, sheets, strict=True), start=1):
        assert sheet.title.startswith(f"Biểu {n}. ") and len(sheet.title) <= 31, sheet.title
        assert sheet["A1"].value == title
        shown = [c.value for c in sheet[HEADER_ROW + 1] if c.value is not None]
        assert [" ".join(h.split()) for h in shown] == headers, (title, shown)
    if args == ("2026",):  # its headers wrap between phrases, as Word's do
        assert "Thành viên (đăng\u00a0ký)" in [c.value for c in book.worksheets[0][HEADER_ROW + 1]]
    # Biểu 1 has no column the documents lack (the count at the period's start is the count less the
    # change, which both show).
    assert not any("ngày 14/12/2025" in str(c.value) for c in book.worksheets[0][HEADER_ROW + 1])
    # The chart sheet is headed like the others: its title, then the report's.
    charts = book["Biểu đồ"]
    assert charts["A1"].value == "Biểu đồ" and charts["A1"].font.b
    assert str(charts["A2"].value).startswith("Tình hình phát triển kinh tế tập thể năm 2026")
