"""The yearly report as JSON for scripts: the contract's keys (README, "The yearly report"), plain
integers, and the totals under "totals"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from htxcli.domain.report import (
    ECONOMY,
    ECONOMY_FLAGS,
    Economy,
    Money,
    Report,
    Tenths,
    YearReport,
    figures,
    raw,
)


def as_json(report: Report, *, single: bool) -> Any:
    """One object for one year (with --compare too), a list of them for a range."""
    years = [year_object(one) for one in report.years]
    return years[0] if single else years


def year_object(report: YearReport) -> dict[str, Any]:
    out: dict[str, Any] = {"year": report.year}
    if report.area is not None:
        out[report.area.level] = report.area_name
    if report.period is not None:
        out["period"] = {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()}
    out["organisations"] = {kind: _plain(block) for kind, block in report.organisations.items()}
    ratings = report.ratings
    out["ratings"] = {
        **{m.name: ratings.figure(m.name).value for m in ratings.metrics()},  # rated, unrated, not_rated
        "grades": _values(ratings.grades),
        "bands": _values(ratings.bands),
        "percent": _values(ratings.percent),
    }
    out["support"] = {program: _plain(block) for program, block in report.support.items()}
    # Field by field: a programme may name thousands, and _plain's generic walk costs 10 ms a report.
    out["new_model"] = [{"code": r.code, "name": r.name, "district": r.district} for r in report.new_model]
    if report.communes is not None:  # from the 2025 reform on, each with its commune of the new scheme
        for named, r in zip(out["new_model"], report.new_model, strict=True):
            named["commune"] = r.commune
    out["districts"] = {
        name: {kind: _plain(block) for kind, block in blocks.items()}
        for name, blocks in report.districts.items()
    }
    for key, places in (("communes", report.communes), ("former_provinces", report.former_provinces)):
        if places is not None:
            out[key] = {
                name: {kind: _plain(block) for kind, block in blocks.items()}
                for name, blocks in places.items()
            }
    totals = report.totals
    out["totals"] = {
        "organisations": _plain(totals.organisations),
        "support": _plain(totals.support),
        "districts": {name: _plain(block) for name, block in totals.districts.items()},
    }
    for key, sums in (("communes", totals.communes), ("former_provinces", totals.former_provinces)):
        if sums is not None:
            out["totals"][key] = {name: _plain(block) for name, block in sums.items()}
    if report.economy is not None:
        out["economy"] = economy_object(report)
    if report.plan is not None:
        out["plan"] = [
            {
                "indicator": a.indicator,
                "area": a.area,
                "span": [a.first, a.last],
                "target": a.target,
                "actual": a.actual,
                "percent": a.percent,
                "previous_year": a.previous_year,
                "change": a.change,
                "estimate": a.estimate,
            }
            for a in report.plan
        ]
    if report.previous is not None:
        out["previous"] = year_object(report.previous)
    return out


def economy_object(report: YearReport) -> dict[str, Any]:
    """Each kind's block, their totals, and the blocks by place as the report's other keys have them;
    with --compare, each average's change against the year before."""
    economy = report.economy
    assert economy is not None
    before = report.previous.economy if report.previous is not None else None

    def blocks(now: dict[str, Economy] | None, then: dict[str, Economy] | None) -> dict[str, Any]:
        return {
            name: _economy(block, (then or {}).get(name) if before else None)
            for name, block in (now or {}).items()
        }

    out: dict[str, Any] = blocks(economy.kinds, before.kinds if before else None)
    out["totals"] = _economy(economy.totals, before.totals if before else None)
    out["districts"] = blocks(economy.districts, before.districts if before else None)
    if economy.communes is not None:
        out["communes"] = blocks(economy.communes, before.communes if before else None)
    if economy.former_provinces is not None:
        out["former_provinces"] = blocks(
            economy.former_provinces, before.former_provinces if before else None
        )
    return out


def _economy(block: Economy, before: Economy | None) -> dict[str, Any]:
    """{"active", "reporting", one object per figure (sum, average, reporting; the income's average,
    basis and reporting), "high_tech", "value_chain"}, figures in the contract's order."""
    out: dict[str, Any] = {"active": block.active.value, "reporting": block.reporting.value}
    for m in block.metrics(ECONOMY):
        average = _average(block.average(m.name))
        if m.name == "income_vnd_per_year":
            figure: dict[str, Any] = {"average": average, "basis": block.income_basis}
        else:
            total = block.total_of(m.name)
            figure = {"sum": None if total is None else total.value, "average": average}
        figure["reporting"] = block.given(m.name)
        if before is not None:
            figure["change"] = _change(_average(before.average(m.name)), average)
        out[m.name] = figure
    for m in block.metrics(ECONOMY_FLAGS):
        out[m.name] = block.figure(m.name).value
    return out


def _average(value: Money | Tenths | None) -> int | float | None:
    if value is None:
        return None
    return value.value / 10 if isinstance(value, Tenths) else value.value


def _change(before: int | float | None, after: int | float | None) -> dict[str, Any] | None:
    """An average against the year before: the difference in its unit, and in percent of the year
    before's (one decimal, half up; null when that was 0); null when either year has none."""
    if before is None or after is None:
        return None
    by = after - before
    percent = None
    if before:
        exact = (Decimal(repr(after)) - Decimal(repr(before))) * 100 / Decimal(repr(before))
        percent = float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return {"by": round(by, 1) if isinstance(by, float) else by, "percent": percent}


def _values(values: dict[str, Any]) -> dict[str, int]:
    return {key: value.value for key, value in values.items()}


def _plain(record: object) -> dict[str, Any]:
    return {name: None if value is None else raw(value) for name, value in figures(record)}
