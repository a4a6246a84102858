"""What every command shares: the database it opens, output formats, messages on stderr."""

from __future__ import annotations

import sys
from enum import StrEnum
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

    def engine(self) -> Engine:
        if self._engine is None:
            from htxcli.store.engine import explain_open_failure, make_engine
            from htxcli.store.location import resolve
            from htxcli.store.migrate import ensure_current

            location = resolve(self.db)
            engine = make_engine(location)
            try:
                ensure_current(engine, location, say)
            except Exception:
                clearer = explain_open_failure(location)
                if clearer is None:
                    raise
                raise clearer from None
            self._engine = engine
        return self._engine


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(None)
    return root.obj


def engine(ctx: typer.Context) -> Engine:
    return state(ctx).engine()


def say(message: str) -> None:
    """A confirmation or progress message: stderr, never stdout."""
    print(message, file=sys.stderr)


def out() -> Any:
    return sys.stdout
