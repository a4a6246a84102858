"""The yearly report's figures, as SQL aggregates: no row of the registry is loaded into Python.

Every query takes the year's bounds as dates and an optional district key. Sums are written as
sum(CASE ...) rather than sum(<boolean>) so that PostgreSQL, which has no boolean arithmetic, runs
the same SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.engine import Connection

from htxcli.domain.periods import Period as DayPeriod
from htxcli.store.periods import in_force
from htxcli.store.schema import organisation, rating, support


@dataclass(frozen=True)
class Period:
    """One calendar year."""

    year: int

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)


def _active_at(day: date) -> ColumnElement[bool]:
    """Founded on or before `day` and not dissolved by then: dissolved on D means inactive from D on."""
    return in_force(organisation.c.founded, organisation.c.dissolved, DayPeriod.day(day))


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _sum_if(condition: ColumnElement[bool], column: Any) -> Any:
    return func.coalesce(func.sum(case((condition, column), else_=None)), 0)


class ReportQueries:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def district_spellings(self) -> list[tuple[str, int]]:
        """(spelling, records) of every district spelling in the registry: 'Ba Bể' and 'BA BỂ' are
        one district, which the report shows as most of its records spell it."""
        o = organisation.c
        # On the district, not its key: the report's covering index leads with the district.
        query = select(o.district, func.count()).where(o.district.is_not(None)).group_by(o.district)
        return [(row[0], row[1]) for row in self.connection.execute(query)]

    def organisations(self, period: Period, district_key: str | None) -> list[dict[str, Any]]:
        """Per district and kind: active at the start and at the end of the year, new, dissolved,
        and members and capital of those active at the end. One scan gives both the province's
        and the districts' figures. Grouped by the district as stored, which the covering index
        holds (its folded key is not); `records` counts every organisation of the group, whatever
        the year, for the report to merge spellings of one district and pick the one shown."""
        o = organisation.c
        active = _active_at(period.last)
        # Active at the start of the year = active at the end of the one before.
        active_start = _active_at(date(period.year - 1, 12, 31))
        query = select(
            o.district,
            o.kind,
            _count_if(active).label("active"),
            _count_if(active_start).label("active_start"),
            _count_if(o.founded.between(period.first, period.last)).label("new"),
            _count_if(o.dissolved.between(period.first, period.last)).label("dissolved"),
            _sum_if(active, o.members).label("members"),
            _sum_if(active, o.capital_vnd).label("capital_vnd"),
            func.count().label("records"),
        ).group_by(o.district, o.kind)
        if district_key is not None:
            query = query.where(o.district_key == district_key)
        return [dict(row) for row in self.connection.execute(query).mappings()]

    def grades(self, period: Period, district_key: str | None) -> dict[str, int]:
        query = select(rating.c.grade, func.count()).where(rating.c.year == period.year)
        if district_key is not None:
            query = query.join(organisation, organisation.c.id == rating.c.organisation_id).where(
                organisation.c.district_key == district_key
            )
        query = query.group_by(rating.c.grade)
        return {grade: count for grade, count in self.connection.execute(query)}

    def support(self, period: Period, district_key: str | None) -> list[dict[str, Any]]:
        """Per program: distinct organisations named, records, quantity, amount, and the unit when
        all records that give one agree."""
        s = support.c
        query = (
            select(
                s.program,
                func.count(distinct(s.organisation_id)).label("organisations"),
                func.count().label("records"),
                func.coalesce(func.sum(s.quantity), 0).label("quantity"),
                func.coalesce(func.sum(s.amount_vnd), 0).label("amount_vnd"),
                func.count(distinct(s.unit)).label("units"),
                func.max(s.unit).label("unit"),
            )
            .where(s.date.between(period.first, period.last))
            .group_by(s.program)
        )
        if district_key is not None:
            # Province-wide records belong to no district, so a district's report leaves them out.
            query = query.join(organisation, organisation.c.id == s.organisation_id).where(
                organisation.c.district_key == district_key
            )
        return [dict(row) for row in self.connection.execute(query).mappings()]

    def recipients(self, period: Period, program: str, district_key: str | None) -> list[dict[str, Any]]:
        """The organisations a program supported in the year, in Vietnamese order."""
        o = organisation.c
        # A subquery, not a join: it is answered from the support date index, where a join made
        # SQLite walk the organisations in name order and probe support for each.
        supported = select(support.c.organisation_id).where(
            support.c.date.between(period.first, period.last), support.c.program == program
        )
        query = select(o.code, o.name, o.district).where(o.id.in_(supported)).order_by(o.sort_key, o.code)
        if district_key is not None:
            query = query.where(o.district_key == district_key)
        rows = self.connection.execute(query)
        return [{"code": code, "name": name, "district": district} for code, name, district in rows]
