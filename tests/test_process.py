"""htx as a separate process: start-up imports, pipes, python -m."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import HTX

PROBE = """
import sys
sys.argv = ["htx", *sys.argv[1:]]
from htxcli.cli.app import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("sqlalchemy", "alembic") if m in sys.modules)
print("IMPORTED=" + ",".join(heavy), file=sys.stderr)
"""


def _probe(*args: str, env: dict[str, str] | None = None) -> str:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    line = [x for x in r.stderr.splitlines() if x.startswith("IMPORTED=")][-1]
    return line.removeprefix("IMPORTED=")


def test_help_imports_neither_sqlalchemy_nor_alembic() -> None:
    assert _probe("--help") == ""
    assert _probe("add", "--help") == ""


def test_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    subprocess.run(
        [*HTX, "--db", db, "add", "HTX A", "--code", "1", "--founded", "2010-01-01"],
        check=True,
        capture_output=True,
    )
    assert _probe("--db", db, "show", "1") == "sqlalchemy"


def test_python_m_and_broken_pipe_are_quiet(tmp_path: Path) -> None:
    """`htx list --format csv | head -1`: head closes the pipe long before htx is done writing."""
    db = tmp_path / "p.db"
    env = {**os.environ, "HTX_DB": str(db)}
    subprocess.run(
        [*HTX, "add", "HTX Số 0", "--code", "C0", "--founded", "2010-01-01"],
        env=env,
        check=True,
        capture_output=True,
    )
    _fill(db, 20_000)  # far more than a pipe buffer holds
    script = f"{sys.executable} -m htxcli list --format csv | head -1"
    r = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, check=False)
    assert (
        r.stdout == "code,name,kind,district,commune,sector,founded,dissolved,members,capital_vnd,"
        "representative,phone,products,province,new_address_from,new_province,new_commune\n"
    )
    assert r.stderr == ""


def _fill(db: Path, count: int) -> None:
    import sqlite3

    from htxcli.domain.records import derived_keys

    con = sqlite3.connect(db)
    rows = []
    for i in range(1, count):
        values = {"code": f"C{i}", "name": f"Hợp tác xã Nông nghiệp Số {i}", "district": "Ba Bể"}
        keys = derived_keys(values)
        rows.append(
            (
                values["code"],
                values["name"],
                "cooperative",
                "Ba Bể",
                "2010-01-01",
                keys["search_key"],
                keys["name_key"],
                keys["district_key"],
                keys["sort_key"],
            )
        )
    con.executemany(
        "INSERT INTO organisation(code, name, kind, district, founded, search_key, name_key, district_key,"
        " sort_key)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    con.commit()
    con.close()
