"""One place, however it is typed: district names that differ only by case or accents are one district.

The registry keeps each record's district as typed, and its folded key (text.fold) beside it. Where a
place is shown once for many records (the report's district table, a warning), it is spelled as most of
its records spell it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from htxcli.domain.text import fold, sort_key


def by_use(counts: Mapping[str, int]) -> list[str]:
    """Spellings, the most used first. A tie goes to the first in Vietnamese order, then to the first in
    code-point order ('BA BỂ' before 'Ba Bể', which Vietnamese order cannot tell apart): an order that
    does not depend on the order the database returns rows in, so every report and warning agrees."""
    return sorted(counts, key=lambda spelling: (-counts[spelling], sort_key(spelling), spelling))


def preferred_spelling(counts: Mapping[str, int]) -> str:
    """The spelling most records use (ties as by_use breaks them)."""
    return by_use(counts)[0]


def spellings_by_key(counts: Iterable[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """folded key -> {spelling: records}, from (spelling, records) pairs (a spelling may come twice)."""
    out: dict[str, dict[str, int]] = {}
    for spelling, records in counts:
        spellings = out.setdefault(fold(spelling), {})
        spellings[spelling] = spellings.get(spelling, 0) + records
    return out


def display_names(counts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """spelling -> the spelling its place is shown with, from (spelling, records) pairs."""
    return {
        spelling: preferred
        for spellings in spellings_by_key(counts).values()
        for preferred in [preferred_spelling(spellings)]
        for spelling in spellings
    }
