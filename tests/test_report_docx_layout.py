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
from pathlib import Path
from typing import Any

import pytest

from htxcli.render import document
from tests.conftest import Run, invoke, word_figures
from tests.test_report_print import _write, office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


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
    rows = word_figures(docx.Document(str(source)))[0].rows
    kept = [row._tr.trPr is not None and row._tr.trPr.find(_W + "cantSplit") is not None for row in rows]
    assert kept == [False] * len(rows)
    labels = [row.cells[0].text for t in word_figures(docx.Document(str(source))) for row in t.rows[1:]]
    shifted = [_with_room_taken(source, n, tmp_path / f"s{n}.docx") for n in range(0, 17)]
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, shifted)],
        capture_output=True, timeout=600, check=True, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    runs_on = 0
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
        tables = word_figures(docx.Document(str(source)))
        runs_on += _groups_whole(text, _word_rows(tables), tables[0].rows[0].cells[0].text, path.name)
    assert runs_on  # some grouped table did run on onto a page


def _groups_whole(text: str, tables: list[list[tuple[str, bool]]], header: str, name: str) -> int:
    """No group (a kind, a program, a place and its lines) split across pages: a table that runs on
    onto a page (its header printed again there) goes on with a group's heading, never with the
    lines of a group begun on the page before (a second reader found "Quỹ tín dụng nhân dân" with 2
    rows on one page and the rest on the next, without its name). `tables`: each table's rows, a
    label and whether it has figures (a heading has none). How many grouped tables ran on."""
    first_words = lambda label: " ".join(label.split()[:2])  # noqa: E731 (a label may wrap)
    heads, lines, ungrouped = set(), set(), set()  # ungrouped: the lines of a table without groups
    for rows in tables:
        for label, figures in rows:
            (ungrouped if all(f for _, f in rows) else lines if figures else heads).add(first_words(label))
    split = 0
    for number, page in enumerate(text.split("\f")[1:], start=2):
        printed = [line.strip() for line in page.splitlines() if line.strip()]
        if not any(line.startswith(first_words(header)) for line in printed[:3]):
            continue  # no table runs on onto this page
        row = next(line for line in printed if any(line.startswith(w) for w in heads | lines | ungrouped))
        if any(row.startswith(w) for w in ungrouped - heads):
            continue  # a table without groups (the ratings) may break anywhere
        split += 1
        assert any(row.startswith(w) for w in heads), (name, number, row)
    return split


def _word_rows(tables: list[Any]) -> list[list[tuple[str, bool]]]:
    return [
        [(row.cells[0].text.strip(), any(c.text for c in row.cells[1:])) for row in table.rows[1:]]
        for table in tables
    ]


def _html_rows(html: str) -> list[list[tuple[str, bool]]]:
    """Each table's rows in the page: a label, whether it has figures; and each row's classes."""
    return [
        [(cells[0], any(cells[1:])) for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row) for _, row in rows)]
        for rows in _html_row_classes(html)
    ]


def _html_row_classes(html: str) -> list[list[tuple[str, str]]]:
    return [
        re.findall(r'<tr(?: class="([^"]*)")?>(.*?)</tr>', body)
        for body in re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S)
    ]


def test_a_comparisons_groups_are_kept_together_in_word_and_html(example_db: Path, tmp_path: Path) -> None:
    """Each row of a group (a kind, a program, a place: its heading and its lines) but its last is
    kept with the row after it, in Word (keep with next, the row's paragraphs) and in HTML (class
    "held": break-after avoided when printed); a table without groups (the ratings) is not; and
    Chromium's PDF of the page, the break moved down the tables, splits no group. Never "keep whole"
    (cantSplit): LibreOffice dropped a whole table's rows with it."""
    import docx

    from htxcli.render.layout import KEEP_ROWS

    source, page = tmp_path / "k.docx", tmp_path / "k.html"
    for target in (source, page):
        r = invoke(example_db, "--lang", "vi", "report", "2014..2018", "--compare", "-o", str(target))
        assert r.exit_code == 0, r.stderr
    tables = word_figures(docx.Document(str(source)))
    html = page.read_text(encoding="utf-8")
    assert len(_html_row_classes(html)) == len(tables)
    grouped_tables = 0
    for table, classes in zip(tables, _html_row_classes(html), strict=True):
        rows = table.rows[1:]
        heads = [n for n, row in enumerate(rows) if not any(c.text for c in row.cells[1:])]
        grouped_tables += bool(heads)
        after = table._tbl.getnext()  # the table's note, kept with its last row
        note = after is not None and after.tag == _W + "p" and docx.text.paragraph.Paragraph(after, None).text
        for n, row in enumerate(rows):
            held = bool(heads) and n >= heads[0] and n + 1 < len(rows) and n + 1 not in heads
            kept = {bool(p.paragraph_format.keep_with_next) for c in row.cells for p in c.paragraphs}
            last_noted = n == len(rows) - 1 and bool(note) and not re.match(r"(Table|Biểu) \d+\b", note)
            # A small table is kept whole in Word (every row but its last with the next), as in HTML.
            small = len(rows) <= KEEP_ROWS and n + 1 < len(rows)
            assert kept == {held or last_noted or small}, (n, row.cells[0].text)
            assert ("held" in classes[n][0].split()) == held, (n, classes[n])
            assert row._tr.trPr is None or row._tr.trPr.find(_W + "cantSplit") is None
    assert grouped_tables >= 4

    from tests.test_report_documents import _tool

    chromium, pdftotext = _tool("chromium"), _tool("pdftotext")
    runs_on = 0
    for room in range(0, 120, 20):  # millimetres taken before Biểu 1, as a clerk's added text takes
        padded = tmp_path / f"p{room}.html"
        padded.write_text(
            html.replace('<div class="table', f'<div style="height: {room}mm"></div><div class="table', 1),
            encoding="utf-8",
        )
        pdf = padded.with_suffix(".pdf")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
             f"--print-to-pdf={pdf}", "--no-pdf-header-footer", padded.as_uri()],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        runs_on += _groups_whole(text, _html_rows(html), "Chỉ tiêu", padded.name)
    assert runs_on


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- 2. the overview's heading: tests/test_report_sections.py ------------------------------------------


# --- 3. headers break between phrases; labels whole before figures are padded -----------------------


def test_word_headers_break_only_between_phrases(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import docx

    doc = docx.Document(str(_write(office, tmp_path / "r.docx")))
    headers = [c.text for t in word_figures(doc) for c in t.rows[0].cells]
    noted = [h for h in headers if "(" in h]
    assert "Hiện có (còn\u00a0đăng\u00a0ký)" in noted, noted
    for header in noted:  # no break inside a bracket ("(còn đăng ký)"; "(+)," of a change's header)
        assert not [note for note in re.findall(r"\([^()]*\)", header) if " " in note], header
    # The layout measures the bracket as one word: the header wraps before it, never inside.
    assert document.header_lines("Hiện có (còn\u00a0đăng\u00a0ký)", 25, 12) == 2
    assert document.words("Hiện có (còn\u00a0đăng\u00a0ký)") == ["Hiện", "có", "(còn\u00a0đăng\u00a0ký)"]


def test_a_comparisons_label_column_holds_its_labels_before_figures_are_padded(
    example_db: Path, tmp_path: Path
) -> None:
    """The example's 2019 (no change since 2018) compared: "Hợp tác xã: Vốn điều lệ đăng ký" on one line,
    not wrapped beside a "±" column padded as wide as a sum of money."""
    import docx

    target = tmp_path / "c.docx"
    r = invoke(example_db, "--lang", "vi", "report", "2019", "--compare", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    table = word_figures(docx.Document(str(target)))[0]
    widths = [c.width.mm for c in table.rows[0].cells]
    size = table.rows[1].cells[0].paragraphs[0].runs[0].font.size.pt
    longest = max(document.text_mm(row.cells[0].text, size) for row in table.rows[1:])
    assert widths[0] >= longest + document.CELL_PADDING_MM - 0.01, (widths, longest)


def test_layout_prefers_whole_labels_to_alike_figures() -> None:
    rows = [
        ["Hợp tác xã: Vốn điều lệ đăng ký", "227.450.000.000 ₫", "227.450.000.000 ₫", "0"],
        ["Tổ hợp tác: Thành viên đăng ký", "884", "884", "0"],
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
    headers = [[" ".join(c.text.split()) for c in t.rows[0].cells] for t in word_figures(doc)]
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
        assert "Hiện có (còn\u00a0đăng\u00a0ký)" in [c.value for c in book.worksheets[0][HEADER_ROW + 1]]
    # Biểu 1 has no column the documents lack (the count at the period's start is the count less the
    # change, which both show).
    assert not any("ngày 14/12/2025" in str(c.value) for c in book.worksheets[0][HEADER_ROW + 1])
    # The chart sheet is headed like the others: its title, the report it goes with, then the report's.
    charts = book["Biểu đồ"]
    assert charts["A1"].value == "Biểu đồ" and charts["A1"].font.b
    assert str(charts["A2"].value).startswith("(Kèm theo Báo cáo số")
    assert str(charts["A3"].value).startswith("Tình hình phát triển kinh tế tập thể năm 2026")
