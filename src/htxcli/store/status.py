"""The legal status history (domain/status.py's rule in SQL) and the registry settings.

organisation.dissolved is the date of the ending status (dissolved or bankrupt): store/endings.py
alone writes the two, in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from htxcli.domain.periods import Period
from htxcli.domain.status import OPERATING, SUSPENDED
from htxcli.domain.vocab import ENDING_STATUSES, IDLE_STATUSES
from htxcli.store.periods import during, in_force_through
from htxcli.store.schema import legal_status, organisation, setting

Change = tuple[int, str | None, Mapping[str, Any] | None, Mapping[str, Any] | None]

_later = legal_status.alias("later")


def latest_on(day: Any) -> ColumnElement[bool]:
    """The legal_status row is its organisation's latest started on or before `day` (a date or a
    column): the SQL twin of domain.status.entry_on."""
    s = legal_status.c
    superseded = exists().where(
        _later.c.organisation_id == s.organisation_id, _later.c.started > s.started, _later.c.started <= day
    )
    return and_(s.started <= day, ~superseded)


def idle_on(day: date, statuses: Sequence[str] = IDLE_STATUSES) -> ColumnElement[bool]:
    """The row is the status in force on `day` and one of `statuses` (a suspension within its last
    day): the SQL twin of domain.status.status_on for the statuses other than operating."""
    s = legal_status.c
    return and_(
        latest_on(day),
        s.status.in_(statuses),
        or_(s.status != SUSPENDED, in_force_through(s.started, s.until, Period.day(day))),
    )


def resumed_in(period: Period) -> ColumnElement[bool]:
    """The row is a return to operating within the period: an `operating` entry dated in it, or a
    suspension whose last day is the day before one of the period's days and that no later entry
    cut short. The SQL twin of domain.status.resumed_in."""
    s = legal_status.c
    one_day = timedelta(days=1)
    shifted = Period(period.first - one_day, period.last - one_day)
    cut_short = exists().where(
        _later.c.organisation_id == s.organisation_id,
        _later.c.started > s.started,
        _later.c.started <= s.until,
    )
    return or_(
        and_(s.status == OPERATING, during(s.started, period)),
        and_(s.status == SUSPENDED, s.until.is_not(None), during(s.until, shifted), ~cut_short),
    )


class StatusRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def of(self, organisation_id: int) -> list[RowMapping]:
        query = (
            select(legal_status)
            .where(legal_status.c.organisation_id == organisation_id)
            .order_by(legal_status.c.started)
        )
        return list(self.connection.execute(query).mappings())

    def outside_life(self, organisation_id: int, founded: date, dissolved: date | None) -> RowMapping | None:
        """A status entry a new life would leave outside it: one before the founding, or one other than
        the ending itself on or after the dissolution (a dissolution must be the last)."""
        s = legal_status.c
        outside = s.started < founded
        if dissolved is not None:
            outside = or_(outside, and_(s.started >= dissolved, s.status.not_in(ENDING_STATUSES)))
        query = select(legal_status).where(s.organisation_id == organisation_id, outside).order_by(s.started)
        return self.connection.execute(query.limit(1)).mappings().first()

    def insert(self, values: Mapping[str, Any]) -> int:
        result = self.connection.execute(insert(legal_status).values(**values))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def delete(self, record_id: int) -> None:
        self.connection.execute(delete(legal_status).where(legal_status.c.id == record_id))

    def in_force_on(self, codes: Sequence[str], day: date) -> dict[str, str]:
        """{code: status} of the organisations among `codes` whose status on `day` is not operating
        (the others are operating, or ended on a day after it)."""
        o, s = organisation.c, legal_status.c
        query = (
            select(o.code, s.status)
            .join(organisation, o.id == s.organisation_id)
            .where(o.code.in_(codes), idle_on(day, (*IDLE_STATUSES, *ENDING_STATUSES)))
        )
        return {code: status for code, status in self.connection.execute(query)}


class SettingRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def all(self) -> dict[str, RowMapping]:
        return {row["key"]: row for row in self.connection.execute(select(setting)).mappings()}

    def value(self, key: str) -> str | None:
        query = select(setting.c.value).where(setting.c.key == key)
        found = self.connection.execute(query).scalar_one_or_none()
        return None if found is None else str(found)

    def put(self, key: str, value: str | None) -> tuple[int, RowMapping | None]:
        """Insert or change the key's row; returns its id and the row it had before, if any."""
        old = self.all().get(key)
        if old is None:
            result = self.connection.execute(insert(setting).values(key=key, value=value))
            return int(result.inserted_primary_key[0]), None  # type: ignore[index]
        self.connection.execute(update(setting).where(setting.c.id == old["id"]).values(value=value))
        return int(old["id"]), old
