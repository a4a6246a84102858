"""Reading a CSV contract file: bytes decoded as UTF-8, the header line found and its delimiter sniffed,
the header checked (rowsource.py), rows in batches with the physical line each starts on; and the rejects
file written in the input's own dialect. No database here: the rows go to the loaders (the loaders package),
maybe from another process (readahead.py).
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import accumulate, chain, islice
from pathlib import Path
from typing import IO, Any

from htxcli.domain import messages
from htxcli.domain.cells import unprotect_cell
from htxcli.domain.errors import HtxError, reason_of
from htxcli.domain.headers import header_score, two_row_header
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import COLUMNS, HEADER_SEARCH, REJECTS_COLUMN, RowSource

READ_CHUNK = 1 << 20  # bytes of the file decoded at a time


def _lines_spanned(row: list[str]) -> int:
    """How many physical lines a row was read from: one, plus the line breaks inside its cells."""
    return 1 + sum(cell.count("\n") for cell in row)


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


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


class CsvSource(RowSource):
    """A CSV stream with its header checked against the contract, yielding rows with physical line numbers.

    The header is the first of the file's first lines that names columns (a sheet saved as CSV keeps its
    title and blank rows above it); the separator is the one that splits that line into the most known
    names, so a title holding a comma does not decide it."""

    def __init__(
        self, stream: IO[bytes], name: str, table: str, given: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(name, table, given)
        self.binary = stream
        self.bom = False  # the file's dialect, which a rejects file repeats so that Excel reads it alike
        lines = self._decoded_lines()
        top = list(islice(lines, HEADER_SEARCH))
        at, self.delimiter = self._header_line(top)
        first = top[at] if top else None
        self.crlf = first is not None and first.endswith("\r\n")
        self.skipped = at  # lines above the header: the reader's line numbers start after them
        self._two_rows = self._header_of_two_rows(top[at:])
        self.reader = csv.reader(chain(top[at:], lines), delimiter=self.delimiter, strict=True)
        self._read_header()

    def _header_of_two_rows(self, top: Sequence[str]) -> list[str] | None:
        """The header as one row when it is written on two (headers.two_row_header), else None."""
        probe = csv.reader(iter(top), delimiter=self.delimiter, strict=True)
        try:
            upper, lower = next(probe, None), next(probe, None)
        except csv.Error:
            return None
        if upper is None or lower is None:
            return None
        return two_row_header([unprotect_cell(c) for c in upper], lower, self.names)

    def _header_line(self, top: Sequence[str]) -> tuple[int, str]:
        """Which of the first lines is the header, and its separator; the first line when none names
        columns (so that its first unknown name is the error)."""
        for at, line in enumerate(top):
            scores = {d: header_score(_split(line, d), self.names) for d in (",", ";", "\t") if d in line}
            scores.setdefault(",", header_score(_split(line, ","), self.names))
            best = max(scores, key=scores.__getitem__)
            if scores[best]:
                return at, best
        return 0, _delimiter(top[0] if top else None)

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
                            messages.NOT_UTF8.format(file=self.name, line=number, detail=reason_of(e))
                        ) from None
                raise AssertionError("unreachable") from None
            if lines_before == 0 and text.startswith("\ufeff"):
                text = text[1:]
                self.bom = True
            lines_before += len(lines)
            yield io.StringIO(text, newline="\n")

    def _read_header(self) -> None:
        line = self.skipped + 1
        try:
            raw = next(self.reader)
        except StopIteration:
            columns = COLUMNS[self.table]
            raise HtxError(messages.EMPTY_FILE.format(file=self.name, columns=",".join(columns))) from None
        except csv.Error as e:
            raise self._problem(e, line) from None
        if self._two_rows is not None:
            next(self.reader)  # the header's second row, read as part of the first
            raw = self._two_rows
        self._take_header(raw, line)

    def _problem(self, e: Exception, line: int) -> HtxError:
        if "field larger than field limit" in str(e):
            return HtxError(
                messages.CELL_TOO_LONG.format(file=self.name, line=line, limit=csv.field_size_limit())
            )
        return HtxError(messages.BAD_CSV.format(file=self.name, line=line, detail=reason_of(e)))

    def _batches(self, size: int) -> Iterator[Read]:
        """The rows, `size` at a time, with the physical line each starts on; blank lines skipped."""
        reader = self.reader
        skipped = self.skipped
        while True:
            counted = reader.line_num
            start = skipped + counted
            rows: list[list[str]] = []
            try:
                rows.extend(islice(reader, size))  # in C; keeps the rows read before an error
            except csv.Error as e:
                raise self._problem(e, start + sum(map(_lines_spanned, rows)) + 1) from None
            if not rows:
                return
            lines: Sequence[int]
            if reader.line_num - counted == len(rows):  # one line per row, as in most files
                lines = range(start + 1, skipped + reader.line_num + 1)
            else:  # some cells hold line breaks
                spans = list(map(_lines_spanned, rows))
                lines = [start + 1 + before for before in accumulate(spans[:-1], initial=0)]
            read = Read(lines, rows)
            if min(map(len, rows)) < 2 or not all(map(any, rows)):  # in C: most batches stop here
                # Blank lines, and rows of empty cells (a spreadsheet saves a blank row as ;;;;).
                read = read.keep([any(cell.strip() for cell in row) for row in rows])
            if read.rows:
                yield read

    def rejects_writer(self, out: IO[str], to_file: bool) -> Any:
        """A CSV writer for the rows set aside, in the input's own dialect (separator, BOM, line ends),
        so that the corrected file loads as the original would; the header gains an error column."""
        if self.bom and to_file:
            out.write("\ufeff")
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\r\n" if self.crlf else "\n")
        writer.writerow([*self.header_labels, REJECTS_COLUMN])
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


def open_input(path: str, typed: Callable[[], bytes] | None = None) -> tuple[IO[bytes], str]:
    """The file, or standard input for "-". At a terminal, the rows typed or pasted up to the first
    Ctrl-D, read all at once by `typed` (the CLI's, which a Ctrl-C always interrupts) or else by one
    buffered read (in chunks, a terminal's end of input would end only the read under way, and the
    clerk would have to press Ctrl-D again)."""
    if path == "-":
        if sys.stdin.isatty():
            return io.BytesIO(typed() if typed is not None else sys.stdin.buffer.read()), "<stdin>"
        return sys.stdin.buffer, "<stdin>"
    try:
        return open(path, "rb"), path
    except OSError as e:
        raise HtxError(messages.CANNOT_READ.format(file=path, detail=reason_of(e))) from None


def input_size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
