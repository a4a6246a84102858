"""htx report: the province's yearly summary."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from htxcli.cli.common import engine, registry_path, say
from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.services.output import STDOUT, check_replaceable, check_target, written, written_bytes

if TYPE_CHECKING:
    from htxcli.domain.report import Report


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    text = "text"
    docx = "docx"
    html = "html"
    xlsx = "xlsx"


SUFFIXES = {
    ".json": ReportFormat.json,
    ".csv": ReportFormat.csv,
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".txt": ReportFormat.table,
    ".docx": ReportFormat.docx,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".xlsx": ReportFormat.xlsx,
}


# What an office completes by hand: replaced only while unchanged since htx wrote it, or with --force.
DOCUMENTS = (ReportFormat.docx, ReportFormat.html, ReportFormat.xlsx)


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    ctx: typer.Context,
    years: Annotated[
        str,
        typer.Argument(metavar="YEAR|FIRST..LAST", help="2018, or a range: 2016..2020 or 2016-2020."),
    ],
    compare: Annotated[
        bool, typer.Option("--compare", help="Add the year before and the change beside each figure.")
    ] = False,
    district: Annotated[
        str | None,
        typer.Option(help="Only this district; accents and case do not matter ('bach thong')."),
    ] = None,
    commune: Annotated[
        str | None,
        typer.Option(
            help="Only this commune, by each organisation's address on the reporting period's last day "
            "('thuong minh')."
        ),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people (default); json or csv (tidy: year,section,key,metric,value) for "
            "scripts; markdown for documents; text: the figures as the report's prose; docx (Word) and html "
            "(printable, with charts): the report an office sends; xlsx: the Excel appendix (with -o FILE).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE instead of stdout; the format follows its extension (.json .csv .md .txt "
            ".docx .html .xlsx).",
            readable=False,  # /dev/stdout of another user's pipe is written, never read
        ),
    ] = None,
    office: Annotated[
        str | None,
        typer.Option(
            help="The issuing office at the top of the Word and HTML report ('SỞ TÀI CHÍNH'); "
            "without it, the registry's setting (htx settings office …), else a dotted line to fill in.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the Word, Excel or HTML file of --output even if it changed since htx wrote it "
            "(without it, htx replaces only its own unchanged output).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DAY",
            help="Stop at this day of the (last) year's period, e.g. 30/06/2026: stocks on that day, flows "
            "from the period's start; the year before compared is the same part of it.",
            show_default=False,
        ),
    ] = None,
    period_start: Annotated[
        str | None,
        typer.Option(
            "--period-start",
            metavar="DD/MM",
            help="First day of each reporting year, e.g. 15/12 (Circular 09/2024: 15/12/2017–14/12/2018 "
            "is 2018). Default: the registry's setting (htx settings period-start), else 01/01.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the yearly summary: organisations active, founded and dissolved by kind; ratings in the
    three bands (effective = good + fair, average, weak) with shares summing to 100; support per
    program; the new-model cooperatives; the districts.

    \b
    Examples:
      htx report 2018
      htx report 2018 --compare
      htx report 2021-2025
      htx report 2016..2020 --format csv | grep ',bands,'
      htx report 2018 --district 'Ba Bể' -o ba-be-2018.md
      htx report 2018 --format text
      htx report 2018 -o bao-cao-2018.docx --office 'SỞ TÀI CHÍNH'
      htx report 2018 -o bao-cao-2018.xlsx
      htx report 2018 --period-start 15/12 --format json
      htx report 2026 --as-of 30/06/2026
    """
    from htxcli.domain.values import parse_years
    from htxcli.services.report import reports

    span = parse_years("year", years)
    start = None
    if period_start is not None:
        from htxcli.domain.settings import parse_period_start

        start = parse_period_start("--period-start", period_start)
    day = None
    if as_of is not None:
        from htxcli.domain.values import parse_date

        day = parse_date("--as-of", as_of)
    _warn_of_the_future(span)
    chosen = format or _format_of(output)
    target = STDOUT if output is None else str(output)
    guarded = registry_path(ctx)
    if chosen is ReportFormat.xlsx and output is None:
        raise InvalidValue("--format", chosen.value, messages.OUTPUT_BINARY_NOT_STDOUT)
    if output is not None:
        check_target("--output", target, registry=guarded)  # before the report's queries run
        if chosen in DOCUMENTS:
            check_replaceable("--output", target, force=force)
    elif chosen is ReportFormat.docx and sys.stdout.isatty():
        raise InvalidValue("--format", chosen.value, messages.DOCX_TO_TERMINAL)
    if day is not None:  # within the (last) year's period, said with the day as typed
        from htxcli.domain.values import format_date
        from htxcli.services.settings import reporting_period

        period = reporting_period(engine(ctx, create=False), span[-1], start)
        if day not in period:
            first, last = format_date(period.first), format_date(period.last)
            raise InvalidValue("--as-of", as_of, messages.AS_OF_OUTSIDE.format(first=first, last=last))
    built = reports(
        engine(ctx, create=False),
        span,
        district=district,
        commune=commune,
        compare=compare,
        period_start=start,
        as_of=day,
    )
    if district is not None:
        from htxcli.services.report import former_district

        moved = former_district(engine(ctx, create=False), span, district, period_start=start)
        if moved is not None:
            say(moved)
    single = len(span) == 1
    province = None
    if chosen in (ReportFormat.docx, ReportFormat.html):
        from htxcli.services import settings

        if office is None:
            office = settings.get(engine(ctx, create=False), "office")
        province = settings.province(engine(ctx, create=False))  # the date line's place
    if chosen is ReportFormat.xlsx:
        _write_workbook(ctx, target, built, guarded)
    elif chosen is ReportFormat.docx:
        from htxcli.render.report_docx import write_docx

        with written_bytes("--output", target, registry=guarded) as binary:
            write_docx(binary, built, single=single, office=office, province=province)
    else:
        with written("--output", target, registry=guarded) as out:
            _write(
                out,
                chosen,
                built,
                single=single,
                to_file=output is not None,
                office=office,
                province=province,
            )
    if output is not None:
        say(messages.REPORT_WRITTEN.format(path=output))


def _warn_of_the_future(span: list[int]) -> None:
    """A year not yet begun is most likely a typo (2081 for 2018); its report is printed all the same,
    since a plan or a script may ask for it on purpose."""
    from datetime import date

    current = date.today().year
    if span[-1] > current:
        later = [str(y) for y in span if y > current]
        say(messages.REPORT_FUTURE_YEAR.format(years=", ".join(later), current=current))


def _format_of(output: Path | None) -> ReportFormat:
    if output is None:
        return ReportFormat.table
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        raise InvalidValue("--output", str(output), messages.BAD_OUTPUT_SUFFIX)
    return found


def _write_workbook(ctx: typer.Context, target: str, built: Report, guarded: Path | None) -> None:
    """The workbook, with the list of the organisations active at the end of its last year."""
    from htxcli.render.report_xlsx import write_workbook
    from htxcli.services.report import roster

    with written_bytes("--output", target, registry=guarded) as out:
        write_workbook(out, built, roster(engine(ctx, create=False), built))


def _write(
    out: IO[str],
    chosen: ReportFormat,
    built: Report,
    *,
    single: bool,
    to_file: bool,
    office: str | None,
    province: str | None = None,
) -> None:
    """One renderer per format, each formatting the one model (domain.report) its own way."""
    if chosen is ReportFormat.text:
        from htxcli.render.layout import period_line
        from htxcli.render.narrative import paragraphs

        period = period_line(built)
        out.write("\n\n".join([*([period] if period else []), *paragraphs(built)]) + "\n")
        return
    if chosen is ReportFormat.html:
        from htxcli.render.report_html import write_html

        write_html(out, built, single=single, office=office, province=province)
        return
    if chosen is ReportFormat.json:
        from htxcli.render.machine import write_json
        from htxcli.render.report_json import as_json

        write_json(out, as_json(built, single=single))
        return
    if chosen is ReportFormat.csv:
        from htxcli.render.machine import write_csv
        from htxcli.render.report_csv import TIDY_FIELDS, tidy

        write_csv(out, TIDY_FIELDS, tidy(built))
        return
    from htxcli.render import report as view

    heading = view.title(built)
    period = view.period_line(built)
    blocks = view.report_blocks(built, single=single)
    if chosen is ReportFormat.markdown:
        from htxcli.render.markdown import write_report

        write_report(out, heading, blocks, period)
        return
    from rich.console import Console

    from htxcli.render import tables

    if to_file or not out.isatty():
        # A report saved or piped is read in an editor: wider than the 80 columns Rich assumes.
        console = Console(file=out, width=120, no_color=True, highlight=False)
    else:
        console = tables.console()
    for part in tables.report(heading, blocks, period):
        console.print(part)
        console.print()
