"""Reading a sheet of an Excel workbook (.xlsx) as the same rows of text a CSV file gives (rowsource.py).

The sheet is streamed (openpyxl's read-only mode): a 100,000-row workbook is never held whole. Each cell
becomes the text the contract's parsers read: a date cell its ISO date, a number its digits (an integer
stored as a float, as Excel stores every number, loses its `.0`; a fraction is written the Vietnamese way,
`1.500.000,5`, which a count refuses; a row whose money cell is such a number is refused as a fraction of
a đồng, where the text `1,5` would only be ambiguous), a formula its value as Excel last computed it, an empty
cell "". A text cell starting with `'` gets a second one: the CSV path takes a leading `'` for export's
formula guard (domain/cells.py), and a sheet's text is exactly what it shows; and a character the file
format escapes (`_x000D_`) is read back. Rows are numbered as Excel
numbers them, and named with their sheet: `FILE.xlsx:Sheet1!12`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import IO, Any

from htxcli.domain import messages
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.headers import MONEY_COLUMNS, header_score, two_row_header
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import COLUMNS, HEADER_SEARCH, REJECTS_COLUMN, Refused, RowSource

XLSX_SIGNATURE = b"PK\x03\x04"  # a zip archive, which an .xlsx workbook is
XLS_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the older binary workbook (.xls), which htx does not read

_PLAIN_SHEET_NAME = re.compile(r"\w+")


# OOXML writes a character XML cannot hold (a CR among them) as _xHHHH_, and the text "_x000D_" itself as
# _x005F_x000D_ (Excel and XlsxWriter alike); openpyxl leaves them as they are in the file.
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescaped(match: re.Match[str]) -> str:
    return chr(int(match[1], 16))


def _other_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # a text cell starting with ', or holding _xHHHH_
        text = _ESCAPED.sub(_unescaped, value)
        return "'" + text if text[:1] == "'" else text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def cell_texts(values: Sequence[Any]) -> list[str]:
    """A row of a sheet as the text cells of a CSV row (see the module's docstring)."""
    return [v if type(v) is str and v[:1] != "'" and "_x" not in v else _other_text(v) for v in values]


def _why_unreadable(e: Exception) -> str:
    """In the clerk's words, not the library's English: why a zip archive could not be read as a workbook."""
    from zipfile import BadZipFile

    if isinstance(e, BadZipFile | EOFError | OSError):
        return messages.WORKBOOK_DAMAGED
    if isinstance(e, KeyError):  # a part every workbook has is missing
        return messages.WORKBOOK_NOT_EXCEL
    return messages.WORKBOOK_UNREADABLE


def _texts(values: Iterator[tuple[int, Sequence[Any]]]) -> Iterator[tuple[int, list[str]]]:
    return ((number, cell_texts(row)) for number, row in values)


class SheetSource(RowSource):
    """One sheet of a workbook, the first unless named, with its header found among its first rows."""

    workbook = True

    def __init__(
        self,
        stream: IO[bytes],
        name: str,
        table: str,
        sheet: str | None = None,
        size: int | None = None,
        given: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(name, table, given)
        from openpyxl import load_workbook

        try:
            book = load_workbook(stream, read_only=True, data_only=True)
        except Exception as e:  # a damaged zip, or a zip that is no workbook: one line, whatever it is
            raise HtxError(messages.NOT_A_WORKBOOK.format(file=name, detail=_why_unreadable(e))) from e
        if sheet is None:
            found = book.worksheets[0] if book.worksheets else None
        else:
            found = book[sheet] if sheet in book.sheetnames else None
        if found is None:
            problem = messages.NO_SUCH_SHEET.format(file=name, sheets=", ".join(book.sheetnames))
            raise InvalidValue("--sheet", sheet or "", problem)
        self.sheet = found.title
        self.declared_rows = found.max_row or 0  # as the file says (for progress only)
        self.size = size or 0
        found.reset_dimensions()  # the declared size may be wrong: read every row there is
        values = enumerate(found.iter_rows(min_row=1, values_only=True), start=1)
        first = list(islice(values, HEADER_SEARCH))
        top = [(number, cell_texts(row)) for number, row in first]
        at = self._header_row(top)
        if at is None:
            columns = COLUMNS[table]
            raise HtxError(
                messages.EMPTY_SHEET.format(file=name, sheet=self.sheet, columns=",".join(columns))
            )
        number, cells = top[at]
        two_rows = two_row_header(cells, top[at + 1][1], self.names) if at + 1 < len(top) else None
        if two_rows is not None:  # a group's name over its columns: one header, rows from the next
            cells = two_rows
            at += 1
        self._take_header(cells, number)
        # A number cell of a money column that is a fraction of a đồng: its row is refused saying so
        # (as text, 1,5 would only be an ambiguous amount).
        kept = [p for p in range(len(self.header) + len(self.dropped)) if p not in self.dropped]
        self._money = [
            (p, c)
            for at, (p, c) in enumerate(zip(kept, self.header, strict=True))
            if c in MONEY_COLUMNS
            and at not in self.scales
            and c not in self.units  # 1,5 in triệu đồng is 1.500.000 đồng
        ]
        self._fractions: dict[int, str] = {}  # line -> the problem of its fractional amount
        rest = chain(first[at + 1 :], values)
        self._rows = self._fractions_noted(rest) if self._money else _texts(rest)
        self._last = number

    def _fractions_noted(
        self, values: Iterator[tuple[int, Sequence[Any]]]
    ) -> Iterator[tuple[int, list[str]]]:
        money = self._money
        for number, row in values:
            for position, column in money:
                if position < len(row):
                    value = row[position]
                    if type(value) is float and not value.is_integer():
                        text = _other_text(value)
                        self._fractions[number] = str(InvalidValue(column, text, messages.FRACTION_OF_DONG))
                        break
            yield number, cell_texts(row)

    def fit(self, read: Read) -> tuple[Read, Refused]:
        """As any source's, and a row with a fraction of a đồng in a number cell refused saying so."""
        fitted, refused = super().fit(read)
        if not self._fractions:
            return fitted, refused
        fractions = self._fractions
        wanted = [line not in fractions for line in fitted.lines]
        refused += [(line, cells, fractions.pop(line)) for line, cells in fitted if line in fractions]
        return fitted.keep(wanted), refused

    def _header_row(self, top: Sequence[tuple[int, list[str]]]) -> int | None:
        """The first row naming columns; else the first row with anything in it (its first unknown name
        is then the error); None when the first rows are all empty."""
        for at, (_, cells) in enumerate(top):
            if header_score(cells, self.names):
                return at
        return next((at for at, (_, cells) in enumerate(top) if any(c.strip() for c in cells)), None)

    def place(self, line: int) -> str:
        sheet = (
            self.sheet
            if _PLAIN_SHEET_NAME.fullmatch(self.sheet)
            else "'{}'".format(self.sheet.replace("'", "''"))
        )
        return f"{sheet}!{line}"

    def _batches(self, size: int) -> Iterator[Read]:
        rows = self._rows
        while True:
            taken = list(islice(rows, size))
            if not taken:
                return
            self._last = taken[-1][0]
            kept = [(number, cells) for number, cells in taken if any(cell.strip() for cell in cells)]
            if kept:
                numbers, cells = zip(*kept, strict=True)
                yield Read(list(numbers), list(cells))

    def rejects_writer(self, out: IO[str], to_file: bool) -> Any:
        """A CSV file for the rows set aside, as a Vietnamese-locale Excel opens it: semicolons, a BOM,
        CRLF (import reads it back as it reads any CSV)."""
        if to_file:
            out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([*self.header_labels, REJECTS_COLUMN])
        return writer

    def position(self) -> int:
        if not self.declared_rows:
            return 0
        return min(self.size, self.size * self._last // self.declared_rows)
