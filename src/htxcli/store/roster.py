"""The report workbook's list of organisations: those registered (not ended) on the last day of a
reporting period, each with its legal status and its address in force that day, and its grade of every
year shown, in `htx list`'s order (the Vietnamese sort key, then the code), streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import FromClause, String, case, literal, or_, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.reform import NEW_SCHEME, REFORM_DAY
from htxcli.domain.vocab import IDLE_STATUSES
from htxcli.store.areas import (
    commune_on,
    district_on,
    in_area,
    moved_by,
    new_commune_code_on,
    new_commune_on,
    province_on,
    registered_old,
)
from htxcli.store.exports import YIELD_PER
from htxcli.store.periods import in_force
from htxcli.store.schema import legal_status, organisation, rating
from htxcli.store.status import idle_on

# The columns of each row, then one grade (or None) per year shown. `status` is the legal status on
# the period's last day, None for operating; the address is the one in force that day (the district
# None once a new address without districts took effect); `former_*` the address it replaced, for an
# organisation whose new address was in force by then.
ROSTER_FIELDS = (
    "code",
    "name",
    "kind",
    "status",
    "commune",
    "district",
    "province",
    "former_commune",
    "former_district",
    "former_province",
    "sector",
    "founded",
    "members",
    "capital_vnd",
)


# Then, before the grades, what gives the addresses their type words (domain.unit_matching.titled): the
# official code and scheme of the commune in force, and of the former commune.
CODE_FIELDS = ("commune_code", "scheme", "former_commune_code", "former_scheme")


def active_at_end(
    connection: Connection, period: Period, grade_years: Sequence[int], area: Area | None
) -> Iterator[tuple[Any, ...]]:
    """Rows of ROSTER_FIELDS, CODE_FIELDS, then one grade (or None) per year of `grade_years`, as tuples:
    the list of a 100,000-organisation registry is read YIELD_PER rows at a time and never held whole."""
    o, s = organisation.c, legal_status.c
    day = period.last
    # One outer join per year shown, each answered by the unique (organisation_id, year) index.
    grades = {y: rating.alias(f"rating_{y}") for y in grade_years}
    joined: FromClause = organisation
    for y, r in grades.items():
        joined = joined.outerjoin(r, (r.c.organisation_id == o.id) & (r.c.year == y))
    status = (
        select(s.status)
        .where(s.organisation_id == o.id, idle_on(day, IDLE_STATUSES))
        .limit(1)
        .scalar_subquery()
    )
    columns = {
        "code": o.code,
        "name": o.name,
        "kind": o.kind,
        "status": status,
        **_address(day),
        "sector": o.sector,
        "founded": o.founded,
        "members": o.members,
        "capital_vnd": o.capital_vnd,
    }
    # Active on the period's last day (dissolved on D: inactive from D on).
    query = (
        select(
            *(columns[f].label(f) for f in (*ROSTER_FIELDS, *CODE_FIELDS)),
            *(r.c.grade for r in grades.values()),
        )
        .select_from(joined)
        .where(in_force(o.founded, o.dissolved, Period.day(day)))
        .order_by(o.sort_key, o.code)
    )
    if area is not None:
        query = query.where(in_area(connection, area))
    result = connection.execution_options(yield_per=YIELD_PER).execute(query)
    for row in result:
        yield tuple(row)


def _address(day: date) -> dict[str, Any]:
    """The address columns (and CODE_FIELDS) of the address in force on `day`. From the 2025 reform
    on, that is a commune of the new scheme or nothing: an address before 01/07/2025 never moved is
    no longer in force (report --check and db check name it), and is shown as the address before."""
    o = organisation.c
    moved = moved_by(day)
    if day < REFORM_DAY:
        return {
            "commune": commune_on(day),
            "district": district_on(day),
            "province": province_on(day),
            "former_commune": case((moved, o.commune), else_=None),
            "former_district": case((moved, o.district), else_=None),
            "former_province": case((moved, o.province), else_=None),
            "commune_code": case((moved, o.new_commune_code), else_=o.commune_code),
            "scheme": case((moved, literal(NEW_SCHEME)), else_=o.scheme),
            "former_commune_code": case((moved, o.commune_code), else_=None),
            "former_scheme": case((moved, o.scheme), else_=None),
        }
    before = or_(moved, registered_old())  # an address before the one in force, or never moved
    in_force_now = new_commune_on(day)
    return {
        "commune": in_force_now,
        "district": literal(None, String),
        "province": case((moved, o.new_province), (registered_old(), None), else_=o.province),
        "former_commune": case((before, o.commune), else_=None),
        "former_district": case((before, o.district), else_=None),
        "former_province": case((before, o.province), else_=None),
        "commune_code": new_commune_code_on(day),
        "scheme": case((in_force_now.is_not(None), literal(NEW_SCHEME)), else_=None),
        "former_commune_code": case((before, o.commune_code), else_=None),
        "former_scheme": case((before, o.scheme), else_=None),
    }
