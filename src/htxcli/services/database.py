"""Facts about the open database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.values import format_date
from htxcli.domain.vocab import LEGAL_STATUSES
from htxcli.store.location import resolve
from htxcli.store.migrate import HEAD_REVISION, backup_sqlite, stored_revision
from htxcli.store.uow import UnitOfWork

if TYPE_CHECKING:
    from sqlalchemy import Engine


def status(engine: Engine, option: str | None) -> dict[str, Any]:
    location = resolve(option)
    with UnitOfWork(engine, read_only=True) as uow:
        counts = {
            "organisations": uow.organisations.count(),
            "ratings": uow.ratings.count(),
            "support": uow.support.count(),
            "history": uow.history.count(),
        }
    return {
        "location": location.display,
        "backend": engine.dialect.name,
        "revision": stored_revision(engine),
        "newest_revision": HEAD_REVISION,
        **counts,
    }


def check(engine: Engine) -> Iterator[str]:
    """Every finding of `htx db check`, one line each."""
    with UnitOfWork(engine, read_only=True) as uow:
        from htxcli.services.settings import period_start

        for key, values in uow.checks.all(period_start(uow)):
            shown = {
                k: "–" if v is None else format_date(v) if isinstance(v, date) else v
                for k, v in values.items()
            }
            if "status" in shown:  # the clerk's word: tạm ngừng kinh doanh, not suspended
                shown["status"] = LEGAL_STATUSES.spoken(shown["status"])
            yield messages.CHECKS[key].format(**shown)


def backup(engine: Engine, option: str | None, destination: Path) -> tuple[Path, int]:
    """An online copy through SQLite's backup API, safe while other clerks write. Returns the source
    and the copy's size in bytes. A device or a named pipe (`/dev/stdout`, a FIFO) is given the copy's
    bytes as a stream: the backup is made in a temporary folder first, since SQLite needs a file. A
    symbolic link is followed: its target must not exist yet."""
    import shutil
    import tempfile

    from htxcli.services.output import is_stream

    location = resolve(option)
    if location.sqlite_path is None:
        raise HtxError(messages.BACKUP_SERVER.format(url=location.display))
    if is_stream(destination):
        engine.dispose()
        with tempfile.TemporaryDirectory(prefix="htx-backup-") as folder:
            copy = backup_sqlite(location.sqlite_path, Path(folder) / "backup.db")
            try:
                with copy.open("rb") as source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out)
            except OSError as e:
                if isinstance(e, BrokenPipeError):
                    raise
                problem = messages.CANNOT_WRITE.format(detail=e.strerror)
                raise InvalidValue("file", str(destination), problem) from None
            return location.sqlite_path, copy.stat().st_size
    if destination.is_symlink() and not destination.exists():  # a link to a file still to be made
        destination = Path(os.path.realpath(destination))
    if destination.exists():
        if destination.resolve() == location.sqlite_path.resolve():
            raise InvalidValue("file", str(destination), messages.BACKUP_SAME_FILE)
        raise InvalidValue("file", str(destination), messages.BACKUP_EXISTS)
    if not destination.parent.is_dir():
        raise InvalidValue("file", str(destination), messages.NO_SUCH_FOLDER)
    engine.dispose()
    copy = backup_sqlite(location.sqlite_path, destination)
    return location.sqlite_path, copy.stat().st_size


def copy(
    source: Engine, target_url: str, notify: Callable[[str], None], progress: Callable[[int], None]
) -> dict[str, tuple[int, ...]]:
    """Copy the whole registry into the empty database at `target_url`, then compare counts and money
    sums on both sides. Returns the totals; raises when the target is not empty or the sides differ."""
    from htxcli.store import copying
    from htxcli.store.engine import make_engine
    from htxcli.store.migrate import ensure_current

    location = resolve(target_url)
    target = make_engine(location)
    try:
        ensure_current(target, location, notify)
        if any(counts[0] for counts in copying.totals(target).values()):
            raise HtxError(messages.COPY_TARGET_NOT_EMPTY.format(url=location.display))
        for table in copying.TABLES:
            copying.copy_table(source, target, table, progress)
        expected, found = copying.totals(source), copying.totals(target)
        if expected != found:
            raise HtxError(messages.COPY_MISMATCH.format(expected=expected, found=found))
        return found
    finally:
        target.dispose()


def row_count(engine: Engine) -> int:
    from htxcli.store import copying

    return sum(counts[0] for counts in copying.totals(engine).values())
