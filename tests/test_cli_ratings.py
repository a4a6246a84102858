from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


def ratings_of(htx: Any, code: str) -> list[dict[str, Any]]:
    return json.loads(htx("show", code, "-f", "json").stdout)["ratings"]  # type: ignore[no-any-return]


def test_score_alone_sets_the_grade(registry: Any) -> None:
    r = registry("rate", "4700284512", "2018", "--score", "64")
    assert r.exit_code == 0, r.stderr
    assert ratings_of(registry, "4700284512") == [
        {"year": 2018, "grade": "average", "score": 64, "note": None}
    ]


def test_vietnamese_grades(registry: Any) -> None:
    registry("rate", "4700284512", "2018", "trung bình")
    registry("rate", "4700284512", "2019", "chưa xếp loại", "--note", "ngừng hoạt động 4 tháng")
    assert [(r["year"], r["grade"]) for r in ratings_of(registry, "4700284512")] == [
        (2018, "average"),
        (2019, "unrated"),
    ]


def test_rating_again_replaces(registry: Any) -> None:
    r = registry("rate", "0470012345", "2017", "tốt", "--score", "85")
    assert r.exit_code == 0
    assert "Replaced the 2017 rating" in r.stderr and "fair -> good" in r.stderr
    assert ratings_of(registry, "0470012345") == [{"year": 2017, "grade": "good", "score": 85, "note": None}]


def test_bad_ratings_change_nothing(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    cases = [
        (["0470012345", "2018", "tốt", "--score", "64"], "Error: grade: 'tốt' contradicts score 64"),
        (["0470012345", "2011", "tốt"], "Error: year: 2011 is before the founding year 2012"),
        (["0470012345", "2018", "excellent"], "Error: grade: 'excellent' is not one of"),
        (["0470012345", "2018", "--score", "101"], "Error: --score: '101' must be between 0 and 100"),
        (["0470012345", "twenty"], "Error: year: 'twenty' is not a year"),
        (["nope", "2018", "tốt"], "Error: code: 'nope' is not in the registry"),
        (["0470012345", "2018"], "Error: grade: is required"),
    ]
    for args, message in cases:
        r = registry("rate", *args)
        assert r.exit_code == 1, args
        assert r.stderr.startswith(message), r.stderr
        assert len(r.stderr.splitlines()) == 1
    assert snapshot(db_path) == before


def test_no_rating_after_the_year_of_dissolution(registry: Any) -> None:
    registry("dissolve", "4700284512", "--on", "2018-03-01")
    assert registry("rate", "4700284512", "2018", "yếu").exit_code == 0
    r = registry("rate", "4700284512", "2019", "yếu")
    assert r.exit_code == 1 and "after the year of dissolution 2018" in r.stderr
