"""The report workbook's sheet of native Excel charts (render/report_xlsx.py), drawn from the model's
series: organisations by band, support by programme, active organisations by year; each chart with the
table of its figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from htxcli.domain import messages
from htxcli.domain.report import Label, Money, Report, Value, YearReport
from htxcli.domain.vocab import BAND_LABELS, PROGRAMS
from htxcli.render.cells import figures_with_their_words, keep_notes_whole
from htxcli.render.layout import each_year_end, spending_apart, support_label
from htxcli.render.palette import BAND_COLOURS, FIGURE_COLOUR, css
from htxcli.render.xlsx_cells import (
    HEADER_ROW,
    NUMBER,
    PERCENT,
    Styles,
    header_height,
    print_setup,
    words_kept,
    write_cell,
)

CHART_ROWS = 18  # rows a chart and its table take on the chart sheet
CHART_SIZE = {"width": 640, "height": 320}
CHART_LABEL_WIDTH, CHART_FIGURE_WIDTH = 28, 18  # the chart sheet's columns
# A money axis and its labels in triệu đồng (each trailing comma divides by a thousand): whole đồng
# ("1,000,000,000") crowd each other. The cells keep their đồng; a line under the table says so.
MILLIONS = "#,##0,,"


class _Charts(NamedTuple):
    """Where the charts go and what they show: the sheet and its book, the styles, the years' reports
    (their columns' headers) and how a title says those years."""

    sheet: Any
    book: Any
    styles: Styles
    columns: list[YearReport]
    years: list[str]
    span: str


def chart_sheet(sheet: Any, book: Any, styles: Styles, report: Report, heading: Sequence[str]) -> None:
    """Native Excel charts, each beside the small table it is drawn from (the model's chart series):
    the rating bands, support amounts by program, and with several years the organisations active."""
    columns = report.columns
    years = [str(one.year) for one in columns]
    # a comparison's two years said as its tables say them ("năm 2025 và năm 2026"), a range's span
    spans = {1: years[0], 2: messages.CHART_TWO_YEARS.format(first=years[0], last=years[-1])}
    span = spans.get(len(years), f"{years[0]}–{years[-1]}")
    # Headed as the tables' sheets are: its title (the HTML report's heading of its charts), then the
    # report it goes with, the report's title and period.
    sheet.write_string(0, 0, messages.DOCUMENT_CHARTS, styles.title)
    for row, line in enumerate(heading, start=1):
        sheet.write_string(row, 0, line, styles.subtitle)
    # In the HTML report's order and numbered as it numbers them ("Biểu đồ 1. …"): for a range, the
    # organisations active at each year's end first; the bands; the support.
    top, number = HEADER_ROW, 1
    if len(columns) > 1:
        _active_chart(sheet, book, styles, report, top, number)
        top, number = top + CHART_ROWS, number + 1
    charts = _Charts(sheet, book, styles, columns, years, span)
    _bands_chart(charts, top, number)
    _support_chart(charts, top + CHART_ROWS, number + 1)
    sheet.set_column(0, 0, CHART_LABEL_WIDTH)
    sheet.set_column(1, len(years), CHART_FIGURE_WIDTH)
    print_setup(sheet, landscape=True, header_row=None)
    sheet.fit_to_pages(1, 1)  # the charts on one page


def _table(
    sheet: Any, styles: Styles, top: int, headers: list[str], rows: Sequence[Sequence[Value | None]]
) -> None:
    widths = [CHART_LABEL_WIDTH, *(CHART_FIGURE_WIDTH for _ in headers[1:])]
    # a bracketed note whole, a word of two syllables on one line ("Hiện có / (còn đăng ký)"), as the
    # tables' sheets head their columns
    headers = [words_kept(keep_notes_whole(h), w) for h, w in zip(headers, widths, strict=True)]
    sheet.set_row(top, header_height(headers, widths))
    for column, header in enumerate(headers):
        sheet.write_string(top, column, header, styles.header)
    for n, row in enumerate(rows):
        for column, cell in enumerate(row):
            write_cell(sheet, top + 1 + n, column, cell, styles, total=False)


def _titled(number: int, title: str) -> str:
    """A chart's title numbered as the HTML numbers it ("Biểu đồ 2. …"), each year and number kept
    with the word before it ("năm 2025 và năm 2026" never broken as "năm / 2026")."""
    return figures_with_their_words(messages.DOCUMENT_CHART.format(number=number, title=title))


def _bands_chart(charts: _Charts, top: int, number: int) -> None:
    """The three bands' shares: a pie for one year, stacked columns (one per year) for several. A year
    nobody was rated in has no shares: its cells are left empty (no bar, no "0%") and its column is
    headed "2014 (chưa có kết quả)"."""
    sheet, book, styles, columns, years, span = charts
    name = sheet.get_name()
    rated = [one.ratings.rated.value > 0 for one in columns]
    shares = [dict(one.band_shares.points) for one in columns]
    rows: list[list[Value | None]] = [
        [Label(label), *(s[band] if r else None for s, r in zip(shares, rated, strict=True))]
        for band, label in BAND_LABELS.items()
    ]
    heads = [
        y if r else messages.CHART_YEAR_NO_RESULTS.format(year=y) for y, r in zip(years, rated, strict=True)
    ]
    _table(sheet, styles, top, [messages.REPORT_BAND, *heads], rows)
    first, last = top + 1, top + len(rows)
    chart_title = messages.CHART_BANDS.format(year=span)  # the HTML report's, for the years shown
    if len(columns) == 1:
        chart = book.add_chart({"type": "pie"})
        chart.add_series(
            {
                "name": chart_title,
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                # Each slice's band over its share, on two lines; never the viewer's default
                # separator (LibreOffice's "Yếu; 14%").
                "data_labels": {"value": True, "num_format": PERCENT, "category": True, "separator": "\n"},
                "points": [{"fill": {"color": css(BAND_COLOURS[band])}} for band in BAND_LABELS],
            }
        )
        if not rated[0]:
            chart_title = messages.CHART_YEAR_NO_RESULTS.format(year=chart_title)
    else:
        chart = book.add_chart({"type": "column", "subtype": "stacked"})
        for n, band in enumerate(BAND_LABELS):
            chart.add_series(
                {
                    "name": [name, first + n, 0],
                    "categories": [name, top, 1, top, len(years)],
                    "values": [name, first + n, 1, first + n, len(years)],
                    "fill": {"color": css(BAND_COLOURS[band])},
                    "data_labels": {"value": True, "num_format": PERCENT},
                }
            )
        chart.set_y_axis({"num_format": PERCENT, "min": 0, "max": 1})
        chart.show_blanks_as("gap")
    chart.set_title({"name": _titled(number, chart_title)})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, len(years) + 2, chart)


def _support_chart(charts: _Charts, top: int, number: int) -> bool:
    """Support amounts by program: bars for one year, a column per program and year for several.
    False (and nothing drawn) when no year shown has any support."""
    sheet, book, styles, columns, years, span = charts
    name = sheet.get_name()
    # A loan is lent, not spent: beside spending in any year shown, the chart is of the spending alone.
    apart = any(spending_apart(one) for one in columns)
    amounts = [
        {p: a for p, a in one.support_amounts.points if not (apart and p == "credit")} for one in columns
    ]
    programs = [p for p in PROGRAMS.keys if any(p in year_amounts for year_amounts in amounts)]
    if not programs:
        return False
    rows: list[list[Value]] = [
        [Label(support_label(p)), *(year_amounts.get(p, Money(0)) for year_amounts in amounts)]
        for p in programs
    ]
    # The years head the columns bare: a chart of several years takes them as its categories.
    _table(sheet, styles, top, [messages.HEADERS["program"], *years], rows)
    first, last = top + 1, top + len(rows)
    sheet.write_string(last + 1, 0, messages.WORKBOOK_CHART_UNITS, styles.caption)
    if len(years) == 1:
        chart = book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": [name, top, 1],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                "data_labels": {"value": True, "num_format": MILLIONS},
            }
        )
        chart.set_x_axis({"num_format": MILLIONS, "min": 0, "name": messages.WORKBOOK_CHART_MILLIONS})
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
        chart.set_y_axis({"num_format": MILLIONS, "min": 0, "name": messages.WORKBOOK_CHART_MILLIONS})
    # The HTML report's title of its chart (render/report_html.py), for the years shown.
    named = messages.CHART_SUPPORT_SPENT if apart else messages.CHART_SUPPORT
    chart.set_title({"name": _titled(number, named.format(year=span))})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, len(years) + 2, chart)
    return True


def _active_chart(sheet: Any, book: Any, styles: Styles, report: Report, top: int, number: int) -> None:
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
            "fill": {"color": css(FIGURE_COLOUR)},
        }
    )
    active = each_year_end(report, messages.CHART_ACTIVE, messages.CHART_ACTIVE_ON)
    chart.set_title({"name": _titled(number, active)})
    chart.set_legend({"none": True})
    chart.set_y_axis({"num_format": NUMBER, "min": 0})
    chart.set_size(CHART_SIZE)
    sheet.insert_chart(top, 3, chart)


# --- the organisations registered on the period's last day ----------------------------------
