"""The report's economy of a year: the figures' sums per place and kind (store/economy.py) added up into
the blocks the report shows — by kind, their totals, and by district (or, from the 2025 reform, commune
and former province) with the same names as the report's other blocks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from htxcli.domain.economy import Economy, Sums, YearEconomy, add_sums, block, empty_sums, total_sums
from htxcli.domain.report import Organisations
from htxcli.domain.text import sort_key
from htxcli.domain.vocab import KINDS

NO_PLACE = ""


def year_economy(
    rows: list[dict[str, Any]],
    kinds: Mapping[str, Organisations],
    places: Mapping[str, tuple[Mapping[str, str], Mapping[str, Organisations]] | None],
) -> YearEconomy:
    """`rows`: the query's; `kinds`: the report's organisation blocks by kind (their `active`);
    `places`: for district, commune and former_province, the names shown for each stored spelling
    and the report's totals by place (None for a level the year does not have)."""
    by_kind = {kind: empty_sums() for kind in KINDS.keys}
    for row in rows:
        add_sums(by_kind[row["kind"]], row)
    for kind, kind_sums in by_kind.items():
        kind_sums["active"] = kinds[kind].active.value
    totals = total_sums(by_kind.values())
    levels: dict[str, dict[str, Economy] | None] = {}
    for level, found in places.items():
        if found is None:
            levels[level] = None
            continue
        shown, organisations = found
        by_place: dict[str, Sums] = {name: empty_sums() for name in organisations}
        for row in rows:
            name = shown.get(row[level], row[level]) if row[level] else NO_PLACE
            add_sums(by_place.setdefault(name, empty_sums()), row)
        for name, place in by_place.items():
            place["active"] = organisations[name].active.value if name in organisations else 0
        levels[level] = {name: block(by_place[name]) for name in sorted(by_place, key=sort_key)}
    return YearEconomy(
        {kind: block(kind_sums) for kind, kind_sums in by_kind.items()},
        block(totals),
        levels.get("district") or {},
        levels.get("commune"),
        levels.get("former_province"),
    )
