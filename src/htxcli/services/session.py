"""Which registry a command works on, and opening it: the commands' one way to the database.

SQLAlchemy and the migrations are imported inside the functions that need them, so that naming the
registry (its file, how it is shown) costs a command nothing before it opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from htxcli.domain import messages
from htxcli.domain.errors import HtxError

if TYPE_CHECKING:
    from sqlalchemy import Engine


# Files a clerk keeps beside a registry, never one: a new registry is not made under these names.
DOCUMENT_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".md", ".xlsx", ".xls", ".ods", ".docx", ".doc", ".pdf")


def open_registry(
    option: str | None, *, create: bool, notify: Callable[[str], None]
) -> tuple[Engine, Path | None]:
    """The engine of the registry named by --db (`option`), $HTX_DB or the default file, its schema
    brought up to date (`notify` hears of the backup an upgrade makes). Returns it with the SQLite file
    this call created, if it did. A missing file is created only when `create` is true (a command that
    can start a registry); otherwise it is refused, as is a file that is not a registry."""
    from htxcli.store.engine import explain_open_failure, make_engine
    from htxcli.store.location import refuse_what_is_not_a_registry, resolve
    from htxcli.store.migrate import ensure_current

    location = resolve(option)
    path = location.sqlite_path
    new = path is not None and not path.exists()
    if new and not create:
        raise HtxError(messages.DB_MISSING.format(path=path))
    if new and path is not None and path.suffix.lower() in DOCUMENT_SUFFIXES:
        # `--db ds.csv import …` meant the file to import: a registry by that name helps no one.
        raise HtxError(messages.DB_NAMED_AS_DOCUMENT.format(path=path))
    if path is not None:
        refuse_what_is_not_a_registry(path)
    engine = make_engine(location)
    try:
        # An empty file (named .db, or it was refused above) becomes a registry here too: said as well.
        # Whether this command made it is known only once the schema is made, under the write lock.
        made = ensure_current(engine, location, notify)
    except Exception:
        clearer = explain_open_failure(location)
        if clearer is None:
            raise
        raise clearer from None
    return engine, path if made and path is not None else None


def discard_unused(path: Path) -> None:
    """Remove a registry file (and its -wal, -shm, -journal) that holds no change yet."""
    from htxcli.store.migrate import remove_if_unused

    remove_if_unused(path)


def registry_file(option: str | None) -> Path | None:
    """The registry's SQLite file (None for a server database), without opening it."""
    from htxcli.store.location import resolve

    return resolve(option).sqlite_path


def shown(option: str | None) -> str:
    """The database as messages name it: its file, or its URL with the password hidden."""
    from htxcli.store.location import resolve

    return resolve(option).display


def newest_revision() -> str:
    """The schema revision this version of htx brings a database to."""
    from htxcli.store.migrate import HEAD_REVISION

    return HEAD_REVISION
