"""Recording each year's rating."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from htxcli.domain.records import check_rating_year, parse_rating, parse_rating_year
from htxcli.services.history import record_change
from htxcli.services.registry import require
from htxcli.services.settings import period_start
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class Grade:
    grade: str
    score: int | None


@dataclass(frozen=True)
class RatingResult:
    code: str
    year: int
    rating: Grade
    replaced: Grade | None  # the rating recorded before, when this one replaced it


@dataclass(frozen=True)
class Ratable:
    """An organisation that may be rated for a year, and its rating for that year so far."""

    code: str
    name: str
    current: Grade | None


@retrying
def rate(
    engine: Engine, code: str, year: str | int, grade: str | None, score: str | int | None, note: str | None
) -> RatingResult:
    year_value = parse_rating_year(year)
    values = parse_rating(grade, score, note)
    with UnitOfWork(engine) as uow:
        org = require(uow, code)
        check_rating_year(year_value, org["founded"], org["dissolved"], period_start(uow))
        old = uow.ratings.put(org["id"], year_value, values)
        new = uow.ratings.get(org["id"], year_value)
        assert new is not None
        summary = {"code": org["code"], "year": year_value, "grade": values["grade"]}
        record_change(uow, "rate", summary, "rating", new["id"], org["code"], old)
        uow.commit()
    return RatingResult(
        org["code"],
        year_value,
        Grade(values["grade"], values["score"]),
        Grade(old["grade"], old["score"]) if old else None,
    )


def ratable(engine: Engine, code: str, year: int) -> Ratable:
    """The organisation `code`, checked as `rate` checks it (registered, and alive in `year`), so that
    a rating session can refuse a code before asking for its grade."""
    with UnitOfWork(engine, read_only=True) as uow:
        org = require(uow, code)
        check_rating_year(year, org["founded"], org["dissolved"], period_start(uow))
        current = uow.ratings.get(org["id"], year)
    return Ratable(org["code"], org["name"], Grade(current["grade"], current["score"]) if current else None)
