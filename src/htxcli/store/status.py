"""The legal status history (domain/status.py's rule in SQL) and the registry settings.

organisation.dissolved is the date of the ending status (dissolved or bankrupt) kept in step with
legal_status in the same transaction: the status commands write both; an import writes the CSV's
`dissolved` column and `sync_endings` brings the history in step; undoing an entry written before
revision 0005 (which knew the column only) does the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, exists, insert, literal, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from htxcli.domain.periods import Period
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
        or_(s.status != "suspended", in_force_through(s.started, s.until, Period.day(day))),
    )


def resumed_in(period: Period) -> ColumnElement[bool]:
    """The row is a return to operating within the period: an `operating` entry dated in it, or a
    suspension whose last day is the day before one of the period's days and that no later entry
    cut short."""
    s = legal_status.c
    one_day = timedelta(days=1)
    shifted = Period(period.first - one_day, period.last - one_day)
    cut_short = exists().where(
        _later.c.organisation_id == s.organisation_id,
        _later.c.started > s.started,
        _later.c.started <= s.until,
    )
    return or_(
        and_(s.status == "operating", during(s.started, period)),
        and_(s.status == "suspended", s.until.is_not(None), during(s.until, shifted), ~cut_short),
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

    def sync_endings(self, entry: int, organisation_ids: Sequence[int] | None = None) -> list[Change]:
        """Bring each organisation's ending status in step with its dissolution date, after a write that
        set the date alone (an import, an undo of a change made before revision 0005). A date with no
        ending status gets a `dissolved` entry created by `entry` (undone with it); an ending status at
        another date is moved to it; one without a date is removed. Returns the moves and removals,
        for the history (the insertions are marked created_by)."""
        o, s = organisation.c, legal_status.c
        chosen: list[ColumnElement[bool]] = []
        if organisation_ids is not None:
            if not organisation_ids:
                return []
            chosen.append(o.id.in_(organisation_ids))
        ending = exists().where(s.organisation_id == o.id, s.status.in_(ENDING_STATUSES))
        missing = select(o.id, literal("dissolved"), o.dissolved, literal(entry)).where(
            o.dissolved.is_not(None), ~ending, *chosen
        )
        self.connection.execute(
            insert(legal_status).from_select(["organisation_id", "status", "started", "created_by"], missing)
        )
        astray: Select[Any] = (
            select(legal_status, o.code, o.dissolved.label("life_ended"))
            .join(organisation, o.id == s.organisation_id)
            .where(
                s.status.in_(ENDING_STATUSES),
                or_(o.dissolved.is_(None), o.dissolved != s.started),
                *chosen,
            )
        )
        changes: list[Change] = []
        for row in list(self.connection.execute(astray).mappings()):
            old = {c.name: row[c.name] for c in legal_status.columns}
            if row["life_ended"] is None:
                self.delete(row["id"])
                changes.append((row["id"], row["code"], old, None))
            else:
                self.connection.execute(
                    update(legal_status).where(s.id == row["id"]).values(started=row["life_ended"])
                )
                changes.append((row["id"], row["code"], old, {**old, "started": row["life_ended"]}))
        return changes


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
