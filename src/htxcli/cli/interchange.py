"""import, export: the CSV contract in and out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from htxcli.cli.common import PeriodStartOption, engine, out, registry_path, reporting_period, say
from htxcli.cli.prompts import typed_until_end
from htxcli.domain import messages
from htxcli.domain.errors import HtxError

if TYPE_CHECKING:
    from htxcli.render.sheet_xlsx import RejectsBook
    from htxcli.services.import_result import ImportResult


class Table(StrEnum):
    cooperatives = "cooperatives"
    ratings = "ratings"
    support = "support"
    figures = "figures"
    plans = "plans"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class Headers(StrEnum):
    en = "en"
    vi = "vi"


def _is_workbook(path: str | None) -> bool:
    return path is not None and path.lower().endswith((".xlsx", ".xlsm"))


PROGRESS_FROM_BYTES = 2_000_000


def import_(
    ctx: typer.Context,
    table: Annotated[
        Table, typer.Argument(help="Which file: cooperatives, ratings, support, figures or plans.")
    ],
    file: Annotated[
        str,
        typer.Argument(
            help="A CSV file or an Excel workbook (.xlsx) in the interchange contract, or - for stdin."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and count; write nothing.")
    ] = False,
    rejects: Annotated[
        str | None,
        typer.Option(
            help="Import the good rows and write the bad ones, with an error column, to this file"
            " (- for stdout; a workbook if it ends in .xlsx)."
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet of a workbook to read (default: the first).")
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(help="ratings: the year of every row, for a sheet without a year column."),
    ] = None,
) -> None:
    """Load a CSV file or an Excel sheet: all rows or, if any row is bad, none.

    Headers may be the contract's or Vietnamese (Mã số thuế, Ngày thành lập…); titles above the header
    and a totals row at the end are skipped. Every bad row is reported as FILE:LINE: COLUMN: problem
    (FILE:SHEET!ROW in a workbook). Importing the same file again changes nothing.

    \b
    Examples:
      htx import cooperatives examples/bac-kan-2018/cooperatives.csv
      htx import cooperatives danh-sach-htx.xlsx --sheet 'Năm 2018'
      htx import ratings xep-loai-2026.xlsx --year 2026
    """
    if table is Table.plans:
        _import_plans(ctx, file, dry_run=dry_run)
        return
    from htxcli.render.sheet_xlsx import RejectsBook
    from htxcli.services import csvsource, interchange
    from htxcli.services.output import check_target, written, written_bytes

    given: dict[str, str] = {}
    if year is not None:
        from htxcli.domain.errors import InvalidValue
        from htxcli.domain.records import parse_rating_year

        if table is not Table.ratings:
            raise InvalidValue("--year", year, messages.YEAR_OF_RATINGS_ONLY)
        given["year"] = str(parse_rating_year(year))
    guarded = registry_path(ctx)
    if rejects is not None:  # refused before anything is read or written
        check_target("--rejects", rejects, registry=guarded, inputs=[file])
    try:
        if file == "-" and sys.stdin.isatty():
            say(messages.READING_KEYBOARD)
        stream, name = csvsource.open_input(file, typed_until_end)  # at a terminal, up to Ctrl-D
    except KeyboardInterrupt:
        say(messages.IMPORT_INTERRUPTED)
        raise typer.Exit(130) from None
    rejects_name = messages.STDOUT if rejects == "-" else rejects
    try:
        with ExitStack() as outputs:
            reject_file: IO[str] | RejectsBook | None = None
            if rejects is not None:
                if _is_workbook(rejects):
                    book = written_bytes("--rejects", rejects, registry=guarded, inputs=[file])
                    reject_file = RejectsBook(outputs.enter_context(book))
                else:
                    reject_file = outputs.enter_context(
                        written("--rejects", rejects, registry=guarded, inputs=[file])
                    )
            with _progress(csvsource.input_size(file)) as progress:
                result = interchange.import_csv(
                    engine(ctx),
                    table.value,
                    stream,
                    name,
                    dry_run=dry_run,
                    rejects=reject_file,
                    progress=progress,
                    sheet=sheet,
                    given=given,
                )
            if isinstance(reject_file, RejectsBook):
                reject_file.close()
    except KeyboardInterrupt:
        # The unit of work rolled back on the way out, and the rejects file was never put in place.
        say(messages.IMPORT_INTERRUPTED)
        raise typer.Exit(130) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    for note in result.notes:
        say(note)
    for error in result.errors:
        say(error)
    if result.error_count > len(result.errors):
        say(messages.MORE_ERRORS.format(count=result.error_count - len(result.errors)))
    if result.error_count and rejects is None:
        raise HtxError(messages.IMPORT_FAILED.format(count=result.error_count, file=name))
    _say_warnings(result, name)
    summary = messages.IMPORT_COUNTS.format(
        table=messages.IMPORTED_FILES.get(table.value, table.value),
        new=result.new,
        changed=result.changed,
        unchanged=result.unchanged,
    )
    if result.rejected:
        summary += messages.IMPORT_REJECTED.format(rejected=result.rejected, rejects=rejects_name)
    if dry_run:
        summary += messages.IMPORT_DRY_RUN
    elif result.entry is not None:
        summary += messages.IMPORT_ENTRY.format(entry=result.entry)
    say(summary)
    if result.rejected:
        raise typer.Exit(1)


def _import_plans(ctx: typer.Context, file: str, *, dry_run: bool) -> None:
    """A plans file (year,indicator,area,target,note): all rows or none, one history entry."""
    import io

    from htxcli.services import csvsource, plans

    stream, name = csvsource.open_input(file, typed_until_end)
    try:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        try:
            result = plans.import_csv(engine(ctx), text, name, dry_run=dry_run)
        except UnicodeDecodeError as e:
            raise HtxError(messages.NOT_UTF8.format(file=name, line=1, detail=e.reason)) from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    for note in result.notes:
        say(note)
    summary = messages.IMPORT_COUNTS.format(
        table=messages.IMPORTED_FILES["plans"],
        new=result.new,
        changed=result.changed,
        unchanged=result.unchanged,
    )
    if dry_run:
        summary += messages.IMPORT_DRY_RUN
    elif result.entry is not None:
        summary += messages.IMPORT_ENTRY.format(entry=result.entry)
    say(summary)


def _say_warnings(result: ImportResult, name: str) -> None:
    """Districts stored in the registry's spelling, then rows that look like stored organisations."""
    for (given, stored), count in sorted(result.respelled.items()):
        say(messages.IMPORT_DISTRICT_RESPELLED.format(file=name, given=given, stored=stored, count=count))
    for warning in result.warnings:
        say(warning)
    if result.warning_count > len(result.warnings):
        say(messages.MORE_WARNINGS.format(count=result.warning_count - len(result.warnings)))
    if result.warning_count:
        say(messages.IMPORT_WARNED.format(file=name, count=result.warned_rows))


@contextmanager
def _progress(size: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large files, only when a person is watching."""
    if size < PROGRESS_FROM_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    columns = ("{task.description}", BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(messages.IMPORTING, total=size)
        yield lambda done: bar.update(task, completed=done)


def export(
    ctx: typer.Context,
    table: Annotated[Table, typer.Argument(help="cooperatives, ratings, support, figures or plans.")],
    year: Annotated[
        int | None,
        typer.Option(
            help="ratings: that year's; support: dated in the reporting year (the registry's period, as "
            "in htx report); cooperatives: active during it."
        ),
    ] = None,
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (the contract), json or xlsx (an Excel workbook); default: by the extension of -o,"
            " else csv.",
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    headers: Annotated[
        Headers,
        typer.Option(
            help="en: the contract's column names; vi: Vietnamese ones (csv and xlsx), which import reads."
        ),
    ] = Headers.en,
    excel: Annotated[
        bool, typer.Option("--excel", help="Add a BOM and CRLF so Excel reads the UTF-8.")
    ] = False,
    period_start: PeriodStartOption = None,
) -> None:
    """Write one contract file to stdout or to a file, ready to import elsewhere.

    \b
    Examples:
      htx export ratings --year 2018 > ratings-2018.csv
      htx export cooperatives --format xlsx --headers vi -o danh-sach-htx.xlsx
    """
    from htxcli.domain.errors import InvalidValue
    from htxcli.domain.headers import vietnamese_header
    from htxcli.domain.values import parse_optional_year
    from htxcli.render.machine import write_csv, write_json_lines_array
    from htxcli.services import interchange
    from htxcli.services.output import check_target, written, written_bytes

    if format is None:
        format = ExportFormat.xlsx if _is_workbook(output) else ExportFormat.csv
        if output is not None and output.lower().endswith(".json"):
            format = ExportFormat.json
    if format is ExportFormat.xlsx and output in (None, "-"):
        raise InvalidValue("--format", "xlsx", messages.EXPORT_NEEDS_OUTPUT)
    if format is ExportFormat.json and headers is Headers.vi:
        raise InvalidValue("--headers", "vi", messages.HEADERS_OF_JSON)
    guarded = registry_path(ctx)
    if output is not None:  # refused before the database is read
        check_target("--output", output, registry=guarded)
    if table is Table.plans:
        from htxcli.services import plans

        if format is ExportFormat.xlsx:
            raise InvalidValue("--format", "xlsx", messages.PLANS_AS_CSV)
        plan_rows = plans.export_rows(engine(ctx, create=False))
        with written("--output", output or "-", registry=guarded, stdout=out()) as f:
            if format is ExportFormat.json:
                write_json_lines_array(f, plan_rows)
            else:
                write_csv(f, plans.COLUMNS, plan_rows, excel=excel)
        return
    fields = interchange.columns(table.value)
    labels = [vietnamese_header(f) for f in fields] if headers is Headers.vi else list(fields)
    year_ = parse_optional_year("year", year)
    period = reporting_period(ctx, year_, period_start) if table is not Table.ratings else None
    rows = interchange.export_rows(engine(ctx, create=False), table.value, year_, period)
    if headers is Headers.vi:  # Vietnamese values under Vietnamese headers; import reads both back
        rows = _in_vietnamese(rows, dates_as_text=format is not ExportFormat.xlsx)
    if table is Table.figures and format is not ExportFormat.json:
        from htxcli.domain.figures import flags_as_words

        rows = map(flags_as_words, rows)  # yes / no, as the contract writes them
    if format is ExportFormat.xlsx:
        from htxcli.render.sheet_xlsx import write_xlsx

        with written_bytes("--output", output or "-", registry=guarded) as book:
            write_xlsx(book, table.value, fields, labels, rows)
        return
    with written("--output", output or "-", registry=guarded, stdout=out()) as f:
        if format is ExportFormat.json:
            write_json_lines_array(f, rows)
        else:
            write_csv(f, fields, rows, excel=excel, header=labels)


def _in_vietnamese(rows: Iterator[dict[str, Any]], *, dates_as_text: bool) -> Iterator[dict[str, Any]]:
    """Each row with its kind, sector, grade and program in Vietnamese and, in CSV, its dates written
    DD/MM/YYYY (a workbook has date cells)."""
    from datetime import date

    from htxcli.domain.vocab import with_labels

    for row in rows:
        out = with_labels(row)
        if dates_as_text:
            for column, value in out.items():
                if isinstance(value, date):
                    out[column] = value.strftime("%d/%m/%Y")
                elif column in _DATE_FIELDS and isinstance(value, str) and len(value) == 10:
                    out[column] = f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
        yield out


_DATE_FIELDS = frozenset({"founded", "dissolved", "date", "new_address_from"})


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(export)
