"""Every file htx writes for a person (--rejects, report -o, and any later -o) goes through here.

One rule for all of them, because one mistyped name was enough to lose the registry: `--rejects htx.db`
replaced the live database with a CSV file. A target is refused, in one line and before anything is
written, when it is the registry (or one of SQLite's files beside it), any other SQLite database
(recognised by its header, whatever its name), one of the command's input files, or a folder. What is
written goes to a temporary file beside the target and is renamed over it only when complete, so a
failure or a Ctrl-C never leaves half a file, and never touches the file that was there.

That rule is for regular files. A character device or a named pipe (`/dev/stdout`, `/dev/null`, a FIFO
another program reads) is opened and written to directly, as a stream: replacing it would turn a device
into a file and leave the pipe's reader with nothing. A symbolic link is followed: its target is the
file written (by the rule above, beside the target, so the link stays a link), and the guards apply to
that target. A block device or a socket is refused.

Standard library only (SQLAlchemy is not imported): this runs before the database is opened.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue, reason_of
from htxcli.store.location import SQLITE_HEADER

STDOUT = "-"
# The first bytes of a SQLite database, and of its write-ahead log (two byte orders).
_DATABASE_HEADERS = (SQLITE_HEADER, b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
# The files SQLite keeps beside a database while it is in use.
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # either is missing: not the same file
        return False


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            start = f.read(16)
    except OSError:
        return False  # unreadable: writing it will say why
    return start.startswith(_DATABASE_HEADERS)


def is_stream(path: Path) -> bool:
    """A character device or a named pipe, links followed: written to directly, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _followed(target: Path) -> Path:
    """The file a symbolic link leads to (the link itself stays); any other path as it is."""
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


def check_target(option: str, path: str, *, registry: Path | None = None, inputs: Sequence[str] = ()) -> Path:
    """The target of a writing option, or one line saying why htx will not write there ("-": stdout).
    A symbolic link is followed, so the returned path is its target; a device or a pipe is returned as
    given (its link, such as /dev/stdout, is only opened)."""
    target = Path(path).expanduser()
    if path == STDOUT:
        return target
    if is_stream(target):
        return target
    target = _followed(target)
    if target.exists() and not target.is_file() and not target.is_dir():
        raise InvalidValue(option, path, messages.OUTPUT_IS_SPECIAL)  # a block device, a socket
    if target.is_dir():
        raise InvalidValue(option, path, messages.OUTPUT_IS_FOLDER)
    if registry is not None:
        beside = [registry.with_name(registry.name + side) for side in _SIDE_FILES]
        if any(_same_file(target, guarded) for guarded in (registry, *beside)):
            raise InvalidValue(option, path, messages.OUTPUT_IS_REGISTRY)
    if any(source != STDOUT and _same_file(target, Path(source)) for source in inputs):
        raise InvalidValue(option, path, messages.OUTPUT_IS_INPUT)
    if target.is_file() and _is_database(target):
        raise InvalidValue(option, path, messages.OUTPUT_IS_DATABASE)
    folder = target.parent
    if not folder.is_dir():
        problem = messages.NO_SUCH_FOLDER if not folder.exists() else messages.OUTPUT_PARENT_NOT_FOLDER
        raise InvalidValue(option, path, problem)
    return target


def check_replaceable(option: str, path: str, *, force: bool) -> None:
    """A document (.docx, .xlsx, .html) already at `path` is replaced only when htx wrote it and it has
    not changed since (domain/seal.py), or with --force: the clerk may have completed it by hand."""
    from htxcli.domain.seal import sealed, unchanged

    target = Path(path).expanduser()
    if force or path == STDOUT or not target.is_file() or unchanged(str(target)):
        return
    problem = messages.OUTPUT_CHANGED if sealed(str(target)) else messages.OUTPUT_NOT_HTX
    raise InvalidValue(option, path, problem)


@contextmanager
def written(
    option: str,
    path: str,
    *,
    registry: Path | None = None,
    inputs: Sequence[str] = (),
    stdout: IO[str] | None = None,
) -> Iterator[IO[str]]:
    """A text file (UTF-8, newlines as written) that appears at `path` only once the block succeeds;
    "-" is stdout. Checked by check_target first, and again just before the rename."""
    if path == STDOUT:
        yield stdout if stdout is not None else sys.stdout
        return
    with (
        _into_place(option, path, registry, inputs) as handle,
        os.fdopen(handle, "w", encoding="utf-8", newline="") as f,
    ):
        yield f


@contextmanager
def written_bytes(
    option: str, path: str, *, registry: Path | None = None, inputs: Sequence[str] = ()
) -> Iterator[IO[bytes]]:
    """As `written`, for a binary document (a Word file); "-" is stdout's bytes."""
    if path == STDOUT:
        yield sys.stdout.buffer
        return
    with _into_place(option, path, registry, inputs) as handle, _binary(handle) as f:
        yield f


class _Unseekable(io.FileIO):
    """A device opened for writing, seen as a stream: /dev/null accepts a seek and then reports
    position 0, which misleads a zip writer (a .docx or .xlsx) into an impossible end record."""

    def seekable(self) -> bool:
        return False

    def seek(self, *_: object) -> int:
        raise io.UnsupportedOperation("seek")

    def tell(self) -> int:
        raise io.UnsupportedOperation("tell")


def _binary(handle: int) -> IO[bytes]:
    mode = os.fstat(handle).st_mode
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return io.BufferedWriter(_Unseekable(handle, "w"))
    return os.fdopen(handle, "wb")


@contextmanager
def _into_place(option: str, path: str, registry: Path | None, inputs: Sequence[str]) -> Iterator[int]:
    """A temporary file beside the target (its descriptor, for the caller to open and close), renamed
    over the target once the block succeeds; removed whatever happens. A device or a pipe is opened and
    written directly."""
    target = check_target(option, path, registry=registry, inputs=inputs)
    if is_stream(target):
        try:
            handle = os.open(target, os.O_WRONLY)
        except OSError as e:
            raise InvalidValue(option, path, messages.CANNOT_WRITE.format(detail=e.strerror)) from None
        yield handle  # the caller's file object closes it
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise InvalidValue(option, path, messages.CANNOT_WRITE.format(detail=reason_of(e))) from None
    try:
        yield handle
        check_target(option, path, registry=registry, inputs=inputs)  # nothing appeared there meanwhile
        # mkstemp makes the file private (0600); what htx writes is a document like any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
