"""Parsing a batch of the organisations file column by column (domain/batch.py), with the results of
parse_organisation; and the rows of a parsed batch that are imported with a warning."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from htxcli.domain.batch import (
    PLAIN_COUNTS,
    Bad,
    Doubts,
    Handler,
    ParsedBatch,
    RowParser,
    assemble,
    by_value,
    codes,
    cut_columns,
    dates,
    numbers,
    optional,
    required,
    texts,
)
from htxcli.domain.records import (
    DEFAULT_KIND,
    PLAUSIBLE_CAPITAL,
    organisation_doubts,
    parse_organisation,
    phone_lost_its_zero,
)
from htxcli.domain.values import parse_count, parse_money, parse_past_date
from htxcli.domain.vocab import KINDS, SECTORS, implied_sector


def _kind(value: str) -> str:
    return KINDS.parse(value) if value.strip() else DEFAULT_KIND


def _sector(value: str) -> str | None:
    return SECTORS.parse(value) if value.strip() else None


_ORGANISATION_COLUMNS: dict[str, Handler] = {
    "code": codes,
    "name": lambda c, bad: texts("name", c, bad, required=True),
    "kind": lambda c, bad: by_value(_kind, c, bad),
    "district": lambda c, bad: texts("district", c, bad),
    "commune": lambda c, bad: texts("commune", c, bad),
    "sector": lambda c, bad: by_value(_sector, c, bad),
    "founded": lambda c, bad: dates(required(parse_past_date, "founded"), c, bad),  # see parse_organisations
    "dissolved": lambda c, bad: by_value(optional(parse_past_date, "dissolved", None), c, bad),
    "members": lambda c, bad: numbers(optional(parse_count, "members", None), c, bad, PLAIN_COUNTS),
    "capital_vnd": lambda c, bad: numbers(optional(parse_money, "capital_vnd", None), c, bad),
    "representative": lambda c, bad: texts("representative", c, bad),
    "phone": lambda c, bad: texts("phone", c, bad),
    "products": lambda c, bad: texts("products", c, bad),
    "province": lambda c, bad: texts("province", c, bad),
    "new_address_from": lambda c, bad: by_value(optional(parse_past_date, "new_address_from", None), c, bad),
    "new_province": lambda c, bad: texts("new_province", c, bad),
    "new_commune": lambda c, bad: texts("new_commune", c, bad),
}


def parse_organisations(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """parse_organisation for each row, for the file's columns (a file without `kind` keeps the stored
    kind of an organisation it updates, so the column is not made up here)."""
    header, rows = _with_implied_sector(header, rows)
    whole, columns = cut_columns(header, rows)
    bad: Bad = set()
    as_text: list[Sequence[str]] = []
    handlers: dict[str, Handler] = {
        **_ORGANISATION_COLUMNS,
        "founded": lambda c, bad: dates(required(parse_past_date, "founded"), c, bad, as_text),
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
    return assemble(tuple(header), header, rows, whole, parsed, bad, parse_row, iso)


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
