"""Schema upgrades of real registries: tests/data holds a database made at each released revision, with
Vietnamese text and several years of ratings and support. A copy of each is upgraded through the CLI and
must keep every row, every sum and every character."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from htxcli.cli.app import app
from htxcli.store.migrate import HEAD_REVISION, KNOWN_REVISIONS
from tests.conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "data").glob("registry-*.db"))


def facts(path: Path) -> dict[str, Any]:
    """What an upgrade must keep: row counts, money per organisation and year, and all text, hashed."""
    con = sqlite3.connect(path)
    try:
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("organisation", "rating", "support")
        }
        money = con.execute(
            "SELECT o.code, substr(s.date, 1, 4), sum(s.amount_vnd) FROM support s "
            "LEFT JOIN organisation o ON o.id = s.organisation_id GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
        digest = hashlib.sha256()
        for row in con.execute(
            "SELECT code, name, district, commune, representative, products FROM organisation ORDER BY code"
        ):
            digest.update(repr(row).encode())
        names = [r[0] for r in con.execute("SELECT name FROM organisation")]
        return {"counts": counts, "money": money, "text": digest.hexdigest(), "names": names}
    finally:
        con.close()


def schema_differences(path: Path) -> list[Any]:
    """What Alembic's autogenerate would still change: nothing, if the upgraded file matches the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from htxcli.store.schema import metadata

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as con:
            return list(compare_metadata(MigrationContext.configure(con), metadata))
    finally:
        engine.dispose()


def test_there_is_a_fixture_for_every_revision_before_head() -> None:
    """A new revision must come with a fixture made at the one before it, so its upgrade is tested."""
    revisions = {p.stem.removeprefix("registry-") for p in FIXTURES}
    assert revisions == set(KNOWN_REVISIONS) - {HEAD_REVISION}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_keeps_every_row_sum_and_character(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    before = facts(copy)
    assert before["counts"]["organisation"] > 100 and len({m[1] for m in before["money"]}) > 1
    assert any(
        any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", n)) for n in before["names"]
    )

    r = CliRunner().invoke(
        app, ["--db", str(copy), "report", "2018", "--format", "json"], catch_exceptions=False
    )
    assert r.exit_code == 0, r.stderr

    backups = list(tmp_path.glob(f"{fixture.name}.*.before-{HEAD_REVISION}.bak"))
    assert len(backups) == 1 and str(backups[0]) in r.stderr
    assert facts(backups[0]) == before  # the backup was written before anything changed
    after = facts(copy)
    assert after == before
    assert all(unicodedata.is_normalized("NFC", n) for n in after["names"])
    assert schema_differences(copy) == []
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
