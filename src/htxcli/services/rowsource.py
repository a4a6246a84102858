"""What every input of an import has in common, be it a CSV file (csvsource.py) or a sheet of a workbook
(sheetsource.py): a header found among its first rows and matched to the contract (English or Vietnamese
names, domain/headers.py), rows in batches as lists of text cells with the number each row has where the
clerk looks for it, fitted to the header, and a final totals row left out. Past this point an import does
not know what kind of file it reads: batching, reading ahead, rejects and all-or-nothing are one code.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import IO, Any

from htxcli.domain import i18n, messages
from htxcli.domain.cells import unprotect_cell
from htxcli.domain.errors import HtxError
from htxcli.domain.headers import (
    ALIASES,
    IGNORED,
    MONEY_COLUMNS,
    accepted_names,
    header_key,
    header_names,
    header_unit,
    is_header_row,
    totals_label,
    unit_is_dong,
    vietnamese_header,
)
from htxcli.domain.records import ORGANISATION_FIELDS, RATING_FIELDS, SUPPORT_FIELDS

COLUMNS = {"cooperatives": ORGANISATION_FIELDS, "ratings": RATING_FIELDS, "support": SUPPORT_FIELDS}
REQUIRED = {
    # name and founded are required of new organisations only: a file that changes stored ones may
    # carry just the code and the columns it changes (loaders.CooperativeLoader refuses a new one).
    "cooperatives": ("code",),
    "ratings": ("code", "year"),
    "support": ("program", "date"),
}
# The columns a message names to show what a header row looks like.
EXAMPLE_COLUMNS = {
    "cooperatives": ("code", "name", "founded"),
    "ratings": ("code", "year", "grade"),
    "support": ("code", "program", "date", "amount_vnd"),
}
REJECTS_COLUMN = "error"  # the column a rejects file adds, and import ignores
HEADER_SEARCH = 20  # rows looked at for the header: titles and blank rows above it are skipped

Refused = list[tuple[int, list[str], str]]  # rows set aside (line, cells), with their problem


class Read:
    """A batch of rows as read: their cells, and the physical line each starts on; and notes for the
    clerk about rows left out (a totals row).

    Sent to another process (readahead.py), the cells travel as one opaque blob and are unpacked only
    if asked for: a write that goes well never looks at them, and unpickling a list per row was half the
    receiving process's cost of a batch. The blob is made by marshal, the quickest way to flatten lists
    of strings (a ninth of writing them as CSV text, which was a quarter of the reading process's work);
    marshal's format is only read back by the same Python, which a forked process is."""

    def __init__(self, lines: Sequence[int], rows: list[list[str]], notes: Sequence[str] = ()) -> None:
        self.lines = lines
        self._rows: list[list[str]] | None = rows
        self._packed = b""
        self.notes = notes

    @property
    def rows(self) -> list[list[str]]:
        if self._rows is None:
            self._rows = marshal.loads(self._packed)
        return self._rows

    def __getstate__(self) -> tuple[Sequence[int], bytes, Sequence[str]]:
        return self.lines, marshal.dumps(self.rows), self.notes

    def __setstate__(self, state: tuple[Sequence[int], bytes, Sequence[str]]) -> None:
        self.lines, self._packed, self.notes = state
        self._rows = None

    def __getitem__(self, i: int) -> tuple[int, list[str]]:
        return self.lines[i], self.rows[i]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return zip(self.lines, self.rows, strict=True)

    def keep(self, wanted: Sequence[bool]) -> Read:
        return Read(list(compress(self.lines, wanted)), list(compress(self.rows, wanted)), self.notes)


def header_score(cells: Sequence[str], names: dict[str, str]) -> int:
    """How many cells of a row are known headers, or 0 when the row is not a header (is_header_row)."""
    if not is_header_row(cells, names):
        return 0
    return sum(header_key(cell) in names for cell in cells if cell.strip())


class RowSource:
    """An input's header and rows. Subclasses read the rows (`_batches`) and say where a row is (`place`)."""

    name: str
    table: str
    workbook = False  # a sheet of a workbook, named as the list it holds rather than as `TABLE.csv`

    def __init__(self, name: str, table: str) -> None:
        self.name = name
        self.table = table
        self.names = header_names(COLUMNS[table])
        self.header: list[str] = []  # the contract's column of each kept cell
        self.labels: dict[str, str] = {}  # column -> the header's own text, which messages name it by
        self.dropped: list[int] = []  # cells of no column: a rejects file's error, a row number (STT)
        self.code_at = 0  # the cell of a row (as read, before fit) that holds its code

    # --- where a row is -----------------------------------------------------------------------

    def place(self, line: int) -> str:
        """A row as the clerk finds it, after the file's name: the line of a CSV file."""
        return str(line)

    def where(self, line: int) -> str:
        return f"{self.name}:{self.place(line)}"

    def labelled(self, problem: str) -> str:
        """A row's problem naming the column by the header's own text: `Ngày thành lập: '31/02/2019' is
        not a date` for a file whose header says so, where the parsers say `founded`."""
        field, colon, rest = problem.partition(": ")
        if not colon:
            return problem
        label = self.labels.get(field)
        if label is None and field in ALIASES and field in COLUMNS[self.table] and i18n.current() == "vi":
            # A column the file does not have (a new organisation's name, in a file of changes): the
            # name a clerk reads, not the contract's English one in a Vietnamese sentence.
            label = vietnamese_header(field)
        return f"{label}: {rest}" if label is not None and label != field else problem

    # --- the header ---------------------------------------------------------------------------

    def _fail(self, line: int, message: str) -> HtxError:
        return HtxError(f"{self.where(line)}: {message}")

    def _take_header(self, raw: Sequence[str], line: int) -> None:
        """Match the header row's cells to the contract's columns, or fail naming the first that is not."""
        columns = COLUMNS[self.table]
        cells = [" ".join(unprotect_cell(h).split()) for h in raw]  # a wrapped header is one line
        while cells and not cells[-1]:  # Excel leaves empty cells after the last column
            cells.pop()
        filled = [cell for cell in cells if cell]
        if len(filled) == 1 and not header_score(cells, self.names):
            # No row names columns, and the first row holds one thing only: a title, not a header
            # with a misspelt name (a header of one column that is misspelt is named too, as `first`).
            examples = EXAMPLE_COLUMNS[self.table]
            names = ", ".join(vietnamese_header(column) for column in examples)
            problem = messages.NO_HEADER_ROW.format(
                count=HEADER_SEARCH, first=filled[0], names=names, columns=", ".join(examples)
            )
            raise self._fail(line, problem)
        for position, text in enumerate(cells):
            key = header_key(text)
            column = self.names.get(key)
            if key == REJECTS_COLUMN or column == IGNORED:
                self.dropped.append(position)
                continue
            if column is None:
                if self.workbook:
                    problem = messages.UNKNOWN_COLUMN_OF_LIST.format(
                        contract=messages.LISTS[self.table], columns=",".join(columns)
                    )
                else:
                    problem = messages.UNKNOWN_COLUMN.format(table=self.table, columns=",".join(columns))
                also = messages.ACCEPTED_HEADERS.format(names=accepted_names(columns))
                raise self._fail(line, f"{text or messages.EMPTY_HEADER}: {problem}; {also}")
            if column in self.labels:
                raise self._fail(line, f"{text}: {messages.DUPLICATE_COLUMN}")
            unit = header_unit(text)
            if column in MONEY_COLUMNS and unit is not None and not unit_is_dong(unit):
                raise self._fail(line, f"{text}: {messages.HEADER_UNIT_NOT_DONG.format(unit=unit)}")
            if column == "code":
                self.code_at = position
            self.header.append(column)
            self.labels[column] = text
        for name in REQUIRED[self.table]:
            if name not in self.labels:
                if self.workbook:
                    problem = messages.MISSING_COLUMN_OF_LIST.format(contract=messages.LISTS[self.table])
                else:
                    problem = messages.MISSING_COLUMN.format(table=self.table)
                shown = vietnamese_header(name) if i18n.current() == "vi" else name  # as labelled() does
                raise self._fail(line, f"{shown}: {problem}")

    @property
    def header_labels(self) -> list[str]:
        return [self.labels[column] for column in self.header]

    # --- the rows -----------------------------------------------------------------------------

    def _batches(self, size: int) -> Iterator[Read]:
        raise NotImplementedError

    def batches(self, size: int) -> Iterator[Read]:
        """The rows, `size` at a time, blank ones left out; the totals row left out with a note, and
        after it the rows that hold no code (the signature block an office's sheet ends with: "Người
        lập biểu", "…, ngày … tháng … năm …"), with one note. A final totals row is left out whatever
        its code cell holds. Only a row without a code is read for a totals label, so the rows of
        data cost one look at a cell."""
        held: Read | None = None
        ended = False  # a totals row was seen: what follows without a code is no data
        for read in self._batches(size):
            read, ended = self._without_totals(read, ended)
            if held is not None:
                yield held
            held = read
        if held is None or not held.lines:
            if held is not None:
                yield held
            return
        line, last = held[len(held.lines) - 1]
        label = totals_label(last)
        if label is not None:
            note = messages.TOTALS_ROW_SKIPPED.format(where=self.where(line), label=label)
            held = held.keep([True] * (len(held.lines) - 1) + [False])
            held.notes = [*held.notes, note]
        yield held

    def _without_totals(self, read: Read, ended: bool) -> tuple[Read, bool]:
        code_at = self.code_at
        wanted: list[bool] = []
        notes = list(read.notes)
        trailer: list[tuple[int, str]] = []  # (line, first filled cell) of the rows after a totals row
        for line, cells in read:
            if code_at < len(cells) and cells[code_at].strip():
                wanted.append(True)
                continue
            label = totals_label(cells)
            if label is not None:
                notes.append(messages.TOTALS_ROW_SKIPPED.format(where=self.where(line), label=label))
                ended = True
                wanted.append(False)
            elif ended:
                trailer.append((line, next((c.strip() for c in cells if c.strip()), "")))
                wanted.append(False)
            else:
                wanted.append(True)
        if trailer:
            first_line, first_text = trailer[0]
            notes.append(
                messages.ROWS_AFTER_TOTALS_SKIPPED.format(
                    where=self.where(first_line), count=len(trailer), first=first_text
                )
            )
        if all(wanted):
            return read, ended
        kept = read.keep(wanted)
        kept.notes = notes
        return kept, ended

    def fit(self, read: Read) -> tuple[Read, Refused]:
        """The rows cut to the header: cells of no column dropped (a rejects file's error, a row number),
        and empty cells past the last column too (Excel leaves them); a row with a value past the last
        column is refused."""
        if self.dropped:
            positions = self.dropped[::-1]
            for cells in read.rows:
                for position in positions:
                    del cells[position : position + 1]
        width = len(self.header)
        if not read.rows or max(map(len, read.rows)) <= width:
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
        raise NotImplementedError

    def position(self) -> int:
        """How far the input has been read, in bytes of the file (for a progress bar)."""
        return 0
