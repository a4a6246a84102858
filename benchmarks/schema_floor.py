#!/usr/bin/env python3
"""How long SQLite alone takes to store htx's organisation rows: the floor under `htx import cooperatives`
that no importer on this schema can go below.

    .venv/bin/python benchmarks/schema_floor.py HTX_DB [--runs 3]

HTX_DB is a registry loaded by htx (benchmarks/run.py leaves one; any `htx import cooperatives` makes one).
Its organisation rows, already parsed and with their derived keys, are inserted with the standard sqlite3
module and one executemany into fresh files, in variants of the schema: htx's own (WAL, secondary indexes
built after the load, as the import does), the same with a rollback journal, without the secondary indexes,
and without the derived keys and indexes (about what ../shared/bench/floor_import.py stores). No parsing,
no validation and no Python start-up of htx are counted. Interleaved with each run, the floor script loads
benchmarks/data/cooperatives.csv, for comparison. Prints medians per variant.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT.parent / "shared" / "bench" / "floor_import.py"
DATA = ROOT / "benchmarks" / "data"
KEY_COLUMNS = ("search_key", "name_key", "district_key", "sort_key")


def load(
    path: Path, table_sql: str, rows: list[tuple[object, ...]], indexes: list[str], journal: str
) -> float:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute(table_sql)
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(f"INSERT INTO organisation VALUES ({', '.join('?' * len(rows[0]))})", rows)
    for statement in indexes:
        con.execute(statement)
    con.execute("COMMIT")
    con.close()  # checkpoints the WAL
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    source = sqlite3.connect(a.db)
    cursor = source.execute("SELECT * FROM organisation")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    schema = source.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'organisation' AND sql IS NOT NULL"
    ).fetchall()
    source.close()
    table_sql = next(sql for kind, sql in schema if kind == "table")
    indexes = [sql for kind, sql in schema if kind == "index"]
    blank = [columns.index(c) for c in KEY_COLUMNS]
    keyless = [tuple("" if i in blank else v for i, v in enumerate(row)) for row in rows]
    variants = {
        "htx's schema, WAL, indexes built after the load": (rows, indexes, "wal"),
        "htx's schema, rollback journal": (rows, indexes, "delete"),
        "no secondary indexes, WAL": (rows, [], "wal"),
        "no derived keys and no secondary indexes, WAL": (keyless, [], "wal"),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    floor = "floor_import.py cooperatives (its whole run: start-up, CSV, insert)"
    times[floor] = []
    with tempfile.TemporaryDirectory() as work:
        for run in range(a.runs):
            for n, (name, (data, index_sql, journal)) in enumerate(variants.items()):
                times[name].append(load(Path(work) / f"{run}-{n}.db", table_sql, data, index_sql, journal))
            start = time.perf_counter()
            command = [
                sys.executable,
                str(FLOOR),
                str(DATA),
                str(Path(work) / f"{run}-floor.db"),
                "cooperatives",
            ]
            subprocess.run(command, check=True)
            times[floor].append(time.perf_counter() - start)
    print(f"{len(rows):,} organisation rows, median of {a.runs} runs")
    for name, seconds in times.items():
        print(f"  {statistics.median(seconds):5.2f} s  {name}")


if __name__ == "__main__":
    main()
