"""CSV interchange: atomic, batched imports and streaming exports in the public file contract.

Import reads the file as a stream, validates each row with the same domain parsers the commands use,
and writes batches with Core executemany inside one transaction: all or nothing, unless the caller
asks for rejects to be set aside. Export streams rows from the database; nothing holds a whole file.
"""

from __future__ import annotations

import csv
import gc
import io
import marshal
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, chain, compress, islice, repeat
from operator import ge, itemgetter, le
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, Table, and_, bindparam, func, select, update
from sqlalchemy.engine import Row as StoredRow
from sqlalchemy.exc import DBAPIError, IntegrityError

from htxcli.domain import messages
from htxcli.domain.batch import (
    Doubts,
    ParsedBatch,
    organisation_doubts_in,
    parse_organisations,
    parse_ratings,
    parse_supports,
    support_doubts_in,
)
from htxcli.domain.cells import unprotect_cell
from htxcli.domain.errors import HtxError
from htxcli.domain.periods import Period
from htxcli.domain.records import (
    KEY_FIELDS,
    ORGANISATION_FIELDS,
    RATING_FIELDS,
    SUPPORT_FIELDS,
    check_rating_year,
    derived_key_columns,
    derived_keys,
)
from htxcli.domain.text import fold, printable
from htxcli.services.history import current_user
from htxcli.services.lookalikes import DistrictSpellings, Lookalikes
from htxcli.services.readahead import read_ahead
from htxcli.store.bulk import SecondaryIndexes, is_empty
from htxcli.store.periods import in_force
from htxcli.store.repositories import Life, insert_rows, organisation_count, organisation_lives
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
LIVES_REMEMBERED = 200_000  # organisations a ratings or support import keeps in memory (~40 MiB)
READ_CHUNK = 1 << 20  # bytes of the file decoded at a time
REJECTS_COLUMN = "error"  # the column a rejects file adds, and import ignores


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
    warnings: list[str] = field(default_factory=list)  # the first MAX_SHOWN_ERRORS, as FILE:LINE: warning
    warning_count: int = 0
    # Districts stored in the registry's spelling: (as given, as stored) -> rows.
    respelled: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def add_error(self, text: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_SHOWN_ERRORS:
            self.errors.append(text)

    def add_warning(self, text: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_SHOWN_ERRORS:
            self.warnings.append(text)

    def summary(self, file: str) -> dict[str, Any]:
        """What the import's history entry says."""
        counts = {"new": self.new, "changed": self.changed, "unchanged": self.unchanged}
        return {"file": file, **counts, "rejected": self.rejected}


# --- reading --------------------------------------------------------------------------------


class Read:
    """A batch of rows as read: their cells, and the physical line each starts on.

    Sent to another process (readahead.py), the cells travel as one opaque blob and are unpacked only
    if asked for: a write that goes well never looks at them, and unpickling a list per row was half the
    receiving process's cost of a batch. The blob is made by marshal, the quickest way to flatten lists
    of strings (a ninth of writing them as CSV text, which was a quarter of the reading process's work);
    marshal's format is only read back by the same Python, which a forked process is."""

    def __init__(self, lines: Sequence[int], rows: list[list[str]]) -> None:
        self.lines = lines
        self._rows: list[list[str]] | None = rows
        self._packed = b""

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = marshal.loads(self._packed)
        return self._rows

    def __getstate__(self) -> tuple[Sequence[int], bytes]:
        return self.lines, marshal.dumps(self.rows)

    def __setstate__(self, state: tuple[Sequence[int], bytes]) -> None:
        self.lines, self._packed = state
        self._rows = None

    def __getitem__(self, i: int) -> tuple[int, list[str]]:
        return self.lines[i], self.rows[i]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return zip(self.lines, self.rows, strict=True)

    def keep(self, wanted: Sequence[bool]) -> Read:
        return Read(list(compress(self.lines, wanted)), list(compress(self.rows, wanted)))


def _lines_spanned(row: list[str]) -> int:
    """How many physical lines a row was read from: one, plus the line breaks inside its cells."""
    return 1 + sum(cell.count("\n") for cell in row)


def _delimiter(header: str | None) -> str:
    """The contract's comma, unless the header line has none and is split by semicolons or tabs:
    Excel saves "CSV" with semicolons where the comma is the decimal mark (a Vietnamese locale),
    and a range copied out of a spreadsheet arrives split by tabs. No column name holds either."""
    if header is None or "," in header:
        return ","
    if ";" in header:
        return ";"
    if "\t" in header:
        return "\t"
    return ","


class CsvSource:
    """A CSV stream with its header checked against the contract, yielding rows with physical line numbers."""

    def __init__(self, stream: IO[bytes], name: str, table: str) -> None:
        self.name = name
        self.table = table
        self.binary = stream
        self.bom = False  # the file's dialect, which a rejects file repeats so that Excel reads it alike
        lines = self._decoded_lines()
        first = next(lines, None)
        self.delimiter = _delimiter(first)
        self.crlf = first is not None and first.endswith("\r\n")
        self.reader = csv.reader(
            chain([first] if first is not None else [], lines), delimiter=self.delimiter, strict=True
        )
        # A rejects file's error column, which re-importing the corrected file ignores.
        self.error_column: int | None = None
        self.header = self._read_header()

    def _decoded_lines(self) -> Iterator[str]:
        return chain.from_iterable(self._decoded_chunks())

    def _decoded_chunks(self) -> Iterator[io.StringIO]:
        """About a megabyte of whole lines at a time, decoded in one call and split at LF only (as
        the file's physical lines are counted) by StringIO, in C. A chunk that is not UTF-8 is decoded
        line by line to name the line."""
        lines_before = 0
        while lines := self.binary.readlines(READ_CHUNK):
            try:
                text = b"".join(lines).decode("utf-8")
            except UnicodeDecodeError:
                for number, raw in enumerate(lines, start=lines_before + 1):
                    try:
                        raw.decode("utf-8")
                    except UnicodeDecodeError as e:
                        raise HtxError(
                            messages.NOT_UTF8.format(file=self.name, line=number, detail=e.reason)
                        ) from None
                raise AssertionError("unreachable") from None
            if lines_before == 0 and text.startswith("\ufeff"):
                text = text[1:]
                self.bom = True
            lines_before += len(lines)
            yield io.StringIO(text, newline="\n")

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
        while header and not header[-1]:  # Excel leaves empty cells after the last column
            header.pop()
        if REJECTS_COLUMN in header:
            self.error_column = header.index(REJECTS_COLUMN)
            del header[self.error_column]
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

    def batches(self, size: int) -> Iterator[Read]:
        """The rows, `size` at a time, with the physical line each starts on; blank lines skipped."""
        reader = self.reader
        while True:
            start = reader.line_num
            rows: list[list[str]] = []
            try:
                rows.extend(islice(reader, size))  # in C; keeps the rows read before an error
            except csv.Error as e:
                raise self._problem(e, start + sum(map(_lines_spanned, rows)) + 1) from None
            if not rows:
                return
            lines: Sequence[int]
            if reader.line_num - start == len(rows):  # one line per row, as in most files
                lines = range(start + 1, reader.line_num + 1)
            else:  # some cells hold line breaks
                spans = list(map(_lines_spanned, rows))
                lines = [start + 1 + before for before in accumulate(spans[:-1], initial=0)]
            read = Read(lines, rows)
            if min(map(len, rows)) < 2:
                read = read.keep([len(row) > 1 or bool(row and row[0].strip()) for row in rows])
            if read.rows:
                yield read

    def fit(self, read: Read) -> tuple[Read, Refused]:
        """The rows cut to the header: a rejects file's error cell dropped, and empty cells past the
        last column too (Excel leaves them); a row with a value past the last column is refused."""
        if self.error_column is not None:
            column = self.error_column
            for cells in read.rows:
                del cells[column : column + 1]
        width = len(self.header)
        if max(map(len, read.rows)) <= width:
            return read, []
        for cells in read.rows:
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                del cells[width:]
        wanted = [len(cells) <= width for cells in read.rows]
        refused = [
            (line, cells, messages.TOO_MANY_CELLS.format(found=len(cells), expected=width))
            for (line, cells), fits in zip(read, wanted, strict=True)
            if not fits
        ]
        return (read.keep(wanted) if refused else read), refused

    def rejects_writer(self, out: IO[str], to_file: bool) -> Any:
        """A CSV writer for the rows set aside, in the input's own dialect (separator, BOM, line ends),
        so that the corrected file loads as the original would; the header gains an error column."""
        if self.bom and to_file:
            out.write("\ufeff")
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\r\n" if self.crlf else "\n")
        writer.writerow([*self.header, REJECTS_COLUMN])
        return writer

    def position(self) -> int:
        try:
            return self.binary.tell()
        except (OSError, ValueError):
            return 0


# --- loaders: parse a batch, then apply it ---------------------------------------------------


Refused = list[tuple[int, list[str], str]]  # rows set aside, with their problem


class ImportEntry:
    """The import's history entry, made on its first write: an import that changes nothing leaves
    no entry, so `htx undo` after it reverts the change before."""

    def __init__(self, uow: UnitOfWork, table: str, name: str) -> None:
        self.history = uow.history
        self.command = f"import {table}"
        self.file = name
        self.id: int | None = None

    def __call__(self) -> int:
        if self.id is None:
            self.id = self.history.begin(current_user(), self.command, {"file": self.file})
        return self.id


def _no_doubts(parsed: ParsedBatch) -> Doubts:
    return []


class Loader:
    table: str
    store: Table
    parse_batch: Callable[[Sequence[str], Sequence[Sequence[str]]], ParsedBatch]
    doubts_in: Callable[[ParsedBatch], Doubts] = staticmethod(_no_doubts)  # rows imported with a warning

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        self.connection = uow.connection
        self.history = uow.history
        self.result = result
        self.entry = entry
        # A batch is first inserted as it is, without looking for stored rows: a batch that names a
        # stored row (or one an earlier batch of the file inserted) trips a unique constraint, and is
        # rolled back and done the careful way. A file of new rows, such as a new year's ratings,
        # never pays for lookups; one of stored rows fails its attempt at the first row, cheaply.
        # Into a table that was empty, the secondary indexes are also built once at the end.
        self.empty = is_empty(self.connection, self.store.name)
        self._lives: dict[str, Life] = {}
        self._all_lives = False  # _lives holds every organisation
        self._ids: dict[str, int] = {}

    def apply(self, read: Read, parsed: ParsedBatch) -> Refused:
        """Write the parsed rows of a batch; return the rows refused, each with its problem."""
        if parsed.complete:
            columns = parsed.planned if parsed.planned is not None else self.plan_bulk(parsed)
            if columns is not None and self._fast(columns):
                self.result.new += len(parsed.index)
                return []
        rows_ = [Row(*read[i], parsed.row(j)) for j, i in enumerate(parsed.index)]
        refused = [(row.line, row.cells, problem) for row, problem in self.apply_rows(rows_)]
        # The careful way leaves cycles behind: the failed attempt's error and the frames it holds
        # (with the batch's rows), the statements that looked up stored rows (with their IN lists).
        # An import makes the cycle collector rare (_fewer_collections), so they piled up: a
        # re-import of 100,000 unchanged organisations peaked at 143 MiB instead of 67. The young
        # generations, which hold this batch's garbage, are swept here (~2 ms a batch).
        gc.collect(1)
        return refused

    bulk_columns: tuple[str, ...]  # what plan_bulk's columns hold, then created_by

    def preload(self) -> None:
        """Read what plan_bulk needs from the database before the file is read (maybe by a child)."""

    def plans_offline(self) -> bool:
        """Whether plan_bulk can run without the database (so in the process reading the file)."""
        return self._all_lives

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        """The batch as columns to insert as they are, or None when it needs the careful way (a key
        repeated within the batch, an unknown code, a row without a key to compare stored rows by)."""
        return None

    def apply_rows(self, rows: list[Row]) -> list[tuple[Row, str]]:
        """The careful way: compare each row with the stored one and insert, update or leave it."""
        raise NotImplementedError

    def _fast(self, columns: list[Sequence[Any]]) -> bool:
        """Insert planned columns in a savepoint; False (and nothing written, not even the history
        entry if this made it) when they hit a constraint. Plain SAVEPOINT statements: SQLAlchemy's
        nested transactions cost a millisecond a batch."""
        run = self.connection.exec_driver_sql
        entry_before = self.entry.id
        run("SAVEPOINT htx_bulk")
        try:
            rows = list(zip(*columns, repeat(self.entry(), len(columns[0])), strict=True))
            insert_rows(self.connection, self.store, (*self.bulk_columns, "created_by"), rows)
        except IntegrityError:
            run("ROLLBACK TO SAVEPOINT htx_bulk")
            run("RELEASE SAVEPOINT htx_bulk")
            self.entry.id = entry_before
            return False
        run("RELEASE SAVEPOINT htx_bulk")
        return True

    def ids(self, codes: Sequence[str | None]) -> Mapping[str, int]:
        """code -> id for the codes that exist (and maybe others)."""
        lives = self.lives(codes)
        if not self._all_lives:
            return {code: lives[code][0] for code in set(codes) if code is not None and code in lives}
        if not self._ids:  # made once: every organisation's id
            self._ids = {code: life[0] for code, life in lives.items()}
        return self._ids

    def lives(self, codes: Iterable[str | None]) -> dict[str, Life]:
        """code -> (id, founded, dissolved) for the codes that exist, remembered for later batches:
        the import does not change organisations, and a file names the same ones again and again.
        When the registry is small enough to remember whole, it is read in one pass the first time:
        looking codes up batch by batch visits the table's pages in random order."""
        if self._all_lives:
            return self._lives
        if not self._lives and organisation_count(self.connection) <= LIVES_REMEMBERED:
            self._lives = organisation_lives(self.connection)
            self._all_lives = True
            return self._lives
        missing = [code for code in set(codes).difference(self._lives) if code is not None]
        if len(self._lives) + len(missing) > LIVES_REMEMBERED:
            self._lives.clear()
        for start in range(0, len(missing), IN_CHUNK):
            self._lives.update(organisation_lives(self.connection, missing[start : start + IN_CHUNK]))
        return self._lives


class CooperativeLoader(Loader):
    table = "cooperatives"
    store = organisation

    parse_batch = staticmethod(parse_organisations)
    doubts_in = staticmethod(organisation_doubts_in)

    bulk_columns = (*ORGANISATION_FIELDS, *KEY_FIELDS)

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        super().__init__(uow, result, entry)
        self.districts = DistrictSpellings(self.connection)
        result.respelled = self.districts.respelled
        self.lookalikes = Lookalikes(self.connection)
        self._lines: Callable[[], Sequence[int]] = list  # the physical lines of the batch being applied

    def plans_offline(self) -> bool:
        return True

    def apply(self, read: Read, parsed: ParsedBatch) -> Refused:
        # In this process, where the database is: the plan may come from the one reading the file.
        self.districts.respell(parsed)
        self._lines = lambda: [read.lines[i] for i in parsed.index]
        return super().apply(read, parsed)

    def _fast(self, columns: list[Sequence[Any]]) -> bool:
        if not super()._fast(columns):
            return False
        # Every row of the batch was new: each is checked against the stored organisations.
        name_keys = columns[len(ORGANISATION_FIELDS) + KEY_FIELDS.index("name_key")]
        self._warn_lookalikes(self._lines(), columns[0], name_keys)
        return True

    def _warn_lookalikes(self, lines: Sequence[int], codes: Sequence[str], name_keys: Sequence[str]) -> None:
        for line, problems in self.lookalikes.check(self.entry.id, lines, codes, name_keys):
            self.result.add_warning(
                messages.IMPORT_WARNING.format(file=self.entry.file, line=line, problems=problems)
            )

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        n = len(parsed.index)
        if len(set(parsed.column("code"))) != n:
            return None  # a code twice in the batch: the later row wins, the careful way
        columns: dict[str, Sequence[Any]] = {}
        for name in ORGANISATION_FIELDS:
            if name in parsed.fields:
                columns[name] = parsed.iso.get(name) or parsed.column(name)
            else:  # not in the file
                columns[name] = ["cooperative" if name == "kind" else None] * n
        return [*columns.values(), *derived_key_columns(columns)]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        latest = {row.values["code"]: row for row in batch}  # a code twice in one batch: the later row wins
        existing: dict[str, Mapping[str, Any]] = {}
        codes = list(latest)
        for start in range(0, len(codes), IN_CHUNK):
            query = select(organisation).where(organisation.c.code.in_(codes[start : start + IN_CHUNK]))
            existing.update({r["code"]: r for r in self.connection.execute(query).mappings()})
        new, changed, history = [], [], []
        fresh: list[tuple[int, str, str]] = []  # line, code and name key of each new row
        for code, row in latest.items():
            old = existing.get(code)
            full = {f: row.values.get(f, old[f] if old else None) for f in ORGANISATION_FIELDS}
            if full["kind"] is None:
                full["kind"] = "cooperative"
            if old is None:
                new.append(full)
                fresh.append((row.line, code, fold(full["name"] or "")))
            elif any(full[f] != old[f] for f in ORGANISATION_FIELDS):
                after = {**full, **derived_keys(full)}
                changed.append({**after, "_id": old["id"]})
                history.append((old["id"], code, old, {**old, **after}))
            else:
                self.result.unchanged += 1
        self._insert(new)
        if fresh:
            lines, new_codes, name_keys = zip(*fresh, strict=True)
            self._warn_lookalikes(lines, new_codes, name_keys)
        if changed:
            statement = update(organisation).where(organisation.c.id == bindparam("_id"))
            self.connection.execute(statement, changed)
            self.history.changes(self.entry(), "organisation", history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return []

    def _insert(self, full: list[dict[str, Any]]) -> None:
        if not full:
            return
        columns = {name: [row[name] for row in full] for name in ORGANISATION_FIELDS}
        tuples = list(
            zip(
                *columns.values(), *derived_key_columns(columns), repeat(self.entry(), len(full)), strict=True
            )
        )
        insert_rows(self.connection, organisation, (*self.bulk_columns, "created_by"), tuples)


class RatingLoader(Loader):
    table = "ratings"
    store = rating
    parse_batch = staticmethod(parse_ratings)

    bulk_columns = ("organisation_id", "year", "grade", "score", "note")

    def preload(self) -> None:
        self.lives(())

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        codes, years = parsed.column("code"), parsed.column("year")
        lives, named = self.lives(codes), set(codes)
        if not lives.keys() >= named:
            return None  # an unknown code: refused the careful way, with its message
        # Per organisation named in the batch, then mapped over its rows in C.
        id_of = {code: lives[code][0] for code in named}
        first = {code: lives[code][1].year for code in named}
        last = {code: (end.year if (end := lives[code][2]) else 9999) for code in named}
        ids = list(map(id_of.__getitem__, codes))
        if (
            len(set(zip(ids, years, strict=True))) != len(ids)
            or not all(map(le, map(first.__getitem__, codes), years))
            or not all(map(ge, map(last.__getitem__, codes), years))
        ):
            return None  # a rating twice in the batch, or a year outside a life
        return [ids, years, parsed.column("grade"), parsed.column("score"), parsed.column("note")]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self.lives(row.values["code"] for row in batch)
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
        # Only the years the batch rates: a registry keeps many years per organisation, and a file
        # usually brings one. Rows stay tuples until one is found changed.
        existing: dict[tuple[int, int], StoredRow[Any]] = {}
        ids, years = list({key[0] for key in latest}), list({key[1] for key in latest})
        for start in range(0, len(ids), IN_CHUNK):
            query = select(rating).where(
                rating.c.organisation_id.in_(ids[start : start + IN_CHUNK]), rating.c.year.in_(years)
            )
            existing.update(((r.organisation_id, r.year), r) for r in self.connection.execute(query))
        new, changed, history = {}, [], []
        for key, row in latest.items():
            v = row.values
            old = existing.get(key)
            if old is None:
                new[key] = row
            elif (v["grade"], v["score"], v["note"]) != (old.grade, old.score, old.note):
                values = {"grade": v["grade"], "score": v["score"], "note": v["note"]}
                changed.append({**values, "_id": old.id})
                before = dict(old._mapping)
                history.append((old.id, v["code"], before, {**before, **values}))
            else:
                self.result.unchanged += 1
        self._insert(new)
        if changed:
            self.connection.execute(update(rating).where(rating.c.id == bindparam("_id")), changed)
            self.history.changes(self.entry(), "rating", history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused

    def _insert(self, rows: dict[tuple[int, int], Row]) -> None:
        if not rows:
            return
        created_by = self.entry()
        tuples = [
            (organisation_id, year, row.values["grade"], row.values["score"], row.values["note"], created_by)
            for (organisation_id, year), row in rows.items()
        ]
        insert_rows(self.connection, rating, (*self.bulk_columns, "created_by"), tuples)


_SUPPORT_VALUES = ("program", "date", "amount_vnd", "quantity", "unit", "reference", "note")


class SupportLoader(Loader):
    table = "support"
    store = support
    parse_batch = staticmethod(parse_supports)
    doubts_in = staticmethod(support_doubts_in)

    bulk_columns = ("organisation_id", *_SUPPORT_VALUES)

    def preload(self) -> None:
        self.ids(())

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        codes, references = parsed.column("code"), parsed.column("reference")
        if None in references or len(set(references)) != len(codes):
            return None  # rows without a reference are compared with stored ones, the careful way
        ids = list(map(self.ids(codes).get, codes))  # None for a province-wide row (no code)
        if ids.count(None) != codes.count(None):
            return None  # an unknown code: refused the careful way, with its message
        return [ids, *(parsed.iso.get(name) or parsed.column(name) for name in _SUPPORT_VALUES)]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self.lives(row.values["code"] for row in batch)
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
                    new[("ref", record["reference"])] = record
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
                    new[("row", key)] = record
        self._insert(list(new.values()))
        if changed:
            self.connection.execute(
                update(support).where(support.c.id == bindparam("_id")), list(changed.values())
            )
            self.history.changes(self.entry(), "support", list(history.values()))
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused

    def _insert(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        created_by = self.entry()
        tuples = [(*_support_values(r), created_by) for r in records]
        insert_rows(self.connection, support, (*self.bulk_columns, "created_by"), tuples)

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


_support_values = itemgetter("organisation_id", *_SUPPORT_VALUES)


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


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """An import allocates millions of short-lived tuples and lists that reference counting frees;
    the cycle collector's full passes over everything else alive (the registry's lookups, the loaded
    modules) were a tenth of a large import's time. They are made rarer for its duration; what the
    careful way leaves in cycles is swept batch by batch instead (Loader.apply)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


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
    reject_writer = None
    if rejects is not None:
        reject_writer = source.rejects_writer(rejects, to_file=rejects is not sys.stdout)

    def refuse(row_line: int, cells: list[str], problem: str) -> None:
        result.add_error(printable(f"{name}:{row_line}: {' '.join(problem.split())}"))
        if reject_writer is not None:
            reject_writer.writerow([*cells, problem])
            result.rejected += 1

    with _fewer_collections(), UnitOfWork(engine, resolved_references=True) as uow:
        entry = ImportEntry(uow, table, name)
        loader = LOADERS[table](uow, result, entry)
        indexes = SecondaryIndexes(uow.connection, loader.store.name)
        if loader.empty:
            indexes.drop()
        loader.preload()
        batches = read_ahead(lambda: _parsed_batches(source, loader), _size(stream))
        for read, parsed, unread, position in batches:
            unread.extend((*read[i], str(e)) for i, e in parsed.errors)
            refused = loader.apply(read, parsed)
            for line, cells, problem in sorted(unread + refused, key=lambda item: item[0]):
                refuse(line, cells, problem)
            doubts = loader.doubts_in(parsed)
            if doubts:
                left_out = {line for line, _, _ in refused}
                for j, doubt in doubts:
                    line = read.lines[parsed.index[j]]
                    if line not in left_out:
                        result.add_warning(
                            messages.IMPORT_WARNING.format(file=name, line=line, problems=doubt)
                        )
            if progress is not None:
                progress(position)
        if result.error_count and rejects is None:
            return result  # rolled back on leaving the unit of work
        if not dry_run:
            indexes.restore()
            if entry.id is not None:
                uow.history.set_summary(entry.id, result.summary(name))
            uow.commit()
    return result


Parsed = tuple[Read, ParsedBatch, Refused, int]  # a batch, its values, rows refused already, file position


def _parsed_batches(source: CsvSource, loader: Loader) -> Iterator[Parsed]:
    """Each batch of the file, parsed, and planned for a bulk insert where that needs no database: the
    part of an import that may run in another process (see readahead.py; errors travel as messages)."""
    plan = loader.plans_offline()
    for whole in source.batches(BATCH):
        read, unread = source.fit(whole)
        parsed = loader.parse_batch(source.header, read.rows)
        if plan and parsed.complete:
            parsed.planned = loader.plan_bulk(parsed)
        yield read, parsed, unread, source.position()


def _size(stream: IO[bytes]) -> int | None:
    """The input's size in bytes; None for a pipe (size unknown); 0 when it is no file at all."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return 0
    return None if stat.S_ISFIFO(status.st_mode) else status.st_size


def open_input(path: str) -> tuple[IO[bytes], str]:
    if path == "-":
        if sys.stdin.isatty():
            # Typed or pasted rows: read up to the first Ctrl-D. Read in chunks, a terminal's end of input
            # ends only the read under way, and the clerk would have to press Ctrl-D again.
            return io.BytesIO(sys.stdin.buffer.read()), "<stdin>"
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
            query = query.where(in_force(o.founded, o.dissolved, Period.year(year)))
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
