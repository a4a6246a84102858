"""The yearly report as a Word document laid out as a Vietnamese administrative report (Decree
30/2020/NĐ-CP, Appendix I): the issuing office and the national heading side by side, the place and date
line, the title, the narrative, the recipients and the signature; then, on a new page, the tables as
its appendix ("Phụ lục", as the workbook cites the report under each sheet's title). The clerk edits it
and signs it off.

python-docx (MIT) writes it; it is imported only here, so no other command pays for it. Times New Roman
throughout (the decree's font), 14 pt for the text and 12 pt in the tables (down to 9 pt for a wide
one), on A4 with the decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm); a table too wide
for an upright page is set on a page turned to landscape (render/document.py's layout, which the HTML
report's print stylesheet follows too). The file carries htx's fingerprint (domain/seal.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import IO, TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.report import Report
from htxcli.domain.seal import PLACEHOLDER, seal_zip
from htxcli.render import document
from htxcli.render.cells import figures_with_their_words
from htxcli.render.docx_rules import rule
from htxcli.render.docx_sections import new_section, numbered_from_one, turn
from htxcli.render.layout import KEEP_ROWS, NOTE_SIZE_AT_LEAST, held_with_next, period_line
from htxcli.render.letterhead import Letterhead, appendix_line, date_line, number_line

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

FONT = "Times New Roman"
TEXT_SIZE = 14
HEADING_SIZE = 12  # the national heading's first line and the office (12–13 pt in the decree's form)
TABLE_SIZE = 12
PAGE_MM = document.PAGE_MM  # A4
MARGINS_MM = document.MARGINS_MM
TEXT_WIDTH_MM = document.PORTRAIT_MM
FIRST_LINE_INDENT_CM = 1.27
OFFICE_COLUMN_MM = 62  # the rest of the line holds the national heading on one line
CELL_MARGIN_MM = 1.9  # Word's own, each side of a cell
SIGNATURE_ROOM_POINTS = 60  # the room between the signer's title and name: a signature and a seal


def write_docx(
    out: IO[bytes],
    report: Report,
    *,
    single: bool,
    letterhead: Letterhead,
    today: date | None = None,
    document_number: str | None = None,
) -> None:
    from docx import Document as new_document

    doc = new_document()
    _page_and_fonts(doc)
    _page_numbers(doc)
    _heading(doc, letterhead, today or date.today(), document_number)
    _title(doc, report)
    # The body: I. the overview, part by part (1., 2.…), as the HTML report numbers it; then who it goes
    # to and who signs it.
    _part_heading(doc, document.part_headings()["overview"])
    for heading, texts in document.overview(report):
        _part_heading(doc, heading)
        for text in texts:
            _body(doc, text)
    _signature(doc, letterhead)
    # The tables after the signature, as the report's appendix (Decree 30), on a page of their own.
    tables = document.tables(report, single=single)
    if tables:
        shapes = document.layouts(tables)
        cited = appendix_line(document_number, letterhead.office, today or date.today())
        _appendix(doc, cited, landscape=shapes[0].landscape)
        for (title, table), shape in zip(document.numbered(tables), shapes, strict=True):
            _table(doc, title, table, shape)
    doc.core_properties.title = f"{messages.DOCUMENT_KIND} {document.subject(report)}"
    doc.core_properties.language = "vi-VN" if current() == "vi" else "en-GB"
    # Not python-docx's placeholders ("python-docx", a date of 2013): Word shows them under File > Info.
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    doc.core_properties.author, doc.core_properties.comments = "htx", ""
    doc.core_properties.created = doc.core_properties.modified = now
    # htx's fingerprint, so that a later `report -o` knows whether the clerk changed the file.
    doc.core_properties.identifier = PLACEHOLDER
    written = io.BytesIO()
    doc.save(written)
    written.seek(0)
    seal_zip(written, out)


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


def _heading(doc: Document, letterhead: Letterhead, today: date, number: str | None = None) -> None:
    """Two columns without borders: the office on the left, the national heading on the right; then,
    on a second row so that they share a line whatever the lines above them (a parent body, a name
    wrapped), the number under the office and the place and date under the motto (Decree 30)."""
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    grid = doc.add_table(rows=2, cols=2)
    grid.autofit = False
    _set_widths(grid, (Mm(OFFICE_COLUMN_MM), Mm(TEXT_WIDTH_MM - OFFICE_COLUMN_MM)))
    left, right = grid.rows[0].cells
    lines = letterhead.office_lines()
    first = left.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # A parent body above the office is not bold; the office itself is (Decree 30, Appendix I).
        _run(paragraph, line, bold=i == len(lines) - 1 or not letterhead.given(), size=HEADING_SIZE)
    # Under the office, a rule a third to a half as long as its name, centred (Decree 30, Appendix I).
    name = document.text_mm(lines[-1], HEADING_SIZE, bold=True)
    rule(left, min(max(name * 0.4, 15.0), OFFICE_COLUMN_MM * 0.5), OFFICE_COLUMN_MM - 2 * CELL_MARGIN_MM)
    nation = right.paragraphs[0]
    nation.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(nation, messages.DOCUMENT_NATION, bold=True, size=HEADING_SIZE)
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(motto, messages.DOCUMENT_MOTTO, bold=True, size=TEXT_SIZE - 1)
    # Under the motto, a rule as long as the motto.
    motto_mm = document.text_mm(messages.DOCUMENT_MOTTO, TEXT_SIZE - 1, bold=True)
    rule(right, motto_mm, TEXT_WIDTH_MM - OFFICE_COLUMN_MM - 2 * CELL_MARGIN_MM)
    numbered, dated = grid.rows[1].cells
    for cell, text, italic, size in (
        (numbered, number_line(number, letterhead.office), False, HEADING_SIZE),
        (dated, date_line(today, letterhead.province), True, TEXT_SIZE),
    ):
        cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM  # one baseline, whatever their sizes
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(6)
        _run(paragraph, text, italic=italic, size=size)


def _centred(
    doc: Document,
    text: str,
    *,
    bold: bool,
    before: int = 0,
    keep_with_next: bool = False,
    italic: bool = False,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, bold=bold, italic=italic)


def _appendix(doc: Document, cited: str, *, landscape: bool) -> None:
    """The appendix's heading on a new page (turned when its first table needs it): "Phụ lục" over
    "CÁC BIỂU SỐ LIỆU", centred and bold, the line citing the report in italics, a short rule; kept
    with the first table's title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    # A section of its own, its pages numbered apart from the report's (Decree 30: an appendix's pages
    # are numbered on their own), from 1, the first not shown, as the report's first is not.
    numbered_from_one(new_section(doc, landscape=landscape))
    for line in document.appendix_heading():
        _centred(doc, line, bold=True, keep_with_next=True)
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, cited, italic=True)
    width = document.LANDSCAPE_MM if landscape else TEXT_WIDTH_MM
    rule(doc, max(document.text_mm(document.appendix_heading()[-1], TEXT_SIZE, bold=True) / 3, 30), width)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _part_heading(doc: Document, text: str, *, before: int = 6) -> None:
    """A part's heading ("TÌNH HÌNH CHUNG") or a sub-part's ("1. Hỗ trợ phát triển kinh tế tập
    thể"), bold, indented as the paragraphs' first lines are, kept with what follows it."""
    from docx.shared import Cm, Pt

    paragraph = doc.add_paragraph()
    f = paragraph.paragraph_format
    f.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    f.space_before, f.space_after = Pt(before), Pt(6)
    f.keep_with_next = True
    _run(paragraph, text, bold=True)


def _title(doc: Document, report: Report) -> None:
    _centred(doc, messages.DOCUMENT_KIND, bold=True, before=18)
    _centred(doc, document.subject(report), bold=True)
    period = period_line(report)
    if period is not None:  # italic, as the HTML's
        _centred(doc, figures_with_their_words(period), bold=False, italic=True)
    # Decree 30: a rule under the subject, a third of its line long
    rule(doc, max(document.text_mm(document.subject(report), TEXT_SIZE, bold=True) / 3, 30), TEXT_WIDTH_MM)
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


def _table(doc: Document, title_text: str, table: document.Table, shape: document.Layout) -> None:
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    turn(doc, landscape=shape.landscape)
    title = doc.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(4)
    title.paragraph_format.keep_with_next = True
    _run(title, title_text, bold=True)
    size = shape.size
    table = document.words_kept(table, shape, size)  # "đăng ký" never broken between its syllables
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = doc.styles["Table Grid"]
    grid.autofit = False
    widths = [Mm(w) for w in shape.widths]
    _set_widths(grid, widths)
    _keep_whole(grid.rows[0], header=True)
    for cell, header, width in zip(grid.rows[0].cells, table.headers, widths, strict=True):
        cell.width = width
        # centred both ways, however many lines its neighbours take ("Chỉ tiêu" beside four lines)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        _cell(cell, header, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    # A small table whole on one page, as the HTML prints it; else a group's rows on one page (a
    # kind's); and the note beneath a table never alone atop a page.
    whole = set(range(len(table.rows) - 1)) if len(table.rows) <= KEEP_ROWS else set()
    held = (
        held_with_next(table.headings, len(table.rows))
        | whole
        | ({len(table.rows) - 1} if table.caption else set())
    )
    for n, row in enumerate(table.rows):
        bold = table.bold(n)
        added = grid.add_row()
        _keep_whole(added, header=False)
        for i, (cell, value, numeric, width) in enumerate(
            zip(added.cells, row, table.numeric, widths, strict=True)
        ):
            cell.width = width
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            indent = table.indents[n] if i == 0 else 0
            _cell(cell, value, bold=bold, size=size, align=align, indent=indent, keep_with_next=n in held)
    if table.caption:
        caption = doc.add_paragraph()
        caption.paragraph_format.space_before = Pt(3)
        _run(caption, table.caption, italic=True, size=max(size, NOTE_SIZE_AT_LEAST))


def _page_numbers(doc: Document) -> None:
    """The page number in Arabic figures, centred in the top margin of each page but the first (Decree
    30, Appendix I); the sections a turned table adds share the header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, "", size=TEXT_SIZE - 1)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = " PAGE "
            run._r.append(instruction)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def _cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool,
    size: int,
    align: Any,
    indent: int = 0,
    keep_with_next: bool = False,
) -> None:
    """A cell's one paragraph at `size`, its mark too: an empty cell's line is as high as a filled
    one's (Word and LibreOffice size an empty paragraph by its mark, else the Normal style's 14 pt).
    A row beneath another (a band's grades) is indented `indent` steps. `keep_with_next`: kept on the
    page of the row after it (a group's rows but its last, a table's last row with its note)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.left_indent = Mm(document.SUB_ROW_INDENT_MM * indent)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, bold=bold, size=size)
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(size * 2))
        mark.append(half_points)
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")


def _set_widths(grid: Any, widths: Sequence[Any]) -> None:
    """Word reads each cell's width, LibreOffice the table's grid: set both."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _keep_whole(row: Any, *, header: bool) -> None:
    """The header row is printed again at the top of each page a long table runs onto. No row is
    marked "keep whole" (cantSplit), not even the header: LibreOffice 7.4 printed a compared report's
    support table, starting near a page's foot, as its title and header alone, its twenty rows lost
    from the PDF, as long as any of its rows carried the mark; and once Biểu 1 as its first row only.
    A row broken across a page is the lesser fault (Word itself was not tried)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not header:
        return
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _signature(doc: Document, letterhead: Letterhead) -> None:
    """Recipients on the left, the signer on the right, as the decree's form ends: the signer's title
    (bold), room to sign and seal, then the signer's name (bold) when the registry names one."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc.add_paragraph().paragraph_format.space_before = Pt(12)
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    _set_widths(grid, (Mm(80), Mm(TEXT_WIDTH_MM - 80)))
    left, right = grid.rows[0].cells
    recipients = left.paragraphs[0]
    _run(recipients, messages.DOCUMENT_RECIPIENTS, bold=True, italic=True, size=TABLE_SIZE)
    for line in letterhead.recipient_lines():
        _run(left.add_paragraph(), line, size=11)
    for i, line in enumerate(letterhead.signature_lines()):
        signer = right.paragraphs[0] if i == 0 else right.add_paragraph()
        signer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(signer, line, bold=True)
    if not letterhead.signer:
        hint = right.add_paragraph()
        hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(hint, messages.DOCUMENT_SIGN_HERE, italic=True)
    room = right.add_paragraph()
    room.paragraph_format.space_before = Pt(SIGNATURE_ROOM_POINTS)  # to sign and seal
    if letterhead.signer:
        name = right.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(name, letterhead.signer, bold=True)
