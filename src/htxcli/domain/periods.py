"""Periods of time, and the one rule for what is in force during one.

An organisation, and later a status or an address, is in force from the day it starts up to the day
before it ends: one dissolved on D is inactive from D on. The rule lives here once, as a Python
predicate; store/periods.py states the same rule in SQL for the queries. Both take a Period, so that a
day ("active at the end of 2018"), a year ("active during 2018") and a range of years are one question.

One rule differs and lives beside it, in both modules: `within_life`, which also counts the day a life
ended. It decides which records may belong to an organisation, not whether it was active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    """The days from `first` to `last`, both included."""

    first: date
    last: date

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        return cls(date(first, 1, 1), date(last, 12, 31))

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    @classmethod
    def reporting_year(cls, year: int, start: tuple[int, int] = (1, 1)) -> Period:
        """The reporting period named `year` when reporting years start on `start` (day, month): the
        one whose last day falls in `year`. (1, 1) is the calendar year; (15, 12) is Circular
        09/2024/TT-BKHĐT's, from 15/12 of the year before to 14/12 of the year."""
        day, month = start
        last = date(year, month, day) - timedelta(days=1)
        if last.year != year:  # a period starting on 1 January ends on 31 December
            return cls.year(year)
        return cls(date(year - 1, month, day), last)

    def day_before(self) -> Period:
        """The day before the period starts: what was in force then is what the period started with."""
        return Period.day(self.first - timedelta(days=1))


def in_force(started: date, ended: date | None, period: Period) -> bool:
    """Started on or before the period's last day, and not ended by its first: in force on at least
    one day of it (for a single day, on that day)."""
    return started <= period.last and (ended is None or ended > period.first)


def in_force_through(started: date, until: date | None, period: Period) -> bool:
    """For what is in force up to and including a last day (a suspension "until 30/09/2018" still
    holds on 30/09): started on or before the period's last day, and its last day not before the
    period's first."""
    return started <= period.last and (until is None or until >= period.first)


def within_life(started: date, ended: date | None, period: Period) -> bool:
    """in_force, except that the day a life ended still belongs to it. A record dated in the period
    may belong to an organisation whose life this is: a rating for the year of its dissolution, even
    one dissolved on 1 January (that year's rating is filed for the year it closed), and support dated
    on the day of dissolution (a final payment), which `htx support add` and `htx db check` accept."""
    return started <= period.last and (ended is None or ended >= period.first)


def reporting_year_of(day: date, start: tuple[int, int] = (1, 1)) -> int:
    """The reporting year `day` falls in (the one whose Period.reporting_year holds it): 20/12/2025 is
    in 2026 when periods start on 15/12."""
    first_day, month = start
    return day.year + 1 if start != (1, 1) and (day.month, day.day) >= (month, first_day) else day.year


def years_within_life(started: date, ended: date | None, start: tuple[int, int] = (1, 1)) -> range:
    """The years y for which within_life(started, ended, Period.reporting_year(y, start)) holds, as a
    range: a bulk import tests a whole batch's years against it in C instead of calling within_life
    per row."""
    last = reporting_year_of(ended, start) if ended is not None else 10_000
    return range(reporting_year_of(started, start), last + 1)
