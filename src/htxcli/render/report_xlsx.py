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
from htxcli.domain.report import Change, Count, Label, Money, Percent, Quantity, Report, Value, YearReport
from htxcli.domain.values import format_count, format_date
from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, LEGAL_STATUSES, PROGRAMS, SECTORS
from htxcli.render.cells import PLAIN_MINUS, text
from htxcli.render.layout import Block, period_line, title
from htxcli.render.range_layout import column_blocks
from htxcli.render.year_layout import year_blocks

NUMBER = "#,##0"
MONEY = '#,##0" ₫"'
PERCENT = "0%"
DATE = "dd/mm/yyyy"
FORMATS: dict[type, str] = {Count: NUMBER, Money: MONEY, Percent: PERCENT}
# A change shows its sign; a change of shares is in percentage points (0.05 shown as +5%).
CHANGES: dict[type, str] = {
    Count: "+#,##0;-#,##0;0",
    Money: '+#,##0" ₫";-#,##0" ₫";0',
    Percent: "+0%;-0%;0%",
}
A4 = 9  # Excel's paper size code
HEADER_ROW = 3  # the title, the report's heading, a blank row, then the table's header
HEADER_HEIGHT = 32  # points: two lines of a wrapped header (Excel does not grow a row written in advance)
# A4 portrait holds about this many characters of Excel's default font across; wider sheets turn.
PORTRAIT_WIDTH = 95
WIDEST_COLUMN = 60
SHEET_NAME_LENGTH = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAMES = "[]:*?/\\"
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after February 1900
CHART_ROWS = 18  # rows a chart and its table take on the chart sheet
CHART_SIZE = {"width": 640, "height": 320}

Roster = Iterable[Sequence[Any]]  # store/roster.py's rows: the fields, then a grade per year shown


def write_workbook(out: IO[bytes], report: Report, roster: Roster) -> None:
    """The whole workbook into `out` (a binary file); `roster` is read once, row by row."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    heading = title(report)
    book.set_properties({"title": heading, "author": "htx"})
    period = period_line(report)
    if period is not None:  # under each sheet's title: the period's days
        heading = f"{heading} {period}"
    styles = _Styles(book)
    single = len(report.years) == 1 and not report.compare
    blocks = year_blocks(report.years[0], previous=True) if single else column_blocks(report)
    names = _SheetNames()
    for block in blocks:
        _block_sheet(book.add_worksheet(names.take(block.sheet or block.title)), styles, block, heading)
    _chart_sheet(book.add_worksheet(names.take(messages.SHEET_CHARTS)), book, styles, report, heading)
    last = report.years[-1].year
    sheet = book.add_worksheet(names.take(messages.SHEET_ORGANISATIONS.format(year=last)))
    _roster_sheet(sheet, styles, report, roster, heading)
    book.close()


class _SheetNames:
    """Names Excel accepts: at most 31 characters, none of its forbidden ones, each once (any case)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, wanted: str) -> str:
        clean = "".join(" " if c in FORBIDDEN_IN_SHEET_NAMES else c for c in wanted).strip(" '")
        clean = clean[:SHEET_NAME_LENGTH].rstrip(" '") or "-"
        name, n = clean, 1
        while name.casefold() in self._taken:
            n += 1
            suffix = f" ({n})"
            name = clean[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        self._taken.add(name.casefold())
        return name


class _Styles:
    """The workbook's cell formats, each made once."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.title = self.get(bold=True, font_size=14)
        self.subtitle = self.get(italic=True)
        self.header = self.get(
            bold=True, text_wrap=True, valign="vcenter", align="center", border=1, bg_color="#DDEBF7"
        )
        self.caption = self.get(italic=True)

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._book.add_format(properties)
        return self._made[key]

    def cell(self, *, total: bool = False, **properties: Any) -> Any:
        """A table's cell: bordered, the total row in bold."""
        return self.get(border=1, bold=total, valign="top", **properties)


# --- the report's blocks, one sheet each -------------------------------------------------------


def _block_sheet(sheet: Any, styles: _Styles, block: Block, heading: str) -> None:
    shown = [i for i in range(len(block.headers)) if i != block.chart]  # bars: the chart sheet draws them
    sheet.write_string(0, 0, block.title, styles.title)
    sheet.write_string(1, 0, heading, styles.subtitle)
    sheet.set_row(HEADER_ROW, HEADER_HEIGHT)  # before the row is written: constant_memory's rule
    for column, i in enumerate(shown):
        sheet.write_string(HEADER_ROW, column, block.headers[i], styles.header)
    for n, row in enumerate(block.rows):
        total = block.total and n == len(block.rows) - 1
        for column, i in enumerate(shown):
            _write_cell(sheet, HEADER_ROW + 1 + n, column, row[i], styles, total=total)
    if block.caption:
        sheet.write_string(HEADER_ROW + len(block.rows) + 2, 0, block.caption, styles.caption)
    widths = [_width(block, i) for i in shown]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(HEADER_ROW + 1, 1)
    _print_setup(sheet, landscape=sum(widths) > PORTRAIT_WIDTH)


def _write_cell(
    sheet: Any, row: int, column: int, cell: Value | None, styles: _Styles, *, total: bool
) -> None:
    if cell is None:
        sheet.write_blank(row, column, None, styles.cell(total=total))
    elif isinstance(cell, Label):
        # The layout indents a row beneath another with spaces (a band's grades): an indent here.
        shown = cell.text.lstrip(" ")
        indent = (len(cell.text) - len(shown) + 1) // 2
        sheet.write_string(row, column, shown, styles.cell(total=total, indent=indent))
    elif isinstance(cell, Change):
        sheet.write_number(row, column, _number(cell.by), styles.cell(total=total, num_format=_change(cell)))
    else:
        sheet.write_number(row, column, _number(cell), styles.cell(total=total, num_format=_format(cell)))


def _number(value: Quantity) -> int | float:
    """A share as Excel keeps percentages (29% is 0.29); any other figure as it is."""
    return value.value / 100 if isinstance(value, Percent) else value.value


def _format(value: Quantity) -> str:
    return FORMATS[type(value)]


def _change(change: Change) -> str:
    return CHANGES[type(change.by)]


def _width(block: Block, i: int) -> float:
    """Wide enough for the longest cell as the terminal writes it, and for the header's longest word
    (headers wrap); names wider than WIDEST_COLUMN run over into the cell beside when it is empty."""
    cells = [len(text(row[i], minus=PLAIN_MINUS)) for row in block.rows]
    words = [len(word) for word in block.headers[i].split()] or [0]
    return min(max([*cells, *words, 6]) + 3, WIDEST_COLUMN)


def _print_setup(sheet: Any, *, landscape: bool, header_row: int | None = HEADER_ROW) -> None:
    """A4, as wide as one page, the table's header repeated on every page, the pages numbered."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    if header_row is not None:
        sheet.repeat_rows(header_row)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_footer("&C" + messages.WORKBOOK_PAGE)


# --- charts ---------------------------------------------------------------------------------


def _chart_sheet(sheet: Any, book: Any, styles: _Styles, report: Report, heading: str) -> None:
    """Native Excel charts, each beside the small table it is drawn from (the model's chart series):
    the rating bands, support amounts by program, and with several years the organisations active."""
    columns = report.columns
    years = [str(one.year) for one in columns]
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    sheet.write_string(0, 0, heading, styles.title)
    top = 2
    _bands_chart(sheet, book, styles, columns, years, span, top)
    top += CHART_ROWS
    if _support_chart(sheet, book, styles, columns, years, span, top):
        top += CHART_ROWS
    if len(columns) > 1:
        _active_chart(sheet, book, styles, report, top)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(years), 18)
    _print_setup(sheet, landscape=True, header_row=None)
    sheet.fit_to_pages(1, 1)  # the charts on one page


def _table(sheet: Any, styles: _Styles, top: int, headers: list[str], rows: list[list[Value]]) -> None:
    sheet.set_row(top, HEADER_HEIGHT)
    for column, header in enumerate(headers):
        sheet.write_string(top, column, header, styles.header)
    for n, row in enumerate(rows):
        for column, cell in enumerate(row):
            _write_cell(sheet, top + 1 + n, column, cell, styles, total=False)


def _bands_chart(
    sheet: Any, book: Any, styles: _Styles, columns: list[YearReport], years: list[str], span: str, top: int
) -> None:
    """The three bands' shares: a pie for one year, stacked columns (one per year) for several."""
    name = sheet.get_name()
    shares = [dict(one.band_shares.points) for one in columns]
    rows: list[list[Value]] = [
        [Label(label), *(year_shares[band] for year_shares in shares)] for band, label in BAND_LABELS.items()
    ]
    _table(sheet, styles, top, [messages.REPORT_BAND, *years], rows)
    first, last = top + 1, top + len(rows)
    if len(columns) == 1:
        chart = book.add_chart({"type": "pie"})
        chart.add_series(
            {
                "name": messages.WORKBOOK_CHART_BANDS.format(years=span),
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                "data_labels": {"value": True, "num_format": PERCENT, "category": True},
                "points": [{"fill": {"color": c}} for c in ("#2E75B6", "#FFC000", "#C00000")],
            }
        )
    else:
        chart = book.add_chart({"type": "column", "subtype": "stacked"})
        for n, colour in enumerate(("#2E75B6", "#FFC000", "#C00000")):
            chart.add_series(
                {
                    "name": [name, first + n, 0],
                    "categories": [name, top, 1, top, len(years)],
                    "values": [name, first + n, 1, first + n, len(years)],
                    "fill": {"color": colour},
                    "data_labels": {"value": True, "num_format": PERCENT},
                }
            )
        chart.set_y_axis({"num_format": PERCENT, "max": 1})
    chart.set_title({"name": messages.WORKBOOK_CHART_BANDS.format(years=span)})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, len(years) + 2, chart)


def _support_chart(
    sheet: Any, book: Any, styles: _Styles, columns: list[YearReport], years: list[str], span: str, top: int
) -> bool:
    """Support amounts by program: bars for one year, a column per program and year for several.
    False (and nothing drawn) when no year shown has any support."""
    name = sheet.get_name()
    amounts = [dict(one.support_amounts.points) for one in columns]
    programs = [p for p in PROGRAMS.keys if any(p in year_amounts for year_amounts in amounts)]
    if not programs:
        return False
    rows: list[list[Value]] = [
        [Label(PROGRAMS.label(p)), *(year_amounts.get(p, Money(0)) for year_amounts in amounts)]
        for p in programs
    ]
    _table(sheet, styles, top, [messages.HEADERS["program"], *years], rows)
    first, last = top + 1, top + len(rows)
    if len(years) == 1:
        chart = book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": [name, top, 1],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                "data_labels": {"value": True, "num_format": NUMBER},
            }
        )
        chart.set_x_axis({"num_format": NUMBER})
        chart.set_y_axis({"reverse": True})  # programs top to bottom, in the table's order
        chart.set_legend({"none": True})
    else:
        # Several years: a column per year, its programs stacked, so the total and its parts both show.
        chart = book.add_chart({"type": "column", "subtype": "stacked"})
        for n in range(len(rows)):
            chart.add_series(
                {
                    "name": [name, first + n, 0],
                    "categories": [name, top, 1, top, len(years)],
                    "values": [name, first + n, 1, first + n, len(years)],
                }
            )
        chart.set_y_axis({"num_format": NUMBER})
    chart.set_title({"name": messages.WORKBOOK_CHART_SUPPORT.format(years=span)})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, len(years) + 2, chart)
    return True


def _active_chart(sheet: Any, book: Any, styles: _Styles, report: Report, top: int) -> None:
    """Organisations active at each year's end (the model's active_by_year), a column per year."""
    name = sheet.get_name()
    points = report.active_by_year.points
    rows: list[list[Value]] = [[Label(year), count] for year, count in points]
    _table(sheet, styles, top, [messages.HEADERS["year"], messages.REPORT_ACTIVE], rows)
    first, last = top + 1, top + len(rows)
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": [name, top, 1],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, 1, last, 1],
            "data_labels": {"value": True, "num_format": NUMBER},
            "fill": {"color": "#2E75B6"},
        }
    )
    chart.set_title({"name": messages.WORKBOOK_CHART_ACTIVE})
    chart.set_legend({"none": True})
    chart.set_y_axis({"num_format": NUMBER})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, 3, chart)


# --- the organisations registered on the period's last day ----------------------------------

_GRADE_WIDTH = 13


def _roster_sheet(sheet: Any, styles: _Styles, report: Report, roster: Roster, heading: str) -> None:
    """One row per organisation, as `htx list` orders them, with its legal status and its address in
    force on the period's last day (Xã/Phường, Tỉnh; before the reform the district too; after it the
    address it had before 01/07/2025 beside). The sheet's title counts them from the model (the
    report's registered total of the last year, of which operating), which the rows must match."""
    last = report.years[-1]
    years = [one.year for one in report.columns]
    day = last.period.last if last.period is not None else date(last.year, 12, 31)
    reformed = last.communes is not None  # the address in force may be of the new scheme
    h = messages.HEADERS
    columns: list[tuple[str, float]] = [
        (messages.WORKBOOK_NUMBER, 6),
        (h["code"], 16),
        (h["name"], 45),
        (h["kind"], 20),
        (messages.WORKBOOK_STATUS, 20),
        *([] if reformed else [(h["district"], 18)]),
        (messages.WORKBOOK_COMMUNE, 22),
        (messages.WORKBOOK_PROVINCE, 16),
        *([(messages.WORKBOOK_FORMER_ADDRESS.format(day=format_date(REFORM_DAY)), 30)] if reformed else []),
        (h["sector"], 18),
        (h["founded"], 12),
        (h["members"], 11),
        (h["capital_vnd"], 20),
        *((messages.WORKBOOK_GRADE.format(year=y), _GRADE_WIDTH) for y in years),
    ]
    totals = last.totals.organisations
    sheet.write_string(
        0,
        0,
        messages.WORKBOOK_ORGANISATIONS.format(
            day=format_date(day),
            count=format_count(totals.active.value),
            operating=format_count(totals.operating.value),
        ),
        styles.title,
    )
    sheet.write_string(1, 0, heading, styles.subtitle)
    sheet.set_row(HEADER_ROW, HEADER_HEIGHT)
    for column, (header, width) in enumerate(columns):
        sheet.write_string(HEADER_ROW, column, header, styles.header)
        sheet.set_column(column, column, width)
    plain, centred = styles.get(), styles.get(align="center")
    number, money, day_format = (
        styles.get(num_format=NUMBER),
        styles.get(num_format=MONEY),
        styles.get(num_format=DATE),
    )
    write_string, write_number = sheet.write_string, sheet.write_number
    operating = LEGAL_STATUSES.label("operating")
    row = HEADER_ROW
    for n, fields in enumerate(roster, 1):
        (code, name, kind, status, commune, district, province, former_commune, former_district) = fields[:9]
        sector, founded, members, capital, *grades = fields[9:]
        row = HEADER_ROW + n
        write_number(row, 0, n, centred)
        write_string(row, 1, code, plain)
        write_string(row, 2, name, plain)
        write_string(row, 3, KINDS.label(kind), plain)
        write_string(row, 4, LEGAL_STATUSES.label(status) if status else operating, plain)
        at = 5
        if reformed:
            # An address not yet moved to the new scheme is in force as it was: its district with it.
            place = ", ".join(p for p in (commune, district) if p)
        else:
            if district:
                write_string(row, at, district, plain)
            at += 1
            place = commune
        if place:
            write_string(row, at, place, plain)
        if province:
            write_string(row, at + 1, province, plain)
        at += 2
        if reformed:
            former = ", ".join(p for p in (former_commune, former_district) if p)
            if former:
                write_string(row, at, former, plain)
            at += 1
        if sector:
            write_string(row, at, SECTORS.label(sector), plain)
        # A date cell is a day number with a date format: what Excel itself stores.
        write_number(row, at + 1, (founded - EXCEL_EPOCH).days, day_format)
        if members is not None:
            write_number(row, at + 2, members, number)
        if capital is not None:
            write_number(row, at + 3, capital, money)
        for i, grade in enumerate(grades):
            if grade:
                write_string(row, at + 4 + i, GRADES.label(grade), centred)
    sheet.autofilter(HEADER_ROW, 0, row, len(columns) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 3)  # the number, code and name stay in view
    _print_setup(sheet, landscape=True)
