"""Nothing lost: db check and db backup, bad database files, concurrent clerks, killed imports, a full disk.

Most run real processes against real files, since the failures they guard against happen between
processes; the concurrent writers run on PostgreSQL too.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from htxcli.cli.app import app
from htxcli.store.engine import BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_S
from htxcli.store.uow import WRITER_LOCK_TABLE
from tests.conftest import EXAMPLE, HTX, ROOT, Run, invoke, load_example, runner, snapshot, sqlite_registry


def htx_process(db: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*HTX, "--db", str(db), *args], capture_output=True, text=True, timeout=300)


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


# --- db check ---------------------------------------------------------------------------------


def test_check_passes_on_the_example(tmp_path: Path) -> None:
    db = sqlite_registry(tmp_path)
    load_example(db)
    r = invoke(db, "db", "check")
    assert r.exit_code == 0 and r.stdout == ""
    assert "No problems" in r.stderr


def test_check_finds_each_broken_rule_on_one_line(tmp_path: Path) -> None:
    db = sqlite_registry(tmp_path)
    load_example(db)
    # Rows such as a spreadsheet import by hand or an older tool would leave; htx itself refuses them.
    con = sqlite3.connect(db)
    con.executescript(
        """
        UPDATE rating SET grade = 'good' WHERE id = (SELECT min(id) FROM rating WHERE score < 50);
        UPDATE rating SET year = 1990 WHERE id = (SELECT max(id) FROM rating);
        INSERT INTO organisation (code, name, kind, founded, search_key, name_key, sort_key)
            SELECT '9999999999', upper(name), kind, founded, search_key, name_key, sort_key
            FROM organisation WHERE code = '4700257731';
        PRAGMA foreign_keys = OFF;
        INSERT INTO support (organisation_id, program, date, amount_vnd, quantity)
            VALUES (987654, 'credit', '2018-01-01', 1, 1);
        """
    )
    con.commit()
    con.close()
    r = invoke(db, "db", "check")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any(line.startswith("foreign key: support") for line in lines)
    assert any(line.startswith("rating: ") and "1990" in line for line in lines)
    assert any(line.startswith("grade: ") and "earns weak" in line for line in lines)
    assert any(line.startswith("name: ") and "9999999999" in line and "4700257731" in line for line in lines)
    assert f"Problems found in {db}: {len(lines)}" in r.stderr


def test_check_lists_support_outside_a_life(registry: Callable[..., Run]) -> None:
    assert registry("support", "add", "credit", "--to", "THT-07", "--date", "2016-01-01").exit_code == 0
    r = registry("db", "check")
    assert r.exit_code == 1
    assert r.stdout.strip().endswith("before THT-07 was founded (2017-01-09)")


def test_check_lists_dates_before_1900_or_later_than_today(
    registry: Callable[..., Run], db_path: Path
) -> None:
    """Real dates htx accepts, which are almost always placeholders or mistyped years; and a date later
    than today, which htx refuses now but an older htx or a hand-made row may have left."""
    assert registry("add", "HTX Cũ", "--code", "OLD-1", "--founded", "01/01/0001").exit_code == 0
    assert registry("add", "HTX Sau", "--code", "LATER-1", "--founded", "2019-05-01").exit_code == 0
    assert registry("support", "add", "credit", "--date", "1899-12-31", "--amount", "1").exit_code == 0
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE organisation SET founded = '2999-05-01' WHERE code = 'LATER-1'")
    con.close()
    r = registry("db", "check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "date: LATER-1 founded is 2999-05-01, before 1900 or later than today",
        "date: OLD-1 founded is 0001-01-01, before 1900 or later than today",
        "date: support #2 is 1899-12-31, before 1900 or later than today",
    ]


# --- db backup --------------------------------------------------------------------------------


def test_backup_while_another_clerk_writes(tmp_path: Path) -> None:
    db = sqlite_registry(tmp_path)
    load_example(db)
    # A second connection holds an open write transaction with rows still only in the WAL.
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE organisation SET members = 999 WHERE code = '4700257731'")
    copy = tmp_path / "copy.db"
    r = invoke(db, "db", "backup", str(copy))
    assert r.exit_code == 0, r.stderr
    assert str(copy) in r.stderr
    writer.execute("COMMIT")
    writer.close()
    # The copy is the committed state before the writer's change, complete and healthy.
    assert count(copy, "organisation") == count(db, "organisation") == 222
    con = sqlite3.connect(copy)
    assert con.execute("SELECT members FROM organisation WHERE code = '4700257731'").fetchone()[0] != 999
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert invoke(copy, "db", "check").exit_code == 0


def test_backup_refuses_to_overwrite_and_explains_servers(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert invoke(db, "db", "upgrade").exit_code == 0
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"keep me")
    r = invoke(db, "db", "backup", str(taken))
    assert r.exit_code == 1 and "already exists" in r.stderr and taken.read_bytes() == b"keep me"
    r = invoke(db, "db", "backup", str(tmp_path / "no" / "such" / "folder.db"))
    assert r.exit_code == 1 and r.stderr.startswith("Error: FILE: ")
    r = runner.invoke(app, ["--db", "postgresql+psycopg://clerk@localhost/htx", "db", "backup", "x.db"])
    assert r.exit_code == 1 and "pg_dump" in r.stderr


# --- database files that cannot be used ---------------------------------------------------------


def test_a_corrupt_file_gives_one_line(tmp_path: Path) -> None:
    db = sqlite_registry(tmp_path)
    load_example(db)
    size = db.stat().st_size
    with db.open("r+b") as f:  # every page but the first two (the header and the schema's root)
        f.seek(4096 * 2)
        f.write(b"\xff" * (size - 4096 * 2))
    for command in (("report", "2018"), ("list",), ("db", "check")):
        r = htx_process(db, *command)
        assert r.returncode == 1, command
        assert r.stderr.startswith("Error: database: ") and r.stderr.count("\n") == 1, r.stderr


def test_a_file_where_a_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    r = htx_process(tmp_path / "afile" / "htx.db", "add", "HTX A", "--code", "1", "--founded", "2010-01-01")
    assert r.returncode == 1
    folder = tmp_path / "afile"
    assert r.stderr == f"Error: database: cannot open {folder}/htx.db ({folder} is a file, not a folder)\n"
    r = htx_process(tmp_path, "list")
    assert r.returncode == 1 and "it is a folder" in r.stderr


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder mounted read-only, holding a registry: permissions alone do not stop root."""
    source, mount = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mount.mkdir()
    load_example(source / "htx.db")
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(mount)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount read-only in CI: {done.stderr!r}")
        pytest.skip("needs permission to bind-mount a folder read-only")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_read_only_database_gives_one_clear_line(read_only_folder: Path) -> None:
    r = htx_process(read_only_folder / "htx.db", "rate", "4700257731", "2019", "khá")
    assert r.returncode == 1
    assert r.stderr.startswith("Error: database: cannot open ") and "read-only" in r.stderr
    assert r.stderr.count("\n") == 1
    r = htx_process(read_only_folder / "new.db", "add", "HTX A", "--code", "1", "--founded", "2010-01-01")
    assert r.returncode == 1 and "read-only" in r.stderr and r.stderr.count("\n") == 1


# --- sixteen clerks at once ----------------------------------------------------------------------

CLERKS = 16
# The clerks are processes forked from one that has imported htx (a start each was a third of their
# CPU): each is a process of its own, with its own connections, made after the fork, and its own random
# state (Python reseeds it in a forked child), writing while the others write.
CLERK = """
import json, os, sys, time
from pathlib import Path
from click.testing import CliRunner
from typer.main import get_command
from htxcli.cli.app import app

db, clerks, go, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])


def commands_of(n):
    codes = [f"47{n:02d}{i:06d}" for i in range(25)]
    commands = [
        ["add", f"HTX Thử {n}-{i}", "--code", code, "--founded", "2015-03-01", "--district", "Ba Bể"]
        for i, code in enumerate(codes)
    ]
    commands += [["rate", code, "2018", "--score", str(40 + i)] for i, code in enumerate(codes)]
    commands += [["suspend", code, "--from", f"2018-0{i + 1}-01"] for i, code in enumerate(codes[:5])]
    commands += [
        ["support", "add", "credit", "--to", code, "--date", "2018-06-01", "--amount", f"{i + 1} triệu"]
        for i, code in enumerate(codes[:5])
    ]
    return commands


def clerk(n):
    while not go.exists():
        time.sleep(0.01)
    runner = CliRunner()
    htx = get_command(app)  # built once, as conftest's CliRunner does: an English run leaves it as it was
    commands = commands_of(n)
    failed, errors = 0, []
    for command in commands:
        result = runner.invoke(htx, ["--db", db, "--lang", "en", *command])
        if result.exit_code != 0:
            failed += 1
            errors.append(f"FAILED {n} {command} {result.exit_code} {result.stderr} {result.exception}\\n")
    (folder / f"{n}.json").write_text(json.dumps([f"{len(commands)} {failed}\\n", "".join(errors)]))


# What a clerk's commands import, imported before the fork (htx imports most of it inside the command
# that needs it): the same four commands once, on a registry of the launcher's own.
warm, runner = str(folder / "warm.db"), CliRunner()
for command in [commands_of(0)[i] for i in (0, 25, 50, 55)]:
    assert runner.invoke(get_command(app), ["--db", warm, "--lang", "en", *command]).exit_code == 0
if "://" in db:
    import sqlalchemy.dialects.postgresql.psycopg  # noqa: F401

children = []
for n in range(1, clerks + 1):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            clerk(n)
            code = 0
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    children.append(pid)
print("ready", flush=True)
for pid in children:
    os.waitpid(pid, 0)
print(json.dumps([json.loads((folder / f"{n}.json").read_text()) for n in range(1, clerks + 1)]))
"""


def _clerks_at_once(db: Path | str, script: str, go: Path, clerks: int) -> list[tuple[str, str]]:
    """Start every clerk, let each import htx, then let them all go at one moment."""
    running = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db), str(n), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(1, clerks + 1)
    ]
    time.sleep(2.0)
    go.touch()
    return [clerk.communicate(timeout=1200) for clerk in running]


def _forked_clerks_at_once(db: Path | str, go: Path, folder: Path) -> list[tuple[str, str]]:
    """CLERK's processes, all forked and waiting, then let go at one moment."""
    folder.mkdir()
    launcher = subprocess.Popen(
        [sys.executable, "-c", CLERK, str(db), str(CLERKS), str(go), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert launcher.stdout is not None
    assert launcher.stdout.readline() == "ready\n"
    go.touch()
    out, err = launcher.communicate(timeout=1200)
    assert launcher.returncode == 0 and not err, err
    return [(clerk_out, clerk_err) for clerk_out, clerk_err in json.loads(out)]


@pytest.mark.slow
@pytest.mark.both_backends
def test_sixteen_clerks_writing_at_once_lose_nothing(db_path: Path | str, tmp_path: Path) -> None:
    """16 processes at once, each 25 adds, 25 ratings, 5 status changes and 5 support records: every
    command succeeds (a failure prints its stderr), every row is there, the history complete."""
    db, go = db_path, tmp_path / "go"
    results = _forked_clerks_at_once(db, go, tmp_path / "clerks")
    failures = "".join(err for _, err in results)
    assert [out.split() for out, _ in results] == [["60", "0"]] * CLERKS, failures
    tables = dict(snapshot(db))
    assert len(tables["organisation"]) == len(tables["rating"]) == CLERKS * 25
    assert len(tables["legal_status"]) == len(tables["support"]) == CLERKS * 5
    assert len(tables["history"]) == CLERKS * 60
    amounts = [row[4] for row in tables["support"]]  # id, organisation_id, program, date, amount_vnd, …
    assert sum(amounts) == CLERKS * sum(range(1, 6)) * 1_000_000
    from collections import Counter

    commands = Counter(row[3] for row in tables["history"])  # id, at, user_name, command, …
    assert commands == {
        "add": CLERKS * 25,
        "rate": CLERKS * 25,
        "suspend": CLERKS * 5,
        "support add": CLERKS * 5,
    }
    check = invoke(db, "db", "check")
    assert check.exit_code == 0, check.stdout


FIRST = """
import subprocess, sys, time
from pathlib import Path

db, clerk, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
while not go.exists():
    time.sleep(0.005)
code = f"4799{clerk:06d}"
add = ["add", f"HTX Đầu Tiên {clerk}", "--code", code, "--founded", "2015-03-01"]
result = subprocess.run(
    [sys.executable, "-m", "htxcli", "--lang", "en", "--db", db, *add], capture_output=True, text=True
)
print(result.returncode)
print(result.stderr, file=sys.stderr, end="")
"""


@pytest.mark.slow
def test_sixteen_first_commands_at_once_make_one_registry(tmp_path: Path) -> None:
    """16 clerks start the registry at one moment: all succeed, the schema is made once, and exactly
    one of them is told that a new registry was created."""
    db, go = tmp_path / "new" / "htx.db", tmp_path / "go"
    results = _clerks_at_once(db, FIRST, go, CLERKS)
    errors = "".join(err for _, err in results)
    assert [out.strip() for out, _ in results] == ["0"] * CLERKS, errors
    assert errors.count("Created a new registry at") == 1, errors
    assert errors.count("Added 4799") == CLERKS
    assert "Backed up" not in errors
    assert count(db, "organisation") == count(db, "history") == CLERKS
    assert count(db, "alembic_version") == 1
    assert invoke(db, "db", "check").exit_code == 0


@contextmanager
def another_writer(db: Path | str) -> Iterator[None]:
    """Hold the database's write lock as another clerk's long command would."""
    if isinstance(db, Path):
        con = sqlite3.connect(db, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            con.close()
        return
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(
        make_url(db).set(drivername="postgresql").render_as_string(hide_password=False)
    ) as con:
        con.execute(f"LOCK TABLE {WRITER_LOCK_TABLE} IN SHARE ROW EXCLUSIVE MODE")
        yield
        con.rollback()


@pytest.mark.parametrize("given", ["abc", "0", "-5", "1e9"])
def test_a_bad_busy_timeout_is_one_line_before_any_file_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, given)
    db = tmp_path / "htx.db"
    r = invoke(db, "add", "HTX A", "--code", "1", "--founded", "2010-01-01")
    assert r.exit_code == 1 and not db.exists()
    assert (
        r.stderr == f"Error: {BUSY_TIMEOUT_ENV}: {given!r} is not a number of seconds between 0 and 86400 "
        "(how long a command waits for another's)\n"
    )


@pytest.mark.slow
@pytest.mark.both_backends
def test_a_writer_waits_its_turn_and_gives_up_after_the_busy_timeout(
    db_path: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer waits for another's write; it gives up after $HTX_BUSY_TIMEOUT seconds (here 3: the
    default 30 would hold a test worker that long) with one line, having changed nothing."""
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "3")
    db = db_path
    assert invoke(db, "db", "upgrade").exit_code == 0
    add = ("add", "HTX Chờ Lượt", "--code", "4799999999", "--founded", "2015-03-01")
    before = snapshot(db)
    with another_writer(db):
        started = time.monotonic()
        r = htx_process(db, *add)
        waited = time.monotonic() - started
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("Error: database: ") and r.stderr.count("\n") == 1
    assert "busy too long; try again, nothing was changed" in r.stderr
    assert 3 <= waited < BUSY_TIMEOUT_S
    assert snapshot(db) == before

    with another_writer(db):
        waiting = subprocess.Popen([*HTX, "--db", str(db), *add], stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)
        assert waiting.poll() is None  # still waiting for the other writer
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert [row[1] for row in dict(snapshot(db))["organisation"]] == ["4799999999"]


# --- a killed import, a full disk ------------------------------------------------------------------


def big_cooperatives(path: Path, rows: int = 100_000) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("code,name,kind,district,founded,members,capital_vnd\n")
        for i in range(rows):
            founded = f"2010-01-{i % 28 + 1:02d}"
            f.write(f"48{i:08d},Hợp tác xã Thử Nghiệm {i},HTX,Chợ Đồn,{founded},{i % 50},{i * 1000}\n")


@pytest.mark.slow
def test_a_killed_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    db, source = sqlite_registry(tmp_path), tmp_path / "big.csv"
    load_example(db)
    big_cooperatives(source)
    before = count(db, "organisation")
    moments = random.Random(2018).sample([x / 10 for x in range(3, 30)], 10)
    outcomes = []
    for moment in moments:
        child = subprocess.Popen(
            [*HTX, "--db", str(db), "import", "cooperatives", str(source)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(moment)
        child.send_signal(signal.SIGKILL)
        child.wait()
        found = count(db, "organisation")
        assert found in (before, before + 100_000), (moment, found)
        outcomes.append(found == before)
        # The next commands open the registry afresh, as a new process would (in this one: its start
        # proves nothing more here, and ten of them were a fifth of the test).
        check = invoke(db, "db", "check")
        assert check.exit_code == 0, check.stdout[-500:] + check.stderr
        if found != before:  # the import had committed before the kill: undo it for the next round
            assert invoke(db, "undo", "--yes").exit_code == 0
    assert any(outcomes)


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
def test_a_full_disk_fails_cleanly(tmp_path: Path) -> None:
    db, source = sqlite_registry(tmp_path), tmp_path / "big.csv"
    load_example(db)
    big_cooperatives(source, 30_000)
    size = db.stat().st_size
    child = subprocess.run(
        [*HTX, "--db", str(db), "import", "cooperatives", str(source)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _limit_file_size(size + 512 * 1024),
        timeout=300,
    )
    assert child.returncode == 1, child.stderr
    assert child.stderr.startswith("Error: database: ") and child.stderr.count("\n") == 1, child.stderr
    assert "Traceback" not in child.stderr
    assert count(db, "organisation") == 222
    assert htx_process(db, "db", "check").returncode == 0
    assert (EXAMPLE / "cooperatives.csv").exists()
