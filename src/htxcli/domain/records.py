"""Validation of whole records, shared by the commands and the CSV importer.

Each parser takes raw text fields (as typed or as read from a file) and returns clean, typed values,
or raises InvalidValue naming the first bad field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue, MissingValue, Problems
from htxcli.domain.periods import Period, reporting_year_of, within_life, years_within_life
from htxcli.domain.text import fold, fold_many, sort_key, sort_key_many
from htxcli.domain.values import (
    format_count,
    format_date,
    format_money,
    parse_count,
    parse_money,
    parse_past_date,
    parse_score,
    parse_text,
    parse_year,
)
from htxcli.domain.vocab import GRADES, KINDS, PROGRAMS, SECTORS, grade_for_score, implied_sector

ORGANISATION_FIELDS = (
    "code",
    "name",
    "kind",
    "district",
    "commune",
    "sector",
    "founded",
    "dissolved",
    "members",
    "capital_vnd",
    "representative",
    "phone",
    "products",
    # The 2025 reform (revision 0006), after the older columns so that old files keep their meaning:
    # the province of the address above, and the address in force from new_address_from on.
    "province",
    "new_address_from",
    "new_province",
    "new_commune",
)
# Derived from the address by matching it against the official list (domain/units.py); not in files.
PLACE_FIELDS = ("commune_code", "scheme", "former_province", "new_commune_code")
RATING_FIELDS = ("code", "year", "grade", "score", "note")
SUPPORT_FIELDS = ("code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note")

_TEXT_FIELDS = (
    "name",
    "district",
    "commune",
    "representative",
    "phone",
    "products",
    "province",
    "new_province",
    "new_commune",
)


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


# Letters, digits and - . / _ only, starting with a letter or digit: a code is never read as a
# spreadsheet formula (=, +, -, @) or as an option on a command line.
CODE_SYMBOLS = "./-"  # allowed after the first character, besides letters, digits and _
CODE_LIMIT = 64  # characters
_CODE = re.compile(rf"[^\W_][\w{re.escape(CODE_SYMBOLS)}]*")
REFERENCE_LIMIT = 200  # characters of a support record's reference (a decision's number)
DEFAULT_KIND = "cooperative"  # an organisation's kind when none is given
# A support record's amount and quantity when its cells are blank.
DEFAULT_AMOUNT = 0
DEFAULT_QUANTITY = 1


# A code a spreadsheet stored as a number: `4700257731.0` is the code 4700257731; `4,70026E+09` (Excel's
# scientific notation, saved as shown) has lost its digits.
_CODE_AS_FLOAT = re.compile(r"(\d+)\.0+")
_CODE_SCIENTIFIC = re.compile(r"\d[.,]\d+[eE][+-]?\d+|\d+[eE]\+\d+")
# Any cell of a code column that one of these may hold, matched over a column joined by line feeds.
NUMBER_LIKE_CODES = re.compile(f"^(?:{_CODE_AS_FLOAT.pattern}|{_CODE_SCIENTIFIC.pattern})$", re.MULTILINE)


def parse_code(value: str | None, field: str = "code") -> str:
    """Codes are text: leading zeros stay. No spaces inside, so that a code is one word on a command line.
    An empty one is missing, said as every missing required value is (MissingValue)."""
    code = parse_text(field, value, limit=CODE_LIMIT)
    if code is None:
        raise MissingValue(field)
    if as_float := _CODE_AS_FLOAT.fullmatch(code):
        code = as_float[1]
    elif _CODE_SCIENTIFIC.fullmatch(code):
        raise InvalidValue(field, value, messages.CODE_SCIENTIFIC)
    if _CODE.fullmatch(code) is None:
        if any(c.isspace() for c in code):
            raise InvalidValue(field, value, messages.CODE_SPACES)
        raise InvalidValue(field, value, messages.CODE_CHARACTERS)
    return code


def parse_organisation(raw: Mapping[str, str | None], *, partial: bool = False) -> dict[str, Any]:
    """Clean values for the fields present in `raw`. Without `partial`, required fields must be there.
    Every bad field is named at once (InvalidValues), not only the first."""
    out: dict[str, Any] = {}
    problems = Problems()
    if not partial:
        for field in ("code", "name", "founded"):
            if _blank(raw.get(field)):
                problems.errors.append(MissingValue(field))
    for field, value in raw.items():
        if not partial and field in ("code", "name", "founded") and _blank(value):
            continue  # said above
        if field == "code":
            out["code"] = problems.take(parse_code, value)
        elif field in _TEXT_FIELDS:
            out[field] = problems.take(parse_text, field, value, required=field == "name")
        elif field == "kind":
            out["kind"] = problems.take(KINDS.parse, value) if value and value.strip() else DEFAULT_KIND
        elif field == "sector":
            out["sector"] = problems.take(SECTORS.parse, value) if value and value.strip() else None
        elif field == "founded":
            if _blank(value):
                problems.errors.append(MissingValue("founded"))
            else:
                out["founded"] = problems.take(parse_past_date, "founded", value or "")
        elif field in ("dissolved", "new_address_from"):
            out[field] = None if _blank(value) else problems.take(parse_past_date, field, value or "")
        elif field == "members":
            out["members"] = None if _blank(value) else problems.take(parse_count, "members", value or "")
        elif field == "capital_vnd":
            out["capital_vnd"] = (
                None if _blank(value) else problems.take(parse_money, "capital_vnd", value or "")
            )
        else:
            raise InvalidValue("field", field, messages.NOT_A_FIELD)
    problems.check()
    if not partial and "kind" not in out:
        out["kind"] = DEFAULT_KIND
    sector = implied_sector(raw.get("kind"))
    if sector is not None and out.get("sector") is None:  # "HTX nông nghiệp" without a sector
        out["sector"] = sector
    check_life(out.get("founded"), out.get("dissolved"))
    return out


# 100.000 tỷ đồng: more than the charter capital of any cooperative; above it, a digit typed too many.
PLAUSIBLE_CAPITAL = 100_000 * 10**9


def organisation_doubts(values: Mapping[str, Any]) -> list[InvalidValue]:
    """What looks wrong in an organisation's clean values yet is recorded, with a warning."""
    doubts = []
    capital = values.get("capital_vnd")
    if isinstance(capital, int) and capital > PLAUSIBLE_CAPITAL:
        problem = messages.IMPLAUSIBLE_CAPITAL.format(limit=format_count(PLAUSIBLE_CAPITAL // 10**9))
        doubts.append(InvalidValue("capital_vnd", format_money(capital), problem))
    phone = values.get("phone")
    if isinstance(phone, str) and phone_lost_its_zero(phone):
        doubts.append(InvalidValue("phone", phone, messages.PHONE_AS_NUMBER))
    return doubts


def phone_lost_its_zero(phone: str) -> bool:
    """A phone number a spreadsheet read as a number: digits only, without the 0 every Vietnamese
    number starts with (912345678 for 0912345678), or the 0 of an empty number cell. A number written
    with its country code (84…, +84…) is none."""
    return phone.isascii() and phone.isdigit() and (phone == "0" or not phone.startswith(("0", "84")))


def support_doubts(values: Mapping[str, Any]) -> list[InvalidValue]:
    """What looks wrong in a support record's clean values yet is recorded, with a warning: a credit
    that says neither how much nor how many, or that names no organisation (a loan is to one that
    borrows). Decided on the values (0 đồng and the quantity 1 that blank cells give), so that a
    command and an import of the same record warn alike."""
    if values.get("program") != "credit":
        return []
    doubts = []
    if values.get("amount_vnd") == DEFAULT_AMOUNT and values.get("quantity") == DEFAULT_QUANTITY:
        doubts.append(InvalidValue("program", "credit", messages.CREDIT_WITHOUT_AMOUNT))
    if not values.get("code"):
        doubts.append(InvalidValue("program", "credit", messages.CREDIT_WITHOUT_ORGANISATION))
    return doubts


def check_life(founded: date | None, dissolved: date | None) -> None:
    if founded and dissolved and dissolved < founded:
        raise InvalidValue(
            "dissolved",
            dissolved.isoformat(),
            messages.DISSOLVED_BEFORE_FOUNDED.format(founded=format_date(founded)),
        )


# What `htx search` looks in: the address in force from 2025 too, so that its new commune finds it.
# Name first and district fourth: derived_key_columns reuses those columns as the name and district keys.
SEARCHED_FIELDS = ("name", "code", "commune", "district", "representative", "new_commune", "new_province")
KEY_FIELDS = ("search_key", "name_key", "district_key", "sort_key")


def search_key(values: Mapping[str, Any]) -> str:
    """The text `htx search` matches an organisation by (its searched fields, folded)."""
    return " | ".join(fold(v) for v in (values.get(f) for f in SEARCHED_FIELDS) if v)


def derived_keys(values: Mapping[str, Any]) -> dict[str, Any]:
    """The precomputed search, sort and district keys of a complete organisation."""
    return {
        "search_key": search_key(values),
        "name_key": fold(values["name"]),
        "district_key": fold(values["district"]) if values.get("district") else None,
        "sort_key": sort_key(values["name"]),
    }


def derived_key_columns(columns: Mapping[str, Sequence[Any]]) -> tuple[list[Any], ...]:
    """The search, name, district and sort keys of organisations given as columns: each distinct
    value is folded once, and all of a column's values in one pass (text.fold_many)."""
    folded = [_fold_column(columns[f]) for f in SEARCHED_FIELDS]
    return _search_keys(folded), folded[0], folded[3], sort_key_many(columns["name"])


def address_key_columns(
    columns: Mapping[str, Sequence[Any]], keys: Sequence[Sequence[Any]]
) -> tuple[Sequence[Any], ...]:
    """derived_key_columns after the district or commune changed (keys: the columns it gave before):
    the search and district keys again, the name and sort keys (of the name only, the costly ones)
    as they were."""
    name_keys = keys[KEY_FIELDS.index("name_key")]
    folded = [name_keys if f == "name" else _fold_column(columns[f]) for f in SEARCHED_FIELDS]
    return _search_keys(folded), name_keys, folded[3], keys[KEY_FIELDS.index("sort_key")]


def _search_keys(folded: Sequence[Sequence[str | None]]) -> list[str]:
    if any(None in column for column in folded):
        return [" | ".join(p for p in parts if p is not None) for parts in zip(*folded, strict=True)]
    return list(map(" | ".join, zip(*folded, strict=True)))


def _fold_column(values: Sequence[str | None]) -> list[str | None]:
    distinct = [v for v in dict.fromkeys(values) if v is not None]
    folded = dict(zip(distinct, fold_many(distinct), strict=True))
    return [folded[v] if v is not None else None for v in values]


def parse_rating(grade_text: str | None, score_text: str | int | None, note: str | None) -> dict[str, Any]:
    """Grade and score of a rating; a score alone earns its grade under Circular 01/2020/TT-BKHĐT."""
    score = None if score_text is None or str(score_text).strip() == "" else parse_score("score", score_text)
    grade = (
        None
        if _blank(grade_text if isinstance(grade_text, str) else None)
        else GRADES.parse(grade_text or "")
    )
    if grade is None:
        if score is None:
            raise MissingValue("grade")
        grade = grade_for_score(score)
    elif score is not None and grade != grade_for_score(score):
        expected = grade_for_score(score)
        raise InvalidValue(
            "grade",
            grade_text,
            messages.GRADE_CONTRADICTS_SCORE.format(score=score, expected=GRADES.spoken(expected)),
        )
    return {"grade": grade, "score": score, "note": parse_text("note", note)}


def check_rating_year(
    year: int, founded: date, dissolved: date | None, start: tuple[int, int] = (1, 1)
) -> None:
    """A rating (or a year's figures) belongs to a year of the organisation's life, the year of its
    dissolution included: a reporting year, from the registry's period start (`start`, day and month),
    as the report counts it, and one that has begun: by the registry's period, 2027 begins on 15/12/2026."""
    current = current_year(start)
    if year > current:
        raise InvalidValue("year", year, messages.YEAR_IN_FUTURE.format(current=current))
    if within_life(founded, dissolved, Period.reporting_year(year, start)):
        return
    calendar = start == (1, 1)
    if founded > Period.reporting_year(year, start).last:
        founding = reporting_year_of(founded, start)
        problem = (
            messages.YEAR_BEFORE_FOUNDED.format(founded=founding)
            if calendar
            else messages.YEAR_BEFORE_FOUNDED_IN_PERIOD.format(founded=founding, day=format_date(founded))
        )
        raise InvalidValue("year", year, problem)
    assert dissolved is not None  # after a life that has not ended: impossible
    ending = reporting_year_of(dissolved, start)
    problem = (
        messages.YEAR_AFTER_DISSOLVED.format(dissolved=ending)
        if calendar
        else messages.YEAR_AFTER_DISSOLVED_IN_PERIOD.format(dissolved=ending, day=format_date(dissolved))
    )
    raise InvalidValue("year", year, problem)


def parse_support(raw: Mapping[str, str | None]) -> dict[str, Any]:
    """A support record's values; `code` is kept as text (or None for province-wide activities).
    Every bad field is named at once (InvalidValues), not only the first."""
    problems = Problems()
    for field in ("program", "date"):
        if _blank(raw.get(field)):
            problems.errors.append(MissingValue(field))
    amount = raw.get("amount_vnd")
    quantity = raw.get("quantity")
    code = raw.get("code")
    take = problems.take
    values = {
        "code": None if _blank(code) else take(parse_code, code),
        "program": None if _blank(raw.get("program")) else take(PROGRAMS.parse, raw.get("program") or ""),
        "date": None if _blank(raw.get("date")) else take(parse_past_date, "date", raw.get("date") or ""),
        "amount_vnd": DEFAULT_AMOUNT if _blank(amount) else take(parse_money, "amount_vnd", amount or ""),
        "quantity": DEFAULT_QUANTITY if _blank(quantity) else take(parse_count, "quantity", quantity or ""),
        "unit": take(parse_text, "unit", raw.get("unit")),
        "reference": take(parse_text, "reference", raw.get("reference"), limit=REFERENCE_LIMIT),
        "note": take(parse_text, "note", raw.get("note")),
    }
    problems.check()
    return values


def current_year(start: tuple[int, int] = (1, 1)) -> int:
    """The reporting year today falls in, by the registry's period start: the latest a rating or a
    year's figures can be for (a rating is filed after the year it judges, or during it)."""
    return reporting_year_of(date.today(), start)


def ratable_years(founded: date, dissolved: date | None, start: tuple[int, int] = (1, 1)) -> range:
    """The years check_rating_year accepts, as a range: a bulk import tests a batch against it in C."""
    life = years_within_life(founded, dissolved, start)
    return range(life.start, min(life.stop, current_year(start) + 1))


def parse_rating_year(value: str | int) -> int:
    """A year that can be rated, before the registry's period is known: none after the latest
    reporting year that can have begun under any period start (check_rating_year then applies the
    registry's own)."""
    year = parse_year("year", value)
    if year > (latest := date.today().year + 1):
        raise InvalidValue("year", value, messages.YEAR_AFTER_NEXT.format(latest=latest))
    return year
