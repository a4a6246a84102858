"""The `htx` command: global options, error handling, and the command groups."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from htxcli import __version__
from htxcli.cli import db, history, interchange, ratings, registry, report, support
from htxcli.cli.common import State
from htxcli.domain import messages
from htxcli.domain.errors import HtxError


class HtxGroup(TyperGroup):
    """Turns every failure a user can fix into one line on stderr and exit 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except HtxError as e:
            _fail(str(e))
        except Exception as e:
            if _is_database_error(e):
                detail = _first_line(getattr(e, "orig", None) or e)
                hint = next((h for known, h in messages.DB_HINTS.items() if known in detail), None)
                _fail(f"database: {detail}" + (f"; {hint}" if hint else ""))
            raise


def _is_database_error(e: BaseException) -> bool:
    import sqlite3

    return isinstance(e, sqlite3.Error) or type(e).__module__.startswith("sqlalchemy")


def _first_line(e: object) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def _fail(message: str) -> None:
    print(f"Error: {' '.join(message.split())}", file=sys.stderr)
    raise typer.Exit(1)


app = typer.Typer(
    cls=HtxGroup,
    name="htx",
    help=(
        "A registry of cooperatives (HTX), cooperative groups (THT), unions and people's credit funds: "
        "register them, record ratings and support, and report the province's totals.\n\n"
        "\b\nExample: htx add 'HTX Nông nghiệp Tân Thành' --code 4700123456 --founded 15/03/2012"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain help and one-line usage errors: Rich's help renderer costs ~0.14 s of imports on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"htx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db_option: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="HTX_DB",
            metavar="PATH_OR_URL",
            help="SQLite file, or a SQLAlchemy URL such as postgresql+psycopg://user@host/htx. "
            "Default: htx.db in your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = State(db_option)


registry.register(app)
ratings.register(app)
interchange.register(app)
report.register(app)
history.register(app)
app.add_typer(support.app, name="support")
app.add_typer(db.app, name="db")


def main() -> None:
    try:
        app()
    except SystemExit as e:
        _flush_quietly()
        raise e
    _flush_quietly()


def _flush_quietly() -> None:
    """`htx list --format csv | head -1` closes the pipe early; exit without broken-pipe noise."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
