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

from htxcli.domain import messages
from htxcli.domain.report import Economy, Money, Organisations, Ratings, Support, SupportTotal
from htxcli.domain.values import format_count, format_money
from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, PROGRAMS

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


# A figure that is another's under a second name is told once, where it differs as its twin does:
# `registered` (not ended) is `active`; the bands "average" and "weak" are the grades of those names;
# the economy's `active` (the base of its averages) is the organisations' own.
_PLACES = ("districts", "communes", "former_provinces")


def differences(issued: Any, now: Any) -> list[Difference]:
    """Every figure that differs, in the order of the issued report (then those only the live one has);
    a twin (see _twin) only where it differs otherwise than its twin."""
    before, after = dict(_leaves(issued)), dict(_leaves(now))
    paths = list(before) + [p for p in after if p not in before]
    found = []
    for path in paths:
        old, new = before.get(path, MISSING), after.get(path, MISSING)
        if old == new:
            continue
        twin = _twin(path)
        if twin is not None and (before.get(twin, MISSING), after.get(twin, MISSING)) == (old, new):
            continue
        found.append(Difference(group_of(path), path, old, new))
    return found


def _twin(path: str) -> str | None:
    parts = path.split(".")
    prefix = []
    while parts and (parts[0].isdigit() or parts[0] == "previous"):
        prefix.append(parts.pop(0))
    twin: list[str] | None = None
    if parts[-1:] == ["registered"]:
        twin = [*parts[:-1], "active"]
    elif len(parts) >= 2 and parts[-2] == "bands" and parts[-1] in ("average", "weak"):
        twin = [*parts[:-2], "grades", parts[-1]]
    elif len(parts) >= 3 and parts[0] == "economy" and parts[-1] == "active":
        middle = parts[1:-1]
        if middle == ["totals"]:
            twin = ["totals", "organisations", "active"]
        elif middle[0] in _PLACES:
            twin = ["totals", *middle, "active"]
        else:
            twin = ["organisations", *middle, "active"]
    return None if twin is None else ".".join([*prefix, *twin])


# The words of a path that name the report's sections: its group's heading says them.
_SECTIONS = {"organisations", "districts", "communes", "former_provinces", "ratings", "support", "economy"}


def describe(path: str) -> str:
    """A figure's path as the report's own words name it: "Hợp tác xã: Hiện có (còn đăng ký)",
    "Ba Bể, Hợp tác xã: Thành lập mới", "Tín dụng: Số tiền", "Hiệu quả (tốt + khá) (%)"; a place's
    name or an organisation's code as it is."""
    parts = path.split(".")
    words: list[str] = []
    if parts and parts[0].isdigit():  # a range: one object per year
        words.append(parts.pop(0))
    if parts and parts[0] == "previous":
        words.append(messages.DIFF_PREVIOUS)
        parts.pop(0)
    total = bool(parts) and parts[0] == "totals"
    if total:
        parts.pop(0)
    section = parts.pop(0) if parts and parts[0] in _SECTIONS else ""
    if section == "economy" and parts and parts[0] == "totals":
        total = True
        parts.pop(0)
    elif section == "economy" and parts and parts[0] in _SECTIONS:
        section = parts.pop(0)  # by place, as the report's other blocks
    if total and section not in _PLACES:  # a place's total is the place alone: "Ba Bể: Hiện có"
        words.append(messages.REPORT_TOTAL)
    if section == "former_provinces" and parts:
        parts[0] = messages.REPORT_FORMER_AREA.format(province=parts[0])
    if section == "ratings" and len(parts) == 2 and parts[0] == "percent":
        parts = [f"{BAND_LABELS.get(parts[1], parts[1])} (%)"]
    elif section == "ratings" and parts and parts[0] in ("grades", "bands"):
        parts = parts[1:]
    words.extend(_word(part) for part in parts)
    if not words:
        return path
    return ", ".join(words[:-1]) + (": " if len(words) > 1 else "") + words[-1]


def value_shown(path: str, value: Any) -> str:
    """A figure's value as the report prints it: money with its ₫ and counts grouped, by the unit its
    metric is declared with; "–" for a figure one report does not have."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    parts = path.split(".")
    money = any(
        m.name in parts and m.unit is Money
        for block in (Organisations, Support, SupportTotal, Economy)
        for m in block.metrics()
    )
    return format_money(value) if money else format_count(value)


def _word(key: str) -> str:
    for block in (Organisations, Ratings, Support, SupportTotal, Economy):
        for m in block.metrics():
            if m.name == key:
                return m.label()
    if key in KINDS.keys:
        return KINDS.label(key)
    if key in PROGRAMS.keys:
        return PROGRAMS.label(key)
    if key in GRADES.keys:
        return GRADES.label(key)
    if key in BAND_LABELS:
        return BAND_LABELS[key]
    return messages.DIFF_WORDS.get(key, key)


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
