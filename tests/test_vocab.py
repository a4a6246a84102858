from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import parse_rating
from htxcli.domain.vocab import GRADES, KINDS, PROGRAMS, SECTORS, grade_for_score
from tests.conftest import invoke


@pytest.mark.parametrize(
    ("vocabulary", "text", "key"),
    [
        (KINDS, "HTX", "cooperative"),
        (KINDS, "hợp tác xã", "cooperative"),
        (KINDS, "THT", "group"),
        (KINDS, "LH HTX", "union"),
        (KINDS, "LHTX", "union"),
        (KINDS, "QTDND", "credit-fund"),
        (KINDS, "credit-fund", "credit-fund"),
        (SECTORS, "nông nghiệp", "agriculture"),
        (SECTORS, "Nông - Lâm - Thủy sản", "agriculture"),
        (SECTORS, "thương mại - dịch vụ", "trade-services"),
        (SECTORS, "tiểu thủ công nghiệp", "industry"),
        (SECTORS, "vệ sinh môi trường", "environment"),
        (SECTORS, "giao thông vận tải", "transport"),
        (GRADES, "tốt", "good"),
        (GRADES, "KHÁ", "fair"),
        (GRADES, "trung bình", "average"),
        (GRADES, "yếu", "weak"),
        (GRADES, "chưa xếp loại", "unrated"),
        (PROGRAMS, "vay vốn", "credit"),
        (PROGRAMS, "bản tin", "bulletin"),
        (PROGRAMS, "hội chợ", "trade-promotion"),
        (PROGRAMS, "OCOP", "certification"),
        (PROGRAMS, "tuyên truyền", "outreach"),
    ],
)
def test_aliases(vocabulary, text: str, key: str) -> None:  # type: ignore[no-untyped-def]
    assert vocabulary.parse(text) == key


def test_unknown_value_lists_choices() -> None:
    with pytest.raises(
        InvalidValue, match=r"^kind: 'coop' is not one of: cooperative, group, union, credit-fund$"
    ):
        KINDS.parse("coop")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "good"),
        (80, "good"),
        (79, "fair"),
        (65, "fair"),
        (64, "average"),
        (50, "average"),
        (49, "weak"),
        (0, "weak"),
    ],
)
def test_circular_01_2020_bands(score: int, grade: str) -> None:
    assert grade_for_score(score) == grade
    assert parse_rating(None, str(score), None)["grade"] == grade


def test_grade_contradicting_score_is_an_error() -> None:
    with pytest.raises(InvalidValue, match=r"^grade: 'tốt' contradicts score 64 \(which is average\)$"):
        parse_rating("tốt", "64", None)


# The CHECK constraint that holds each vocabulary's column to its keys, by table.
VOCABULARY_CHECKS = (
    ("organisation", "ck_organisation_kind", KINDS),
    ("organisation", "ck_organisation_sector", SECTORS),
    ("rating", "ck_rating_grade", GRADES),
    ("support", "ck_support_program", PROGRAMS),
)


@pytest.mark.both_backends
def test_schema_constraints_follow_the_vocabularies(db_path: Path | str) -> None:
    """The migrated database accepts exactly each vocabulary's keys, in order: a key added to a
    vocabulary without a migration would pass parsing and then fail every write."""
    result = invoke(db_path, "db", "upgrade")
    assert result.exit_code == 0, result.stderr
    checks = _server_checks(db_path) if isinstance(db_path, str) else _sqlite_checks(db_path)
    for table, name, vocabulary in VOCABULARY_CHECKS:
        assert name in checks, (table, sorted(checks))
        assert tuple(re.findall(r"'([^']*)'", checks[name])) == vocabulary.keys, name


def _sqlite_checks(path: Path) -> dict[str, str]:
    """Each named CHECK's expression, from the CREATE TABLE statements SQLite keeps."""
    con = sqlite3.connect(path)
    try:
        tables = [sql for (sql,) in con.execute("SELECT sql FROM sqlite_master WHERE type = 'table'")]
    finally:
        con.close()
    checks = {}
    for sql in tables:
        for found in re.finditer(r"CONSTRAINT (\w+) CHECK \(", sql):
            depth, end = 1, found.end()
            while depth:  # to the parenthesis that closes the CHECK
                depth += {"(": 1, ")": -1}.get(sql[end], 0)
                end += 1
            checks[found[1]] = sql[found.end() : end - 1]
    return checks


def _server_checks(url: str) -> dict[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as con:
            found = con.execute(
                text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c'")
            )
            return {name: definition for name, definition in found}
    finally:
        engine.dispose()
