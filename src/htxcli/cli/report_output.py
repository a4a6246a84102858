"""htx report's output: the formats, and the one path that renders a report in each, live, issued
or as issued (cli/report.py and cli/report_issued.py call it)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from htxcli.cli.common import engine, registry_path, say
from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.services.output import written, written_bytes

if TYPE_CHECKING:
    from datetime import date

    from htxcli.domain.report import Report
    from htxcli.render.letterhead import Letterhead


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


def chosen_format(format: ReportFormat | None, output: Path | None) -> ReportFormat:
    return format or _format_of(output)


def render_report(
    ctx: typer.Context,
    chosen: ReportFormat,
    built: Report,
    output: Path | None,
    target: str,
    *,
    single: bool,
    letterhead: Letterhead | None = None,
    today: date | None = None,
    document_number: str | None = None,
) -> None:
    """The report in the chosen layout, to stdout or the file: live, issued, or as issued (`document_number`:
    the issued report's, printed in a document's heading)."""
    from htxcli.render.letterhead import Letterhead

    guarded = registry_path(ctx)
    if chosen is ReportFormat.xlsx:
        office = letterhead.office if letterhead is not None else None
        _write_workbook(ctx, target, built, guarded, office, today, document_number)
    elif chosen is ReportFormat.docx:
        from htxcli.render.report_docx import write_docx

        with written_bytes("--output", target, registry=guarded) as binary:
            write_docx(
                binary,
                built,
                single=single,
                letterhead=letterhead or Letterhead(),
                today=today,
                document_number=document_number,
            )
    else:
        with written("--output", target, registry=guarded) as out:
            _write(
                out,
                chosen,
                built,
                single=single,
                to_file=output is not None,
                letterhead=letterhead or Letterhead(),
                today=today,
                document_number=document_number,
            )
    if output is not None:
        say(messages.REPORT_WRITTEN.format(path=output))


def _format_of(output: Path | None) -> ReportFormat:
    if output is None:
        return ReportFormat.table
    found = SUFFIXES.get(output.suffix.lower())
    if found is None:
        raise InvalidValue("--output", str(output), messages.BAD_OUTPUT_SUFFIX)
    return found


def _write_workbook(
    ctx: typer.Context,
    target: str,
    built: Report,
    guarded: Path | None,
    office: str | None,
    today: date | None,
    document_number: str | None,
) -> None:
    """The workbook, with the list of the organisations active at the end of its last year; each
    sheet cites the report it goes with (the office's, issued with `document_number` on `today`)."""
    from htxcli.render.report_xlsx import write_workbook
    from htxcli.services.report import roster

    with written_bytes("--output", target, registry=guarded) as out:
        write_workbook(
            out,
            built,
            roster(engine(ctx, create=False), built),
            office=office,
            today=today,
            document_number=document_number,
        )


def _write(
    out: IO[str],
    chosen: ReportFormat,
    built: Report,
    *,
    single: bool,
    to_file: bool,
    letterhead: Letterhead,
    today: date | None = None,
    document_number: str | None = None,
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

        write_html(
            out,
            built,
            single=single,
            letterhead=letterhead,
            today=today,
            document_number=document_number,
        )
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
    from htxcli.render.report_terminal import report

    for part in report(heading, blocks, period, width=console.width):
        console.print(part)
        console.print()
