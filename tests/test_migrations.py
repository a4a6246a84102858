"""The schema is Alembic's: pytest-alembic's standard tests, imported here (its --test-alembic plugin
crashes under pytest 9.2), plus htx's own rules for migrating SQLite safely."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from pytest_alembic import create_alembic_fixture
from pytest_alembic import tests as standard
from sqlalchemy import Engine

from htxcli.store.engine import make_engine
from htxcli.store.location import resolve
from htxcli.store.migrate import HEAD_REVISION, KNOWN_REVISIONS, migrations_dir


@pytest.fixture
def alembic_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(resolve(str(tmp_path / "migrations.db")))
    yield engine
    engine.dispose()


@pytest.fixture
def alembic_config() -> dict[str, Any]:
    return {"script_location": str(migrations_dir())}


alembic_runner = create_alembic_fixture()


def test_single_head_revision(alembic_runner: Any) -> None:
    standard.test_single_head_revision(alembic_runner)


def test_upgrade(alembic_runner: Any) -> None:
    standard.test_upgrade(alembic_runner)


def test_model_definitions_match_ddl(alembic_runner: Any) -> None:
    standard.test_model_definitions_match_ddl(alembic_runner)


def test_up_down_consistency(alembic_runner: Any) -> None:
    standard.test_up_down_consistency(alembic_runner)


def test_code_knows_the_head_revision() -> None:
    """Opening a database compares its revision with HEAD_REVISION instead of importing Alembic."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD_REVISION
    assert set(KNOWN_REVISIONS) == {r.revision for r in script.walk_revisions()}


def test_migrations_leave_foreign_keys_on_and_clean(htx: Any, db_path: Path) -> None:
    assert htx("db", "upgrade").exit_code == 0
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
