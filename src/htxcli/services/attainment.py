"""What a year achieved against the plan's targets (htx plan): each indicator measured on the year's
report, a span's flows added up from its first year, and the same figure a year earlier."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.plans import FLOWS, Attainment, percent_of
from htxcli.domain.report import YearReport
from htxcli.domain.vocab import INDICATORS

Number = int | float | None
YearReportOf = Callable[[int, Period | None], YearReport]
PeriodOf = Callable[..., Period]

# The indicators that count organisations of one kind: (kind, the Organisations metric).
_ORGANISATIONS = {
    "new-cooperatives": ("cooperative", "new"),
    "new-groups": ("group", "new"),
    "new-unions": ("union", "new"),
    "new-credit-funds": ("credit-fund", "new"),
    "operating-cooperatives": ("cooperative", "operating"),
    "dissolved-cooperatives": ("cooperative", "dissolved"),
}
# The indicators read from the cooperatives' yearly figures (revision 0007): a sum, or an average.
_SUMS = {"new-members": ("new_members",), "ocop-products": ("ocop_3", "ocop_4", "ocop_5")}
_AVERAGES = {
    "average-revenue": "revenue_vnd",
    "average-profit": "profit_vnd",
    "average-income": "income_vnd_per_year",
}
_FLAGS = {"high-tech": "high_tech", "value-chain": "value_chain"}


def measure(indicator: str, report: YearReport) -> Number:
    """The indicator's value in one year's report; None when the registry holds nothing to measure
    it by (no yearly figures, nobody rated)."""
    if indicator in _ORGANISATIONS:
        kind, metric = _ORGANISATIONS[indicator]
        return report.organisations[kind].figure(metric).value
    if indicator == "new-model":
        return report.support["new-model"].organisations.value
    if indicator == "good-fair-share":
        ratings = report.ratings
        return percent_of(ratings.bands.get("effective", _zero()).value, ratings.rated.value)
    economy = report.economy
    if economy is None:
        return None
    # The cooperatives' figures, as the report's paragraph gives them ("doanh thu bình quân … đồng/HTX",
    # "… HTX ứng dụng công nghệ cao"): a credit fund's revenue averaged in made the plan's line and the
    # paragraph above it two different averages of one report.
    totals = economy.kinds["cooperative"]
    if indicator in _SUMS:
        given = [totals.total_of(name) for name in _SUMS[indicator]]
        known = [g.value for g in given if g is not None]
        return sum(known) if known else None
    if indicator in _AVERAGES:
        average = totals.average(_AVERAGES[indicator])
        return None if average is None else average.value
    if indicator in _FLAGS:
        return totals.figure(_FLAGS[indicator]).value if totals.reporting.value else None
    raise AssertionError(indicator)


def _zero() -> Any:
    from htxcli.domain.report import Count

    return Count(0)


def attainments(
    plans: Sequence[Any], report: YearReport, year_report: YearReportOf, period_of: PeriodOf
) -> list[Attainment] | None:
    """The targets of `plans` that apply to the report's area, each with what was achieved; None
    when none applies."""
    found = []
    for plan in plans:
        if not _same_area(plan, report.area):
            continue
        indicator, first, year = plan["indicator"], plan["first_year"], report.year
        cumulative = indicator in FLOWS and plan["last_year"] > first

        def earlier(years: range, indicator: str = indicator) -> Number:
            return _sum(measure(indicator, year_report(y, None)) for y in years)

        actual = measure(indicator, report)
        previous: Number = None
        if year - 1 >= 1900:
            previous = measure(indicator, year_report(year - 1, period_of(year, before=True)))
        if cumulative:
            actual = _sum([actual, earlier(range(first, year))])
            previous = _sum([previous, earlier(range(first, year - 1))]) if year > first else None
        estimate = plan["estimate"] if year == plan["first_year"] == plan["last_year"] else None
        found.append(
            Attainment(
                indicator, plan["area"], first, plan["last_year"], plan["target"], actual, previous, estimate
            )
        )
    order = {key: i for i, key in enumerate(INDICATORS.keys)}
    found.sort(key=lambda a: (order[a.indicator], a.first, a.last))
    return found or None


def _sum(values: Any) -> Number:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _same_area(plan: Any, area: Area | None) -> bool:
    """A province's target applies to the province's report, a district's or commune's to the
    report of that district or commune."""
    if area is None:
        return not plan["area_key"]
    return bool(plan["area_level"] == area.level and plan["area_key"] == area.key)
