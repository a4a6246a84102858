"""htx history: a table shows the newest changes and says how many more there are; csv and json, for
scripts, give every change unless a limit is asked for."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


@pytest.fixture
def busy(registry: Callable[..., Run]) -> Callable[..., Run]:
    """The registry's 5 entries, then 21 ratings: 26 entries, 13 about 0470012345."""
    for year in range(2012, 2022):
        for code in ("0470012345", "4700284512"):
            if code == "4700284512" and year < 2015:
                continue
            assert registry("rate", code, str(year), "khá").exit_code == 0
    assert registry("rate", "THT-07", "2018", "tốt").exit_code == 0
    assert registry("rate", "THT-07", "2019", "tốt").exit_code == 0
    assert registry("rate", "THT-07", "2020", "tốt").exit_code == 0
    assert registry("rate", "THT-07", "2021", "tốt").exit_code == 0
    return registry


def test_a_table_says_how_many_it_left_out(busy: Callable[..., Run]) -> None:
    r = busy("history")
    assert r.exit_code == 0
    assert r.stderr == (
        "Showing the newest 20 of 26 changes; use --limit for more, or --format json for all\n"
    )
    assert "THT-07 2021" in r.stdout and "HTX Chè Mỹ Phương" not in r.stdout  # the adds are older
    r = busy("history", "0470012345", "--limit", "3")
    assert r.stderr == "Showing the newest 3 of 13 changes; use --limit for more, or --format json for all\n"
    assert busy("history", "--limit", "26").stderr == ""  # all of them shown: nothing to say


def test_json_and_csv_give_every_change_unless_limited(busy: Callable[..., Run]) -> None:
    r = busy("history", "--format", "json")
    assert r.exit_code == 0 and r.stderr == ""
    entries = json.loads(r.stdout)
    assert [e["id"] for e in entries] == list(range(26, 0, -1))
    assert entries[-1]["command"] == "add" and entries[-1]["changes"][0]["new"]["code"] == "0470012345"
    rows = list(csv.DictReader(io.StringIO(busy("history", "--format", "csv").stdout)))
    assert [int(r["id"]) for r in rows] == list(range(26, 0, -1))
    assert len(json.loads(busy("history", "--format", "json", "--limit", "4").stdout)) == 4
    assert len(json.loads(busy("history", "0470012345", "--format", "json").stdout)) == 13


def test_every_change_is_read_a_page_at_a_time(
    busy: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = json.loads(busy("history", "--format", "json").stdout)
    monkeypatch.setattr("htxcli.services.history.PAGE", 4)
    assert json.loads(busy("history", "--format", "json").stdout) == whole
    assert json.loads(busy("history", "0470012345", "-f", "json").stdout) == [
        e for e in whole if any(c["code"] == "0470012345" for c in e["changes"])
    ]


def test_an_unknown_code_writes_nothing_on_stdout(busy: Callable[..., Run]) -> None:
    r = busy("history", "9999999999", "--format", "json")
    assert r.exit_code == 1 and r.stdout == "" and "9999999999" in r.stderr


def test_at_80_columns_what_was_done_keeps_the_room(
    registry: Callable[..., Run], db_path: Path | str, tmp_path: Path
) -> None:
    """At 80 columns the moment, the user and the command kept their whole width and what was done
    had five characters: a word a line, cut ("thươ…", "0470…"). Now the moment wraps between its date
    and time, and each description reads a few words a line, whole."""
    from tests.terminal import on_a_terminal

    r = registry("support", "add", "trade-promotion", "--to", "0470012345", "--date", "05/10/2018")
    assert r.exit_code == 0, r.stderr
    shown = on_a_terminal(db_path, 80, "--lang", "vi", "history", "--limit", "3")
    table = [
        line for line in shown.splitlines() if line[:1] in "┏┃┡│├└"
    ]  # the stderr note the terminal wraps
    assert max(map(len, table)) <= 80 and "…" not in shown, shown
    content = [line.split("│")[-2].strip() for line in shown.splitlines() if line.count("│") == 6]
    assert " ".join(" ".join(content).split()).startswith(
        "xúc tiến thương mại ngày 05/10/2018 cho 0470012345"
    )
    assert max(map(len, content)) >= 25, shown  # a few words a line, not one
    # A long command among them ("nhập danh sách tổ chức"): the commands wrap a few words a line, not
    # a word a line ("ghi / nhận / hỗ / trợ").
    (tmp_path / "c.csv").write_text("code,name,founded\n0470099999,HTX B,2015-01-01\n", encoding="utf-8")
    assert registry("import", "cooperatives", str(tmp_path / "c.csv")).exit_code == 0
    shown = on_a_terminal(db_path, 80, "--lang", "vi", "history")
    assert "│ ghi nhận hỗ trợ │" in shown.replace("  ", " ").replace("  ", " "), shown
