"""The report's economy of a year: the figures' sums per place and kind (store/economy.py) added up into
the blocks the report shows — by kind, their totals, and by district (or, from the 2025 reform, commune
and former province) under the same names as the report's other blocks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from htxcli.domain.report import Economy, Organisations, YearEconomy
from htxcli.domain.text import sort_key
from htxcli.domain.vocab import KINDS

NO_PLACE = ""

Places = Mapping[str, tuple[Mapping[str, str], Mapping[str, Organisations]] | None]


def _added(into: dict[str, int], row: Mapping[str, Any]) -> None:
    for name in into:
        into[name] += int(row.get(name) or 0)


def year_economy(
    rows: list[dict[str, Any]], kinds: Mapping[str, Organisations], places: Places, *, ended: int = 0
) -> YearEconomy:
    """`rows`: the query's; `kinds`: the report's organisation blocks by kind (their `active`);
    `places`: for district, commune and former_province, the name shown for each stored spelling and
    the report's totals by place (None for a level the year does not have)."""
    by_kind = {kind: Economy.zeros() for kind in KINDS.keys}
    for row in rows:
        _added(by_kind[row["kind"]], row)
    blocks = {
        kind: Economy.of({**sums, "active": kinds[kind].active.value}) for kind, sums in by_kind.items()
    }
    levels: dict[str, dict[str, Economy] | None] = {}
    for level, found in places.items():
        if found is None:
            levels[level] = None
            continue
        shown, organisations = found
        by_place = {name: Economy.zeros() for name in organisations}
        for row in rows:
            name = shown.get(row[level], row[level]) if row[level] else NO_PLACE
            _added(by_place.setdefault(name, Economy.zeros()), row)
        levels[level] = {
            name: Economy.of(
                {**by_place[name], "active": organisations[name].active.value if name in organisations else 0}
            )
            for name in sorted(by_place, key=sort_key)
        }
    return YearEconomy(
        blocks,
        Economy.total(blocks.values()),
        levels.get("district") or {},
        levels.get("commune"),
        levels.get("former_province"),
        ended,
    )
