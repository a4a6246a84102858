#!/usr/bin/env python3
"""`htx import cooperatives` against the floor, paired: each round runs the floor and then every htx tree
named, each on a fresh database, so that a loaded machine slows a pair alike; prints each tree's median
wall and CPU (user + system) seconds and the median of its per-round ratios to the floor.

    .venv/bin/python benchmarks/paired.py DATADIR [--runs 7] [--tree base=/tmp/base/src] [--table T]

DATADIR holds the CSVs ../shared/bench/make_data.py writes. The working tree's src/ is always measured
(as "this"); --tree adds another source tree (e.g. `git archive REV | tar -x -C DIR`), run with the same
virtualenv through PYTHONPATH. Every tree is byte-compiled first, as run.py does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT.parent / "shared" / "bench" / "floor_import.py"


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S", "-o", out.name, *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        wall, user, system = (float(v) for v in out.read().split()[-3:])
    return wall, user + system


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--tree", action="append", default=[], help="LABEL=SRC_DIR, another htx source tree")
    ap.add_argument("--table", default="cooperatives")
    args = ap.parse_args()
    trees = {"this": ROOT / "src", **dict(t.split("=", 1) for t in args.tree)}
    for src in trees.values():
        compileall.compile_dir(str(src), quiet=1)
    csv = args.data / f"{args.table}.csv"
    results: dict[str, list[tuple[float, float]]] = {"floor": [], **{label: [] for label in trees}}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="htx-paired-") as folder:
            results["floor"].append(
                timed([sys.executable, str(FLOOR), str(args.data), f"{folder}/f.db", args.table])
            )
            for label, src in trees.items():
                env = {**os.environ, "PYTHONPATH": str(src), "HTX_LANG": "en", "PYTHONDONTWRITEBYTECODE": ""}
                db = f"{folder}/{label}.db"
                results[label].append(
                    timed([sys.executable, "-m", "htxcli", "--db", db, "import", args.table, str(csv)], env)
                )
    floor = results["floor"]
    print(
        f"{args.runs} paired rounds, `htx import {args.table}` ({csv}); "
        f"load average {os.getloadavg()[0]:.1f} at the end\n"
    )
    print("| tree | wall median (s) | CPU median (s) | wall ratio (median of pairs) | CPU ratio (ditto) |")
    print("|---|---|---|---|---|")
    for label, runs in results.items():
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        wall_ratio = statistics.median(w / f[0] for (w, _), f in zip(runs, floor, strict=True))
        cpu_ratio = statistics.median(c / f[1] for (_, c), f in zip(runs, floor, strict=True))
        print(
            f"| {label} | {statistics.median(walls):.2f} | {statistics.median(cpus):.2f} "
            f"| {wall_ratio:.2f}× | {cpu_ratio:.2f}× |"
        )


if __name__ == "__main__":
    main()
