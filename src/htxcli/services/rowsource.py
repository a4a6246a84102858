"""What every input of an import has in common, be it a CSV file (csvsource.py) or a sheet of a workbook
(sheetsource.py): a header found among its first rows and matched to the contract (English or Vietnamese
names, domain/headers.py), rows in batches as lists of text cells with the number each row has where the
clerk looks for it, fitted to the header, and a final totals row left out. Past this point an import does
not know what kind of file it reads: batching, reading ahead, rejects and all-or-nothing are one code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import IO, Any

from htxcli.domain import i18n, messages
from htxcli.domain.batch import PROBLEMS_JOINT
from htxcli.domain.cells import unprotect_cell
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.figures import FIGURE_FIELDS, HeaderUnit, header_unit_of
from htxcli.domain.headers import (
    ALIASES,
    DATE_COLUMNS,
    IGNORED,
    MONEY_COLUMNS,
    accepted_names,
    header_key,
    header_names,
    header_score,
    header_unit,
    is_column_numbers,
    is_signature_row,
    totals_label,
    unit_is_dong,
    unit_scale,
    vietnamese_header,
)
from htxcli.domain.records import ORGANISATION_FIELDS, RATING_FIELDS, SUPPORT_FIELDS
from htxcli.domain.values import format_date
from htxcli.services.rowbatch import Read

COLUMNS = {
    "cooperatives": ORGANISATION_FIELDS,
    "ratings": RATING_FIELDS,
    "support": SUPPORT_FIELDS,
    "figures": FIGURE_FIELDS,
}
REQUIRED = {
    # name and founded are required of new organisations only: a file that changes stored ones may
    # carry just the code and the columns it changes (loaders/organisations.py refuses a new one).
    "cooperatives": ("code",),
    "ratings": ("code", "year"),
    "support": ("program", "date"),
    "figures": ("code", "year"),
}
# The columns a message names to show what a header row looks like.
EXAMPLE_COLUMNS = {
    "cooperatives": ("code", "name", "founded"),
    "ratings": ("code", "year", "grade"),
    "support": ("code", "program", "date", "amount_vnd"),
    "figures": ("code", "year", "revenue_vnd"),
}
# Columns a file of that list may have besides the contract's: the organisation's name beside its code.
NAMED_BESIDE_CODE = {"ratings": ("name",), "support": ("name",), "figures": ("name",)}
REJECTS_COLUMN = "error"  # the column a rejects file adds, and import ignores
# ... and its name in a rejects workbook, which a Vietnamese clerk reads ("Lỗi"): both ignored, as keys.
REJECTS_COLUMNS = frozenset({REJECTS_COLUMN, header_key("Lỗi")})
TOTALS, SIGNATURE = "totals", "signature"  # what ended a sheet's data: a totals row, or a signature
# A column of notes ("Ghi chú"), by its keys: the note of a list whose contract has one, else not read.
NOTE_HEADERS = frozenset(header_key(name) for name in ("note", *ALIASES["note"]))
HEADER_SEARCH = 20  # rows looked at for the header: titles and blank rows above it are skipped

Refused = list[tuple[int, list[str], str]]  # rows set aside (line, cells), with their problem


_BARE_NUMBER = re.compile(r"\s*\d[\d.,]*\s*")
# Excel's day numbers from 1955 to 2119 (20000–80000): a date column formatted General shows them.
_SERIAL = re.compile(r"\s*[2-7]\d{4}(?:[.,]0+)?\s*")
_SERIALS = re.compile(rf"^{_SERIAL.pattern}$", re.MULTILINE)
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's numbering (its 1900 leap-year slip included)


def excel_day(serial: str) -> date:
    number = int(serial.strip().replace(",", ".").split(".")[0])
    return _EXCEL_EPOCH + timedelta(days=number)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _looks_like_code(text: str) -> bool:
    """Whether a cell under the totals row may be a code (a row of data after it), not the signature
    block's words: one word holding a digit, as registration and tax codes do."""
    return bool(text.strip()) and " " not in text.strip() and _has_digit(text)


class RowSource:
    """An input's header and rows. Subclasses read the rows (`_batches`) and say where a row is (`place`)."""

    name: str
    table: str
    workbook = False  # a sheet of a workbook, named as the list it holds rather than as `TABLE.csv`

    def __init__(self, name: str, table: str, given: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.table = table
        # A ratings or support sheet may name each organisation beside its code ("Tên HTX"): the name
        # is read, only to warn where it is not the registered one (interchange.py).
        self.names = header_names((*COLUMNS[table], *NAMED_BESIDE_CODE.get(table, ())))
        # Columns the command line gives every row (`import ratings FILE --year 2026`): column -> text.
        self.given = dict(given or {})
        self.header: list[str] = []  # the contract's column of each kept cell
        self.labels: dict[str, str] = {}  # column -> the header's own text, which messages name it by
        self.dropped: list[int] = []  # cells of no column: a rejects file's error, a row number (STT)
        self.code_at = 0  # the cell of a row (as read, before fit) that holds its code
        # Money columns of the figures file whose header names a unit other than the đồng
        # (`Doanh thu (triệu đồng)`), or an income per month: how their cells are counted.
        self.units: dict[str, HeaderUnit] = {}
        self.scales: dict[int, str] = {}  # a money column in triệu or tỷ đồng (its place) -> that word
        self.header_notes: list[str] = []  # said once, before the rows' notes (a column's unit)
        self._serials_noted: set[str] = set()  # date columns where Excel's day numbers were read
        # The totals rows left out, (line, cells as read): one is checked against the rows (totals.py).
        self.totals_rows: list[tuple[int, list[str]]] = []

    # --- where a row is -----------------------------------------------------------------------

    def place(self, line: int) -> str:
        """A row as the clerk finds it, after the file's name: the line of a CSV file."""
        return str(line)

    def where(self, line: int) -> str:
        return f"{self.name}:{self.place(line)}"

    def labelled(self, problem: str) -> str:
        """A row's problem naming the column by the header's own text: `Ngày thành lập: '31/02/2019' is
        not a date` for a file whose header says so, where the parsers say `founded`. A row with several
        bad cells has each problem labelled, joined by "; "."""
        if PROBLEMS_JOINT in problem:
            return "; ".join(map(self._labelled, problem.split(PROBLEMS_JOINT)))
        return self._labelled(problem)

    def _labelled(self, problem: str) -> str:
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
            if key in REJECTS_COLUMNS or column == IGNORED:
                self.dropped.append(position)
                continue
            if column is None and key in NOTE_HEADERS and "note" not in columns:
                # The notes an office keeps beside each row ("Ghi chú"), where the contract has none.
                self.dropped.append(position)
                readable = self.workbook or i18n.current() == "vi"  # not the contract's "cooperatives.csv"
                contract = messages.LISTS[self.table] if readable else f"{self.table}.csv"
                note = messages.NOTE_COLUMN_NOT_READ.format(
                    where=self.where(line), column=text, contract=contract
                )
                self.header_notes.append(note)
                continue
            if column is None:
                if i18n.current() == "vi":  # the columns by the names a Vietnamese sheet heads them with
                    names = ", ".join(vietnamese_header(c) for c in columns if c in ALIASES)
                    problem = messages.UNKNOWN_COLUMN_HOW_TO_FIX.format(
                        contract=messages.LISTS[self.table], names=names, table=self.table
                    )
                    raise self._fail(line, f"{text or messages.EMPTY_HEADER}: {problem}")
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
            if self.table == "figures" and column in MONEY_COLUMNS:
                try:
                    counted = header_unit_of(column, unit, header_key(text) == header_key(column))
                except HtxError as e:
                    raise self._fail(line, f"{text}: {getattr(e, 'problem', e)}") from None
                if counted != HeaderUnit():
                    self.units[column] = counted
                if counted.scale:  # in triệu or tỷ đồng: said once, as the other imports say it
                    self.header_notes.append(
                        messages.HEADER_UNIT_SCALED.format(
                            where=self.where(line), column=text, word=counted.scale
                        )
                    )
            elif column in MONEY_COLUMNS and unit is not None and not unit_is_dong(unit):
                word = unit_scale(unit)
                if word is None:
                    raise self._fail(line, f"{text}: {messages.HEADER_UNIT_NOT_DONG.format(unit=unit)}")
                self.scales[len(self.header)] = word
                self.header_notes.append(
                    messages.HEADER_UNIT_SCALED.format(where=self.where(line), column=text, word=word)
                )
            if column == "code":
                self.code_at = position
            self.header.append(column)
            self.labels[column] = text
        for column, value in self.given.items():
            if column in self.labels:
                option = f"--{column}"
                raise InvalidValue(
                    option, value, messages.GIVEN_AND_IN_FILE.format(column=self.labels[column])
                )
            self.header.append(column)
            self.labels[column] = vietnamese_header(column) if i18n.current() == "vi" else column
        for name in REQUIRED[self.table]:
            if name not in self.labels:
                if self.workbook:
                    problem = messages.MISSING_COLUMN_OF_LIST.format(contract=messages.LISTS[self.table])
                else:
                    problem = messages.MISSING_COLUMN.format(table=self.table)
                shown = vietnamese_header(name) if i18n.current() == "vi" else name  # as labelled() does
                if name == "year" and self.table == "ratings":
                    problem += messages.OR_GIVE_YEAR
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
        lập biểu", "…, ngày … tháng … năm …"), with one note; a signature block without a totals
        row above it too, from its first row (one holding only a signature's words). A final totals
        row is left out whatever its code cell holds. Only a row without a code is read for a totals
        label, so the rows of data cost one look at a cell."""
        held: Read | None = None
        ended = ""  # TOTALS or SIGNATURE once seen: what follows without a code is no data
        first = True
        for read in self._batches(size):
            if first:
                read, first = self._without_column_numbers(read), False
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
            self.totals_rows.append((line, list(last)))
            held = held.keep([True] * (len(held.lines) - 1) + [False])
            held.notes = [*held.notes, note]
        yield held

    def _without_column_numbers(self, read: Read) -> Read:
        """The first batch without the row of column numbers an office puts under its header ("(1)
        (2) (3) …"), with a note: it numbers the columns, and would be refused as data."""
        if not read.lines or not is_column_numbers(read.rows[0]):
            return read
        kept = read.keep([False] + [True] * (len(read.lines) - 1))
        kept.notes = [*read.notes, messages.COLUMN_NUMBERS_SKIPPED.format(where=self.where(read.lines[0]))]
        return kept

    def _without_totals(self, read: Read, ended: str) -> tuple[Read, str]:
        code_at = self.code_at
        wanted: list[bool] = []
        notes = list(read.notes)
        trailer: list[tuple[int, str]] = []  # (line, first filled cell) of the rows after a totals row
        signed: list[tuple[int, str]] = []  # ... of the signature block, with no totals row above it
        for line, cells in read:
            code = cells[code_at] if code_at < len(cells) else ""
            if code and code.isascii() and " " not in code and (not ended or _has_digit(code)):
                # A code: every row of data comes here, at the cost of these looks (in C). A cell with
                # spaces or accents is looked at below: "Tổng cộng", "Người lập biểu", or a bad code.
                wanted.append(True)
                continue
            label = totals_label(cells) or totals_label([code])
            if label is not None:
                notes.append(messages.TOTALS_ROW_SKIPPED.format(where=self.where(line), label=label))
                self.totals_rows.append((line, list(cells)))
                ended = TOTALS
                wanted.append(False)
            elif (ended or is_signature_row(cells)) and not _looks_like_code(code):
                # The signature block, also where it is written under the code ("Người lập biểu"); where
                # no totals row ends the data, from its first row: one of a signature's words only.
                ended = ended or SIGNATURE
                skipped = trailer if ended == TOTALS else signed
                skipped.append((line, next((c.strip() for c in cells if c.strip()), "")))
                wanted.append(False)
            else:
                wanted.append(True)
        for skipped, pattern in (
            (trailer, messages.ROWS_AFTER_TOTALS_SKIPPED),
            (signed, messages.SIGNATURE_ROWS_SKIPPED),
        ):
            if skipped:
                first_line, first_text = skipped[0]
                notes.append(
                    pattern.format(where=self.where(first_line), count=len(skipped), first=first_text)
                )
        if all(wanted):
            return read, ended
        kept = read.keep(wanted)
        kept.notes = notes
        return kept, ended

    def fit(self, read: Read) -> tuple[Read, Refused]:
        """The rows cut to the header: cells of no column dropped (a rejects file's error, a row number),
        and empty cells past the last column too (Excel leaves them); a row with a value past the last
        column is refused; a row short of the last column gets its missing cells, empty. Then the
        values given on the command line (`--year`) added to every row."""
        if self.dropped:
            positions = self.dropped[::-1]
            for cells in read.rows:
                for position in positions:
                    del cells[position : position + 1]
        given = list(self.given.values())
        width = len(self.header) - len(given)  # the file's own columns
        for cells in read.rows:
            # A row that stops before the last column (Excel saves a row's empty last cells so, and
            # a CSV line may end early) has those cells empty: read exactly as if they were there.
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
        if not read.rows or max(map(len, read.rows)) <= width:
            refused: Refused = []
        else:
            for cells in read.rows:
                if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                    del cells[width:]
            wanted = [len(cells) <= width for cells in read.rows]
            refused = [
                (line, cells, messages.TOO_MANY_CELLS.format(found=len(cells), expected=width))
                for (line, cells), fits in zip(read, wanted, strict=True)
                if not fits
            ]
            if refused:
                read = read.keep(wanted)
        if given:
            for cells in read.rows:
                cells.extend(given)
        self._read_as_written(read)
        return read, refused

    def _read_as_written(self, read: Read) -> None:
        """Cells the office writes otherwise than the contract: the bare numbers of a money column in
        triệu or tỷ đồng get that word (`1,5` -> `1,5 triệu`, which parse_money scales), and the day
        numbers Excel shows a date column as when it is formatted General (`45658`) become the date."""
        rows = read.rows
        for position, word in self.scales.items():
            for cells in rows:
                if position < len(cells) and _BARE_NUMBER.fullmatch(cells[position]):
                    cells[position] = f"{cells[position].strip()} {word}"
        for position, column in enumerate(self.header):
            if column not in DATE_COLUMNS:
                continue
            if not _SERIALS.search("\n".join(cells[position] for cells in rows if position < len(cells))):
                continue
            first = None
            for line, cells in read:
                if position < len(cells) and _SERIAL.fullmatch(cells[position]):
                    day = excel_day(cells[position])
                    if first is None:
                        first = (line, cells[position], day)
                    cells[position] = day.isoformat()
            if first is not None and column not in self._serials_noted:
                self._serials_noted.add(column)
                line, serial, day = first
                note = messages.EXCEL_DAY_NUMBERS.format(
                    where=self.where(line), column=self.labels[column], serial=serial, date=format_date(day)
                )
                read.notes = [*read.notes, note]

    def rejects_writer(self, out: IO[str], to_file: bool) -> Any:
        raise NotImplementedError

    def position(self) -> int:
        """How far the input has been read, in bytes of the file (for a progress bar)."""
        return 0
