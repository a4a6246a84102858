"""The queries behind `htx export`: each contract file's rows, in a stable order, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from htxcli.domain.periods import Period
from htxcli.domain.records import ORGANISATION_FIELDS
from htxcli.store.periods import in_force
from htxcli.store.schema import organisation, rating, support

YIELD_PER = 5000  # rows fetched at a time: nothing holds a whole file


def export_rows(
    connection: Connection, table: str, year: int | None, period: Period | None = None
) -> Iterator[dict[str, Any]]:
    """The rows of the contract file `table` (cooperatives, ratings, support), of `year` if given:
    ratings of that rating year; support dated in `period`, cooperatives active during it (the
    reporting period named `year`, the calendar year unless the registry's periods start elsewhere)."""
    if year is not None and period is None:
        period = Period.year(year)
    result = connection.execution_options(yield_per=YIELD_PER).execute(_query(table, year, period))
    for row in result.mappings():
        yield dict(row)


def _query(table: str, year: int | None, period: Period | None) -> Select[Any]:
    o = organisation.c
    if table == "cooperatives":
        query = select(*(getattr(o, f) for f in ORGANISATION_FIELDS)).order_by(o.code)
        if period is not None:
            query = query.where(in_force(o.founded, o.dissolved, period))
        return query
    if table == "ratings":
        r = rating.c
        query = (
            select(o.code, r.year, r.grade, r.score, r.note)
            .select_from(rating.join(organisation, r.organisation_id == o.id))
            .order_by(o.code, r.year)
        )
        return query.where(r.year == year) if year is not None else query
    s = support.c
    query = (
        select(o.code, s.program, s.date, s.amount_vnd, s.quantity, s.unit, s.reference, s.note)
        .select_from(support.outerjoin(organisation, s.organisation_id == o.id))
        .order_by(
            s.date,
            func.coalesce(o.code, ""),
            s.program,
            func.coalesce(s.reference, ""),
            s.amount_vnd,
            s.quantity,
            func.coalesce(s.unit, ""),
            func.coalesce(s.note, ""),
            s.id,
        )
    )
    if period is not None:
        query = query.where(s.date.between(period.first, period.last))
    return query
