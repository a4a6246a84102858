"""What every command shares: the database it opens, output formats, messages on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from htxcli.domain.errors import HtxError, InvalidValue
    from htxcli.domain.periods import Period


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; csv or json for scripts.")
]


PeriodStartOption = Annotated[
    str | None,
    typer.Option(
        "--period-start",
        metavar="DD/MM",
        help="First day of the reporting year --year names, e.g. 15/12 (15/12/2025–14/12/2026 is 2026). "
        "Default: the registry's setting (htx settings period-start), as htx report takes it.",
        show_default=False,
    ),
]


class State:
    """Per-invocation state: the --db option, and the engine opened from it on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engine: Engine | None = None
        self._created: Path | None = None  # the SQLite file this command made, if it made one
        self.notes: list[str] = []  # said on stderr when the command has succeeded

    def engine(self, *, create: bool = True) -> Engine:
        """The database's engine, its schema brought up to date. A SQLite file that is not there is
        created only for a command that can start a registry (`create`: add, import, support add,
        db upgrade). The others, which read or change what is stored, refuse it: a mistyped --db
        would otherwise answer as an empty registry, and leave a stray file behind."""
        if self._engine is None:
            from htxcli.domain.messages import DB_CREATED
            from htxcli.services.session import open_registry

            engine, created = open_registry(self.db, create=create, notify=say)
            # Said once the command has succeeded, after what it did (HtxGroup.invoke).
            if created is not None:
                self.notes.append(DB_CREATED.format(path=created))
            self._engine, self._created = engine, created
        return self._engine

    def close(self) -> None:
        """Close the command's connection to the database (a server session), once the command ends."""
        if self._engine is not None:
            self._engine.dispose()

    def discard_new_registry(self) -> None:
        """After a failed command: the registry file it made (with SQLite's files beside it) is removed
        while it still holds nothing, so that a failed first import leaves no empty registry behind."""
        if self._created is None or self._engine is None:
            return
        from htxcli.services.session import discard_unused

        self._engine.dispose()
        discard_unused(self._created)
        self._created = None
        self._engine = None


def registry_path(ctx: typer.Context) -> Path | None:
    """The registry's file (None for a server database), which no output option may write over."""
    from htxcli.services.session import registry_file

    return registry_file(state(ctx).db)


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(None)
    return root.obj


def engine(ctx: typer.Context, *, create: bool = True) -> Engine:
    return state(ctx).engine(create=create)


def reporting_period(ctx: typer.Context, year: int | None, period_start: str | None) -> Period | None:
    """The reporting period that `--year` names (None without it), as `htx report` takes it: from
    --period-start, else the registry's setting. Said on stderr, so that a listing of 2026 says
    which days it covers."""
    from htxcli.domain import messages
    from htxcli.domain.settings import parse_period_start
    from htxcli.domain.values import format_date, parse_optional_year
    from htxcli.services.settings import reporting_period as period_of

    chosen = parse_optional_year("year", year)
    start = parse_period_start("--period-start", period_start) if period_start is not None else None
    if chosen is None:
        return None
    period = period_of(engine(ctx, create=False), chosen, start)
    say(
        messages.PERIOD_COVERED.format(
            year=chosen, first=format_date(period.first), last=format_date(period.last)
        )
    )
    return period


def say(message: str) -> None:
    """A confirmation or progress message: stderr, never stdout."""
    print(message, file=sys.stderr)


def say_if_cut(total: int, narrow: str) -> None:
    """After a table of `total` rows: say that it showed only the first ones, and how to see the rest."""
    from htxcli.domain.messages import TABLE_CUT
    from htxcli.domain.values import format_count
    from htxcli.render.tables import TABLE_ROWS

    if total > TABLE_ROWS:
        say(TABLE_CUT.format(shown=format_count(TABLE_ROWS), total=format_count(total), narrow=narrow))


def out() -> Any:
    return sys.stdout


def emit(
    format: Format,
    *,
    table: Callable[[], None],
    columns: Sequence[str] | None = None,
    rows: Iterable[Mapping[str, Any]] = (),
    json: Any = ...,
    stream: bool = False,
) -> None:
    """The one home of the table/csv/json choice. csv: `rows` under `columns` (a command with no CSV
    form passes no columns and gets its table); json: `json` (the rows when not given; None is null),
    streamed as an array one object a line when `stream`, for listings of any length; table: `table()`,
    for people."""
    if format is Format.csv and columns is not None:
        from htxcli.render.machine import write_csv

        write_csv(out(), columns, rows)
    elif format is Format.json:
        from htxcli.render.machine import write_json, write_json_lines_array

        data = rows if json is ... else json
        if stream:
            write_json_lines_array(out(), data)
        else:
            write_json(out(), data)
    else:
        table()


# --- naming what the clerk typed ---------------------------------------------------------------
# Errors, warnings and confirmations name the option a clerk typed (--capital), not the field it fills
# (capital_vnd). An option named as its field (--members, --date, --year, --active-in) is found on the
# command itself; these are the fields whose option has another name, by command. Import messages
# keep the file's own column names, which are the fields'.
OPTION_OF_FIELD: dict[str, dict[str, str]] = {
    "add": {"capital_vnd": "--capital"},
    "edit": {"capital_vnd": "--capital", "code": "--new-code"},
    "dissolve": {"dissolved": "--on"},
    "suspend": {"on": "--from"},
    "support add": {"code": "--to", "amount_vnd": "--amount"},
    "support list": {"code": "--to"},
}


def command_name(ctx: typer.Context) -> str:
    """'edit', 'support add': the command's words after `htx`."""
    words = []
    at: Any = ctx
    while at.parent is not None:
        words.append(at.info_name or "")
        at = at.parent
    return " ".join(reversed(words))


# The words of the command line, as typed: a message names an option by the name the clerk typed
# (--loi-nhuan, where --profit is its other name). Set by the command group (app.py).
TYPED_WORDS: ContextVar[tuple[str, ...]] = ContextVar("TYPED_WORDS", default=())


def _as_typed(names: Sequence[str], default: str) -> str:
    """Of an option's names, the one typed on the command line (`--loi-nhuan=5tr` too); else `default`."""
    for word in TYPED_WORDS.get():
        typed = word.partition("=")[0]
        if typed in names:
            return typed
    return default


def typed_name(command: Any, name: str, field: str) -> str:
    """The option of `command` (called `name`) that fills `field`, by the name the clerk typed it
    with; the field itself when none does (an argument, such as add's NAME, or a stored value the
    command did not take)."""
    renamed = OPTION_OF_FIELD.get(name, {}).get(field)
    wanted = field.replace("-", "_")
    for param in command.params:
        if param.param_type_name != "option":
            continue
        if (renamed in param.opts) if renamed is not None else (param.name == wanted):
            return _as_typed(param.opts, renamed or str(max(param.opts, key=len)))
    if renamed is not None:
        return renamed
    from htxcli.domain import messages

    return str(messages.FIELD_NAMES.get(field, field))


def as_typed(error: HtxError, command: Any, name: str) -> HtxError:
    """The error with its field named as the command's option."""
    from htxcli.domain.errors import InvalidValue, MissingValue

    if isinstance(error, InvalidValue):
        return InvalidValue(typed_name(command, name, error.field), error.value, error.problem)
    if isinstance(error, MissingValue):
        return MissingValue(typed_name(command, name, error.field))
    return error


def typed_names(ctx: typer.Context, fields: list[str]) -> list[str]:
    """For a confirmation: the fields a command changed, named as its options."""
    return [typed_name(ctx.command, command_name(ctx), f) for f in fields]


def warn(ctx: typer.Context, doubts: list[InvalidValue]) -> None:
    """Values recorded all the same: one warning each, naming the option."""
    from htxcli.domain.messages import WARNING

    for doubt in doubts:
        say(WARNING.format(problem=as_typed(doubt, ctx.command, command_name(ctx))))
