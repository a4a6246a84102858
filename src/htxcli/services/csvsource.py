"""Reading a contract file: bytes decoded as UTF-8, the delimiter sniffed, the header checked, rows in
batches with the physical line each starts on, fitted to the header; and the rejects file written in the
input's own dialect. No database here: the rows go to the loaders (loaders.py), maybe from another
process (readahead.py).
"""

from __future__ import annotations

import csv
import io
import marshal
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain, compress, islice
from pathlib import Path
from typing import IO, Any

from htxcli.domain import messages
from htxcli.domain.cells import unprotect_cell
from htxcli.domain.errors import HtxError
from htxcli.domain.records import ORGANISATION_FIELDS, RATING_FIELDS, SUPPORT_FIELDS

COLUMNS = {"cooperatives": ORGANISATION_FIELDS, "ratings": RATING_FIELDS, "support": SUPPORT_FIELDS}
REQUIRED = {
    "cooperatives": ("code", "name", "founded"),
    "ratings": ("code", "year"),
    "support": ("program", "date"),
}
READ_CHUNK = 1 << 20  # bytes of the file decoded at a time
REJECTS_COLUMN = "error"  # the column a rejects file adds, and import ignores

Refused = list[tuple[int, list[str], str]]  # rows set aside (line, cells), with their problem


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


# --- the input ---------------------------------------------------------------------------


def stream_size(stream: IO[bytes]) -> int | None:
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


def input_size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
