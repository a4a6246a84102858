"""One rule for every file htx writes: never over the registry, another database, an input or a folder.

`--rejects ~/.local/share/htx/htx.db` replaced the live registry with a CSV file (with --dry-run too, and
when every row was good). Each writing option is pointed at each such target: one line, exit 1, and every
byte of every file left in place.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.conftest import invoke

GOOD = "code,name,founded\nA1,HTX A,2010-01-01\n"
MIXED = "code,name,founded\nB1,HTX B,2010-01-01\nB2,HTX C,2010-02-30\n"


def _bytes_of(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The registry, another registry (one under a name that hides what it is), the input, a folder."""
    for name in ("htx.db", "other.db"):
        r = invoke(tmp_path / name, "add", "HTX Gốc", "--code", "0100222333", "--founded", "2010-01-01")
        assert r.exit_code == 0, r.stderr
    os.replace(tmp_path / "other.db", tmp_path / "backup.csv")
    (tmp_path / "good.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "mixed.csv").write_text(MIXED, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


TARGETS = {
    "the registry": ("htx.db", "is the registry itself"),
    "the registry by another path": ("folder/../htx.db", "is the registry itself"),
    "its write-ahead log": ("htx.db-wal", "is the registry itself"),
    "another database, named .csv": ("backup.csv", "is a database"),
    "the input file": ("INPUT", "is the file being read"),
    "a folder": ("folder", "is a folder"),
    "a missing folder": ("nowhere/r.csv", "is in a folder that does not exist"),
}
COMMANDS = {
    "import --rejects": ("import", "cooperatives", "mixed.csv", "--rejects"),
    "import --dry-run --rejects": ("import", "cooperatives", "mixed.csv", "--dry-run", "--rejects"),
    "import of good rows --rejects": ("import", "cooperatives", "good.csv", "--rejects"),
    "report -o": ("report", "2018", "--format", "json", "-o"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", TARGETS)
def test_no_writing_option_writes_over_what_it_must_not(office: Path, command: str, target: str) -> None:
    name, problem = TARGETS[target]
    args = [str(office / a) if a.endswith(".csv") else a for a in COMMANDS[command]]
    if name == "INPUT":
        if command.startswith("report"):
            pytest.skip("a report reads no file")
        name = next(a for a in args if a.endswith(".csv"))
    before = _bytes_of(office)
    r = invoke(office / "htx.db", *args, str(office / name))
    assert r.exit_code == 1, r.stderr
    option = "--output" if command.startswith("report") else "--rejects"
    assert r.stderr.startswith(f"Error: {option}: ") and problem in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1 and r.stdout == ""
    assert _bytes_of(office) == before


@pytest.mark.parametrize("target", [t for t in TARGETS if TARGETS[t][0] != "INPUT"])
def test_a_backup_never_writes_over_them_either(office: Path, target: str) -> None:
    name, problem = TARGETS[target]
    before = _bytes_of(office)
    r = invoke(office / "htx.db", "db", "backup", str(office / name))
    assert r.exit_code == 1 and problem in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert _bytes_of(office) == before


def test_a_failed_import_leaves_no_rejects_file_and_keeps_an_earlier_one(office: Path) -> None:
    """Written beside the target and renamed: a failure leaves neither half a file nor a temporary one."""
    rejects = office / "rejects.csv"
    rejects.write_text("last week's rejects\n")
    bad_header = office / "bad.csv"
    bad_header.write_text("code,name,nonsense\nA,B,C\n")
    before = _bytes_of(office)
    r = invoke(office / "htx.db", "import", "cooperatives", str(bad_header), "--rejects", str(rejects))
    assert r.exit_code == 1 and "nonsense" in r.stderr
    assert _bytes_of(office) == before
    assert not [p for p in office.iterdir() if p.name.endswith(".tmp")]


def test_rejects_and_reports_replace_their_own_earlier_files(office: Path) -> None:
    rejects, report = office / "rejects.csv", office / "report.json"
    rejects.write_text("old\n")
    report.write_text("last year's report")
    r = invoke(
        office / "htx.db", "import", "cooperatives", str(office / "mixed.csv"), "--rejects", str(rejects)
    )
    assert r.exit_code == 1 and rejects.read_text().startswith("code,name,founded,error\nB2,")
    assert invoke(office / "htx.db", "report", "2018", "-o", str(report)).exit_code == 0
    assert report.read_text().startswith("{")
    assert not [p for p in office.iterdir() if p.name.endswith(".tmp")]
