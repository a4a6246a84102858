"""One place, however it is typed: names that differ only by case, a type word ("Huyện Ba Bể" is Ba
Bể), i/y (Sĩ/Sỹ) or, when typed without any, accents are one place: the rule of the official list
(unit_names.name_key and units.Gazetteer.named), at every level.

The registry keeps each record's district as typed. Where a place is shown once for many records (the
report's district table, a warning), it is spelled as most of its records spell it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from htxcli.domain.text import sort_key
from htxcli.domain.unit_names import name_key, spelt_key


def by_use(counts: Mapping[str, int]) -> list[str]:
    """Spellings, the most used first. A tie goes to the first in Vietnamese order, then to the first in
    code-point order ('BA BỂ' before 'Ba Bể', which Vietnamese order cannot tell apart): an order that
    does not depend on the order the database returns rows in, so every report and warning agrees."""
    return sorted(counts, key=lambda spelling: (-counts[spelling], sort_key(spelling), spelling))


def preferred_spelling(counts: Mapping[str, int]) -> str:
    """The spelling most records use (ties as by_use breaks them)."""
    return by_use(counts)[0]


def spellings_by_key(counts: Iterable[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """name key -> {spelling: records}, from (spelling, records) pairs (a spelling may come twice)."""
    out: dict[str, dict[str, int]] = {}
    for spelling, records in counts:
        spellings = out.setdefault(name_key(spelling), {})
        spellings[spelling] = spellings.get(spelling, 0) + records
    return out


def spellings_of(typed: str, stored: Iterable[str]) -> list[str]:
    """The stored spellings of the place typed: those with its name key, or, when the clerk typed
    accents and some of them are spelt exactly so, only those (Văn Lang is not Văn Lăng)."""
    key = name_key(typed)
    found = {spelling for spelling in stored if name_key(spelling) == key}
    if typed.isascii():
        return sorted(found)
    spelt = spelt_key(typed)
    exact = {spelling for spelling in found if spelt_key(spelling) == spelt}
    return sorted(exact or found)


def display_names(counts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """spelling -> the name of the row it is counted in, from (spelling, records) pairs of a level
    without codes (districts): place_groups' rule."""
    summed: dict[str, int] = {}
    for spelling, records in counts:
        summed[spelling] = summed.get(spelling, 0) + records
    grouped = place_groups((spelling, None, records) for spelling, records in summed.items())
    return {spelling: name for (spelling, _), name in grouped.items()}


def place_groups(entries: Iterable[tuple[str, str | None, int]]) -> dict[tuple[str, str | None], str]:
    """(spelling, official code or None, records) -> the name of the report row it is counted in.

    One row per official code wherever the registry holds one (Văn Lang 02143 and Văn Lăng 05665 are
    two rows), never per folded name. A spelling without a code is the row of the coded unit spelt so
    (case, type word and i/y aside); else spellings with accents are one row per spelling so read, and
    one without accents joins the only such row of its key (none or several: a row of its own). A row
    is named as most of its records spell it; two rows that would bear one name show their codes."""
    entries = list(entries)
    group_of: dict[tuple[str, str | None], tuple[str, ...]] = {}
    coded_spelt: dict[tuple[str, str], set[str]] = {}  # (key, spelt) -> codes
    for spelling, code, _ in entries:
        if code:
            group_of[(spelling, code)] = ("code", code)
            coded_spelt.setdefault((name_key(spelling), spelt_key(spelling)), set()).add(code)
    accented: dict[str, set[tuple[str, ...]]] = {}  # key -> the rows its accented spellings are in
    for spelling, code, _ in entries:
        if code:
            accented.setdefault(name_key(spelling), set()).add(("code", code))
        elif not spelling.isascii():
            key, spelt = name_key(spelling), spelt_key(spelling)
            codes = coded_spelt.get((key, spelt), set())
            group: tuple[str, ...] = ("code", next(iter(codes))) if len(codes) == 1 else ("spelt", key, spelt)
            group_of[(spelling, code)] = group
            accented.setdefault(key, set()).add(group)
    for spelling, code, _ in entries:
        if not code and spelling.isascii():
            key = name_key(spelling)
            rows = accented.get(key, set())
            group_of[(spelling, code)] = next(iter(rows)) if len(rows) == 1 else ("plain", key, "")
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    for spelling, code, records in entries:
        spellings = counts.setdefault(group_of[(spelling, code)], {})
        spellings[spelling] = spellings.get(spelling, 0) + records
    names = {group: preferred_spelling(spellings) for group, spellings in counts.items()}
    bearing: dict[str, int] = {}
    for name in names.values():
        bearing[name] = bearing.get(name, 0) + 1
    for group, name in names.items():
        if bearing[name] > 1 and group[0] == "code":
            names[group] = f"{name} ({group[1]})"
    return {entry: names[group] for entry, group in group_of.items()}
