"""history, undo."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer

from htxcli.cli.common import Format, FormatOption, emit, engine, say
from htxcli.domain import messages
from htxcli.domain.errors import HtxError


def history(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(
            help="Only this organisation: changes to it, its ratings and its support records (also under"
            " a former code), and the imports that added them."
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=10**9,
            help="How many entries, newest first. Default: 20 in a table; every one in csv and json.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = Format.table,
) -> None:
    """Show who changed what and when: every add, edit, rating, support record and import.

    \b
    Examples:
      htx history
      htx history 4700257731 --limit 5
      htx history --format json
    """
    from htxcli.domain.records import parse_code
    from htxcli.render import history as view
    from htxcli.services import history as service

    eng, wanted = engine(ctx, create=False), parse_code(code) if code else None
    # For scripts, the whole history unless a limit is asked for: `--format json` is how a script reads
    # every change, and a silent cut at 20 would look like the whole of it.
    chosen: Iterable[dict[str, Any]] = ()
    if format is not Format.table:
        chosen = service.every_entry(eng, wanted) if limit is None else service.entries(eng, wanted, limit)[0]

    def table() -> None:
        from htxcli.render import tables

        entries, total = service.entries(eng, wanted, limit or TABLE_ENTRIES)
        if not entries:
            say(messages.HISTORY_EMPTY)
            return
        console = tables.console()
        console.print(tables.history(entries, view.describe, width=console.width))
        if total > len(entries):
            say(messages.HISTORY_CUT.format(shown=len(entries), total=total))

    emit(
        format,
        table=table,
        columns=("id", "at", "user", "command", "what", "undone_by"),
        rows=(
            {**view.as_json(e), "what": " | ".join(view.describe(e)), "at": e["at"].isoformat(sep=" ")}
            for e in chosen
        ),
        json=(view.as_json(e) for e in chosen),
        stream=True,
    )


TABLE_ENTRIES = 20  # a table's default: the last day's work, not years of it


def undo(
    ctx: typer.Context,
    entry: Annotated[
        str | None,
        typer.Argument(
            metavar="[N]",
            help="The history entry to revert (htx history shows the numbers), if no later change"
            " touched the same records. Default: the newest change not yet undone.",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")] = False,
) -> None:
    """Revert a change (an import as a whole), after showing it and asking: the most recent one, or
    entry N. Undoing again steps back one more change.

    \b
    Examples:
      htx undo
      htx undo 24
      htx undo --yes
    """
    from htxcli.render import history as view
    from htxcli.services import history as service

    eng = engine(ctx, create=False)
    wanted = None if entry is None else _entry_number(entry)
    target = service.next_undo(eng, wanted)
    say(
        messages.UNDO_TARGET.format(
            id=target["id"],
            command=view.spoken_command(target["command"]),
            at=_moment(target["at"]),
            user=target["user_name"],
        )
    )
    for line in view.describe(target):
        say(f"  {line}")
    # On a shared registry the newest change may be another clerk's: say so, and ask about that too.
    me = service.current_user()
    theirs = target["user_name"] != me
    if theirs:
        say(messages.UNDO_SOMEONE_ELSES.format(id=target["id"], user=target["user_name"], me=me))
    if not yes:
        if not sys.stdin.isatty():
            raise HtxError(messages.UNDO_NOT_CONFIRMED)
        from htxcli.cli.prompts import confirm

        asked = [messages.UNDO_QUESTION]
        if theirs:
            asked.append(messages.UNDO_THEIRS_QUESTION.format(user=target["user_name"]))
        for question in asked:
            try:
                answer = confirm(question)
            except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C: a "no"
                answer = False
                say("")
            if not answer:
                say(messages.UNDO_DECLINED)
                raise typer.Exit(1)
    result = service.undo(eng, target["id"], newest=wanted is None)
    say(view.undone(result))


def _moment(at: Any) -> str:
    from datetime import datetime

    from htxcli.domain.values import format_moment

    return format_moment(at) if isinstance(at, datetime) else str(at)


def _entry_number(text: str) -> int:
    """24 or #24 (as htx history and undo print it)."""
    from htxcli.domain.errors import InvalidValue
    from htxcli.domain.values import parse_int

    try:
        return parse_int("N", text.strip().removeprefix("#"), minimum=1)
    except InvalidValue:
        raise InvalidValue("N", text, messages.NOT_AN_ENTRY) from None


def register(app: typer.Typer) -> None:
    app.command()(history)
    app.command()(undo)
