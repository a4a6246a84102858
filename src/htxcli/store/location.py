"""Which database a command opens: --db, else $HTX_DB, else a file in the user data directory.

Kept free of SQLAlchemy so that resolving a location costs nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from htxcli.domain import messages
from htxcli.domain.errors import HtxError

ENV_VAR = "HTX_DB"
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file
# Names a new registry may be given: an empty file by any other name was a mistyped --db, not a registry.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".htx")
# "postgresql+psycopg:/host/db": a URL whose "//" was lost, which as a path would quietly become a new
# SQLite file in a folder named after the scheme. Two letters at least, so "C:/htx.db" stays a path.
_URL_WITHOUT_SLASHES = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):/?(?!/)")


@dataclass(frozen=True)
class Location:
    url: str
    sqlite_path: Path | None  # None for a server database

    @property
    def display(self) -> str:
        return str(self.sqlite_path) if self.sqlite_path else _hide_password(self.url)


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("htx", appauthor=False) / "htx.db"


# sqlite:///relative.db, sqlite:////absolute.db, sqlite+pysqlite:///…: SQLAlchemy's spelling of a file.
_SQLITE_URL = re.compile(r"sqlite(?:\+\w+)?://(.*)", re.IGNORECASE | re.DOTALL)


def resolve(option: str | None) -> Location:
    value = option or os.environ.get(ENV_VAR) or str(default_path())
    if sqlite := _SQLITE_URL.fullmatch(value):
        # A file, opened as every SQLite file is (WAL, foreign keys, BEGIN IMMEDIATE, a backup before a
        # schema upgrade); taken as a server URL it went without all of them.
        value = _sqlite_file(value, sqlite[1])
    elif "://" in value:
        return Location(url=value, sqlite_path=None)
    broken = _URL_WITHOUT_SLASHES.match(value)
    if broken and ("+" in broken[1] or broken[1].lower().startswith(("postgres", "sqlite"))):
        raise HtxError(messages.DB_URL_WITHOUT_SLASHES.format(value=value, scheme=broken[1]))
    path = Path(value).expanduser().resolve()
    return Location(url=f"sqlite+pysqlite:///{path}", sqlite_path=path)


def refuse_what_is_not_a_registry(path: Path) -> None:
    """An existing file that SQLite would refuse with "file is not a database" (naming no file), or
    an empty one that SQLite would quietly turn into a registry, is named before it is opened."""
    try:
        with path.open("rb") as f:
            start = f.read(len(SQLITE_HEADER))
    except OSError:
        return  # missing, a folder, unreadable: opening it says why
    if not start and path.suffix.lower() not in SQLITE_SUFFIXES:
        raise HtxError(messages.DB_EMPTY_FILE.format(path=path))
    if start and start != SQLITE_HEADER:
        raise HtxError(messages.DB_NOT_A_DATABASE_FILE.format(path=path))


def _sqlite_file(url: str, rest: str) -> str:
    path = rest[1:] if rest.startswith("/") else ""
    if not path or path == ":memory:":
        raise HtxError(messages.DB_IN_MEMORY.format(url=url))
    if "?" in path:
        raise HtxError(messages.DB_SQLITE_URL_OPTIONS.format(url=url))
    return path


def _hide_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
