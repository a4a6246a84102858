"""Bad input, tried hard: whatever arrives is accepted, or refused with exit 1 and a message naming what
was wrong; never a traceback, and a refused write leaves the database exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from htxcli.cli.app import app
from htxcli.domain.errors import HtxError
from htxcli.domain.values import parse_date, parse_int, parse_money, parse_score, parse_text
from tests.conftest import CliRunner, snapshot

runner = CliRunner()
# 50 examples per property, about 300 generated inputs in all.
SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("bad") / "htx.db"
    seed = path.parent / "seed.csv"
    seed.write_text(
        "code,name,founded,members\n4700000001,HTX Một,2010-01-01,9\n4700000002,HTX Hai,2012-05-05,7\n"
    )
    assert run(path, "import", "cooperatives", str(seed)).exit_code == 0
    yield path


def run(db: Path, *args: str, input: bytes | None = None) -> Any:
    return runner.invoke(app, ["--db", str(db), *args], input=input)


def registry_tables_of(
    snap: list[tuple[str, list[tuple[object, ...]]]],
) -> list[tuple[str, list[tuple[object, ...]]]]:
    return [(table, rows) for table, rows in snap if not table.startswith("history")]


def registry_tables(db: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    return registry_tables_of(snapshot(db))


def assert_clean_outcome(result: Any, before: object, db: Path, *, one_line: bool) -> None:
    """Exit 0, or exit 1 with Error lines only and the database untouched; never an exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines and all("Traceback" not in line for line in lines)
        if one_line:
            assert len(lines) == 1 and lines[0].startswith("Error: "), lines
        assert snapshot(db) == before


# --- the parsers: accept or raise HtxError, nothing else ---------------------------------------

PARSERS = [
    lambda v: parse_date("founded", v),
    lambda v: parse_int("members", v),
    lambda v: parse_money("amount", v),
    lambda v: parse_score("score", v),
    lambda v: parse_text("name", v),
]


@given(st.text(), st.sampled_from(range(len(PARSERS))))
def test_parsers_accept_or_name_the_field(value: str, which: int) -> None:
    try:
        PARSERS[which](value)
    except HtxError as e:
        assert str(e).split(":")[0] in {"founded", "members", "amount", "score", "name"}


# --- commands with arbitrary values ------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@SETTINGS
@given(name=_TEXT, code=_TEXT, founded=_TEXT, members=_TEXT, capital=_TEXT)
@example(name="HTX", code="X1", founded="2018-01-01", members="99999999999999999999", capital="")
@example(name="HTX", code="X1", founded="2018-01-01", members="2147483648", capital="")
def test_add_with_anything(db: Path, name: str, code: str, founded: str, members: str, capital: str) -> None:
    before = snapshot(db)
    # --opt=value and "--" so that a value beginning with "-" is a value, not a usage error (exit 2).
    args = [
        "add",
        f"--code={code}",
        f"--founded={founded}",
        f"--members={members}",
        f"--capital={capital}",
        "--",
        name,
    ]
    result = run(db, *args)
    if result.exit_code == 0:  # accepted: undo it so every example starts from the same registry
        assert run(db, "undo", "--yes").exit_code == 0
    else:
        assert_clean_outcome(result, before, db, one_line=True)


@SETTINGS
@given(grade=_TEXT, score=_TEXT, year=_TEXT, amount=_TEXT, date=_TEXT)
def test_rate_and_support_with_anything(
    db: Path, grade: str, score: str, year: str, amount: str, date: str
) -> None:
    for args in (
        ["rate", f"--score={score}", "--", "4700000001", year, grade],
        ["support", "add", "--to=4700000002", f"--date={date}", f"--amount={amount}", "--", "credit"],
    ):
        before = snapshot(db)
        result = run(db, *args)
        if result.exit_code == 0:
            assert run(db, "undo", "--yes").exit_code == 0
        else:
            assert_clean_outcome(result, before, db, one_line=True)


_YEAR_OPTIONS = (
    ("list", "--active-in"),
    ("support", "list", "--year"),
    ("export", "ratings", "--year"),
    ("export", "support", "--year"),
    ("export", "cooperatives", "--year"),
    ("report",),
)


@SETTINGS
@given(year=st.integers(min_value=-(10**7), max_value=10**7), where=st.sampled_from(_YEAR_OPTIONS))
@example(year=0, where=_YEAR_OPTIONS[0])
@example(year=99_999, where=_YEAR_OPTIONS[1])
@example(year=1899, where=_YEAR_OPTIONS[2])
@example(year=2101, where=_YEAR_OPTIONS[3])
@example(year=1900, where=_YEAR_OPTIONS[4])
@example(year=2100, where=_YEAR_OPTIONS[0])
def test_a_year_option_takes_any_integer(db: Path, year: int, where: tuple[str, ...]) -> None:
    """Years that date() cannot hold once slipped through to it as a traceback."""
    before = snapshot(db)
    if where == ("report",):
        result = run(db, "report", "--", str(year))  # "--": a negative year is a value, not an option
    else:
        *command, option = where
        result = run(db, *command, f"{option}={year}")
    assert_clean_outcome(result, before, db, one_line=True)
    assert result.exit_code == (0 if 1900 <= year <= 2100 else 1), result.stderr
    if result.exit_code:
        assert "is not a year between 1900 and 2100" in result.stderr


# --- the importer with arbitrary bytes and hostile files ---------------------------------------


@SETTINGS
@given(st.binary(max_size=400))
def test_import_of_arbitrary_bytes(db: Path, data: bytes) -> None:
    before = snapshot(db)
    for table in ("cooperatives", "ratings", "support"):
        result = run(
            db, "import", table, "-", input=b"code,name,founded\n" + data if table == "cooperatives" else data
        )
        if result.exit_code == 0:
            if "0 new, 0 changed" not in result.stderr:
                assert run(db, "undo", "--yes").exit_code == 0
        else:
            assert_clean_outcome(result, before, db, one_line=False)
    # Whatever was accepted has been undone: the registry is as before; only the history has grown.
    assert registry_tables(db) == registry_tables_of(before)


_CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["=1+1", "+1", "-1", "@SUM(A1)", "\t", "\r", "'", "\x00", "1.5", "1,6 tỷ", "31/02/2018", ""]
    ),
)


@SETTINGS
@given(st.lists(st.lists(_CELL, min_size=3, max_size=4), min_size=1, max_size=8))
def test_import_of_arbitrary_rows(db: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["code", "name", "founded"])
    writer.writerows(rows)
    before = snapshot(db)
    result = run(db, "import", "cooperatives", "-", input=buffer.getvalue().encode())
    if result.exit_code == 0:
        if "0 new, 0 changed" not in result.stderr:
            assert run(db, "undo", "--yes").exit_code == 0
    else:
        assert_clean_outcome(result, before, db, one_line=False)
        assert all(line.startswith(("<stdin>:", "Error: ")) for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"code,name,founded\n", "0 new"),  # a header only: nothing to do, not an error
        (b"code,name,founded,code\n1,a,2010-01-01,1\n", "appears twice in the header"),
        (
            "code,name,founded\n1,H\u01a1\u0323p t\u00e1c xa\u0303,2010-01-01\n".encode("cp1258"),
            ":2: the file is not UTF-8",
        ),
        (b"code,name,founded\n1,HTX\x00,2010-01-01\n", "<stdin>:2: "),
        (b"code,name,founded\n1,HTX " + b"x" * 1_000_000 + b",2010-01-01\n", "longer than"),
        (
            ("code,name,founded," + ",".join(f"c{i}" for i in range(10_000)) + "\n").encode(),
            "c0: is not a column",
        ),
        (b"code,name,founded\n=1+1,HTX,2010-01-01\n", "<stdin>:2: code"),
    ],
    ids=[
        "empty",
        "header-only",
        "duplicate-header",
        "windows-1258",
        "nul",
        "1mb-cell",
        "10000-columns",
        "formula-code",
    ],
)
def test_hostile_files(db: Path, content: bytes, expected: str) -> None:
    before = snapshot(db)
    result = run(db, "import", "cooperatives", "-", input=content)
    assert expected in result.stderr, result.stderr[:300]
    if expected != "0 new":
        assert_clean_outcome(result, before, db, one_line=False)
        assert result.exit_code == 1
    assert len(result.stderr) < 2000  # a 1 MB cell is named, not echoed
    assert snapshot(db) == before
