"""A new SQLite registry is made from store/fresh_schema.py, not by every migration: it must be the
migrations' own result. Alembic's batch migrations write a table's constraints in no fixed order (two
migrated files differ there too), so tables are compared column by column and their constraints as a
set; everything else (indexes, rows, the revision) exactly."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from htxcli.store import fresh_schema
from htxcli.store.engine import make_engine
from htxcli.store.location import resolve
from htxcli.store.migrate import HEAD_REVISION, run_alembic_upgrade
from tests.conftest import Run


def schema(path: Path) -> tuple[list[tuple[str, ...]], set[str]]:
    """The tables (each: its lines in order, constraints sorted after them) and the other statements."""
    con = sqlite3.connect(path)
    try:
        statements = [s for s in con.iterdump() if s not in ("BEGIN TRANSACTION;", "COMMIT;")]
    finally:
        con.close()
    tables, others = [], set()
    for statement in statements:
        if statement.startswith("CREATE TABLE"):
            lines = [line.strip().rstrip(",") for line in statement.splitlines()]
            constraints = sorted(line for line in lines if line.startswith("CONSTRAINT"))
            tables.append((*[line for line in lines if not line.startswith("CONSTRAINT")], *constraints))
        else:
            others.add(statement)
    return tables, others


def test_a_new_registry_is_the_schema_the_migrations_make(htx: Callable[..., Run], tmp_path: Path) -> None:
    assert fresh_schema.REVISION == HEAD_REVISION, "a new migration: run `make fresh-schema`"
    migrated = tmp_path / "migrated.db"
    engine = make_engine(resolve(str(migrated)))
    run_alembic_upgrade(engine)
    engine.dispose()
    fresh = tmp_path / "fresh.db"
    r = htx("--db", str(fresh), "db", "upgrade")
    assert r.exit_code == 0, r.stderr
    assert schema(fresh) == schema(migrated)
    con = sqlite3.connect(fresh)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
    finally:
        con.close()


def test_a_file_holding_other_tables_is_left_to_the_migrations(
    htx: Callable[..., Run], tmp_path: Path
) -> None:
    """Not an empty file: the fast path stands aside, and the upgrade backs the file up first and then
    says in one line why it cannot make the registry there."""
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE organisation (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    r = htx("--db", str(other), "list")
    assert r.exit_code == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.splitlines()[-1] == "Error: database: table organisation already exists"
    assert len(list(tmp_path.glob(f"other.db.*.before-{HEAD_REVISION}.bak"))) == 1
