"""Undo cannot strand a record: an entry is not undone under a later one that stands on what it made,
and an import may not date a dissolution (or a founding) across a recorded status entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, snapshot

pytestmark = pytest.mark.both_backends


@pytest.fixture
def clerk(htx: Callable[..., Run]) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        return htx("--lang", "en", *args)

    assert run("add", "HTX Sơn", "--code", "S1", "--founded", "2010-01-01").exit_code == 0  # #1
    assert run("add", "HTX Tùng", "--code", "T1", "--founded", "2010-01-01").exit_code == 0  # #2
    return run


def test_a_suspension_is_not_undone_under_its_resumption(
    clerk: Callable[..., Run], db_path: Path | str
) -> None:
    assert clerk("suspend", "S1", "--from", "2018-01-01").exit_code == 0  # #3
    assert clerk("rate", "T1", "2018", "khá").exit_code == 0  # #4, another organisation
    assert clerk("resume", "S1", "--on", "2018-06-01").exit_code == 0  # #5
    before = snapshot(db_path)
    r = clerk("undo", "3", "--yes")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: entry: #3 cannot be undone on its own: later changes touched the same records (#5); "
        "undo those first, newest first (htx undo 5)\n"
    )
    assert snapshot(db_path) == before
    # Once the resumption is undone, the suspension may go; the other organisation's rating stays.
    assert clerk("undo", "5", "--yes").exit_code == 0
    assert clerk("undo", "3", "--yes").exit_code == 0
    assert clerk("status", "S1", "--format", "csv").stdout.count("\n") == 1  # the header alone
    assert clerk("db", "check").exit_code == 0


def test_a_dissolution_is_not_undone_under_a_reinstatement_s_later_status(clerk: Callable[..., Run]) -> None:
    assert clerk("status", "S1", "being-dissolved", "--on", "2018-01-01").exit_code == 0  # #3
    assert clerk("status", "S1", "operating", "--on", "2018-03-01").exit_code == 0  # #4
    r = clerk("undo", "3", "--yes")
    assert r.exit_code == 1 and "(#4)" in r.stderr


def test_an_organisation_s_add_is_not_undone_under_its_status_or_rating(clerk: Callable[..., Run]) -> None:
    assert clerk("suspend", "S1", "--from", "2018-01-01").exit_code == 0  # #3
    assert clerk("rate", "T1", "2018", "khá").exit_code == 0  # #4
    r = clerk("undo", "1", "--yes")
    assert r.exit_code == 1 and "(#3)" in r.stderr
    r = clerk("undo", "2", "--yes")
    assert r.exit_code == 1 and "(#4)" in r.stderr


def test_an_import_may_not_dissolve_before_a_status_entry(
    clerk: Callable[..., Run], db_path: Path | str, tmp_path: Path
) -> None:
    assert clerk("suspend", "S1", "--from", "2018-01-01").exit_code == 0
    assert clerk("resume", "S1", "--on", "2018-06-01").exit_code == 0
    changes = tmp_path / "changes.csv"
    changes.write_text("code,dissolved\nT1,2018-03-01\nS1,2018-03-01\nS1,2018-06-01\n", encoding="utf-8")
    before = snapshot(db_path)
    r = clerk("import", "cooperatives", str(changes))
    assert r.exit_code == 1
    # A code twice in one file: the later row is the one applied, and the one named.
    assert r.stderr.splitlines()[0] == (
        f"{changes}:4: dissolved: '2018-06-01' is not after the status operating recorded on "
        "2018-06-01; a dissolution must be the last"
    )
    assert snapshot(db_path) == before
    founded = tmp_path / "founded.csv"
    founded.write_text("code,founded\nS1,2018-02-01\n", encoding="utf-8")
    r = clerk("import", "cooperatives", str(founded))
    assert r.exit_code == 1
    assert (
        f"{founded}:2: founded: '2018-02-01' is after the status suspended recorded on 2018-01-01" in r.stderr
    )
    # With --rejects the clashing row is set aside and the others imported.
    rejects = tmp_path / "rejects.csv"
    r = clerk("import", "cooperatives", str(changes), "--rejects", str(rejects))
    assert r.exit_code == 1
    assert rejects.read_text(encoding="utf-8").splitlines()[1].startswith("S1,2018-06-01,")
    ok = tmp_path / "ok.csv"
    ok.write_text("code,dissolved\nS1,2018-06-02\n", encoding="utf-8")
    assert clerk("import", "cooperatives", str(ok)).exit_code == 0
    assert clerk("db", "check").exit_code == 0
