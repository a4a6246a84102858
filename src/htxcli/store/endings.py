"""A life's end, written in one place: organisation.dissolved and the ending status entries (dissolved,
bankrupt) that it mirrors. No other code writes either (tests/test_one_home.py looks): `end` records an
ending and its date, `reopen` takes the ending back, and `reconcile` brings the history in step after a
write that set the date alone (a row added or imported with its `dissolved` column; an undo of a change
made before revision 0005, which knew the column only). Each writes both in the caller's transaction
and returns the history changes, (record id, code, before, after) per table, for the caller's entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, exists, insert, literal, or_, select, update
from sqlalchemy.engine import Connection

from htxcli.domain.vocab import ENDING_STATUSES
from htxcli.store.schema import legal_status, organisation

Change = tuple[int, str | None, Mapping[Any, Any] | None, Mapping[Any, Any] | None]
Changes = dict[str, list[Change]]  # by table: "organisation", "legal_status"

DISSOLVED = "dissolved"  # the ending status a dissolution date alone stands for


class EndingRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _row(self, table: Any, record_id: int) -> dict[str, Any]:
        return dict(self.connection.execute(select(table).where(table.c.id == record_id)).mappings().one())

    def _set_dissolved(self, row: Mapping[Any, Any], day: date | None) -> Change:
        self.connection.execute(
            update(organisation).where(organisation.c.id == row["id"]).values(dissolved=day)
        )
        return (row["id"], row["code"], dict(row), self._row(organisation, row["id"]))

    def end(self, row: Mapping[Any, Any], values: Mapping[Any, Any]) -> tuple[int, Changes]:
        """Record the ending status `values` (status, started, reason, …) of the organisation `row`, and
        its date as the organisation's `dissolved`. Returns the new entry's id and the changes."""
        assert values["status"] in ENDING_STATUSES, values
        result = self.connection.execute(insert(legal_status).values(organisation_id=row["id"], **values))
        new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        return new_id, {
            "legal_status": [(new_id, row["code"], None, self._row(legal_status, new_id))],
            "organisation": [self._set_dissolved(row, values["started"])],
        }

    def reopen(self, row: Mapping[Any, Any], ending: Mapping[Any, Any]) -> Changes:
        """Take back the ending entry `ending` (recorded by mistake): the organisation is in force again."""
        assert ending["status"] in ENDING_STATUSES, ending
        self.connection.execute(delete(legal_status).where(legal_status.c.id == ending["id"]))
        return {
            "legal_status": [(ending["id"], row["code"], dict(ending), None)],
            "organisation": [self._set_dissolved(row, None)],
        }

    def reconcile(self, entry: int, organisation_ids: Sequence[int] | None = None) -> list[Change]:
        """Bring each organisation's ending status in step with its dissolution date, after a write that
        set the date alone. A date with no ending status gets a `dissolved` entry created by `entry`
        (undone with it); an ending status at another date is moved to it; one without a date is
        removed. Returns the moves and removals, for the history (the insertions are marked
        created_by)."""
        o, s = organisation.c, legal_status.c
        chosen: list[ColumnElement[bool]] = []
        if organisation_ids is not None:
            if not organisation_ids:
                return []
            chosen.append(o.id.in_(organisation_ids))
        ending = exists().where(s.organisation_id == o.id, s.status.in_(ENDING_STATUSES))
        missing = select(o.id, literal(DISSOLVED), o.dissolved, literal(entry)).where(
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
                self.connection.execute(delete(legal_status).where(s.id == row["id"]))
                changes.append((row["id"], row["code"], old, None))
            else:
                self.connection.execute(
                    update(legal_status).where(s.id == row["id"]).values(started=row["life_ended"])
                )
                changes.append((row["id"], row["code"], old, {**old, "started": row["life_ended"]}))
        return changes
