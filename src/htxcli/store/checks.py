"""`htx db check`: the database's own integrity checks, then the registry's rules, as queries that
yield one finding per offending row. Rows written before a rule existed, or by hand, are found here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, func, literal, not_, or_, select, true
from sqlalchemy.engine import Connection

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.periods import Period
from htxcli.domain.places import by_use, spellings_by_key
from htxcli.domain.reform import REFORM_DAY
from htxcli.domain.text import sort_key
from htxcli.domain.vocab import ENDING_STATUSES, SCORE_BANDS
from htxcli.store.areas import registered_old, unplaced_on
from htxcli.store.periods import RowPeriod, in_force, within_life
from htxcli.store.report_checks import profit_above_revenue, support_outside_life
from htxcli.store.repositories import TWIN_FIELDS
from htxcli.store.schema import figures, legal_status, organisation, rating, support

Finding = tuple[str, dict[str, Any]]  # a message key and its values


class RegistryChecks:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def engine_checks(self) -> Iterator[Finding]:
        if self.connection.dialect.name != "sqlite":
            return  # a server keeps its own pages and constraints
        for (result,) in self.connection.exec_driver_sql("PRAGMA integrity_check"):
            if result != "ok":
                yield "CHECK_INTEGRITY", {"detail": result}
        for table, rowid, parent, _ in self.connection.exec_driver_sql("PRAGMA foreign_key_check"):
            yield "CHECK_FOREIGN_KEY", {"table": table, "rowid": rowid, "parent": parent}

    def ratings_outside_life(self, start: tuple[int, int] = (1, 1)) -> Iterator[Finding]:
        o = organisation.c
        query = (
            select(o.code, rating.c.year, o.founded, o.dissolved)
            .join(organisation, organisation.c.id == rating.c.organisation_id)
            .where(not_(within_life(o.founded, o.dissolved, RowPeriod.reporting_year(rating.c.year, start))))
            .order_by(o.code, rating.c.year)
        )
        for code, year, founded, dissolved in self.connection.execute(query):
            yield (
                "CHECK_RATING_OUTSIDE_LIFE",
                {"code": code, "year": year, "founded": founded, "dissolved": dissolved},
            )

    def support_outside_life(self) -> Iterator[Finding]:
        o = organisation.c
        query = (
            select(support.c.id, o.code, support.c.date, o.founded, o.dissolved)
            .join(organisation, organisation.c.id == support.c.organisation_id)
            .where(support_outside_life())
            .order_by(support.c.id)
        )
        for id_, code, when, founded, dissolved in self.connection.execute(query):
            key = "CHECK_SUPPORT_BEFORE_FOUNDED" if when < founded else "CHECK_SUPPORT_AFTER_DISSOLVED"
            yield key, {"id": id_, "code": code, "date": when, "founded": founded, "dissolved": dissolved}

    def support_twins(self) -> Iterator[Finding]:
        """Support records equal in everything but their id (and a reference, unique when given): one
        record typed twice, or two deliveries that the note should tell apart."""
        s = support.c
        fields = [s[f] for f in TWIN_FIELDS]
        twins = select(func.min(s.id), func.count()).group_by(*fields).having(func.count() > 1)
        for first, count in sorted(self.connection.execute(twins)):
            row = self.connection.execute(select(*fields).where(s.id == first)).one()
            same = select(s.id).where(*(c.is_not_distinct_from(v) for c, v in zip(fields, row, strict=True)))
            ids = ", ".join(f"#{i}" for i in self.connection.execute(same.order_by(s.id)).scalars())
            yield "CHECK_SUPPORT_TWINS", {"count": count, "ids": ids}

    def shared_names(self) -> Iterator[Finding]:
        """Names equal once accents, case and spacing are folded: often one organisation entered twice."""
        o = organisation.c
        twins = select(o.name_key).group_by(o.name_key).having(func.count() > 1).subquery()
        query = (
            select(o.name_key, o.code, o.name)
            .where(o.name_key.in_(select(twins.c.name_key)))
            .order_by(o.name_key, o.code)
        )
        groups: dict[str, list[str]] = {}
        for key, code, name in self.connection.execute(query):
            groups.setdefault(key, []).append(f"{code} {name!r}")
        for members in groups.values():
            yield "CHECK_SHARED_NAME", {"organisations": ", ".join(members)}

    def district_spellings(self) -> Iterator[Finding]:
        """One district stored in several spellings that differ only by accents, case or a type word
        ('Ba Bể', 'BA BỂ', 'Huyện Ba Bể'): written before htx used the stored spelling, or by hand.
        Most-used first."""
        o = organisation.c
        query = select(o.district, func.count()).where(o.district.is_not(None)).group_by(o.district)
        groups = spellings_by_key((spelling, count) for spelling, count in self.connection.execute(query))
        variants = [(by_use(spellings), spellings) for spellings in groups.values() if len(spellings) > 1]
        for ordered, spellings in sorted(variants, key=lambda variant: sort_key(variant[0][0])):
            listed = ", ".join(f"{s!r} ({spellings[s]})" for s in ordered)
            yield "CHECK_DISTRICT_SPELLINGS", {"count": len(spellings), "spellings": listed}

    def grades_against_scores(self) -> Iterator[Finding]:
        expected = case(
            *((rating.c.score >= floor, literal(grade, String)) for floor, grade in SCORE_BANDS),
            else_=literal("weak", String),
        )
        query = (
            select(organisation.c.code, rating.c.year, rating.c.grade, rating.c.score, expected)
            .join(organisation, organisation.c.id == rating.c.organisation_id)
            .where(rating.c.score.is_not(None), rating.c.grade != expected)
            .order_by(organisation.c.code, rating.c.year)
        )
        for code, year, grade, score, should in self.connection.execute(query):
            yield (
                "CHECK_GRADE_SCORE",
                {"code": code, "year": year, "grade": grade, "score": score, "expected": should},
            )

    def implausible_dates(self, today: date) -> Iterator[Finding]:
        """Founding, dissolution and support dates before 1900 or after today: a placeholder such as
        01/01/0001, or a mistyped year. htx accepts any real date (a date cannot know it is a typo)."""
        o = organisation.c
        earliest = date(1900, 1, 1)
        for column in (o.founded, o.dissolved):
            query = select(o.code, column).where(or_(column < earliest, column > today)).order_by(o.code)
            for code, when in self.connection.execute(query):
                yield "CHECK_IMPLAUSIBLE_DATE", {"what": f"{code} {column.name}", "date": when}
        query = (
            select(support.c.id, support.c.date)
            .where(or_(support.c.date < earliest, support.c.date > today))
            .order_by(support.c.id)
        )
        for id_, when in self.connection.execute(query):
            yield "CHECK_IMPLAUSIBLE_DATE", {"what": f"support #{id_}", "date": when}

    def statuses_out_of_step(self) -> Iterator[Finding]:
        """Status entries outside a life (before the founding, after the ending), and a dissolution
        date that is not the date of the organisation's ending status (revision 0005 keeps both in
        step; a hand-made change may not)."""
        o, s = organisation.c, legal_status.c
        outside = (
            select(o.code, s.status, s.started, o.founded, o.dissolved)
            .join(organisation, o.id == s.organisation_id)
            .where(
                or_(
                    s.started < o.founded,
                    s.started > o.dissolved,
                    (s.started == o.dissolved) & s.status.not_in(ENDING_STATUSES),
                )
            )
            .order_by(o.code, s.started)
        )
        for code, status, started, founded, dissolved in self.connection.execute(outside):
            yield (
                "CHECK_STATUS_OUTSIDE_LIFE",
                {"code": code, "status": status, "date": started, "founded": founded, "dissolved": dissolved},
            )
        ending = (
            select(s.organisation_id, func.max(s.started).label("ended"))
            .where(s.status.in_(ENDING_STATUSES))
            .group_by(s.organisation_id)
            .subquery()
        )
        astray = (
            select(o.code, o.dissolved, ending.c.ended)
            .select_from(organisation.outerjoin(ending, ending.c.organisation_id == o.id))
            .where(
                or_(
                    o.dissolved.is_not(None) & ending.c.ended.is_(None),
                    o.dissolved.is_(None) & ending.c.ended.is_not(None),
                    o.dissolved != ending.c.ended,
                )
            )
            .order_by(o.code)
        )
        for code, dissolved, ended in self.connection.execute(astray):
            yield "CHECK_STATUS_ENDING", {"code": code, "dissolved": dissolved, "ended": ended}

    def unmatched_places(self) -> Iterator[Finding]:
        """Addresses whose commune was not found in the official list (recorded as typed, with a
        warning): its province was found but not the commune, or a commune was given with neither a
        province nor a district. Each with the command that corrects it."""
        o = organisation.c
        no_province = and_(o.scheme.is_(None), o.province.is_(None), o.district.is_(None))
        for field, name, code in (
            ("commune", o.commune, o.commune_code),
            ("new_commune", o.new_commune, o.new_commune_code),
        ):
            placed = (
                o.scheme.is_not(None) if field == "new_commune" else or_(o.scheme.is_not(None), no_province)
            )
            query = (
                select(o.code, o.name, name, o.province)
                .where(placed, name.is_not(None), code.is_(None))
                .order_by(o.code)
            )
            for org_code, org_name, value, province in self.connection.execute(query):
                command = f"htx edit {org_code} --commune '…'"
                if province is None:
                    command = f"htx edit {org_code} --province '…' --commune {_quoted(value)}"
                yield (
                    "CHECK_UNMATCHED_PLACE",
                    {
                        "code": org_code,
                        "name": org_name,
                        "field": str(messages.FIELD_NAMES.get(field, field)),  # xã, not commune
                        "value": value,
                        "command": command,
                    },
                )

    def no_commune_in_force(self, day: date, listed: set[str]) -> Iterator[Finding]:
        """Organisations in force on `day` that a report of it cannot place (store.areas.unplaced_on,
        the rule report --check names them by): from the 2025 reform on, an address before 01/07/2025,
        in a province the registry knows, never moved to a commune of the new scheme (what `htx places
        migrate` moves). One with no province was never placed on the official map (a registry that
        keeps districts only, as the example does): report --check still counts it, db check leaves it;
        one `listed` already (a commune in no official list) has its own line."""
        if day < REFORM_DAY:
            return
        o = organisation.c
        has_address = and_(registered_old(), o.province.is_not(None))
        query = (
            select(o.code, o.name, o.commune, o.district, o.province)
            .where(in_force(o.founded, o.dissolved, Period.day(day)), unplaced_on(day), has_address)
            .order_by(o.code)
        )
        for org_code, org_name, *address in self.connection.execute(query):
            if org_code in listed:
                continue
            yield (
                "CHECK_NO_COMMUNE_IN_FORCE",
                {
                    "code": org_code,
                    "name": org_name,
                    "since": REFORM_DAY,
                    "address": ", ".join(part for part in address if part),
                    "command": f"htx edit {org_code} --province '…' --commune '…'",
                },
            )

    def figures_outside_life(self, start: tuple[int, int] = (1, 1)) -> Iterator[Finding]:
        o = organisation.c
        query = (
            select(o.code, figures.c.year, o.founded, o.dissolved)
            .join(organisation, organisation.c.id == figures.c.organisation_id)
            .where(not_(within_life(o.founded, o.dissolved, RowPeriod.reporting_year(figures.c.year, start))))
            .order_by(o.code, figures.c.year)
        )
        for code, year, founded, dissolved in self.connection.execute(query):
            yield (
                "CHECK_FIGURES_OUTSIDE_LIFE",
                {"code": code, "year": year, "founded": founded, "dissolved": dissolved},
            )

    def figure_slips(self) -> Iterator[Finding]:
        """The slips `htx figures` and `import figures` warn of (domain/figures.py), in the stored rows:
        within a year's row, then against the same organisation's year before."""
        from htxcli.domain.figures import (
            COMPARED,
            INCOME_MAX_PER_YEAR,
            INCOME_MIN_PER_YEAR,
            PLAUSIBLE_REVENUE,
            figure_doubts,
            tenfold_doubts,
        )

        f = figures.c
        suspect = or_(
            profit_above_revenue(),
            f.income_vnd_per_year > INCOME_MAX_PER_YEAR,
            f.income_vnd_per_year < INCOME_MIN_PER_YEAR,
            f.revenue_vnd > PLAUSIBLE_REVENUE,
            f.members < f.member_workers,
        )
        query = (
            select(organisation.c.code, figures)
            .join(organisation, organisation.c.id == f.organisation_id)
            .where(suspect)
            .order_by(organisation.c.code, f.year)
        )
        for stored in self.connection.execute(query).mappings():
            for doubt in figure_doubts(stored):
                yield (
                    "CHECK_FIGURES_SLIP",
                    {"code": stored["code"], "year": stored["year"], "problem": _in_words(doubt)},
                )
        for row, previous in tenfold_pairs(self.connection, COMPARED, true()):
            for doubt in tenfold_doubts(row, previous):
                problem = _in_words(doubt)
                yield "CHECK_FIGURES_SLIP", {"code": row["code"], "year": row["year"], "problem": problem}

    def all(self, start: tuple[int, int] = (1, 1)) -> Iterator[Finding]:
        """Every finding; the years of ratings and figures are reporting years from `start` (day,
        month), the registry's period start."""
        yield from self.engine_checks()
        yield from self.ratings_outside_life(start)
        yield from self.support_outside_life()
        yield from self.support_twins()
        yield from self.statuses_out_of_step()
        yield from self.shared_names()
        yield from self.district_spellings()
        yield from self.grades_against_scores()
        yield from self.implausible_dates(date.today())
        unmatched = list(self.unmatched_places())
        yield from unmatched
        yield from self.no_commune_in_force(date.today(), {values["code"] for _, values in unmatched})
        yield from self.figures_outside_life(start)
        yield from self.figure_slips()


def tenfold_pairs(
    connection: Connection, fields: Sequence[str], where: ColumnElement[bool]
) -> Iterator[tuple[Mapping[Any, Any], Mapping[Any, Any]]]:
    """(row, the same organisation's row of the year before) of the figures rows `where` selects, in
    which a field of `fields` is ten times the year before's or more, or a tenth of it or less (not 0);
    each with the code and year. Its Python twin is domain.figures.tenfold_doubts."""
    from htxcli.domain.figures import TENFOLD

    now, before = figures, figures.alias("before")

    def jumped_in(x: str) -> ColumnElement[bool]:
        up = now.c[x] >= TENFOLD * before.c[x]
        down = and_(now.c[x] > 0, now.c[x] <= before.c[x] // TENFOLD)
        return and_(before.c[x] > 0, or_(up, down))

    jumped = or_(*(jumped_in(x) for x in fields))
    query = (
        select(
            organisation.c.code,
            now.c.year,
            *(now.c[x] for x in fields),
            before.c.year.label("before_year"),
            *(before.c[x].label(f"before_{x}") for x in fields),
        )
        .select_from(
            now.join(
                before,
                and_(before.c.organisation_id == now.c.organisation_id, before.c.year == now.c.year - 1),
            ).join(organisation, organisation.c.id == now.c.organisation_id)
        )
        .where(where, jumped)
        .order_by(organisation.c.code, now.c.year)
    )
    for row in connection.execute(query).mappings():
        current = {"code": row["code"], "year": row["year"], **{x: row[x] for x in fields}}
        previous = {"year": row["before_year"], **{x: row[f"before_{x}"] for x in fields}}
        yield current, previous


def _quoted(value: str) -> str:
    """A value as a shell word: in single quotes, as the clerk would type it."""
    return "'" + value.replace("'", "'\\''") + "'"


def _in_words(doubt: InvalidValue) -> str:
    """A figure's doubt named as the clerk reads the figure (Lợi nhuận trước thuế, not profit_vnd)."""
    label = messages.HEADERS.get(doubt.field, doubt.field)
    return f"{label}: {doubt.value!r} {doubt.problem}"
