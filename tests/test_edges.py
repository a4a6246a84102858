"""Nothing lost at the edges: every kind of file behind a writing option, a closed pipe, a failed first
command.

Devices are made for the test with os.mknod in its own folder (the real /dev/null is never touched);
named pipes with os.mkfifo; links with os.symlink. Making a device needs root: those tests skip
otherwise. "As an ordinary user" runs htx as `nobody` through setpriv when the suite runs as root.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, HTX, ROOT, invoke, load_example, sqlite_registry
from tests.one_process import run_commands

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making a device needs root")

# Every writing option, as (arguments with {out} for the target, whether it writes binary).
WRITERS = {
    "export csv": ("export cooperatives -o {out}", False),
    "export json": ("export ratings --format json -o {out}", False),
    "export xlsx": ("export cooperatives --format xlsx -o {out}", True),
    "report json": ("report 2018 --format json -o {out}", False),
    "report csv": ("report 2018 --format csv -o {out}", False),
    "report markdown": ("report 2018 --format markdown -o {out}", False),
    "report table": ("report 2018 --format table -o {out}", False),
    "report text": ("report 2018 --format text -o {out}", False),
    "report html": ("report 2018 --format html -o {out}", False),
    "report docx": ("report 2018 --format docx -o {out}", True),
    "report xlsx": ("report 2018 --format xlsx -o {out}", True),
    "import --rejects": ("import ratings {bad} --rejects {out}", False),
    "db backup": ("db backup {out}", True),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edges")
    db = sqlite_registry(folder)
    load_example(db)
    bad = folder / "bad-ratings.csv"
    bad.write_text("code,year,grade\n4700257731,2018,khá\nNOPE,2018,tốt\n", encoding="utf-8")
    return db


def _args(db: Path, writer: str, out: str) -> list[str]:
    template, _ = WRITERS[writer]
    bad = db.parent.parent / "bad-ratings.csv"
    return ["--db", str(db), *[w.format(out=out, bad=bad) for w in template.split()]]


def _writes_ok(returncode: int, writer: str) -> bool:
    return returncode == (1 if writer == "import --rejects" else 0)  # a rejects file means exit 1


def _magic(data: bytes, writer: str) -> None:
    """What arrived is the whole document of its kind."""
    assert data, writer
    if WRITERS[writer][1]:
        assert data.startswith(b"PK\x03\x04" if "backup" not in writer else b"SQLite format 3\0"), writer
        return
    text = data.decode("utf-8")
    if "json" in writer:
        import json

        json.loads(text)
    elif writer == "import --rejects":
        assert text.splitlines()[0] == "code,year,grade,error"
        assert [line.split(",")[0] for line in text.splitlines()[1:]] == ["NOPE"]


# The writers behind each kind of target run in one process (tests/one_process.py: htx's entry point, a
# command at a time, each with standard streams of its own): what a command does with the file it is
# given needs no process of its own. The closed pipes and the first commands below keep theirs.
LINKED = ("report markdown", "export csv", "report xlsx", "import --rejects")
REFUSED = ("report json", "export csv", "import --rejects")


@dataclass
class Written:
    """One command's run behind one target: its folder (the test's own), the process's outcome and
    what a named pipe's reader received."""

    folder: Path
    run: subprocess.CompletedProcess[bytes]
    received: list[bytes] = field(default_factory=list)
    before: bytes = b""


@pytest.fixture(scope="module")
def dev_stdout() -> os.stat_result:
    """/dev/stdout as it was before any writer ran (`written` takes it first)."""
    return os.lstat("/dev/stdout")


@pytest.fixture(scope="module")
def written(
    example: Path, dev_stdout: os.stat_result, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, ...], Written]:
    base = tmp_path_factory.mktemp("targets")
    scenes: dict[tuple[str, ...], tuple[Path, list[str]]] = {}
    received: dict[tuple[str, ...], list[bytes]] = {}
    before: dict[tuple[str, ...], bytes] = {}
    readers: list[tuple[Path, threading.Thread]] = []

    def folder() -> Path:
        made = base / f"{len(scenes) + 1:02d}"
        made.mkdir()
        return made

    for writer in sorted(WRITERS):
        fifo = (here := folder()) / "fifo"
        os.mkfifo(fifo)
        got = received[("fifo", writer)] = []
        reader = threading.Thread(target=lambda f=fifo, g=got: g.append(f.read_bytes()), daemon=True)
        reader.start()
        readers.append((fifo, reader))
        scenes[("fifo", writer)] = (here, _args(example, writer, str(fifo)))
        if os.geteuid() == 0:
            null = (here := folder()) / "null"
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of the test's own
            scenes[("device", writer)] = (here, _args(example, writer, str(null)))
        scenes[("stdout", writer)] = (folder(), _args(example, writer, "/dev/stdout"))
    for writer in LINKED:
        real, link = (here := folder()) / "real.out", here / "latest.out"
        # A workbook htx did not write is kept (domain/seal.py): that one's link points to no file yet.
        if writer != "report xlsx":
            real.write_text("stale\n")
        os.symlink(real.name, link)
        scenes[("link", writer)] = (here, _args(example, writer, str(link)))
    os.symlink("2018-12-31.db", (here := folder()) / "latest.db")
    scenes[("link", "backup to be made")] = (here, _args(example, "db backup", str(here / "latest.db")))
    for writer in REFUSED:
        for target in ("registry", "other"):
            registry = (here := folder()) / "htx.db"
            shutil.copy(example, registry)
            shutil.copy(example, here / "other-registry")
            chosen = registry if target == "registry" else here / "other-registry"
            os.symlink(chosen, here / "innocent.txt")
            before[("refused", writer, target)] = chosen.read_bytes()
            scenes[("refused", writer, target)] = (here, _args(registry, writer, str(here / "innocent.txt")))
    if os.geteuid() == 0:
        disk = (here := folder()) / "disk"
        os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
        scenes[("block",)] = (here, _args(example, "export csv", str(disk)))

    runs = run_commands([command for _, command in scenes.values()])
    for fifo, reader in readers:
        reader.join(timeout=60)
        if reader.is_alive():  # never opened by htx: let the reader go, with nothing received
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    return {
        key: Written(here, run, received.get(key, []), before.get(key, b""))
        for (key, (here, _)), run in zip(scenes.items(), runs, strict=True)
    }


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_named_pipe_is_written_to_and_stays_a_pipe(
    written: dict[tuple[str, ...], Written], writer: str
) -> None:
    w = written[("fifo", writer)]
    assert _writes_ok(w.run.returncode, writer), w.run.stderr.decode()
    assert stat.S_ISFIFO((w.folder / "fifo").lstat().st_mode)
    _magic(w.received[0], writer)
    assert sorted(p.name for p in w.folder.iterdir()) == ["fifo"]  # no temporary file left beside it


@ROOT_ONLY
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_device_is_written_to_and_stays_a_device(
    written: dict[tuple[str, ...], Written], writer: str
) -> None:
    w = written[("device", writer)]
    null = w.folder / "null"
    assert _writes_ok(w.run.returncode, writer), w.run.stderr.decode()
    assert stat.S_ISCHR(null.lstat().st_mode) and null.lstat().st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in w.folder.iterdir()) == ["null"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_dev_stdout_gets_the_output_and_stays_what_it_was(
    dev_stdout: os.stat_result, written: dict[tuple[str, ...], Written], writer: str
) -> None:
    """-o /dev/stdout into a pipe: the bytes come out of the pipe; /dev/stdout is still the link."""
    w = written[("stdout", writer)]
    assert _writes_ok(w.run.returncode, writer), w.run.stderr.decode()
    _magic(w.run.stdout, writer)
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_mode) == (
        dev_stdout.st_ino,
        dev_stdout.st_mode,
    )


def _nobody_can_run_python() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    command = f"{sys.executable} -c 'import htxcli'"
    probe = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "bash", "-c", command]
    return subprocess.run(probe, capture_output=True, cwd="/", check=False).returncode == 0


@pytest.mark.skipif(not _nobody_can_run_python(), reason="needs root, setpriv, and a Python `nobody` may run")
@pytest.mark.parametrize("writer", ["report json", "report docx", "export xlsx", "import --rejects"])
def test_dev_stdout_as_an_ordinary_user(example: Path, writer: str) -> None:
    """As `nobody`, writing into a pipe its own shell made (as a clerk's shell would)."""
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="htx-nobody-"))  # pytest's own folder is root's alone
    db = tmp_path / "copy.db"
    shutil.copy(example, db)
    bad = tmp_path / "bad-ratings.csv"
    shutil.copy(example.parent.parent / "bad-ratings.csv", bad)
    tmp_path.chmod(0o777)
    db.chmod(0o666)
    template, _ = WRITERS[writer]
    words = " ".join(w.format(out="/dev/stdout", bad=bad) for w in template.split())
    htx = f"{sys.executable} -m htxcli --db {db} {words}"
    command = f"cd {ROOT} && {htx} | cat > {tmp_path}/got; exit ${{PIPESTATUS[0]}}"
    r = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "bash", "-c", command],
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")},
    )
    assert _writes_ok(r.returncode, writer), r.stderr.decode()
    assert b"not readable" not in r.stderr
    _magic((tmp_path / "got").read_bytes(), writer)
    shutil.rmtree(tmp_path)


@pytest.mark.parametrize("args", [("report", "2018", "-o"), ("db", "backup")])
def test_a_target_the_user_cannot_read_is_still_written(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """An ordinary user's `-o /dev/stdout` into a pipe of another user's can be written but not read:
    Click's Path checked readability and refused it ("is not readable", exit 2). Root reads anything,
    so what the user cannot read is simulated."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    readable = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: mode != os.R_OK and readable(p, mode, **k))
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    r = invoke(example, *args, str(fifo))
    reader.join(timeout=60)
    assert r.exit_code == 0, r.stderr
    assert received[0]


@pytest.mark.parametrize("writer", LINKED)
def test_a_link_is_followed_and_stays_a_link(written: dict[tuple[str, ...], Written], writer: str) -> None:
    w = written[("link", writer)]
    real, link = w.folder / "real.out", w.folder / "latest.out"
    assert _writes_ok(w.run.returncode, writer), w.run.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.exists() and real.read_bytes() not in (b"", b"stale\n")
    _magic(real.read_bytes(), writer)
    assert sorted(p.name for p in w.folder.iterdir()) == ["latest.out", "real.out"]


def test_a_link_to_a_backup_still_to_be_made(written: dict[tuple[str, ...], Written]) -> None:
    w = written[("link", "backup to be made")]
    assert w.run.returncode == 0, w.run.stderr.decode()
    assert (w.folder / "latest.db").is_symlink()
    _magic((w.folder / "2018-12-31.db").read_bytes(), "db backup")


@pytest.mark.parametrize("writer", REFUSED)
def test_a_link_to_the_registry_or_a_database_is_refused(
    written: dict[tuple[str, ...], Written], writer: str
) -> None:
    for target in ("registry", "other"):
        w = written[("refused", writer, target)]
        link = w.folder / "innocent.txt"
        assert w.run.returncode == 1
        assert b"never writes over" in w.run.stderr and w.run.stderr.count(b"\n") == 1, w.run.stderr
        assert link.is_symlink() and Path(os.readlink(link)).read_bytes() == w.before


@ROOT_ONLY
def test_a_block_device_is_refused(written: dict[tuple[str, ...], Written]) -> None:
    w = written[("block",)]
    disk = w.folder / "disk"
    assert w.run.returncode == 1
    assert w.run.stderr.decode() == (
        f"Error: --output: '{disk}' is neither a file, a character device nor a named pipe; "
        "htx does not write there\n"
    )
    assert stat.S_ISBLK(disk.lstat().st_mode)


# --- a closed pipe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "list --format csv",
        "export cooperatives",
        "report 2014..2018 --format csv",
        "history --format json",
        "export cooperatives -o /dev/stdout",
    ],
)
def test_a_closed_pipe_ends_quietly_with_exit_0(example: Path, command: str) -> None:
    htx = f"{sys.executable} -m htxcli --db {example} {command}"
    script = f"{htx} | head -c 10 > /dev/null; echo ${{PIPESTATUS[0]}} >&2"
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stderr == "0\n"


def test_a_closed_pipe_before_anything_is_written(example: Path) -> None:
    """The reader is gone before htx starts: the first write fails, still exit 0 and no noise."""
    read, write = os.pipe()
    os.close(read)
    r = subprocess.run(
        [*HTX, "--db", str(example), "export", "cooperatives"],
        stdout=write,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(write)
    assert (r.returncode, r.stderr) == (0, b"")


# --- a failed first command ---------------------------------------------------------------------


def test_a_failed_first_import_leaves_no_registry(tmp_path: Path) -> None:
    db = tmp_path / "new" / "htx.db"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,founded\n4700000001,,2010-01-01\n", encoding="utf-8")
    r = invoke(db, "--lang", "en", "import", "cooperatives", str(bad))
    assert r.exit_code == 1
    assert "Created a new registry" not in r.stderr
    assert sorted(p.name for p in db.parent.iterdir()) == []
    r = invoke(db, "--lang", "en", "import", "cooperatives", str(EXAMPLE / "cooperatives.csv"))
    assert r.exit_code == 0
    assert f"Created a new registry at {db}" in r.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("add", "HTX Lỗi", "--code", "4700000001", "--founded", "2099-01-01"),
        ("support", "add", "credit", "--to", "NOPE", "--date", "2018-01-01"),
        ("import", "ratings", str(EXAMPLE / "ratings.csv")),  # no organisations yet
    ],
)
def test_any_failed_first_command_leaves_no_file_and_a_good_one_says_it_created(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "htx.db"
    r = subprocess.run([*HTX, "--lang", "en", "--db", str(db), *command], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert list(tmp_path.iterdir()) == []  # nor -wal, -shm
    r = subprocess.run(
        [*HTX, "--lang", "en", "--db", str(db), "add", "HTX A", "--code", "A1", "--founded", "2010-01-01"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "Created a new registry" in r.stderr


def test_a_failed_command_keeps_a_registry_it_did_not_make(example: Path, tmp_path: Path) -> None:
    db = tmp_path / "htx.db"
    shutil.copy(example, db)
    r = invoke(db, "add", "HTX Lỗi", "--code", "4700000001", "--founded", "2099-01-01")
    assert r.exit_code == 1
    assert db.exists()
