"""Imports insert batches as they are where they can (no lookups of stored rows; into empty tables,
secondary indexes built after the load on SQLite); they must end exactly where the careful way ends,
whatever the file holds."""

from __future__ import annotations

import gc
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from htxcli.services.interchange import BATCH
from tests.conftest import EXAMPLE, HTX, invoke, snapshot

pytestmark = pytest.mark.both_backends

HEADER = "code,name,kind,district,founded,members\n"


def _cooperatives(count: int, *, repeat: dict[int, int] | None = None) -> str:
    """`count` rows; row i of `repeat` carries the code of an earlier row, with its own name."""
    lines = []
    for i in range(count):
        code = f"C{(repeat or {}).get(i, i):05d}"
        lines.append(f"{code},HTX Số {i},cooperative,Ba Bể,2010-01-01,{i % 50}\n")
    return HEADER + "".join(lines)


def _export(db: Path | str, table: str) -> str:
    r = invoke(db, "export", table)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def test_a_code_repeated_across_batches_updates_like_a_second_import(
    databases: Callable[[], Path | str], tmp_path: Path
) -> None:
    """The later row wins, whether the earlier one was in this file or already stored."""
    rows = BATCH + 100
    data = tmp_path / "c.csv"
    data.write_text(_cooperatives(rows, repeat={BATCH + 50: 7}))
    bulk = databases()
    r = invoke(bulk, "import", "cooperatives", str(data))
    assert r.exit_code == 0, r.stderr
    assert f"{rows - 1} new, 1 changed, 0 unchanged" in r.stderr

    # The careful way: the first part of the file loaded before, then the whole file on top.
    careful = databases()
    first = tmp_path / "first.csv"
    first.write_text(_cooperatives(10))
    assert invoke(careful, "import", "cooperatives", str(first)).exit_code == 0
    assert invoke(careful, "import", "cooperatives", str(data)).exit_code == 0
    assert _export(bulk, "cooperatives") == _export(careful, "cooperatives")
    assert f"HTX Số {BATCH + 50}" in str(invoke(bulk, "show", "C00007").stdout)
    assert invoke(bulk, "search", f"số {BATCH + 50}").stdout.count("C00007") == 1


def _registry(databases: Callable[[], Path | str], folder: Path, organisations: int) -> Path | str:
    """A new database holding organisations C00000, C00001, …"""
    db = databases()
    coops = folder / "c.csv"
    coops.write_text(_cooperatives(organisations))
    assert invoke(db, "import", "cooperatives", str(coops)).exit_code == 0
    return db


def test_ratings_and_support_repeated_across_batches(
    databases: Callable[[], Path | str], tmp_path: Path
) -> None:
    db = _registry(databases, tmp_path, 200)
    ratings = tmp_path / "r.csv"
    # 200 organisations, so that the years rated (2011 to 2021) are all past ones.
    rows = [f"C{i % 200:05d},{2011 + i // 200},good,85,\n" for i in range(BATCH + 40)]
    rows.append("C00003,2011,weak,20,again\n")  # rated in the first batch, re-rated in the second
    ratings.write_text("code,year,grade,score,note\n" + "".join(rows))
    r = invoke(db, "import", "ratings", str(ratings))
    assert r.exit_code == 0, r.stderr
    assert f"{BATCH + 40} new, 1 changed, 0 unchanged" in r.stderr
    assert "C00003,2011,weak,20,again" in _export(db, "ratings")

    support = tmp_path / "s.csv"
    lines = [f"C{i % 60:05d},credit,2018-03-01,{1000 + i},1,,QĐ-{i}/2018,\n" for i in range(BATCH + 10)]
    lines.append("C00001,credit,2018-03-02,5,1,,QĐ-5/2018,corrected\n")  # a reference seen before
    lines.append(",outreach,2018-05-10,0,8,lớp,,\n")  # province-wide, no reference
    lines.append(",outreach,2018-05-10,0,8,lớp,,\n")  # the same row again: not added twice
    support.write_text("code,program,date,amount_vnd,quantity,unit,reference,note\n" + "".join(lines))
    r = invoke(db, "import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    assert f"{BATCH + 11} new, 1 changed, 1 unchanged" in r.stderr
    exported = _export(db, "support")
    assert "C00001,credit,2018-03-02,5,1,,QĐ-5/2018,corrected" in exported
    assert exported.count("QĐ-5/2018") == 1


def test_a_file_of_new_rows_into_filled_tables_ends_as_one_load_and_undoes_exactly(
    databases: Callable[[], Path | str], tmp_path: Path
) -> None:
    """A later file (new organisations, a new year's ratings) is inserted batch by batch as it is; its
    batch that names a stored row goes the careful way. The registry ends as if both files had been
    one, and undo takes back exactly the later file."""
    orgs = BATCH + 100
    db = _registry(databases, tmp_path, orgs)
    first, later = tmp_path / "r1.csv", tmp_path / "r2.csv"
    header = "code,year,grade,score,note\n"
    first_rows = "".join(f"C{i:05d},2011,good,85,\n" for i in range(orgs))
    later_rows = "".join(f"C{i:05d},2012,average,60,\n" for i in range(orgs)) + "C00003,2011,weak,20,again\n"
    first.write_text(header + first_rows)
    later.write_text(header + later_rows)
    assert invoke(db, "import", "ratings", str(first)).exit_code == 0
    before_later = _export(db, "ratings")
    r = invoke(db, "import", "ratings", str(later))
    assert r.exit_code == 0, r.stderr
    assert f"{orgs} new, 1 changed, 0 unchanged" in r.stderr

    more = tmp_path / "c2.csv"
    more.write_text(HEADER + f"C{orgs:05d},HTX Mới Thành Lập,cooperative,Ba Bể,2010-01-01,3\n")
    assert "1 new, 0 changed" in invoke(db, "import", "cooperatives", str(more)).stderr
    assert invoke(db, "search", "moi thanh lap").stdout.count(f"C{orgs:05d}") == 1

    (tmp_path / "at-once").mkdir()
    at_once = _registry(databases, tmp_path / "at-once", orgs)
    both = tmp_path / "both.csv"
    both.write_text(header + first_rows + later_rows)
    assert invoke(at_once, "import", "ratings", str(both)).exit_code == 0
    assert _export(db, "ratings") == _export(at_once, "ratings")

    assert invoke(db, "undo", "--yes").exit_code == 0  # the new organisation
    assert invoke(db, "undo", "--yes").exit_code == 0  # the later ratings file
    assert _export(db, "ratings") == before_later


def test_a_file_of_stored_rows_leaves_no_batch_behind_for_the_cycle_collector(
    db_path: Path | str, tmp_path: Path
) -> None:
    """Every batch of a re-imported file fails its first attempt on a unique constraint and goes the
    careful way, which leaves reference cycles (the error's frames hold the batch's rows). An import
    makes the cycle collector rare, so unless the import sweeps them itself it grows by a batch each
    time. With automatic collection off, what the import leaves behind must be far less than a batch."""
    data = tmp_path / "c.csv"
    data.write_text(_cooperatives(3 * BATCH))
    db = db_path
    assert invoke(db, "import", "cooperatives", str(data)).exit_code == 0
    gc.collect()
    gc.disable()
    try:
        r = invoke(db, "import", "cooperatives", str(data))
        left_for_the_collector = gc.collect()
    finally:
        gc.enable()
    assert f"0 new, 0 changed, {3 * BATCH} unchanged" in r.stderr
    assert left_for_the_collector < BATCH


def test_a_file_imported_again_reports_its_counts_and_nothing_else(
    db_path: Path | str, tmp_path: Path
) -> None:
    """In a process of its own, as a clerk runs it: pytest's log capture would hide what a library
    logs. On PostgreSQL each batch's failed first attempt ends an aborted pipeline, which psycopg
    reported on stderr, once per batch."""
    data = tmp_path / "c.csv"
    data.write_text(_cooperatives(2 * BATCH + 10))
    db = db_path
    command = [*HTX, "--db", str(db), "import", "cooperatives", str(data)]
    assert subprocess.run(command, capture_output=True, timeout=120).returncode == 0
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0
    assert again.stderr == f"cooperatives: 0 new, 0 changed, {2 * BATCH + 10} unchanged\n"


def test_unknown_codes_in_a_bulk_batch_are_refused_and_the_rest_kept(
    databases: Callable[[], Path | str], tmp_path: Path
) -> None:
    db = _registry(databases, tmp_path, 5)
    support = tmp_path / "s.csv"
    support.write_text(
        "code,program,date,amount_vnd,reference\n"
        "C00001,credit,2018-03-01,100,R1\nNOPE,credit,2018-03-01,100,R2\nC00002,credit,2018-03-01,100,R3\n"
    )
    rejects = tmp_path / "rejects.csv"
    r = invoke(db, "import", "support", str(support), "--rejects", str(rejects))
    assert r.exit_code == 1 and f"{support}:3: code: 'NOPE' is not in the registry" in r.stderr, r.stderr
    assert "2 new, 0 changed, 0 unchanged, 1 rejected" in r.stderr
    assert [line.split(",")[6] for line in _export(db, "support").splitlines()[1:]] == ["R1", "R3"]


def _indexes(db: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()
    finally:
        con.close()


def test_indexes_are_as_before_after_a_bulk_load_a_failed_one_and_a_dry_run(tmp_path: Path) -> None:
    """SQLite only (run once): the import drops SQLite's secondary indexes for a load into empty tables
    and must put back exactly those the migrations made."""
    db = tmp_path / "i.db"
    assert invoke(db, "db", "upgrade").exit_code == 0
    indexes = _indexes(db)
    assert any(name == "ix_organisation_sort_key" for name, _ in indexes)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(_cooperatives(30))
    bad.write_text(_cooperatives(30) + "X1,HTX X,cooperative,,2010-02-30,1\n")
    before = snapshot(db)
    assert invoke(db, "import", "cooperatives", str(bad)).exit_code == 1
    assert invoke(db, "import", "cooperatives", str(good), "--dry-run").exit_code == 0
    assert _indexes(db) == indexes and snapshot(db) == before
    assert invoke(db, "import", "cooperatives", str(good)).exit_code == 0
    assert _indexes(db) == indexes
    con = sqlite3.connect(db)
    try:
        plan = con.execute(
            "EXPLAIN QUERY PLAN SELECT code FROM organisation ORDER BY sort_key LIMIT 5"
        ).fetchall()
        assert "ix_organisation_sort_key" in str(plan)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_line_numbers_across_batches_with_cells_over_several_lines(
    db_path: Path | str, tmp_path: Path
) -> None:
    """Physical lines stay right after rows whose cells hold line breaks, and after blank lines."""
    db = db_path
    rows = [f'C{i:05d},HTX {i},2010-01-01,"chè\ngạo"\n' for i in range(BATCH + 5)]
    rows.insert(3, "\n")  # a blank line
    rows.append("BAD,HTX bad,2010-13-01,\n")
    data = tmp_path / "c.csv"
    data.write_text("code,name,founded,products\n" + "".join(rows))
    r = invoke(db, "import", "cooperatives", str(data))
    expected = 1 + 1 + 2 * (BATCH + 5) + 1  # header, blank line, two lines a row, then the bad row
    assert r.exit_code == 1 and r.stderr.startswith(f"{data}:{expected}: founded: '2010-13-01'"), r.stderr


def test_a_byte_that_is_not_utf8_far_into_the_file_is_named_by_its_line(
    db_path: Path | str, tmp_path: Path
) -> None:
    db = db_path
    good = "".join(f"C{i:06d},HTX Hợp tác xã số {i},2010-01-01\n" for i in range(40_000))  # > 1 MiB
    data = tmp_path / "c.csv"
    data.write_bytes(("code,name,founded\n" + good).encode() + b"X1,HTX \xff,2010-01-01\n")
    r = invoke(db, "import", "cooperatives", str(data))
    assert r.exit_code == 1 and f"{data}:40002: the file is not UTF-8" in r.stderr, r.stderr


def test_a_broken_quote_after_multiline_rows_names_the_row_it_starts_on(
    db_path: Path | str, tmp_path: Path
) -> None:
    db = db_path
    data = tmp_path / "c.csv"
    data.write_text('code,name,founded,products\nA,HTX A,2010-01-01,"x\ny"\nB,HTX B,2010-01-01,"z"w\n')
    r = invoke(db, "import", "cooperatives", str(data))
    assert r.exit_code == 1 and f"{data}:4:" in r.stderr, r.stderr


# --- reading ahead in a second process (a pipe, or a large file, on Linux with two cores) --------


def _piped(db: Path | str, table: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    """`… | htx import TABLE -`: a pipe has no size, so the file is read ahead by a child process."""
    command = [*HTX, "--db", str(db), "import", table, "-"]
    return subprocess.run(command, input=data, capture_output=True, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reading ahead forks: Linux only")
def test_reading_ahead_loads_what_reading_in_process_loads(databases: Callable[[], Path | str]) -> None:
    piped, direct = databases(), databases()
    for table in ("cooperatives", "ratings", "support"):
        r = _piped(piped, table, (EXAMPLE / f"{table}.csv").read_bytes())
        assert r.returncode == 0, r.stderr
        assert invoke(direct, "import", table, str(EXAMPLE / f"{table}.csv")).exit_code == 0
    for table in ("cooperatives", "ratings", "support"):
        assert _export(piped, table) == _export(direct, table)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reading ahead forks: Linux only")
def test_reading_ahead_reports_bad_rows_and_files_like_reading_in_process(db_path: Path | str) -> None:
    db = db_path
    assert invoke(db, "db", "upgrade").exit_code == 0
    before = snapshot(db)
    rows = _cooperatives(BATCH + 30) + 'Z1,"HTX ""Z""",cooperative,,2010-02-30,3\n'
    r = _piped(db, "cooperatives", rows.encode())
    assert r.returncode == 1
    assert r.stderr.decode().splitlines() == [
        f"<stdin>:{BATCH + 32}: founded: '2010-02-30' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        "Error: <stdin>: rows with errors: 1; nothing was imported",
    ]
    not_utf8 = _cooperatives(BATCH + 30).encode() + b"Z2,HTX \xff,cooperative,,2010-02-01,3\n"
    r = _piped(db, "cooperatives", not_utf8)
    assert r.returncode == 1 and f"<stdin>:{BATCH + 32}: the file is not UTF-8" in r.stderr.decode()
    broken = _cooperatives(BATCH + 30) + 'Z3,"HTX\n'
    r = _piped(db, "cooperatives", broken.encode())
    assert r.returncode == 1 and r.stderr.decode().startswith(f"Error: <stdin>:{BATCH + 32}:"), r.stderr
    assert snapshot(db) == before


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=4), min_size=1, max_size=6))
@example([["a\rb", "c\r\nd", '"q"'], [""], ["=1", " x "]])
def test_a_batch_crosses_to_another_process_unchanged(rows: list[list[str]]) -> None:
    """Rows travel between the processes as CSV text; read back, every cell is as it was."""
    from htxcli.services.interchange import Read

    sent = Read(range(2, 2 + len(rows)), rows)
    received = pickle.loads(pickle.dumps(sent))
    assert received.rows == rows and list(received.lines) == list(sent.lines)
