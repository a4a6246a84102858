"""CSV interchange: atomic, batched imports and streaming exports in the public file contract.

Import reads the file as a stream, validates each row with the same domain parsers the commands use,
and writes batches with Core executemany inside one transaction: all or nothing, unless the caller
asks for rejects to be set aside. Export streams rows from the database; nothing holds a whole file.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, and_, bindparam, func, or_, select, update
from sqlalchemy.exc import DBAPIError

from htxcli.domain import messages
from htxcli.domain.errors import HtxError
from htxcli.domain.records import (
    ORGANISATION_FIELDS,
    RATING_FIELDS,
    SUPPORT_FIELDS,
    check_rating_year,
    derived_keys,
    parse_code,
    parse_organisation,
    parse_rating,
    parse_rating_year,
    parse_support,
)
from htxcli.render.machine import unprotect_cell
from htxcli.services.history import current_user
from htxcli.store.repositories import insert_many
from htxcli.store.schema import organisation, rating, support
from htxcli.store.uow import ATTEMPTS, UnitOfWork, is_retryable

TABLES = ("cooperatives", "ratings", "support")
COLUMNS = {"cooperatives": ORGANISATION_FIELDS, "ratings": RATING_FIELDS, "support": SUPPORT_FIELDS}
REQUIRED = {
    "cooperatives": ("code", "name", "founded"),
    "ratings": ("code", "year"),
    "support": ("program", "date"),
}
BATCH = 2000
MAX_SHOWN_ERRORS = 50
IN_CHUNK = 500  # bound parameters per IN (...) lookup


@dataclass
class Row:
    line: int
    cells: list[str]
    values: dict[str, Any]


@dataclass
class ImportResult:
    table: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # the first MAX_SHOWN_ERRORS, as FILE:LINE: message
    error_count: int = 0
    rejected: int = 0

    def add_error(self, text: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_SHOWN_ERRORS:
            self.errors.append(text)

    def summary(self, file: str) -> dict[str, Any]:
        """What the import's history entry says."""
        counts = {"new": self.new, "changed": self.changed, "unchanged": self.unchanged}
        return {"file": file, **counts, "rejected": self.rejected}


# --- reading --------------------------------------------------------------------------------


class CsvSource:
    """A CSV stream with its header checked against the contract, yielding rows with physical line numbers."""

    def __init__(self, stream: IO[bytes], name: str, table: str) -> None:
        self.name = name
        self.table = table
        self.binary = stream
        self.reader = csv.reader(self._decoded_lines(), strict=True)
        self.header = self._read_header()

    def _decoded_lines(self) -> Iterator[str]:
        """Decode line by line, so that a byte that is not UTF-8 is reported on its own line."""
        for number, raw in enumerate(self.binary, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise HtxError(
                    messages.NOT_UTF8.format(file=self.name, line=number, detail=e.reason)
                ) from None
            yield text[1:] if number == 1 and text.startswith("\ufeff") else text

    def _fail(self, line: int, message: str) -> HtxError:
        return HtxError(f"{self.name}:{line}: {message}")

    def _read_header(self) -> list[str]:
        columns = COLUMNS[self.table]
        try:
            raw = next(self.reader)
        except StopIteration:
            raise HtxError(messages.EMPTY_FILE.format(file=self.name, columns=",".join(columns))) from None
        except csv.Error as e:
            raise self._problem(e, 1) from None
        header = [unprotect_cell(h).strip().lower() for h in raw]
        seen: set[str] = set()
        for name in header:
            if name not in columns:
                problem = messages.UNKNOWN_COLUMN.format(table=self.table, columns=",".join(columns))
                raise self._fail(1, f"{name or '(empty)'}: {problem}")
            if name in seen:
                raise self._fail(1, f"{name}: {messages.DUPLICATE_COLUMN}")
            seen.add(name)
        for name in REQUIRED[self.table]:
            if name not in seen:
                raise self._fail(1, f"{name}: {messages.MISSING_COLUMN.format(table=self.table)}")
        return header

    def _problem(self, e: Exception, line: int) -> HtxError:
        if "field larger than field limit" in str(e):
            return HtxError(
                messages.CELL_TOO_LONG.format(file=self.name, line=line, limit=csv.field_size_limit())
            )
        return HtxError(messages.BAD_CSV.format(file=self.name, line=line, detail=e))

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        last = self.reader.line_num
        while True:
            try:
                cells = next(self.reader)
            except StopIteration:
                return
            except csv.Error as e:
                raise self._problem(e, last + 1) from None
            line, last = last + 1, self.reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # blank line
            yield line, cells

    def position(self) -> int:
        try:
            return self.binary.tell()
        except (OSError, ValueError):
            return 0


# --- loaders: parse a row, then apply a batch ---------------------------------------------


class Loader:
    table: str

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: Callable[[], int]) -> None:
        self.connection = uow.connection
        self.history = uow.history
        self.result = result
        # The import's history entry, made on the first write: an import that changes nothing
        # leaves no entry, so `htx undo` after it reverts the change before.
        self.entry = entry

    def parse(self, raw: dict[str, str]) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, batch: list[Row]) -> list[tuple[Row, str]]:
        """Write the batch; return the rows refused, each with its problem."""
        raise NotImplementedError

    def _lives(self, codes: Iterable[str]) -> dict[str, tuple[int, date, date | None]]:
        """code -> (id, founded, dissolved) for the codes that exist."""
        found: dict[str, tuple[int, date, date | None]] = {}
        unique = list(dict.fromkeys(codes))
        c = organisation.c
        for start in range(0, len(unique), IN_CHUNK):
            chunk = unique[start : start + IN_CHUNK]
            query = select(c.code, c.id, c.founded, c.dissolved).where(c.code.in_(chunk))
            for code, id_, founded, dissolved in self.connection.execute(query):
                found[code] = (id_, founded, dissolved)
        return found


class CooperativeLoader(Loader):
    table = "cooperatives"

    def parse(self, raw: dict[str, str]) -> dict[str, Any]:
        values = parse_organisation(raw)
        if "kind" not in raw:
            del values["kind"]  # keep a stored kind; new rows default to cooperative in apply()
        return values

    def apply(self, batch: list[Row]) -> list[tuple[Row, str]]:
        latest = {row.values["code"]: row for row in batch}  # a code twice in one batch: the later row wins
        existing: dict[str, Mapping[str, Any]] = {}
        codes = list(latest)
        for start in range(0, len(codes), IN_CHUNK):
            query = select(organisation).where(organisation.c.code.in_(codes[start : start + IN_CHUNK]))
            existing.update({r["code"]: r for r in self.connection.execute(query).mappings()})
        new, changed, history = [], [], []
        for code, row in latest.items():
            old = existing.get(code)
            full = {f: row.values.get(f, old[f] if old else None) for f in ORGANISATION_FIELDS}
            if full["kind"] is None:
                full["kind"] = "cooperative"
            if old is None:
                new.append({**full, **derived_keys(full), "created_by": self.entry()})
            elif any(full[f] != old[f] for f in ORGANISATION_FIELDS):
                after = {**full, **derived_keys(full)}
                changed.append({**after, "_id": old["id"]})
                history.append((old["id"], code, old, {**old, **after}))
            else:
                self.result.unchanged += 1
        if new:
            insert_many(self.connection, organisation, new)
        if changed:
            statement = update(organisation).where(organisation.c.id == bindparam("_id"))
            self.connection.execute(statement, changed)
            self.history.changes(self.entry(), "organisation", history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return []


class RatingLoader(Loader):
    table = "ratings"

    def parse(self, raw: dict[str, str]) -> dict[str, Any]:
        code = parse_code(raw.get("code"))
        year = parse_rating_year(raw.get("year", ""))
        return {
            "code": code,
            "year": year,
            **parse_rating(raw.get("grade"), raw.get("score"), raw.get("note")),
        }

    def apply(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self._lives(row.values["code"] for row in batch)
        refused: list[tuple[Row, str]] = []
        latest: dict[tuple[int, int], Row] = {}
        for row in batch:
            life = lives.get(row.values["code"])
            if life is None:
                refused.append((row, messages.UNKNOWN_CODE.format(code=row.values["code"])))
                continue
            try:
                check_rating_year(row.values["year"], life[1], life[2])
            except HtxError as e:
                refused.append((row, str(e)))
                continue
            latest[(life[0], row.values["year"])] = row
        existing: dict[tuple[int, int], Mapping[str, Any]] = {}
        ids = list({key[0] for key in latest})
        for start in range(0, len(ids), IN_CHUNK):
            query = select(rating).where(rating.c.organisation_id.in_(ids[start : start + IN_CHUNK]))
            for r in self.connection.execute(query).mappings():
                existing[(r["organisation_id"], r["year"])] = dict(r)
        new, changed, history = [], [], []
        for (organisation_id, year), row in latest.items():
            values = {"grade": row.values["grade"], "score": row.values["score"], "note": row.values["note"]}
            old = existing.get((organisation_id, year))
            if old is None:
                new.append(
                    {"organisation_id": organisation_id, "year": year, **values, "created_by": self.entry()}
                )
            elif any(values[f] != old[f] for f in values):
                changed.append({**values, "_id": old["id"]})
                history.append((old["id"], row.values["code"], old, {**old, **values}))
            else:
                self.result.unchanged += 1
        if new:
            insert_many(self.connection, rating, new)
        if changed:
            self.connection.execute(update(rating).where(rating.c.id == bindparam("_id")), changed)
            self.history.changes(self.entry(), "rating", history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused


_SUPPORT_VALUES = ("program", "date", "amount_vnd", "quantity", "unit", "reference", "note")


class SupportLoader(Loader):
    table = "support"

    def parse(self, raw: dict[str, str]) -> dict[str, Any]:
        return parse_support(raw)

    def apply(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self._lives(row.values["code"] for row in batch if row.values["code"])
        refused: list[tuple[Row, str]] = []
        ready: list[tuple[Row, dict[str, Any]]] = []
        for row in batch:
            v = row.values
            organisation_id = None
            if v["code"] is not None:
                life = lives.get(v["code"])
                if life is None:
                    refused.append((row, messages.UNKNOWN_CODE.format(code=v["code"])))
                    continue
                # Support dated outside the organisation's life is kept: registries hold such records
                # (late disbursements, founding grants); `htx db check` lists them.
                organisation_id = life[0]
            ready.append((row, {"organisation_id": organisation_id, **{f: v[f] for f in _SUPPORT_VALUES}}))

        by_reference = self._existing_by_reference([r for _, r in ready if r["reference"] is not None])
        anonymous = self._existing_anonymous([r for _, r in ready if r["reference"] is None])
        new: dict[Any, dict[str, Any]] = {}
        changed: dict[int, dict[str, Any]] = {}
        history: dict[int, tuple[int, str | None, Mapping[str, Any], Mapping[str, Any]]] = {}
        for row, record in ready:
            if record["reference"] is not None:
                old = by_reference.get(record["reference"])
                if old is None:
                    new[("ref", record["reference"])] = {**record, "created_by": self.entry()}
                elif any(record[f] != old[f] for f in record):
                    changed[old["id"]] = {**record, "_id": old["id"]}
                    history[old["id"]] = (old["id"], row.values["code"], old, {**old, **record})
                else:
                    self.result.unchanged += 1
            else:
                key = _identity(record)
                if key in anonymous or ("row", key) in new:
                    self.result.unchanged += 1
                else:
                    new[("row", key)] = {**record, "created_by": self.entry()}
        if new:
            insert_many(self.connection, support, list(new.values()))
        if changed:
            self.connection.execute(
                update(support).where(support.c.id == bindparam("_id")), list(changed.values())
            )
            self.history.changes(self.entry(), "support", list(history.values()))
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused

    def _existing_by_reference(self, records: list[dict[str, Any]]) -> dict[str, Mapping[str, Any]]:
        refs = list({r["reference"] for r in records})
        found: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(refs), IN_CHUNK):
            query = select(support).where(support.c.reference.in_(refs[start : start + IN_CHUNK]))
            found.update({r["reference"]: r for r in self.connection.execute(query).mappings()})
        return found

    def _existing_anonymous(self, records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
        """Identities of the stored rows without a reference on the dates this batch touches."""
        dates = list({r["date"] for r in records})
        found: set[tuple[Any, ...]] = set()
        for start in range(0, len(dates), IN_CHUNK):
            query = select(support).where(
                and_(support.c.reference.is_(None), support.c.date.in_(dates[start : start + IN_CHUNK]))
            )
            found.update(_identity(r) for r in self.connection.execute(query).mappings())
        return found


def _identity(record: Mapping[Any, Any]) -> tuple[Any, ...]:
    return tuple(record[f] for f in ("organisation_id", *_SUPPORT_VALUES))


LOADERS: dict[str, type[Loader]] = {
    "cooperatives": CooperativeLoader,
    "ratings": RatingLoader,
    "support": SupportLoader,
}


# --- import ----------------------------------------------------------------------------------


Progress = Callable[[int], None]


def import_csv(
    engine: Engine,
    table: str,
    stream: IO[bytes],
    name: str,
    *,
    dry_run: bool = False,
    rejects: IO[str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Load one contract file. Without `rejects`, any bad row means nothing is written.

    On a server, an import that collides with another clerk's transaction is run again from the top
    of the file, when the file (and the rejects file) can be rewound; stdin cannot.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _import_once(engine, table, stream, name, dry_run, rejects, progress)
        except DBAPIError as e:
            if not is_retryable(e) or attempt == ATTEMPTS or not _rewind(stream, rejects):
                raise
    raise AssertionError("unreachable")


def _rewind(stream: IO[bytes], rejects: IO[str] | None) -> bool:
    try:
        if not stream.seekable() or (rejects is not None and not rejects.seekable()):
            return False
        stream.seek(0)
        if rejects is not None:
            rejects.seek(0)
            rejects.truncate()
        return True
    except (OSError, ValueError):
        return False


def _import_once(
    engine: Engine,
    table: str,
    stream: IO[bytes],
    name: str,
    dry_run: bool,
    rejects: IO[str] | None,
    progress: Progress | None,
) -> ImportResult:
    source = CsvSource(stream, name, table)
    result = ImportResult(table)
    header = source.header
    width = len(header)
    reject_writer = None
    if rejects is not None:
        reject_writer = csv.writer(rejects, lineterminator="\n")
        reject_writer.writerow([*header, "error"])

    def refuse(row_line: int, cells: list[str], problem: str) -> None:
        result.add_error(f"{name}:{row_line}: {' '.join(problem.split())}")
        if reject_writer is not None:
            reject_writer.writerow([*cells, problem])
            result.rejected += 1

    with UnitOfWork(engine) as uow:
        entry_id: int | None = None

        def entry() -> int:
            nonlocal entry_id
            if entry_id is None:
                entry_id = uow.history.begin(current_user(), f"import {table}", {"file": name})
            return entry_id

        loader = LOADERS[table](uow, result, entry)
        batch: list[Row] = []
        pending: list[
            tuple[int, list[str], str]
        ] = []  # parse errors, reported with their batch in line order

        def flush() -> None:
            refused = [(row.line, row.cells, problem) for row, problem in loader.apply(batch)]
            for line, cells, problem in sorted(pending + refused, key=lambda item: item[0]):
                refuse(line, cells, problem)
            batch.clear()
            pending.clear()
            if progress is not None:
                progress(source.position())

        for line, cells in source.rows():
            if len(cells) > width:
                pending.append(
                    (line, cells, messages.TOO_MANY_CELLS.format(found=len(cells), expected=width))
                )
                continue
            # unprotect_cell, inlined: this runs for every cell of a file.
            raw = {
                column: cell[1:] if cell[:1] == "'" else cell
                for column, cell in zip(header, cells, strict=False)
            }
            try:
                values = loader.parse(raw)
            except HtxError as e:
                pending.append((line, cells, str(e)))
                continue
            batch.append(Row(line, cells, values))
            if len(batch) >= BATCH:
                flush()
        flush()
        if result.error_count and rejects is None:
            return result  # rolled back on leaving the unit of work
        if not dry_run:
            if entry_id is not None:
                uow.history.set_summary(entry_id, result.summary(name))
            uow.commit()
    return result


def open_input(path: str) -> tuple[IO[bytes], str]:
    if path == "-":
        return sys.stdin.buffer, "<stdin>"
    try:
        return open(path, "rb"), path
    except OSError as e:
        raise HtxError(messages.CANNOT_READ.format(file=path, detail=e.strerror)) from None


# --- export ----------------------------------------------------------------------------------


def export_rows(engine: Engine, table: str, year: int | None = None) -> Iterator[dict[str, Any]]:
    """The contract's rows in a stable order, streamed from one read-only transaction."""
    with UnitOfWork(engine, read_only=True) as uow:
        result = uow.connection.execution_options(yield_per=5000).execute(_export_query(table, year))
        for row in result.mappings():
            yield dict(row)


def _export_query(table: str, year: int | None) -> Any:
    o = organisation.c
    if table == "cooperatives":
        query = select(*(getattr(o, f) for f in ORGANISATION_FIELDS)).order_by(o.code)
        if year is not None:
            query = query.where(o.founded <= date(year, 12, 31)).where(
                or_(o.dissolved.is_(None), o.dissolved > date(year, 1, 1))
            )
        return query
    if table == "ratings":
        r = rating.c
        query = (
            select(o.code, r.year, r.grade, r.score, r.note)
            .select_from(rating.join(organisation, r.organisation_id == o.id))
            .order_by(o.code, r.year)
        )
        return query.where(r.year == year) if year is not None else query
    s = support.c
    query = (
        select(o.code, s.program, s.date, s.amount_vnd, s.quantity, s.unit, s.reference, s.note)
        .select_from(support.outerjoin(organisation, s.organisation_id == o.id))
        .order_by(
            s.date,
            func.coalesce(o.code, ""),
            s.program,
            func.coalesce(s.reference, ""),
            s.amount_vnd,
            s.quantity,
            func.coalesce(s.unit, ""),
            func.coalesce(s.note, ""),
            s.id,
        )
    )
    if year is not None:
        query = query.where(s.date.between(date(year, 1, 1), date(year, 12, 31)))
    return query


def columns(table: str) -> Sequence[str]:
    return COLUMNS[table]


def input_size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
