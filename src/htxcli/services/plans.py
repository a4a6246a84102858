"""Plans: targets set, changed, removed, estimated, listed, imported and exported; each change one
transaction and one history entry (undoable)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import IO, TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.plans import format_span, parse_span, parse_target
from htxcli.domain.vocab import INDICATORS
from htxcli.services.history import current_user
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine

# The CSV contract of `htx export plans` / `htx import plans`.
COLUMNS = ("year", "indicator", "area", "target", "note")
# `htx plan`'s listing: the contract's columns and the estimate.
LIST_COLUMNS = ("year", "indicator", "area", "target", "estimate", "note")


@dataclass(frozen=True)
class Key:
    first: int
    last: int
    indicator: str
    area: str | None  # as typed, NFC and trimmed; None for the province
    level: str | None  # district or commune
    area_key: str  # '' for the province

    @property
    def span(self) -> str:
        return format_span(self.first, self.last)

    def columns(self) -> dict[str, Any]:
        return {
            "first_year": self.first,
            "last_year": self.last,
            "indicator": self.indicator,
            "area": self.area,
            "area_level": self.level,
            "area_key": self.area_key,
        }


@dataclass(frozen=True)
class Result:
    key: Key
    before: int | None
    after: int | None
    changed: bool
    new: bool = False


def _key(uow: UnitOfWork, year: str, indicator: str, area: str | None, *, field: str = "year") -> Key:
    first, last = parse_span(field, year)
    key = INDICATORS.parse(indicator)
    if area is None or not area.strip():
        return Key(first, last, key, None, None, "")
    typed, level, area_key = _area(uow, area)
    return Key(first, last, key, typed, level, area_key)


def _area(uow: UnitOfWork, text: str) -> tuple[str, str, str]:
    """A district or a commune of the registry, as the report's --district and --commune read them:
    (the name as typed, its level, its key)."""
    from htxcli.domain.unit_names import name_key
    from htxcli.domain.values import parse_text
    from htxcli.services.report import _commune, _district

    typed = parse_text("area", text, required=True)
    assert typed is not None
    for level, find in (("district", _district), ("commune", _commune)):
        try:
            find(uow, typed)
        except InvalidValue:
            continue
        return typed, level, name_key(typed)
    raise InvalidValue("area", text, messages.PLAN_UNKNOWN_AREA)


def _summary(key: Key, **values: Any) -> dict[str, Any]:
    return {"year": key.span, "indicator": key.indicator, "area": key.area, **values}


def _write(
    uow: UnitOfWork, command: str, key: Key, values: Mapping[str, Any], summary: dict[str, Any]
) -> bool:
    """Insert or change the key's row with `values`, with its history entry; False when it already
    holds them (nothing written)."""
    old = uow.plans.find(key.columns())
    if old is not None and all(old[k] == v for k, v in values.items()):
        return False
    entry = uow.history.begin(current_user(), command, summary)
    if old is None:
        record_id = uow.plans.insert({**key.columns(), **values})
        uow.history.mark_created("plan", record_id, entry)
    else:
        record_id = int(old["id"])
        uow.plans.update(record_id, values)
    after = uow.history.row("plan", record_id)
    uow.history.changes(entry, "plan", [(record_id, None, dict(old) if old else None, after)])
    return True


@retrying
def set_target(
    engine: Engine, year: str, indicator: str, value: str, area: str | None, note: str | None = None
) -> Result:
    from htxcli.domain.values import parse_text

    with UnitOfWork(engine) as uow:
        key = _key(uow, year, indicator, area)
        target = parse_target("target", key.indicator, value)
        values: dict[str, Any] = {"target": target}
        if note is not None:
            values["note"] = parse_text("note", note)
        old = uow.plans.find(key.columns())
        before = None if old is None else old["target"]
        changed = _write(uow, "plan set", key, values, _summary(key, target=target))
        uow.commit()
    return Result(key, before, target, changed, new=old is None)


@retrying
def set_estimate(engine: Engine, year: str, indicator: str, value: str, area: str | None) -> Result:
    with UnitOfWork(engine) as uow:
        key = _key(uow, year, indicator, area)
        if key.first != key.last:
            raise InvalidValue("year", year, messages.PLAN_ESTIMATE_ONE_YEAR)
        estimate = parse_target("estimate", key.indicator, value)
        old = uow.plans.find(key.columns())
        before = None if old is None else old["estimate"]
        changed = _write(uow, "plan estimate", key, {"estimate": estimate}, _summary(key, estimate=estimate))
        uow.commit()
    return Result(key, before, estimate, changed, new=old is None)


@retrying
def unset(engine: Engine, year: str, indicator: str, area: str | None) -> Key:
    with UnitOfWork(engine) as uow:
        key = _key(uow, year, indicator, area)
        old = uow.plans.find(key.columns())
        if old is None:
            raise HtxError(messages.PLAN_NOT_SET.format(plan=describe(key)))
        entry = uow.history.begin(current_user(), "plan unset", _summary(key))
        uow.plans.delete(int(old["id"]))
        uow.history.changes(entry, "plan", [(int(old["id"]), None, dict(old), None)])
        uow.commit()
    return key


def describe(key: Key) -> str:
    """'2018-2020 new-model', with ' (Ba Bể)' for an area: how messages name a plan."""
    shown = f"{key.span} {INDICATORS.spoken(key.indicator)}"
    return f"{shown} ({key.area})" if key.area else shown


def listing(engine: Engine) -> list[dict[str, Any]]:
    """Every plan as the listing's rows (LIST_COLUMNS)."""
    with UnitOfWork(engine, read_only=True) as uow:
        return [_row(r) for r in uow.plans.all()]


def _row(r: Any) -> dict[str, Any]:
    return {
        "year": format_span(r["first_year"], r["last_year"]),
        "indicator": r["indicator"],
        "area": r["area"],
        "target": r["target"],
        "estimate": r["estimate"],
        "note": r["note"],
    }


def export_rows(engine: Engine) -> Iterator[dict[str, Any]]:
    """The plans that have a target, in the contract's columns."""
    for row in listing(engine):
        if row["target"] is not None:
            yield {c: row[c] for c in COLUMNS}


@dataclass
class Imported:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    entry: int | None = None  # the history entry, when something was written
    notes: list[str] = dataclass_field(default_factory=list)  # rows left out, for the clerk


@retrying
def import_csv(
    engine: Engine, stream: IO[str], name: str, *, dry_run: bool = False, table: str = "plans"
) -> Imported:
    """Every row of a plans file, or none: a bad row is one line naming FILE:LINE, the column and
    the value. A row sets its target (and note) as `htx plan set` does; one history entry for all."""
    from htxcli.domain.cells import unprotect_cell
    from htxcli.domain.headers import is_column_numbers
    from htxcli.domain.text import fold
    from htxcli.domain.values import parse_text

    reader = csv.DictReader(stream)
    header = [fold(h or "") for h in reader.fieldnames or ()]
    for column in header:
        if column not in COLUMNS:
            raise InvalidValue(
                f"{name}:1", column, messages.UNKNOWN_COLUMN.format(table=table, columns=", ".join(COLUMNS))
            )
    for column in ("year", "indicator", "target"):
        if column not in header:
            raise InvalidValue(f"{name}:1", column, messages.MISSING_COLUMN.format(table=table))
    reader.fieldnames = header
    counts = Imported()
    with UnitOfWork(engine) as uow:
        rows: list[tuple[Key, dict[str, Any]]] = []
        seen: set[Key] = set()
        for line, raw in enumerate(reader, start=2):
            where = f"{name}:{line}"
            if None in raw:  # more cells than the header has columns
                raise HtxError(f"{where}: {messages.PLAN_TOO_MANY_CELLS}")
            if line == 2 and is_column_numbers([v or "" for v in raw.values()]):
                counts.notes.append(messages.COLUMN_NUMBERS_SKIPPED.format(where=where))
                continue
            row = {k: None if v is None else unprotect_cell(v) for k, v in raw.items()}
            try:
                key = _key(uow, row.get("year") or "", row.get("indicator") or "", row.get("area"))
                values = {
                    "target": parse_target("target", key.indicator, row.get("target") or "", typed=False),
                    "note": parse_text("note", row.get("note")),
                }
            except InvalidValue as e:
                raise HtxError(f"{where}: {e}") from None
            if key in seen:
                raise HtxError(f"{where}: {messages.PLAN_TWICE.format(plan=describe(key))}")
            seen.add(key)
            rows.append((key, values))
        entry = None
        changes = []
        for key, values in rows:
            old = uow.plans.find(key.columns())
            if old is not None and all(old[k] == v for k, v in values.items()):
                counts.unchanged += 1
                continue
            if entry is None:
                entry = uow.history.begin(current_user(), "import plans", {})
            if old is None:
                counts.new += 1
                record_id = uow.plans.insert({**key.columns(), **values})
                uow.history.mark_created("plan", record_id, entry)
            else:
                counts.changed += 1
                record_id = int(old["id"])
                uow.plans.update(record_id, values)
                changes.append((record_id, None, dict(old), uow.history.row("plan", record_id)))
        if entry is not None:
            uow.history.changes(entry, "plan", changes)
            summary = {
                "file": name,
                "new": counts.new,
                "changed": counts.changed,
                "unchanged": counts.unchanged,
            }
            uow.history.set_summary(entry, summary)
        if not dry_run:
            uow.commit()
            counts.entry = entry
    return counts
