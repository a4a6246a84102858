"""An organisation's legal status over time: recording a change, removing one recorded by mistake,
and reading the history back. Each write is one transaction and one history entry, which changes the
status history and, for a dissolution or bankruptcy, organisation.dissolved with it.

Rules (each a one-line error): no status before the founding; none on or after the end of a life (no
suspension of a dissolved organisation); one change a day; a change must change something (no
resuming an organisation that is operating); `--until` only for a suspension, not before its start; an
ending may not strand a rating outside the life. A suspension longer than the law's 12 months a notice
is recorded with a warning. Endings, revocations and dissolution procedures are recorded after the
fact (not later than today); a suspension and a resumption are notified ahead, so they may be later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import Conflict, InvalidValue
from htxcli.domain.status import OPERATING, SUSPENDED, status_on, too_long
from htxcli.domain.text import clean
from htxcli.domain.values import format_date, parse_date, parse_past_date
from htxcli.domain.vocab import ENDING_STATUSES, LEGAL_STATUSES, REASONS
from htxcli.services.history import current_user
from htxcli.services.registry import public, require
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The statuses a clerk may date ahead of today: they are notified before they take effect.
NOTIFIED_AHEAD = (SUSPENDED, OPERATING)
FIELDS = ("status", "started", "until", "reason", "reference", "note")


@dataclass
class Recorded:
    code: str
    status: str
    started: date
    until: date | None
    reason: str | None
    warnings: list[InvalidValue] = field(default_factory=list)


def entry_fields(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A status entry as users see it."""
    return {name: row[name] for name in FIELDS}


def history(engine: Engine, code: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The organisation's profile and its status entries, oldest first."""
    with UnitOfWork(engine, read_only=True) as uow:
        row = require(uow, code)
        return public(row), [entry_fields(e) for e in uow.statuses.of(row["id"])]


def in_force_today(engine: Engine, codes: list[str]) -> dict[str, str]:
    """{code: status today} of those of `codes` that are not operating today (for a list's table)."""
    if not codes:
        return {}
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.statuses.in_force_on(codes, date.today())


@retrying
def record(
    engine: Engine,
    code: str,
    status: str,
    on: str,
    *,
    until: str | None = None,
    reference: str | None = None,
    note: str | None = None,
    reason: str | None = None,
    command: str = "status",
) -> Recorded:
    key = LEGAL_STATUSES.parse(status)
    why = REASONS.parse(reason) if reason else None
    if why == "bankrupt":
        key = "bankrupt"
    if why is not None and key not in ENDING_STATUSES:
        raise InvalidValue("reason", reason or "", messages.LEGAL_REASON_ONLY_ENDING)
    started = parse_date("on", on) if key in NOTIFIED_AHEAD else parse_past_date("on", on)
    last = parse_date("until", until) if until else None
    if last is not None and key != SUSPENDED:
        raise InvalidValue("until", until or "", messages.LEGAL_UNTIL_ONLY_SUSPENDED)
    if last is not None and last < started:
        raise InvalidValue(
            "until", until or "", messages.LEGAL_UNTIL_BEFORE.format(date=format_date(started))
        )
    with UnitOfWork(engine) as uow:
        row = require(uow, code)
        entries = uow.statuses.of(row["id"])
        _check(uow, row, entries, key, started, on)
        values = {
            "organisation_id": row["id"],
            "status": key,
            "started": started,
            "until": last,
            "reason": why,
            "reference": clean(reference),
            "note": clean(note),
        }
        new_id = uow.statuses.insert(values)
        summary = {"code": row["code"], "status": key, "date": started.isoformat()}
        if last is not None:
            summary["until"] = last.isoformat()
        if key in ENDING_STATUSES:
            summary["dissolved"] = started.isoformat()
        entry = uow.history.begin(current_user(), command, summary)
        uow.history.mark_created("legal_status", new_id, entry)
        uow.history.changes(
            entry, "legal_status", [(new_id, row["code"], None, uow.history.row("legal_status", new_id))]
        )
        if key in ENDING_STATUSES:
            later = _records_after(uow, row, started)
            uow.organisations.update(row["id"], {"dissolved": started})
            uow.history.changes(
                entry,
                "organisation",
                [(row["id"], row["code"], dict(row), uow.history.row("organisation", row["id"]))],
            )
        uow.commit()
    recorded = Recorded(row["code"], key, started, last, why)
    if key in ENDING_STATUSES:
        recorded.warnings.extend(InvalidValue("on", on, problem) for problem in later)
    if key == SUSPENDED and too_long(started, last):
        recorded.warnings.append(InvalidValue("until", until or "", messages.LEGAL_SUSPENSION_TOO_LONG))
    return recorded


def _records_after(uow: UnitOfWork, row: Mapping[Any, Any], ended: date) -> list[str]:
    """What an ending on `ended` leaves outside the organisation's life, as `htx support add` and
    `htx db check` judge it: support dated after that day. Kept, with a warning: the date may be
    wrong, or the records. (A rating of a later year is refused by _check.)"""
    from htxcli.store.repositories import SupportFilter

    problems = []
    support = [s for s in uow.support.matching(SupportFilter(organisation_id=row["id"])) if s["date"] > ended]
    if support:
        listed = ", ".join(f"#{s['id']} ({format_date(s['date'])})" for s in support)
        problems.append(messages.ENDING_BEFORE_SUPPORT.format(code=row["code"], records=listed))
    return problems


def _check(
    uow: UnitOfWork, row: Mapping[Any, Any], entries: list[Any], key: str, started: date, typed: str
) -> None:
    if started < row["founded"]:
        raise InvalidValue(
            "on", typed, messages.DISSOLVED_BEFORE_FOUNDED.format(founded=format_date(row["founded"]))
        )
    if key in ENDING_STATUSES and row["dissolved"] is not None:
        raise Conflict(
            messages.ALREADY_DISSOLVED.format(code=row["code"], date=format_date(row["dissolved"]))
        )
    if row["dissolved"] is not None and started >= row["dissolved"]:
        raise Conflict(messages.LEGAL_AFTER_END.format(code=row["code"], date=format_date(row["dissolved"])))
    same_day = [e for e in entries if e["started"] == started]
    if same_day:
        raise Conflict(
            messages.LEGAL_SAME_DAY.format(
                code=row["code"],
                date=format_date(started),
                status=LEGAL_STATUSES.spoken(same_day[0]["status"]),
            )
        )
    if key in ENDING_STATUSES:
        later = [e for e in entries if e["started"] > started]
        if later:
            raise Conflict(
                messages.LEGAL_LATER_ENTRY.format(
                    code=row["code"],
                    date=format_date(later[-1]["started"]),
                    status=LEGAL_STATUSES.spoken(later[-1]["status"]),
                )
            )
        years = uow.ratings.years_outside(row["id"], row["founded"], started)
        if years:
            raise InvalidValue("on", typed, messages.LEGAL_STRANDS_RATING.format(year=years[0]))
    current = status_on(entries, started)
    if current == key:
        raise Conflict(
            messages.LEGAL_ALREADY.format(
                code=row["code"], status=LEGAL_STATUSES.spoken(key), date=format_date(started)
            )
        )


@retrying
def remove_latest(engine: Engine, code: str, command: str = "reinstate") -> dict[str, Any]:
    """Remove the organisation's latest status entry, recorded by mistake (`htx reinstate`): a
    dissolution, a suspension, any. Returns the entry removed."""
    with UnitOfWork(engine) as uow:
        row = require(uow, code)
        entries = uow.statuses.of(row["id"])
        if not entries:
            raise Conflict(messages.NOT_DISSOLVED.format(code=row["code"]))
        latest = entries[-1]
        summary = {
            "code": row["code"],
            "status": latest["status"],
            "date": latest["started"].isoformat(),
            "dissolved": row["dissolved"].isoformat() if row["dissolved"] else None,
        }
        entry = uow.history.begin(current_user(), command, summary)
        uow.statuses.delete(latest["id"])
        uow.history.changes(entry, "legal_status", [(latest["id"], row["code"], dict(latest), None)])
        if latest["status"] in ENDING_STATUSES:
            uow.organisations.update(row["id"], {"dissolved": None})
            uow.history.changes(
                entry,
                "organisation",
                [(row["id"], row["code"], dict(row), uow.history.row("organisation", row["id"]))],
            )
        uow.commit()
    return {**public(row), **entry_fields(latest)}


def keep_endings_in_step(uow: UnitOfWork, entry: int, organisation_ids: list[int] | None = None) -> None:
    """After a write that set organisation.dissolved alone (an import; an undo of a change made before
    revision 0005), bring the status history in step, under the same history entry."""
    uow.history.changes(entry, "legal_status", uow.statuses.sync_endings(entry, organisation_ids))
