"""Bringing a database to the newest schema revision.

Opening a database compares its stored revision with HEAD_REVISION, which the code knows, so a
database already at the newest revision never imports Alembic. A test keeps HEAD_REVISION equal to
the head of migrations/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, text

from htxcli.domain import messages
from htxcli.domain.errors import HtxError
from htxcli.store.location import Location

HEAD_REVISION = "0010_issued_reports"
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009_plans",
    "0010_issued_reports",
)

Notify = Callable[[str], None]


def migrations_dir() -> Path:
    """Inside the wheel the folder ships as htxcli/migrations; in a source checkout it is ./migrations."""
    packaged = resources.files("htxcli") / "migrations"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "migrations"


def stored_revision(engine: Engine) -> str | None:
    with engine.connect().execution_options(htx_read_only=True) as conn:
        if conn.dialect.name == "sqlite":
            exists = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
        else:
            exists = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if not exists:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def ensure_current(engine: Engine, location: Location, notify: Notify) -> bool:
    """Bring the schema to the newest revision. True when this call made the schema in an empty
    database: of several clerks starting one registry at the same moment, exactly one is told so."""
    revision = stored_revision(engine)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise HtxError(
            messages.DB_NEWER_SCHEMA.format(path=location.display, found=revision, head=HEAD_REVISION)
        )
    if revision is None and engine.dialect.name == "sqlite":
        made = make_fresh_sqlite(engine)
        if made is not None:
            return made
    return upgrade(engine, location, notify, revision)


def make_fresh_sqlite(engine: Engine) -> bool | None:
    """A new SQLite registry made at once from the head's schema (store/fresh_schema.py, the migrations'
    own result) rather than by every migration since the first, which costs Alembic's import and a
    third of a first import's start. In one transaction under BEGIN IMMEDIATE, so of several clerks
    starting the registry at the same moment one makes it: True for that one, False for the others.
    None when the file already holds tables of some other kind: the migrations decide what to do."""
    from htxcli.store import fresh_schema

    if fresh_schema.REVISION != HEAD_REVISION:  # a new migration without its schema: the slow way
        return None
    with engine.begin() as connection:
        tables = set(
            connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
        )
        if "alembic_version" in tables:
            return False  # made meanwhile by another clerk
        if tables:
            return None
        for statement in fresh_schema.STATEMENTS:
            connection.exec_driver_sql(statement)
    return True


def upgrade(engine: Engine, location: Location, notify: Notify, revision: str | None) -> bool:
    """Upgrade to head, backing up an SQLite file that holds data first. True when the schema was made
    from nothing by this call."""
    path = location.sqlite_path
    # A file with no revision that holds tables now may just have been made by a clerk starting the same
    # registry at this moment (the schema is then current, and there is nothing to back up).
    made_meanwhile = revision is None and stored_revision(engine) == HEAD_REVISION
    if path is not None and not made_meanwhile and _holds_data(path):
        backup = backup_sqlite(path, reason=f"before-{HEAD_REVISION}")
        notify(messages.DB_BACKUP_WRITTEN.format(path=path, backup=backup))
    return run_alembic_upgrade(engine) is None


def run_alembic_upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Run the migrations up to `revision`; returns the revision the database was at, read inside
    the migration's transaction after its lock (BEGIN IMMEDIATE; an advisory lock on PostgreSQL), so
    concurrent first commands make the schema once and each knows whether it was the one."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        config.attributes["htx_from_revision"] = "?"
        command.upgrade(config, revision)
    found = config.attributes["htx_from_revision"]
    return None if found is None else str(found)


def remove_if_unused(path: Path) -> None:
    """Remove a SQLite registry and the files beside it when its history is empty (nothing was ever
    written to it, or all was rolled back): the file a failed first command made. One written to by
    another clerk in the meantime has history, and stays."""
    try:
        con = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        con.execute("BEGIN IMMEDIATE")
        empty = con.execute("SELECT count(*) FROM history").fetchone()[0] == 0
        con.execute("ROLLBACK")
    except sqlite3.Error:
        return
    finally:
        con.close()
    if empty:
        for name in (path.name, *(path.name + side for side in ("-wal", "-shm", "-journal"))):
            path.with_name(name).unlink(missing_ok=True)


def _holds_data(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    con = sqlite3.connect(path)
    try:
        return bool(con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])
    finally:
        con.close()


def backup_sqlite(path: Path, destination: Path | None = None, reason: str = "backup") -> Path:
    """An online copy through SQLite's backup API: safe while others write, and includes the WAL."""
    if destination is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        destination = path.with_name(f"{path.name}.{stamp}.{reason}.bak")
    source = sqlite3.connect(path, timeout=10)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    return destination
