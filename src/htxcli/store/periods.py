"""domain/periods.py's rules, in force and within a life, as SQL for every query that asks them.

A period's bounds are dates (domain.periods.Period: one question for every row) or SQL expressions
(RowPeriod: each row's own day or year, as `htx db check` asks of every rating and support record).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, case, func, literal_column, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from htxcli.domain.periods import Period


@dataclass(frozen=True)
class RowPeriod:
    """A period whose first and last days are SQL expressions of the row."""

    first: Any
    last: Any

    @classmethod
    def day(cls, column: Any) -> RowPeriod:
        return cls(column, column)

    @classmethod
    def year(cls, column: Any) -> RowPeriod:
        """The calendar year held in an integer column."""
        return cls(_YearDay(column, *_literals(1, 1)), _YearDay(column, *_literals(12, 31)))

    @classmethod
    def reporting_year(cls, column: Any, start: tuple[int, int] = (1, 1)) -> RowPeriod:
        """The reporting year held in an integer column, its periods starting on `start` (day, month):
        the SQL twin of domain.periods.Period.reporting_year."""
        if start == (1, 1):
            return cls.year(column)
        day, month = start
        last = date(2001, month, day) - timedelta(days=1)  # a common year's day before the start
        ends: Any = _YearDay(column, *_literals(last.month, last.day))
        if (last.month, last.day) == (2, 28):  # a period from 1 March ends on 29 February in a leap year
            leap = or_(and_(column % 4 == 0, column % 100 != 0), column % 400 == 0)
            ends = case((leap, _YearDay(column, *_literals(2, 29))), else_=ends)
        return cls(_YearDay(column - 1, *_literals(month, day)), ends)


Bounds = Period | RowPeriod


def in_force(started: Any, ended: Any, period: Bounds) -> ColumnElement[bool]:
    """`started` and `ended` are date columns (`ended` NULL while in force): the SQL twin of
    domain.periods.in_force."""
    return and_(started <= period.last, or_(ended.is_(None), ended > period.first))


def in_force_through(started: Any, until: Any, period: Bounds) -> ColumnElement[bool]:
    """The SQL twin of domain.periods.in_force_through (`until` is the last day in force)."""
    return and_(started <= period.last, or_(until.is_(None), until >= period.first))


def within_life(started: Any, ended: Any, period: Bounds) -> ColumnElement[bool]:
    """The SQL twin of domain.periods.within_life (the day a life ended still belongs to it)."""
    return and_(started <= period.last, or_(ended.is_(None), ended >= period.first))


def during(day: Any, period: Period) -> ColumnElement[bool]:
    """A date column's day falls in the period: the SQL twin of `day in period`."""
    between: ColumnElement[bool] = day.between(period.first, period.last)
    return between


def _literals(*numbers: int) -> list[Any]:
    # Written into the SQL, not bound: PostgreSQL's make_date takes integers, not a driver's guess.
    return [literal_column(str(n)) for n in numbers]


class _YearDay(FunctionElement[Any]):
    """A date from an integer year and a month and day: SQLite keeps dates as ISO text, PostgreSQL
    builds them with make_date."""

    type = Date()
    inherit_cache = True
    name = "year_day"


@compiles(_YearDay, "sqlite")
def _year_day_sqlite(element: _YearDay, compiler: Any, **kw: Any) -> str:
    year, month, day = element.clauses
    return str(compiler.process(func.printf("%04d-%02d-%02d", year, month, day), **kw))


@compiles(_YearDay)
def _year_day_sql(element: _YearDay, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(func.make_date(*element.clauses), **kw))
