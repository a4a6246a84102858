"""Which database a command opens, and how it is created, upgraded and described."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from htxcli import __version__
from htxcli.cli.app import app
from htxcli.store.migrate import HEAD_REVISION
from tests.conftest import CliRunner

runner = CliRunner()


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def test_db_option_beats_environment(tmp_path: Path) -> None:
    chosen, other = tmp_path / "chosen.db", tmp_path / "other.db"
    r = invoke(
        "--db",
        str(chosen),
        "add",
        "HTX A",
        "--code",
        "1",
        "--founded",
        "2010-01-01",
        env={"HTX_DB": str(other)},
    )
    assert r.exit_code == 0, r.stderr
    assert chosen.exists() and not other.exists()


def test_environment_names_a_new_file_and_its_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "htx.db"
    assert invoke("db", "upgrade", env={"HTX_DB": str(target)}).exit_code == 0
    r = invoke("db", "status", "--format", "json", env={"HTX_DB": str(target)})
    assert r.exit_code == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["location"] == str(target)
    assert info["revision"] == HEAD_REVISION
    assert info["organisations"] == 0


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("search", "tân"),
        ("show", "4700257731"),
        ("report", "2018"),
        ("history",),
        ("export", "ratings"),
        ("support", "list"),
        ("db", "status"),
        ("db", "check"),
        ("edit", "4700257731", "--members", "3"),
        ("rate", "4700257731", "2018", "good"),
        ("undo", "--yes"),
    ],
)
def test_a_command_that_needs_a_registry_refuses_a_file_that_is_not_there(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A mistyped --db must not answer as an empty registry, nor leave a new file behind."""
    typo = tmp_path / "ofice" / "htx.db"
    r = invoke("--db", str(typo), *command)
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: database: {typo} does not exist (check --db or $HTX_DB); htx add, htx import or htx db"
        " upgrade create it\n"
    )
    assert not (tmp_path / "ofice").exists()


def test_the_commands_that_start_a_registry_create_its_file(tmp_path: Path) -> None:
    data = tmp_path / "c.csv"
    data.write_text("code,name,founded\n1,HTX A,2010-01-01\n")
    for n, command in enumerate(
        [
            ("add", "HTX B", "--code", "2", "--founded", "2010-01-01"),
            ("import", "cooperatives", str(data)),
            ("support", "add", "outreach", "--date", "2018-05-10"),
            ("db", "upgrade"),
        ]
    ):
        target = tmp_path / str(n) / "htx.db"
        assert invoke("--db", str(target), *command).exit_code == 0
        assert target.exists()


def test_default_location_is_the_user_data_folder(tmp_path: Path) -> None:
    env = {"HTX_DB": None, "XDG_DATA_HOME": str(tmp_path / "data")}
    assert invoke("add", "HTX B", "--code", "2", "--founded", "2010-01-01", env=env).exit_code == 0
    assert (tmp_path / "data" / "htx" / "htx.db").exists()
    assert "HTX B" in invoke("list", "-f", "csv", env=env).stdout


def test_status_counts_rows(registry: Any) -> None:
    out = registry("db", "status").stdout
    assert "organisations: 3" in out and "ratings: 1" in out and "support: 1" in out
    assert f"revision: {HEAD_REVISION}" in out


def test_upgrading_a_file_that_holds_data_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes(text)")
    con.execute("INSERT INTO notes VALUES ('hợp tác xã')")
    con.commit()
    con.close()
    r = invoke("--db", str(path), "db", "upgrade")
    assert r.exit_code == 0, r.stderr
    assert "Backed up" in r.stderr
    backups = list(tmp_path.glob("old.db.*.bak"))
    assert len(backups) == 1 and str(backups[0]) in r.stderr
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM notes").fetchall() == [("hợp tác xã",)]
    copy.close()


def test_a_new_file_needs_no_backup(tmp_path: Path) -> None:
    r = invoke("--db", str(tmp_path / "new.db"), "db", "upgrade")
    assert r.exit_code == 0
    assert "Backed up" not in r.stderr
    assert list(tmp_path.glob("*.bak")) == []


def test_a_file_that_is_not_sqlite_gives_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_bytes(b"this is not a database\n" * 100)
    r = invoke("--db", str(garbage), "list")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: database: ")
    assert len(r.stderr.splitlines()) == 1
    assert garbage.read_bytes() == b"this is not a database\n" * 100


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    assert invoke("--db", str(path), "db", "upgrade").exit_code == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    r = invoke("--db", str(path), "list")
    assert r.exit_code == 1
    assert "newer than this htx knows" in r.stderr


def test_unknown_driver_names_what_to_install(tmp_path: Path) -> None:
    r = invoke("--db", "nosuchdb://x/y", "list")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: database: no driver")


@pytest.mark.parametrize(
    "value", ["postgresql+psycopg:/clerk@localhost/htx", "postgresql:clerk@localhost/htx", "sqlite:/tmp/x.db"]
)
def test_a_url_that_lost_its_slashes_is_refused_not_made_a_file(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = invoke("--db", value, "list")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "looks like a server URL without the '//'" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_url_is_the_file_opened_as_every_file_is(tmp_path: Path) -> None:
    """Taken as a server URL, a SQLite file went without WAL, foreign keys and BEGIN IMMEDIATE."""
    path = tmp_path / "office.db"
    for code, url in (("A1", f"sqlite:///{path}"), ("A2", f"sqlite+pysqlite:///{path}")):
        r = invoke("--db", url, "add", f"HTX {code}", "--code", code, "--founded", "2010-01-01")
        assert r.exit_code == 0, r.stderr
    info = json.loads(invoke("--db", f"sqlite:///{path}", "db", "status", "--format", "json").stdout)
    assert (info["location"], info["backend"], info["organisations"]) == (str(path), "sqlite", 2)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("sqlite://", "is a database in memory"),
        ("sqlite:///", "is a database in memory"),
        ("sqlite:///:memory:", "is a database in memory"),
        ("sqlite:///office.db?mode=ro", "give the file's path without options"),
    ],
)
def test_sqlite_urls_htx_cannot_keep_a_registry_in(
    url: str, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = invoke("--db", url, "add", "HTX A", "--code", "A1", "--founded", "2010-01-01")
    assert r.exit_code == 1 and problem in r.stderr and r.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_path_with_a_drive_letter_is_still_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = invoke("--db", "C:/htx.db", "db", "upgrade")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "C:" / "htx.db").exists()


def test_version() -> None:
    r = invoke("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"htx {__version__}"


def _commands() -> list[list[str]]:
    """Every leaf command of the app, found by walking it: a new command cannot skip this test."""
    import typer.main

    from htxcli.cli.app import app

    def walk(command: Any, path: list[str]) -> list[list[str]]:
        # Typer vendors its own click, so a group is recognised by its commands, not by class.
        subcommands = getattr(command, "commands", None)
        if subcommands:
            return [p for name, sub in sorted(subcommands.items()) for p in walk(sub, [*path, name])]
        return [path]

    return walk(typer.main.get_command(app), [])


def test_the_command_walk_finds_every_group() -> None:
    found = {" ".join(c) for c in _commands()}
    assert {"add", "report", "import", "export", "support add", "db status"} <= found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    r = invoke(*command, "--help")
    assert r.exit_code == 0
    assert "Example" in r.stdout


def test_usage_errors_exit_2() -> None:
    assert invoke("list", "--no-such-option").exit_code == 2
