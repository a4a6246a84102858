"""The history of changes, and the primitive writes that revert one.

Rows are kept as JSON of every column but the id, so that a revert restores a row exactly, derived
keys included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, Table, and_, delete, func, insert, or_, select, union_all, update
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.sql.selectable import CompoundSelect, ScalarSelect, Select

from htxcli.store.schema import (
    figures,
    history,
    history_change,
    issued_report,
    legal_status,
    organisation,
    plan,
    rating,
    setting,
    support,
)

TABLES: dict[str, Table] = {
    "organisation": organisation,
    "rating": rating,
    "support": support,
    "legal_status": legal_status,
    "setting": setting,
    "figures": figures,
    "issued_report": issued_report,
    "plan": plan,
}
# The tables whose rows hang on an organisation.
CHILDREN: tuple[Table, ...] = (rating, support, legal_status, figures)
# What each table holds unique, besides its id.
UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "organisation": ("code",),
    "rating": ("organisation_id", "year"),
    "support": ("reference",),
    "legal_status": ("organisation_id", "started"),
    "setting": ("key",),
    "figures": ("organisation_id", "year"),
    "issued_report": ("number",),
    "plan": ("first_year", "last_year", "indicator", "area_key"),
}


def encode(row: Mapping[str, Any] | None) -> str | None:
    if row is None:
        return None
    values = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items() if k != "id"}
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def decode(table: Table, text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    values: dict[str, Any] = json.loads(text)
    for column in table.columns:
        if isinstance(column.type, Date) and values.get(column.name) is not None:
            values[column.name] = date.fromisoformat(values[column.name])
    return values


class HistoryRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def begin(self, user: str, command: str, summary: Mapping[str, Any], undoes: int | None = None) -> int:
        result = self.connection.execute(
            insert(history).values(
                at=datetime.now().replace(microsecond=0),
                user_name=user,
                command=command,
                summary=json.dumps(summary, ensure_ascii=False, default=str),
                undoes=undoes,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def set_summary(self, entry: int, summary: Mapping[str, Any]) -> None:
        self.connection.execute(
            update(history)
            .where(history.c.id == entry)
            .values(summary=json.dumps(summary, ensure_ascii=False, default=str))
        )

    def mark_created(self, table: str, record_id: int, entry: int) -> None:
        t = TABLES[table]
        self.connection.execute(update(t).where(t.c.id == record_id).values(created_by=entry))

    def row(self, table: str, record_id: int) -> dict[str, Any]:
        """A record's whole row as stored, for the history's before and after."""
        t = TABLES[table]
        return dict(self.connection.execute(select(t).where(t.c.id == record_id)).mappings().one())

    def changes(
        self,
        entry: int,
        table: str,
        records: Iterable[tuple[int, str | None, Mapping[str, Any] | None, Mapping[str, Any] | None]],
    ) -> None:
        """Record (record_id, code, old, new) changes of one table; old None = insert, new None = delete."""
        rows = [
            {
                "history_id": entry,
                "table_name": table,
                "record_id": record_id,
                "code": code,
                "action": "insert" if old is None else "delete" if new is None else "update",
                "old": encode(old),
                "new": encode(new),
            }
            for record_id, code, old, new in records
        ]
        if rows:
            self.connection.execute(insert(history_change), rows)

    def reversed_changes(self, entry: int, changes: Sequence[Mapping[str, Any]]) -> None:
        """Record, under an undo entry, the opposite of the changes it reverted."""
        opposite = {"insert": "delete", "delete": "insert", "update": "update"}
        rows = [
            {
                "history_id": entry,
                "table_name": c["table_name"],
                "record_id": c["record_id"],
                "code": c["code"],
                "action": opposite[c["action"]],
                "old": c["new"],
                "new": c["old"],
            }
            for c in reversed(changes)
        ]
        if rows:
            self.connection.execute(insert(history_change), rows)

    # --- reading -------------------------------------------------------------------------------

    def latest_undoable(self) -> RowMapping | None:
        """The newest entry that is neither an undo nor already undone."""
        undone = select(history.c.undoes).where(history.c.undoes.is_not(None))
        query = (
            select(history)
            .where(history.c.undoes.is_(None), history.c.id.not_in(undone))
            .order_by(history.c.id.desc())
            .limit(1)
        )
        return self.connection.execute(query).mappings().first()

    def get(self, entry: int) -> RowMapping | None:
        return self.connection.execute(select(history).where(history.c.id == entry)).mappings().first()

    def undone_by(self, entry: int) -> int | None:
        """The undo that reverted `entry`, if any."""
        query = select(history.c.id).where(history.c.undoes == entry)
        found = self.connection.execute(query).scalar_one_or_none()
        return None if found is None else int(found)

    def later_touching(self, entry: int, changes: Sequence[Mapping[str, Any]]) -> list[int]:
        """The later entries, still in effect, that touched the rows `entry` changed or inserted, or that
        hang rows on an organisation it inserted, or that took a code or reference its revert would
        give back. Reverting `entry` alone would undo their work too, or fail: they must go first.

        An entry later undone, and an undo of an entry later than `entry`, are not in effect: each such
        pair cancels out. An undo of an earlier entry is: it changed the rows it restored."""
        live = select(history.c.id).where(
            history.c.id > entry,
            history.c.id.not_in(select(history.c.undoes).where(history.c.undoes.is_not(None))),
            or_(history.c.undoes.is_(None), history.c.undoes < entry),
        )
        c = history_change.c
        found: list[Select[Any]] = []
        for name, table in TABLES.items():
            # Rows of `table` the entry touched: those it changed, and those it inserted.
            touched = union_all(
                select(c.record_id).where(c.history_id == entry, c.table_name == name),
                select(table.c.id).where(table.c.created_by == entry),
            )
            found.append(
                select(c.history_id).where(
                    c.table_name == name, c.record_id.in_(touched), c.history_id.in_(live)
                )
            )
        # Ratings and support of an organisation the entry inserted: deleting it would orphan them.
        inserted = select(organisation.c.id).where(organisation.c.created_by == entry)
        for child in CHILDREN:
            hanging = select(child.c.id).where(child.c.organisation_id.in_(inserted))
            found.append(
                select(child.c.created_by).where(
                    child.c.organisation_id.in_(inserted), child.c.created_by.in_(live)
                )
            )
            found.append(
                select(c.history_id).where(
                    c.table_name == child.name, c.record_id.in_(hanging), c.history_id.in_(live)
                )
            )
        # An organisation's status entries are a chain, each change checked against the one before
        # (a resumption follows a suspension, nothing follows a dissolution): a later status change of
        # an organisation whose status the entry changed stands on it.
        statuses = select(c.code).where(
            c.history_id == entry, c.table_name == legal_status.name, c.code.is_not(None)
        )
        found.append(
            select(c.history_id).where(
                c.table_name == legal_status.name, c.code.in_(statuses), c.history_id.in_(live)
            )
        )
        # An issued report that replaces one the entry issued stands on it (revision 0010_issued_reports).
        issued = select(issued_report.c.id).where(issued_report.c.created_by == entry)
        found.append(
            select(issued_report.c.created_by).where(
                issued_report.c.replaces.in_(issued), issued_report.c.created_by.in_(live)
            )
        )
        for change in changes:
            holders = self._holders(change, live) if change["action"] == "update" else None
            if holders is not None:
                found.append(holders)
        query = union_all(*found)
        return sorted({int(i) for i in self.connection.execute(query).scalars() if i is not None})

    def _holders(self, change: Mapping[str, Any], live: Select[Any]) -> Select[Any] | None:
        """When reverting an update gives a row back a unique key it gave up (an organisation's corrected
        code), the later entries that put another row on that key."""
        table = TABLES[change["table_name"]]
        # Plain JSON: no key is a date, and an import's undo runs this for each of its changed rows.
        old, new = json.loads(change["old"] or "{}"), json.loads(change["new"] or "{}")
        key = UNIQUE_KEYS[change["table_name"]]
        if any(old.get(k) is None for k in key) or all(old.get(k) == new.get(k) for k in key):
            return None
        holder = select(table.c.id).where(
            *(table.c[k] == old[k] for k in key), table.c.id != change["record_id"]
        )
        c = history_change.c
        return (
            union_all(
                select(table.c.created_by).where(table.c.id.in_(holder), table.c.created_by.in_(live)),
                select(c.history_id).where(
                    c.table_name == change["table_name"], c.record_id.in_(holder), c.history_id.in_(live)
                ),
            )
            .subquery()
            .select()
        )

    def changes_of(self, entry: int) -> Sequence[RowMapping]:
        query = (
            select(history_change).where(history_change.c.history_id == entry).order_by(history_change.c.id)
        )
        return list(self.connection.execute(query).mappings())

    def entries(self, code: str | None, limit: int, before: int | None = None) -> list[dict[str, Any]]:
        """Newest first (older than entry `before`, if given), each with its changes and the id of the
        undo that reverted it, if any."""
        query = _concerning(select(history), code).order_by(history.c.id.desc()).limit(limit)
        if before is not None:
            query = query.where(history.c.id < before)
        about = _about(code) if code is not None else None
        found = [dict(row) for row in self.connection.execute(query).mappings()]
        ids = [e["id"] for e in found]
        undone_query = select(history.c.undoes, history.c.id).where(history.c.undoes.in_(ids))
        undone_by = {undone: by for undone, by in self.connection.execute(undone_query)}
        changes: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        change_query = select(history_change).where(history_change.c.history_id.in_(ids))
        if about is not None:
            change_query = change_query.where(about)
        for change in self.connection.execute(change_query.order_by(history_change.c.id)).mappings():
            changes[change["history_id"]].append(dict(change))
        for e in found:
            e["summary"] = json.loads(e["summary"])
            e["undone_by"] = undone_by.get(e["id"])
            e["changes"] = changes[e["id"]]
        return found

    def count(self, code: str | None = None) -> int:
        """How many entries there are (concerning the organisation `code`, if given)."""
        query = _concerning(select(func.count()).select_from(history), code)
        return int(self.connection.execute(query).scalar_one())

    # --- reverting -----------------------------------------------------------------------------

    def restore_old_row(self, change: Mapping[str, Any]) -> None:
        """Put back the row an update changed, or a row a change deleted (a status entry that
        `htx reinstate` removed), under its own id. Inserted rows go with delete_created_by."""
        table = TABLES[change["table_name"]]
        old = decode(table, change["old"])
        assert change["action"] in ("update", "delete") and old is not None
        if change["action"] == "delete":
            self.connection.execute(insert(table).values(id=change["record_id"], **old))
        else:
            self.connection.execute(update(table).where(table.c.id == change["record_id"]).values(**old))

    def delete_created_by(self, entry: int) -> dict[str, int]:
        """Delete the rows an entry inserted, children first; returns how many per table."""
        counts = {}
        for name in (
            "support",
            "rating",
            "figures",
            "legal_status",
            "setting",
            "plan",
            "issued_report",
            "organisation",
        ):
            table = TABLES[name]
            deleted = self.connection.execute(delete(table).where(table.c.created_by == entry)).rowcount
            # Status entries an import or `add` wrote from the `dissolved` column go with their
            # organisations, and a status or setting command's undo says what it removed in words.
            if name not in ("legal_status", "setting", "issued_report"):
                counts[name] = deleted
        return counts


def _concerning(query: Select[Any], code: str | None) -> Select[Any]:
    """The entries of `query` that concern the organisation `code`: all of them without one."""
    if code is None:
        return query
    touching = select(history_change.c.history_id).where(_about(code))
    return query.where(or_(history.c.id.in_(touching), history.c.id.in_(_creators(code))))


def _about(code: str) -> ColumnElement[bool]:
    """The changes that concern an organisation: recorded under its code, or made to its own row, its
    ratings or its support records whatever code they were recorded under (its code may have been
    corrected since)."""
    c = history_change.c
    its_id = _id_of(code)
    return or_(
        c.code == code,
        and_(c.table_name == "organisation", c.record_id == its_id),
        and_(
            c.table_name == "rating",
            c.record_id.in_(select(rating.c.id).where(rating.c.organisation_id == its_id)),
        ),
        and_(
            c.table_name == "support",
            c.record_id.in_(select(support.c.id).where(support.c.organisation_id == its_id)),
        ),
        and_(
            c.table_name == "legal_status",
            c.record_id.in_(select(legal_status.c.id).where(legal_status.c.organisation_id == its_id)),
        ),
        and_(
            c.table_name == "figures",
            c.record_id.in_(select(figures.c.id).where(figures.c.organisation_id == its_id)),
        ),
    )


def _creators(code: str) -> CompoundSelect[tuple[int | None]]:
    """The entries that inserted the organisation, its ratings or its support records: an import
    records the rows it inserts by created_by only, not change by change."""
    its_id = _id_of(code)
    return union_all(
        select(organisation.c.created_by).where(organisation.c.code == code),
        select(rating.c.created_by).where(rating.c.organisation_id == its_id),
        select(support.c.created_by).where(support.c.organisation_id == its_id),
        select(legal_status.c.created_by).where(legal_status.c.organisation_id == its_id),
        select(figures.c.created_by).where(figures.c.organisation_id == its_id),
    )


def _id_of(code: str) -> ScalarSelect[Any]:
    return select(organisation.c.id).where(organisation.c.code == code).scalar_subquery()
