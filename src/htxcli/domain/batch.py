"""Parsing a batch of CSV rows column by column, with the same results as the row parsers: the column
checks and the batch they make, shared by the parsers of each file (batch_organisations.py,
batch_ratings.py, batch_support.py, figures.py).

An import spends most of its Python time on cells, and most columns repeat a few values (kinds, dates,
grades, amounts) or are plain NFC text without control characters. So each column is checked as a whole
where one C-level call can decide (is the joined column NFC? does it hold a control character?), and a
column of repeated values is parsed once per distinct value. A cell the fast checks cannot vouch for is
marked SLOW, and its row goes through the row parser in records.py, which gives the same values and the
exact error message. tests/test_batch.py checks, on generated rows, that both ways agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from htxcli.domain.cells import unprotect_cell, unprotect_column
from htxcli.domain.errors import HtxError, InvalidValue, InvalidValues
from htxcli.domain.records import (
    CODE_LIMIT,
    CODE_SYMBOLS,
    NUMBER_LIKE_CODES,
)
from htxcli.domain.text import has_control_characters
from htxcli.domain.values import (
    PLAIN_COUNT_DIGITS,
    PLAIN_MONEY_DIGITS,
    TEXT_LIMIT,
    parse_text,
)

Bad = set[int]  # positions of the cells (so rows) the fast checks could not vouch for

# The fast checks, made from the parsers' own limits so that a rule changed there applies here too
# (tests/test_batch.py drives both with the values either side of each limit).
# A code that parse_code returns unchanged: ASCII letters and digits, then its symbols, CODE_LIMIT long.
_PLAIN_CODE = f"[A-Za-z0-9][A-Za-z0-9_{re.escape(CODE_SYMBOLS)}]{{0,{CODE_LIMIT - 1}}}"
_PLAIN_CODES = re.compile(f"(?:{_PLAIN_CODE}\n)*")
_PLAIN_CODES_OR_BLANK = re.compile(f"(?:(?:{_PLAIN_CODE})?\n)*")
# What parse_money and parse_count return as int(cell): digits too few to pass their maximum.
_PLAIN_AMOUNTS = re.compile(f"(?:[0-9]{{1,{PLAIN_MONEY_DIGITS}}}\n)*")
PLAIN_COUNTS = re.compile(f"(?:[0-9]{{1,{PLAIN_COUNT_DIGITS}}}\n)*")
_ISO_DATES = re.compile("(?:[0-9]{4}-[0-9]{2}-[0-9]{2}\n)*")


def _whole_column(pattern: re.Pattern[str], column: Sequence[str]) -> bool:
    return pattern.fullmatch("\n".join(column) + "\n" if column else "") is not None


def numbers(
    parse: Callable[[str], Any], column: Sequence[str], bad: Bad, plain: re.Pattern[str] = _PLAIN_AMOUNTS
) -> list[Any]:
    """A column of plain digits (as `plain` allows) is int() of each cell, in one pass; others go
    by_value(parse)."""
    if _whole_column(plain, column):
        return list(map(int, column))
    return by_value(parse, column, bad)


def dates(
    parse: Callable[[str], Any], column: Sequence[str], bad: Bad, as_text: list[Sequence[str]] | None = None
) -> list[Any]:
    """A column of YYYY-MM-DD dates is date.fromisoformat of each cell (and, appended to `as_text`,
    already the text a date is stored as); others go by_value(parse). A date later than today is bad,
    as parse_past_date says."""
    if _whole_column(_ISO_DATES, column):
        try:
            values = list(map(date.fromisoformat, column))
        except ValueError:  # 2018-02-30
            pass
        else:
            today = date.today()
            if values and max(values) > today:
                bad.update(i for i, day in enumerate(values) if day > today)
            if as_text is not None:
                as_text.append(column)
            return values
    return by_value(parse, column, bad)


def _blank(value: str) -> bool:
    return not value.strip()


def by_value(parse: Callable[[str], Any], column: Sequence[str], bad: Bad) -> list[Any]:
    """Parse each distinct value once; the cells of a value the parser refuses are bad."""
    seen: dict[str, Any] = {}
    refused = set()
    for value in set(column):
        try:
            seen[value] = parse(value)
        except HtxError:
            seen[value] = None
            refused.add(value)
    if refused:
        bad.update(i for i, cell in enumerate(column) if cell in refused)
    return list(map(seen.__getitem__, column))


def texts(
    field: str, column: Sequence[str], bad: Bad, *, required: bool = False, limit: int = TEXT_LIMIT
) -> list[str | None]:
    """parse_text for a column: when the whole column is NFC without control characters, that is strip()."""
    joined = "\n".join(column)
    if not joined.strip():  # an empty column, as optional ones often are
        if required:
            bad.update(range(len(column)))
        return [None] * len(column)
    if not has_control_characters(joined) and (joined.isascii() or unicodedata.is_normalized("NFC", joined)):
        out = [cell.strip() or None for cell in column]
        if (required and None in out) or max(map(len, column), default=0) > limit:
            bad.update(
                i for i, cell in enumerate(column) if (required and out[i] is None) or len(cell) > limit
            )
        return out
    out = []
    for i, cell in enumerate(column):
        try:
            out.append(parse_text(field, cell, required=required, limit=limit))
        except HtxError:
            out.append(None)
            bad.add(i)
    return out


def _maybe_numbers(column: Sequence[str]) -> bool:
    """Whether a column of plain codes may hold a number a spreadsheet wrote (in C: the regex that
    decides costs ten times more, so most batches skip it)."""
    joined = "\n".join(column)
    return ".0" in joined or "e" in joined or "E" in joined


def codes(column: Sequence[str], bad: Bad, *, blank_allowed: bool = False) -> list[str | None]:
    """Plain ASCII codes pass as they are (checked with one match over the column); a blank cell is
    None where allowed; any other cell is bad."""
    if not _whole_column(_PLAIN_CODES_OR_BLANK if blank_allowed else _PLAIN_CODES, column):
        one = re.compile(_PLAIN_CODE).fullmatch
        bad.update(i for i, cell in enumerate(column) if not (one(cell) or (blank_allowed and cell == "")))
    elif _maybe_numbers(column) and NUMBER_LIKE_CODES.search("\n".join(column)):
        # 4700257731.0, 4.7E09: parse_code says what each is
        number = NUMBER_LIKE_CODES.fullmatch
        bad.update(i for i, cell in enumerate(column) if number(cell))
    return [cell or None for cell in column] if blank_allowed else list(column)


def optional(parse: Callable[[str, str], Any], field: str, empty: Any) -> Callable[[str], Any]:
    return lambda value: empty if _blank(value) else parse(field, value)


def required(parse: Callable[[str, str], Any], field: str) -> Callable[[str], Any]:
    def run(value: str) -> Any:
        if _blank(value):
            raise HtxError(field)  # the row parser names it properly
        return parse(field, value)

    return run


Handler = Callable[[Sequence[str], Bad], list[Any]]


def cut_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[list[int], list[Sequence[str]]]:
    """The rows with a cell for every column (others go to the row parser), and their columns."""
    width = len(header)
    whole = [i for i, row in enumerate(rows) if len(row) == width]
    if not whole:
        return whole, [[] for _ in header]
    if len(whole) == len(rows):
        return whole, [unprotect_column(column) for column in zip(*rows, strict=True)]
    return whole, [unprotect_column(column) for column in zip(*(rows[i] for i in whole), strict=True)]


# Between the problems of one row, in the message an import's error travels as (rowsource.labelled
# names each problem's column by the file's header, then joins them with "; ").
PROBLEMS_JOINT = "\x1e"

RowParser = Callable[[dict[str, str]], dict[str, Any]]


class _Absent:
    """A column a short row does not reach: an update keeps the stored value. Compared by identity:
    a batch that crosses to another process must arrive holding this very object (services/wire.py)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass
class ParsedBatch:
    """A batch parsed column by column: for each field, the values of the rows that parsed (in file
    order), which rows those are, and the error of each row that did not."""

    fields: tuple[str, ...]
    index: list[int]  # positions, in the batch, of the rows that parsed
    columns: list[list[Any]]  # one list per field, aligned with index
    errors: list[tuple[int, HtxError]] = field(default_factory=list)
    complete: bool = True  # False when some row lacks a column (ABSENT cells)
    # Date columns whose every cell was already ISO text, as that text: SQLite stores dates so, and
    # binding the text skips converting a million dates back (only set when every row parsed fast);
    # such a column also crosses to another process as its text only (services/wire.py).
    iso: dict[str, Sequence[str]] = field(default_factory=dict)
    # Filled by the importer where the rows are read: the columns of a bulk insert, ready to send.
    planned: list[Sequence[Any]] | None = None

    def column(self, name: str) -> list[Any]:
        return self.columns[self.fields.index(name)]

    def row(self, j: int) -> dict[str, Any]:
        """The j-th parsed row as a dict, without the columns it does not reach."""
        return {f: c[j] for f, c in zip(self.fields, self.columns, strict=True) if c[j] is not ABSENT}

    def results(self, size: int) -> list[dict[str, Any] | HtxError]:
        """Each row of the batch as its values or its error (what a row parser would give)."""
        out: list[dict[str, Any] | HtxError | None] = [None] * size
        for j, i in enumerate(self.index):
            out[i] = self.row(j)
        for i, e in self.errors:
            out[i] = e
        return [r for r in out if r is not None]


def assemble(
    fields: tuple[str, ...],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    whole: list[int],
    parsed: list[list[Any]],
    bad: Bad,
    parse_row: RowParser,
    iso: dict[str, Sequence[str]] | None = None,
) -> ParsedBatch:
    """The column results, with the rows the fast checks left undecided parsed one by one, in order."""
    if not bad and len(whole) == len(rows):
        return ParsedBatch(fields, whole, parsed, iso=iso or {})
    at = {i: j for j, i in enumerate(whole) if j not in bad}
    batch = ParsedBatch(fields, [], [[] for _ in fields])
    for i, row in enumerate(rows):
        j = at.get(i)
        if j is not None:
            for column, source in zip(batch.columns, parsed, strict=True):
                column.append(source[j])
        else:
            result = _parse_row(header, row, parse_row)
            if isinstance(result, HtxError):
                batch.errors.append((i, result))
                continue
            for column, name in zip(batch.columns, fields, strict=True):
                column.append(result.get(name, ABSENT))
            batch.complete = batch.complete and all(name in result for name in fields)
        batch.index.append(i)
    return batch


def _parse_row(header: Sequence[str], row: Sequence[str], parse_row: RowParser) -> dict[str, Any] | HtxError:
    # A row shorter than the header lacks its last columns (an update keeps their stored values).
    raw = {column: unprotect_cell(cell) for column, cell in zip(header, row, strict=False)}
    try:
        return parse_row(raw)
    except InvalidValues as e:  # each problem kept apart, for the file's own column names (rowsource)
        return HtxError(PROBLEMS_JOINT.join(map(str, e.errors)))
    except HtxError as e:
        return e


def present(header: Sequence[str], columns: Sequence[Sequence[str]], name: str, rows: int) -> Sequence[str]:
    return columns[header.index(name)] if name in header else [""] * rows


Doubts = list[tuple[int, InvalidValue]]  # rows of a parsed batch (positions in its index) and a warning
