"""What differs between a report as issued and the report now (issue 24): both as their JSON (the
contract's keys), compared figure by figure.

A figure is a leaf of the JSON, named by its path (`totals.organisations.active`,
`districts.Ba Bể.cooperative.new`); the organisations a programme names are keyed by code, so that one
more or one less does not shift the others. Figures are grouped as a clerk reads the report: the
organisations (by kind, by place, their totals), the ratings, the support (with the organisations it
names), and the economy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The groups, in the report's order, and the top-level keys each holds (`totals.X` goes with X).
GROUPS = {
    "organisations": ("organisations", "districts", "communes", "former_provinces"),
    "ratings": ("ratings",),
    "support": ("support", "new_model"),
    "economy": ("economy",),
}
MISSING = None  # a figure one of the two reports does not have


@dataclass(frozen=True, slots=True)
class Difference:
    group: str
    path: str
    issued: Any
    now: Any


def differences(issued: Any, now: Any) -> list[Difference]:
    """Every figure that differs, in the order of the issued report (then those only the live one has)."""
    before, after = dict(_leaves(issued)), dict(_leaves(now))
    paths = list(before) + [p for p in after if p not in before]
    return [
        Difference(group_of(path), path, before.get(path, MISSING), after.get(path, MISSING))
        for path in paths
        if before.get(path, MISSING) != after.get(path, MISSING)
    ]


def group_of(path: str) -> str:
    parts = path.split(".")
    if parts and parts[0].isdigit():  # a range: one object per year, "2018.ratings.rated"
        parts = parts[1:]
    if parts and parts[0] == "previous":
        parts = parts[1:]
    if parts and parts[0] == "totals":
        parts = parts[1:]
    head = parts[0] if parts else ""
    for group, keys in GROUPS.items():
        if head in keys:
            return group
    return "other"


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            key = item.get("code", index) if isinstance(item, dict) else index
            if isinstance(item, dict) and "year" in item and path == "":
                key = item["year"]  # a range's years
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    else:
        yield path, value
