"""A kill inside the commit: the process dies (SIGKILL) just before or just after the database commit
of an import, a `places migrate`, an undo, a settings change and a status change. The registry then
holds all of the change or none of it, `db check` is clean, the history agrees with the data (undoing
the newest entry gives back exactly the rows before it), and the next command works.

The fault point is htx's own (store/uow.py, armed by HTX_TEST_KILL_AT_COMMIT, for tests only)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from htxcli.store.uow import FAULT_VARIABLE
from tests.conftest import HTX, copy_database, drop_database, fresh_database, invoke, load_example, snapshot

pytestmark = [pytest.mark.both_backends, pytest.mark.slow]

DATA = ("organisation", "rating", "support", "legal_status", "setting")


def _data(db: Path | str) -> dict[str, list[tuple[object, ...]]]:
    return {name: rows for name, rows in snapshot(db) if name in DATA}


def _history(db: Path | str) -> list[tuple[object, ...]]:
    return dict(snapshot(db))["history"]


def _prepare_undo(db: Path | str, _: Path) -> list[str]:
    assert invoke(db, "rate", "4700257731", "2019", "khá").exit_code == 0
    return ["undo", "--yes"]


def _prepare_import(db: Path | str, folder: Path) -> list[str]:
    changes = folder / "changes.csv"
    changes.write_text(
        "code,members,commune\n4700257731,99,Mỹ Phương\n4700219577,7,Cư Lễ\n", encoding="utf-8"
    )
    return ["import", "cooperatives", str(changes)]


OPERATIONS: dict[str, Callable[[Path | str, Path], list[str]]] = {
    "import": _prepare_import,
    "places migrate": lambda db, folder: ["places", "migrate", "--yes", "--from-province", "Bắc Kạn"],
    "undo": _prepare_undo,
    "settings": lambda db, folder: ["settings", "office", "Sở Tài chính tỉnh Thái Nguyên"],
    "status": lambda db, folder: ["suspend", "4700257731", "--from", "2019-03-01", "--reference", "9/TB"],
}


@pytest.fixture(scope="module")
def example_template(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The example loaded once per backend; each test gets a copy."""
    db = fresh_database(backend, tmp_path_factory.mktemp("kill"))
    load_example(db)
    yield db
    drop_database(db)


@pytest.fixture
def loaded(example_template: Path | str, tmp_path: Path) -> Iterator[Path | str]:
    if isinstance(example_template, Path):
        copy = tmp_path / "htx.db"
        shutil.copyfile(example_template, copy)
        yield copy
        return
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(example_template)
    name = f"{url.database}_{tmp_path.name[-12:].lower().replace('-', '_')}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as con:
        copy_database(con, url.database, name)
    copy = url.set(database=name).render_as_string(hide_password=False)
    yield copy
    drop_database(copy)


def _killed(db: Path | str, command: list[str], moment: str) -> None:
    env = {**os.environ, FAULT_VARIABLE: moment, "HTX_LANG": "en"}
    r = subprocess.run(
        [*HTX, "--db", str(db), *command], env=env, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == -signal.SIGKILL, (r.returncode, r.stderr)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_kill_inside_the_commit_leaves_all_or_nothing(
    loaded: Path | str, tmp_path: Path, operation: str, moment: str
) -> None:
    db = loaded
    command = OPERATIONS[operation](db, tmp_path)
    before, history_before = _data(db), _history(db)
    _killed(db, command, moment)
    check = invoke(db, "db", "check")
    assert check.exit_code == 0, check.stdout
    if moment == "before":  # none of it: not a row, not a history entry
        assert _data(db) == before
        assert _history(db) == history_before
    else:  # all of it, with its history entry, which undoes back to exactly the rows before
        assert _data(db) != before
        assert len(_history(db)) == len(history_before) + 1
        if operation != "undo":
            assert invoke(db, "undo", "--yes").exit_code == 0
            assert _data(db) == before
    # The next command works with no manual step: the same change again, to the end.
    again = invoke(db, *command)
    assert again.exit_code == 0, again.stderr
    assert invoke(db, "db", "check").exit_code == 0
