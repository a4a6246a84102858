"""Engines with the connection settings the registry relies on.

SQLite: Python 3.11's sqlite3 emits its own BEGIN only before writes, so a read followed by a write
is not one transaction, and in WAL mode such a deferred transaction fails at once with "database is
locked" whatever the busy timeout. So the driver's transaction handling is switched off
(isolation_level=None) and SQLAlchemy's begin event emits BEGIN IMMEDIATE for every transaction
that may write; read-only units of work use a plain deferred BEGIN.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool, QueuePool

from htxcli.domain import messages
from htxcli.domain.errors import HtxError, InvalidValue, reason_of
from htxcli.store.location import Location

# Dates reach the driver as the ISO text SQLAlchemy's Date type stores on SQLite. Registered once: the
# driver applies it in C while binding, where a Python pass over an import's rows cost a tenth of it.
sqlite3.register_adapter(date, date.isoformat)

READ_ONLY = "htx_read_only"
# How long a writing command waits for another clerk's write before it gives up ("try again, nothing
# was changed"). Thirty seconds: ten were too few for sixteen clerks writing at once on a loaded
# PostgreSQL server, whose writers queue behind one lock. An office may set $HTX_BUSY_TIMEOUT.
BUSY_TIMEOUT_ENV = "HTX_BUSY_TIMEOUT"
BUSY_TIMEOUT_S = 30


def busy_timeout_ms() -> int:
    """$HTX_BUSY_TIMEOUT (seconds, a decimal point allowed) in milliseconds; BUSY_TIMEOUT_S without it."""
    given = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not given:
        return BUSY_TIMEOUT_S * 1000
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 24 * 3600:
        raise InvalidValue(BUSY_TIMEOUT_ENV, given, messages.BUSY_TIMEOUT_BAD)
    return round(seconds * 1000)


def make_engine(location: Location) -> Engine:
    busy_timeout_ms()  # a bad $HTX_BUSY_TIMEOUT is one line, before any file or connection is made
    if location.sqlite_path is None:
        return _server_engine(location)
    try:
        location.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        detail = messages.DB_PARENT_NOT_FOLDER.format(parent=_first_file(location.sqlite_path))
        raise HtxError(messages.DB_CANNOT_OPEN.format(path=location.sqlite_path, detail=detail)) from None
    except OSError as e:
        raise HtxError(
            messages.DB_CANNOT_OPEN.format(path=location.sqlite_path, detail=reason_of(e))
        ) from None
    # One connection per command: NullPool closes it on release, which also checkpoints the WAL.
    engine = create_engine(location.url, poolclass=NullPool)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _first_file(path: Path) -> Path:
    """The ancestor of `path` that exists but is not a folder."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def explain_open_failure(location: Location) -> HtxError | None:
    """A clear reason when an SQLite file cannot be opened for writing, where SQLite only says
    "unable to open database file" or "attempt to write a readonly database"."""
    path = location.sqlite_path
    if path is None:
        return None
    reason = None
    if path.is_dir():
        reason = messages.DB_IS_FOLDER
    elif path.exists() and not os.access(path, os.W_OK):
        reason = messages.DB_READ_ONLY_FILE
    elif not os.access(path.parent, os.W_OK):
        # WAL mode writes path-wal and path-shm beside the file, so the folder must be writable too.
        reason = messages.DB_READ_ONLY_FOLDER.format(folder=path.parent)
    if reason is None:
        return None
    return HtxError(messages.DB_CANNOT_OPEN.format(path=path, detail=reason))


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        _begin_immediate(connection.connection.dbapi_connection)  # type: ignore[arg-type]


def _begin_immediate(raw: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock as long as the clerks ahead keep committing.

    SQLite's busy timeout is no queue: its waiters retry at intervals, and with sixteen clerks writing
    at once on a loaded machine one of them could wait out the whole timeout while the others took
    turns, and fail with "database is locked" though nobody was stuck. So the timeout counts from the
    last commit seen: when it runs out, PRAGMA data_version (which changes when another connection
    commits) tells whether the database moved meanwhile; if it did, the clerk waits again. A writer
    that holds the lock without committing is still given up on after busy_timeout_ms()."""
    while True:
        seen = raw.execute("PRAGMA data_version").fetchone()[0]
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            busy = getattr(e, "sqlite_errorcode", sqlite3.SQLITE_BUSY) & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or raw.execute("PRAGMA data_version").fetchone()[0] == seen:
                raise


def _server_engine(location: Location) -> Engine:
    # psycopg logs a warning when it ends a pipeline that a failed statement aborted, which the import
    # does on purpose (a batch naming stored rows trips a constraint and is redone the careful way).
    # Without a handler of its own that warning reached stderr as one line per batch; htx reports
    # what goes wrong itself.
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    try:
        # One command, one connection: the schema check and each unit of work took a session of their
        # own, each a server process started and the client authenticated again (two to four a
        # command). The pool keeps one for the command's units of work in turn (one opened while
        # another is open gets a connection of its own); the command closes it when it ends
        # (HtxGroup.invoke), so no session outlives the command.
        return create_engine(location.url, poolclass=QueuePool, pool_size=1, max_overflow=-1)
    except ModuleNotFoundError as e:
        hint = messages.DB_INSTALL_POSTGRES if "psycopg" in str(e) else str(e)
        raise HtxError(messages.DB_UNKNOWN_DRIVER.format(url=location.display, hint=hint)) from None
    except Exception as e:  # sqlalchemy.exc.ArgumentError, NoSuchModuleError
        raise HtxError(messages.DB_UNKNOWN_DRIVER.format(url=location.display, hint=str(e))) from None
