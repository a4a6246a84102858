#!/usr/bin/env python3
"""Yearly figures for the benchmark registry: one row per organisation and year, five years each.

    python3 benchmarks/make_figures.py DATADIR    # reads DATADIR/cooperatives.csv, writes DATADIR/figures.csv

Deterministic (random.Random(22)). Each organisation gets the five years from 2014 (or its founding) on,
within its life; one with a shorter life gets the years it lived, and as many others a sixth year: 500,000
rows. About one row in five reports nothing (code and year, every figure empty), and a reporting row leaves
a field empty now and then. Written year by year, as a province's file grows: all of one year's rows, then
the next's. Magnitudes as in the Bắc Kạn example, with no row ten times its year before (no warnings).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

COLUMNS = [
    "code", "year", "members", "associate_members", "new_members", "workers", "member_workers",
    "seasonal_workers", "capital_vnd", "assets_vnd", "revenue_vnd", "profit_vnd", "tax_vnd",
    "income_vnd_per_year", "ocop_3", "ocop_4", "ocop_5", "high_tech", "value_chain", "note",
]  # fmt: skip
FIRST, YEARS, LAST_ALLOWED = 2014, 5, 2026


def main() -> None:
    data = Path(sys.argv[1])
    rnd = random.Random(22)
    lives = []
    with open(data / "cooperatives.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            founded = int(row["founded"][:4])
            end = int(row["dissolved"][:4]) if row["dissolved"] else LAST_ALLOWED
            start = max(founded, FIRST)
            if start + YEARS - 1 > end:
                start = max(founded, end - YEARS + 1)
            years = range(start, min(end, start + YEARS - 1) + 1)
            lives.append(
                (row["code"], int(row["members"] or 10), int(row["capital_vnd"] or 0), years, founded)
            )
    # A sixth year (the one before) for as many organisations as the short-lived ones lack, so that the
    # file holds five rows per organisation on average: 500,000 for the 100,000.
    missing = YEARS * len(lives) - sum(len(life[3]) for life in lives)
    for i, (code, members, capital, years, founded) in enumerate(lives):
        if missing and len(years) == YEARS and years.start > founded:
            lives[i] = (code, members, capital, range(years.start - 1, years.stop), founded)
            missing -= 1
    base = {code: rnd.randint(200, 3000) * 1_000_000 for code, *_ in lives}
    by_year: dict[int, list[list[object]]] = {}
    for code, members, capital, years, _ in lives:
        revenue = base[code]
        # What an organisation is stays much the same from year to year.
        associates, seasonal = rnd.randint(0, 15), rnd.randint(0, 30)
        margin, tax = rnd.randint(1, 10), rnd.randint(0, 2)
        for year in years:
            revenue = revenue * rnd.randint(90, 125) // 100 // 1_000_000 * 1_000_000
            if rnd.random() < 0.2:
                by_year.setdefault(year, []).append([code, year] + [""] * (len(COLUMNS) - 2))
                continue
            workers = max(2, members * rnd.randint(30, 80) // 100)

            def maybe(value: object, p: float = 0.1) -> object:
                return "" if rnd.random() < p else value

            by_year.setdefault(year, []).append(
                [
                    code,
                    year,
                    members,
                    maybe(associates, 0.5),
                    maybe(rnd.randint(0, 4)),
                    workers,
                    maybe(min(workers, members)),
                    maybe(seasonal, 0.4),
                    maybe(capital),
                    maybe(capital * rnd.randint(110, 250) // 100, 0.3),
                    maybe(revenue, 0.05),
                    maybe(revenue * margin // 100),
                    maybe(revenue * tax // 100, 0.3),
                    maybe(rnd.randint(30, 60) * 1_000_000, 0.15),
                    maybe(rnd.choice((0, 0, 0, 1, 2))),
                    maybe(rnd.choice((0, 0, 0, 0, 1))),
                    maybe(0),
                    maybe(rnd.choice(("yes", "no", "no", "no"))),
                    maybe(rnd.choice(("yes", "no"))),
                    "",
                ]
            )
    with open(data / "figures.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for year in sorted(by_year):
            writer.writerows(by_year[year])


if __name__ == "__main__":
    main()
