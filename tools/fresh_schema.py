"""Write src/htxcli/store/fresh_schema.py: the SQL of a new SQLite registry at the newest revision.

    .venv/bin/python tools/fresh_schema.py      (or: make fresh-schema)

A new registry is made by running these statements in one transaction instead of every migration
from the first (Alembic's import and eight migrations were a third of a first import's start). The
statements are read from a database that the migrations themselves brought to the head, so they are
the migrations' result, and tests/test_fresh_schema.py fails until this is run after a new migration.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from htxcli.store.engine import make_engine  # noqa: E402
from htxcli.store.location import resolve  # noqa: E402
from htxcli.store.migrate import HEAD_REVISION, run_alembic_upgrade  # noqa: E402

TARGET = ROOT / "src" / "htxcli" / "store" / "fresh_schema.py"


def migrated_statements() -> list[str]:
    """Every statement that remakes a registry the migrations brought to the head, in iterdump order."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "htx.db"
        engine = make_engine(resolve(str(path)))
        run_alembic_upgrade(engine)
        engine.dispose()
        con = sqlite3.connect(path)
        try:
            statements = [
                _constraints_sorted(s) for s in con.iterdump() if s not in ("BEGIN TRANSACTION;", "COMMIT;")
            ]
        finally:
            con.close()
    # Indexes in name order where they stand (after every table): their order, too, varies by run.
    at = [i for i, s in enumerate(statements) if s.startswith("CREATE INDEX")]
    for i, index in zip(at, sorted(statements[i] for i in at), strict=True):
        statements[i] = index
    return statements


def _constraints_sorted(statement: str) -> str:
    """A table's constraints in name order: Alembic's batch migrations write them in no fixed order,
    which would change this file on every run (the order means nothing to SQLite)."""
    if not statement.startswith("CREATE TABLE"):
        return statement
    first, *body, last = statement.split("\n")
    parts = [line.removesuffix(", ") for line in body]
    columns = [p for p in parts if not p.startswith("\tCONSTRAINT")]
    constraints = sorted(p for p in parts if p.startswith("\tCONSTRAINT"))
    return "\n".join([first, ", \n".join(columns + constraints), last])


def main() -> None:
    lines = [
        '"""The schema of a new SQLite registry at the newest revision, as the migrations leave it.',
        "",
        "Written by tools/fresh_schema.py (make fresh-schema) from a database the migrations brought to the",
        "head; tests/test_fresh_schema.py keeps it equal to them. Do not edit by hand.",
        '"""',
        "",
        f'REVISION = "{HEAD_REVISION}"',
        "",
        "STATEMENTS = (",
        *(f"    {statement!r}," for statement in migrated_statements()),
        ")",
        "",
    ]
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
