"""Reports as issued (issue 24): the signed report stored as it was printed, found again to be reprinted
from what was stored, and set against the live registry.

An issued report is one history entry (`report issue`) whose undo removes the record (not the
registry's data). One report is issued per years, period and filters; a later one must say which it
replaces (--replaces NUMBER), and both are kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.areas import Area
from htxcli.domain.errors import Conflict, InvalidValue, NotFound
from htxcli.domain.report import Report
from htxcli.domain.text import fold
from htxcli.services.history import current_user
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine

COMMAND = "report issue"


@dataclass(frozen=True, slots=True)
class Which:
    """Which report: its years as asked (2018, 2016..2020), its period and its filters."""

    years: str
    first: date
    last: date
    district: str | None
    commune: str | None
    compare: bool
    area: str | None = None  # the area as the report names it

    def filters(self) -> str:
        """The filters as stored: folded (accents and case do not matter), keys sorted."""
        values = {
            "district": None if self.district is None else fold(self.district),
            "commune": None if self.commune is None else fold(self.commune),
            "compare": self.compare,
        }
        return json.dumps(values, ensure_ascii=False, sort_keys=True)


def which(years: list[int], report: Report, district: str | None, commune: str | None) -> Which:
    first = report.years[0].period
    last = report.years[-1].period
    assert first is not None and last is not None
    shown = str(years[0]) if len(years) == 1 else f"{years[0]}..{years[-1]}"
    area = report.years[0].area_name
    return Which(shown, first.first, last.last, district, commune, report.compare, area)


@retrying
def issue(
    engine: Engine,
    report: Which,
    *,
    number: str,
    on: date,
    document: str,
    model: str,
    settings: Mapping[str, str | None],
    replaces: str | None,
) -> dict[str, Any]:
    """Store the report as issued; returns its row (without the report itself) and its history entry."""
    from sqlalchemy import func, insert, select

    from htxcli.store.schema import history, issued_report

    t = issued_report.c
    with UnitOfWork(engine) as uow:
        conn = uow.connection
        taken = conn.execute(select(t.number, t.issued_on).where(t.number == number)).first()
        if taken is not None:
            raise InvalidValue(
                "--number", number, messages.ISSUED_NUMBER_TAKEN.format(date=_day(taken.issued_on))
            )
        current = _current(conn, report)
        replaced_id = None
        if replaces is not None:
            found = conn.execute(select(t.id, t.number).where(t.number == replaces)).first()
            if found is None:
                raise InvalidValue("--replaces", replaces, messages.ISSUED_UNKNOWN_NUMBER)
            if current is None or found.id != current["id"]:
                shown = current["number"] if current is not None else messages.NONE_YET
                raise InvalidValue("--replaces", replaces, messages.ISSUED_NOT_CURRENT.format(current=shown))
            if on < current["issued_on"]:  # a replacement comes after what it replaces
                before = messages.ISSUED_BEFORE_REPLACED.format(
                    number=replaces, date=_day(current["issued_on"])
                )
                raise InvalidValue("--on", _day(on), before)
            replaced_id = found.id
        elif current is not None:
            raise Conflict(
                messages.ISSUED_ALREADY.format(
                    years=report.years, number=current["number"], date=_day(current["issued_on"])
                )
            )
        position = conn.execute(select(func.max(history.c.id))).scalar()
        entry = uow.history.begin(
            current_user(),
            COMMAND,
            {"number": number, "date": on.isoformat(), "years": report.years, "replaces": replaces},
        )
        values = {
            "number": number,
            "issued_on": on,
            "years": report.years,
            "period_first": report.first,
            "period_last": report.last,
            "filters": report.filters(),
            "area": report.area,
            "settings": json.dumps(dict(settings), ensure_ascii=False, sort_keys=True),
            "report": document,
            "model": model,
            "issued_by": current_user(),
            "issued_at": datetime.now().replace(microsecond=0),
            "history_position": position,
            "replaces": replaced_id,
            "created_by": entry,
        }
        record = conn.execute(insert(issued_report).values(**values)).inserted_primary_key[0]  # type: ignore[index]
        uow.commit()
    return {"id": record, "entry": entry, **{k: values[k] for k in ("number", "issued_on", "years")}}


def _current(conn: Any, report: Which) -> dict[str, Any] | None:
    """The issued report of these years, period and filters that no other replaces."""
    from sqlalchemy import select

    from htxcli.store.schema import issued_report

    t = issued_report.c
    replaced = select(t.replaces).where(t.replaces.is_not(None))
    query = select(t.id, t.number, t.issued_on).where(
        t.years == report.years,
        t.period_first == report.first,
        t.period_last == report.last,
        t.filters == report.filters(),
        t.id.not_in(replaced),
    )
    found = conn.execute(query.order_by(t.id.desc())).mappings().first()
    return None if found is None else dict(found)


def every(engine: Engine) -> list[dict[str, Any]]:
    """Every report issued, oldest first, without the report itself."""
    from sqlalchemy import select

    from htxcli.store.schema import issued_report

    t = issued_report.c
    older = issued_report.alias("older")
    query = (
        select(
            t.number,
            t.issued_on,
            t.years,
            t.period_first,
            t.period_last,
            t.area,
            t.issued_by,
            t.issued_at,
            older.c.number.label("replaces"),
        )
        .outerjoin(older, older.c.id == t.replaces)
        .order_by(t.id)
    )
    with UnitOfWork(engine, read_only=True) as uow:
        return [dict(row) for row in uow.connection.execute(query).mappings()]


def stored(engine: Engine, report: Which, number: str | None) -> dict[str, Any]:
    """The issued report of these years and filters: the one numbered `number`, else the newest that
    no other replaces (of any period: the period start may have changed since)."""
    from sqlalchemy import select

    from htxcli.store.schema import issued_report

    t = issued_report.c
    with UnitOfWork(engine, read_only=True) as uow:
        if number is not None:
            query = select(issued_report).where(t.number == number)
        else:
            replaced = select(t.replaces).where(t.replaces.is_not(None))
            query = (
                select(issued_report)
                .where(t.years == report.years, t.filters == report.filters(), t.id.not_in(replaced))
                .order_by(t.id.desc())
            )
        found = uow.connection.execute(query).mappings().first()
    if found is None:
        if number is not None:
            raise InvalidValue("--number", number, messages.ISSUED_UNKNOWN_NUMBER)
        raise NotFound(messages.ISSUED_NONE.format(years=report.years))
    row = dict(found)
    if (row["years"], row["filters"]) != (report.years, report.filters()):
        raise InvalidValue("--number", number, messages.ISSUED_OTHER_REPORT.format(years=row["years"]))
    row["settings"] = json.loads(row["settings"])
    return row


def _day(day: date) -> str:
    from htxcli.domain.values import format_date

    return format_date(day)


def current(engine: Engine, report: Which) -> dict[str, Any] | None:
    """The issued report in force for these years, period and filters (its number, date and JSON), or
    None: what the live report is set against."""
    from sqlalchemy import select

    from htxcli.store.schema import issued_report

    t = issued_report.c
    with UnitOfWork(engine, read_only=True) as uow:
        found = _current(uow.connection, report)
        if found is None:
            return None
        document = uow.connection.execute(select(t.report).where(t.id == found["id"])).scalar_one()
    return {**found, "report": document}


def history_since(engine: Engine, position: int | None, area: Area | None = None) -> list[dict[str, Any]]:
    """The history entries after `position` that changed the registry and still do, oldest first: an
    entry later undone and its undo cancel out, and issuing a report changes no figure. With an area,
    those that touched its organisations, or none in particular (a setting, province-wide support)."""
    from sqlalchemy import select

    from htxcli.store.schema import history

    with UnitOfWork(engine, read_only=True) as uow:
        newest = uow.connection.execute(select(history.c.id).order_by(history.c.id.desc()).limit(1)).scalar()
        if newest is None:
            return []
        count = newest - (position or 0)
        found = uow.history.entries(None, count) if count > 0 else []
        inside = None if area is None else _codes_in(uow, area)
    undone = {e["summary"].get("reverted") for e in found if e["command"] == "undo"}
    return [
        e
        for e in reversed(found)
        if (position is None or e["id"] > position)
        and e["command"] != COMMAND
        and e["undone_by"] is None
        and not (e["command"] == "undo" and e["undoes"] in {x["id"] for x in found})
        and e["id"] not in undone
        and (inside is None or _concerns(e, inside))
    ]


def _codes_in(uow: UnitOfWork, area: Area) -> set[str]:
    from sqlalchemy import select

    from htxcli.store.areas import in_area
    from htxcli.store.schema import organisation

    query = select(organisation.c.code).where(in_area(uow.connection, area))
    return set(uow.connection.execute(query).scalars())


def _concerns(entry: Mapping[str, Any], codes: set[str]) -> bool:
    """The entry touched one of `codes`, or no organisation at all."""
    touched = {c["code"] for c in entry["changes"] if c["code"]} | (
        {entry["summary"]["code"]} if isinstance(entry["summary"].get("code"), str) else set()
    )
    return not touched or bool(touched & codes)
