"""htx undo on a shared registry: another clerk's change is named and asked about twice; htx undo N
reverts an earlier entry when no later one touched its records; and undo says what it restored."""

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

# The registry fixture's five entries: three adds (#1 0470012345, #2 4700284512, #3 THT-07), the 2017
# rating of 0470012345 (#4, khá) and its support record (#5).


def newest(htx: Callable[..., Run]) -> dict:
    return json.loads(htx("history", "--format", "json", "--limit", "1").stdout)[0]


def registry_rows(db: Path | str) -> list:
    return [(t, rows) for t, rows in snapshot(db) if not t.startswith("history")]


def as_user(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The OS user htx records (getpass reads LOGNAME first, then USER)."""
    monkeypatch.setenv("LOGNAME", name)
    monkeypatch.setenv("USER", name)


# --- what undo says it did ---------------------------------------------------------------------


def test_undoing_a_rating_says_which_rating_came_back(registry: Callable[..., Run]) -> None:
    assert registry("rate", "0470012345", "2017", "tốt").exit_code == 0
    r = registry("undo", "--yes")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[-1] == "Undid #6 (rate 0470012345 2017): the rating khá was restored"
    assert registry("rate", "0470012345", "2017", "--score", "90").exit_code == 0
    assert registry("rate", "0470012345", "2018", "yếu", "--score", "40").exit_code == 0
    assert registry("undo", "--yes").stderr.splitlines()[-1] == (
        "Undid #9 (rate 0470012345 2018): the rating was removed"
    )
    assert registry("rate", "0470012345", "2017", "khá", "--score", "70").exit_code == 0
    assert registry("undo", "--yes").stderr.splitlines()[-1] == (
        "Undid #11 (rate 0470012345 2017): the rating tốt (score 90) was restored"
    )


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            ("edit", "0470012345", "--members", "15", "--capital", "2 tỷ", "--phone", "0209"),
            "Undid #6 (edit 0470012345): 0470012345 has its earlier values again: "
            "members 12, capital 1.500.000.000 ₫, phone (none)",
        ),
        (
            ("add", "HTX Mới", "--code", "4700999999", "--founded", "2019-01-01"),
            "Undid #6 (add 4700999999): 4700999999 HTX Mới was removed from the registry",
        ),
        (
            ("dissolve", "4700284512", "--on", "2020-06-30"),
            "Undid #6 (dissolve 4700284512): 4700284512 is no longer recorded as dissolved",
        ),
        (
            ("support", "add", "outreach", "--date", "2019-03-01", "--quantity", "3"),
            "Undid #6 (support add outreach 2019-03-01): support #2 was removed",
        ),
    ],
)
def test_undo_says_what_was_restored(
    registry: Callable[..., Run], command: tuple[str, ...], said: str
) -> None:
    assert registry(*command).exit_code == 0
    r = registry("undo", "--yes")
    assert r.exit_code == 0 and r.stderr.splitlines()[-1] == said


def test_undoing_an_import_counts_what_it_removed_and_restored(
    htx: Callable[..., Run], tmp_path: Path
) -> None:
    assert htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    r = htx("undo", "--yes")
    assert r.stderr.splitlines()[-1] == (
        f"Undid #1 (import cooperatives {EXAMPLE / 'cooperatives.csv'}): removed 222 organisations it added"
    )
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("code,name,founded\n0100000001,HTX A,2010-01-01\n")
    second.write_text("code,name,founded\n0100000001,HTX A mới,2010-01-01\n0100000002,HTX B,2011-01-01\n")
    assert htx("import", "cooperatives", str(first)).exit_code == 0
    assert htx("import", "cooperatives", str(second)).exit_code == 0
    entry = newest(htx)["id"]  # on PostgreSQL an import may skip a number of the sequence
    assert htx("undo", "--yes").stderr.splitlines()[-1] == (
        f"Undid #{entry} (import cooperatives {second}): removed 1 organisation it added "
        "and restored 1 organisation it changed"
    )


# --- htx undo N --------------------------------------------------------------------------------


def test_undo_n_reverts_an_earlier_entry_that_no_later_one_touched(
    registry: Callable[..., Run], db_path: Path
) -> None:
    assert registry("rate", "4700284512", "2018", "khá").exit_code == 0  # 6
    assert registry("edit", "THT-07", "--members", "9").exit_code == 0  # 7: another organisation
    assert registry("rate", "0470012345", "2018", "tốt").exit_code == 0  # 8: another rating
    r = registry("undo", "6", "--yes")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith("Undo #6 rate,")
    assert r.stderr.splitlines()[-1] == "Undid #6 (rate 4700284512 2018): the rating was removed"
    assert json.loads(registry("show", "4700284512", "-f", "json").stdout)["ratings"] == []
    assert json.loads(registry("show", "THT-07", "-f", "json").stdout)["members"] == 9  # kept
    assert [
        r["year"] for r in json.loads(registry("show", "0470012345", "-f", "json").stdout)["ratings"]
    ] == [
        2017,
        2018,
    ]
    undo_entry = newest(registry)
    assert (undo_entry["command"], undo_entry["undoes"]) == ("undo", 6)
    # Plain undo still steps back from the newest: #8, then #7, then #5 (#6 is already undone).
    for expected in (8, 7, 5):
        assert registry("undo", "--yes").stderr.startswith(f"Undo #{expected} ")


def test_undo_n_names_the_later_entries_that_touched_the_same_records(
    registry: Callable[..., Run], db_path: Path
) -> None:
    assert registry("edit", "0470012345", "--members", "15").exit_code == 0  # 6
    assert registry("edit", "THT-07", "--members", "9").exit_code == 0  # 7
    assert registry("edit", "0470012345", "--phone", "0209").exit_code == 0  # 8
    assert registry("dissolve", "0470012345", "--on", "2020-01-01").exit_code == 0  # 9
    before = snapshot(db_path)
    r = registry("undo", "6", "--yes")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "Error: entry: #6 cannot be undone on its own: later changes touched the same records (#8, #9); "
        "undo those first, newest first (htx undo 9)\n"
    )
    assert snapshot(db_path) == before
    # Once they are undone (an entry undone and its undo cancel out), #6 can go.
    assert registry("undo", "9", "--yes").exit_code == 0
    assert registry("undo", "8", "--yes").exit_code == 0
    r = registry("undo", "6", "--yes")
    assert r.exit_code == 0, r.stderr
    shown = json.loads(registry("show", "0470012345", "-f", "json").stdout)
    assert (shown["members"], shown["phone"], shown["dissolved"]) == (12, None, None)
    assert json.loads(registry("show", "THT-07", "-f", "json").stdout)["members"] == 9


def test_undo_n_of_an_import_waits_for_the_ratings_hung_on_its_organisations(
    registry: Callable[..., Run], db_path: Path, tmp_path: Path
) -> None:
    file = tmp_path / "new.csv"
    file.write_text("code,name,founded\n0100000001,HTX A,2010-01-01\n0100000002,HTX B,2011-01-01\n")
    assert registry("import", "cooperatives", str(file)).exit_code == 0
    imported = newest(registry)["id"]  # on PostgreSQL an import may skip a number of the sequence
    assert registry("edit", "THT-07", "--members", "9").exit_code == 0
    assert registry("rate", "0100000002", "2018", "khá").exit_code == 0
    rated = newest(registry)["id"]
    before = snapshot(db_path)
    r = registry("undo", str(imported), "--yes")
    assert r.exit_code == 1 and f"later changes touched the same records (#{rated})" in r.stderr
    assert r.stderr.count("\n") == 1
    assert snapshot(db_path) == before
    assert registry("undo", str(rated), "--yes").exit_code == 0
    r = registry("undo", str(imported), "--yes")
    assert r.exit_code == 0 and r.stderr.endswith("removed 2 organisations it added\n")
    assert registry("show", "0100000001").exit_code == 1


def test_undo_n_does_not_give_back_a_code_another_organisation_now_has(
    registry: Callable[..., Run], db_path: Path
) -> None:
    assert registry("edit", "0470012345", "--new-code", "0470099999").exit_code == 0  # 6
    assert registry("add", "HTX Khác", "--code", "0470012345", "--founded", "2019-01-01").exit_code == 0  # 7
    before = snapshot(db_path)
    r = registry("undo", "6", "--yes")
    assert r.exit_code == 1 and "(#7)" in r.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("99", "Error: entry: #99 is not in the history (htx history shows the numbers)"),
        ("#99", "Error: entry: #99 is not in the history (htx history shows the numbers)"),
        ("x", "Error: N: 'x' is not an entry number (htx history shows them, e.g. 24 or #24)"),
        ("0", "Error: N: '0' is not an entry number (htx history shows them, e.g. 24 or #24)"),
        ("5", "Error: entry: #5 was already undone, by #6"),
        ("6", "Error: entry: #6 is an undo (of #5); an undo is not undone: make the change again instead"),
    ],
)
def test_undo_n_refuses_what_it_cannot_undo(
    registry: Callable[..., Run], db_path: Path, entry: str, message: str
) -> None:
    assert registry("undo", "--yes").exit_code == 0  # 6 undoes 5
    before = snapshot(db_path)
    r = registry("undo", entry, "--yes")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", message + "\n")
    assert snapshot(db_path) == before


# --- another clerk's change --------------------------------------------------------------------


def test_another_users_change_is_named_and_needs_yes(
    registry: Callable[..., Run], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "lan")
    assert registry("edit", "0470012345", "--members", "15").exit_code == 0
    assert newest(registry)["user"] == "lan"
    as_user(monkeypatch, "minh")
    before = snapshot(db_path)
    r = registry("undo")  # no terminal to ask at
    assert r.exit_code == 1 and "#6 is lan's change, not yours (minh)." in r.stderr
    assert r.stderr.splitlines()[-1].startswith("Error: undo: not confirmed")
    assert snapshot(db_path) == before
    r = registry("undo", "--yes")
    assert r.exit_code == 0 and "#6 is lan's change, not yours (minh)." in r.stderr
    assert json.loads(registry("show", "0470012345", "-f", "json").stdout)["members"] == 12
    assert newest(registry)["user"] == "minh"


def test_ones_own_change_is_not_asked_about_twice(
    registry: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "minh")
    assert registry("edit", "0470012345", "--members", "15").exit_code == 0
    r = registry("undo", "--yes")
    assert r.exit_code == 0 and "not yours" not in r.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_at_a_terminal_another_users_change_is_asked_about_again(
    registry: Callable[..., Run], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_user(monkeypatch, "lan")
    assert registry("edit", "0470012345", "--members", "15").exit_code == 0
    edited = snapshot(db_path)
    code, err = undo_at_a_terminal(db_path, "y", "n", user="minh")
    assert code == 1, err
    assert "#6 is lan's change, not yours (minh)." in err
    assert "Undo it?" in err and "Undo lan's change all the same?" in err and "Nothing undone." in err
    assert snapshot(db_path) == edited
    code, err = undo_at_a_terminal(db_path, "y", "y", user="minh")
    assert code == 0 and "Undo lan's change all the same?" in err, err
    assert "Undid #6 (edit 0470012345): 0470012345 has its earlier values again: members 12\n" in err
    assert json.loads(registry("show", "0470012345", "--format", "json").stdout)["members"] == 12
    # The clerk's own change is asked about once.
    as_user(monkeypatch, "minh")
    assert registry("edit", "0470012345", "--members", "16").exit_code == 0
    code, err = undo_at_a_terminal(db_path, "y", user="minh")
    assert code == 0 and "all the same" not in err, err
