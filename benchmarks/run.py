#!/usr/bin/env python3
"""htx against its floors, measured side by side in one run; prints a Markdown table of medians and ratios.

    .venv/bin/python benchmarks/run.py [--runs 5] [--imports] [--shared ../shared]

Startup: `htx --help` vs `sqlite-utils --help`; `htx show CODE` vs `sqlite-utils query` of the same row on a
100,000-organisation database. With --imports, also the CSV imports against ../shared/bench/floor_import.py,
and peak memory (max RSS) of each import and of exporting every support row.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTX = [str(BIN / "htx")]
SQLITE_UTILS = [str(BIN / "sqlite-utils")]
TIME = "/usr/bin/time"


def measure(command: list[str], *, stdout: int | None = subprocess.DEVNULL) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one run."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            [TIME, "-f", "%e %M", "-o", report.name, *command],
            check=True,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )
        seconds, kib = report.read().split()[-2:]
    return float(seconds), int(kib) // 1024


def median_of(runs: int, *commands: list[str], before: list[list[str]] | None = None) -> list[float]:
    """Median wall time of each command, runs interleaved so that machine noise hits all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            if before:
                subprocess.run(before[i], check=True, capture_output=True)
            times[i].append(measure(command)[0])
    return [statistics.median(t) for t in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--imports", action="store_true", help="also time the 100,000-row imports (minutes)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    a = ap.parse_args()
    data = ROOT / "benchmarks" / "data"
    work = Path(tempfile.mkdtemp(prefix="htx-bench-"))
    if not (data / "support.csv").exists():
        subprocess.run([sys.executable, str(a.shared / "bench" / "make_data.py"), str(data)], check=True)
    rows: list[tuple[str, str, str, str]] = []
    # An editable install never writes bytecode when PYTHONDONTWRITEBYTECODE is set, while sqlite-utils
    # comes precompiled from its wheel; compile htx as `pip install` of its wheel would.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)

    help_htx, help_su = median_of(a.runs, [*HTX, "--help"], [*SQLITE_UTILS, "--help"])
    rows.append(
        (
            "`htx --help` vs `sqlite-utils --help`",
            f"{help_htx:.2f}",
            f"{help_su:.2f}",
            f"{help_htx / help_su:.2f}×",
        )
    )

    # A 100,000-organisation database made by htx itself.
    db = work / "htx.db"
    env_db = ["--db", str(db)]
    subprocess.run([*HTX, *env_db, "db", "upgrade"], check=True, capture_output=True)
    coop_time, coop_mem = measure([*HTX, *env_db, "import", "cooperatives", str(data / "cooperatives.csv")])
    floor_db = work / "floor.db"
    floor = [sys.executable, str(a.shared / "bench" / "floor_import.py"), str(data), str(floor_db)]
    code = "4700349993"
    show_htx, show_su = median_of(
        a.runs,
        [*HTX, *env_db, "show", code],
        [
            *SQLITE_UTILS,
            "query",
            str(db),
            "select * from organisation where code = :code",
            "-p",
            "code",
            code,
        ],
    )
    rows.append(
        (
            "`htx show CODE` vs `sqlite-utils query` (100,000 organisations)",
            f"{show_htx:.2f}",
            f"{show_su:.2f}",
            f"{show_htx / show_su:.2f}×",
        )
    )

    if a.imports:
        fresh = [*HTX, "--db", str(work / "i.db"), "import", "cooperatives", str(data / "cooperatives.csv")]
        reset_htx = ["bash", "-c", f"rm -f {work}/i.db* && {HTX[0]} --db {work}/i.db db upgrade"]
        reset_floor = ["bash", "-c", f"rm -f {floor_db}*"]
        imp_htx, imp_floor = median_of(
            max(1, a.runs // 2), fresh, [*floor, "cooperatives"], before=[reset_htx, reset_floor]
        )
        rows.append(
            (
                "`htx import cooperatives` (100,000 rows) vs floor",
                f"{imp_htx:.2f}",
                f"{imp_floor:.2f}",
                f"{imp_htx / imp_floor:.2f}×",
            )
        )
        total_htx = coop_time
        peaks = {"import cooperatives": coop_mem}
        for table in ("ratings", "support"):
            seconds, peak = measure([*HTX, *env_db, "import", table, str(data / f"{table}.csv")])
            total_htx += seconds
            peaks[f"import {table}"] = peak
        subprocess.run(reset_floor, check=True)
        total_floor, _ = measure([*floor, "all"])
        rows.append(
            (
                "whole three-file import vs floor `all`",
                f"{total_htx:.2f}",
                f"{total_floor:.2f}",
                f"{total_htx / total_floor:.2f}×",
            )
        )
        _, peaks["export support"] = measure([*HTX, *env_db, "export", "support"])
        for what, peak in peaks.items():
            rows.append((f"peak memory, htx {what}", f"{peak} MiB", "", "≤ 150 MiB target"))

    print("| measurement | htx (s) | floor (s) | ratio |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n{a.runs} runs, medians; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
