"""The plan's targets and their attainment (htx plan, revision 0009_plans) as a table of the report:
Chỉ tiêu | Kế hoạch | Thực hiện | [Ước thực hiện cả năm] | Thực hiện so với kế hoạch | Cùng kỳ |
Tăng (+), giảm (−) so với cùng kỳ (the estimate's own attainment is the narrative's). The one year's
layout shows it for its year, a range's for each of its years."""

from __future__ import annotations

from htxcli.domain import messages
from htxcli.domain.plans import MONEY, PERCENT, Attainment
from htxcli.domain.report import Change, Count, Label, Money, Quantity, Share, YearReport
from htxcli.domain.vocab import INDICATORS
from htxcli.render.layout import Block, Cell


def plan_blocks(report: YearReport) -> list[Block]:
    """Chỉ tiêu | Kế hoạch | Thực hiện | % kế hoạch | Cùng kỳ | Tăng (+), giảm (−), and the estimate of
    the whole year when one was recorded; none when no target covers the year."""
    if not report.plan:
        return []

    def quantity(a: Attainment, value: float | None) -> Quantity | None:
        if value is None:
            return None
        if a.unit == PERCENT:
            return Share(round(value * 10))
        return Money(int(value)) if a.unit == MONEY else Count(int(value))

    estimates = any(a.estimate is not None for a in report.plan)
    headers = [messages.PLAN_COLUMNS[c] for c in ("indicator", "target", "actual", "percent")]
    # The same period a year earlier, by its year ("Cùng kỳ năm 2025"), then the change against it.
    headers += [messages.PLAN_PREVIOUS_YEAR.format(year=report.year - 1), messages.PLAN_COLUMNS["change"]]
    if estimates:
        headers.insert(3, messages.PLAN_COLUMNS["estimate"])
    block = Block(
        plan_title(report),
        headers,
        numeric=frozenset(range(1, len(headers))),
        sheet=messages.SHEET_PLAN,
        by_line=True,
        caption=messages.REPORT_PLAN_SHARES if any(a.unit == PERCENT for a in report.plan) else None,
    )
    for a in report.plan:
        name = INDICATORS.label(a.indicator)
        if a.unit == MONEY:  # the cells hold bare amounts: the label says what they are per
            name = messages.PLAN_MONEY_LABELS.get(a.indicator, "{indicator}").format(indicator=name)
        if a.span:
            name = messages.PLAN_SPAN_LABEL.format(indicator=name, first=a.first, last=a.last)
        if a.area:
            name = f"{name} ({a.area})"
        actual, before = quantity(a, a.actual), quantity(a, a.previous_year)
        row: list[Cell] = [
            Label(name),
            quantity(a, a.target),
            actual,
            None if a.percent is None else Share(round(a.percent * 10)),
            before,
            None if actual is None or before is None else Change.between(before, actual),
        ]
        if estimates:
            row.insert(3, quantity(a, a.estimate))
        block.rows.append(row)
    return [block]


def plan_title(report: YearReport) -> str:
    return messages.REPORT_PLAN_TITLE.format(year=report.year)
