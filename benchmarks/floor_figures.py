#!/usr/bin/env python3
"""The floor for `htx import figures`: the same CSV into a bare table with csv and sqlite3, no validation.

    python3 benchmarks/floor_figures.py DATADIR DB

DB already holds the floor's organisations (../shared/bench/floor_import.py DATADIR DB cooperatives): the
codes become ids through a dict, every other cell becomes an int, or None when empty; one executemany in
one transaction into a table without constraints or indexes.
"""

import csv
import sqlite3
import sys
from pathlib import Path

NUMBERS = 15  # members … ocop_5


def main() -> None:
    data, db = Path(sys.argv[1]), Path(sys.argv[2])
    con = sqlite3.connect(db)
    con.execute(
        "create table if not exists figures(coop_id integer, year integer, members integer,"
        " associate_members integer, new_members integer, workers integer, member_workers integer,"
        " seasonal_workers integer, capital_vnd integer, assets_vnd integer, revenue_vnd integer,"
        " profit_vnd integer, tax_vnd integer, income_vnd_per_year integer, ocop_3 integer, ocop_4 integer,"
        " ocop_5 integer, high_tech integer, value_chain integer, note text)"
    )
    ids = dict(con.execute("select code, id from coop"))
    with open(data / "figures.csv", newline="", encoding="utf-8") as f, con:
        reader = csv.reader(f)
        next(reader)
        con.executemany(
            "insert into figures values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    ids[row[0]],
                    int(row[1]),
                    *(int(c) if c else None for c in row[2 : 2 + NUMBERS]),
                    *((c == "yes") if c else None for c in row[2 + NUMBERS : 4 + NUMBERS]),
                    row[-1] or None,
                )
                for row in reader
            ),
        )
    con.close()


if __name__ == "__main__":
    main()
