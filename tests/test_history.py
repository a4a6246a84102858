"""history and undo: every change is recorded with its old and new values, and undo steps back exactly."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, Run, snapshot
from tests.terminal import undo_at_a_terminal

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


def history(htx: Callable[..., Run], *args: str) -> list[dict]:
    r = htx("history", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_an_edit_shows_old_and_new_values_and_undo_restores_it(
    registry: Callable[..., Run], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # each change on a line of its own
    before = snapshot(db_path)
    assert registry("edit", "0470012345", "--members", "15", "--name", "HTX Tân Thành mới").exit_code == 0
    entry = history(registry, "0470012345")[0]
    assert entry["command"] == "edit" and entry["user"]
    [change] = entry["changes"]
    assert (change["old"]["members"], change["new"]["members"]) == (12, 15)
    assert change["new"]["name"] == "HTX Tân Thành mới"
    table = registry("history", "0470012345").stdout
    assert "members: 12 → 15" in table

    r = registry("undo", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "edit" in r.stderr and "members: 12 → 15" in r.stderr  # shown before it is reverted
    after = [(t, rows) for t, rows in snapshot(db_path) if not t.startswith("history")]
    assert after == [(t, rows) for t, rows in before if not t.startswith("history")]
    undo_entry, edit_entry = history(registry, "0470012345")[:2]
    assert edit_entry["undone_by"] == undo_entry["id"] and undo_entry["undoes"] == edit_entry["id"]
    assert undo_entry["changes"][0]["new"]["members"] == 12


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_at_a_terminal_undo_asks_and_does_only_what_the_clerk_answers(
    registry: Callable[..., Run], db_path: Path
) -> None:
    assert registry("edit", "0470012345", "--members", "15").exit_code == 0
    edited = snapshot(db_path)
    code, err = undo_at_a_terminal(db_path, "n")
    assert code == 1 and "members: 12 → 15" in err and "Undo it?" in err and "Nothing undone." in err, err
    assert snapshot(db_path) == edited
    code, err = undo_at_a_terminal(db_path, "y")
    assert code == 0 and "Undo it?" in err, err
    assert json.loads(registry("show", "0470012345", "--format", "json").stdout)["members"] == 12


def test_undoing_twice_steps_back_twice(registry: Callable[..., Run], db_path: Path) -> None:
    start = snapshot(db_path)
    assert registry("rate", "4700284512", "2018", "khá").exit_code == 0
    after_first = snapshot(db_path)
    assert registry("rate", "4700284512", "2018", "--score", "90").exit_code == 0
    assert registry("undo", "--yes").exit_code == 0
    rating = [rows for t, rows in snapshot(db_path) if t == "rating"]
    assert rating == [rows for t, rows in after_first if t == "rating"]
    assert registry("undo", "--yes").exit_code == 0
    assert [rows for t, rows in snapshot(db_path) if t == "rating"] == [
        rows for t, rows in start if t == "rating"
    ]
    commands = [e["command"] for e in history(registry)]
    assert commands[:4] == ["undo", "undo", "rate", "rate"]


@pytest.mark.parametrize(
    "command",
    [
        ("add", "HTX Mới", "--code", "4700999999", "--founded", "2019-01-01"),
        ("dissolve", "4700284512", "--on", "2020-06-30"),
        ("support", "add", "credit", "--to", "THT-07", "--date", "2019-03-01", "--amount", "20 triệu"),
        ("support", "add", "outreach", "--date", "2019-03-01", "--quantity", "3", "--unit", "lớp"),
    ],
)
def test_every_writing_command_can_be_undone(
    registry: Callable[..., Run], db_path: Path, command: tuple[str, ...]
) -> None:
    def registry_rows() -> list:
        return [(t, rows) for t, rows in snapshot(db_path) if not t.startswith("history")]

    before = registry_rows()
    assert registry(*command).exit_code == 0
    assert registry_rows() != before
    assert registry("undo", "--yes").exit_code == 0
    assert registry_rows() == before


def test_an_import_is_one_entry_and_undo_removes_exactly_its_rows(
    htx: Callable[..., Run], db_path: Path
) -> None:
    assert htx("add", "HTX Có Trước", "--code", "0000000001", "--founded", "2000-01-01").exit_code == 0
    before = [(t, rows) for t, rows in snapshot(db_path) if not t.startswith("history")]
    assert htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    entry = history(htx)[0]
    assert entry["command"] == "import cooperatives"
    assert entry["summary"]["new"] == 222 and entry["changes"] == []
    assert htx("db", "status").stdout.count("organisations: 223") == 1

    r = htx("undo", "--yes")
    assert r.exit_code == 0 and "222 organisation" in r.stderr
    assert [(t, rows) for t, rows in snapshot(db_path) if not t.startswith("history")] == before


def test_undoing_an_import_restores_the_rows_it_changed(htx: Callable[..., Run], tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(
        "code,name,founded,members\n0100000001,HTX A,2010-01-01,7\n0100000002,HTX B,2011-01-01,9\n"
    )
    second = tmp_path / "b.csv"
    second.write_text(
        "code,name,founded,members\n0100000001,HTX A,2010-01-01,8\n0100000003,HTX C,2012-01-01,5\n"
    )
    assert htx("import", "cooperatives", str(first)).exit_code == 0
    exported = htx("export", "cooperatives").stdout
    assert htx("import", "cooperatives", str(second)).exit_code == 0
    entry = history(htx)[0]
    assert entry["summary"]["changed"] == 1 and entry["summary"]["new"] == 1
    assert htx("undo", "--yes").exit_code == 0
    assert htx("export", "cooperatives").stdout == exported


def test_an_import_that_changes_nothing_leaves_no_entry(htx: Callable[..., Run]) -> None:
    source = str(EXAMPLE / "cooperatives.csv")
    assert htx("import", "cooperatives", source).exit_code == 0
    assert htx("import", "cooperatives", source).exit_code == 0
    assert htx("import", "cooperatives", source, "--dry-run").exit_code == 0
    assert [e["command"] for e in history(htx)] == ["import cooperatives"]


def test_undo_asks_first_and_refuses_without_a_terminal(registry: Callable[..., Run], db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("undo")
    assert r.exit_code == 1
    assert (
        r.stderr.splitlines()[-1]
        == "Error: undo: not confirmed; run it at a terminal to be asked, or add --yes"
    )
    assert snapshot(db_path) == before


def test_nothing_to_undo(htx: Callable[..., Run]) -> None:
    assert htx("db", "upgrade").exit_code == 0  # made, and left empty
    r = htx("undo", "--yes")
    assert r.exit_code == 1 and r.stderr.startswith("Error: nothing to undo")
    assert htx("history").stderr.strip() == "No changes recorded yet."


def test_history_of_an_unknown_code(registry: Callable[..., Run]) -> None:
    r = registry("history", "9999999999")
    assert r.exit_code == 1 and "9999999999" in r.stderr and r.stderr.count("\n") == 1


def test_history_of_an_organisation_follows_it_through_imports_and_a_corrected_code(
    registry: Callable[..., Run], tmp_path: Path
) -> None:
    """`htx history CODE` is the organisation's whole story: the imports that added its ratings and
    support (recorded by the rows they inserted, not change by change), and what was recorded under
    the code it had before a correction. Other organisations' entries stay out."""
    ratings, support = tmp_path / "ratings.csv", tmp_path / "support.csv"
    ratings.write_text("code,year,grade\n0470012345,2018,good\n4700284512,2018,weak\n")
    support.write_text("code,program,date,amount_vnd\n0470012345,hội chợ,2018-09-01,5000000\n")
    for table, file in (("ratings", ratings), ("support", support)):
        assert registry("import", table, str(file)).exit_code == 0
    assert registry("rate", "4700284512", "2019", "fair").exit_code == 0  # another organisation
    assert registry("edit", "0470012345", "--new-code", "0470099999").exit_code == 0
    assert registry("rate", "0470099999", "2019", "good").exit_code == 0

    story = [e["command"] for e in history(registry, "0470099999")]
    assert story == ["rate", "edit", "import support", "import ratings", "support add", "rate", "add"]
    # Under the former code: what was recorded while the organisation had it, and its correction.
    assert [e["command"] for e in history(registry, "0470012345")] == ["edit", "support add", "rate", "add"]
    [corrected] = history(registry, "0470099999")[1]["changes"]
    assert (corrected["old"]["code"], corrected["new"]["code"]) == ("0470012345", "0470099999")
    assert [e["command"] for e in history(registry, "4700284512")] == ["rate", "import ratings", "add"]


def test_history_limit_and_csv(registry: Callable[..., Run]) -> None:
    assert len(history(registry, "--limit", "2")) == 2
    lines = registry("history", "--format", "csv").stdout.splitlines()
    assert lines[0] == "id,at,user,command,what,undone_by"
    assert len(lines) == 1 + 5  # three adds, a rating, a support record
