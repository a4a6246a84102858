"""`htx report YEAR --check`: what should be looked at before a report is signed (issue 24).

The report's own sums are checked on the report as built (its parts against its totals: these should
never fire, and are the report's safety net); everything else is an SQL aggregate over the
organisations the report counts (store/report_checks.py), in the report's area and period.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from htxcli.domain import messages
from htxcli.domain.periods import Period
from htxcli.domain.reform import REFORM_DAY
from htxcli.domain.report import Block, Report, YearReport
from htxcli.domain.values import format_count, format_date, format_money
from htxcli.store.uow import UnitOfWork

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from htxcli.store.report_checks import ReportChecks

# The check keys of the JSON form, in the order the checks run.
CHECKS = (
    "totals",
    "no-address",
    "unrated",
    "rated-not-active",
    "support-outside-life",
    "figures-unit",
    "figures-profit",
    "figures-coverage",
    "figures-jump",
    "suspension-overdue",
    "dissolving-long",
)
REVENUE_ABOVE = 100_000_000_000  # an average revenue above 100 tỷ đồng: a unit off?
INCOME_ABOVE = 1_200_000_000  # a worker's income above 1,2 tỷ đồng a year
INCOME_BELOW = 1_000_000  # … or under 1 triệu a year: a monthly figure?
CODES_SHOWN = 10  # codes on a finding's line; the JSON has them all


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    message: str
    codes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"check": self.check, "message": self.message, "codes": self.codes}


def findings(engine: Engine, report: Report) -> list[Finding]:
    """The findings of the report as built (its years, area and periods), in CHECKS order per year."""
    from htxcli.store.report_checks import ReportChecks

    out: list[Finding] = []
    with UnitOfWork(engine, read_only=True) as uow:
        for year in report.years:
            # The year's own area: from the 2025 reform on, placed by the address in force at its end.
            checks = ReportChecks(uow.connection, year.area)
            out.extend(_totals(year))
            out.extend(_organisations(checks, year))
            if year.economy is not None:
                out.extend(_figures(checks, year))
            out.extend(_statuses(checks, year))
    return out


def _shown(codes: list[str]) -> str:
    if len(codes) <= CODES_SHOWN:
        return ", ".join(codes)
    return messages.CHECK_MORE_CODES.format(
        codes=", ".join(codes[:CODES_SHOWN]), count=len(codes) - CODES_SHOWN
    )


def _found(check: str, message: str, codes: list[str], **values: object) -> Finding:
    text = message.format(count=format_count(len(codes)), codes=_shown(codes), **values)
    return Finding(check, text, codes)


# --- the report's own sums --------------------------------------------------------------------------


def _totals(report: YearReport) -> Iterator[Finding]:
    year = report.year
    totals = report.totals
    yield from _sums(year, messages.CHECK_PART_KINDS, report.organisations.values(), totals.organisations)
    for kind, block in report.organisations.items():
        parts = sum(block.figure(m).value for m in ("operating", "suspended", "being_dissolved", "revoked"))
        for total in (block.registered.value, block.active.value):
            if parts != total:
                yield _mismatch(year, messages.CHECK_PART_STATUSES.format(kind=kind), parts, total)
    ratings = report.ratings
    for parts_of, total in (
        (ratings.grades, ratings.rated.value),
        (ratings.bands, ratings.rated.value),
    ):
        parts = sum(count.value for count in parts_of.values())
        if parts != total:
            yield _mismatch(year, messages.CHECK_PART_RATINGS, parts, total)
    shares = sum(p.value for p in ratings.percent.values())
    if ratings.rated.value and shares != 100:
        yield _mismatch(year, messages.CHECK_PART_SHARES, shares, 100)
    places = (
        (messages.CHECK_PART_DISTRICTS, report.districts, totals.districts),
        (messages.CHECK_PART_COMMUNES, report.communes, totals.communes),
        (messages.CHECK_PART_FORMER_PROVINCES, report.former_provinces, totals.former_provinces),
    )
    for label, blocks, sums in places:
        if not blocks or sums is None:
            continue  # not shown (districts after the reform): nothing to add up
        for name, kinds in blocks.items():
            yield from _sums(year, label, kinds.values(), sums[name])
        yield from _sums(year, label, sums.values(), totals.organisations)
    yield from _sums(year, messages.CHECK_PART_SUPPORT, report.support.values(), totals.support)


def _sums(year: int, label: str, parts: Iterable[Block], total: Block) -> Iterator[Finding]:
    """Each metric the total holds, against the sum of the parts (a metric a part lacks counts 0)."""
    parts = list(parts)
    for m in type(total).metrics():
        added = sum(part.figure(m.name).value for part in parts if hasattr(part, m.name))
        if added != total.figure(m.name).value:
            yield _mismatch(year, f"{label} ({m.label()})", added, total.figure(m.name).value)


def _mismatch(year: int, part: str, parts: int, total: int) -> Finding:
    message = messages.CHECK_TOTALS.format(
        year=year, part=part, parts=format_count(parts), total=format_count(total)
    )
    return Finding("totals", message)


# --- the organisations counted -------------------------------------------------------------------


def _organisations(checks: ReportChecks, report: YearReport) -> Iterator[Finding]:
    period = _period(report)
    year = report.year
    unplaced = checks.no_address(period)
    if unplaced:
        if period.last < REFORM_DAY:
            yield _found("no-address", messages.CHECK_NO_DISTRICT, unplaced, year=year)
        else:
            day = format_date(period.last)
            yield _found("no-address", messages.CHECK_NO_COMMUNE, unplaced, year=year, day=day)
    unrated = checks.unrated(period, year)
    if unrated:
        yield _found("unrated", messages.CHECK_UNRATED, unrated, year=year)
    inactive = checks.rated_not_active(period, year)
    if inactive:
        yield _found("rated-not-active", messages.CHECK_RATED_NOT_ACTIVE, inactive, year=year)
    outside = checks.support_outside_life(period)
    if outside:
        yield _found("support-outside-life", messages.CHECK_SUPPORT_OUTSIDE_LIFE, outside, year=year)


def _figures(checks: ReportChecks, report: YearReport) -> Iterator[Finding]:
    """The yearly figures, where the year has any."""
    assert report.economy is not None
    totals = report.economy.totals
    if not totals.reporting.value:
        return
    period = _period(report)
    year = report.year
    revenue = totals.average("revenue_vnd")
    if revenue is not None and revenue.value > REVENUE_ABOVE:
        codes = checks.figures_above(period, year, "revenue_vnd", REVENUE_ABOVE)
        yield _found(
            "figures-unit",
            messages.CHECK_REVENUE_HIGH,
            codes,
            year=year,
            amount=format_money(revenue.value),
            limit=format_money(REVENUE_ABOVE),
        )
    income = totals.average("income_vnd_per_year")
    if income is not None and income.value > INCOME_ABOVE:
        codes = checks.figures_above(period, year, "income_vnd_per_year", INCOME_ABOVE)
        yield _found(
            "figures-unit",
            messages.CHECK_INCOME_HIGH,
            codes,
            year=year,
            amount=format_money(income.value),
            limit=format_money(INCOME_ABOVE),
        )
    if income is not None and income.value < INCOME_BELOW:
        codes = checks.figures_below(period, year, "income_vnd_per_year", INCOME_BELOW)
        yield _found(
            "figures-unit",
            messages.CHECK_INCOME_LOW,
            codes,
            year=year,
            amount=format_money(income.value),
            limit=format_money(INCOME_BELOW),
        )
    above = checks.profit_above_revenue(period, year)
    if above:
        yield _found("figures-profit", messages.CHECK_PROFIT_ABOVE_REVENUE, above, year=year)
    if totals.reporting.value * 2 < totals.active.value:
        codes = checks.not_reporting(period, year)
        yield _found(
            "figures-coverage",
            messages.CHECK_FIGURES_COVERAGE,
            codes,
            year=year,
            reporting=format_count(totals.reporting.value),
            active=format_count(totals.active.value),
        )
    for name, codes in checks.jumps(period, year).items():
        yield _found(
            "figures-jump",
            messages.CHECK_FIGURES_JUMP,
            codes,
            year=year,
            figure=messages.HEADERS[name],
            previous=year - 1,
        )


def _statuses(checks: ReportChecks, report: YearReport) -> Iterator[Finding]:
    """On the period's last day, or today while the period runs."""
    day = min(_period(report).last, date.today())
    shown = format_date(day)
    overdue = checks.suspension_overdue(day)
    if overdue:
        yield _found("suspension-overdue", messages.CHECK_SUSPENSION_OVERDUE, overdue, day=shown)
    long = checks.dissolving_long(day)
    if long:
        yield _found("dissolving-long", messages.CHECK_DISSOLVING_LONG, long, day=shown)


def _period(report: YearReport) -> Period:
    return report.period or Period.year(report.year)


def as_json(found: list[Finding]) -> Mapping[str, object]:
    return {"findings": [f.as_json() for f in found]}
