"""The yearly report as tidy CSV rows for scripts: one value per row (year, section, key, metric,
value), hledger's layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from htxcli.domain.periods import Period
from htxcli.domain.report import Report, YearReport, figures, raw

TIDY_FIELDS = ("year", "section", "key", "metric", "value")


def tidy(report: Report) -> Iterator[dict[str, Any]]:
    """With --compare the year before comes first, once."""
    seen: set[int] = set()
    for year in report.years:
        for one in (year.previous, year):
            if one is not None and one.year not in seen:
                seen.add(one.year)
                yield from _tidy_year(one)


def _tidy_year(report: YearReport) -> Iterator[dict[str, Any]]:
    year = report.year

    def row(section: str, key: str, metric: str, value: Any) -> dict[str, Any]:
        return {"year": year, "section": section, "key": key, "metric": metric, "value": value}

    def rows(section: str, key: str, record: object) -> Iterator[dict[str, Any]]:
        for metric, value in figures(record):
            if value is not None:  # a unit only where the records agree on one
                yield row(section, key, metric, raw(value))

    period = report.period
    if period is not None and period != Period.year(year):
        # Its days, where they are not the calendar year's (from 15/12, or --as-of): a calendar year's
        # report keeps its rows exactly, and a script reading none knows the year is the calendar's.
        yield row("period", "", "from", period.first.isoformat())
        yield row("period", "", "to", period.last.isoformat())
    for kind, block in report.organisations.items():
        yield from rows("organisations", kind, block)
    ratings = report.ratings
    for m in ratings.metrics():  # rated, unrated, not_rated
        yield row("ratings", m.name, "count", ratings.figure(m.name).value)
    for grade, count in ratings.grades.items():
        yield row("grades", grade, "count", count.value)
    for band, count in ratings.bands.items():
        yield row("bands", band, "count", count.value)
        yield row("bands", band, "percent", ratings.percent[band].value)
    for program, support in report.support.items():
        yield from rows("support", program, support)
    for recipient in report.new_model:
        yield row("new_model", recipient.code, "name", recipient.name)
    for name, blocks in report.districts.items():
        for kind, block in blocks.items():
            yield from rows(f"districts/{name}", kind, block)
    # From the 2025 reform on (None before it, so earlier years keep their rows exactly).
    for section, places in (("communes", report.communes), ("former_provinces", report.former_provinces)):
        for name, blocks in (places or {}).items():
            for kind, block in blocks.items():
                yield from rows(f"{section}/{name}", kind, block)
    if report.economy is not None:  # a registry that holds yearly figures (revision 0007)
        yield from _economy_rows(report, row)
    for a in report.plan or ():  # the targets covering the year (htx plan)
        key = a.indicator if not a.span else f"{a.indicator}:{a.first}-{a.last}"
        if a.area:
            key += f"/{a.area}"
        values = {
            "target": a.target,
            "actual": a.actual,
            "percent": a.percent,
            "previous_year": a.previous_year,
            "change": a.change,
            "estimate": a.estimate,
        }
        for metric, value in values.items():
            if value is not None:
                yield row("plan", key, metric, value)


def _economy_rows(report: YearReport, row: Any) -> Iterator[dict[str, Any]]:
    """The JSON's economy object, one value per row: section economy (economy/districts/NAME …), key
    the kind or `totals`, metric `revenue_vnd.average` …; a figure nobody gave has no row."""
    from htxcli.render.report_json import economy_object

    def flat(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from flat(f"{prefix}.{key}" if prefix else key, inner)
        elif value is not None:
            yield prefix, value

    economy = economy_object(report)
    for key in ("cooperative", "group", "union", "credit-fund", "totals"):
        for metric, value in flat("", economy[key]):
            yield row("economy", key, metric, value)
    for section in ("districts", "communes", "former_provinces"):
        for name, block in economy.get(section, {}).items():
            for metric, value in flat("", block):
                yield row(f"economy/{section}/{name}", "totals", metric, value)
