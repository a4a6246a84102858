"""support add, support list."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from htxcli.cli.common import (
    Format,
    FormatOption,
    PeriodStartOption,
    emit,
    engine,
    reporting_period,
    say,
    say_if_cut,
    typed_names,
    warn,
)
from htxcli.domain import messages

app = typer.Typer(help="Record and list support disbursements and activities.", no_args_is_help=True)

# `name` comes last: it was added after the others, and a script that reads columns by position keeps
# working. (This is a listing, not the import contract: `htx export support` writes that.)
SUPPORT_COLUMNS = (
    "id",
    "code",
    "program",
    "date",
    "amount_vnd",
    "quantity",
    "unit",
    "reference",
    "note",
    "name",
)


@app.command("add")
def add(
    ctx: typer.Context,
    program_words: Annotated[
        list[str],
        typer.Argument(
            metavar="PROGRAM",
            help="outreach | bulletin | human-resources | trade-promotion | credit | new-model | "
            "infrastructure "
            "| certification | other (Vietnamese names such as 'vay vốn' work too).",
        ),
    ],
    date: Annotated[str, typer.Option(help="YYYY-MM-DD or DD/MM/YYYY.")],
    to: Annotated[
        str | None, typer.Option("--to", help="Code of the organisation; leave out for province-wide.")
    ] = None,
    amount: Annotated[
        str | None, typer.Option(help="đồng: 1600000000, 1.600.000.000, '1,6 tỷ', '350 triệu'.")
    ] = None,
    quantity: Annotated[str | None, typer.Option(help="How many (classes, copies...); default 1.")] = None,
    unit: Annotated[str | None, typer.Option(help="e.g. lớp, cuốn.")] = None,
    reference: Annotated[str | None, typer.Option(help="Document number; unique when given.")] = None,
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record a support disbursement or activity.

    \b
    Examples:
      htx support add credit --to 4700284512 --date 12/06/2018 --amount '150 triệu'
      htx support add outreach --date 2018-05-10 --quantity 8 --unit lớp
    """
    from htxcli.domain.records import support_doubts
    from htxcli.domain.values import format_date
    from htxcli.services import support

    # A program of several words needs no quotes (support add tín dụng …), as a status needs none.
    program = " ".join(program_words)
    raw = {
        "code": to,
        "program": program,
        "date": date,
        "amount_vnd": amount,
        "quantity": quantity,
        "unit": unit,
        "reference": reference,
        "note": note,
    }
    record, warning, twin = support.add(engine(ctx), raw)
    if warning:
        date_option = typed_names(ctx, ["date"])[0]
        say(messages.WARNING.format(problem=f"{date_option} {format_date(record['date'])} {warning}"))
    warn(ctx, support_doubts(record))
    if twin is not None:
        say(messages.WARNING.format(problem=messages.SUPPORT_TWIN.format(id=twin)))
    say(
        messages.SUPPORT_ADDED.format(
            id=record["id"], what=_recorded(record), date=format_date(record["date"])
        )
    )


def _recorded(record: dict[str, Any]) -> str:
    """A support record as its confirmation says it: `tín dụng 1.500.000.000 đồng cho 4601254871 HTX …`."""
    from htxcli.domain.values import format_count
    from htxcli.domain.vocab import PROGRAMS

    what = PROGRAMS.spoken(record["program"])
    if record.get("amount_vnd"):
        what = messages.SUPPORT_AMOUNT.format(what=what, amount=format_count(record["amount_vnd"]))
    if record.get("unit") or (record.get("quantity") or 1) != 1:
        quantity = format_count(record.get("quantity") or 1)
        what = messages.SUPPORT_QUANTITY.format(what=what, quantity=quantity, unit=record.get("unit") or "")
    if record.get("code"):
        what = messages.SUPPORT_FOR.format(what=what, code=record["code"], name=record.get("name") or "")
    return what.strip()


@app.command("list")
def listing(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option(
            help="Only records dated in this reporting year (the registry's period, as in htx report)."
        ),
    ] = None,
    program: Annotated[str | None, typer.Option(help="Only this program.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Only support to this organisation.")] = None,
    format: FormatOption = Format.table,
    period_start: PeriodStartOption = None,
) -> None:
    """List support records by date.

    \b
    Example: htx support list --year 2018 --program credit --format csv
    """
    from htxcli.domain.vocab import PROGRAMS
    from htxcli.services import support

    period = reporting_period(ctx, year, period_start)
    rows = support.listing(
        engine(ctx, create=False),
        period=period,
        program=PROGRAMS.parse(program) if program else None,
        code=to,
    )

    def table() -> None:
        from htxcli.render import tables

        records = list(rows)
        tables.console().print(tables.support_records(records))
        say_if_cut(len(records), "--year, --program, --to")

    emit(format, table=table, columns=SUPPORT_COLUMNS, rows=rows, stream=True)
