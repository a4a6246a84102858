"""Reading ahead: a forked child process reads and parses a large file while this process writes.

An import spends about as long reading and checking rows (Python) as writing them (SQLite). Threads
cannot overlap the two: the writer needs Python's lock for every row it binds and waits for it while
the reader holds it, so they take turns. A child process has its own lock. It is forked after the
file's header has been read, so it carries on from the same place in the same stream (stdin too);
it never touches the database connection it inherits, and leaves with os._exit, so nothing of the
parent's is closed or flushed from it. Batches come back pickled through a pipe (wire.py), which
holds one or two of them: memory stays flat however large the file.

Only on Linux with two or more cores, and only for large inputs; elsewhere the same batches are
made in this process, one after another.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NoReturn, TypeVar

from htxcli.domain import messages
from htxcli.domain.errors import HtxError
from htxcli.services import wire

T = TypeVar("T")

WORTH_IT_BYTES = 4 << 20  # smaller inputs are read in this process: forking costs more than it saves


def read_ahead(produce: Callable[[], Iterator[T]], size: int | None) -> Iterator[T]:
    """The items of produce(), made in a child process when that pays (`size`: bytes, None if unknown)."""
    if not _worth_it(size):
        yield from produce()
        return
    # os.fork rather than multiprocessing: a multiprocessing child closes its stdin, the file being read.
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        _produce(produce, write_end)  # never returns
    os.close(write_end)
    try:
        with open(read_end, "rb") as pipe:
            while True:
                kind, payload = _receive(pipe)
                if kind == "item":
                    yield payload
                elif kind == "error":
                    raise HtxError(payload)
                else:
                    return
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGTERM)  # finished already, or stopped early because this one failed
        os.waitpid(child, 0)


def _worth_it(size: int | None) -> bool:
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) >= 2
        and (size is None or size >= WORTH_IT_BYTES)
    )


_LENGTH = struct.Struct("<Q")


def _receive(pipe: BinaryIO) -> tuple[str, Any]:
    header = pipe.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise HtxError(messages.READER_STOPPED)
    (length,) = _LENGTH.unpack(header)
    data = pipe.read(length)
    if len(data) < length:
        raise HtxError(messages.READER_STOPPED)
    message: tuple[str, Any] = wire.loads(data)
    return message


def _produce(produce: Callable[[], Iterator[T]], write_end: int) -> NoReturn:
    """The child: send each item, then "done" (or the error), and leave without any cleanup."""
    try:
        # The parent handles Ctrl-C (and stops this process); a second report from here would be noise.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with open(write_end, "wb") as pipe:
            try:
                for item in produce():
                    _send(pipe, ("item", item))
                _send(pipe, ("done", None))
            except HtxError as e:
                _send(pipe, ("error", str(e)))
            except BaseException as e:  # whatever it is, the parent reports it as one line
                _send(pipe, ("error", messages.READER_FAILED.format(detail=f"{type(e).__name__}: {e}")))
    except BaseException:  # the pipe broke: the parent stopped reading, and reports why
        pass
    finally:
        os._exit(0)


def _send(pipe: BinaryIO, message: tuple[str, Any]) -> None:
    data = wire.dumps(message)
    pipe.write(_LENGTH.pack(len(data)))
    pipe.write(data)
    pipe.flush()
