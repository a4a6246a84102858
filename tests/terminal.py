"""htx at a real terminal: a pseudo-terminal for its stdin and stderr, answered question by question."""

from __future__ import annotations

import codecs
import os
import re
import select
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.conftest import HTX, ROOT

TIMEOUT = 60.0  # seconds; a start-up on a busy two-core machine can take several


class Terminal:
    """`htx ARGS` with a pseudo-terminal as its controlling terminal, stdin and stderr (so htx knows
    someone is there to ask), stdout a pipe (so a test sees that nothing but data goes there).
    `expect` waits for a question, `type` answers it; Ctrl-C and Ctrl-D are typed as a clerk types
    them, and the terminal turns them into SIGINT and end of input."""

    def __init__(self, db: Path | str, *args: str) -> None:
        import fcntl  # POSIX only: the tests using a Terminal skip on Windows
        import pty
        import termios

        self._main, tty = pty.openpty()
        self.process = subprocess.Popen(
            [*HTX, "--db", str(db), *args],
            stdin=tty,
            stdout=subprocess.PIPE,
            stderr=tty,
            cwd=ROOT,
            env={**os.environ, "PYTHONUTF8": "1"},  # a UTF-8 terminal, whatever the test's locale
            start_new_session=True,
            # A terminal of its own, so that a typed Ctrl-C interrupts htx and nothing else.
            preexec_fn=lambda: _as_a_clerks_shell_starts_it(fcntl, termios),
        )
        os.close(tty)
        self.transcript = ""  # everything shown on the terminal: questions, echoed answers, messages
        self._seen = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def expect(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until `text` appears after what was expected before; return what came up to its end."""
        deadline = time.monotonic() + timeout
        while (found := self.transcript.find(text, self._seen)) < 0:
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.transcript}")
        start, self._seen = self._seen, found + len(text)
        return self.transcript[start : self._seen]

    def type(self, line: str) -> None:
        os.write(self._main, f"{line}\n".encode())

    def control(self, key: str) -> None:
        """Ctrl-KEY, at the start of a line: Ctrl-D ends the input, Ctrl-C interrupts."""
        os.write(self._main, bytes([ord(key.upper()) - 64]))

    def finish(self) -> tuple[int, str]:
        """Wait for htx to exit; its exit code and its stdout. The transcript is then complete."""
        out, _ = self.process.communicate(timeout=TIMEOUT)
        while self._read(1.0):
            pass
        return self.process.returncode, out.decode()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self._main], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self._main, 4096)
        except OSError:  # EIO: htx exited and closed the terminal
            return False
        self.transcript += self._decoder.decode(chunk).replace("\r\n", "\n")
        return bool(chunk)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self._main)


def interruptible() -> None:
    """In a child before htx starts (a preexec_fn): Ctrl-C with its default meaning. A child inherits
    an ignored or blocked SIGINT, and a test worker may have either (seen as a Ctrl-C that htx never
    noticed, now and then, in full runs only); a clerk's shell gives htx neither."""
    import signal

    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _as_a_clerks_shell_starts_it(fcntl: Any, termios: Any) -> None:
    """In the child: Ctrl-C interrupts, and the terminal becomes its controlling terminal.

    NOFLSH: Linux sends SIGINT first and only then discards the terminal's pending output, so a
    line htx writes in that instant ("Stopped: nothing was added.") could be thrown away; the
    terminal keeps pending output so that a test sees every line. (The "^C" without "Stopped" seen
    in CI had another cause, a Ctrl-C landing just before read(): see cli/prompts._until_typed.)"""
    interruptible()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    attributes = termios.tcgetattr(0)
    attributes[3] |= termios.NOFLSH  # lflag
    termios.tcsetattr(0, termios.TCSANOW, attributes)


def undo_at_a_terminal(db: Path | str, *answers: str, user: str | None = None) -> tuple[int, str]:
    """`htx undo` (run by `user`, if given) with a terminal for its stdin, its answers typed ahead:
    the terminal keeps the lines for its questions. Returns the exit code and stderr."""
    import pty

    env = {**os.environ, "LOGNAME": user, "USER": user} if user else None
    main, terminal = pty.openpty()
    try:
        undo = subprocess.Popen(
            [*HTX, "--db", str(db), "undo"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        os.close(terminal)
        os.write(main, "".join(f"{a}\n" for a in answers).encode())
        _, err = undo.communicate(timeout=120)
    finally:
        os.close(main)
    return undo.returncode, err


def on_a_terminal(db: Path | str, columns: int, *args: str) -> str:
    """`htx ARGS` printing to a terminal `columns` wide (stdout a pseudo-terminal), as a clerk sees it."""
    import fcntl  # POSIX only
    import pty
    import struct
    import termios

    main, tty = pty.openpty()
    fcntl.ioctl(tty, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "PYTHONUTF8": "1", "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    process = subprocess.Popen([*HTX, "--db", str(db), *args], stdout=tty, stderr=tty, cwd=ROOT, env=env)
    os.close(tty)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: htx has finished
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    os.close(main)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode().replace("\r\n", "\n"))
