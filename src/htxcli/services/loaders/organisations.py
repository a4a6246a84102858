"""Loading the organisations file: the careful way compares each row with the stored organisation;
addresses go to their official spelling, and lookalike names are warned of."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import ParsedBatch
from htxcli.domain.batch_organisations import organisation_doubts_in, parse_organisations
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.records import (
    DEFAULT_KIND,
    KEY_FIELDS,
    ORGANISATION_FIELDS,
    PLACE_FIELDS,
    SEARCHED_FIELDS,
    address_key_columns,
    check_life,
    derived_key_columns,
    derived_keys,
)
from htxcli.domain.reform import REFORM_DAY
from htxcli.domain.text import fold
from htxcli.domain.values import format_date
from htxcli.domain.vocab import LEGAL_STATUSES
from htxcli.services.import_places import ADDRESS_FIELDS, ImportPlaces, has_places, in_default_province
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.loaders.base import Loader
from htxcli.services.lookalikes import DistrictSpellings, Lookalikes
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import Refused
from htxcli.store.loading import OrganisationLoad

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork

_NEW_NEEDS = ("name", "founded")  # what a new organisation must have; a stored one may be given without


class CooperativeLoader(Loader):
    table = "cooperatives"
    parse_batch = staticmethod(parse_organisations)
    doubts_in = staticmethod(organisation_doubts_in)
    bulk_columns: tuple[str, ...] = (*ORGANISATION_FIELDS, *KEY_FIELDS)

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        super().__init__(uow, result, entry)
        self.target = self.organisations = OrganisationLoad(uow.connection)
        self.statuses = uow.statuses
        self.districts = DistrictSpellings(uow.connection)
        result.respelled = self.districts.respelled
        self.lookalikes = Lookalikes(uow.connection)
        self._lines: Callable[[], Sequence[int]] = list  # the physical lines of the batch being applied
        self.places: ImportPlaces | None = None  # set when the file has a province column
        self._unmatched: list[tuple[int, InvalidValue]] = []  # the planned batch's names in no list
        self._uow = uow
        self._default: str | None = None  # the registry's province, for a file of communes without one
        self.undated = 0  # rows whose new address had no date: given 01/07/2025
        self._undated_note: int | None = None  # where its note is in result.notes

    def plans_offline(self) -> bool:
        return True

    def apply(self, read: Read, parsed: ParsedBatch) -> Refused:
        # In this process, where the database is: the plan may come from the one reading the file.
        self._lines = lambda: [read.lines[i] for i in parsed.index]
        self._unmatched = []
        if self.places is None and self._default is None and in_default_province(parsed.fields):
            from htxcli.services.settings import province_of

            self._default = province_of(self._uow) or ""
        if self.places is None and (has_places(parsed.fields) or self._default):
            self.places = ImportPlaces(self._default)  # the file's header decides, for all its batches
            self.bulk_columns = (*ORGANISATION_FIELDS, *KEY_FIELDS, *PLACE_FIELDS)
        if self.places is not None and parsed.complete:
            parsed.planned = self._plan_with_places(parsed, self.places)
        self.districts.respell(parsed)
        return super().apply(read, parsed)

    def _plan_with_places(self, parsed: ParsedBatch, places: ImportPlaces) -> list[Sequence[Any]] | None:
        """The bulk insert (as planned where the file was read, or here) with each address in the
        official spelling, its place fields, and the keys derived from it; the warnings wait for the
        insert to succeed."""
        planned = parsed.planned if parsed.planned is not None else self.plan_bulk(parsed)
        if planned is None:
            return None
        columns = dict(zip(ORGANISATION_FIELDS, planned, strict=False))
        keys: Sequence[Sequence[Any]] = planned[
            len(ORGANISATION_FIELDS) : len(ORGANISATION_FIELDS) + len(KEY_FIELDS)
        ]
        matched, self._unmatched = places.columns(parsed)
        searched = [columns[f] != matched[f] for f in ADDRESS_FIELDS if f in SEARCHED_FIELDS]
        for name in ADDRESS_FIELDS:
            columns[name] = matched[name]
        since = list(columns["new_address_from"])
        undated = [j for j, province in enumerate(matched["new_province"]) if province and not since[j]]
        for j in undated:
            since[j] = REFORM_DAY
        columns["new_address_from"] = since
        self._undated(len(undated))
        if any(searched):  # the name and sort keys, the costly ones, do not change
            keys = address_key_columns(columns, keys)
        return [*columns.values(), *keys, *(matched[f] for f in PLACE_FIELDS)]

    def _fast(self, columns: list[Sequence[Any]]) -> bool:
        if not super()._fast(columns):
            return False
        # Every row of the batch was new: each is checked against the stored organisations.
        name_keys = columns[len(ORGANISATION_FIELDS) + KEY_FIELDS.index("name_key")]
        lines = self._lines()
        self._warn_lookalikes(lines, columns[0], name_keys)
        for j, problem in self._unmatched:
            self._warn(lines[j], problem)
        return True

    def _undated(self, rows: int) -> None:
        """A new address without its date (no new_address_from) is in force from 01/07/2025, as
        `edit --province` gives it: said in one note, with the count of such rows."""
        if not rows:
            return
        self.undated += rows
        note = messages.IMPORT_NEW_ADDRESS_DATED.format(count=self.undated)
        if self._undated_note is None:
            self._undated_note = len(self.result.notes)
            self.result.notes.append(note)
        else:
            self.result.notes[self._undated_note] = note

    def _warn(self, line: int, problem: object) -> None:
        self.result.add_warning(
            messages.IMPORT_WARNING.format(file=self.entry.file, line=line, problems=problem), line
        )

    def _warn_lookalikes(self, lines: Sequence[int], codes: Sequence[str], name_keys: Sequence[str]) -> None:
        for line, problems in self.lookalikes.check(self.entry.id, lines, codes, name_keys):
            self.result.add_warning(
                messages.IMPORT_WARNING.format(
                    file=self.entry.file, line=self.entry.place(line), problems=problems
                ),
                line,
            )

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        n = len(parsed.index)
        if not all(f in parsed.fields for f in _NEW_NEEDS):
            return None  # a file of changes to stored organisations (code and some columns)
        if len(set(parsed.column("code"))) != n:
            return None  # a code twice in the batch: the later row wins, the careful way
        columns: dict[str, Sequence[Any]] = {}
        for name in ORGANISATION_FIELDS:
            if name in parsed.fields:
                columns[name] = parsed.iso.get(name) or parsed.column(name)
            else:  # not in the file
                columns[name] = [DEFAULT_KIND if name == "kind" else None] * n
        return [*columns.values(), *derived_key_columns(columns)]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        latest = {row.values["code"]: row for row in batch}  # a code twice in one batch: the later row wins
        existing = self.organisations.stored(list(latest))
        new, changed, history = [], [], []
        fresh: list[tuple[int, str, str]] = []  # line, code and name key of each new row
        stored_fields = (*ORGANISATION_FIELDS, *(PLACE_FIELDS if self.places is not None else ()))
        refused: list[tuple[Row, str]] = []
        for code, row in latest.items():
            old = existing.get(code)
            full = {f: row.values.get(f, old[f] if old else None) for f in ORGANISATION_FIELDS}
            if full["kind"] is None:
                full["kind"] = DEFAULT_KIND
            missing = [f for f in _NEW_NEEDS if full[f] is None]
            if missing:  # a new organisation in a file of changes: it needs its name and founding date
                refused.append((row, f"{missing[0]}: {messages.REQUIRED_FOR_NEW.format(code=code)}"))
                continue
            if old is not None and ("founded" in row.values or "dissolved" in row.values):
                try:  # a changed date against the stored other one, and the status history
                    check_life(full["founded"], full["dissolved"])
                    self._check_statuses(old, full)
                except HtxError as e:
                    refused.append((row, str(e)))
                    continue
            if self.places is not None:
                official, problems = self.places.address(full)
                full.update(official)
                for problem in problems:
                    self._warn(row.line, problem)
                if full["new_province"] and full["new_address_from"] is None:
                    full["new_address_from"] = REFORM_DAY  # as `edit --province` dates it
                    self._undated(1)
            if old is None:
                new.append(full)
                fresh.append((row.line, code, fold(full["name"] or "")))
            elif any(full[f] != old[f] for f in stored_fields):
                after = {**full, **derived_keys(full)}
                changed.append({**after, "_id": old["id"]})
                history.append((old["id"], code, old, {**old, **after}))
            else:
                self.result.unchanged += 1
        if new:
            columns = {name: [row[name] for row in new] for name in ORGANISATION_FIELDS}
            keys = derived_key_columns(columns)
            places = [[row[name] for row in new] for name in stored_fields[len(ORGANISATION_FIELDS) :]]
            rows = zip(*columns.values(), *keys, *places, repeat(self.entry(), len(new)), strict=True)
            self._insert(list(rows))
        if fresh:
            lines, new_codes, name_keys = zip(*fresh, strict=True)
            self._warn_lookalikes(lines, new_codes, name_keys)
        self._update("organisation", changed, history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused

    def _check_statuses(self, old: Mapping[str, Any], full: Mapping[str, Any]) -> None:
        """A changed founding or dissolution date may not leave a recorded status entry outside the
        life: the row is refused naming the entry it clashes with (as `edit` and `dissolve` refuse)."""
        if (full["founded"], full["dissolved"]) == (old["founded"], old["dissolved"]):
            return
        clash = self.statuses.outside_life(old["id"], full["founded"], full["dissolved"])
        if clash is None:
            return
        spoken = {"status": LEGAL_STATUSES.spoken(clash["status"]), "date": format_date(clash["started"])}
        if clash["started"] < full["founded"]:
            problem = messages.LEGAL_FOUNDED_AFTER_STATUS.format(**spoken)
            raise InvalidValue("founded", full["founded"].isoformat(), problem)
        problem = messages.LEGAL_DISSOLVED_BEFORE_STATUS.format(**spoken)
        raise InvalidValue("dissolved", full["dissolved"].isoformat(), problem)
