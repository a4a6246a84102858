"""The yearly report as an Excel workbook (`htx report 2018 -o bao-cao-2018.xlsx`): the appendix an office
forwards with its report.

One sheet per block of render/report.py, the very blocks the terminal and Markdown show (a section added
there appears here too); a sheet of native Excel charts drawn from the model's series; and the list of
organisations active at the end of the year, streamed from the registry row by row.

XlsxWriter, in its constant_memory mode: each row goes to a temporary file as soon as the next one
begins, so a 100,000-organisation list never holds the workbook in memory. That mode writes each sheet's
rows in order and cannot measure columns afterwards: widths are worked out here from the cells' text.

Every cell keeps its type. A count or a sum of money is a number with a thousands format; a share is a
percentage (29% is stored as 0.29) equal to the printed share; a date is a date cell shown dd/mm/yyyy; a
code, a name or a label is a text cell written with write_string, which is never a formula: a name such
as `=1+1` is shown as typed. (The CSV export's guard, a leading `'`, is for CSV, whose cells have no type;
here it would only change the name.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Any

from htxcli.domain import messages
from htxcli.domain.reform import REFORM_DAY
from htxcli.domain.report import Report
from htxcli.domain.seal import PLACEHOLDER, seal_zip
from htxcli.domain.values import format_count, format_date
from htxcli.domain.vocab import GRADES, KINDS, LEGAL_STATUSES, SECTORS, STATUSES
from htxcli.render.cells import keep_notes_whole
from htxcli.render.layout import Block, is_beneath, period_line, title
from htxcli.render.letterhead import appendix_line
from htxcli.render.report import report_blocks
from htxcli.render.xlsx_cells import (
    CELL_INDENT,
    DATE,
    EXCEL_EPOCH,
    HEADER_ROW,
    LANDSCAPE_WIDTH,
    LINE_POINTS,
    MONEY,
    NUMBER,
    PORTRAIT_WIDTH,
    TEXT_ALIGN,
    SheetNames,
    Styles,
    column_width,
    group_breaks,
    header_height,
    print_setup,
    words_kept,
    wrapped_lines,
    write_cell,
)
from htxcli.render.xlsx_charts import chart_sheet

SPOOLED_IN_MEMORY = 16 << 20  # bytes of a workbook held in memory before it is sealed; more on disk

Roster = Iterable[Sequence[Any]]  # store/roster.py's rows: the fields, then a grade per year shown


def write_workbook(
    out: IO[bytes],
    report: Report,
    roster: Roster,
    *,
    office: str | None = None,
    today: date | None = None,
    document_number: str | None = None,
) -> None:
    """The whole workbook into `out` (a binary file); `roster` is read once, row by row. Each sheet
    cites the report it goes with: `document_number` and `today` of an issued report, else dotted
    (appendix_line); `office`, the issuing office (htx settings office, --office)."""
    import tempfile

    import xlsxwriter

    # Written whole first (a large one on disk), then copied into `out` with htx's fingerprint in it.
    with tempfile.SpooledTemporaryFile(max_size=SPOOLED_IN_MEMORY) as spool:
        book = xlsxwriter.Workbook(spool, {"constant_memory": True})
        appendix = appendix_line(document_number, office, today or date.today())
        _fill(book, report, roster, appendix)
        spool.seek(0)
        seal_zip(spool, out)


def _fill(book: Any, report: Report, roster: Roster, appendix: str) -> None:
    named = title(report)
    book.set_properties({"title": named, "author": "htx"})
    book.set_custom_property("htx", PLACEHOLDER)
    period = period_line(report)
    if period is not None:  # the period's days
        named = f"{named} {period}"
    # Under each sheet's title, as an appendix is headed: the report it goes with, then what it covers.
    heading = [appendix, named]
    styles = Styles(book)
    # The tables of the Word and HTML reports, numbered as they are ("Biểu 1", "Biểu 2"…), with the same
    # columns: a sheet a table, named and headed by its number.
    single = len(report.years) == 1
    names = SheetNames()
    for number, block in enumerate(report_blocks(report, single=single), start=1):
        name = messages.DOCUMENT_TABLE.format(number=number, title=block.sheet or block.title)
        _block_sheet(book.add_worksheet(names.take(name)), styles, block, heading, number)
    chart_sheet(book.add_worksheet(names.take(messages.SHEET_CHARTS)), book, styles, report, heading)
    last = report.years[-1].year
    sheet = book.add_worksheet(names.take(messages.SHEET_ORGANISATIONS.format(year=last)))
    _roster_sheet(sheet, styles, report, roster, heading)
    book.close()


def _headed(sheet: Any, styles: Styles, title: str, heading: Sequence[str], widths: Sequence[float]) -> None:
    """A sheet's title, and under it the lines of its heading; a line wider than the table (a
    comparison's period, both years' days) wrapped across the table's width: one long cell set a
    page fitted to its width at about half size."""
    sheet.write_string(0, 0, title, styles.title)
    for row, line in enumerate(heading, start=1):
        if _wider(line, widths):
            sheet.set_row(row, _heading_points(line, widths))
            sheet.merge_range(row, 0, row, len(widths) - 1, line, styles.note)
        else:
            sheet.write_string(row, 0, line, styles.subtitle)


def _wider(line: str, widths: Sequence[float]) -> bool:
    return len(line) > sum(widths) - 2 and len(widths) > 1


def _heading_points(line: str, widths: Sequence[float]) -> float:
    """A heading line's height: a line's, or as many as it wraps into across the table."""
    return LINE_POINTS * wrapped_lines(line, sum(widths)) + 2 if _wider(line, widths) else LINE_POINTS


def _block_sheet(sheet: Any, styles: Styles, block: Block, heading: Sequence[str], number: int) -> None:
    shown = [i for i in range(len(block.headers)) if i != block.chart]  # bars: the chart sheet draws them
    widths = [column_width(block, i) for i in shown]
    _headed(sheet, styles, messages.DOCUMENT_TABLE.format(number=number, title=block.title), heading, widths)
    # Headers wrap between phrases, never inside a bracketed note, as in the Word and HTML tables,
    # and a word of two syllables on one line where the column holds it ("đăng ký": cells.words_whole):
    # a column as many digits wide holds as many letters (narrower than digits: "Đang hoạt" fits in
    # 9), and a line may take a letter or two more than the estimate.
    headers = [
        words_kept(keep_notes_whole(block.headers[i]), width) for i, width in zip(shown, widths, strict=True)
    ]
    # Before the row is written: constant_memory's rule.
    header_points = header_height(headers, widths)
    sheet.set_row(HEADER_ROW, header_points)
    for column, header in enumerate(headers):
        sheet.write_string(HEADER_ROW, column, header, styles.header)
    for n, row in enumerate(block.rows):
        # The total row, a subtotal, and a subject over its metrics (a range's kind): bold.
        bold = block.bold(n)
        sub = is_beneath(row)
        if sub:
            # A band's grades are its parts, not bands of their own: indented, in italics, and grouped
            # under it (Excel's outline), so a column of bands is not read as summing them too. A
            # subject's metrics are indented and grouped under its heading, upright: every line is one.
            sheet.set_row(HEADER_ROW + 1 + n, None, None, {"level": 1})
        italic = sub and not block.headings
        for column, i in enumerate(shown):
            write_cell(sheet, HEADER_ROW + 1 + n, column, row[i], styles, total=bold, sub=italic)
    if block.caption:
        # Wrapped across the table's width: one long cell set a page fitted to its width at half size.
        at = HEADER_ROW + len(block.rows) + 2
        sheet.set_row(at, LINE_POINTS * wrapped_lines(block.caption, sum(widths)) + 2)
        if len(widths) > 1:
            sheet.merge_range(at, 0, at, len(widths) - 1, block.caption, styles.note)
        else:
            sheet.write_string(at, 0, block.caption, styles.note)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    if any(is_beneath(row) for row in block.rows):
        sheet.outline_settings(True, False)  # a band above its grades: the outline's button above too
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    landscape = sum(widths) > PORTRAIT_WIDTH
    print_setup(sheet, landscape=landscape)
    # A group (a place over its lines) never split across printed pages, as Word and HTML keep it.
    above = 2 * LINE_POINTS + sum(_heading_points(line, widths) for line in heading) + header_points
    breaks = group_breaks(block.headings, len(block.rows), above, header_points, widths, landscape)
    if breaks:
        sheet.set_h_pagebreaks(breaks)


_GRADE_WIDTH = 12  # "Trung bình" on a line, "Chưa xếp loại" on two
# The list is printed on turned A4 pages, as wide as one page when its text stays at least this large a
# share of its size (about 7 pt of 11: a comparison's two grade columns fit); wider (a grade column
# per year of a range), it runs onto pages side by side, each with the header rows and the number,
# code and name repeated.
LEAST_PRINT_SCALE = 0.65
KEPT_COLUMNS = 3  # the number, the code and the name: in view when scrolling, on every printed page


def _status_width() -> float:
    """Room for the longest legal status on two lines ("Bị thu hồi / giấy chứng nhận")."""
    labels = [STATUSES.label("operating"), *(LEGAL_STATUSES.label(k) for k in LEGAL_STATUSES.keys)]
    return max(max(len(label) for label in labels) / 2 + 3, len(messages.WORKBOOK_STATUS) / 2 + 2, 12)


def _roster_sheet(sheet: Any, styles: Styles, report: Report, roster: Roster, heading: Sequence[str]) -> None:
    """One row per organisation, as `htx list` orders them, with its legal status and its address in
    force on the period's last day (Xã/Phường, Tỉnh; before the reform the district too; after it the
    address it had before 01/07/2025 beside, with its province: the sheet may hold two former
    provinces). The sheet's title counts them from the model (the report's registered total of the
    last year, of which operating), which the rows must match. Long texts wrap in their columns."""
    last = report.years[-1]
    years = [one.year for one in report.columns]
    day = last.period.last if last.period is not None else date(last.year, 12, 31)
    reformed = last.communes is not None  # the address in force may be of the new scheme
    h = messages.HEADERS
    columns: list[tuple[str, float]] = [
        (messages.WORKBOOK_NUMBER, 5),
        (h["code"], 15),
        (h["name"], 30),
        (h["kind"], 12),
        (messages.WORKBOOK_STATUS, _status_width()),
        *([] if reformed else [(h["district"], 16)]),
        (messages.WORKBOOK_COMMUNE, 18),
        (messages.WORKBOOK_PROVINCE, 12),
        *([(messages.WORKBOOK_FORMER_ADDRESS.format(day=format_date(REFORM_DAY)), 28)] if reformed else []),
        (h["sector"], 13),
        (h["founded"], 11),
        (h["members"], 9),
        (messages.REPORT_IN_DONG.format(header=h["capital_vnd"]), 16),
        *((messages.WORKBOOK_GRADE.format(year=y), _GRADE_WIDTH) for y in years),
    ]
    totals = last.totals.organisations
    counted = messages.WORKBOOK_ORGANISATIONS.format(
        day=format_date(day),
        count=format_count(totals.active.value),
        operating=format_count(totals.operating.value),
    )
    widths = [width for _, width in columns]
    _headed(sheet, styles, counted, heading, widths)
    # a word of two syllables on one line where the column holds it ("Ngày / thành lập"), as the tables'
    headers = [words_kept(header, width) for header, width in columns]
    sheet.set_row(HEADER_ROW, header_height(headers, widths))
    for column, header in enumerate(headers):
        sheet.write_string(HEADER_ROW, column, header, styles.header)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    # Every cell bordered, an empty one too, as the header is: a list an office prints as a table.
    # Text a step off the border, as the tables' cells.
    plain, centred = (
        styles.get(text_wrap=True, valign="top", border=1, **TEXT_ALIGN),
        styles.get(align="center", valign="top", border=1),
    )
    number, money, day_format = (
        styles.get(num_format=NUMBER, valign="top", border=1),
        styles.get(num_format=MONEY, valign="top", border=1),
        styles.get(num_format=DATE, valign="top", border=1),
    )
    write_string, write_number = sheet.write_string, sheet.write_number
    # The report's word, "Đang hoạt động" (a value, in Vietnamese as the sheet's kinds and statuses).
    operating = STATUSES.label("operating")
    grade_style = styles.get(align="center", valign="top", text_wrap=True, border=1)
    row = HEADER_ROW
    for n, fields in enumerate(roster, 1):
        code, name, kind, status, commune, district, province = fields[:7]
        former_commune, former_district, former_province = fields[7:10]
        sector, founded, members, capital, *grades = fields[10:]
        row = HEADER_ROW + n
        texts: list[tuple[int, str | None, Any]] = [
            (1, code, plain),
            (2, name, plain),
            (3, KINDS.label(kind), plain),
            (4, LEGAL_STATUSES.label(status) if status and status != "operating" else operating, plain),
        ]
        at = 5
        if reformed:
            # An address not yet moved to the new scheme is in force as it was: its district with it.
            place = ", ".join(p for p in (commune, district) if p)
        else:
            texts.append((at, district, plain))
            at += 1
            place = commune
        texts += [(at, place, plain), (at + 1, province, plain)]
        at += 2
        if reformed:
            former = ", ".join(p for p in (former_commune, former_district, former_province) if p)
            texts.append((at, former, plain))
            at += 1
        texts.append((at, SECTORS.label(sector) if sector else None, plain))
        texts += [
            (at + 4 + i, GRADES.label(grade) if grade else None, grade_style)
            for i, grade in enumerate(grades)
        ]
        # The row as high as its most wrapped text (set before the row is written: constant_memory).
        # An indented text has a step less room.
        lines = max(
            wrapped_lines(text, widths[column] - (CELL_INDENT if style is plain else 0))
            for column, text, style in texts
            if text
        )
        if lines > 1:
            sheet.set_row(row, LINE_POINTS * lines + 2)
        write_number(row, 0, n, centred)
        for column, text, style in texts:
            if text:
                write_string(row, column, text, style)
            else:
                sheet.write_blank(row, column, None, style)
        # A date cell is a day number with a date format: what Excel itself stores.
        write_number(row, at + 1, (founded - EXCEL_EPOCH).days, day_format)
        for column, value, style in ((at + 2, members, number), (at + 3, capital, money)):
            if value is None:
                sheet.write_blank(row, column, None, style)
            else:
                write_number(row, column, value, style)
    sheet.autofilter(HEADER_ROW, 0, row, len(columns) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, KEPT_COLUMNS)  # the number, code and name stay in view
    fits = sum(widths) * LEAST_PRINT_SCALE <= LANDSCAPE_WIDTH
    print_setup(sheet, landscape=True, fit_width=fits)
    if not fits:
        # Fitted to one page's width, its text would shrink past reading: pages side by side instead,
        # printed across then down (an organisation's row on consecutive pages), each with the
        # header rows and the number, code and name.
        sheet.repeat_columns(0, KEPT_COLUMNS - 1)
        sheet.print_across()
