"""Numbers are never reused: an id an undo gave back is never given to a new record, so "#128" in the
history names one record only (revision 0008; SQLite's AUTOINCREMENT, a server's sequences)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, drop_database, fresh_database, invoke, postgres_server

pytestmark = pytest.mark.both_backends

FIXTURE = ROOT / "tests" / "data" / "registry-0007.db"


def _recorded(r: object) -> int:
    # The confirmation is the last line; a warning before it may name an identical record's number.
    found = re.findall(r"#(\d+)", r.stderr)  # type: ignore[attr-defined]
    assert found, r.stderr  # type: ignore[attr-defined]
    return int(found[-1])


def _support(db: Path | str) -> int:
    r = invoke(db, "--lang", "en", "support", "add", "outreach", "--date", "2019-04-01", "--quantity", "3")
    assert r.exit_code == 0, r.stderr
    return _recorded(r)


def _history_ids(db: Path | str) -> list[int]:
    r = invoke(db, "history", "--format", "csv")
    return [int(line.split(",")[0]) for line in r.stdout.splitlines()[1:]]


def test_an_undone_record_s_number_is_never_given_again(db_path: Path | str) -> None:
    db = db_path
    first = _support(db)
    second = _support(db)
    assert invoke(db, "undo", "--yes").exit_code == 0
    third = _support(db)
    assert first < second < third
    # The organisation's and its status entry's ids too (not printed, but named by the history).
    for _ in range(2):
        assert invoke(db, "add", "HTX Thử", "--code", "4709999001", "--founded", "2015-01-01").exit_code == 0
        assert invoke(db, "suspend", "4709999001", "--from", "2019-01-01").exit_code == 0
        assert invoke(db, "undo", "--yes").exit_code == 0
        assert invoke(db, "undo", "--yes").exit_code == 0
    r = invoke(db, "history", "--format", "json")
    import json

    inserted = [
        (change["table"], change["id"])
        for entry in json.loads(r.stdout)
        for change in entry.get("changes", [])
        if change.get("action") == "insert"
    ]
    assert len(inserted) == len(set(inserted)), inserted
    ids = _history_ids(db)
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))


def test_upgrade_from_0007_keeps_numbers_above_every_undone_one(tmp_path: Path) -> None:
    """registry-0007.db: support #121, rating #270 and status entry #12 were added and undone at
    revision 0006, the fixture then brought to 0007 (so each is above its table's largest stored id)."""
    db = tmp_path / "registry.db"
    shutil.copy(FIXTURE, db)
    assert invoke(db, "db", "upgrade").exit_code == 0
    assert _support(db) == 122
    assert invoke(db, "suspend", "4700219577", "--from", "2019-01-01").exit_code == 0
    assert invoke(db, "rate", "4700219577", "2019", "khá").exit_code == 0
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT max(id) FROM legal_status").fetchone()[0] == 13
        assert con.execute("SELECT max(id) FROM rating").fetchone()[0] == 271
        # Every table was rebuilt with its rows, constraints and indexes.
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_rating_year_grade", "ix_organisation_report", "ix_history_change_code"} <= names
        tables = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        for name, sql in tables:
            if name not in ("alembic_version", "sqlite_sequence"):
                assert ("AUTOINCREMENT" in sql and "CHECK" in sql) or name in ("history", "setting"), name
    finally:
        con.close()
    assert invoke(db, "db", "check").exit_code == 0


def test_a_copy_to_a_server_keeps_numbers_above_every_undone_one(tmp_path: Path) -> None:
    """A registry copied from a file: its sequences follow the history, not just the stored rows."""
    source = tmp_path / "registry.db"
    shutil.copy(FIXTURE, source)
    server = fresh_database("postgresql", tmp_path)  # skips without a server
    drop_database(server)
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{url.database}"')
    try:
        assert invoke(source, "db", "copy", "--to", server).exit_code == 0
        assert _support(server) == 122
    finally:
        drop_database(server)


def test_upgrade_to_0008_on_a_server_moves_sequences_past_the_history(tmp_path: Path) -> None:
    """At 0007 a server database whose history names support #500 (inserted, then undone) and whose
    sequence stood lower, as `db copy` left it: after the upgrade the next support record is #501."""
    import psycopg
    from sqlalchemy.engine import make_url

    from htxcli.store.engine import make_engine
    from htxcli.store.location import resolve
    from htxcli.store.migrate import run_alembic_upgrade

    url = make_url(postgres_server()).set(database=f"htx_test_0007_{tmp_path.name[-8:].lower()}")
    server = url.render_as_string(hide_password=False)
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{url.database}"')
        con.execute(f'CREATE DATABASE "{url.database}"')
    try:
        engine = make_engine(resolve(server))
        run_alembic_upgrade(engine, "0007")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO history (id, at, user_name, command, summary) "
                "VALUES (1, now(), 'clerk', 'support add', '{}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO history_change (history_id, table_name, record_id, action, new) "
                "VALUES (1, 'support', 500, 'insert', '{}')"
            )
        engine.dispose()
        assert invoke(server, "db", "upgrade").exit_code == 0
        assert _support(server) == 501
    finally:
        drop_database(server)
