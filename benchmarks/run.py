#!/usr/bin/env python3
"""htx against its floors, measured side by side in one run; prints a Markdown table of medians and ratios.

    .venv/bin/python benchmarks/run.py [--runs 5] [--imports] [--shared ../shared]

Startup: `htx --help` vs `sqlite-utils --help`; `htx show CODE` vs `sqlite-utils query` of the same row on a
100,000-organisation database. With --imports, also the CSV imports against ../shared/bench/floor_import.py,
peak memory (max RSS) of each import and of exporting every support row, and `htx report 2018 --format json`
against `sqlite3 floor.db < floor_report.sql`, with a check that both give the same totals.
`--report-only HTX_DB FLOOR_DB` times just the report on databases loaded earlier; `--workbook HTX_DB`
just the report's workbook (`-o report.xlsx`, with its list of organisations) against `htx export
cooperatives`. `--postgres URL` (an empty
database) also copies the registry there with `htx db copy` and times the same report on PostgreSQL against
SQLite, checking that both give the same JSON. `--later-year` times a year's ratings imported into a
registry that holds the earlier years (rows inserted as they are), and the same file again (rows compared).
`--check HTX_DB` times `report 2018 --check` against the report itself, both as JSON (issue 24).
`--sheets` times importing the organisations from an xlsx workbook (made from the CSV once, outside the
timing) beside the same CSV import, with the workbook import's peak memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTX = [str(BIN / "htx")]
SQLITE_UTILS = [str(BIN / "sqlite-utils")]
TIME = "/usr/bin/time"


def measure(
    command: list[str], *, stdout: int | None = subprocess.DEVNULL, exits: tuple[int, ...] = (0,)
) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one run, which must end with one of `exits`."""
    with tempfile.NamedTemporaryFile("r") as report:
        done = subprocess.run(
            [TIME, "-f", "%e %M", "-o", report.name, *command],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )
        if done.returncode not in exits:
            raise subprocess.CalledProcessError(done.returncode, command)
        seconds, kib = report.read().split()[-2:]
    return float(seconds), int(kib) // 1024


def median_of(
    runs: int,
    *commands: list[str],
    before: list[list[str]] | None = None,
    exits: tuple[int, ...] = (0,),
) -> list[float]:
    """Median wall time of each command, runs interleaved so that machine noise hits all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            if before:
                subprocess.run(before[i], check=True, capture_output=True)
            times[i].append(measure(command, exits=exits)[0])
    return [statistics.median(t) for t in times]


def time_check(runs: int, db: Path) -> list[tuple[str, str, str, str]]:
    """`report 2018 --check` (issue 24: the report built, then its checks) against the report itself,
    both as JSON, interleaved; --check exits 1 when it finds anything, which the data does."""
    report = [*HTX, "--db", str(db), "report", "2018", "--format", "json"]
    check_time, json_time = median_of(runs, [*report, "--check"], report, exits=(0, 1))
    peak = measure([*report, "--check"], exits=(0, 1))[1]
    found = subprocess.run([*report, "--check"], capture_output=True, text=True)
    checks = sorted({f["check"] for f in json.loads(found.stdout)["findings"]})
    return [
        (
            f"`htx report 2018 --check -f json` vs `--format json` (found: {', '.join(checks) or 'none'})",
            f"{check_time:.2f}",
            f"{json_time:.2f}",
            f"{check_time / json_time:.2f}× (≤ 2× target)",
        ),
        ("peak memory, htx report 2018 --check", f"{peak} MiB", "", "≤ 150 MiB target"),
    ]


def floor_totals(floor_db: Path, floor_sql: Path) -> dict[str, dict[tuple[str, ...], tuple[int, ...]]]:
    """The floor's four result sets, keyed by their leading text columns."""
    statements = [s for s in floor_sql.read_text().split(";") if "select" in s.lower()]
    con = sqlite3.connect(floor_db)
    names = ("kinds", "districts", "grades", "programs")
    out = {}
    for name, statement in zip(names, statements, strict=True):
        keyed = {}
        for row in con.execute(statement):
            keys = tuple(v for v in row if isinstance(v, str) or v is None)
            keyed[keys] = tuple(v or 0 for v in row[len(keys) :])
        out[name] = keyed
    con.close()
    return out


def check_report(report: dict, floor: dict[str, dict[tuple[str, ...], tuple[int, ...]]]) -> None:
    """htx's totals must equal the floor's, figure by figure."""
    for (kind,), figures in floor["kinds"].items():
        o = report["organisations"][kind]
        assert (o["active"], o["new"], o["dissolved"], o["members"], o["capital_vnd"]) == figures, kind
    for (district, kind), figures in floor["districts"].items():
        block = report["districts"].get(district or "", {}).get(kind)
        got = (block["active"], block["new"], block["dissolved"]) if block else (0, 0, 0)
        assert got == figures, (district, kind)
    for (grade,), (count,) in floor["grades"].items():
        got = report["ratings"]["unrated"] if grade == "unrated" else report["ratings"]["grades"][grade]
        assert got == count, grade
    for (program,), figures in floor["programs"].items():
        s = report["support"][program]
        assert (s["organisations"], s["records"], s["quantity"], s["amount_vnd"]) == figures, program


def time_report(runs: int, db: Path, floor_db: Path, shared: Path) -> list[tuple[str, str, str, str]]:
    floor_sql = shared / "bench" / "floor_report.sql"
    htx = [*HTX, "--db", str(db), "report", "2018", "--format", "json"]
    floor = ["bash", "-c", f"sqlite3 {floor_db} < {floor_sql}"]
    subprocess.run(floor, check=True, capture_output=True)  # creates the floor's two indexes once
    produced = subprocess.run(htx, check=True, capture_output=True, text=True).stdout
    check_report(json.loads(produced), floor_totals(floor_db, floor_sql))
    report_htx, report_floor = median_of(runs, htx, floor)
    _, peak = measure(htx)
    return [
        (
            "`htx report 2018 --format json` vs `sqlite3 floor.db < floor_report.sql` (totals equal)",
            f"{report_htx:.2f}",
            f"{report_floor:.2f}",
            f"{report_htx / report_floor:.2f}×",
        ),
        ("peak memory, htx report 2018", f"{peak} MiB", "", "≤ 150 MiB target"),
        *time_documents(runs, db),
    ]


def time_documents(runs: int, db: Path) -> list[tuple[str, str, str, str]]:
    """The Word and HTML reports against the JSON of the same report (its figures, laid out as
    documents: the floor is htx's own JSON), the three interleaved."""
    folder = Path(tempfile.mkdtemp(prefix="htx-bench-documents-"))
    report = [*HTX, "--db", str(db), "report", "2018"]
    as_json = [*report, "--format", "json"]
    as_html = [*report, "-o", str(folder / "report.html")]
    as_docx = [*report, "-o", str(folder / "report.docx")]
    json_time, html_time, docx_time = median_of(runs, as_json, as_html, as_docx)
    shutil.rmtree(folder, ignore_errors=True)
    return [
        (
            f"`htx report 2018 -o {name}` vs `--format json`",
            f"{seconds:.2f}",
            f"{json_time:.2f}",
            f"{seconds / json_time:.2f}× (≤ 2× target)",
        )
        for name, seconds in (("report.html", html_time), ("report.docx", docx_time))
    ]


def time_workbook(runs: int, db: Path, work: Path) -> list[tuple[str, str, str, str]]:
    """The report as a workbook with its list of every active organisation (issue 15) against
    exporting the organisations as CSV, interleaved; the workbook's peak memory."""
    target = work / "report.xlsx"
    workbook = [*HTX, "--db", str(db), "report", "2018", "-o", str(target)]
    export = [*HTX, "--db", str(db), "export", "cooperatives"]
    book_s, export_s = median_of(runs, workbook, export)
    peak = max(measure(workbook)[1] for _ in range(2))
    size = target.stat().st_size / 2**20
    return [
        (
            f"`htx report 2018 -o report.xlsx` ({size:.1f} MiB) vs `htx export cooperatives`",
            f"{book_s:.2f}",
            f"{export_s:.2f}",
            f"{book_s / export_s:.2f}× (target ≤ 6×)",
        ),
        ("peak memory, htx report 2018 -o report.xlsx", f"{peak} MiB", "", "≤ 150 MiB target"),
    ]


def time_postgres(runs: int, db: Path, url: str) -> list[tuple[str, str, str, str]]:
    copy_time, _ = measure([*HTX, "--db", str(db), "db", "copy", "--to", url])
    on_sqlite = [*HTX, "--db", str(db), "report", "2018", "--format", "json"]
    on_server = [*HTX, "--db", url, "report", "2018", "--format", "json"]
    outputs = [
        subprocess.run(c, check=True, capture_output=True, text=True).stdout for c in (on_sqlite, on_server)
    ]
    assert outputs[0] == outputs[1], "the report differs between SQLite and PostgreSQL"
    server, sqlite = median_of(runs, on_server, on_sqlite)
    return [
        ("`htx db copy` of the whole registry, SQLite → PostgreSQL", f"{copy_time:.1f}", "", ""),
        (
            "`htx report 2018 --format json`, PostgreSQL vs SQLite (same JSON)",
            f"{server:.2f}",
            f"{sqlite:.2f}",
            f"{server / sqlite:.2f}×",
        ),
    ]


# make_data.py dissolves a few organisations up to 24 years after their founding, some after today, and
# htx refuses a dissolution that has not happened yet: those are moved to this date (in the past, after
# every rating the data holds). A fixed date keeps the data the same from one day to the next.
DISSOLVED_AT_THE_LATEST = "2024-12-31"


def time_as_of(runs: int, db: Path) -> list[tuple[str, str, str, str]]:
    """`report 2018 --as-of 30/06/2018` beside the full year's report on the same loaded registry
    (issue 23), interleaved; then both again with two targets set (a span's flows add earlier years up),
    on a copy so that the registry given is left as it was."""
    year = [*HTX, "--db", str(db), "report", "2018", "--format", "json"]
    half = [*year, "--as-of", "30/06/2018"]
    cut, full = median_of(runs, half, year)
    rows = [
        (
            "`report 2018 --as-of 30/06/2018` vs the full year",
            f"{cut:.2f}",
            f"{full:.2f}",
            f"{cut / full:.2f}×",
        )
    ]
    with tempfile.TemporaryDirectory(prefix="htx-bench-") as work:
        planned = Path(work) / "planned.db"
        con, copy = sqlite3.connect(db), sqlite3.connect(planned)
        con.backup(copy)
        con.close()
        copy.close()
        for target in (("2016-2020", "new-model", "10"), ("2018", "new-cooperatives", "2000")):
            subprocess.run(
                [*HTX, "--db", str(planned), "plan", "set", *target], check=True, capture_output=True
            )
        year = [*HTX, "--db", str(planned), "report", "2018", "--format", "json"]
        cut, full = median_of(runs, [*year, "--as-of", "30/06/2018"], year)
        rows.append(
            (
                "the same with two targets (one over 2016–2020)",
                f"{cut:.2f}",
                f"{full:.2f}",
                f"{cut / full:.2f}×",
            )
        )
    return rows


def no_dissolution_after_today(cooperatives: Path) -> None:
    today = date.today().isoformat()
    with cooperatives.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    at = rows[0].index("dissolved")
    late = [row for row in rows[1:] if row[at] > today]
    if not late:
        return
    for row in late:
        row[at] = DISSOLVED_AT_THE_LATEST
    with cooperatives.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def _split_last_year(ratings: Path, earlier: Path, last: Path) -> None:
    """ratings.csv into the years before the last one and the last year's rows."""
    import csv

    with ratings.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    year = max(row[1] for row in body)
    for folder, keep in ((earlier, lambda y: y != year), (last, lambda y: y == year)):
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "ratings.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(row for row in body if keep(row[1]))


def time_later_year(runs: int, data: Path, work: Path, floor_script: Path) -> list[tuple[str, str, str, str]]:
    """A year's ratings into a registry that holds the earlier years: htx inserting them (no stored row
    named), the floor inserting them into its own registry, and htx importing the same file again
    (every row compared with its stored one). Fresh copies of both registries each run."""
    earlier, last = work / "earlier", work / "last"
    _split_last_year(data / "ratings.csv", earlier, last)
    base_htx, base_floor = work / "later-htx.db", work / "later-floor.db"
    subprocess.run([*HTX, "--db", str(base_htx), "db", "upgrade"], check=True, capture_output=True)
    for file in (data / "cooperatives.csv", earlier / "ratings.csv"):
        table = file.stem
        subprocess.run(
            [*HTX, "--db", str(base_htx), "import", table, str(file)], check=True, capture_output=True
        )
    subprocess.run(
        [sys.executable, str(floor_script), str(data), str(base_floor), "cooperatives"], check=True
    )
    subprocess.run([sys.executable, str(floor_script), str(earlier), str(base_floor), "ratings"], check=True)
    new, again, floor, coops_again = [], [], [], []
    peaks = {"ratings": 0, "cooperatives": 0}
    for _ in range(runs):
        htx_db, floor_db = work / "later-run-htx.db", work / "later-run-floor.db"
        shutil.copy(base_htx, htx_db)
        shutil.copy(base_floor, floor_db)
        htx = [*HTX, "--db", str(htx_db), "import", "ratings", str(last / "ratings.csv")]
        new.append(measure(htx)[0])
        seconds, peak = measure(htx)
        again.append(seconds)
        peaks["ratings"] = max(peaks["ratings"], peak)
        seconds, peak = measure(
            [*HTX, "--db", str(htx_db), "import", "cooperatives", str(data / "cooperatives.csv")]
        )
        coops_again.append(seconds)
        peaks["cooperatives"] = max(peaks["cooperatives"], peak)
        floor.append(measure([sys.executable, str(floor_script), str(last), str(floor_db), "ratings"])[0])
        for path in work.glob("later-run-*"):
            path.unlink()
    rows = sum(1 for _ in (last / "ratings.csv").open()) - 1
    new_s, again_s, floor_s = (statistics.median(t) for t in (new, again, floor))
    return [
        (
            f"a year's ratings ({rows:,} rows) into a registry holding the earlier years, vs the floor",
            f"{new_s:.2f}",
            f"{floor_s:.2f}",
            f"{new_s / floor_s:.2f}×",
        ),
        (
            "the same file imported again (all rows unchanged), vs the floor's insert",
            f"{again_s:.2f}",
            f"{floor_s:.2f}",
            f"{again_s / floor_s:.2f}×",
        ),
        ("peak memory, that ratings file again", f"{peaks['ratings']} MiB", "", "≤ 150 MiB target"),
        (
            "`htx import cooperatives` again, 100,000 rows unchanged",
            f"{statistics.median(coops_again):.2f}",
            "",
            "",
        ),
        ("peak memory, the cooperatives file again", f"{peaks['cooperatives']} MiB", "", "≤ 150 MiB target"),
    ]


IMPORT_PEAKS: list[tuple[str, str, str, str]] = []


def time_imports(
    runs: int, db: Path, data: Path, work: Path, floor: list[str]
) -> list[tuple[str, str, str, str]]:
    """Each run loads the three files into a fresh htx database and the floor's into fresh ones, one
    after the other, so that machine noise hits both; medians of the runs. `db` (loaded already by
    the first import of cooperatives) is loaded with ratings and support for the report."""
    htx_coops, htx_total, floor_coops, floor_total = [], [], [], []
    peaks: dict[str, int] = {}
    for run in range(runs):
        target = work / f"import-{run}.db"
        subprocess.run([*HTX, "--db", str(target), "db", "upgrade"], check=True, capture_output=True)
        total = 0.0
        for table in ("cooperatives", "ratings", "support"):
            seconds, peak = measure([*HTX, "--db", str(target), "import", table, str(data / f"{table}.csv")])
            total += seconds
            peaks[table] = max(peaks.get(table, 0), peak)
            if table == "cooperatives":
                htx_coops.append(seconds)
        htx_total.append(total)
        for table, times in (("cooperatives", floor_coops), ("all", floor_total)):
            floor_db = work / f"floor-{run}-{table}.db"
            times.append(measure([*floor[:-1], str(floor_db), table])[0])
        for path in work.glob(f"*-{run}*.db*"):
            path.unlink()
    for table in ("ratings", "support"):
        subprocess.run([*HTX, "--db", str(db), "import", table, str(data / f"{table}.csv")], check=True)
    IMPORT_PEAKS.extend(
        (f"peak memory, htx import {table}", f"{peak} MiB", "", "≤ 150 MiB target")
        for table, peak in peaks.items()
    )
    coops = statistics.median(htx_coops), statistics.median(floor_coops)
    total = statistics.median(htx_total), statistics.median(floor_total)
    return [
        (
            f"`htx import cooperatives` (100,000 rows) vs floor, median of {runs}",
            f"{coops[0]:.2f}",
            f"{coops[1]:.2f}",
            f"{coops[0] / coops[1]:.2f}×",
        ),
        (
            f"the three files, one command each, vs floor `all`, median of {runs}",
            f"{total[0]:.2f}",
            f"{total[1]:.2f}",
            f"{total[0] / total[1]:.2f}×",
        ),
    ]


def sheet_of(source: Path, target: Path) -> None:
    """The cooperatives CSV as Excel would save the clerk's workbook: Vietnamese headers, dates as date
    cells, counts and amounts as numbers, text in the shared-strings table and the sheet's extent
    declared before its rows. XlsxWriter's default mode writes both as Excel does (its constant-memory
    mode, which export uses, and openpyxl's write-only mode write strings inline); it holds the whole
    sheet in memory meanwhile (~1 GiB), which is why this is done once, outside the timing."""
    import xlsxwriter

    sys.path.insert(0, str(ROOT / "src"))
    from htxcli.domain.headers import DATE_COLUMNS, NUMBER_COLUMNS, vietnamese_header

    book = xlsxwriter.Workbook(str(target))
    sheet = book.add_worksheet("Sheet1")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    with source.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        sheet.write_row(0, 0, [vietnamese_header(column) for column in header])
        kinds = ["date" if c in DATE_COLUMNS else "number" if c in NUMBER_COLUMNS else "" for c in header]
        for r, row in enumerate(rows, start=1):
            for c, (cell, kind) in enumerate(zip(row, kinds, strict=True)):
                if not cell:
                    continue
                if kind == "date":
                    sheet.write_datetime(r, c, date.fromisoformat(cell), day)
                elif kind == "number":
                    sheet.write_number(r, c, int(cell))
                else:
                    sheet.write_string(r, c, cell)
    book.close()


def time_sheet_import(runs: int, data: Path, work: Path) -> list[tuple[str, str, str, str]]:
    """`htx import cooperatives` of the same 100,000 organisations from the workbook and from the CSV,
    each into a fresh registry, interleaved; medians, and the workbook import's peak memory."""
    book = data / "cooperatives.xlsx"
    if not book.exists() or book.stat().st_mtime < (data / "cooperatives.csv").stat().st_mtime:
        sheet_of(data / "cooperatives.csv", book)  # once, outside the timing
    times: dict[str, list[float]] = {"xlsx": [], "csv": []}
    peak = 0
    for run in range(runs):
        for kind, path in (("xlsx", book), ("csv", data / "cooperatives.csv")):
            target = work / f"sheet-{run}-{kind}.db"
            subprocess.run([*HTX, "--db", str(target), "db", "upgrade"], check=True, capture_output=True)
            seconds, used = measure([*HTX, "--db", str(target), "import", "cooperatives", str(path)])
            times[kind].append(seconds)
            if kind == "xlsx":
                peak = max(peak, used)
            for stale in work.glob(f"sheet-{run}-{kind}.db*"):
                stale.unlink()
    xlsx, csv_ = statistics.median(times["xlsx"]), statistics.median(times["csv"])
    return [
        (
            f"`htx import cooperatives` from xlsx vs from CSV (100,000 rows), median of {runs}",
            f"{xlsx:.2f}",
            f"{csv_:.2f}",
            f"{xlsx / csv_:.2f}×",
        ),
        ("peak memory, htx import cooperatives from xlsx", f"{peak} MiB", "", "≤ 150 MiB target"),
    ]


def time_figures(
    runs: int, import_runs: int, data: Path, work: Path, shared: Path
) -> list[tuple[str, str, str, str]]:
    """Issue 22: `htx import figures` of the 500,000 rows (five years of the 100,000 organisations, about
    one in five reporting nothing) into a registry holding the organisations, against the same CSV into
    a bare table with csv and sqlite3 (benchmarks/floor_figures.py), each run on a fresh copy, interleaved;
    then `htx report 2018 --format json` on the registry with ratings and support, with and without the
    figures, interleaved; the peak memory of both."""
    if not (data / "figures.csv").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_figures.py"), str(data)], check=True)
    base, floor_base = work / "figures-base.db", work / "figures-floor-base.db"
    subprocess.run(
        [*HTX, "--db", str(base), "import", "cooperatives", str(data / "cooperatives.csv")], check=True
    )
    floor_import = [sys.executable, str(shared / "bench" / "floor_import.py"), str(data), str(floor_base)]
    subprocess.run([*floor_import, "cooperatives"], check=True)
    htx_times, floor_times, peaks = [], [], []
    for run in range(import_runs):
        target, floor_db = work / f"figures-{run}.db", work / f"figures-floor-{run}.db"
        shutil.copy(base, target)
        shutil.copy(floor_base, floor_db)
        seconds, peak = measure([*HTX, "--db", str(target), "import", "figures", str(data / "figures.csv")])
        htx_times.append(seconds)
        peaks.append(peak)
        floor = [sys.executable, str(ROOT / "benchmarks" / "floor_figures.py"), str(data), str(floor_db)]
        floor_times.append(measure(floor)[0])
        for path in work.glob(f"figures-*{run}.db*"):
            path.unlink()
    without = work / "figures-report.db"
    shutil.copy(base, without)
    for table in ("ratings", "support"):
        subprocess.run([*HTX, "--db", str(without), "import", table, str(data / f"{table}.csv")], check=True)
    with_figures = work / "figures-report-with.db"
    shutil.copy(without, with_figures)
    subprocess.run(
        [*HTX, "--db", str(with_figures), "import", "figures", str(data / "figures.csv")], check=True
    )
    report = ["report", "2018", "--format", "json"]
    plain, figured = median_of(
        runs, [*HTX, "--db", str(without), *report], [*HTX, "--db", str(with_figures), *report]
    )
    _, peak_plain = measure([*HTX, "--db", str(without), *report])
    _, peak_figured = measure([*HTX, "--db", str(with_figures), *report])
    imported, floor_median = statistics.median(htx_times), statistics.median(floor_times)
    return [
        (
            f"`htx import figures` (500,000 rows) vs csv+sqlite3 into a bare table, median of {import_runs}",
            f"{imported:.2f}",
            f"{floor_median:.2f}",
            f"{imported / floor_median:.2f}× (target ≤ 3×)",
        ),
        ("peak memory, htx import figures", f"{max(peaks)} MiB", "", "≤ 150 MiB target"),
        (
            "`htx report 2018 --format json` with figures vs without",
            f"{figured:.2f}",
            f"{plain:.2f}",
            f"{figured / plain:.2f}× (target ≤ 1.3×)",
        ),
        (
            "peak memory, htx report 2018 with figures / without",
            f"{peak_figured} / {peak_plain} MiB",
            "",
            "≤ 150 MiB target",
        ),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--imports", action="store_true", help="also time the 100,000-row imports (minutes)")
    ap.add_argument("--import-runs", type=int, default=3, help="runs of the imports (each about a minute)")
    ap.add_argument(
        "--later-year",
        action="store_true",
        help="also time a year's ratings into a filled registry (minutes)",
    )
    ap.add_argument(
        "--sheets",
        action="store_true",
        help="also time importing the cooperatives from an xlsx workbook, beside the CSV (minutes)",
    )
    ap.add_argument(
        "--figures",
        action="store_true",
        help="only the yearly figures (issue 22): import figures vs its floor, the report with and without",
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--report-only", nargs=2, type=Path, metavar=("HTX_DB", "FLOOR_DB"))
    ap.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database for the server run")
    ap.add_argument(
        "--workbook", type=Path, metavar="HTX_DB", help="time only the report's workbook on a loaded registry"
    )
    ap.add_argument(
        "--as-of",
        type=Path,
        metavar="HTX_DB",
        help="only report 2018 --as-of 30/06/2018 beside the full year's report, on a loaded registry",
    )
    ap.add_argument(
        "--check", type=Path, metavar="HTX_DB", help="time only `report --check` against the report"
    )
    a = ap.parse_args()
    if a.as_of:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        print_rows(time_as_of(a.runs, a.as_of), a.runs)
        return
    if a.check:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        print_rows(time_check(a.runs, a.check), a.runs)
        return
    if a.figures:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        data = ROOT / "benchmarks" / "data"
        if not (data / "support.csv").exists():
            subprocess.run([sys.executable, str(a.shared / "bench" / "make_data.py"), str(data)], check=True)
        with tempfile.TemporaryDirectory(prefix="htx-bench-") as work:
            print_rows(time_figures(a.runs, a.import_runs, data, Path(work), a.shared), a.runs)
        return
    if a.workbook:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        with tempfile.TemporaryDirectory(prefix="htx-bench-") as work:
            print_rows(time_workbook(a.runs, a.workbook, Path(work)), a.runs)
        return
    if a.report_only:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
        rows = time_report(a.runs, *a.report_only, a.shared)
        if a.postgres:
            rows.extend(time_postgres(a.runs, a.report_only[0], a.postgres))
        print_rows(rows, a.runs)
        return
    data = ROOT / "benchmarks" / "data"
    work = Path(tempfile.mkdtemp(prefix="htx-bench-"))
    if not (data / "support.csv").exists():
        subprocess.run([sys.executable, str(a.shared / "bench" / "make_data.py"), str(data)], check=True)
    no_dissolution_after_today(data / "cooperatives.csv")
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
    subprocess.run([*HTX, *env_db, "import", "cooperatives", str(data / "cooperatives.csv")], check=True)
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

    if a.later_year:
        rows.extend(time_later_year(a.import_runs, data, work, a.shared / "bench" / "floor_import.py"))
    if a.sheets:
        rows.extend(time_sheet_import(a.import_runs, data, work))
    if a.imports:
        rows.extend(time_imports(a.import_runs, db, data, work, floor))
        subprocess.run([*floor, "all"], check=True)  # the floor's registry, for the report
        peaks = {}
        _, peaks["export support"] = measure([*HTX, *env_db, "export", "support"])
        rows.extend(IMPORT_PEAKS)
        for what, peak in peaks.items():
            rows.append((f"peak memory, htx {what}", f"{peak} MiB", "", "≤ 150 MiB target"))
        rows.extend(time_report(a.runs, db, floor_db, a.shared))
        rows.extend(time_workbook(a.runs, db, work))
        if a.postgres:
            rows.extend(time_postgres(a.runs, db, a.postgres))

    print_rows(rows, a.runs)
    shutil.rmtree(work, ignore_errors=True)


def print_rows(rows: list[tuple[str, str, str, str]], runs: int) -> None:
    print("| measurement | htx (s) | floor (s) | ratio |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n{runs} runs, medians; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
