"""Parsing the values clerks type and spreadsheets hold; formatting them back for people.

Every parser takes the field name so that its error names the field and the value.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.i18n import current
from htxcli.domain.text import clean, has_control_characters

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(field: str, value: str) -> date:
    """`YYYY-MM-DD` or the Vietnamese day-first `DD/MM/YYYY`."""
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # the common case, in C; anything it refuses takes the path below for its message
            return date.fromisoformat(value)
        except ValueError:
            pass
    text = value.strip()
    if m := _ISO_DATE.fullmatch(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _VN_DATE.fullmatch(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        raise InvalidValue(field, value, messages.NOT_A_DATE)
    try:
        return date(y, mo, d)
    except ValueError:
        raise InvalidValue(field, value, messages.NOT_A_DATE) from None


def parse_past_date(field: str, value: str) -> date:
    """A date that has happened: a founding, a dissolution or a support is recorded after the fact, so
    a later date is a mistyped year (`db check` lists those written before this rule)."""
    day = parse_date(field, value)
    today = date.today()
    if day > today:
        # A date cell of a workbook reaches here as its ISO text: said as the clerk writes dates.
        shown = format_date(day) if _ISO_DATE.fullmatch(value.strip()) else value
        raise InvalidValue(field, shown, messages.DATE_IN_FUTURE.format(today=format_date(today)))
    return day


MAX_COUNT = 2**31 - 1  # members, quantities: what an INTEGER column holds on every backend
# Plain digits up to this many are a count whatever they are (one digit fewer than MAX_COUNT has).
PLAIN_COUNT_DIGITS = len(str(MAX_COUNT)) - 1
# int() refuses strings of more than 4300 digits (a ValueError, not a message): a longer number stands
# for itself as ±10**_MAX_DIGITS, which every range check refuses as it would the number.
_MAX_DIGITS = 4000
_GROUPED_COUNT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")


def parse_int(
    field: str,
    value: str | int,
    *,
    minimum: int | None = 0,
    maximum: int | None = MAX_COUNT,
    grouped: bool = False,
) -> int:
    """A whole number; with `grouped`, also written with the thousands dot (1.200, 1.200.000)."""
    if isinstance(value, int):
        number = value
    elif value.isascii() and value.isdigit() and len(value) <= _MAX_DIGITS:  # plain digits, the common case
        number = int(value)
    else:
        text = value.strip()
        if grouped and _GROUPED_COUNT.fullmatch(text):
            text = text.replace(".", "")
        if not re.fullmatch(r"[+-]?\d+", text):
            raise InvalidValue(field, value, messages.NOT_AN_INTEGER)
        digits = text.lstrip("+-").lstrip("0") or "0"
        number = int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS
        if text.startswith("-"):
            number = -number
    if minimum is not None and number < minimum:
        raise InvalidValue(field, value, messages.NEGATIVE if minimum == 0 else messages.NOT_AN_INTEGER)
    if maximum is not None and number > maximum:
        raise InvalidValue(field, value, messages.TOO_LARGE.format(limit=maximum))
    return number


def parse_count(field: str, value: str | int) -> int:
    """Members, quantities: 1200 or 1.200 (the thousands dot); 1.2 and 1,2 are not counts."""
    return parse_int(field, value, grouped=True)


def parse_year(field: str, value: str | int) -> int:
    try:
        year = parse_int(field, value, minimum=None, maximum=None)
    except InvalidValue:
        raise InvalidValue(field, value, messages.YEAR_RANGE) from None
    if not 1900 <= year <= 2100:
        raise InvalidValue(field, value, messages.YEAR_RANGE)
    return year


def parse_optional_year(field: str, value: int | None) -> int | None:
    """A year option, which the command line has made an int already: checked like any year (a year
    date() cannot hold would otherwise reach the database layer), None left as it is."""
    return None if value is None else parse_year(field, str(value))


MAX_YEARS = 50  # a report of more years than this is a typo, not a request


# FIRST..LAST (hledger's way), or FIRST-LAST with a hyphen, an en dash or an em dash, as Vietnamese
# documents write a period ("giai đoạn 2021–2025"); spaces around the separator are allowed.
_YEAR_SPAN = re.compile(r"(\S+?)\s*(?:\.\.|[-\u2013\u2014])\s*(\S+)")


def parse_years(field: str, value: str) -> list[int]:
    """'2018' -> [2018]; '2016..2020', '2016-2020' or '2016 – 2020' -> [2016, ..., 2020]."""
    text = value.strip()
    span = _YEAR_SPAN.fullmatch(text)
    if span is None:
        return [parse_year(field, text)]
    start, end = parse_year(field, span[1]), parse_year(field, span[2])
    if end < start:
        raise InvalidValue(field, value, messages.YEARS_BACKWARDS)
    if end - start >= MAX_YEARS:
        raise InvalidValue(field, value, messages.YEARS_TOO_MANY.format(limit=MAX_YEARS))
    return list(range(start, end + 1))


def parse_score(field: str, value: str | int) -> int:
    score = parse_int(field, value, minimum=None, maximum=None)
    if not 0 <= score <= 100:
        raise InvalidValue(field, value, messages.SCORE_RANGE)
    return score


# Money ------------------------------------------------------------------------------------
# Vietnamese writes 1.600.000.000 đồng (dot groups thousands, comma is the decimal mark),
# 1,6 tỷ, 350 triệu, 20 nghìn, and says 1 tỷ 500 triệu. "1.5" or "1,5" alone could be either
# convention: rejected.
_SCALES = {
    "tỷ": 10**9,
    "tỉ": 10**9,
    "ty": 10**9,
    "ti": 10**9,
    "triệu": 10**6,
    "trieu": 10**6,
    "tr": 10**6,
    "nghìn": 10**3,
    "nghin": 10**3,
    "ngàn": 10**3,
    "ngan": 10**3,
}
_CURRENCY = re.compile(r"\s*(đồng|đ|₫|vnđ|vnd|dong)\.?$", re.IGNORECASE)
_PLAIN = re.compile(r"\d+")
_GROUPED_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_GROUPED_SPACE = re.compile(r"\d{1,3}(?: \d{3})+")
# 1.500.000.000,00: thousands dots and a decimal comma, as a Vietnamese-locale Excel writes a number with
# decimals; unambiguous (both marks), and whole đồng only if the decimals are zeros.
_GROUPED_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{3})+),(\d+)")
_SCALED = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*([^\d\s,.]+)\s*")
MAX_MONEY = 10**18  # fits a signed 64-bit column with room to sum
_MONEY_DIGITS = len(str(MAX_MONEY))  # a longer number is larger, whatever its digits
# Plain digits up to this many are an amount whatever they are (one digit fewer than MAX_MONEY has).
PLAIN_MONEY_DIGITS = _MONEY_DIGITS - 1


def parse_money(field: str, value: str | int) -> int:
    """Whole đồng as an int; never a float."""
    if isinstance(value, int):
        if value < 0:
            raise InvalidValue(field, value, messages.NEGATIVE)
        return value
    if value.isascii() and value.isdigit() and len(value) <= PLAIN_MONEY_DIGITS:  # the common case
        return int(value)
    # No-break spaces (U+00A0, and U+202F) group thousands in some spreadsheets' number formats.
    text = _CURRENCY.sub("", value.strip()).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if text.startswith("-"):
        raise InvalidValue(field, value, messages.NEGATIVE)
    if text.startswith("+"):
        text = text[1:]
    if _PLAIN.fullmatch(text) or _GROUPED_DOT.fullmatch(text) or _GROUPED_SPACE.fullmatch(text):
        digits = text.replace(".", "").replace(" ", "").lstrip("0")
        if len(digits) > _MONEY_DIGITS:
            raise InvalidValue(field, value, _money_too_large())
        amount = int(digits or "0")
    elif decimal := _GROUPED_DECIMAL.fullmatch(text):
        if decimal[2].strip("0"):
            raise InvalidValue(field, value, messages.FRACTION_OF_DONG)
        digits = decimal[1].replace(".", "").lstrip("0")
        if len(digits) > _MONEY_DIGITS:
            raise InvalidValue(field, value, _money_too_large())
        amount = int(digits or "0")
    elif (parts := _scaled_parts(text)) is not None:
        amount = _sum_of_parts(field, value, parts)
    elif re.fullmatch(r"\d+[.,]\d+", text):
        # 1.5, 1,5, 1.50, 1,500: no unit to say which convention the writer used.
        raise InvalidValue(field, value, messages.AMBIGUOUS_MONEY)
    else:
        raise InvalidValue(field, value, messages.NOT_MONEY)
    if amount > MAX_MONEY:
        raise InvalidValue(field, value, _money_too_large())
    return amount


def _scaled_parts(text: str) -> list[tuple[str, str, int]] | None:
    """'1 tỷ 500 triệu' -> [('1', '', 10**9), ('500', '', 10**6)]: each part a number (maybe with a
    decimal comma) and a unit; None when the text is not made of such parts, or a unit is unknown."""
    parts = []
    position = 0
    while position < len(text):
        m = _SCALED.match(text, position)
        if m is None:
            return None
        whole, fraction, word = m.groups()
        scale = _SCALES.get(word.lower())
        if scale is None:
            return None
        parts.append((whole.replace(".", ""), fraction or "", scale))
        position = m.end()
    return parts or None


def _sum_of_parts(field: str, value: str, parts: list[tuple[str, str, int]]) -> int:
    """Units go down, each once, and each part is less than one of the unit before it: 1 tỷ 500 triệu,
    not 500 triệu 1 tỷ nor 1 tỷ 1500 triệu. Exact integer arithmetic: a fraction must come to whole đồng."""
    total = 0
    before: int | None = None
    for whole, fraction, scale in parts:
        fraction = fraction.rstrip("0")
        whole = whole.lstrip("0")
        if len(whole) + len(str(scale)) > _MONEY_DIGITS + 1:
            raise InvalidValue(field, value, _money_too_large())
        if len(fraction) >= len(str(scale)):  # finer than one đồng
            raise InvalidValue(field, value, messages.FRACTION_OF_DONG)
        numerator = int(whole + fraction or "0") * scale
        denominator = 10 ** len(fraction)
        if numerator % denominator:
            raise InvalidValue(field, value, messages.FRACTION_OF_DONG)
        amount = numerator // denominator
        if before is not None and (scale >= before or amount >= before):
            raise InvalidValue(field, value, messages.MONEY_PARTS)
        total += amount
        before = scale
    return total


def _money_too_large() -> str:
    return messages.MONEY_TOO_LARGE.format(limit=f"{MAX_MONEY:,}".replace(",", "."))


def format_money(amount: int | None) -> str:
    """1600000000 -> '1.600.000.000 ₫', the way Vietnamese reports print it."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " ₫"


def format_date(day: date | None) -> str:
    """For people: 16/11/2018 in Vietnamese (zero-padded, day first), 2018-11-16 in English."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y") if current() == "vi" else day.isoformat()


def format_moment(moment: datetime) -> str:
    """A time of day for people (the history's "when"), to the second."""
    if current() == "vi":
        return moment.strftime("%d/%m/%Y %H:%M:%S")
    return moment.isoformat(sep=" ")


def format_count(number: int | None) -> str:
    return "" if number is None else f"{number:,}".replace(",", ".")


TEXT_LIMIT = 10_000  # characters of a text field, unless its parser says fewer


def parse_text(
    field: str, value: str | None, *, required: bool = False, limit: int = TEXT_LIMIT
) -> str | None:
    """NFC and trimmed; control characters (NUL, escape codes) rejected, not stored."""
    text = clean(value)
    if text is None:
        if required:
            raise InvalidValue(field, value if value is not None else "", messages.EMPTY_TEXT)
        return None
    if has_control_characters(text):
        raise InvalidValue(field, value, messages.CONTROL_CHARACTERS)
    if len(text) > limit:
        raise InvalidValue(field, text[:20] + "…", messages.TOO_LONG.format(limit=limit))
    return text
