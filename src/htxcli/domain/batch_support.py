"""Parsing a batch of the support file column by column (domain/batch.py), with the results of
parse_support; and its credit rows of 0 đồng or of no organisation, imported with a warning."""

from __future__ import annotations

from collections.abc import Sequence

from htxcli.domain.batch import (
    PLAIN_COUNTS,
    Bad,
    Doubts,
    ParsedBatch,
    assemble,
    by_value,
    codes,
    cut_columns,
    dates,
    numbers,
    optional,
    present,
    required,
    texts,
)
from htxcli.domain.records import (
    DEFAULT_AMOUNT,
    DEFAULT_QUANTITY,
    REFERENCE_LIMIT,
    parse_support,
    support_doubts,
)
from htxcli.domain.values import parse_count, parse_money, parse_past_date
from htxcli.domain.vocab import PROGRAMS


def _program(_field: str, value: str) -> str:
    return PROGRAMS.parse(value)


SUPPORT_VALUES = ("code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note")


def parse_supports(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """parse_support for each row."""
    whole, columns = cut_columns(header, rows)
    n = len(whole)
    bad: Bad = set()

    def column(name: str) -> Sequence[str]:
        return present(header, columns, name, n)

    as_text: list[Sequence[str]] = []
    parsed = [
        codes(column("code"), bad, blank_allowed=True),
        by_value(required(_program, "program"), column("program"), bad),
        dates(required(parse_past_date, "date"), column("date"), bad, as_text),
        numbers(optional(parse_money, "amount_vnd", DEFAULT_AMOUNT), column("amount_vnd"), bad),
        numbers(optional(parse_count, "quantity", DEFAULT_QUANTITY), column("quantity"), bad, PLAIN_COUNTS),
        texts("unit", column("unit"), bad),
        texts("reference", column("reference"), bad, limit=REFERENCE_LIMIT),
        texts("note", column("note"), bad),
    ]
    iso = {"date": as_text[0]} if as_text else None
    return assemble(SUPPORT_VALUES, header, rows, whole, parsed, bad, parse_support, iso)


def support_doubts_in(parsed: ParsedBatch) -> Doubts:
    """support_doubts of each row of a parsed batch, looking at its credit rows of 0 đồng or of no
    organisation only."""
    program = parsed.column("program")
    if "credit" not in program:  # in C: most batches stop here
        return []
    amount, code = parsed.column("amount_vnd"), parsed.column("code")
    suspects = [
        j for j, p in enumerate(program) if p == "credit" and (amount[j] == DEFAULT_AMOUNT or not code[j])
    ]
    return [(j, doubt) for j in suspects for doubt in support_doubts(parsed.row(j))]
