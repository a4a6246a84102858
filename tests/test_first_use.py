"""What a clerk hit on first use (issue 12): encodings, the keyboard, Ctrl-C, and files from Excel."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import HTX, ROOT, invoke, snapshot, sqlite_registry
from tests.terminal import interruptible

NAME = "HTX Chè Mỹ Phương"


def _run(db: Path, *args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "HTX_DB": str(db)}
    return subprocess.run([*HTX, *args], env=env, capture_output=True, check=False, cwd=ROOT)


# Several commands through htx's own main in one process whose streams start in `encoding`: each
# command's stdout and stderr, then a NUL and its exit code on stderr, a NUL on stdout.
_COMMANDS = """
import json, os, sys
from htxcli.cli.app import main

for args in json.loads(sys.argv[1]):
    sys.argv = ["htx", *args]
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, b"\\0")
    os.write(2, b"\\0%d\\0" % code)
"""


def _run_each(db: Path, commands: list[tuple[str, ...]], encoding: str) -> list[tuple[int, bytes, bytes]]:
    """(exit code, stdout, stderr) of each command, run one after another in one process."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "HTX_DB": str(db)}
    done = subprocess.run(
        [HTX[0], "-c", _COMMANDS, json.dumps(commands)], env=env, capture_output=True, check=True, cwd=ROOT
    )
    outs = done.stdout.split(b"\0")[:-1]
    parts = done.stderr.split(b"\0")[:-1]
    errs, codes = parts[0::2], [int(c) for c in parts[1::2]]
    assert len(outs) == len(errs) == len(codes) == len(commands), done.stderr
    return list(zip(codes, outs, errs, strict=True))


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_redirected_output_is_utf8_whatever_the_locale(tmp_path: Path, encoding: str) -> None:
    """Windows sends redirected output through the ANSI code page: `htx export > ds.csv` ended in a
    UnicodeEncodeError after the header. The first command runs in a process of its own; the others
    share one, each through htx's main as a process runs it."""
    db = tmp_path / "w.db"
    added = _run(db, "add", NAME, "--code", "0470000001", "--founded", "2012-01-01", encoding=encoding)
    assert added.returncode == 0 and NAME in added.stderr.decode("utf-8")
    commands = [
        ("rate", "0470000001", "2018", "khá"),
        ("export", "cooperatives"),
        ("export", "ratings", "--format", "json"),
        ("list",),
        ("list", "--format", "csv"),
        ("report", "2018"),
        ("report", "2018", "--format", "json"),
        ("report", "2018", "--format", "csv"),
        ("report", "2018", "--format", "markdown"),
        ("show", "0470000001"),
        ("show", "Mỹ Phương"),
    ]
    ran = _run_each(db, commands, encoding)
    for args, (code, out, err) in zip(commands[:-1], ran, strict=False):
        assert code == 0, (args, err.decode("utf-8", "replace"))
        assert b"Traceback" not in err
        text = out.decode("utf-8")  # strict: every byte is UTF-8
        if args[0] not in ("report", "rate"):
            assert NAME in text or "Khá" in text or "fair" in text, args
    code, _, err = ran[-1]
    assert code == 1 and "Mỹ Phương" in err.decode("utf-8")


def test_reading_from_the_keyboard_says_how_to_finish(tmp_path: Path) -> None:
    import pty

    db = tmp_path / "k.db"
    main, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [*HTX, "--db", str(db), "import", "cooperatives", "-"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        os.close(terminal)
        os.write(main, "code,name,founded\nK1,HTX Bàn Phím,2010-01-01\n".encode())
        os.write(main, b"\x04")  # Ctrl-D on a line of its own ends the input
        _, err = process.communicate(timeout=120)
    finally:
        os.close(main)
    text = err.decode("utf-8")
    assert process.returncode == 0, text
    assert "Reading CSV from the keyboard" in text and "Ctrl-D" in text
    assert "1 new" in text
    assert invoke(db, "show", "K1").exit_code == 0


def test_ctrl_c_during_an_import_says_nothing_was_imported(tmp_path: Path) -> None:
    """Interrupted half-way (a pipe that has sent 5,000 rows and waits), the import keeps nothing."""
    db = tmp_path / "c.db"
    process = subprocess.Popen(
        [*HTX, "--db", str(db), "import", "cooperatives", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=interruptible,
    )
    assert process.stdin is not None
    rows = "".join(f"C{i:05d},HTX Số {i},2010-01-01\n" for i in range(5000))
    process.stdin.write(f"code,name,founded\n{rows}".encode())
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while not _has_schema(db):  # the registry is made before the file is read
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.1)
    time.sleep(1.0)  # the batches sent are written; the import waits for more rows
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    text = err.decode("utf-8")
    assert process.returncode == 130, text
    assert text.strip().splitlines() == ["Interrupted: nothing was imported"]
    # The registry this first command made holds nothing, so it is not left behind (issue 26).
    assert not Path(db).exists()


def _has_schema(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            return bool(
                con.execute("SELECT count(*) FROM sqlite_master WHERE name='organisation'").fetchone()[0]
            )
    except sqlite3.Error:
        return False


def test_empty_header_cells_that_excel_leaves_are_ignored(tmp_path: Path) -> None:
    f = tmp_path / "excel.csv"
    f.write_text(
        "code;name;founded;;\r\nE1;HTX Một;2010-01-01;;\r\nE2;HTX Hai;2011-01-01;;\r\n", encoding="utf-8"
    )
    db = sqlite_registry(tmp_path)
    r = invoke(db, "import", "cooperatives", str(f))
    assert r.exit_code == 0, r.stderr
    assert "2 new" in r.stderr
    holds = tmp_path / "holds.csv"
    holds.write_text("code;name;founded;;\nE3;HTX Ba;2012-01-01;;lost\n", encoding="utf-8")
    before = snapshot(db)
    r = invoke(db, "import", "cooperatives", str(holds))
    assert r.exit_code == 1 and f"{holds}:2: row: has 5 cells, the header has 3" in r.stderr
    assert snapshot(db) == before


def test_a_rejects_file_is_in_the_inputs_dialect_and_loads_once_corrected(tmp_path: Path) -> None:
    """Semicolons, a BOM and CRLF from Excel: the rejects file keeps them, and its error column is
    ignored when the corrected file is imported."""
    f = tmp_path / "in.csv"
    f.write_bytes("\ufeffcode;name;founded\r\nR1;HTX Tốt;2010-01-01\r\nR2;HTX Sai;30/02/2010\r\n".encode())
    rejects = tmp_path / "rejects.csv"
    db = sqlite_registry(tmp_path)
    r = invoke(db, "import", "cooperatives", str(f), "--rejects", str(rejects))
    assert r.exit_code == 1
    data = rejects.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "code;name;founded;error"
    assert lines[1].startswith("R2;HTX Sai;30/02/2010;founded: ")
    rejects.write_bytes(data.replace(b"30/02/2010", b"28/02/2010"))
    r = invoke(db, "import", "cooperatives", str(rejects))
    assert r.exit_code == 0 and "1 new" in r.stderr, r.stderr
    assert invoke(db, "show", "R2").exit_code == 0


def test_control_characters_in_an_error_line_are_escaped(tmp_path: Path) -> None:
    f = tmp_path / "ctl.csv"
    f.write_text("code,na\x1b[2Jme,founded\n", encoding="utf-8")
    r = invoke(sqlite_registry(tmp_path), "import", "cooperatives", str(f))
    assert r.exit_code == 1
    assert "\x1b" not in r.stderr and "na\\x1b[2Jme" in r.stderr and r.stderr.count("\n") == 1


def test_db_naming_a_text_file_says_which_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("a clerk's notes\n")
    for args in (("list",), ("add", "HTX A", "--code", "A1", "--founded", "2010-01-01")):
        r = invoke(notes, *args)
        assert r.exit_code == 1 and r.stderr.count("\n") == 1
        assert f"database: {notes} is not a registry but another kind of file" in r.stderr
    assert notes.read_text() == "a clerk's notes\n"


def test_an_empty_file_not_named_db_does_not_become_a_registry(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.touch()
    for args in (("list",), ("add", "HTX A", "--code", "A1", "--founded", "2010-01-01")):
        r = invoke(empty, *args)
        assert r.exit_code == 1 and f"database: {empty} is an empty file, not a registry" in r.stderr
    assert empty.read_bytes() == b""
    named = tmp_path / "office.db"
    named.touch()  # an empty file named .db may start a registry, and htx says it made one
    r = invoke(named, "add", "HTX A", "--code", "A1", "--founded", "2010-01-01")
    assert r.exit_code == 0 and f"Created a new registry at {named}" in r.stderr


def test_the_command_that_creates_a_registry_says_where_and_how_to_back_it_up(tmp_path: Path) -> None:
    db = tmp_path / "new" / "htx.db"
    r = invoke(db, "add", "HTX A", "--code", "A1", "--founded", "2010-01-01")
    assert r.exit_code == 0
    assert f"Created a new registry at {db}; back it up now and then with: htx db backup FILE" in r.stderr
    r = invoke(db, "add", "HTX B", "--code", "B1", "--founded", "2010-01-01")
    assert "Created" not in r.stderr


def test_a_registry_made_by_db_upgrade_is_announced_once(tmp_path: Path) -> None:
    db = tmp_path / "htx.db"
    r = invoke(db, "db", "upgrade")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.count("Created a new registry") == 1, r.stderr


def test_ctrl_c_while_typing_rows_at_the_keyboard_says_nothing_was_imported(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    db = tmp_path / "t.db"
    with Terminal(db, "import", "cooperatives", "-") as terminal:
        terminal.expect("Reading CSV from the keyboard")
        terminal.type("code,name,founded")
        terminal.type("T1,HTX Gõ Dở,2010-01-01")
        terminal.expect("T1,HTX Gõ Dở,2010-01-01")  # echoed: htx is reading what is typed
        terminal.control("C")
        terminal.expect("Interrupted: nothing was imported")
        code, out = terminal.finish()
    assert code == 130 and out == "" and "Traceback" not in terminal.transcript
    assert not db.exists()


def test_a_new_registry_is_not_made_under_a_documents_name(tmp_path: Path) -> None:
    """`--db ds.csv import cooperatives …` made a SQLite file called ds.csv."""
    f = tmp_path / "in.csv"
    f.write_text("code,name,founded\nA1,HTX A,2010-01-01\n", encoding="utf-8")
    for name in ("ds.csv", "bao-cao.xlsx", "notes.TXT"):
        r = invoke(tmp_path / name, "import", "cooperatives", str(f))
        assert r.exit_code == 1 and r.stderr.count("\n") == 1
        assert f"{tmp_path / name} does not exist, and its name is a document's" in r.stderr
        assert not (tmp_path / name).exists()
    assert invoke(tmp_path / "office", "import", "cooperatives", str(f)).exit_code == 0  # no suffix: fine
