"""The yearly report as JSON for scripts: the contract's keys (README, "The yearly report"), plain
integers, and the totals under "totals"."""

from __future__ import annotations

from typing import Any

from htxcli.domain.report import Report, YearReport, figures, raw


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
    if report.previous is not None:
        out["previous"] = year_object(report.previous)
    return out


def _values(values: dict[str, Any]) -> dict[str, int]:
    return {key: value.value for key, value in values.items()}


def _plain(record: object) -> dict[str, Any]:
    return {name: None if value is None else raw(value) for name, value in figures(record)}
