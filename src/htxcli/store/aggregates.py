"""The yearly report's figures, as SQL aggregates: no row of the registry is loaded into Python.

Every query takes the year as a domain.periods.Period and an optional domain.areas.Area. Sums are
written as sum(CASE ...) rather than sum(<boolean>) so that PostgreSQL, which has no boolean
arithmetic, runs the same SQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, exists, func, or_, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.vocab import RATED_KINDS
from htxcli.store.areas import (
    district_on,
    former_province,
    in_area,
    new_commune_code_on,
    new_commune_on,
    province_on,
)
from htxcli.store.periods import during, in_force
from htxcli.store.schema import legal_status, organisation, rating, support
from htxcli.store.status import idle_on, resumed_in


def _organisation_figures(period: Period) -> list[Any]:
    """The figures of a group of organisations in a period, for organisations() and
    organisations_by_address() alike: active at its end and at its start (= the end of the period
    before), founded and ended in it (dissolved, of which by dissolution and by bankruptcy), members
    and capital of the active, and the rows counted."""
    o, s = organisation.c, legal_status.c
    active = _active_on(Period.day(period.last))
    active_start = _active_on(period.day_before())
    ended = during(o.dissolved, period)
    # The life ended by bankruptcy: its ending entry (store/endings.py writes both) says so.
    bankrupt = exists().where(s.organisation_id == o.id, s.status == "bankrupt", s.started == o.dissolved)
    return [
        _count_if(active).label("active"),
        _count_if(active_start).label("active_start"),
        _count_if(during(o.founded, period)).label("new"),
        _count_if(ended).label("dissolved"),
        _count_if(and_(ended, ~bankrupt)).label("dissolutions"),
        _count_if(and_(ended, bankrupt)).label("bankrupt"),
        _sum_if(active, o.members).label("members"),
        _sum_if(active, o.capital_vnd).label("capital_vnd"),
        func.count().label("records"),
    ]


def _active_on(day: Period) -> ColumnElement[bool]:
    """In force on that day: dissolved on D means inactive from D on."""
    return in_force(organisation.c.founded, organisation.c.dissolved, day)


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _sum_if(condition: ColumnElement[bool], column: Any) -> Any:
    return func.coalesce(func.sum(case((condition, column), else_=None)), 0)


class ReportQueries:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._areas: dict[Area, ColumnElement[bool]] = {}

    def _in(self, query: Select[Any], area: Area | None) -> Select[Any]:
        """The query restricted to organisations of the area (its condition built once per area)."""
        if area is None:
            return query
        if area not in self._areas:
            self._areas[area] = in_area(self.connection, area)
        return query.where(self._areas[area])

    def district_spellings(self) -> list[tuple[str, int]]:
        """(spelling, records) of every district spelling in the registry: 'Ba Bể' and 'BA BỂ' are
        one district, which the report shows as most of its records spell it."""
        o = organisation.c
        # On the district, not its key: the report's covering index leads with the district.
        query = select(o.district, func.count()).where(o.district.is_not(None)).group_by(o.district)
        return [(row[0], row[1]) for row in self.connection.execute(query)]

    def commune_spellings(self) -> list[str]:
        """Every commune spelling of the registry, of either address."""
        o = organisation.c
        found: set[str] = set()
        for column in (o.commune, o.new_commune):
            found.update(
                self.connection.execute(select(column).distinct().where(column.is_not(None))).scalars()
            )
        return sorted(found)

    def organisations(self, period: Period, area: Area | None) -> list[dict[str, Any]]:
        """Per district and kind: active at the start and at the end of the year, new, dissolved,
        and members and capital of those active at the end. One scan gives both the province's
        and the districts' figures. Grouped by the district as stored, which the covering index
        holds (its folded key is not); `records` counts every organisation of the group, whatever
        the year, for the report to merge spellings of one district and pick the one shown."""
        o = organisation.c
        query = select(o.district, o.kind, *_organisation_figures(period)).group_by(o.district, o.kind)
        return [dict(row) for row in self.connection.execute(self._in(query, area)).mappings()]

    def statuses(
        self, period: Period, area: Area | None, *, by_address: bool = False
    ) -> list[dict[str, Any]]:
        """Per district and kind: those suspended, being dissolved and revoked on the period's last day,
        and those back to operating within the period. Read from the status history alone (the
        organisations without one are operating), so its cost follows the history's length. With
        `by_address`, per place of the address in force on the last day, as organisations_by_address
        groups its rows, so that the two meet row for row."""
        s, o = legal_status.c, organisation.c
        last = period.last
        places: list[Any] = (
            [district_on(last), new_commune_on(last), former_province(), new_commune_code_on(last)]
            if by_address
            else [o.district]
        )
        names = ("district", "commune", "former_province", "commune_code")

        def idle(status: str) -> Any:
            return _count_if(and_(s.status == status, idle_on(last, (status,))))

        resumed = func.count(distinct(case((resumed_in(period), s.organisation_id), else_=None)))
        query = (
            select(
                *(place.label(name) for place, name in zip(places, names, strict=False)),
                o.kind,
                idle("suspended").label("suspended"),
                idle("being-dissolved").label("being_dissolved"),
                idle("revoked").label("revoked"),
                resumed.label("resumed"),
            )
            .select_from(legal_status.join(organisation, o.id == s.organisation_id))
            .where(s.started <= last)
            .group_by(*places, o.kind)
        )
        return [dict(row) for row in self.connection.execute(self._in(query, area)).mappings()]

    def communes_of_district(self, area: Area, day: date) -> list[tuple[str | None, int]]:
        """(commune of the new scheme in force on `day`, organisations) of the organisations
        registered in the district `area` (by the address they were registered with), existing then."""
        o = organisation.c
        commune = new_commune_on(day)
        query = (
            select(commune, func.count())
            .where(o.founded <= day, or_(o.dissolved.is_(None), o.dissolved > day))
            .group_by(commune)
        )
        return [(name, count) for name, count in self.connection.execute(self._in(query, area))]

    def addresses_moved_by(self, day: date) -> bool:
        """Whether any organisation has a new address in force on `day`: until then every report
        places organisations by the address they were registered with, as organisations() does."""
        o = organisation.c
        query = select(o.id).where(o.new_address_from <= day).limit(1)
        return self.connection.execute(query).first() is not None

    def organisations_by_address(self, period: Period, area: Area | None) -> list[dict[str, Any]]:
        """organisations()'s figures per kind and per place of the address in force on the year's last
        day: its district (none after the reform), its commune of the new scheme, and its former
        province. For the years from the 2025 reform on."""
        o = organisation.c
        day = period.last
        district, commune, former = district_on(day), new_commune_on(day), former_province()
        code = new_commune_code_on(day)  # rows of one official commune are one row, others apart
        query = select(
            district.label("district"),
            commune.label("commune"),
            former.label("former_province"),
            code.label("commune_code"),
            o.kind,
            *_organisation_figures(period),
        ).group_by(district, commune, former, code, o.kind)
        return [dict(row) for row in self.connection.execute(self._in(query, area)).mappings()]

    def commune_codes(self, day: date) -> list[tuple[str, str]]:
        """(name, official code) of every commune of the new scheme an organisation is in on `day`:
        what gives the report's communes their type words (Phường Bắc Kạn)."""
        name, code = new_commune_on(day), new_commune_code_on(day)
        query = select(name, code).where(code.is_not(None)).distinct()
        return [(row[0], row[1]) for row in self.connection.execute(query)]

    def grades(self, year: int, area: Area | None, founded_by: date | None = None) -> dict[str, int]:
        """Ratings recorded for the year of the rated kinds (vocab.RATED_KINDS), by grade; with
        `founded_by`, of organisations founded by then. A credit fund's rating (the State Bank's) is
        kept but not counted: the report gives these as "N HTX được xếp loại"."""
        query = (
            select(rating.c.grade, func.count())
            .join(organisation, organisation.c.id == rating.c.organisation_id)
            .where(rating.c.year == year, organisation.c.kind.in_(RATED_KINDS))
        )
        if founded_by is not None:
            query = query.where(organisation.c.founded <= founded_by)
        if area is not None:
            query = self._in(query, area)
        query = query.group_by(rating.c.grade)
        return {grade: count for grade, count in self.connection.execute(query)}

    def not_rated(self, period: Period, year: int, area: Area | None) -> int:
        """Organisations of the rated kinds (vocab.RATED_KINDS) active on the period's last day with no
        rating recorded for `year` (not even "unrated"): the ratings the office still awaits."""
        o, r = organisation.c, rating.c
        rated = select(r.organisation_id).where(r.year == year)
        query = (
            select(func.count())
            .select_from(organisation)
            .where(o.kind.in_(RATED_KINDS), _active_on(Period.day(period.last)), o.id.not_in(rated))
        )
        return int(self.connection.execute(self._in(query, area)).scalar_one())

    def support(self, period: Period, area: Area | None) -> list[dict[str, Any]]:
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
            .where(during(s.date, period))
            .group_by(s.program)
        )
        if area is not None:
            # Province-wide records belong to no area, so an area's report leaves them out.
            query = self._in(query.join(organisation, organisation.c.id == s.organisation_id), area)
        return [dict(row) for row in self.connection.execute(query).mappings()]

    def has_figures(self) -> bool:
        """Whether the registry holds any yearly figures: a report shows its economy only then, so
        that a registry without any reports exactly as before (revision 0007)."""
        return self.connection.exec_driver_sql("SELECT 1 FROM figures LIMIT 1").first() is not None

    def economy(
        self, period: Period, year: int, area: Area | None, *, by_address: bool
    ) -> list[dict[str, Any]]:
        """Per place and kind, the sums of the yearly figures of `year` (store/economy.py)."""
        from htxcli.store.economy import economy_query

        query = economy_query(period, year, by_address=by_address)
        return [dict(row) for row in self.connection.execute(self._in(query, area)).mappings()]

    def ended_reporting(self, period: Period, year: int, area: Area | None) -> int:
        """How many organisations that ended within the period reported figures for `year`."""
        from htxcli.store.economy import ended_reporting_query

        return int(self.connection.execute(self._in(ended_reporting_query(period, year), area)).scalar_one())

    def recipients(
        self, period: Period, program: str, area: Area | None, *, on: date | None = None
    ) -> list[dict[str, Any]]:
        """The organisations a program supported in the year, in Vietnamese order; with `on`, each
        with the district, the commune of the new scheme (and its code) and the province of its
        address in force that day."""
        o = organisation.c
        # A subquery, not a join: it is answered from the support date index, where a join made
        # SQLite walk the organisations in name order and probe support for each.
        supported = select(support.c.organisation_id).where(
            during(support.c.date, period), support.c.program == program
        )
        columns = [o.code, o.name, o.district]
        if on is not None:
            columns[2:] = [
                district_on(on).label("district"),
                new_commune_on(on).label("commune"),
                new_commune_code_on(on).label("commune_code"),
                province_on(on).label("province"),
            ]
        query = select(*columns).where(o.id.in_(supported)).order_by(o.sort_key, o.code)
        rows = self.connection.execute(self._in(query, area)).mappings()
        return [{"commune": None, "commune_code": None, "province": None, **row} for row in rows]
