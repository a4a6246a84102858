"""A range's or comparison's sections by place (render/range_layout.py): the districts, and from the
2025 reform on the communes of the new scheme and the former provinces. Each place heads its lines as
the year's place table has its columns: the registered of each kind apart ("HTX", "THT"), then the
flows of the period (new, dissolved); then "Tổng cộng", the province's figures (Biểu 1's), which are
the sum of the places. A year the section has no places for (districts from the reform on, communes
before it) has empty cells, its total too."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from htxcli.domain import messages
from htxcli.domain.report import PLACE_LINES, Count, Label, Metric, Organisations, Quantity, YearReport
from htxcli.domain.text import sort_key
from htxcli.domain.vocab import KIND_ABBREVIATIONS, KINDS
from htxcli.render.layout import Getter, Group, Line, district_label, former_province_label, reported, shown

# A year's places by kind ({place: {kind: figures}}), and over the kinds ({place: figures}); None: the
# section counts no place that year.
ByKind = Callable[[YearReport], Mapping[str, Mapping[str, Organisations]] | None]
OverKinds = Callable[[YearReport], Mapping[str, Organisations] | None]


def district_groups(columns: Sequence[YearReport]) -> list[Group]:
    """By district, in the years before the reform (from it on, services.report counts no
    organisation by one)."""

    def by_kind(r: YearReport) -> Mapping[str, Mapping[str, Organisations]] | None:
        return r.districts if r.communes is None else None

    def over_kinds(r: YearReport) -> Mapping[str, Organisations] | None:
        return r.totals.districts if r.communes is None else None

    return _place_groups(columns, by_kind, over_kinds, district_label)


def commune_groups(columns: Sequence[YearReport], label: Callable[[str], Label]) -> list[Group]:
    return _place_groups(columns, lambda r: r.communes, lambda r: r.totals.communes, label)


def former_province_groups(columns: Sequence[YearReport]) -> list[Group]:
    return _place_groups(
        columns, lambda r: r.former_provinces, lambda r: r.totals.former_provinces, former_province_label
    )


def _place_groups(
    columns: Sequence[YearReport], by_kind: ByKind, over_kinds: OverKinds, label: Callable[[str], Label]
) -> list[Group]:
    """A group per place counted in any year shown, in the order of its name, then "Tổng cộng". The
    kinds are those the year's place table gives a column: any registered in a place, in any year."""
    names: list[str] = []
    for report in columns:
        names.extend(n for n in over_kinds(report) or {} if n not in names)
    if not names:
        return []
    kinds = [
        k
        for k in KINDS.keys
        if any(k in kinds and kinds[k].active.value for r in columns for kinds in (by_kind(r) or {}).values())
    ]
    metrics = [m for m in shown([r.totals.organisations for r in columns], PLACE_LINES) if m.name != "active"]

    def lines(place: str | None) -> list[Line]:
        return [
            *((KIND_ABBREVIATIONS[k], _registered(by_kind, place, k)) for k in kinds),
            *((m.label(), _figure(over_kinds, place, m)) for m in metrics),
        ]

    groups: list[Group] = [(label(name).text, lines(name)) for name in sorted(names, key=sort_key)]
    groups.append((messages.REPORT_TOTAL, lines(None)))
    return groups


def _registered(by_kind: ByKind, place: str | None, kind: str) -> Getter:
    """The registered of a kind in a place (None: in the province, Biểu 1's); 0 in a year the place had
    none, nothing in a year the section counts no place."""

    def get(report: YearReport) -> Quantity | None:
        places = by_kind(report)
        if places is None:
            return None
        figures = report.organisations.get(kind) if place is None else places.get(place, {}).get(kind)
        return figures.active if figures is not None else Count(0)

    return get


def _figure(over_kinds: OverKinds, place: str | None, metric: Metric) -> Getter:
    """A place's figure over the kinds (None: the province's, Biểu 1's); 0 in a year it had none,
    nothing in a year the section counts no place."""

    def get(report: YearReport) -> Quantity | None:
        places = over_kinds(report)
        if places is None:
            return None
        total = report.totals.organisations if place is None else places.get(place)
        value: Quantity | None = reported(total, metric.name) if total else metric.of(0)
        return value

    return get
