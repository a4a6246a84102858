"""Schema upgrades of real registries: tests/data holds a database made at each released revision, with
Vietnamese text and several years of ratings and support. A copy of each is upgraded through the CLI and
must keep every row, every sum and every character."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from htxcli.cli.app import app
from htxcli.store.migrate import HEAD_REVISION, KNOWN_REVISIONS
from tests.conftest import ROOT, CliRunner

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


# --- revision 0005: the dissolution dates become the status history ---------------------------

REPORTS_0004 = ROOT / "tests" / "data" / "reports-0004"
STATUS_KEYS = ("registered", "operating", "suspended", "being_dissolved", "revoked", "resumed")
LATER_KEYS = ("not_rated",)  # keys the report gained after revision 0005, with no revision of their own


def _without_status_keys(value: Any) -> Any:
    """A report as htx wrote it before revision 0005: without the period, the status counts and the
    keys added since."""
    if isinstance(value, dict):
        dropped = ("period", *STATUS_KEYS, *LATER_KEYS)
        return {k: _without_status_keys(v) for k, v in value.items() if k not in dropped}
    if isinstance(value, list):
        return [_without_status_keys(v) for v in value]
    return value


def _run(db: Path, *args: str) -> str:
    r = CliRunner().invoke(app, ["--db", str(db), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_upgrade_to_0005_keeps_every_report_of_2014_to_2018(tmp_path: Path) -> None:
    """Two checks, for each year: the upgraded registry's report equals, byte for byte, the report of the
    same data imported afresh with this code; and it equals the report htx wrote before the upgrade
    (tests/data/reports-0004, made from registry-0004.db by revision 0004's code) with only the new
    keys added."""
    upgraded = tmp_path / "upgraded.db"
    shutil.copy(ROOT / "tests" / "data" / "registry-0004.db", upgraded)
    _run(upgraded, "db", "upgrade")
    con = sqlite3.connect(upgraded)
    try:
        dissolved = con.execute(
            "SELECT id, dissolved FROM organisation WHERE dissolved IS NOT NULL"
        ).fetchall()
        entries = con.execute("SELECT organisation_id, started FROM legal_status WHERE status = 'dissolved'")
        assert sorted(entries.fetchall()) == sorted(dissolved) and len(dissolved) > 3
    finally:
        con.close()
    fresh = tmp_path / "fresh.db"
    for table in ("cooperatives", "ratings", "support"):
        exported = tmp_path / f"{table}.csv"
        exported.write_text(_run(upgraded, "export", table), encoding="utf-8")
        _run(fresh, "import", table, str(exported))
    for year in range(2014, 2019):
        after = _run(upgraded, "report", str(year), "--format", "json")
        assert after == _run(fresh, "report", str(year), "--format", "json"), year
        before = json.loads((REPORTS_0004 / f"report-{year}.json").read_text(encoding="utf-8"))
        assert _without_status_keys(json.loads(after)) == before, year


def test_undoing_a_dissolution_recorded_before_0005_removes_its_status_entry(tmp_path: Path) -> None:
    """A `dissolve` written by revision 0004's code changed organisation.dissolved alone; undone after
    the upgrade, the status history follows."""
    db = tmp_path / "legacy.db"
    shutil.copy(ROOT / "tests" / "data" / "registry-0004.db", db)
    con = sqlite3.connect(db)
    try:  # what `htx dissolve 4700186529 --on 2018-06-30` wrote at revision 0004
        cols = [r[1] for r in con.execute("PRAGMA table_info(organisation)")]
        stored = con.execute("SELECT * FROM organisation WHERE code = '4700186529'").fetchone()
        row = dict(zip(cols, stored, strict=True))
        old = {k: v for k, v in row.items() if k != "id"}
        new = {**old, "dissolved": "2018-06-30"}
        con.execute("UPDATE organisation SET dissolved = '2018-06-30' WHERE id = ?", (row["id"],))
        summary = json.dumps({"code": "4700186529", "dissolved": "2018-06-30"})
        con.execute(
            "INSERT INTO history (at, user_name, command, summary) VALUES ('2026-01-01 10:00:00', 'clerk', "
            "'dissolve', ?)",
            (summary,),
        )
        entry = con.execute("SELECT max(id) FROM history").fetchone()[0]
        con.execute(
            "INSERT INTO history_change (history_id, table_name, record_id, code, action, old, new) "
            "VALUES (?, 'organisation', ?, '4700186529', 'update', ?, ?)",
            (entry, row["id"], json.dumps(old, sort_keys=True), json.dumps(new, sort_keys=True)),
        )
        con.commit()
    finally:
        con.close()
    assert "dissolved,2018-06-30" in _run(db, "status", "4700186529", "--format", "csv")
    _run(db, "undo", "--yes")
    assert _run(db, "status", "4700186529", "--format", "csv").count("\n") == 1  # the header alone
    assert json.loads(_run(db, "show", "4700186529", "--format", "json"))["dissolved"] is None


# --- revision 0007: the yearly figures ------------------------------------------------------------


def test_upgrade_to_0007_adds_an_empty_figures_table_and_keeps_the_report(tmp_path: Path) -> None:
    """From the newest fixture (made at 0006, with addresses of the 2025 reform): the new table starts
    empty, figures can be recorded for the organisations stored before, and undone, leaving every
    report as it was."""
    upgraded = tmp_path / "upgraded.db"
    shutil.copy(ROOT / "tests" / "data" / "registry-0006.db", upgraded)
    _run(upgraded, "db", "upgrade")
    con = sqlite3.connect(upgraded)
    try:
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] == 0
        alive = "SELECT code FROM organisation WHERE dissolved IS NULL ORDER BY code"
        code = con.execute(alive).fetchone()[0]
        founded = con.execute("SELECT founded FROM organisation WHERE code = ?", (code,)).fetchone()[0]
    finally:
        con.close()
    reports = {year: _run(upgraded, "report", str(year), "--format", "json") for year in (2017, 2018, 2025)}
    year = str(max(int(founded[:4]), 2018))
    _run(upgraded, "figures", code, year, "--revenue", "2 tỷ", "--workers", "9")
    assert f"{code},{year}," in _run(upgraded, "export", "figures")
    _run(upgraded, "undo", "--yes")
    assert _run(upgraded, "export", "figures").count("\n") == 1
    for year, report in reports.items():  # a registry without figures reports as before
        assert _run(upgraded, "report", str(year), "--format", "json") == report


# --- revision 0009_plans: targets -----------------------------------------------------------------


def test_upgrade_to_0009_adds_an_empty_plan_table_and_keeps_the_report(tmp_path: Path) -> None:
    """From the newest fixtures (made at 0007 and 0008): the new table starts empty, a target can be
    set and undone, and every report stays byte for byte as it was."""
    for fixture in ("registry-0007.db", "registry-0008.db"):
        upgraded = tmp_path / fixture
        shutil.copy(ROOT / "tests" / "data" / fixture, upgraded)
        before = {year: _run(upgraded, "report", str(year), "--format", "json") for year in (2017, 2018)}
        con = sqlite3.connect(upgraded)
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
            assert con.execute("SELECT count(*) FROM plan").fetchone()[0] == 0
            highest = con.execute("SELECT max(id) FROM history").fetchone()[0]
        finally:
            con.close()
        _run(upgraded, "plan", "set", "2018-2020", "new-model", "10")
        assert _run(upgraded, "export", "plans").endswith("2018-2020,new-model,,10,\n")
        _run(upgraded, "undo", "--yes")
        assert _run(upgraded, "export", "plans") == "year,indicator,area,target,note\n"
        con = sqlite3.connect(upgraded)
        try:  # the history goes on from where it was: ids never reused
            assert (
                con.execute("SELECT min(id) FROM history WHERE id > ?", (highest,)).fetchone()[0]
                == highest + 1
            )
        finally:
            con.close()
        for year, report in before.items():
            assert _run(upgraded, "report", str(year), "--format", "json") == report
