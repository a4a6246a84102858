"""What only a server shows: db copy across backends, and retries after serialization failures.
(Every registry, report, import and history test also runs on PostgreSQL: see `both_backends`.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from htxcli.store.engine import make_engine
from htxcli.store.location import resolve
from htxcli.store.schema import organisation
from htxcli.store.uow import UnitOfWork, retrying
from tests.conftest import drop_database, fresh_database, invoke, load_example


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[str]:
    url = fresh_database("postgresql", tmp_path)
    assert isinstance(url, str)
    yield url
    drop_database(url)


def test_copy_sqlite_to_postgresql_and_back(tmp_path: Path, server_db: str) -> None:
    source = tmp_path / "office.db"
    load_example(source)
    assert invoke(source, "edit", "4700257731", "--members", "30").exit_code == 0  # some history too

    r = invoke(source, "db", "copy", "--to", server_db)
    assert r.exit_code == 0, r.stderr
    assert "222 organisations, 269 ratings, 119 support records, 4 history entries" in r.stderr
    for args in (("report", "2018", "--format", "json"), ("history", "--format", "json")):
        assert invoke(source, *args).stdout == invoke(server_db, *args).stdout, args
    # New rows on the server take ids after the copied ones.
    assert (
        invoke(server_db, "support", "add", "credit", "--to", "4700257731", "--date", "2019-01-02").exit_code
        == 0
    )

    back = tmp_path / "back.db"
    r = invoke(server_db, "db", "copy", "--to", str(back))
    assert r.exit_code == 0, r.stderr
    for table in ("cooperatives", "ratings"):
        assert invoke(back, "export", table).stdout == invoke(source, "export", table).stdout
    assert invoke(back, "db", "check").exit_code == 0
    assert (
        json.loads(invoke(back, "report", "2019", "-f", "json").stdout)["support"]["credit"]["records"] >= 1
    )


def test_copy_refuses_a_database_that_holds_data(tmp_path: Path, server_db: str) -> None:
    source = tmp_path / "office.db"
    load_example(source)
    assert invoke(source, "db", "copy", "--to", server_db).exit_code == 0
    r = invoke(source, "db", "copy", "--to", server_db)
    assert r.exit_code == 1 and "already holds a registry" in r.stderr


def test_a_serialization_failure_is_retried(server_db: str) -> None:
    assert (
        invoke(server_db, "add", "HTX Một", "--code", "4700000001", "--founded", "2010-01-01").exit_code == 0
    )
    engine = make_engine(resolve(server_db))
    attempts = 0

    @retrying
    def add_ten_members() -> None:
        nonlocal attempts
        attempts += 1
        with UnitOfWork(engine) as uow:
            row = uow.organisations.get("4700000001")
            assert row is not None
            if attempts == 1:  # another clerk changes the same row and commits in between
                with engine.begin() as other:
                    other.execute(update(organisation).values(members=1))
            uow.organisations.update(row["id"], {"members": (row["members"] or 0) + 10})
            uow.commit()

    add_ten_members()
    engine.dispose()
    assert attempts == 2
    shown = json.loads(invoke(server_db, "show", "4700000001", "--format", "json").stdout)
    assert shown["members"] == 11  # the retry read the other clerk's value, nothing was lost
