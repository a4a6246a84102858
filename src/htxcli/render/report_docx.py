"""The yearly report as a Word document laid out as a Vietnamese administrative report (Decree
30/2020/NĐ-CP, Appendix I): the issuing office and the national heading side by side, the place and date
line, the title, the narrative, then the tables; the clerk edits it and signs it off.

python-docx (MIT) writes it; it is imported only here, so no other command pays for it. Times New Roman
throughout (the decree's font), 14 pt for the text and 12 pt in the tables, on A4 with the decree's
margins (top and bottom 20 mm, left 30 mm, right 15 mm).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.report import Report
from htxcli.render import document
from htxcli.render.layout import period_line
from htxcli.render.narrative import paragraphs

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

FONT = "Times New Roman"
TEXT_SIZE = 14
HEADING_SIZE = 12  # the national heading's first line and the office (12–13 pt in the decree's form)
TABLE_SIZE = 12
TABLE_SIZE_WIDE = 11  # a table of many columns (a range of years side by side)
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
FIRST_LINE_INDENT_CM = 1.27
# Column widths are estimated from character counts (12 pt Times New Roman: digits ~2.1 mm, a little
# more allowed for wider letters; bold capitals with Vietnamese marks more again) plus the cell's
# padding, checked by eye in LibreOffice: no figure and no header word wraps in the example.
CHARACTER_MM = 2.4
HEADER_CHARACTER_MM = 3.2  # bold, with capitals and stacked diacritics
CELL_PADDING_MM = 4.5
OFFICE_COLUMN_MM = 62  # the rest of the line holds the national heading on one line


def write_docx(
    out: IO[bytes], report: Report, *, single: bool, office: str | None, today: date | None = None
) -> None:
    from docx import Document as new_document

    doc = new_document()
    _page_and_fonts(doc)
    _heading(doc, office, today or date.today())
    _title(doc, report)
    for text in paragraphs(report):
        _body(doc, text)
    tables = document.tables(report, single=single)
    if tables:
        _centred(doc, messages.DOCUMENT_FIGURES.upper(), bold=True, before=12)
    for number, table in enumerate(tables, start=1):
        _table(doc, number, table)
    _signature(doc)
    doc.core_properties.title = f"{messages.DOCUMENT_KIND} {document.subject(report)}"
    doc.core_properties.language = "vi-VN" if current() == "vi" else "en-GB"
    doc.save(out)


def _page_and_fonts(doc: Document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal: Any = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(TEXT_SIZE)
    properties = normal.element.get_or_add_rPr()
    # Word picks a font per script: set it for every one, so no line falls back to Calibri.
    fonts = properties.get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN" if current() == "vi" else "en-GB")
    properties.append(language)
    normal.paragraph_format.space_after = Pt(0)


def _run(
    paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: int | None = None
) -> Any:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = Pt(size)
    return run


def _heading(doc: Document, office: str | None, today: date) -> None:
    """Two columns without borders: the office (and the document's number) on the left, the national
    heading and the date line on the right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    widths = (Mm(OFFICE_COLUMN_MM), Mm(TEXT_WIDTH_MM - OFFICE_COLUMN_MM))
    _set_widths(grid, widths)
    left, right = grid.rows[0].cells
    lines = document.office_lines(office)
    first = left.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # A parent body above the office is not bold; the office itself is (Decree 30, Appendix I).
        _run(paragraph, line, bold=i == len(lines) - 1 or office is None, size=HEADING_SIZE)
    number = left.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, messages.DOCUMENT_NUMBER, size=HEADING_SIZE)

    nation = right.paragraphs[0]
    nation.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(nation, messages.DOCUMENT_NATION, bold=True, size=HEADING_SIZE)
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(motto, messages.DOCUMENT_MOTTO, bold=True, size=TEXT_SIZE).underline = True
    right.add_paragraph()
    dated = right.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(dated, document.date_line(today), italic=True, size=TEXT_SIZE)


def _centred(doc: Document, text: str, *, bold: bool, before: int = 0) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    _run(paragraph, text, bold=bold)


def _title(doc: Document, report: Report) -> None:
    _centred(doc, messages.DOCUMENT_KIND, bold=True, before=18)
    _centred(doc, document.subject(report), bold=True)
    period = period_line(report)
    if period is not None:
        _centred(doc, period, bold=False)
    _centred(doc, "", bold=False)


def _body(doc: Document, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    f = paragraph.paragraph_format
    f.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    f.space_after = Pt(6)
    f.line_spacing = 1.15
    _run(paragraph, text)


def _table(doc: Document, number: int, table: document.Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    title = doc.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(4)
    title.paragraph_format.keep_with_next = True
    _run(title, messages.DOCUMENT_TABLE.format(number=number, title=table.title), bold=True)
    size = TABLE_SIZE if len(table.headers) <= 7 else TABLE_SIZE_WIDE
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = doc.styles["Table Grid"]
    grid.autofit = False
    widths = [Mm(w) for w in column_widths(table)]
    _set_widths(grid, widths)
    _keep_rows_whole(grid.rows[0], header=True)
    for cell, header, width in zip(grid.rows[0].cells, table.headers, widths, strict=True):
        cell.width = width
        _cell(cell, header, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    for n, row in enumerate(table.rows):
        bold = table.total and n == len(table.rows) - 1
        added = grid.add_row()
        _keep_rows_whole(added, header=False)
        for cell, value, numeric, width in zip(added.cells, row, table.numeric, widths, strict=True):
            cell.width = width
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            _cell(cell, value, bold=bold, size=size, align=align)
    if table.caption:
        caption = doc.add_paragraph()
        caption.paragraph_format.space_before = Pt(3)
        _run(caption, table.caption, italic=True, size=size)


def _cell(cell: _Cell, text: str, *, bold: bool, size: int, align: Any) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _run(paragraph, text, bold=bold, size=size)


def _set_widths(grid: Any, widths: Sequence[Any]) -> None:
    """Word reads each cell's width, LibreOffice the table's grid: set both."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def column_widths(table: document.Table) -> list[float]:
    """Millimetres per column. Each gets room for what must stay on one line: its longest figure (a
    figure never wraps) and its header's longest word (bold); the text columns share what is left of
    the page's width by the length of their longest text. A table too wide for that is scaled down."""
    needs, texts = [], []
    for i, numeric in enumerate(table.numeric):
        cells = [row[i] for row in table.rows]
        whole = max((len(c) for c in cells), default=1)
        longest = whole + 1 if numeric else max((len(w) for c in cells for w in c.split()), default=1)
        header_word = max((len(w) for w in table.headers[i].split()), default=1)
        needs.append(max(longest * CHARACTER_MM, header_word * HEADER_CHARACTER_MM) + CELL_PADDING_MM)
        texts.append(0 if numeric else min(whole, 40))
    spare = TEXT_WIDTH_MM - sum(needs)
    if spare < 0:
        return [TEXT_WIDTH_MM * n / sum(needs) for n in needs]
    if not sum(texts):
        texts = [1] * len(needs)
    return [n + spare * t / sum(texts) for n, t in zip(needs, texts, strict=True)]


def _keep_rows_whole(row: Any, *, header: bool) -> None:
    """A row never splits across two pages; the header row is printed again at the top of each page a
    long table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        properties.append(marker)


def _signature(doc: Document) -> None:
    """Recipients on the left, the signer on the right, as the decree's form ends."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc.add_paragraph().paragraph_format.space_before = Pt(12)
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    _set_widths(grid, (Mm(80), Mm(TEXT_WIDTH_MM - 80)))
    left, right = grid.rows[0].cells
    recipients = left.paragraphs[0]
    _run(recipients, messages.DOCUMENT_RECIPIENTS, bold=True, italic=True, size=TABLE_SIZE)
    _run(left.add_paragraph(), messages.DOCUMENT_FILED, size=11)
    signer = right.paragraphs[0]
    signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(signer, messages.DOCUMENT_SIGNATURE, bold=True)
    hint = right.add_paragraph()
    hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(hint, messages.DOCUMENT_SIGN_HERE, italic=True)
