"""db status, db upgrade."""

from __future__ import annotations

import typer

from htxcli.cli.common import Format, FormatOption, out, say, state
from htxcli.domain import messages

app = typer.Typer(
    help="Look after the database file: where it is, its schema, its size.", no_args_is_help=True
)


@app.command()
def status(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """Where the database is, its schema revision and how many rows it holds.

    Example: htx --db office.db db status
    """
    from htxcli.services import database

    info = database.status(state(ctx).engine(), state(ctx).db)
    if format is Format.json:
        from htxcli.render.machine import write_json

        write_json(out(), info)
    else:
        for key, value in info.items():
            print(f"{key}: {value}", file=out())


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema to the newest revision (opening it does this too), backing it up first.

    Example: htx --db office.db db upgrade
    """
    from htxcli.store.migrate import HEAD_REVISION

    st = state(ctx)
    st.engine()  # opening upgrades, with a backup, and says so
    from htxcli.store.location import resolve

    say(messages.DB_UPGRADED.format(path=resolve(st.db).display, revision=HEAD_REVISION))
