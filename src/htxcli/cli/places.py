"""places search, places migrate: the official administrative units and the 2025 reform."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from htxcli.cli.common import Format, FormatOption, emit, engine, out, say
from htxcli.domain import messages
from htxcli.domain.errors import HtxError
from htxcli.domain.reform import NEW_SCHEME

app = typer.Typer(
    help="Vietnam's official provinces and communes, before and after the 2025 reform.", no_args_is_help=True
)

SEARCH_COLUMNS = ("name", "code", "province", "district", "scheme", "becomes")


@app.command()
def search(text: Annotated[str, typer.Argument()], format: FormatOption = Format.table) -> None:
    """Look a province, district or commune up in both schemes; accents, case and the type word (xã,
    phường, huyện, tỉnh…) do not matter. An old commune shows the new one(s) it went into.

    \b
    Example: htx places search 'my phuong' --format json
    """
    from htxcli.services import places

    found = places.search(text)
    rows = [{**u, "becomes": _becomes(u.get("becomes"))} for u in found]

    def table() -> None:
        if not rows:
            say(messages.PLACES_NONE.format(text=text))
            return
        from htxcli.render import tables

        shown = [
            {**r, "scheme": messages.SCHEME_NEW if r["scheme"] == NEW_SCHEME else messages.SCHEME_LEGACY}
            for r in rows
        ]
        title = messages.PLACES_TITLE.format(text=text, count=len(rows))
        tables.console().print(tables.table(SEARCH_COLUMNS, shown[: tables.TABLE_ROWS], title))
        say(messages.PLACES_SOURCE.format(source=places.source()))

    emit(format, table=table, columns=SEARCH_COLUMNS, rows=rows, json=found)


def _becomes(successors: list[dict[str, Any]] | None) -> str | None:
    if successors is None:
        return None
    return "; ".join(f"{s['name']} ({s['province']})" for s in successors)


def _quoted(text: str) -> str:
    """A value as a shell takes it, in the single quotes the help's examples use."""
    return "'" + text.replace("'", "'\\''") + "'"


def _list_migration(plan: Any, format: Format) -> None:
    """Each organisation's address before and after the migration, on stdout: a line each (old → new),
    or CSV/JSON rows with the outcome (mapped, ambiguous, not_found) for scripts."""
    rows = [
        {
            "code": i["code"],
            "name": i["name"],
            "old_address": i["address"],
            "new_address": i["new"],
            "outcome": "mapped",
            "candidates": "",
        }
        for i in plan.mapped
    ]
    rows += [
        {
            "code": i["code"],
            "name": i["name"],
            "old_address": i["address"],
            "new_address": "",
            "outcome": "ambiguous",
            "candidates": i["candidates"],
        }
        for i in plan.ambiguous
    ]
    rows += [
        {
            "code": i["code"],
            "name": i["name"],
            "old_address": i["address"],
            "new_address": "",
            "outcome": "not_found",
            "candidates": "",
        }
        for i in plan.not_found
    ]
    if format is Format.csv:
        from htxcli.render.machine import write_csv

        write_csv(out(), list(MIGRATION_COLUMNS), rows)
        return
    if format is Format.json:
        import json

        out().write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for item in plan.mapped:  # for people: the units with their type words
        out().write(f"{item['code']} {item['name']}: {item['address_titled']} → {item['new_titled']}\n")


MIGRATION_COLUMNS = ("code", "name", "old_address", "new_address", "outcome", "candidates")


@app.command()
def migrate(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")] = False,
    from_province: Annotated[
        str | None,
        typer.Option(
            "--from-province",
            help="The old province of addresses that name none, when their district and commune are found "
            "in several.",
        ),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="List each organisation's old and new address on stdout: table (old → new), csv or json.",
        ),
    ] = None,
) -> None:
    """Give every organisation whose address is in the old scheme its new province and commune, in force
    from 01/07/2025; the old address stays for the years before. A commune that was split is listed with
    the communes it went into, for you to settle with htx edit. One history entry: htx undo reverts it.

    \b
    Examples:
      htx places migrate --dry-run
      htx places migrate --dry-run --format csv > dia-chi-moi.csv
    """
    from htxcli.services import places

    eng = engine(ctx, create=False)
    plan = places.migrate(eng, dry_run=True, from_province=from_province)
    listed = dry_run or format is not None
    if listed:
        _list_migration(plan, format or Format.table)
    for item in plan.ambiguous:
        # Naming the old province helps only where the address is found in several.
        hint = messages.MIGRATE_PROVINCE_HINT if len(item["provinces"]) > 1 else ""
        say(messages.MIGRATE_CANDIDATES.format(**item, hint=hint))
        for commune, province in item["choices"]:
            say(f"  htx edit {item['code']} --province {_quoted(province)} --commune {_quoted(commune)}")
    for item in plan.not_found:
        # No old unit of that name anywhere: naming the old province (--from-province) would not help.
        say(
            messages.MIGRATE_UNKNOWN.format(
                code=item["code"], name=item["name"], address=item["address"], hint=""
            )
            + messages.MIGRATE_CLOSEST.format(names=item["closest"])
        )
    counts = [
        messages.MIGRATE_MAPPED.format(count=len(plan.mapped)),
        messages.MIGRATE_AMBIGUOUS.format(count=len(plan.ambiguous)),
        messages.MIGRATE_NOT_FOUND.format(count=len(plan.not_found)),
    ]
    if dry_run or not plan.mapped:
        for line in counts:
            say(line)
        say(messages.MIGRATE_DRY_RUN if dry_run else messages.MIGRATE_NOTHING)
        return
    if not yes:
        if not sys.stdin.isatty():
            raise HtxError(messages.MIGRATE_NEEDS_YES.format(count=len(plan.mapped)))
        from htxcli.cli.prompts import confirm

        if not listed:  # the clerk sees what would change before saying yes
            _list_migration(plan, Format.table)
        try:
            answer = confirm(messages.MIGRATE_CONFIRM.format(count=len(plan.mapped)))
        except (EOFError, KeyboardInterrupt):
            answer = False
        if not answer:
            say(messages.MIGRATE_ABANDONED)
            raise typer.Exit(1)
    done = places.migrate(eng, dry_run=False, from_province=from_province)
    for line in (
        messages.MIGRATE_MAPPED.format(count=len(done.mapped)),
        messages.MIGRATE_AMBIGUOUS.format(count=len(done.ambiguous)),
        messages.MIGRATE_NOT_FOUND.format(count=len(done.not_found)),
    ):
        say(line)
    say(messages.MIGRATE_DONE.format(count=len(done.mapped), entry=done.entry))
