from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from htxcli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
HTX = [sys.executable, "-m", "htxcli"]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "registry" / "htx.db"


@pytest.fixture
def htx(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run an htx command in-process against a fresh database file named by HTX_DB."""
    monkeypatch.setenv("HTX_DB", str(db_path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Run:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def snapshot(db_path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table: two equal snapshots mean nothing was written."""
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return [(t, con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]
    finally:
        con.close()


@pytest.fixture
def registry(htx: Callable[..., Run]) -> Iterator[Callable[..., Run]]:
    """A small registry: two cooperatives and a group, one of them rated, one support record."""
    assert (
        htx(
            "add",
            "HTX Nông nghiệp Tân Thành",
            "--code",
            "0470012345",
            "--kind",
            "HTX",
            "--district",
            "Thành phố Bắc Kạn",
            "--commune",
            "Xuất Hóa",
            "--sector",
            "nông nghiệp",
            "--founded",
            "15/03/2012",
            "--members",
            "12",
            "--capital",
            "1,5 tỷ",
        ).exit_code
        == 0
    )
    assert (
        htx(
            "add",
            "HTX Chè Mỹ Phương",
            "--code",
            "4700284512",
            "--district",
            "Ba Bể",
            "--founded",
            "2015-04-20",
            "--representative",
            "Hoàng Văn Đức",
        ).exit_code
        == 0
    )
    assert (
        htx(
            "add",
            "Tổ hợp tác Ăn Quả",
            "--code",
            "THT-07",
            "--kind",
            "THT",
            "--district",
            "Chợ Đồn",
            "--founded",
            "2017-01-09",
        ).exit_code
        == 0
    )
    assert htx("rate", "0470012345", "2017", "khá").exit_code == 0
    assert (
        htx(
            "support",
            "add",
            "credit",
            "--to",
            "0470012345",
            "--date",
            "12/06/2018",
            "--amount",
            "350 triệu",
            "--reference",
            "QĐ-12",
        ).exit_code
        == 0
    )
    yield htx
