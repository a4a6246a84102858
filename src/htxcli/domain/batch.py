"""Parsing a batch of CSV rows column by column, with the same results as the row parsers.

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from htxcli.domain.cells import unprotect_cell, unprotect_column
from htxcli.domain.errors import HtxError, InvalidValue, InvalidValues, Problems
from htxcli.domain.records import (
    CODE_LIMIT,
    CODE_SYMBOLS,
    DEFAULT_AMOUNT,
    DEFAULT_KIND,
    DEFAULT_QUANTITY,
    NUMBER_LIKE_CODES,
    PLAUSIBLE_CAPITAL,
    REFERENCE_LIMIT,
    organisation_doubts,
    parse_code,
    parse_organisation,
    parse_rating,
    parse_rating_year,
    parse_support,
    phone_lost_its_zero,
    support_doubts,
)
from htxcli.domain.text import has_control_characters
from htxcli.domain.values import (
    PLAIN_COUNT_DIGITS,
    PLAIN_MONEY_DIGITS,
    TEXT_LIMIT,
    parse_count,
    parse_money,
    parse_past_date,
    parse_text,
)
from htxcli.domain.vocab import KINDS, PROGRAMS, SECTORS, implied_sector

Bad = set[int]  # positions of the cells (so rows) the fast checks could not vouch for

# The fast checks, made from the parsers' own limits so that a rule changed there applies here too
# (tests/test_batch.py drives both with the values either side of each limit).
# A code that parse_code returns unchanged: ASCII letters and digits, then its symbols, CODE_LIMIT long.
_PLAIN_CODE = f"[A-Za-z0-9][A-Za-z0-9_{re.escape(CODE_SYMBOLS)}]{{0,{CODE_LIMIT - 1}}}"
_PLAIN_CODES = re.compile(f"(?:{_PLAIN_CODE}\n)*")
_PLAIN_CODES_OR_BLANK = re.compile(f"(?:(?:{_PLAIN_CODE})?\n)*")
# What parse_money and parse_count return as int(cell): digits too few to pass their maximum.
_PLAIN_AMOUNTS = re.compile(f"(?:[0-9]{{1,{PLAIN_MONEY_DIGITS}}}\n)*")
_PLAIN_COUNTS = re.compile(f"(?:[0-9]{{1,{PLAIN_COUNT_DIGITS}}}\n)*")
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


def _optional(parse: Callable[[str, str], Any], field: str, empty: Any) -> Callable[[str], Any]:
    return lambda value: empty if _blank(value) else parse(field, value)


def _required(parse: Callable[[str, str], Any], field: str) -> Callable[[str], Any]:
    def run(value: str) -> Any:
        if _blank(value):
            raise HtxError(field)  # the row parser names it properly
        return parse(field, value)

    return run


def _kind(value: str) -> str:
    return KINDS.parse(value) if value.strip() else DEFAULT_KIND


def _sector(value: str) -> str | None:
    return SECTORS.parse(value) if value.strip() else None


def _program(_field: str, value: str) -> str:
    return PROGRAMS.parse(value)


Handler = Callable[[Sequence[str], Bad], list[Any]]

_ORGANISATION_COLUMNS: dict[str, Handler] = {
    "code": codes,
    "name": lambda c, bad: texts("name", c, bad, required=True),
    "kind": lambda c, bad: by_value(_kind, c, bad),
    "district": lambda c, bad: texts("district", c, bad),
    "commune": lambda c, bad: texts("commune", c, bad),
    "sector": lambda c, bad: by_value(_sector, c, bad),
    "founded": lambda c, bad: dates(_required(parse_past_date, "founded"), c, bad),  # see parse_organisations
    "dissolved": lambda c, bad: by_value(_optional(parse_past_date, "dissolved", None), c, bad),
    "members": lambda c, bad: numbers(_optional(parse_count, "members", None), c, bad, _PLAIN_COUNTS),
    "capital_vnd": lambda c, bad: numbers(_optional(parse_money, "capital_vnd", None), c, bad),
    "representative": lambda c, bad: texts("representative", c, bad),
    "phone": lambda c, bad: texts("phone", c, bad),
    "products": lambda c, bad: texts("products", c, bad),
    "province": lambda c, bad: texts("province", c, bad),
    "new_address_from": lambda c, bad: by_value(_optional(parse_past_date, "new_address_from", None), c, bad),
    "new_province": lambda c, bad: texts("new_province", c, bad),
    "new_commune": lambda c, bad: texts("new_commune", c, bad),
}


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[list[int], list[Sequence[str]]]:
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


def _assemble(
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


def parse_organisations(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """parse_organisation for each row, for the file's columns (a file without `kind` keeps the stored
    kind of an organisation it updates, so the column is not made up here)."""
    header, rows = _with_implied_sector(header, rows)
    whole, columns = _columns(header, rows)
    bad: Bad = set()
    as_text: list[Sequence[str]] = []
    handlers: dict[str, Handler] = {
        **_ORGANISATION_COLUMNS,
        "founded": lambda c, bad: dates(_required(parse_past_date, "founded"), c, bad, as_text),
    }
    parsed = [handlers[name](column, bad) for name, column in zip(header, columns, strict=True)]
    if "dissolved" in header and "founded" in header:  # with one of them, the loader checks both
        founded, dissolved = parsed[header.index("founded")], parsed[header.index("dissolved")]
        for j, (start, end) in enumerate(zip(founded, dissolved, strict=True)):
            if end is not None and start is not None and end < start:
                bad.add(j)  # check_life's message comes from the row parser
    if "kind" in header:  # "HTX nông nghiệp": its row gets the sector from the row parser
        kinds = columns[header.index("kind")]
        bad.update(j for j, kind in enumerate(kinds) if kind and implied_sector(kind) is not None)
    iso = {"founded": as_text[0]} if as_text else None
    parse_row: RowParser = parse_organisation
    if not {"name", "founded"} <= set(header):  # changes to stored organisations (the loader checks)
        parse_row = _parse_changes
    return _assemble(tuple(header), header, rows, whole, parsed, bad, parse_row, iso)


def _with_implied_sector(
    header: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[Sequence[str], Sequence[Sequence[str]]]:
    """A file without a sector column whose kinds say the sector ("HTX nông nghiệp"): the column
    added, empty, for the row parser to fill (parse_organisation)."""
    if "kind" not in header or "sector" in header:
        return header, rows
    at = header.index("kind")
    if not any(at < len(row) and implied_sector(row[at]) for row in rows):
        return header, rows
    width = len(header)
    return [*header, "sector"], [[*row, ""] if len(row) == width else row for row in rows]


def _parse_changes(raw: Mapping[str, str | None]) -> dict[str, Any]:
    return parse_organisation(raw, partial=True)


def _present(header: Sequence[str], columns: Sequence[Sequence[str]], name: str, rows: int) -> Sequence[str]:
    return columns[header.index(name)] if name in header else [""] * rows


_REFUSED = (None, None)  # the grade and score of a pair parse_rating refuses (the row is bad)
RATING_VALUES = ("code", "year", "grade", "score", "note")


def parse_ratings(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """Values {code, year, grade, score, note} of each row, as the ratings importer reads them."""
    whole, columns = _columns(header, rows)
    n = len(whole)
    bad: Bad = set()
    code = codes(_present(header, columns, "code", n), bad)
    year = by_value(parse_rating_year, _present(header, columns, "year", n), bad)
    pairs = list(
        zip(_present(header, columns, "grade", n), _present(header, columns, "score", n), strict=True)
    )
    seen: dict[tuple[str, str], tuple[Any, Any]] = {}
    for pair in set(pairs):
        try:
            values = parse_rating(pair[0], pair[1], None)
            seen[pair] = values["grade"], values["score"]
        except HtxError:
            seen[pair] = _REFUSED
    graded = list(map(seen.__getitem__, pairs))
    if _REFUSED in seen.values():
        bad.update(j for j, g in enumerate(graded) if g is _REFUSED)
    grade = list(map(itemgetter(0), graded))
    score = list(map(itemgetter(1), graded))
    note = texts("note", _present(header, columns, "note", n), bad)
    return _assemble(RATING_VALUES, header, rows, whole, [code, year, grade, score, note], bad, rating_values)


def rating_values(raw: Mapping[str, str | None]) -> dict[str, Any]:
    """One ratings row, read on its own: code, year, and grade or score; every bad cell named at once."""
    problems = Problems()
    code = problems.take(parse_code, raw.get("code"))
    year = problems.take(parse_rating_year, raw.get("year") or "")
    rating = problems.take(parse_rating, raw.get("grade"), raw.get("score"), raw.get("note"))
    problems.check()
    assert rating is not None
    return {"code": code, "year": year, **rating}


SUPPORT_VALUES = ("code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note")


def parse_supports(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """parse_support for each row."""
    whole, columns = _columns(header, rows)
    n = len(whole)
    bad: Bad = set()

    def column(name: str) -> Sequence[str]:
        return _present(header, columns, name, n)

    as_text: list[Sequence[str]] = []
    parsed = [
        codes(column("code"), bad, blank_allowed=True),
        by_value(_required(_program, "program"), column("program"), bad),
        dates(_required(parse_past_date, "date"), column("date"), bad, as_text),
        numbers(_optional(parse_money, "amount_vnd", DEFAULT_AMOUNT), column("amount_vnd"), bad),
        numbers(_optional(parse_count, "quantity", DEFAULT_QUANTITY), column("quantity"), bad, _PLAIN_COUNTS),
        texts("unit", column("unit"), bad),
        texts("reference", column("reference"), bad, limit=REFERENCE_LIMIT),
        texts("note", column("note"), bad),
    ]
    iso = {"date": as_text[0]} if as_text else None
    return _assemble(SUPPORT_VALUES, header, rows, whole, parsed, bad, parse_support, iso)


Doubts = list[tuple[int, InvalidValue]]  # rows of a parsed batch (positions in its index) and a warning


def organisation_doubts_in(parsed: ParsedBatch) -> Doubts:
    """organisation_doubts of each row of a parsed batch, looking at the few rows its capital column
    points to (a row-by-row look cost seconds in a million-row import)."""
    suspects: set[int] = set()
    if "capital_vnd" in parsed.fields:
        capital = parsed.column("capital_vnd")
        suspects.update(j for j, c in enumerate(capital) if type(c) is int and c > PLAUSIBLE_CAPITAL)
    if "phone" in parsed.fields:
        phones = parsed.column("phone")
        joined = "\n".join(p if type(p) is str else "" for p in phones)
        if _PHONE_AS_NUMBER.search(joined):  # in C: most batches stop here
            suspects.update(j for j, p in enumerate(phones) if type(p) is str and phone_lost_its_zero(p))
    return [(j, doubt) for j in sorted(suspects) for doubt in organisation_doubts(parsed.row(j))]


_PHONE_AS_NUMBER = re.compile(r"^(?:[1-9]\d*|0)$", re.MULTILINE)


def support_doubts_in(parsed: ParsedBatch) -> Doubts:
    """support_doubts of each row of a parsed batch, looking at its credit rows of 0 đồng only."""
    program, amount = parsed.column("program"), parsed.column("amount_vnd")
    if "credit" not in program or DEFAULT_AMOUNT not in amount:  # in C: most batches stop here
        return []
    credits = enumerate(zip(program, amount, strict=True))
    suspects = [j for j, (p, a) in credits if p == "credit" and a == DEFAULT_AMOUNT]
    return [(j, doubt) for j in suspects for doubt in support_doubts(parsed.row(j))]
