"""Contract rows as an Excel workbook: `htx export … --format xlsx`, and an import's rejects as .xlsx.

Written with XlsxWriter in constant-memory mode (each row goes to disk as it is written), so exporting a
million rows holds one row. Each cell keeps its kind, so that a clerk's Excel sorts, sums and filters it
and import reads it back exactly: numbers as numbers (an amount Excel's 15 significant digits cannot hold
exactly, as text), dates as date cells shown DD/MM/YYYY, everything else (codes first of all:
`0101234567` keeps its zero) as text, never a formula. The header row is frozen and the columns sized.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import IO, Any

from htxcli.domain.cells import unprotect_cell
from htxcli.domain.headers import DATE_COLUMNS, MONEY_COLUMNS, NUMBER_COLUMNS

EXACT_IN_EXCEL = 10**15  # Excel keeps 15 significant digits: a larger whole number is written as text
_WIDTHS = {  # characters, for the clerk's screen; a longer header widens its column
    "code": 16,
    "name": 40,
    "kind": 13,
    "district": 18,
    "commune": 18,
    "province": 18,
    "new_province": 18,
    "new_commune": 18,
    "sector": 16,
    "representative": 24,
    "phone": 14,
    "products": 30,
    "note": 30,
    "program": 18,
    "unit": 12,
    "reference": 20,
    "year": 8,
    "grade": 11,
    "score": 8,
}
_TYPED_AS_TEXT = ("code", "phone", "reference")
_OPTIONS = {
    "constant_memory": True,
    # Text is written as text whatever it looks like; these only matter to write(), never called here.
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


def _width(column: str, header: str) -> float:
    base = 12 if column in DATE_COLUMNS else 18 if column in MONEY_COLUMNS else _WIDTHS.get(column, 12)
    return max(base, len(header) + 2)


def write_xlsx(
    out: IO[bytes],
    sheet: str,
    fields: Sequence[str],
    headers: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
) -> int:
    """Rows of the contract's `fields` under `headers` as one sheet; the number of rows written."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, _OPTIONS)
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    grouped = book.add_format({"num_format": "#,##0"})
    plain = book.add_format({"num_format": "0"})
    text = book.add_format({"num_format": "@"})
    page = book.add_worksheet(sheet)
    for i, (field, header) in enumerate(zip(fields, headers, strict=True)):
        style = day if field in DATE_COLUMNS else grouped if field in NUMBER_COLUMNS else None
        if field in ("year", "score"):
            style = plain  # 2018, not 2.018
        elif field in _TYPED_AS_TEXT:
            style = text  # a code typed into the column later keeps its leading zero too
        page.set_column(i, i, _width(field, header), style)
    page.freeze_panes(1, 0)
    page.write_row(0, 0, headers, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for i, field in enumerate(fields):
            value = row.get(field)
            if value is None:
                continue
            if isinstance(value, date):
                page.write_datetime(count, i, value, day)
            elif isinstance(value, int) and not isinstance(value, bool) and abs(value) < EXACT_IN_EXCEL:
                page.write_number(count, i, value, plain if field in ("year", "score") else grouped)
            else:
                page.write_string(count, i, str(value))
    if count:
        page.autofilter(0, 0, count, len(fields) - 1)
    book.close()
    return count


class RejectsBook:
    """An import's rejects as a workbook: called with the header, gives the writer of the rows; close()
    writes the file. Called again (an import retried from the top), it starts the workbook afresh."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._book: Any = None

    def __call__(self, header: Sequence[str], fields: Sequence[str] = ()) -> _RejectRows:
        """The rejects sheet ("Dòng lỗi" in Vietnamese) under `header`, whose first columns are the
        contract's `fields` (the rest, the error, is text)."""
        import xlsxwriter

        from htxcli.domain import messages

        if self._book is not None:  # a retry: what the first attempt wrote is dropped
            self.out.seek(0)
            self.out.truncate()
        self._book = xlsxwriter.Workbook(self.out, _OPTIONS)
        page = self._book.add_worksheet(str(messages.REJECTS_SHEET))
        for i, text in enumerate(header):
            page.set_column(i, i, max(14, len(text) + 2))
        # The error column last, wide and wrapped: the clerk reads it whole beside the row to correct.
        page.set_column(len(header) - 1, len(header) - 1, 70, self._book.add_format({"text_wrap": True}))
        page.freeze_panes(1, 0)
        page.write_row(0, 0, header, self._book.add_format({"bold": True}))
        day = self._book.add_format({"num_format": "dd/mm/yyyy"})
        return _RejectRows(page, [i for i, f in enumerate(fields) if f in DATE_COLUMNS], day)

    def close(self) -> None:
        if self._book is not None:
            self._book.close()


class _RejectRows:
    def __init__(self, page: Any, dates: Sequence[int] = (), day: Any = None) -> None:
        self.page = page
        self.row = 0
        self.dates = frozenset(dates)
        self.day = day

    def writerow(self, cells: Sequence[str], /) -> None:
        """The cells as read, as text (a CSV file's formula guard removed: a text cell needs none); a
        date as a date cell, as the clerk's sheet had it."""
        self.row += 1
        for i, cell in enumerate(cells):
            if not cell:
                continue
            if i in self.dates:
                try:
                    day = date.fromisoformat(cell.strip())
                except ValueError:
                    pass
                else:
                    self.page.write_datetime(self.row, i, day, self.day)
                    continue
            self.page.write_string(self.row, i, unprotect_cell(cell))
