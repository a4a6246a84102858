"""An organisation's legal status on a day, from its dated status history: the one rule, in Python;
store/status.py states it in SQL for the queries.

Each entry takes effect on its `started` day and holds until the next entry starts. A suspension may
also end by itself: after its `until` (its last day) the organisation is operating again. Before any
entry, an organisation is operating from its founding. A life ends on the day of a dissolved or
bankrupt entry, which organisation.dissolved also holds (see vocab.ENDING_STATUSES).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from htxcli.domain.periods import Period, in_force_through

OPERATING = "operating"
SUSPENDED = "suspended"

Entry = Mapping[str, Any]  # a legal_status row: status, started, until, …


def entry_on(entries: Sequence[Entry], day: date) -> Entry | None:
    """The latest entry started on or before `day` (entries in any order)."""
    started = [e for e in entries if e["started"] <= day]
    return max(started, key=lambda e: e["started"]) if started else None


def status_on(entries: Sequence[Entry], day: date) -> str:
    """The status in force on `day`: the latest entry's, except a suspension past its last day."""
    entry = entry_on(entries, day)
    if entry is None:
        return OPERATING
    if entry["status"] == SUSPENDED and not in_force_through(
        entry["started"], entry["until"], Period.day(day)
    ):
        return OPERATING
    return str(entry["status"])


@dataclass(frozen=True)
class Standing:
    """The status in force on a day, since when (None: since the founding, nothing recorded) and,
    for a suspension with a last day, until when."""

    status: str
    since: date | None = None
    until: date | None = None


def standing_on(entries: Sequence[Entry], day: date) -> Standing:
    """status_on with its dates: a suspension past its last day is operating from the day after."""
    entry = entry_on(entries, day)
    if entry is None:
        return Standing(OPERATING)
    status = status_on(entries, day)
    if status != entry["status"]:  # a suspension that ended by itself
        return Standing(OPERATING, resumes_on(entry))
    return Standing(status, entry["started"], entry["until"] if status == SUSPENDED else None)


def resumes_on(entry: Entry) -> date | None:
    """The day a suspension with a last day ends by itself."""
    if entry["status"] != SUSPENDED or entry["until"] is None:
        return None
    last: date = entry["until"]
    return last + timedelta(days=1)


def resumed_in(entries: Sequence[Entry], period: Period) -> list[Entry]:
    """The entries that are a return to operating within the period: an `operating` entry dated in
    it, or a suspension whose last day is the day before one of the period's days and that no later
    entry cut short (store/status.py's resumed_in, per row, in SQL)."""

    def cut_short(entry: Entry) -> bool:
        return any(entry["started"] < other["started"] <= entry["until"] for other in entries)

    return [
        e
        for e in entries
        if (e["status"] == OPERATING and e["started"] in period)
        or (
            e["status"] == SUSPENDED
            and e["until"] is not None
            and e["until"] + timedelta(days=1) in period
            and not cut_short(e)
        )
    ]


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February): a suspension started on it or before
    is beyond what one notice covers on `day` (too_long), and a dissolution procedure started then
    has lasted more than a year."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def too_long(started: date, until: date | None) -> bool:
    """Longer than the 12 months one suspension notice may cover (Decree 92/2024/NĐ-CP): from
    01/03/2018 the last day allowed is 28/02/2019. Recorded with a warning all the same, as a clerk may
    be entering several renewals at once."""
    if until is None:
        return False
    try:
        same_day_next_year = started.replace(year=started.year + 1)
    except ValueError:  # 29 February
        same_day_next_year = date(started.year + 1, 3, 1)
    return until >= same_day_next_year
