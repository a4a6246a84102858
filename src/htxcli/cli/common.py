"""What every command shares: the database it opens, output formats, messages on stderr."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; csv or json for scripts.")
]


class State:
    """Per-invocation state: the --db option, and the engine opened from it on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engine: Engine | None = None
        self.notes: list[str] = []  # said on stderr when the command has succeeded

    def engine(self, *, create: bool = True) -> Engine:
        """The database's engine, its schema brought up to date. A SQLite file that is not there is
        created only for a command that can start a registry (`create`: add, import, support add,
        db upgrade). The others, which read or change what is stored, refuse it: a mistyped --db
        would otherwise answer as an empty registry, and leave a stray file behind."""
        if self._engine is None:
            from htxcli.domain.errors import HtxError
            from htxcli.domain.messages import DB_CREATED, DB_MISSING
            from htxcli.store.engine import explain_open_failure, make_engine
            from htxcli.store.location import refuse_what_is_not_a_registry, resolve
            from htxcli.store.migrate import ensure_current

            location = resolve(self.db)
            path = location.sqlite_path
            new = path is not None and not path.exists()
            if new and not create:
                raise HtxError(DB_MISSING.format(path=path))
            if path is not None:
                refuse_what_is_not_a_registry(path)
            engine = make_engine(location)
            try:
                ensure_current(engine, location, say)
            except Exception:
                clearer = explain_open_failure(location)
                if clearer is None:
                    raise
                raise clearer from None
            if new:  # said once the command has succeeded, after what it did (HtxGroup.invoke)
                self.notes.append(DB_CREATED.format(path=path))
            self._engine = engine
        return self._engine


def registry_path(ctx: typer.Context) -> Path | None:
    """The registry's file (None for a server database), which no output option may write over."""
    from htxcli.store.location import resolve

    return resolve(state(ctx).db).sqlite_path


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(None)
    return root.obj


def engine(ctx: typer.Context, *, create: bool = True) -> Engine:
    return state(ctx).engine(create=create)


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
