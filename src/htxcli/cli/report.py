"""htx report: the province's yearly summary."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from htxcli.cli.common import engine, registry_path, say
from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.services.output import STDOUT, check_target, written

if TYPE_CHECKING:
    from htxcli.domain.report import Report


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


SUFFIXES = {
    ".json": ReportFormat.json,
    ".csv": ReportFormat.csv,
    ".md": ReportFormat.markdown,
    ".markdown": ReportFormat.markdown,
    ".txt": ReportFormat.table,
}


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
            help="Only this commune, by each organisation's address on 31 December ('thuong minh')."
        ),
    ] = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people (default); json or csv (tidy: year,section,key,metric,value) for "
            "scripts; markdown for documents.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE instead of stdout; the format follows its extension (.json .csv .md .txt).",
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
    """
    from htxcli.domain.values import parse_years
    from htxcli.services.report import reports

    span = parse_years("year", years)
    _warn_of_the_future(span)
    chosen = format or _format_of(output)
    target = STDOUT if output is None else str(output)
    guarded = registry_path(ctx)
    if output is not None:
        check_target("--output", target, registry=guarded)  # before the report's queries run
    built = reports(engine(ctx, create=False), span, district=district, commune=commune, compare=compare)
    with written("--output", target, registry=guarded) as out:
        _write(out, chosen, built, single=len(span) == 1, to_file=output is not None)
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


def _write(out: IO[str], chosen: ReportFormat, built: Report, *, single: bool, to_file: bool) -> None:
    """One renderer per format, each formatting the one model (domain.report) its own way."""
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
    blocks = view.year_blocks(built.years[0]) if single and not built.compare else view.column_blocks(built)
    if chosen is ReportFormat.markdown:
        from htxcli.render.markdown import write_report

        write_report(out, heading, blocks)
        return
    from rich.console import Console

    from htxcli.render import tables

    if to_file or not out.isatty():
        # A report saved or piped is read in an editor: wider than the 80 columns Rich assumes.
        console = Console(file=out, width=120, no_color=True, highlight=False)
    else:
        console = tables.console()
    for part in tables.report(heading, blocks):
        console.print(part)
        console.print()
