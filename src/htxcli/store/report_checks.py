"""`htx report YEAR --check`: what to look at before a report is signed, as SQL aggregates over the
organisations the report counts. Each query returns the codes concerned, in code order; the report's
own figures (its totals, its averages) are checked on the built report (services/report_checks.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, not_, or_, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.status import SUSPENDED, year_before
from htxcli.domain.vocab import RATED_GRADES, RATED_KINDS
from htxcli.store.areas import in_area, unplaced_on
from htxcli.store.periods import RowPeriod, during, in_force, within_life
from htxcli.store.schema import figures, legal_status, organisation, rating, support
from htxcli.store.status import idle_on, latest_on

# A figure that changed this many times over (up or down) from the year before looks like a slip.
JUMP = 10
# The figures compared with the year before: those whose tenfold change is unlikely.
JUMP_FIGURES = ("members", "workers", "capital_vnd", "assets_vnd", "revenue_vnd", "income_vnd_per_year")


def profit_above_revenue() -> ColumnElement[bool]:
    """A year's figures whose pre-tax profit is larger than the revenue it came from: a slip (domain/
    figures.py's doubt in SQL), which `db check` and `report --check` both look for."""
    f = figures.c
    return f.profit_vnd > f.revenue_vnd


def support_outside_life() -> ColumnElement[bool]:
    """A support record (joined to its organisation) dated before the organisation was founded or after
    it was dissolved: `db check` lists each record, `report --check` those of its period."""
    o = organisation.c
    return not_(within_life(o.founded, o.dissolved, RowPeriod.day(support.c.date)))


class ReportChecks:
    def __init__(self, connection: Connection, area: Area | None) -> None:
        self.connection = connection
        self.area_condition = None if area is None else in_area(connection, area)

    def _codes(self, query: Select[Any]) -> list[str]:
        if self.area_condition is not None:
            query = query.where(self.area_condition)
        return list(self.connection.execute(query.order_by(organisation.c.code)).scalars())

    def no_address(self, period: Period) -> list[str]:
        """Organisations within their life during the period that the report cannot place: no
        district before the 2025 reform, no commune of the new scheme in force on its last day after."""
        o = organisation.c
        return self._codes(
            select(o.code).where(within_life(o.founded, o.dissolved, period), unplaced_on(period.last))
        )

    def unrated(self, period: Period, year: int) -> list[str]:
        """Active organisations of the rated kinds with no rating recorded for the year."""
        o, r = organisation.c, rating.c
        rated = select(r.organisation_id).where(r.year == year)
        return self._codes(
            select(o.code).where(o.kind.in_(RATED_KINDS), _active_on(period.last), o.id.not_in(rated))
        )

    def rated_not_active(self, period: Period, year: int) -> list[str]:
        """Organisations with a grade for the year that were not active at the period's end."""
        o, r = organisation.c, rating.c
        query = (
            select(o.code)
            .join(rating, r.organisation_id == o.id)
            .where(r.year == year, r.grade.in_(RATED_GRADES), ~_active_on(period.last))
        )
        return self._codes(query)

    def support_outside_life(self, period: Period) -> list[str]:
        """Organisations with support dated within the period but outside their life."""
        o, s = organisation.c, support.c
        query = (
            select(o.code)
            .distinct()
            .join(support, s.organisation_id == o.id)
            .where(during(s.date, period), support_outside_life())
        )
        return self._codes(query)

    def figures_above(self, period: Period, year: int, name: str, limit: int) -> list[str]:
        """Active organisations whose figure of the year is above `limit`."""
        return self._figures(period, year, figures.c[name] > limit)

    def figures_below(self, period: Period, year: int, name: str, limit: int) -> list[str]:
        return self._figures(period, year, figures.c[name] < limit)

    def _figures(self, period: Period, year: int, condition: ColumnElement[bool]) -> list[str]:
        o, f = organisation.c, figures.c
        query = (
            select(o.code)
            .join(figures, f.organisation_id == o.id)
            .where(f.year == year, _active_on(period.last), condition)
        )
        return self._codes(query)

    def profit_above_revenue(self, period: Period, year: int) -> list[str]:
        """Active organisations whose figures of the year have a profit above the revenue."""
        return self._figures(period, year, profit_above_revenue())

    def not_reporting(self, period: Period, year: int) -> list[str]:
        """Active organisations with no yearly figures for the year."""
        o, f = organisation.c, figures.c
        given = select(f.organisation_id).where(f.year == year)
        return self._codes(select(o.code).where(_active_on(period.last), o.id.not_in(given)))

    def jumps(self, period: Period, year: int) -> dict[str, list[str]]:
        """{figure: codes} of the active organisations whose figure changed `JUMP` times over (up or
        down) from the year before."""
        o = organisation.c
        now, before = figures.alias("now"), figures.alias("before")
        out: dict[str, list[str]] = {}
        for name in JUMP_FIGURES:
            a, b = now.c[name], before.c[name]
            query = (
                select(o.code)
                .join(now, now.c.organisation_id == o.id)
                .join(before, and_(before.c.organisation_id == o.id, before.c.year == year - 1))
                .where(
                    now.c.year == year,
                    _active_on(period.last),
                    a > 0,
                    b > 0,
                    or_(a >= b * JUMP, b >= a * JUMP),
                )
            )
            found = self._codes(query)
            if found:
                out[name] = found
        return out

    def suspension_overdue(self, day: date) -> list[str]:
        """Organisations suspended on `day` by the status rule (store/status.py's idle_on, as `htx
        status` says it: a suspension past its last day is operating again) for longer than one notice
        may cover, 12 months (Decree 92/2024/NĐ-CP): a renewal or a resumption not recorded."""
        o, s = organisation.c, legal_status.c
        query = (
            select(o.code)
            .join(legal_status, s.organisation_id == o.id)
            .where(idle_on(day, (SUSPENDED,)), s.started <= year_before(day), _active_on(day))
        )
        return self._codes(query)

    def dissolving_long(self, day: date) -> list[str]:
        """Organisations being dissolved on `day` for more than a year."""
        o, s = organisation.c, legal_status.c
        query = (
            select(o.code)
            .join(legal_status, s.organisation_id == o.id)
            .where(
                latest_on(day),
                s.status == "being-dissolved",
                s.started < year_before(day),
                _active_on(day),
            )
        )
        return self._codes(query)


def _active_on(day: date) -> ColumnElement[bool]:
    o = organisation.c
    return in_force(o.founded, o.dissolved, Period.day(day))
