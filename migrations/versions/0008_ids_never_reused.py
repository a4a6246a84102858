"""ids are never reused: an id removed by an undo is never given to a new record

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

SQLite gives an INTEGER PRIMARY KEY the largest id plus one, so after `htx undo` of support #128 the
next record was #128 again, and "#128" in the history named two records. Each table is rebuilt with
AUTOINCREMENT (SQLite then never gives an id twice; its sqlite_sequence keeps the largest ever given),
and that high-water mark starts at the largest id the table holds or the history names (the rows that
undos removed before this revision). A PostgreSQL sequence never goes back, but one a `db copy` set from
a SQLite file stood at the largest id then stored: it is moved past every id the history names too.

Self-contained: each table is rebuilt from its own CREATE statement as stored (the 12 steps of SQLite's
ALTER TABLE documentation), so it does not depend on the models of any later revision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "history",
    "history_change",
    "organisation",
    "rating",
    "support",
    "legal_status",
    "setting",
    "figures",
)


def _highest(table: str) -> str:
    return (
        f"SELECT max(n) FROM (SELECT max(id) AS n FROM {table} UNION ALL "
        f"SELECT max(record_id) FROM history_change WHERE table_name = '{table}') AS ids"
    )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        for table in TABLES:
            highest = conn.exec_driver_sql(_highest(table)).scalar()
            if highest is not None:  # never lower: a sequence may be past every stored id already
                conn.exec_driver_sql(
                    f"SELECT setval(s, greatest({int(highest)}, coalesce((SELECT last_value FROM pg_sequences"
                    f" WHERE schemaname || '.' || sequencename = s), 0))) "
                    f"FROM pg_get_serial_sequence('{table}', 'id') AS s"
                )
        return
    for table in TABLES:
        _rebuild_with_autoincrement(table)
    for table in TABLES:
        highest = conn.exec_driver_sql(_highest(table)).scalar()
        conn.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        if highest is not None:
            conn.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest))


def _rebuild_with_autoincrement(table: str) -> None:
    conn = op.get_bind()
    create = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    if "AUTOINCREMENT" in create:
        return
    indexes = [
        row[0]
        for row in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        )
    ]
    key = re.search(r",\s*(CONSTRAINT \w+ )?PRIMARY KEY \(id\)", create)
    if key is None:
        raise RuntimeError(f"{table}: no PRIMARY KEY (id) in {create!r}")
    name = key.group(1) or ""
    body = create[: key.start()] + create[key.end() :]
    body, found = re.subn(
        r"\bid INTEGER NOT NULL\b", f"id INTEGER NOT NULL {name}PRIMARY KEY AUTOINCREMENT", body, count=1
    )
    if not found:
        raise RuntimeError(f"{table}: no id column in {create!r}")
    body = re.sub(r'^CREATE TABLE (IF NOT EXISTS )?"?\w+"?', f"CREATE TABLE _new_{table}", body)
    columns = ", ".join(
        f'"{row[1]}"' for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")
    )
    conn.exec_driver_sql(body)
    conn.exec_driver_sql(f"INSERT INTO _new_{table} ({columns}) SELECT {columns} FROM {table}")
    conn.exec_driver_sql(f"DROP TABLE {table}")
    conn.exec_driver_sql(f"ALTER TABLE _new_{table} RENAME TO {table}")
    for index in indexes:
        conn.exec_driver_sql(index)


def downgrade() -> None:
    # AUTOINCREMENT only changes how new ids are chosen; a database at 0007 reads the rebuilt tables as
    # they are, so nothing is undone (the ids stay unique either way).
    pass
