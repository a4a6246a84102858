from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


def test_amount_in_ty_is_stored_in_dong(registry: Any) -> None:
    r = registry(
        "support", "add", "credit", "--to", "4700284512", "--date", "2018-07-01", "--amount", "1,6 tỷ"
    )
    assert r.exit_code == 0, r.stderr
    rows = json.loads(registry("support", "list", "--to", "4700284512", "-f", "json").stdout)
    assert rows[0]["amount_vnd"] == 1_600_000_000


def test_a_program_of_two_words_needs_no_quotes(registry: Any) -> None:
    r = registry(
        "support", "add", "tín", "dụng", "--to", "4700284512", "--date", "2018-07-01", "--amount", "5 triệu"
    )
    assert r.exit_code == 0, r.stderr
    rows = json.loads(registry("support", "list", "--to", "4700284512", "-f", "json").stdout)
    assert [row["program"] for row in rows] == ["credit"]
    r = registry("support", "add", "tín", "vụng", "--date", "2018-07-01")
    assert r.exit_code == 1 and "'tín vụng'" in r.stderr, r.stderr


def test_province_wide_activity_names_no_organisation(registry: Any) -> None:
    r = registry("support", "add", "tuyên truyền", "--date", "10/05/2018", "--quantity", "8", "--unit", "lớp")
    assert r.exit_code == 0
    rows = list(
        csv.DictReader(io.StringIO(registry("support", "list", "--program", "outreach", "-f", "csv").stdout))
    )
    assert rows == [
        {
            "id": "2",
            "code": "",
            "program": "outreach",
            "date": "2018-05-10",
            "amount_vnd": "0",
            "quantity": "8",
            "unit": "lớp",
            "reference": "",
            "note": "",
            "name": "",
        }
    ]


def test_support_outside_the_life_is_kept_with_a_warning(registry: Any) -> None:
    r = registry("support", "add", "credit", "--to", "0470012345", "--date", "2011-01-01", "--amount", "5")
    assert r.exit_code == 0
    assert r.stderr.startswith("Warning: --date 2011-01-01 is before 0470012345 was founded (2012-03-15)")


def test_list_filters_by_year(registry: Any) -> None:
    registry("support", "add", "bulletin", "--date", "2017-12-31", "--quantity", "600", "--unit", "cuốn")
    assert [
        r["date"] for r in json.loads(registry("support", "list", "--year", "2018", "-f", "json").stdout)
    ] == ["2018-06-12"]
    table = registry("support", "list").stdout
    assert "350.000.000 ₫" in table


def test_bad_support_changes_nothing(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    cases = [
        (
            ["credit", "--to", "0470012345", "--date", "2018-13-01"],
            "Error: --date: '2018-13-01' is not a date",
        ),
        (["credit", "--to", "nope", "--date", "2018-01-01"], "Error: code: 'nope' is not in the registry"),
        (
            ["credit", "--to", "0470012345", "--date", "2018-01-01", "--amount", "-100"],
            "must not be negative",
        ),
        (["credit", "--to", "0470012345", "--date", "2018-01-01", "--amount", "1,5"], "is ambiguous"),
        (
            ["credit", "--to", "0470012345", "--date", "2018-01-01", "--amount", "0,0005 nghìn"],
            "whole number",
        ),
        (["gifts", "--date", "2018-01-01"], "Error: program: 'gifts' is not one of"),
        (
            ["credit", "--to", "0470012345", "--date", "2018-01-01", "--reference", "QĐ-12"],
            "already recorded",
        ),
    ]
    for args, message in cases:
        r = registry("support", "add", *args)
        assert r.exit_code == 1, args
        assert message in r.stderr, r.stderr
        assert len(r.stderr.splitlines()) == 1
    assert snapshot(db_path) == before


def test_a_record_typed_twice_is_kept_with_a_warning_and_db_check_lists_the_pair(registry: Any) -> None:
    bulletin = ("support", "add", "bản tin", "--date", "28/02/2018", "--quantity", "500", "--unit", "cuốn")
    first = registry(*bulletin, "--amount", "25tr")
    assert first.exit_code == 0 and "Warning" not in first.stderr
    assert registry("db", "check").exit_code == 0
    second = registry(*bulletin, "--amount", "25tr")
    assert second.exit_code == 0
    assert "Warning: an identical record already exists (#2); recorded all the same" in second.stderr
    # Recorded all the same: the report counts both.
    report = json.loads(registry("report", "2018", "--format", "json").stdout)
    assert report["support"]["bulletin"]["records"] == 2
    # Another amount, note or organisation is another record: no warning.
    for other in (("--amount", "26tr"), ("--amount", "25tr", "--note", "đợt 2")):
        assert "identical" not in registry(*bulletin, *other).stderr
    r = registry("db", "check")
    assert r.exit_code == 1
    assert "support: the same record entered 2 times" in r.stdout and "#2, #3" in r.stdout
    # The same credit to one organisation, typed twice.
    credit = ("support", "add", "credit", "--to", "4700284512", "--date", "01/03/2018", "--amount", "5tr")
    assert "identical" not in registry(*credit).stderr
    assert "already exists (#6)" in registry(*credit).stderr
