"""Every change written to the history in its own transaction, the history read back, and undo.

Undo reverts the newest entry that is neither an undo nor undone, so undoing twice steps back twice,
or an earlier entry named by number when no later change still in effect touched its records. It
appends an entry naming the one it reverted; nothing is deleted from the history.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import Conflict, HtxError, NotFound
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and services
        return "unknown"


def record_change(
    uow: UnitOfWork,
    command: str,
    summary: Mapping[str, Any],
    table: str,
    record_id: int,
    code: str | None,
    old: Mapping[Any, Any] | None,
) -> int:
    """One history entry for one record, its new state read back from the database after the write.
    For an insert, the row is also marked as created by the entry."""
    entry = uow.history.begin(current_user(), command, summary)
    if old is None:
        uow.history.mark_created(table, record_id, entry)
    before = dict(old) if old is not None else None
    uow.history.changes(entry, table, [(record_id, code, before, uow.history.row(table, record_id))])
    return entry


def entries(engine: Engine, code: str | None, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The newest `limit` entries (concerning the organisation `code`, if given), and how many there are."""
    with UnitOfWork(engine, read_only=True) as uow:
        _require_known(uow, code)
        return uow.history.entries(code, limit), uow.history.count(code)


PAGE = 200  # entries read at a time when all of them are wanted


def every_entry(engine: Engine, code: str | None) -> Iterator[dict[str, Any]]:
    """Every entry, newest first, read a page at a time in one transaction: a long history (each import
    holds the whole rows it changed) never sits in memory at once. An unknown code fails here, before
    anything is written out."""
    with UnitOfWork(engine, read_only=True) as uow:
        _require_known(uow, code)
    return _pages(engine, code)


def _pages(engine: Engine, code: str | None) -> Iterator[dict[str, Any]]:
    with UnitOfWork(engine, read_only=True) as uow:
        before = None
        while page := uow.history.entries(code, PAGE, before):
            yield from page
            before = page[-1]["id"]


def _require_known(uow: UnitOfWork, code: str | None) -> None:
    if code is not None and uow.organisations.get(code) is None and not uow.history.entries(code, 1):
        raise HtxError(messages.UNKNOWN_CODE.format(code=code))


def next_undo(engine: Engine, entry: int | None = None) -> dict[str, Any]:
    """The entry `htx undo` would revert (`entry`, or the newest not yet undone), with its changes,
    for showing before asking. Fails when it cannot be reverted on its own."""
    with UnitOfWork(engine, read_only=True) as uow:
        return _target(uow, entry)


def _target(uow: UnitOfWork, wanted: int | None) -> dict[str, Any]:
    if wanted is None:
        entry = uow.history.latest_undoable()
        if entry is None:
            raise HtxError(messages.NOTHING_TO_UNDO)
    else:
        entry = uow.history.get(wanted)
        if entry is None:
            raise NotFound(messages.UNDO_NO_SUCH_ENTRY.format(id=wanted))
        if entry["undoes"] is not None:
            raise Conflict(messages.UNDO_AN_UNDO.format(id=wanted, of=entry["undoes"]))
        by = uow.history.undone_by(wanted)
        if by is not None:
            raise Conflict(messages.UNDO_ALREADY_UNDONE.format(id=wanted, by=by))
    target = {
        **dict(entry),
        "summary": json.loads(entry["summary"]),
        "changes": [dict(c) for c in uow.history.changes_of(entry["id"])],
    }
    later = uow.history.later_touching(target["id"], target["changes"])
    if later:
        numbers = ", ".join(f"#{n}" for n in later)
        raise Conflict(messages.UNDO_LATER_CHANGES.format(id=target["id"], later=numbers, last=later[-1]))
    return target


@retrying
def undo(engine: Engine, expected: int, *, newest: bool = True) -> dict[str, Any]:
    """Revert entry `expected`: with `newest`, it must still be the newest undoable one (another clerk
    may have written since it was shown); either way, no later change may have touched its rows, which
    is checked again in this transaction. Returns the reverted entry and the rows it deleted per table."""
    with UnitOfWork(engine) as uow:
        target = _target(uow, None if newest else expected)
        if target["id"] != expected:
            raise Conflict(messages.UNDO_MOVED.format(expected=expected, found=target["id"]))
        deleted = uow.history.delete_created_by(target["id"])
        for change in reversed(target["changes"]):
            if change["action"] != "insert":  # inserted rows went with delete_created_by
                uow.history.restore_old_row(change)
        entry = uow.history.begin(
            current_user(),
            "undo",
            {"reverted": target["id"], "command": target["command"], "deleted": deleted},
            undoes=target["id"],
        )
        uow.history.reversed_changes(entry, target["changes"])
        # A change made before revision 0005 set organisation.dissolved alone: its revert brings the
        # status history in step (a no-op for later changes, which kept both in step themselves).
        restored = [
            c["record_id"]
            for c in target["changes"]
            if c["table_name"] == "organisation" and c["action"] == "update"
        ]
        uow.history.changes(entry, "legal_status", uow.endings.reconcile(entry, restored))
        uow.commit()
    return {**target, "deleted": deleted}
