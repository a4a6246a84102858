"""Several htx commands in one Python process, each run as the real CLI runs one: htx's entry point
(`htxcli.cli.app:main`, what the `htx` script calls) with the command in sys.argv, its own standard output
and error (fresh pipes on file descriptors 1 and 2, so that `-o /dev/stdout` names a pipe of its own), and
its exit code taken from the SystemExit it ends with.

For tests of what a command does with the files it is given (a named pipe, a device, a link behind -o),
where a process of its own per command proves nothing more and costs its start (half a second of CPU
each). What only a process shows (signals, a closed pipe's exit, the language or the registry chosen at
a process's start, a terminal) keeps a process of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.conftest import ROOT

DRIVER = r"""
import json, os, sys, threading, traceback
from htxcli.cli.app import main

def drain(fd, into):
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    into.append(b"".join(chunks))

jobs = json.loads(open(sys.argv[1], encoding="utf-8").read())
original = {fd: os.dup(fd) for fd in (1, 2)}
results = []
for argv in jobs:
    got, readers = {1: [], 2: []}, []
    for fd in (1, 2):
        read, write = os.pipe()
        readers.append(threading.Thread(target=drain, args=(read, got[fd])))
        readers[-1].start()
        os.dup2(write, fd)
        os.close(write)
    sys.argv = ["htx", *argv]
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    for fd in (1, 2):
        os.dup2(original[fd], fd)  # the command's pipes close: its readers see the end
    for reader in readers:
        reader.join()
    results.append([code, got[1][0].hex(), got[2][0].hex()])
os.write(original[1], json.dumps(results).encode())
"""


def run_commands(
    commands: Sequence[Sequence[str]], env: Mapping[str, str] | None = None, user: Sequence[str] = ()
) -> list[subprocess.CompletedProcess[bytes]]:
    """Run each command (htx's arguments, without `htx`) in turn in one new process, as `user` (a
    prefix such as setpriv's) if given; one CompletedProcess per command, in order."""
    folder = Path(tempfile.mkdtemp(prefix="htx-one-process-"))
    jobs = folder / "commands.json"
    jobs.write_text(json.dumps([list(c) for c in commands]), encoding="utf-8")
    folder.chmod(0o755)
    jobs.chmod(0o644)
    done = subprocess.run(
        [*user, sys.executable, "-c", DRIVER, str(jobs)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=ROOT,
        env=dict(env) if env is not None else None,
        timeout=600,
    )
    jobs.unlink()
    folder.rmdir()
    assert done.returncode == 0 and not done.stderr, done.stderr.decode()
    return [
        subprocess.CompletedProcess(list(c), code, bytes.fromhex(out), bytes.fromhex(err))
        for c, (code, out, err) in zip(commands, json.loads(done.stdout), strict=True)
    ]
