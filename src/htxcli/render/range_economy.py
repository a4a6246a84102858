"""A range's or comparison's economy (render/range_layout.py): what the organisations achieved, each
figure heading its lines as the year's economy table has its columns: its total, its average per
organisation that gave it, and how many did ("Số tổ chức báo cáo"), so that no average is read
without its base. A number of things (OCOP products, ECONOMY_SUMMED) and a yes-or-no figure (the
organisations that apply high technology) are totals, never averaged; the income is an average
already (per worker), with no total. For a registry that holds yearly figures (revision 0007) only; a
year without any has empty cells."""

from __future__ import annotations

from collections.abc import Sequence

from htxcli.domain import messages
from htxcli.domain.report import ECONOMY, ECONOMY_FLAGS, ECONOMY_SUMMED, Economy, Money, Quantity, YearReport
from htxcli.render.layout import Getter, Group, Line

_INCOME = "income_vnd_per_year"


def economy_groups(columns: Sequence[YearReport]) -> list[Group]:
    """The organisations that reported figures, a line of its own; then a group per figure any year's
    organisations gave, in the year's table's order."""
    if all(r.economy is None for r in columns):
        return []
    # how many reported, named in full: a line of its own, its base in the note under the table
    groups: list[Group] = [(None, [(messages.REPORT_ECONOMY_REPORTING_LINE, _reporting)])]
    for m in (*Economy.metrics(ECONOMY), *Economy.metrics(ECONOMY_FLAGS)):
        if not any(r.economy.totals.given(m.name) for r in columns if r.economy is not None):
            continue
        lines: list[Line] = []
        if m.name == _INCOME:  # an average already: per worker, no total; named as the year's table names it
            heading = messages.REPORT_ECONOMY_INCOME_ROW
            lines.append((messages.REPORT_ECONOMY_AVERAGE_LINE, _average(m.name)))
        else:
            # The unit in the heading ("Doanh thu (đồng)"), as the year's table says it in the label.
            heading = messages.REPORT_IN_DONG.format(header=m.label()) if m.unit is Money else m.label()
            lines.append((messages.REPORT_TOTAL, _total(m.name)))
            if ECONOMY in m.tables and ECONOMY_SUMMED not in m.tables:
                lines.append((messages.REPORT_ECONOMY_AVERAGE_PER, _average(m.name)))
        lines.append((messages.REPORT_ECONOMY_GIVEN, _given(m.name)))
        groups.append((heading, lines))
    return groups


def reported(report: YearReport) -> bool:
    """Whether any organisation gave the year's figures: a year without any is no figures yet (empty
    cells and no change), not "0 reported" changing by +6."""
    return report.economy is not None and report.economy.totals.reporting.value > 0


def _reporting(report: YearReport) -> Quantity | None:
    return report.economy.totals.reporting if report.economy is not None and reported(report) else None


def _total(name: str) -> Getter:
    """The figure's sum over those that gave it (of a yes-or-no figure, those that said yes); nothing
    when none did (not reported is not zero)."""

    def get(report: YearReport) -> Quantity | None:
        if report.economy is None:
            return None
        totals = report.economy.totals
        if name in (m.name for m in Economy.metrics(ECONOMY_FLAGS)):
            return totals.figure(name) if totals.given(name) else None
        return totals.total_of(name)

    return get


def _average(name: str) -> Getter:
    def get(report: YearReport) -> Quantity | None:
        return report.economy.totals.average(name) if report.economy is not None else None

    return get


def _given(name: str) -> Getter:
    def get(report: YearReport) -> Quantity | None:
        return (
            report.economy.totals.figure(f"{name}_given")
            if report.economy is not None and reported(report)
            else None
        )

    return get
