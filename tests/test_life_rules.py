"""An organisation's life, at its boundaries, through every command that applies its two rules
(domain/periods.py and its SQL twin store/periods.py): `in_force` (active during a period: one dissolved
on D is inactive from D on) and `within_life` (which records may belong to it: the day it ended
included); and areas (domain/areas.py) as the filters of `htx list`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

pytestmark = pytest.mark.both_backends


def execute(db: Path | str, statement: str) -> None:
    """A row written behind htx's back, as an older htx or a hand edit may have left it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(db if isinstance(db, str) else f"sqlite:///{db}", poolclass=NullPool)
    try:
        with engine.begin() as con:
            con.execute(text(statement))
    finally:
        engine.dispose()


def codes(htx: Callable[..., Run], *args: str) -> list[str]:
    r = htx("list", *args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return [row["code"] for row in json.loads(r.stdout)]


@pytest.fixture
def dissolved_on_1_january(htx: Callable[..., Run]) -> Callable[..., Run]:
    """A1: founded 1 May 2010, rated for 2018, dissolved on 1 January 2018."""
    assert htx("add", "HTX A", "--code", "A1", "--founded", "2010-05-01").exit_code == 0
    assert htx("rate", "A1", "2018", "khá").exit_code == 0
    r = htx("dissolve", "A1", "--on", "2018-01-01")
    assert r.exit_code == 0, r.stderr  # its 2018 rating stays within its life
    return htx


def test_a_rating_may_be_for_the_year_of_dissolution(dissolved_on_1_january: Callable[..., Run]) -> None:
    htx = dissolved_on_1_january
    assert htx("rate", "A1", "2010", "tốt").exit_code == 0  # the founding year, founded in May
    assert htx("rate", "A1", "2018", "tốt").exit_code == 0  # dissolved on its first day
    r = htx("rate", "A1", "2019", "tốt")
    assert (r.exit_code, r.stderr) == (1, "Error: year: 2019 is after the year of dissolution 2018\n")
    r = htx("rate", "A1", "2009", "tốt")
    assert (r.exit_code, r.stderr) == (1, "Error: year: 2009 is before the founding year 2010\n")
    # Yet it was not active during 2018: in force rules the lists and the report.
    assert codes(htx, "--active-in", "2018") == []
    assert codes(htx, "--active-in", "2017") == ["A1"]
    report = json.loads(htx("report", "2018", "--format", "json").stdout)["organisations"]["cooperative"]
    assert (report["active"], report["active_start"], report["dissolved"]) == (0, 1, 1)
    assert htx("db", "check").exit_code == 0


def test_check_lists_ratings_outside_the_years_of_a_life(
    dissolved_on_1_january: Callable[..., Run], db_path: Path | str
) -> None:
    htx = dissolved_on_1_january
    for year in (2009, 2019):
        execute(db_path, f"INSERT INTO rating (organisation_id, year, grade) VALUES (1, {year}, 'good')")
    r = htx("db", "check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"rating: A1 is rated for {year}, outside its life (founded 2010-05-01, dissolved 2018-01-01)"
        for year in (2009, 2019)
    ]


def test_a_dissolution_may_not_leave_a_rating_outside_the_life(htx: Callable[..., Run]) -> None:
    assert htx("add", "HTX B", "--code", "B1", "--founded", "2010-05-01").exit_code == 0
    assert htx("rate", "B1", "2019", "khá").exit_code == 0
    r = htx("dissolve", "B1", "--on", "2018-12-31")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: --on: '2018-12-31' would leave the 2019 rating outside the organisation's life\n"
    )
    assert htx("dissolve", "B1", "--on", "2019-01-01").exit_code == 0


def test_support_on_the_first_and_the_last_day_of_a_life_is_within_it(htx: Callable[..., Run]) -> None:
    assert htx("add", "HTX S", "--code", "S1", "--founded", "2015-04-20").exit_code == 0
    assert htx("dissolve", "S1", "--on", "2018-06-30").exit_code == 0
    warnings = {}
    for day in ("2015-04-19", "2015-04-20", "2018-06-30", "2018-07-01"):
        r = htx("support", "add", "credit", "--to", "S1", "--date", day, "--amount", "5")
        assert r.exit_code == 0
        warnings[day] = r.stderr.startswith("Warning:")
    assert warnings == {"2015-04-19": True, "2015-04-20": False, "2018-06-30": False, "2018-07-01": True}
    r = htx("db", "check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "support #1: dated 2015-04-19, before S1 was founded (2015-04-20)",
        "support #4: dated 2018-07-01, after S1 was dissolved (2018-06-30)",
    ]


# --- areas --------------------------------------------------------------------------------------


def test_list_by_commune_whatever_its_spelling_and_with_a_district(registry: Any) -> None:
    """0470012345 is in Xuất Hóa (Thành phố Bắc Kạn); two more spell it otherwise, one in Ba Bể."""
    for code, commune, district in (("C-2", "XUẤT HÓA", "Ba Bể"), ("C-3", "Xuất Hoá", "Thành phố Bắc Kạn")):
        args = ("--commune", commune, "--district", district, "--founded", "2016-01-01")
        assert registry("add", f"HTX {code}", "--code", code, *args).exit_code == 0
    assert sorted(codes(registry, "--commune", "xuat hoa")) == ["0470012345", "C-2", "C-3"]
    assert codes(registry, "--commune", "Xuất Hóa", "--district", "BA BE") == ["C-2"]
    assert codes(registry, "--commune", "Xuất", "--district", "ba be") == []  # a whole name, not a part
    assert codes(registry, "--commune", "Nowhere") == []
    blank = registry("list", "--commune", "  ")  # no name given: an error, as for --district, not everything
    assert (
        blank.exit_code == 1
        and blank.stdout == ""
        and "--commune: " in blank.stderr
        and "is empty" in blank.stderr
    )


def test_the_years_of_a_life_are_those_within_it() -> None:
    """years_within_life, which a bulk ratings import tests a batch against, says what within_life says."""
    from datetime import date

    from htxcli.domain.periods import Period, within_life, years_within_life

    for founded, dissolved in [
        (date(2015, 6, 1), None),
        (date(2015, 6, 1), date(2018, 1, 1)),
        (date(2015, 1, 1), date(2015, 12, 31)),
    ]:
        span = years_within_life(founded, dissolved)
        for year in range(2010, 2025):
            assert (year in span) == within_life(founded, dissolved, Period.year(year)), (
                founded,
                dissolved,
                year,
            )


def test_list_active_means_in_force_today(htx: Callable[..., Run], db_path: Path | str) -> None:
    """`list --status active` is the organisations in force today, the rule of the report and of
    --active-in: one whose dissolution is dated tomorrow (a date an office was notified of ahead, or a
    row an older htx left) is still active today, and not yet among the dissolved."""
    from datetime import date, timedelta

    for code in ("C1", "C2", "C3"):
        assert htx("add", f"HTX {code}", "--code", code, "--founded", "2010-05-01").exit_code == 0
    assert htx("dissolve", "C2", "--on", date.today().isoformat()).exit_code == 0
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    execute(db_path, f"UPDATE organisation SET dissolved = '{tomorrow}' WHERE code = 'C3'")
    assert codes(htx, "--status", "active") == ["C1", "C3"]
    assert codes(htx, "--status", "dissolved") == ["C2"]
    assert codes(htx, "--status", "operating") == ["C1", "C3"]
    assert codes(htx, "--status", "all") == ["C1", "C2", "C3"]
