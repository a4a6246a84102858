"""The loaders' common way: a parsed batch inserted as it is, in one statement, or, when it hits a
stored row (a unique constraint) or cannot be planned, row by row the careful way."""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from htxcli.domain.batch import Doubts, ParsedBatch
from htxcli.domain.figures import Units
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import Refused
from htxcli.store.loading import Lives, TableLoad

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork


def _no_doubts(parsed: ParsedBatch) -> Doubts:
    return []


class Loader:
    """A batch is first inserted as it is, without looking for stored rows: a batch that names a
    stored row (or one an earlier batch of the file inserted) trips a unique constraint, and is rolled
    back and done the careful way. A file of new rows, such as a new year's ratings, never pays for
    lookups; one of stored rows fails its attempt at the first row, cheaply."""

    table: str
    target: TableLoad  # the SQL of this loader's table
    parse_batch: Callable[[Sequence[str], Sequence[Sequence[str]]], ParsedBatch]
    doubts_in: Callable[[ParsedBatch], Doubts] = staticmethod(_no_doubts)  # rows imported with a warning
    bulk_columns: tuple[str, ...]  # what plan_bulk's columns hold, then created_by
    # How a header's unit counts a money column's cells (the figures file: `Doanh thu (triệu đồng)`).
    units: Units = MappingProxyType({})

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        self.history = uow.history
        self.result = result
        self.entry = entry
        self.lives = Lives(uow.connection)  # the organisations the file names
        self._uow = uow
        self._period_start: tuple[int, int] | None = None

    @property
    def period_start(self) -> tuple[int, int]:
        """(day, month) on which the registry's reporting years start: a file's years are those."""
        if self._period_start is None:
            from htxcli.services.settings import period_start

            self._period_start = period_start(self._uow)
        return self._period_start

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
        # An import makes the cycle collector rare (interchange._fewer_collections), so they piled
        # up: a re-import of 100,000 unchanged organisations peaked at 143 MiB instead of 67. The
        # young generations, which hold this batch's garbage, are swept here (~2 ms a batch).
        gc.collect(1)
        return refused

    def preload(self) -> None:
        """Read what plan_bulk needs from the database before the file is read (maybe by a child)."""

    def plans_offline(self) -> bool:
        """Whether plan_bulk can run without the database (so in the process reading the file)."""
        return self.lives.whole

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        """The batch as columns to insert as they are, or None when it needs the careful way (a key
        repeated within the batch, an unknown code, a row without a key to compare stored rows by)."""
        return None

    def apply_rows(self, rows: list[Row]) -> list[tuple[Row, str]]:
        """The careful way: compare each row with the stored one and insert, update or leave it."""
        raise NotImplementedError

    def _fast(self, columns: list[Sequence[Any]]) -> bool:
        """Insert planned columns as they are; False (and nothing written, not even the history
        entry if this made it) when they hit a constraint."""
        entry_before = self.entry.id

        def rows() -> list[tuple[Any, ...]]:
            return list(zip(*columns, repeat(self.entry(), len(columns[0])), strict=True))

        if self.target.insert_all_or_none((*self.bulk_columns, "created_by"), rows):
            return True
        self.entry.id = entry_before
        return False

    def _insert(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows given in the order of bulk_columns, made by this import."""
        self.target.insert((*self.bulk_columns, "created_by"), rows)

    def _update(self, record: str, changed: Sequence[Mapping[str, Any]], history: list[Any]) -> None:
        """Write the changed rows (their new values, and `_id`) and their history."""
        if changed:
            self.target.update(changed)
            self.history.changes(self.entry(), record, history)
