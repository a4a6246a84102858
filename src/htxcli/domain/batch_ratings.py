"""Parsing a batch of the ratings file column by column (domain/batch.py), with the results of the
row parser rating_values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from htxcli.domain.batch import Bad, ParsedBatch, assemble, by_value, codes, cut_columns, present, texts
from htxcli.domain.errors import HtxError, Problems
from htxcli.domain.records import parse_code, parse_rating, parse_rating_year

_REFUSED = (None, None)  # the grade and score of a pair parse_rating refuses (the row is bad)
RATING_VALUES = ("code", "year", "grade", "score", "note")


def parse_ratings(header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
    """Values {code, year, grade, score, note} of each row, as the ratings importer reads them."""
    whole, columns = cut_columns(header, rows)
    n = len(whole)
    bad: Bad = set()
    code = codes(present(header, columns, "code", n), bad)
    year = by_value(parse_rating_year, present(header, columns, "year", n), bad)
    pairs = list(zip(present(header, columns, "grade", n), present(header, columns, "score", n), strict=True))
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
    note = texts("note", present(header, columns, "note", n), bad)
    return assemble(RATING_VALUES, header, rows, whole, [code, year, grade, score, note], bad, rating_values)


def rating_values(raw: Mapping[str, str | None]) -> dict[str, Any]:
    """One ratings row, read on its own: code, year, and grade or score; every bad cell named at once."""
    problems = Problems()
    code = problems.take(parse_code, raw.get("code"))
    year = problems.take(parse_rating_year, raw.get("year") or "")
    rating = problems.take(parse_rating, raw.get("grade"), raw.get("score"), raw.get("note"))
    problems.check()
    assert rating is not None
    return {"code": code, "year": year, **rating}
