"""Each rule htx states twice, once in Python (domain/) and once in SQL (store/) for the queries, gives
the same answer: random lives, periods, status histories and addresses, evaluated by both on each
backend. The dates are drawn from a few weeks around a year's end, so that boundaries (the day a life
ends, a period's first and last day, a suspension's last day) meet often.

Rules: in force and within a life (domain/periods.py, store/periods.py); the status on a day and the
returns to operating within a period (domain/status.py, store/status.py); the address in force on a day
(domain/areas.py, store/areas.py)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, delete, insert, select
from sqlalchemy.pool import NullPool

from htxcli.domain import areas as python_areas
from htxcli.domain import periods as python_periods
from htxcli.domain import status as python_status
from htxcli.domain.periods import Period
from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
from htxcli.domain.vocab import ENDING_STATUSES, IDLE_STATUSES, LEGAL_STATUSES
from htxcli.store import areas as sql_areas
from htxcli.store import periods as sql_periods
from htxcli.store import status as sql_status
from htxcli.store.schema import legal_status, organisation
from tests.conftest import drop_database, fresh_database

pytestmark = pytest.mark.both_backends

FIRST_DAY = date(2017, 12, 20)
DAYS = 24  # 20/12/2017 to 12/01/2018
ORGANISATIONS = 125
PERIODS = 4
EXAMPLES = 4  # each example: 125 organisations x 4 periods, 500 cases a rule, on each backend


def day(offset: int) -> date:
    return FIRST_DAY + timedelta(days=offset)


def periods(draw: random.Random) -> Period:
    first = draw.randrange(DAYS)
    last = draw.randrange(first, DAYS) if draw.random() < 0.7 else first
    return Period(day(first), day(last))


def lives(draw: random.Random) -> dict[str, Any]:
    """An organisation: its life, an address (registered, and perhaps a new one from a day), and a
    status history with one entry a day at most."""
    founded = draw.randrange(DAYS)
    history = []
    for one in sorted(draw.sample(range(DAYS), draw.randrange(5))):
        # Suspensions, and the entries that end them, are the cases with the most boundaries.
        status = draw.choice([*LEGAL_STATUSES.keys, "suspended", "suspended", "operating"])
        until = None
        if status == "suspended" and draw.random() < 0.7:
            until = day(draw.randrange(one, min(one + 6, DAYS)))
        history.append({"status": status, "started": day(one), "until": until})
    return {
        "founded": day(founded),
        "dissolved": day(draw.randrange(founded, DAYS)) if draw.random() < 0.5 else None,
        "district": draw.choice([None, "Ba Bể"]),
        "commune": draw.choice([None, "Thượng Minh"]),
        "province": draw.choice([None, "Bắc Kạn"]),
        "scheme": draw.choice([None, NEW_SCHEME, LEGACY_SCHEME]),
        "new_commune": draw.choice([None, "Phúc Lộc"]),
        "new_address_from": day(draw.randrange(DAYS)) if draw.random() < 0.5 else None,
        "history": history,
    }


@pytest.fixture(scope="module")
def engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    db = fresh_database(backend, tmp_path_factory.mktemp("twins"))
    made = create_engine(db if isinstance(db, str) else f"sqlite:///{db}", poolclass=NullPool)
    yield made
    made.dispose()
    drop_database(db)


def _store(engine: Engine, world: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The organisations written afresh; {id: organisation} with each status entry's id."""
    with engine.begin() as con:
        con.execute(delete(legal_status))
        con.execute(delete(organisation))
        stored = {}
        for n, one in enumerate(world):
            values = {k: v for k, v in one.items() if k != "history"}
            code = f"T{n:04d}"
            keys = {"search_key": code, "name_key": code, "sort_key": code}
            result = con.execute(
                insert(organisation).values(code=code, name=code, kind="cooperative", **keys, **values)
            )
            identity = int(result.inserted_primary_key[0])  # type: ignore[index]
            for entry in one["history"]:
                added = con.execute(insert(legal_status).values(organisation_id=identity, **entry))
                entry["id"] = int(added.inserted_primary_key[0])  # type: ignore[index]
            stored[identity] = one
        return stored


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_the_python_and_the_sql_rules_agree(engine: Engine, seed: int) -> None:
    """Hypothesis draws the seed (and reports it on failure); the seed draws the world."""
    draw = random.Random(seed)
    stored = _store(engine, [lives(draw) for _ in range(ORGANISATIONS)])
    asked = [periods(draw) for _ in range(PERIODS)]
    cases: dict[str, int] = {}

    def _count(rule: str, count: int) -> None:
        cases[rule] = cases.get(rule, 0) + count

    o, s = organisation.c, legal_status.c
    with engine.connect() as con:
        for period in asked:
            day_of = Period.day(period.last)
            for rule in ("in_force", "within_life"):
                python_rule, sql_rule = getattr(python_periods, rule), getattr(sql_periods, rule)
                expected = {
                    i for i, one in stored.items() if python_rule(one["founded"], one["dissolved"], period)
                }
                found = set(
                    con.execute(select(o.id).where(sql_rule(o.founded, o.dissolved, period))).scalars()
                )
                assert found == expected, (rule, period)
                _count(rule, len(stored))

            # The status on a day: the SQL finds the organisations not operating, with their status.
            every = (*IDLE_STATUSES, *ENDING_STATUSES)
            query = select(s.organisation_id, s.status).where(sql_status.idle_on(period.last, every))
            found_status = {row[0]: row[1] for row in con.execute(query)}
            expected_status = {
                i: status
                for i, one in stored.items()
                if (status := python_status.status_on(one["history"], period.last)) != python_status.OPERATING
            }
            assert found_status == expected_status, period
            _count("status_on", len(stored))

            # The returns to operating within the period, entry by entry.
            found_returns = set(con.execute(select(s.id).where(sql_status.resumed_in(period))).scalars())
            expected_returns = {
                e["id"] for one in stored.values() for e in python_status.resumed_in(one["history"], period)
            }
            assert found_returns == expected_returns, period
            _count("resumed_in", len(stored))

            # The address in force on the period's last day.
            query = select(
                o.id,
                sql_areas.district_on(day_of.last),
                sql_areas.commune_on(day_of.last),
                sql_areas.new_commune_on(day_of.last),
            )
            found_places = {row[0]: tuple(row[1:]) for row in con.execute(query)}
            expected_places = {
                i: (
                    python_areas.district_on(one, day_of.last),
                    python_areas.commune_on(one, day_of.last),
                    python_areas.new_commune_on(one, day_of.last),
                )
                for i, one in stored.items()
            }
            assert found_places == expected_places, period
            _count("address_on", len(stored))
    assert len(cases) == 5 and min(cases.values()) >= 500, cases


@pytest.mark.parametrize("start", [(1, 1), (15, 12), (1, 7), (2, 1), (31, 3), (1, 3)])
def test_a_reporting_year_held_in_a_column_is_the_python_period(
    engine: Engine, start: tuple[int, int]
) -> None:
    """store.periods.RowPeriod.reporting_year, which db check reads ratings' and figures' years by, gives
    the days of domain.periods.Period.reporting_year."""
    from sqlalchemy import literal_column

    with engine.connect() as con:
        for year in [*range(2015, 2030), 1900, 2000, 2100]:  # leap years and the centuries' exceptions
            period = sql_periods.RowPeriod.reporting_year(literal_column(str(year)), start)
            first, last = con.execute(select(period.first, period.last)).one()
            assert (first, last) == (
                (expected := Period.reporting_year(year, start)).first,
                expected.last,
            ), (year, start)
            assert python_periods.years_within_life(expected.first, expected.last, start) == range(
                year, year + 1
            )
