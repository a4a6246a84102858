"""Alembic environment for htx.

Migrations run with SQLite's foreign keys OFF: a batch migration rebuilds a table by copying it and
dropping the old one, and with foreign keys on that drop cascades and silently deletes child rows.
Before committing, PRAGMA foreign_key_check must come back empty.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from htxcli.store.schema import metadata

config = context.config
# An arbitrary constant: the advisory lock that makes concurrent migrations of one server database take turns.
MIGRATION_LOCK = 4_826_017


class ForeignKeyViolation(RuntimeError):
    pass


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite and not connection.in_transaction():
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
    try:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
            # SQLite runs DDL in a transaction as well: the whole upgrade is one, under BEGIN IMMEDIATE,
            # so a clerk starting the same registry at the same moment waits and then finds it made
            # (Alembic commits each step apart on SQLite by default, and the other read a half-way head).
            transactional_ddl=True,
        )
        with context.begin_transaction():
            if not sqlite:  # SQLite's BEGIN IMMEDIATE already made concurrent first commands take turns
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            # The revision found once the lock is held: None when this run makes the schema from nothing.
            config.attributes["htx_from_revision"] = context.get_context().get_current_revision()
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise ForeignKeyViolation(f"migration left broken references: {broken[:5]}")
    finally:
        if sqlite and not connection.in_transaction():
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Engine):  # pytest-alembic hands over an engine
        with connection.connect() as conn:
            _run(conn)
        return
    if connection is not None:
        _run(connection)
        return
    from htxcli.store.engine import make_engine
    from htxcli.store.location import resolve

    url = config.get_main_option("sqlalchemy.url")
    engine = make_engine(resolve(url))
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("htx migrations run online only")
run_migrations_online()
