"""db status, db upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from htxcli.cli.common import Format, FormatOption, emit, out, say, state
from htxcli.domain import messages

app = typer.Typer(
    help="Look after the database: where it is, its schema, its health, its backups.", no_args_is_help=True
)


@app.command()
def status(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """Where the database is, its schema revision and how many rows it holds.

    \b
    Example: htx --db office.db db status
    """
    from htxcli.services import database

    info = database.status(state(ctx).engine(create=False), state(ctx).db)

    def table() -> None:
        labels = messages.STATUS_LABELS
        for key, value in info.items():
            print(f"{labels.get(key, key)}: {value}", file=out())

    emit(format, table=table, json=info)  # no CSV form: --format csv prints the lines


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema to the newest revision (opening it does this too), backing it up first.

    \b
    Example: htx --db office.db db upgrade
    """
    from htxcli.services.session import newest_revision, shown

    st = state(ctx)
    st.engine()  # opening upgrades, with a backup, and says so
    say(messages.DB_UPGRADED.format(path=shown(st.db), revision=newest_revision()))


@app.command()
def check(ctx: typer.Context) -> None:
    """Check the database: SQLite's integrity and foreign-key checks, then the registry's rules (ratings
    and support outside an organisation's life, names that differ only in accents or case, grades that
    contradict their scores). One line per finding on stdout; exit 1 when there is any.

    \b
    Example: htx db check > problems.txt
    """
    from htxcli.services import database
    from htxcli.services.session import shown

    st = state(ctx)
    count = 0
    for finding in database.check(st.engine(create=False)):
        print(finding, file=out())
        count += 1
    path = shown(st.db)
    if count:
        say(messages.CHECK_FOUND.format(count=count, path=path))
        raise typer.Exit(1)
    say(messages.CHECK_CLEAN.format(path=path))


@app.command()
def backup(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Where to write the copy; must not exist yet.", readable=False)
    ],
) -> None:
    """Copy the database to FILE while others may be writing to it (SQLite's online backup API, never a
    plain file copy, which can miss what is still in the write-ahead log).

    \b
    Example: htx db backup /mnt/usb/htx-2018-12-31.db
    """
    from htxcli.domain.errors import HtxError
    from htxcli.domain.values import format_count
    from htxcli.services import database
    from htxcli.services.output import check_target
    from htxcli.services.session import registry_file, shown

    st = state(ctx)
    registry = registry_file(st.db)
    if registry is None:  # said before opening: a server needs no driver to be told this
        raise HtxError(messages.BACKUP_SERVER.format(url=shown(st.db)))
    check_target("FILE", str(file), registry=registry)
    source, written = database.backup(st.engine(create=False), st.db, file)
    size = f"{format_count(written // 1024)} KiB"
    say(messages.BACKUP_WRITTEN.format(path=source, backup=file, size=size))


@app.command("copy")
def copy_registry(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="PATH_OR_URL", help="An empty database: file or URL.")],
) -> None:
    """Copy the whole registry (organisations, ratings, support, history) into an empty database, then
    check that counts and money sums match on both sides. Works from SQLite to PostgreSQL and back.

    \b
    Example: htx --db office.db db copy --to postgresql+psycopg://clerk@server/htx
    """
    from htxcli.services import database
    from htxcli.services.session import shown

    source = state(ctx).engine(create=False)
    total = database.row_count(source)
    target = shown(to)
    if sys.stderr.isatty() and total > 50_000:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(messages.COPYING, total=total)
            found = database.copy(source, to, say, lambda n: bar.advance(task, n))
    else:
        found = database.copy(source, to, say, lambda n: None)
    say(
        messages.COPY_DONE.format(
            url=target,
            organisations=found["organisation"][0],
            ratings=found["rating"][0],
            support=found["support"][0],
            history=found["history"][0],
        )
    )
