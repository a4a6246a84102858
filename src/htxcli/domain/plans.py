"""Plans: a target for an indicator over a year or a span of years ("10 new-model cooperatives by
2020"), and how much of it was achieved.

An indicator is a figure the yearly report already computes; a span's target is cumulative over the
span, so its attainment in a year adds the flows from the span's first year up to that year (a stock,
a share or an average is the year's own). Percent of plan is of the whole target, one decimal, half
up; None when the target is 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue

COUNT, MONEY, PERCENT = "count", "money", "percent"
# Each indicator's unit: how its target is typed and its values written.
UNITS = {
    "good-fair-share": PERCENT,
    "average-revenue": MONEY,
    "average-profit": MONEY,
    "average-income": MONEY,
}
# Flows: counted within a period, so a span's actual adds its years up. The rest are the year's own.
FLOWS = frozenset(
    {"new-cooperatives", "new-groups", "new-unions", "new-credit-funds", "dissolved-cooperatives",
     "new-model", "new-members"}
)  # fmt: skip
# Computed from the organisations' yearly figures (revision 0007).
FROM_FIGURES = frozenset(
    {"new-members", "average-revenue", "average-profit", "average-income", "high-tech", "value-chain",
     "ocop-products"}
)  # fmt: skip


def unit_of(indicator: str) -> str:
    return UNITS.get(indicator, COUNT)


_SPAN = re.compile(r"\s*(\d{4})\s*(?:\.\.|[-\u2013\u2014])\s*(\d{4})\s*")


def parse_span(field: str, value: str) -> tuple[int, int]:
    """'2026' -> (2026, 2026); '2018-2020' (or 2018..2020, 2018–2020) -> (2018, 2020)."""
    from htxcli.domain.values import parse_year

    found = _SPAN.fullmatch(value)
    if found is None:
        year = parse_year(field, value.strip())
        return year, year
    first, last = parse_year(field, found[1]), parse_year(field, found[2])
    if last < first:
        raise InvalidValue(field, value, messages.YEARS_BACKWARDS)
    return first, last


def format_span(first: int, last: int) -> str:
    """As the contract writes it: 2026, or 2018-2020."""
    return str(first) if first == last else f"{first}-{last}"


def parse_target(field: str, indicator: str, value: str | int, *, typed: bool = True) -> int:
    """A target or an estimate in the indicator's unit: a count, đồng ('2,5 tỷ'), or whole percent
    (70 or 70%). An income target is stored per year, as the figures are, and typed with its period
    ('6 triệu/tháng', '72 triệu/năm'): a bare amount typed by a clerk could be either, and a monthly
    target read as yearly put the report at 1.786% of plan. A file's bare amount is the contract's,
    đồng a year (`typed=False`)."""
    from htxcli.domain.figures import has_period, parse_income
    from htxcli.domain.values import parse_count, parse_int, parse_money

    unit = unit_of(indicator)
    if indicator == "average-income" and isinstance(value, str) and (typed or has_period(value)):
        return parse_income(field, value)
    if unit == MONEY:
        return parse_money(field, value)
    if unit == PERCENT:
        text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
        return parse_int(field, text, maximum=100)
    return parse_count(field, value)


def format_target(indicator: str, value: int) -> str:
    """A target or estimate in its unit: 35, 2.500.000.000 ₫/HTX, 72.000.000 ₫/người/năm, 70%."""
    from htxcli.domain.values import format_count, format_money

    unit = unit_of(indicator)
    if unit == MONEY:
        return money_in_unit(indicator, format_money(value))
    return f"{format_count(value)}%" if unit == PERCENT else format_count(value)


def money_in_unit(indicator: str, amount: str) -> str:
    """A money indicator's amount with what it is per: '1,5 tỷ đồng/HTX', '72 triệu đồng/người/năm'."""
    pattern: str = messages.PLAN_MONEY_UNITS.get(indicator, "{amount}")
    return pattern.format(amount=amount)


def percent_of(actual: int | float | None, target: int | None) -> float | None:
    """actual / target in percent, one decimal, half up; None when either is missing or the target 0."""
    if actual is None or not target:
        return None
    exact = Decimal(repr(actual)) * 100 / Decimal(target)
    return float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Attainment:
    """One target covering a report's year, and what was achieved: the JSON's `plan` entry."""

    indicator: str
    area: str | None  # as given; None for the whole province
    first: int
    last: int
    target: int | None
    actual: int | float | None  # for a span of flows, cumulative from its first year
    previous_year: int | float | None  # the same figure a year earlier ("so với cùng kỳ")
    estimate: int | None = None  # "ước thực hiện cả năm", when recorded

    @property
    def percent(self) -> float | None:
        return percent_of(self.actual, self.target)

    @property
    def estimate_percent(self) -> float | None:
        """The whole-year estimate against the target ("ước đạt 60,0% kế hoạch"); not in the JSON."""
        return percent_of(self.estimate, self.target)

    @property
    def change(self) -> int | float | None:
        if self.actual is None or self.previous_year is None:
            return None
        by = self.actual - self.previous_year
        return round(by, 1) if isinstance(by, float) else by

    @property
    def span(self) -> bool:
        return self.first != self.last

    @property
    def unit(self) -> str:
        return unit_of(self.indicator)
