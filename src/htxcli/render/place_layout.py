"""The report's tables by place: the districts (before the 2025 reform, and after it while an
organisation still has one in force), and from the reform on the communes of the new scheme and the
former provinces; the same places' averages of what the organisations achieved. Each ends with the
province's total row, as a Vietnamese summary table does ("Tổng cộng"): the sums of Biểu 1, the
averages of the economy's table."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from htxcli.domain import messages
from htxcli.domain.report import ECONOMY_PLACES, PLACES, Economy, Label, Organisations, YearReport
from htxcli.domain.vocab import KIND_ABBREVIATIONS, KINDS
from htxcli.render.layout import (
    Block,
    at_end,
    capital_not_given,
    district_label,
    former_province_label,
    reported,
    shown,
    titled_communes,
)


def has_districts(report: YearReport) -> bool:
    """Before the 2025 reform always; from it on, never (services.report: an address never moved to
    a commune of the new scheme is counted as unknown in the commune table)."""
    return report.communes is None or bool(report.districts)


def place_blocks(report: YearReport) -> list[Block]:
    """The districts' table, then from the reform on the communes' and the former provinces' (as
    Thái Nguyên reports "khu vực Bắc Kạn cũ"). Years before it have neither, and look as they always did."""
    totals = report.totals
    tables = (
        (
            messages.REPORT_DISTRICTS,
            messages.REPORT_DISTRICTS_ON,
            messages.HEADERS["district"],
            report.districts if has_districts(report) else None,
            totals.districts,
            district_label,
            messages.SHEET_DISTRICTS,
        ),
        (
            messages.REPORT_COMMUNES,
            messages.REPORT_COMMUNES_ON,
            messages.WORKBOOK_COMMUNE,
            report.communes,
            totals.communes,
            titled_communes([report]),
            messages.SHEET_COMMUNES,
        ),
        (
            messages.REPORT_FORMER_PROVINCES,
            messages.REPORT_FORMER_PROVINCES_ON,
            messages.REPORT_AREA,
            report.former_provinces,
            totals.former_provinces,
            former_province_label,
            messages.SHEET_FORMER_PROVINCES,
        ),
    )
    return [
        _place_block(report, at_end(report, title, title_on), header, places, by_place, label, sheet)
        for title, title_on, header, places, by_place, label, sheet in tables
        if places is not None and by_place is not None
    ]


def _place_block(
    report: YearReport,
    title: str,
    header: str,
    places: Mapping[str, Mapping[str, Organisations]],
    totals: Mapping[str, Organisations],
    label: Callable[[str], Label],
    sheet: str,
) -> Block:
    """A row per district (or commune, or former province): its active organisations by kind, then
    the metrics declared for PLACES (new, dissolved, members, capital) over the kinds; then the
    province's total, Biểu 1's."""
    kinds = [k for k in KINDS.keys if any(blocks[k].active.value for blocks in places.values())]
    metrics = shown(list(totals.values()), PLACES)
    block = Block(
        title,
        [header, *(KIND_ABBREVIATIONS[k] for k in kinds), *(m.label() for m in metrics)],
        numeric=frozenset(range(1, len(kinds) + len(metrics) + 1)),
        total=True,
        sheet=sheet,
    )
    for name, blocks in places.items():
        total = totals[name]
        block.rows.append(
            [
                label(name),
                *(blocks[k].active for k in kinds),
                *(reported(total, m.name) for m in metrics),
            ]
        )
    province = report.totals.organisations
    block.rows.append(
        [
            Label(messages.REPORT_TOTAL),
            *(report.organisations[k].active for k in kinds),
            *(reported(province, m.name) for m in metrics),
        ]
    )
    if any(m.name == "capital_vnd" for m in metrics):
        block.caption = capital_not_given(totals.values())
    return block


def economy_place_blocks(report: YearReport, year: int) -> list[Block]:
    """The averages by district (where the districts' table is shown), by commune and by former
    province, each ending with the province's averages (the economy table's)."""
    economy = report.economy
    if economy is None:
        return []
    tables = (
        (
            messages.REPORT_ECONOMY_DISTRICTS,
            messages.HEADERS["district"],
            economy.districts if has_districts(report) else None,
            district_label,
            messages.SHEET_ECONOMY_DISTRICTS,
        ),
        (
            messages.REPORT_ECONOMY_COMMUNES,
            messages.WORKBOOK_COMMUNE,
            economy.communes,
            titled_communes([report]),
            messages.SHEET_ECONOMY_COMMUNES,
        ),
        (
            messages.REPORT_ECONOMY_FORMER_PROVINCES,
            messages.REPORT_AREA,
            economy.former_provinces,
            former_province_label,
            messages.SHEET_ECONOMY_FORMER_PROVINCES,
        ),
    )
    return [
        _economy_place_block(title.format(year=year), header, places, economy.totals, label, sheet)
        for title, header, places, label, sheet in tables
        if places
    ]


def _economy_place_block(
    title: str,
    header: str,
    places: Mapping[str, Economy],
    province: Economy,
    label: Callable[[str], Label],
    sheet: str,
) -> Block:
    metrics = shown(list(places.values()), ECONOMY_PLACES, Economy)
    headers = [
        header,
        messages.REPORT_ECONOMY_REPORTING,
        messages.REPORT_ACTIVE,
        *(messages.AVERAGE_HEADERS.get(m.name) or m.label() for m in metrics),  # averages, as headed
    ]
    block = Block(title, headers, numeric=frozenset(range(1, len(headers))), total=True, sheet=sheet)
    # A place with nothing active and nothing reported (its one organisation dissolved in the period)
    # has no averages to show.
    rows = [(n, p) for n, p in places.items() if p.active.value or p.reporting.value]
    for name, place in [*rows, (messages.REPORT_TOTAL, province)]:
        named = Label(name) if place is province else label(name)
        block.rows.append([named, place.reporting, place.active, *(place.average(m.name) for m in metrics)])
    return block
