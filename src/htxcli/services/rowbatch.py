"""A batch of an import's rows as its input read them (rowsource.py), as it crosses to the process that
writes them (readahead.py)."""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from itertools import compress

_State = tuple[Sequence[int], bytes, Sequence[str], Sequence[tuple[int, str]]]


class Read:
    """A batch of rows as read: their cells, and the physical line each starts on; notes for the
    clerk about rows left out (a totals row); and warnings of a row that is not one of them (a
    totals row that disagrees with the rows above it), as (line, text).

    Sent to another process (readahead.py), the cells travel as one opaque blob and are unpacked only
    if asked for: a write that goes well never looks at them, and unpickling a list per row was half the
    receiving process's cost of a batch. The blob is made by marshal, the quickest way to flatten lists
    of strings (a ninth of writing them as CSV text, which was a quarter of the reading process's work);
    marshal's format is only read back by the same Python, which a forked process is."""

    def __init__(
        self,
        lines: Sequence[int],
        rows: list[list[str]],
        notes: Sequence[str] = (),
        warnings: Sequence[tuple[int, str]] = (),
    ) -> None:
        self.lines = lines
        self._rows: list[list[str]] | None = rows
        self._packed = b""
        self.notes = notes
        self.warnings = warnings

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = marshal.loads(self._packed)
        return self._rows

    def __getstate__(self) -> _State:
        return self.lines, marshal.dumps(self.rows), self.notes, self.warnings

    def __setstate__(self, state: _State) -> None:
        self.lines, self._packed, self.notes, self.warnings = state
        self._rows = None

    def __getitem__(self, i: int) -> tuple[int, list[str]]:
        return self.lines[i], self.rows[i]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return zip(self.lines, self.rows, strict=True)

    def keep(self, wanted: Sequence[bool]) -> Read:
        kept = list(compress(self.lines, wanted)), list(compress(self.rows, wanted))
        return Read(*kept, self.notes, self.warnings)
