"""Recording an organisation's yearly figures, and reading them back year by year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from htxcli.domain.errors import InvalidValue
from htxcli.domain.figures import VALUE_FIELDS, figure_doubts
from htxcli.domain.records import check_rating_year, parse_rating_year
from htxcli.services.history import record_change
from htxcli.services.registry import require
from htxcli.services.settings import period_start
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class FiguresResult:
    code: str
    year: int
    changed: list[str]  # the fields whose value changed, in the contract's order
    new: bool  # the year had no row before
    doubts: list[InvalidValue] = field(default_factory=list)  # slips, recorded all the same


@retrying
def record(engine: Engine, code: str, year: str | int, values: Mapping[str, Any]) -> FiguresResult:
    """Record the figures given (clean values, domain/figures.py) for the organisation's year; the
    fields not given keep what was recorded. Refused for a year outside the organisation's life."""
    year_value = parse_rating_year(year)
    with UnitOfWork(engine) as uow:
        org = require(uow, code)
        check_rating_year(year_value, org["founded"], org["dissolved"], period_start(uow))
        before = uow.figures.get(org["id"], year_value)
        changed = [f for f in VALUE_FIELDS if f in values and (before is None or before[f] != values[f])]
        if before is not None and not changed:
            return FiguresResult(org["code"], year_value, [], False)
        old, record_id = uow.figures.put(org["id"], year_value, {f: values[f] for f in changed})
        summary = {"code": org["code"], "year": year_value, "fields": changed}
        record_change(uow, "figures", summary, "figures", record_id, org["code"], old)
        stored = uow.figures.get(org["id"], year_value)
        previous = uow.figures.get(org["id"], year_value - 1)
        assert stored is not None
        doubts = figure_doubts(stored, previous)
        uow.commit()
    return FiguresResult(org["code"], year_value, changed, old is None, doubts)


def years(engine: Engine, code: str) -> tuple[Mapping[Any, Any], list[dict[str, Any]]]:
    """The organisation, and its figures of every year recorded, earliest first."""
    with UnitOfWork(engine, read_only=True) as uow:
        org = require(uow, code)
        rows = [
            {"year": r["year"], **{f: r[f] for f in VALUE_FIELDS}}
            for r in uow.figures.for_organisation(org["id"])
        ]
    return org, rows
