"""Repositories: the only code that writes SQL for records. Core, not ORM: rows in, mappings out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Table, and_, func, insert, not_, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period, within_life
from htxcli.domain.reform import NEW_SCHEME
from htxcli.domain.vocab import ENDING_STATUSES
from htxcli.store.areas import in_area
from htxcli.store.periods import during, in_force
from htxcli.store.schema import figures, legal_status, organisation, rating, support
from htxcli.store.status import idle_on

Values = Mapping[str, Any]


@dataclass(frozen=True)
class OrganisationFilter:
    kind: str | None = None
    areas: tuple[Area, ...] = ()  # in every one of them (a district and a commune of it)
    sector: str | None = None
    status: str = "all"  # active | dissolved | all, or a legal status today (vocab.STATUSES)
    active_in: int | None = None
    without_address: bool = False  # no commune in any of its addresses


class OrganisationRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, code: str) -> RowMapping | None:
        return (
            self.connection.execute(select(organisation).where(organisation.c.code == code))
            .mappings()
            .first()
        )

    def names_of(self, codes: Sequence[str]) -> dict[str, str]:
        """code -> registered name, for the codes that are registered."""
        found: dict[str, str] = {}
        for start in range(0, len(codes), 500):
            chunk = codes[start : start + 500]
            query = select(organisation.c.code, organisation.c.name).where(organisation.c.code.in_(chunk))
            found.update((code, name) for code, name in self.connection.execute(query))
        return found

    def insert(self, values: Values) -> int:
        result = self.connection.execute(insert(organisation).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def update(self, organisation_id: int, values: Values) -> None:
        self.connection.execute(
            update(organisation).where(organisation.c.id == organisation_id).values(**values)
        )

    def addresses_to_migrate(self) -> list[RowMapping]:
        """Organisations with no address from the reform on whose address is not in the new scheme:
        matched to the old one, or never matched (no province), in code order."""
        o = organisation.c
        query = (
            select(organisation)
            .where(o.new_address_from.is_(None), or_(o.scheme.is_(None), o.scheme != NEW_SCHEME))
            .order_by(o.code)
        )
        return list(self.connection.execute(query).mappings())

    def matching(self, where: OrganisationFilter) -> Iterator[RowMapping]:
        query = select(organisation).order_by(organisation.c.sort_key, organisation.c.code)
        conditions = []
        if where.kind:
            conditions.append(organisation.c.kind == where.kind)
        if where.sector:
            conditions.append(organisation.c.sector == where.sector)
        conditions.extend(in_area(self.connection, area) for area in where.areas)
        o = organisation.c
        today = Period.day(date.today())
        if where.status == "active":  # in force today
            conditions.append(in_force(o.founded, o.dissolved, today))
        elif where.status == "dissolved":  # a life ended by today
            conditions.append(not_(in_force(o.founded, o.dissolved, today)))
        elif where.status != "all":
            conditions.append(_with_legal_status(where.status, date.today()))
        if where.without_address:
            conditions.append(and_(organisation.c.commune.is_(None), organisation.c.new_commune.is_(None)))
        if where.active_in is not None:  # active for at least one day of the year
            conditions.append(in_force(o.founded, o.dissolved, Period.year(where.active_in)))
        if conditions:
            query = query.where(and_(*conditions))
        yield from self.connection.execute(query).mappings()

    def search(self, words: Sequence[str], limit: int | None = None) -> Sequence[RowMapping]:
        query = select(organisation).order_by(organisation.c.sort_key, organisation.c.code)
        query = query.where(*(_containing(word) for word in words))
        if limit:
            query = query.limit(limit)
        return list(self.connection.execute(query).mappings())

    def search_count(self, words: Sequence[str]) -> int:
        """How many organisations search() would find, without reading them."""
        query = select(func.count()).select_from(organisation).where(*(_containing(w) for w in words))
        return int(self.connection.execute(query).scalar_one())

    def count(self) -> int:
        return int(self.connection.execute(select(func.count()).select_from(organisation)).scalar_one())

    def codes_named(self, name_key: str, limit: int = 5) -> list[str]:
        """Codes of the organisations whose name folds to `name_key` (the first `limit`)."""
        o = organisation.c
        query = select(o.code).where(o.name_key == name_key).order_by(o.code).limit(limit)
        return list(self.connection.execute(query).scalars())

    def sharing_name(self, name_key: str, other_than: str) -> list[str]:
        """Codes of the other organisations whose name folds to `name_key`."""
        o = organisation.c
        query = select(o.code).where(o.name_key == name_key, o.code != other_than).order_by(o.code)
        return list(self.connection.execute(query).scalars())

    def district_spellings(self, other_than: str | None = None) -> dict[str, int]:
        """How each stored district spelling is used: {spelling: records} (leaving out the
        organisation `other_than`, whose own spelling is the one being changed). A registry names a
        few dozen."""
        o = organisation.c
        query = select(o.district, func.count()).where(o.district.is_not(None))
        if other_than is not None:
            query = query.where(o.code != other_than)
        return {spelling: count for spelling, count in self.connection.execute(query.group_by(o.district))}

    def place_codes(self, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
        """{code: its address's official codes (commune_code, scheme, new_commune_code)} of `codes`:
        what gives a listing's units their type words."""
        o = organisation.c
        query = select(o.code, o.commune_code, o.scheme, o.new_commune_code).where(o.code.in_(codes))
        return {row.code: dict(row._mapping) for row in self.connection.execute(query)}

    def unpadded(self, code: str) -> list[str]:
        """Stored codes equal to `code` once leading zeros are ignored (a spreadsheet drops them): a
        scan, for a single look-up only."""
        o = organisation.c
        query = select(o.code).where(func.ltrim(o.code, "0") == code.lstrip("0"), o.code != code)
        return list(self.connection.execute(query.order_by(o.code)).scalars())


def _with_legal_status(status: str, day: date) -> ColumnElement[bool]:
    """Organisations whose legal status on `day` is `status`: operating (registered and not idle), one
    of the idle statuses, or bankrupt (a life ended by bankruptcy)."""
    o, s = organisation.c, legal_status.c
    if status == "operating":
        idle = select(s.organisation_id).where(idle_on(day))
        return and_(in_force(o.founded, o.dissolved, Period.day(day)), o.id.not_in(idle))
    if status in ENDING_STATUSES:
        return o.id.in_(select(s.organisation_id).where(s.status == status))
    return o.id.in_(select(s.organisation_id).where(idle_on(day, (status,))))


def _containing(word: str) -> ColumnElement[bool]:
    """Organisations whose search key contains `word` (folded), LIKE's wildcards escaped."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return organisation.c.search_key.like(f"%{escaped}%", escape="\\")


class RatingRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, organisation_id: int, year: int) -> RowMapping | None:
        return (
            self.connection.execute(
                select(rating).where(rating.c.organisation_id == organisation_id, rating.c.year == year)
            )
            .mappings()
            .first()
        )

    def put(self, organisation_id: int, year: int, values: Values) -> RowMapping | None:
        """Insert, or replace the rating already recorded for that year; returns the one replaced."""
        old = self.get(organisation_id, year)
        if old is None:
            self.connection.execute(
                insert(rating).values(organisation_id=organisation_id, year=year, **values)
            )
        else:
            self.connection.execute(update(rating).where(rating.c.id == old["id"]).values(**values))
        return old

    def for_organisation(self, organisation_id: int) -> Sequence[RowMapping]:
        query = select(rating).where(rating.c.organisation_id == organisation_id).order_by(rating.c.year)
        return list(self.connection.execute(query).mappings())

    def years_outside(self, organisation_id: int, founded: date, dissolved: date | None) -> Sequence[int]:
        """Years rated before the founding year or after the year of dissolution, earliest first: the
        organisation's few ratings, read and judged by domain.periods.within_life."""
        r = rating.c
        query = select(r.year).where(r.organisation_id == organisation_id).order_by(r.year)
        years = self.connection.execute(query).scalars()
        return [year for year in years if not within_life(founded, dissolved, Period.year(year))]

    def count(self) -> int:
        return int(self.connection.execute(select(func.count()).select_from(rating)).scalar_one())


# What makes two support records the same record typed twice (the reference, unique, aside).
TWIN_FIELDS = ("organisation_id", "program", "date", "amount_vnd", "quantity", "unit", "note")


class FiguresRepository:
    """An organisation's yearly figures (revision 0007)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def get(self, organisation_id: int, year: int) -> RowMapping | None:
        f = figures.c
        query = select(figures).where(f.organisation_id == organisation_id, f.year == year)
        return self.connection.execute(query).mappings().first()

    def put(self, organisation_id: int, year: int, values: Values) -> tuple[RowMapping | None, int]:
        """Insert the year's row, or change the fields given of the one recorded; returns the row as
        it was (None if new) and the row's id."""
        old = self.get(organisation_id, year)
        if old is None:
            result = self.connection.execute(
                insert(figures).values(organisation_id=organisation_id, year=year, **values)
            )
            return None, int(result.inserted_primary_key[0])  # type: ignore[index]
        if values:
            self.connection.execute(update(figures).where(figures.c.id == old["id"]).values(**values))
        return old, int(old["id"])

    def for_organisation(self, organisation_id: int) -> Sequence[RowMapping]:
        f = figures.c
        query = select(figures).where(f.organisation_id == organisation_id).order_by(f.year)
        return list(self.connection.execute(query).mappings())

    def count(self) -> int:
        return int(self.connection.execute(select(func.count()).select_from(figures)).scalar_one())


@dataclass(frozen=True)
class SupportFilter:
    period: Period | None = None  # dated in it
    program: str | None = None
    organisation_id: int | None = None


class SupportRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def insert(self, values: Values) -> int:
        result = self.connection.execute(insert(support).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def by_reference(self, reference: str) -> RowMapping | None:
        return (
            self.connection.execute(select(support).where(support.c.reference == reference))
            .mappings()
            .first()
        )

    def identical(self, values: Values) -> int | None:
        """The first record with the same organisation, program, date, amount, quantity, unit and note
        (a record typed twice), or None."""
        s = support.c
        query = select(func.min(s.id)).where(*(s[f].is_not_distinct_from(values.get(f)) for f in TWIN_FIELDS))
        found = self.connection.execute(query).scalar_one()
        return int(found) if found is not None else None

    def matching(self, where: SupportFilter) -> Iterator[RowMapping]:
        query = (
            select(support, organisation.c.code, organisation.c.name)
            .select_from(support.outerjoin(organisation, support.c.organisation_id == organisation.c.id))
            .order_by(support.c.date, support.c.id)
        )
        if where.period is not None:
            query = query.where(during(support.c.date, where.period))
        if where.program:
            query = query.where(support.c.program == where.program)
        if where.organisation_id is not None:
            query = query.where(support.c.organisation_id == where.organisation_id)
        yield from self.connection.execute(query).mappings()

    def count(self) -> int:
        return int(self.connection.execute(select(func.count()).select_from(support)).scalar_one())


class Life(NamedTuple):
    """What an import needs to know of an organisation it names."""

    id: int
    founded: date
    dissolved: date | None


def organisation_count(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(organisation)).scalar_one())


def organisation_lives(connection: Connection, codes: Sequence[str] | None = None) -> dict[str, Life]:
    """code -> (id, founded, dissolved) for those of `codes` that exist; all of them without `codes`."""
    if codes is not None and not codes:
        return {}
    if connection.dialect.name != "sqlite":
        c = organisation.c
        query = select(c.code, c.id, c.founded, c.dissolved)
        if codes is not None:
            query = query.where(c.code.in_(codes))
        return {
            code: Life(id_, founded, dissolved) for code, id_, founded, dissolved in connection.execute(query)
        }
    # Straight to the driver's cursor, in this transaction: compiling an expanding IN for every batch
    # cost more than the lookup, and SQLAlchemy's rows took three quarters of reading 100,000 lives.
    sql = "SELECT code, id, founded, dissolved FROM organisation"
    if codes is not None:
        sql += f" WHERE code IN ({', '.join('?' * len(codes))})"
    driver = connection.connection.driver_connection
    assert driver is not None
    return {
        code: Life(id_, date.fromisoformat(founded), date.fromisoformat(dissolved) if dissolved else None)
        for code, id_, founded, dissolved in driver.execute(sql, tuple(codes or ()))
    }


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows given as tuples in the order of `columns`, in one executemany.

    On SQLite the statement goes straight to the driver, which binds dates with the adapter registered in
    store/engine.py: SQLAlchemy's per-row parameter processing was a seventh of a large import's time.
    """
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    names = ", ".join(f'"{name}"' for name in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    connection.exec_driver_sql(sql, rows)


def district_spellings(connection: Connection) -> list[tuple[str, int]]:
    """(spelling, organisations) of every district spelling stored: one pass over the report's covering
    index, which leads with the district (a look-up by the folded key visits every row it finds)."""
    o = organisation.c
    query = select(o.district, func.count()).where(o.district.is_not(None)).group_by(o.district)
    return [(spelling, count) for spelling, count in connection.execute(query)]


def codes_and_names(connection: Connection, not_created_by: int | None) -> Iterator[tuple[str, str]]:
    """(code, name_key) of every organisation, newest first, except those the history entry
    `not_created_by` inserted."""
    o = organisation.c
    if connection.dialect.name != "sqlite":
        query = select(o.code, o.name_key).order_by(o.id.desc())
        if not_created_by is not None:
            query = query.where(or_(o.created_by.is_(None), o.created_by != not_created_by))
        return ((code, name_key) for code, name_key in connection.execute(query))
    # Straight to the driver, as organisation_lives: SQLAlchemy's rows took most of the time.
    sql = "SELECT code, name_key FROM organisation"
    if not_created_by is not None:
        sql += f" WHERE created_by IS NOT {int(not_created_by)}"  # IS NOT: true for NULL
    driver = connection.connection.driver_connection
    assert driver is not None
    return iter(driver.execute(sql + " ORDER BY id DESC"))
