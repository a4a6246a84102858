"""Recording each year's rating."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from htxcli.domain.records import check_rating_year, parse_rating, parse_rating_year
from htxcli.services.history import record_change
from htxcli.services.registry import require
from htxcli.store.uow import UnitOfWork, retrying


@dataclass(frozen=True)
class RatingResult:
    code: str
    year: int
    grade: str
    score: int | None
    replaced: str | None  # the grade recorded before, when this rating replaced one


@retrying
def rate(
    engine: Engine, code: str, year: str | int, grade: str | None, score: str | int | None, note: str | None
) -> RatingResult:
    year_value = parse_rating_year(year)
    values = parse_rating(grade, score, note)
    with UnitOfWork(engine) as uow:
        org = require(uow, code)
        check_rating_year(year_value, org["founded"], org["dissolved"])
        old = uow.ratings.put(org["id"], year_value, values)
        new = uow.ratings.get(org["id"], year_value)
        assert new is not None
        summary = {"code": org["code"], "year": year_value, "grade": values["grade"]}
        record_change(uow, "rate", summary, "rating", new["id"], org["code"], old)
        uow.commit()
    return RatingResult(
        org["code"], year_value, values["grade"], values["score"], old["grade"] if old else None
    )
