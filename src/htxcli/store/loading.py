"""The SQL of an import: the stored rows a batch is compared with, and how its rows are written.

A batch is first inserted as it is, in a savepoint that a unique constraint undoes; the importer then
does that batch the careful way: the stored rows it names are looked up (IN_CHUNK keys a statement),
and each row is inserted, updated or left. Into a table that was empty, the secondary indexes are
dropped for the load and built once at the end (bulk.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from htxcli.store.bulk import SecondaryIndexes, is_empty
from htxcli.store.repositories import Life, insert_rows, organisation_count, organisation_lives
from htxcli.store.schema import figures, organisation, rating, support

IN_CHUNK = 500  # bound parameters per IN (...) lookup
LIVES_REMEMBERED = 200_000  # organisations a ratings or support import keeps in memory (~40 MiB)

StoredRating = Row[Any]  # a stored rating, kept a tuple until it is found changed


class TableLoad:
    """What an import writes to its table."""

    def __init__(self, connection: Connection, table: Table) -> None:
        self.connection = connection
        self.table = table
        self.empty = is_empty(connection, table.name)
        self._indexes = SecondaryIndexes(connection, table.name)

    def drop_indexes(self) -> None:
        """Into a table that was empty, the secondary indexes are built once, by restore_indexes()."""
        if self.empty:
            self._indexes.drop()

    def restore_indexes(self) -> None:
        self._indexes.restore()

    def insert(self, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        insert_rows(self.connection, self.table, columns, rows)

    def insert_all_or_none(self, columns: Sequence[str], rows: Callable[[], Sequence[Sequence[Any]]]) -> bool:
        """Insert rows() in a savepoint; False, and nothing written, when they hit a constraint. rows()
        is called inside the savepoint, so that what it writes (the import's history entry, when this
        makes it) is undone with them. Plain SAVEPOINT statements: SQLAlchemy's nested transactions
        cost a millisecond a batch."""
        run = self.connection.exec_driver_sql
        run("SAVEPOINT htx_bulk")
        try:
            self.insert(columns, rows())
        except IntegrityError:
            run("ROLLBACK TO SAVEPOINT htx_bulk")
            run("RELEASE SAVEPOINT htx_bulk")
            return False
        run("RELEASE SAVEPOINT htx_bulk")
        return True

    def _stored_by(self, column: str, keys: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        """key -> the stored row, for those of `keys` found in the unique `column`, IN_CHUNK at a time."""
        key = self.table.c[column]
        found: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(keys), IN_CHUNK):
            query = select(self.table).where(key.in_(keys[start : start + IN_CHUNK]))
            found.update({r[column]: r for r in self.connection.execute(query).mappings()})
        return found

    def update(self, changed: Sequence[Mapping[str, Any]]) -> None:
        """Each row's new values, found by its id under the key `_id`: one executemany."""
        if changed:
            statement = update(self.table).where(self.table.c.id == bindparam("_id"))
            self.connection.execute(statement, list(changed))


class OrganisationLoad(TableLoad):
    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, organisation)

    def stored(self, codes: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        """code -> the stored organisation, for those of `codes` that are stored."""
        return self._stored_by("code", codes)


class RatingLoad(TableLoad):
    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, rating)

    def stored(self, ids: Sequence[int], years: Sequence[int]) -> dict[tuple[int, int], StoredRating]:
        """(organisation id, year) -> the stored rating, for the ratings of `ids` in `years`: only the
        years a batch rates, as a registry keeps many years per organisation and a file brings one."""
        found: dict[tuple[int, int], StoredRating] = {}
        for start in range(0, len(ids), IN_CHUNK):
            query = select(rating).where(
                rating.c.organisation_id.in_(ids[start : start + IN_CHUNK]), rating.c.year.in_(years)
            )
            found.update(((r.organisation_id, r.year), r) for r in self.connection.execute(query))
        return found


class FiguresLoad(TableLoad):
    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, figures)

    def stored(self, ids: Sequence[int], years: Sequence[int]) -> dict[tuple[int, int], Mapping[Any, Any]]:
        """(organisation id, year) -> the stored row, for the rows of `ids` in `years`."""
        found: dict[tuple[int, int], Mapping[Any, Any]] = {}
        for start in range(0, len(ids), IN_CHUNK):
            query = select(figures).where(
                figures.c.organisation_id.in_(ids[start : start + IN_CHUNK]), figures.c.year.in_(years)
            )
            found.update(
                ((r["organisation_id"], r["year"]), r) for r in self.connection.execute(query).mappings()
            )
        return found

    def last_id(self) -> int:
        """The largest id so far: the rows a bulk insert writes next have larger ones."""
        return int(self.connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM figures").scalar_one())

    def previous_years(
        self, fields: Sequence[str], *, after_id: int | None = None, ids: Sequence[int] = ()
    ) -> Iterator[tuple[Mapping[Any, Any], Mapping[Any, Any]]]:
        """(row, the same organisation's row of the year before) for the rows with an id above
        `after_id` (those a bulk insert just wrote) or among `ids`, where some field of `fields` is ten
        times the year before's or more (decided again, with its message, by domain.figures)."""
        from htxcli.store.checks import tenfold_pairs

        if after_id is not None:
            yield from tenfold_pairs(self.connection, fields, figures.c.id > after_id)
        for start in range(0, len(ids), IN_CHUNK):
            yield from tenfold_pairs(self.connection, fields, figures.c.id.in_(ids[start : start + IN_CHUNK]))


class SupportLoad(TableLoad):
    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, support)

    def by_reference(self, references: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        """reference -> the stored record, for those of `references` that are stored."""
        return self._stored_by("reference", references)

    def without_reference(self, dates: Sequence[date]) -> Iterator[Mapping[Any, Any]]:
        """The stored records without a reference on `dates`."""
        for start in range(0, len(dates), IN_CHUNK):
            query = select(support).where(
                and_(support.c.reference.is_(None), support.c.date.in_(dates[start : start + IN_CHUNK]))
            )
            yield from self.connection.execute(query).mappings()


class Lives:
    """code -> (id, founded, dissolved) of the organisations an import names, remembered for later
    batches: the import does not change organisations, and a file names the same ones again and again.
    When the registry is small enough to remember whole, it is read in one pass the first time
    (looking codes up batch by batch visits the table's pages in random order), and `whole` is set:
    from then on no look-up needs the database, so a process without it may make them."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._lives: dict[str, Life] = {}
        self.whole = False  # _lives holds every organisation
        self._ids: dict[str, int] = {}

    def __call__(self, codes: Iterable[str | None]) -> dict[str, Life]:
        """The lives of the codes that exist (and maybe others)."""
        if self.whole:
            return self._lives
        if not self._lives and organisation_count(self.connection) <= LIVES_REMEMBERED:
            self._lives = organisation_lives(self.connection)
            self.whole = True
            return self._lives
        missing = [code for code in set(codes).difference(self._lives) if code is not None]
        if len(self._lives) + len(missing) > LIVES_REMEMBERED:
            self._lives.clear()
        for start in range(0, len(missing), IN_CHUNK):
            self._lives.update(organisation_lives(self.connection, missing[start : start + IN_CHUNK]))
        return self._lives

    def ids(self, codes: Sequence[str | None]) -> Mapping[str, int]:
        """code -> id for the codes that exist (and maybe others)."""
        lives = self(codes)
        if not self.whole:
            return {code: lives[code].id for code in set(codes) if code is not None and code in lives}
        if not self._ids:  # made once: every organisation's id
            self._ids = {code: life.id for code, life in lives.items()}
        return self._ids
