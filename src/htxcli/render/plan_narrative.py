"""The plan's part of the report's prose (render/narrative.py's topics): each target covering the year,
measured as provincial reports measure a year against its plan."""

from __future__ import annotations

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.plans import Attainment
from htxcli.domain.report import YearReport
from htxcli.render.prose import number, one_decimal, press_money


def plan_sentences(report: YearReport) -> list[str]:
    """Each target covering the year, as provincial reports measure a year against its plan: "HTX
    thành lập mới: 29 HTX, đạt 116,0% kế hoạch, vượt kế hoạch 4 HTX (kế hoạch năm 2018 là 25 HTX)";
    for a span, "lũy kế 2018–2020 đạt 4/10 mô hình (40,0%)"."""
    from htxcli.domain.vocab import INDICATORS

    sentences = []
    for a in report.plan or ():
        name = INDICATORS.label(a.indicator) if current() == "vi" else a.indicator
        values = {
            "indicator": name,
            "year": report.year,
            "first": a.first,
            "last": a.last,
            "target": _plan_value(a, a.target),
            "actual": _plan_value(a, a.actual),
            "bare": _plan_value(a, a.actual, unit=False),
            "percent": "" if a.percent is None else one_decimal(a.percent) + "%",
        }
        if a.target is None:
            sentence = messages.NARRATIVE_PLAN_ACTUAL_ONLY.format(**values)
        elif a.actual is None:
            sentence = messages.NARRATIVE_PLAN_NO_FIGURES.format(**values)
        elif a.span:
            pattern = (
                messages.NARRATIVE_PLAN_SPAN if a.percent is not None else messages.NARRATIVE_PLAN_SPAN_ZERO
            )
            sentence = pattern.format(**values)
        else:
            pattern = (
                messages.NARRATIVE_PLAN_YEAR if a.percent is not None else messages.NARRATIVE_PLAN_YEAR_ZERO
            )
            sentence = pattern.format(**values)
        if a.target is not None and a.actual is not None and a.actual > a.target:
            excess = a.actual - a.target
            sentence += messages.NARRATIVE_PLAN_OVER.format(excess=_excess(a, excess))
        if a.estimate is not None:
            attained = a.estimate_percent
            pattern = (
                messages.NARRATIVE_PLAN_ESTIMATE
                if attained is None
                else messages.NARRATIVE_PLAN_ESTIMATE_PERCENT
            )
            percent = "" if attained is None else one_decimal(attained) + "%"
            sentence += pattern.format(estimate=_plan_value(a, a.estimate), percent=percent)
        sentences.append(sentence + ".")
    return sentences


def _excess(a: Attainment, excess: float) -> str:
    """How far the actual is above the target: 4 HTX, 1,15 tỷ đồng, or for a share 2,5 điểm phần
    trăm (62,5% against 60%: "2,5%" would read as a percent of the target)."""
    from htxcli.domain.plans import PERCENT

    if a.unit == PERCENT:
        return messages.NARRATIVE_PERCENTAGE_POINTS.format(points=one_decimal(float(excess)))
    return _plan_value(a, excess)


def _plan_value(a: Attainment, value: float | None, *, unit: bool = True) -> str:
    """A target or an actual in its indicator's unit: 25 HTX, 4 mô hình, 1,15 tỷ đồng, 28,9%."""
    from htxcli.domain.plans import MONEY, PERCENT, money_in_unit

    if value is None:
        return ""
    if a.unit == PERCENT:
        return one_decimal(float(value)) + "%"
    if a.unit == MONEY:
        return money_in_unit(a.indicator, press_money(int(value))) if unit else press_money(int(value))
    counted = number(int(value))
    return messages.PLAN_UNITS[a.indicator].format(count=counted) if unit else counted
