"""The report's economy as SQL aggregates: per place and kind, the additive sums of the yearly figures
of the organisations active at the period's end that reported anything for the year, one column per
metric of domain.report.Economy (which derives the averages and the income's basis from them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from htxcli.domain.figures import FLAG_FIGURES, NUMBERS, REPORTED
from htxcli.domain.periods import Period
from htxcli.store.areas import district_on, former_province, new_commune_on
from htxcli.store.periods import in_force
from htxcli.store.schema import figures, organisation


def economy_query(period: Period, year: int, *, by_address: bool) -> Select[Any]:
    f, o = figures.c, organisation.c
    last = period.last
    places: list[Any] = (
        [district_on(last), new_commune_on(last), former_province()] if by_address else [o.district]
    )
    names = ("district", "commune", "former_province")
    both = and_(f.income_vnd_per_year.is_not(None), f.workers.is_not(None))
    columns: list[Any] = [
        *(place.label(name) for place, name in zip(places, names, strict=False)),
        o.kind,
        func.count().label("reporting"),
        *(func.coalesce(func.sum(f[name]), 0).label(name) for name in NUMBERS),
        *(func.count(f[name]).label(f"{name}_given") for name in NUMBERS),
        func.coalesce(func.sum(case((both, f.income_vnd_per_year * f.workers), else_=None)), 0).label(
            "income_weighted"
        ),
        func.coalesce(func.sum(case((both, f.workers), else_=None)), 0).label("income_workers"),
        func.count(case((both, 1), else_=None)).label("income_with_workers"),
        *(func.count(case((f[name].is_(True), 1), else_=None)).label(name) for name in FLAG_FIGURES),
        *(func.count(f[name]).label(f"{name}_given") for name in FLAG_FIGURES),  # answered yes or no
    ]
    return (
        select(*columns)
        .select_from(figures.join(organisation, o.id == f.organisation_id))
        .where(
            f.year == year,
            in_force(o.founded, o.dissolved, Period.day(last)),
            or_(*(f[name].is_not(None) for name in REPORTED)),
        )
        .group_by(*places, o.kind)
    )


def ended_reporting_query(period: Period, year: int) -> Select[Any]:
    """How many organisations whose life ended within the period (dissolved or bankrupt, so not active
    at its end) reported figures for `year`: the economy leaves them out, and the report says so."""
    f, o = figures.c, organisation.c
    return (
        select(func.count())
        .select_from(figures.join(organisation, o.id == f.organisation_id))
        .where(
            f.year == year,
            o.dissolved.is_not(None),
            o.dissolved.between(period.first, period.last),
            or_(*(f[name].is_not(None) for name in REPORTED)),
        )
    )
