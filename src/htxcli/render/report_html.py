"""The yearly report as one self-contained HTML page: the heading, the narrative, the recipients and the
signature, then as its appendix (on a page of its own when printed) the tables and the charts (inline
SVG, render/svg.py), in the Word report's order; with its CSS inline, so it opens offline, reads on a
phone and prints on A4 (a print stylesheet: the body's parts and the appendix's tables flow on as in
the Word report, a small table or a chart kept whole on a page).

Jinja2 (BSD) fills templates/report.html.j2 with autoescaping on: every stored text (a name, a unit, a
district) is escaped, and only the SVG this module builds, itself escaped, is marked safe. Imported only
when an HTML report is asked for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.report import Report, YearReport
from htxcli.domain.seal import seal_html
from htxcli.domain.vocab import BAND_LABELS
from htxcli.render import document
from htxcli.render.cells import figures_with_their_words
from htxcli.render.layout import (
    KEEP_ROWS,
    NOTE_SIZE_AT_LEAST,
    each_year_end,
    held_with_next,
    period_line,
    spending_apart,
    support_label,
)
from htxcli.render.letterhead import Letterhead, appendix_line, date_line, number_line
from htxcli.render.palette import BAND_COLOURS, css
from htxcli.render.prose import number, press_money
from htxcli.render.svg import Bar, bar_chart

TEMPLATES = Path(__file__).parent / "templates"


def write_html(
    out: IO[str],
    report: Report,
    *,
    single: bool,
    letterhead: Letterhead,
    today: date | None = None,
    document_number: str | None = None,
) -> None:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["row_classes"] = row_classes
    page = environment.get_template("report.html.j2")
    # svg.py escapes every text it writes: its output is the one thing marked safe. Each chart is
    # numbered under its title ("Biểu đồ 1. …"), as the tables are ("Biểu 1. …"), apart from them.
    charts = [
        (messages.DOCUMENT_CHART.format(number=n, title=title), Markup(svg))
        for n, (title, svg) in enumerate(_charts(report), start=1)
    ]
    shown = document.tables(report, single=single)
    shapes = document.layouts(shown)
    tables = [(title, t, shape) for (title, t), shape in zip(document.numbered(shown), shapes, strict=True)]
    # The body numbered as the Word report numbers it; after the signature, the tables and then the
    # charts (the HTML's own) as its appendix, in the Word report's order.
    day = today or date.today()
    table_size = min((shape.size for _, _, shape in tables), default=document.TABLE_SIZES[0])
    tables = [(title, document.words_kept(t, shape, table_size), shape) for title, t, shape in tables]
    period = period_line(report)
    out.write(
        seal_html(
            page.render(
                lang=current(),
                kind=messages.DOCUMENT_KIND,
                subject=document.subject(report),
                period=None if period is None else figures_with_their_words(period),
                office=letterhead.office_lines(),
                office_given=letterhead.given(),
                nation=messages.DOCUMENT_NATION,
                motto=messages.DOCUMENT_MOTTO,
                number=number_line(document_number, letterhead.office),
                date_line=date_line(day, letterhead.province),
                print_note=messages.HTML_PRINT_NOTE,
                overview=document.part_headings()["overview"],
                parts=document.overview(report),
                appendix=document.appendix_heading(),
                cited=appendix_line(document_number, letterhead.office, day),
                charts_title=document.charts_heading(),
                charts=charts,
                tables=tables,
                keep_rows=KEEP_ROWS,
                table_size=table_size,
                note_size=max(table_size, NOTE_SIZE_AT_LEAST),
                recipients=messages.DOCUMENT_RECIPIENTS,
                filed=letterhead.recipient_lines(),
                signature=letterhead.signature_lines(),
                signer=letterhead.signer,
                sign_here=messages.DOCUMENT_SIGN_HERE,
            )
        )
    )


def row_classes(table: document.Table) -> list[str]:
    """Each row's classes: "total" (the last row of a table that ends with a total), "subject" (a
    heading over the rows beneath it), "subtotal" (a sum of the rows above it short of the whole),
    "held" (a row of a group but its last: printed on the page of the row after it, so that a group
    is never split across pages, as the Word report keeps it)."""
    held = held_with_next(table.headings, len(table.rows))
    last = len(table.rows) - 1
    return [
        " ".join(
            name
            for name, applies in (
                ("total", table.total and n == last),
                ("subject", n in table.headings and not (table.total and n == last)),
                ("subtotal", n in table.subtotals),
                ("held", n in held),
            )
            if applies
        )
        for n in range(len(table.rows))
    ]


def _charts(report: Report) -> list[tuple[str, str]]:
    """The rating bands and the support by program of the last year shown; for a range, the
    organisations active at each year's end first."""
    charts = []
    if len(report.columns) > 1:
        bars = [
            Bar(year, active.value, number(active.value)) for year, active in report.active_by_year.points
        ]
        active = each_year_end(report, messages.CHART_ACTIVE, messages.CHART_ACTIVE_ON)
        charts.append((active, bars))
    last = report.years[-1]
    bands = messages.CHART_BANDS.format(year=last.year)
    drawn = [(title, bar_chart(title, bars, empty=messages.CHART_EMPTY)) for title, bars in charts]
    # A year nobody was rated in has no shares: "no results yet", never three bars of 0%.
    drawn.append((bands, bar_chart(bands, _band_bars(last), empty=messages.CHART_NO_RESULTS)))
    # A loan is lent, not spent: beside spending, the chart is of the spending alone.
    named = messages.CHART_SUPPORT_SPENT if spending_apart(last) else messages.CHART_SUPPORT
    support = named.format(year=last.year)
    drawn.append((support, bar_chart(support, _support_bars(last), empty=messages.CHART_EMPTY)))
    return drawn


def _band_bars(report: YearReport) -> list[Bar]:
    bands = report.ratings.bands
    return [
        Bar(
            BAND_LABELS[band],
            bands[band].value,
            f"{number(bands[band].value)} ({share.value}%)",
            css(BAND_COLOURS[band]),
        )
        for band, share in report.band_shares.points
    ]


def _support_bars(report: YearReport) -> list[Bar]:
    apart = spending_apart(report)
    return [
        Bar(support_label(program), amount.value, press_money(amount.value))
        for program, amount in report.support_amounts.points
        if not (apart and program == "credit")
    ]
