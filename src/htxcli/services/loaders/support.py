"""Loading the support file: matched by reference, or, for a row without one, by all its values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import ParsedBatch
from htxcli.domain.batch_support import parse_supports, support_doubts_in
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.loaders.base import Loader
from htxcli.store.loading import SupportLoad

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork


_SUPPORT_VALUES = ("program", "date", "amount_vnd", "quantity", "unit", "reference", "note")
_support_values = itemgetter("organisation_id", *_SUPPORT_VALUES)


def _identity(record: Mapping[Any, Any]) -> tuple[Any, ...]:
    return tuple(record[f] for f in ("organisation_id", *_SUPPORT_VALUES))


class SupportLoader(Loader):
    table = "support"
    parse_batch = staticmethod(parse_supports)
    doubts_in = staticmethod(support_doubts_in)
    bulk_columns = ("organisation_id", *_SUPPORT_VALUES)

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        super().__init__(uow, result, entry)
        self.target = self.support = SupportLoad(uow.connection)

    def preload(self) -> None:
        self.lives.ids(())

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        codes, references = parsed.column("code"), parsed.column("reference")
        if None in references or len(set(references)) != len(codes):
            return None  # rows without a reference are compared with stored ones, the careful way
        ids = list(map(self.lives.ids(codes).get, codes))  # None for a province-wide row (no code)
        if ids.count(None) != codes.count(None):
            return None  # an unknown code: refused the careful way, with its message
        return [ids, *(parsed.iso.get(name) or parsed.column(name) for name in _SUPPORT_VALUES)]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self.lives(row.values["code"] for row in batch)
        refused: list[tuple[Row, str]] = []
        ready: list[tuple[Row, dict[str, Any]]] = []
        for row in batch:
            v = row.values
            organisation_id = None
            if v["code"] is not None:
                life = lives.get(v["code"])
                if life is None:
                    refused.append((row, f"code: {messages.CODE_NOT_REGISTERED.format(code=v['code'])}"))
                    continue
                # Support dated outside the organisation's life is kept: registries hold such records
                # (late disbursements, founding grants); `htx db check` lists them.
                organisation_id = life.id
            ready.append((row, {"organisation_id": organisation_id, **{f: v[f] for f in _SUPPORT_VALUES}}))

        by_reference = self.support.by_reference(
            list({r["reference"] for _, r in ready if r["reference"] is not None})
        )
        anonymous = self._stored_anonymous([r for _, r in ready if r["reference"] is None])
        new: dict[Any, dict[str, Any]] = {}
        changed: dict[int, dict[str, Any]] = {}
        history: dict[int, tuple[int, str | None, Mapping[str, Any], Mapping[str, Any]]] = {}
        for row, record in ready:
            if record["reference"] is not None:
                old = by_reference.get(record["reference"])
                if old is None:
                    new[("ref", record["reference"])] = record
                elif any(record[f] != old[f] for f in record):
                    changed[old["id"]] = {**record, "_id": old["id"]}
                    history[old["id"]] = (old["id"], row.values["code"], old, {**old, **record})
                else:
                    self.result.unchanged += 1
            else:
                key = _identity(record)
                if key in anonymous or ("row", key) in new:
                    self.result.unchanged += 1
                else:
                    new[("row", key)] = record
        if new:
            created_by = self.entry()
            self._insert([(*_support_values(r), created_by) for r in new.values()])
        self._update("support", list(changed.values()), list(history.values()))
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused

    def _stored_anonymous(self, records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
        """Identities of the stored rows without a reference on the dates this batch touches."""
        return {_identity(r) for r in self.support.without_reference(list({r["date"] for r in records}))}
