"""The report workbook's list of organisations: those active at the end of a year, each with its grade
of every year shown, in `htx list`'s order (the Vietnamese sort key, then the code), streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import FromClause, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.store.areas import in_area
from htxcli.store.exports import YIELD_PER
from htxcli.store.periods import in_force
from htxcli.store.schema import organisation, rating

ROSTER_FIELDS = ("code", "name", "kind", "district", "commune", "sector", "founded", "members", "capital_vnd")


def active_at_end(
    connection: Connection, period: Period, grade_years: Sequence[int], area: Area | None
) -> Iterator[tuple[Any, ...]]:
    """The organisations in force on the last day of `period` (the report's: a calendar year, or
    15/12 to 14/12): rows of ROSTER_FIELDS then one grade (or None) per year of `grade_years`, as
    tuples. The list of a 100,000-organisation registry is read YIELD_PER rows at a time and never
    held whole."""
    o = organisation.c
    # One outer join per year shown, each answered by the unique (organisation_id, year) index.
    grades = {y: rating.alias(f"rating_{y}") for y in grade_years}
    joined: FromClause = organisation
    for y, r in grades.items():
        joined = joined.outerjoin(r, (r.c.organisation_id == o.id) & (r.c.year == y))
    # Active at the end of the period: in force on its last day (dissolved on D: inactive from D on).
    query = (
        select(*(getattr(o, f) for f in ROSTER_FIELDS), *(r.c.grade for r in grades.values()))
        .select_from(joined)
        .where(in_force(o.founded, o.dissolved, Period.day(period.last)))
        .order_by(o.sort_key, o.code)
    )
    if area is not None:
        query = query.where(in_area(connection, area))
    result = connection.execution_options(yield_per=YIELD_PER).execute(query)
    for row in result:
        yield tuple(row)
