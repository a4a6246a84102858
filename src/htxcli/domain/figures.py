"""What an organisation achieved in a year: members, workers, money, income, OCOP products and two flags.

Each cooperative reports these once a year (Law on Cooperatives 2023, Circular 09/2024). Every field is
optional, and *not reported* (None) is never zero: parsers give None for a blank cell and an error for
anything else they cannot read. Money is whole đồng; the average income of a regular worker is stored per
year, whatever period it was typed in (`5,5 triệu/tháng` is 66.000.000 a year); a pre-tax profit may be a
loss (negative). Flags are yes, no or not reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from htxcli.domain import messages
from htxcli.domain.batch import (
    Bad,
    Doubts,
    ParsedBatch,
    assemble,
    by_value,
    codes,
    cut_columns,
    texts,
)
from htxcli.domain.errors import InvalidValue, Problems
from htxcli.domain.records import PLAUSIBLE_CAPITAL, parse_code, parse_rating_year
from htxcli.domain.text import fold
from htxcli.domain.values import (
    PLAIN_COUNT_DIGITS,
    PLAIN_MONEY_DIGITS,
    format_count,
    format_money,
    parse_count,
    parse_money,
    parse_text,
)

COUNT_FIGURES = (
    "members",
    "associate_members",
    "new_members",
    "workers",
    "member_workers",
    "seasonal_workers",
)
MONEY_FIGURES = ("capital_vnd", "assets_vnd", "revenue_vnd", "profit_vnd", "tax_vnd", "income_vnd_per_year")
OCOP_FIGURES = ("ocop_3", "ocop_4", "ocop_5")
FLAG_FIGURES = ("high_tech", "value_chain")
# The stored values of a year, in the contract's order; `note` is no figure (a row with a note alone
# reports nothing).
VALUE_FIELDS = (*COUNT_FIGURES, *MONEY_FIGURES, *OCOP_FIGURES, *FLAG_FIGURES, "note")
FIGURE_FIELDS = ("code", "year", *VALUE_FIELDS)  # the interchange contract, in its order
REPORTED = VALUE_FIELDS[:-1]  # what makes an organisation one that reported for the year
NUMBERS = (*COUNT_FIGURES, *MONEY_FIGURES, *OCOP_FIGURES)  # summed and averaged by the report
WHOLE_NUMBERS = frozenset((*COUNT_FIGURES, *OCOP_FIGURES))
SIGNED = frozenset({"profit_vnd"})  # a loss is a negative profit

# --- values ---------------------------------------------------------------------------------------

_YES = frozenset({"yes", "y", "co", "c", "true", "x", "1"})
_NO = frozenset({"no", "n", "khong", "k", "false", "0"})


def parse_flag(field: str, value: str | bool | None) -> bool | None:
    """yes / no (có / không, c / k, y / n); blank is not reported."""
    if value is None or isinstance(value, bool):
        return value
    folded = fold(value).strip()
    if not folded:
        return None
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise InvalidValue(field, value, messages.NOT_A_FLAG)


def format_flag(value: bool | None) -> str:
    """What CSV and JSON say: yes, no, or nothing."""
    return "" if value is None else "yes" if value else "no"


def flags_as_words(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the figures file with its flags as the CSV contract writes them."""
    for field in FLAG_FIGURES:
        if field in row:
            row[field] = format_flag(row[field])
    return row


def parse_amount(field: str, value: str | int, scale: str = "") -> int:
    """Whole đồng (a profit may be negative: `-50 triệu`); `scale` is a header's unit word (`triệu`)
    that a bare number in its column is counted in."""
    if isinstance(value, int):
        if value < 0 and field not in SIGNED:
            return parse_money(field, value)  # its message
        return value
    text = value.strip()
    negative = field in SIGNED and text[:1] in ("-", "\u2212")
    if negative:
        text = text[1:].strip()
    try:
        amount = parse_money(field, f"{text} {scale}" if scale and text else text)
    except InvalidValue:
        if scale:  # named as typed, not with the header's unit appended
            raise InvalidValue(field, value, messages.NOT_MONEY_IN_UNIT.format(unit=scale)) from None
        raise InvalidValue(field, value, _problem(field, text)) from None
    return -amount if negative else amount


def _problem(field: str, text: str) -> str:
    try:
        parse_money(field, text)
    except InvalidValue as e:
        return e.problem
    return messages.NOT_MONEY  # pragma: no cover - parse_amount only asks after a refusal


_PER = re.compile(
    r"^(?P<amount>.*?)\s*(?:/\s*(?:người|nguoi|ng)\.?\s*)?"
    r"(?:/\s*|\bper\s+|\ba\s+|\bmỗi\s+|\bmoi\s+)(?P<period>tháng|thang|năm|nam|month|year)\s*\.?$",
    re.IGNORECASE,
)
_MONTHS = {"tháng": 12, "thang": 12, "month": 12, "năm": 1, "nam": 1, "year": 1}


def has_period(value: str) -> bool:
    """Whether an income says its period (per month or per year)."""
    return _PER.match(value.strip()) is not None


def parse_income(field: str, value: str) -> int:
    """An average income as typed, per month or per year (`5,5 triệu/tháng`, `64 triệu/năm`,
    `66000000 per year`), as đồng a year. A bare amount could be either: refused."""
    found = _PER.match(value.strip())
    if found is None:
        if value.strip():
            raise InvalidValue(field, value, messages.INCOME_NEEDS_PERIOD)
        raise InvalidValue(field, value, messages.NOT_MONEY)
    amount = parse_amount(field, found["amount"])
    return amount * _MONTHS[found["period"].lower()]


# --- a header's unit: `Doanh thu (triệu đồng)`, `Thu nhập bình quân (đồng/người/tháng)` ------------


@dataclass(frozen=True)
class HeaderUnit:
    """How a money column's cells are counted: in `scale` (`triệu`; "" for đồng), per `months`."""

    scale: str = ""
    months: int = 1


_SCALE_WORDS = {
    "": "",
    "nghin": "nghìn",
    "ngan": "nghìn",
    "trieu": "triệu",
    "tr": "triệu",
    "ty": "tỷ",
    "ti": "tỷ",
}
_CURRENCY_WORDS = ("dong", "vnd", "d", "₫")
_NOT_UNITS = frozenset({"truoc thue"})  # `Lợi nhuận (trước thuế)` names the figure, not a unit
_PERIOD_WORDS = {"thang": 12, "month": 12, "nam": 1, "year": 1}
_PEOPLE_WORDS = frozenset({"nguoi", "lao dong", "ld", "nguoi lao dong"})


def header_unit_of(column: str, unit: str | None, named_by_contract: bool) -> HeaderUnit:
    """The unit of a money column of the figures file, from its header's trailing parentheses: the
    amount's scale and, for the income, its period. The contract's own `income_vnd_per_year` says
    per year; a Vietnamese income header must say which. Raises InvalidValue for a unit it cannot read."""
    folded = " ".join(fold(unit or "").replace(".", " ").split())
    if folded in _NOT_UNITS:
        folded = ""
    parts = [" ".join(p.split()) for p in folded.split("/")] if folded else []
    amount = parts[0] if parts else ""
    words = amount.split()
    if words and words[-1] in _CURRENCY_WORDS:
        words = words[:-1]
    scale_key = " ".join(words)
    if scale_key not in _SCALE_WORDS:
        raise InvalidValue(column, unit, messages.HEADER_UNIT_UNKNOWN.format(unit=unit))
    months = 1
    periods = [_PERIOD_WORDS[p] for p in parts[1:] if p in _PERIOD_WORDS]
    if any(p not in _PERIOD_WORDS and p not in _PEOPLE_WORDS for p in parts[1:]):
        raise InvalidValue(column, unit, messages.HEADER_UNIT_UNKNOWN.format(unit=unit))
    if column == "income_vnd_per_year":
        if not periods and not named_by_contract:
            raise InvalidValue(column, unit or "", messages.INCOME_HEADER_NEEDS_PERIOD)
        months = periods[-1] if periods else 1
    return HeaderUnit(_SCALE_WORDS[scale_key], months)


Units = Mapping[str, HeaderUnit]


def value_parser(field: str, unit: HeaderUnit | None = None) -> Callable[[str], Any]:
    """The parser of one column's cells (blank: not reported)."""
    if field in WHOLE_NUMBERS:
        return lambda text: parse_count(field, text) if text.strip() else None
    if field in FLAG_FIGURES:
        return lambda text: parse_flag(field, text)
    scale, months = (unit.scale, unit.months) if unit is not None else ("", 1)
    return lambda text: parse_amount(field, text, scale) * months if text.strip() else None


# --- whole rows ---------------------------------------------------------------------------------


def parse_figure_values(raw: Mapping[str, str | None], units: Units | None = None) -> dict[str, Any]:
    """The clean values of the fields present in `raw` (as text), blank ones None."""
    out: dict[str, Any] = {}
    for field, value in raw.items():
        if field == "note":
            out["note"] = parse_text("note", value)
        elif field in VALUE_FIELDS:
            out[field] = value_parser(field, (units or {}).get(field))(value or "")
        else:
            raise InvalidValue("field", field, messages.NOT_A_FIGURES_FIELD)
    return out


def figure_row(raw: Mapping[str, str | None], units: Units | None = None) -> dict[str, Any]:
    """One row of a figures file: code, year, and the figures it gives."""
    problems = Problems()
    code = problems.take(parse_code, raw.get("code"))
    year = problems.take(parse_rating_year, raw.get("year") or "")
    values: dict[str, Any] = {}
    for field, value in raw.items():
        if field not in ("code", "year"):
            # Every bad cell of the row is said at once, as the other imports do.
            values.update(problems.take(parse_figure_values, {field: value}, units) or {})
    problems.check()
    return {"code": code, "year": year, **values}


# --- a batch of rows, column by column (as batch.py does for the other files) ----------------------

_PLAIN_COUNTS_OR_BLANK = re.compile(f"(?:[0-9]{{0,{PLAIN_COUNT_DIGITS}}}\n)*")
_PLAIN_AMOUNTS_OR_BLANK = re.compile(f"(?:[0-9]{{0,{PLAIN_MONEY_DIGITS}}}\n)*")


def _optional_numbers(
    column: Sequence[str], parse: Callable[[str], Any], plain: re.Pattern[str], bad: Bad
) -> list[Any]:
    """Plain digits or blank cells, checked with one match over the column: int() or None; anything
    else by_value(parse)."""
    joined = "\n".join(column)
    if plain.fullmatch(joined + "\n" if column else ""):
        return [int(cell) if cell else None for cell in column]
    return by_value(parse, column, bad)


def parse_figure_batch(
    header: Sequence[str], rows: Sequence[Sequence[str]], units: Units | None = None
) -> ParsedBatch:
    """figure_row for each row, for the file's columns (a column the file lacks keeps the stored values
    of an organisation's year it updates). A name beside the code ("Tên HTX") is no figure: it is left
    out here, and the import only compares it with the registered name."""
    if "name" in header:
        kept = [i for i, column in enumerate(header) if column != "name"]
        header = [header[i] for i in kept]
        rows = [[row[i] for i in kept if i < len(row)] for row in rows]
    whole, columns = cut_columns(header, rows)
    bad: Bad = set()
    units = units or {}
    parsed: list[list[Any]] = []
    for name, column in zip(header, columns, strict=True):
        if name == "code":
            parsed.append(codes(column, bad))
        elif name == "year":
            parsed.append(by_value(parse_rating_year, column, bad))
        elif name == "note":
            parsed.append(texts("note", column, bad))
        elif name in FLAG_FIGURES:
            parsed.append(by_value(value_parser(name), column, bad))
        elif name in units:
            parsed.append(by_value(value_parser(name, units[name]), column, bad))
        else:
            plain = _PLAIN_COUNTS_OR_BLANK if name in WHOLE_NUMBERS else _PLAIN_AMOUNTS_OR_BLANK
            parsed.append(_optional_numbers(column, value_parser(name), plain, bad))

    def parse_row(raw: dict[str, str]) -> dict[str, Any]:
        return figure_row(raw, units)

    return assemble(tuple(header), header, rows, whole, parsed, bad, parse_row)


# --- slips: recorded with a warning -----------------------------------------------------------------

# 100.000 tỷ đồng of revenue: more than any cooperative's; above it, a digit typed too many.
PLAUSIBLE_REVENUE = PLAUSIBLE_CAPITAL
INCOME_MAX_PER_YEAR = 12 * 100 * 10**6  # over 100 triệu a month: a per-year figure typed per month?
INCOME_MIN_PER_YEAR = 10**6  # under 1 triệu a year: a per-month figure in thousands?
TENFOLD = 10  # a figure this many times the previous year's or more, or this many times less
COMPARED = (*COUNT_FIGURES, *MONEY_FIGURES, *OCOP_FIGURES)


def _shown(field: str, value: int) -> str:
    return format_money(value) if field in MONEY_FIGURES else format_count(value)


def figure_doubts(values: Mapping[Any, Any], previous: Mapping[Any, Any] | None = None) -> list[InvalidValue]:
    """What looks like a slip in a year's figures (the whole row as stored), yet is recorded with a
    warning; `previous` is the organisation's row for the year before, if any."""
    found: list[InvalidValue] = []
    revenue, profit = values.get("revenue_vnd"), values.get("profit_vnd")
    if revenue is not None and profit is not None and profit > revenue:
        problem = messages.PROFIT_OVER_REVENUE.format(revenue=format_money(revenue))
        found.append(InvalidValue("profit_vnd", format_money(profit), problem))
    income = values.get("income_vnd_per_year")
    if income is not None and income > INCOME_MAX_PER_YEAR:
        found.append(InvalidValue("income_vnd_per_year", format_money(income), messages.INCOME_TOO_HIGH))
    elif income is not None and income < INCOME_MIN_PER_YEAR:
        found.append(InvalidValue("income_vnd_per_year", format_money(income), messages.INCOME_TOO_LOW))
    if revenue is not None and revenue > PLAUSIBLE_REVENUE:
        problem = messages.IMPLAUSIBLE_REVENUE.format(limit=format_count(PLAUSIBLE_REVENUE // 10**9))
        found.append(InvalidValue("revenue_vnd", format_money(revenue), problem))
    members, member_workers = values.get("members"), values.get("member_workers")
    if members is not None and member_workers is not None and members < member_workers:
        problem = messages.MEMBERS_UNDER_MEMBER_WORKERS.format(workers=format_count(member_workers))
        found.append(InvalidValue("members", format_count(members), problem))
    if previous is not None:
        found.extend(tenfold_doubts(values, previous))
    return found


def tenfold_doubts(values: Mapping[Any, Any], previous: Mapping[Any, Any]) -> list[InvalidValue]:
    """The figures ten times the year before's or more, or a tenth of it or less (but not nothing: a
    count may fall to 0): a unit slip, such as a month's income typed as a year's. Its SQL twin is
    store.checks.tenfold_pairs."""
    found = []
    for field in COMPARED:
        now, before = values.get(field), previous.get(field)
        if now is None or before is None or before <= 0:
            continue
        if now >= TENFOLD * before:
            pattern = messages.TENFOLD_PREVIOUS_YEAR
        elif 0 < now * TENFOLD <= before:
            pattern = messages.TENTH_PREVIOUS_YEAR
        else:
            continue
        problem = pattern.format(year=previous.get("year", ""), before=_shown(field, before))
        found.append(InvalidValue(field, _shown(field, now), problem))
    return found


def figure_doubts_in(parsed: ParsedBatch) -> Doubts:
    """figure_doubts of each row of a parsed batch (within the row: the previous year is the loader's),
    looking only at the rows its columns point to."""
    n = len(parsed.index)
    suspects: set[int] = set()

    def column(name: str) -> list[Any]:
        return parsed.column(name) if name in parsed.fields else [None] * n

    revenue, profit = column("revenue_vnd"), column("profit_vnd")
    if "profit_vnd" in parsed.fields and "revenue_vnd" in parsed.fields:
        suspects.update(
            j
            for j, (p, r) in enumerate(zip(profit, revenue, strict=True))
            if p is not None and r is not None and p > r
        )
    for name, low, high in (
        ("income_vnd_per_year", INCOME_MIN_PER_YEAR, INCOME_MAX_PER_YEAR),
        ("revenue_vnd", None, PLAUSIBLE_REVENUE),
    ):
        if name not in parsed.fields:
            continue
        given = [v for v in column(name) if v is not None]
        if given and (max(given) > high or (low is not None and min(given) < low)):
            suspects.update(
                j
                for j, v in enumerate(column(name))
                if v is not None and (v > high or (low is not None and v < low))
            )
    if "members" in parsed.fields and "member_workers" in parsed.fields:
        suspects.update(
            j
            for j, (m, w) in enumerate(zip(column("members"), column("member_workers"), strict=True))
            if m is not None and w is not None and m < w
        )
    return [(j, doubt) for j in sorted(suspects) for doubt in figure_doubts(parsed.row(j))]


def reports_anything(values: Mapping[str, Any]) -> bool:
    return any(values.get(f) is not None for f in REPORTED)
