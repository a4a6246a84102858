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
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, HTX, ROOT, invoke, load_example, sqlite_registry

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


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_named_pipe_is_written_to_and_stays_a_pipe(example: Path, tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    r = subprocess.run([*HTX, *_args(example, writer, str(fifo))], capture_output=True, timeout=120)
    reader.join(timeout=60)
    assert _writes_ok(r.returncode, writer), r.stderr.decode()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    _magic(received[0], writer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temporary file left beside it


@ROOT_ONLY
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_device_is_written_to_and_stays_a_device(example: Path, tmp_path: Path, writer: str) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of the test's own
    r = invoke_process(example, writer, str(null))
    assert _writes_ok(r.returncode, writer), r.stderr.decode()
    assert stat.S_ISCHR(null.lstat().st_mode) and null.lstat().st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def invoke_process(db: Path, writer: str, out: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*HTX, *_args(db, writer, out)], capture_output=True, timeout=120, **options)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_dev_stdout_gets_the_output_and_stays_what_it_was(example: Path, writer: str) -> None:
    """-o /dev/stdout into a pipe: the bytes come out of the pipe; /dev/stdout is still the link."""
    before = os.lstat("/dev/stdout")
    r = invoke_process(example, writer, "/dev/stdout")
    assert _writes_ok(r.returncode, writer), r.stderr.decode()
    _magic(r.stdout, writer)
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


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


@pytest.mark.parametrize("writer", ["report markdown", "export csv", "report xlsx", "import --rejects"])
def test_a_link_is_followed_and_stays_a_link(example: Path, tmp_path: Path, writer: str) -> None:
    real, link = tmp_path / "real.out", tmp_path / "latest.out"
    # A workbook htx did not write is kept (domain/seal.py): that one's link points to no file yet.
    if writer != "report xlsx":
        real.write_text("stale\n")
    os.symlink(real.name, link)
    r = invoke_process(example, writer, str(link))
    assert _writes_ok(r.returncode, writer), r.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.exists() and real.read_bytes() not in (b"", b"stale\n")
    _magic(real.read_bytes(), writer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.out", "real.out"]


def test_a_link_to_a_backup_still_to_be_made(example: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.db"
    os.symlink("2018-12-31.db", link)
    r = invoke_process(example, "db backup", str(link))
    assert r.returncode == 0, r.stderr.decode()
    assert link.is_symlink()
    _magic((tmp_path / "2018-12-31.db").read_bytes(), "db backup")


@pytest.mark.parametrize("writer", ["report json", "export csv", "import --rejects"])
def test_a_link_to_the_registry_or_a_database_is_refused(example: Path, tmp_path: Path, writer: str) -> None:
    other = tmp_path / "other-registry"
    shutil.copy(example, other)
    for target in (example, other):
        link = tmp_path / "innocent.txt"
        link.unlink(missing_ok=True)
        os.symlink(target, link)
        before = target.read_bytes()
        r = invoke_process(example, writer, str(link))
        assert r.returncode == 1
        assert b"never writes over" in r.stderr and r.stderr.count(b"\n") == 1, r.stderr
        assert link.is_symlink() and target.read_bytes() == before


@ROOT_ONLY
def test_a_block_device_is_refused(example: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    r = invoke_process(example, "export csv", str(disk), env={**os.environ, "HTX_LANG": "en"})
    assert r.returncode == 1
    assert r.stderr.decode() == (
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
