"""The loaders: how each contract file's parsed batches become rows of the registry.

A batch that parses whole is planned as columns and inserted as it is, in one statement; when it hits
a stored row (a unique constraint) or cannot be planned, it goes the careful way: each row is compared
with the stored one and inserted, updated or left, and a row naming no organisation is refused. The
SQL of both ways is in store/loading.py.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import (
    Doubts,
    ParsedBatch,
    organisation_doubts_in,
    parse_organisations,
    parse_ratings,
    parse_supports,
    support_doubts_in,
)
from htxcli.domain.errors import HtxError, InvalidValue
from htxcli.domain.figures import (
    COMPARED,
    VALUE_FIELDS,
    Units,
    figure_doubts_in,
    parse_figure_batch,
    tenfold_doubts,
)
from htxcli.domain.periods import years_within_life
from htxcli.domain.records import (
    DEFAULT_KIND,
    KEY_FIELDS,
    ORGANISATION_FIELDS,
    PLACE_FIELDS,
    SEARCHED_FIELDS,
    address_key_columns,
    check_life,
    check_rating_year,
    derived_key_columns,
    derived_keys,
)
from htxcli.domain.reform import REFORM_DAY
from htxcli.domain.text import fold
from htxcli.domain.values import format_date
from htxcli.domain.vocab import LEGAL_STATUSES
from htxcli.services.import_places import ADDRESS_FIELDS, ImportPlaces, has_places, in_default_province
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.lookalikes import DistrictSpellings, Lookalikes
from htxcli.services.rowsource import Read, Refused
from htxcli.store.loading import (
    FiguresLoad,
    Lives,
    OrganisationLoad,
    RatingLoad,
    StoredRating,
    SupportLoad,
    TableLoad,
)

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork

_NEW_NEEDS = ("name", "founded")  # what a new organisation must have; a stored one may be given without


def _no_doubts(parsed: ParsedBatch) -> Doubts:
    return []


class Loader:
    """A batch is first inserted as it is, without looking for stored rows: a batch that names a
    stored row (or one an earlier batch of the file inserted) trips a unique constraint, and is rolled
    back and done the careful way. A file of new rows, such as a new year's ratings, never pays for
    lookups; one of stored rows fails its attempt at the first row, cheaply."""

    table: str
    target: TableLoad  # the SQL of this loader's table
    parse_batch: Callable[[Sequence[str], Sequence[Sequence[str]]], ParsedBatch]
    doubts_in: Callable[[ParsedBatch], Doubts] = staticmethod(_no_doubts)  # rows imported with a warning
    bulk_columns: tuple[str, ...]  # what plan_bulk's columns hold, then created_by
    # How a header's unit counts a money column's cells (the figures file: `Doanh thu (triệu đồng)`).
    units: Units = MappingProxyType({})

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        self.history = uow.history
        self.result = result
        self.entry = entry
        self.lives = Lives(uow.connection)  # the organisations the file names

    def apply(self, read: Read, parsed: ParsedBatch) -> Refused:
        """Write the parsed rows of a batch; return the rows refused, each with its problem."""
        if parsed.complete:
            columns = parsed.planned if parsed.planned is not None else self.plan_bulk(parsed)
            if columns is not None and self._fast(columns):
                self.result.new += len(parsed.index)
                return []
        rows_ = [Row(*read[i], parsed.row(j)) for j, i in enumerate(parsed.index)]
        refused = [(row.line, row.cells, problem) for row, problem in self.apply_rows(rows_)]
        # The careful way leaves cycles behind: the failed attempt's error and the frames it holds
        # (with the batch's rows), the statements that looked up stored rows (with their IN lists).
        # An import makes the cycle collector rare (interchange._fewer_collections), so they piled
        # up: a re-import of 100,000 unchanged organisations peaked at 143 MiB instead of 67. The
        # young generations, which hold this batch's garbage, are swept here (~2 ms a batch).
        gc.collect(1)
        return refused

    def preload(self) -> None:
        """Read what plan_bulk needs from the database before the file is read (maybe by a child)."""

    def plans_offline(self) -> bool:
        """Whether plan_bulk can run without the database (so in the process reading the file)."""
        return self.lives.whole

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        """The batch as columns to insert as they are, or None when it needs the careful way (a key
        repeated within the batch, an unknown code, a row without a key to compare stored rows by)."""
        return None

    def apply_rows(self, rows: list[Row]) -> list[tuple[Row, str]]:
        """The careful way: compare each row with the stored one and insert, update or leave it."""
        raise NotImplementedError

    def _fast(self, columns: list[Sequence[Any]]) -> bool:
        """Insert planned columns as they are; False (and nothing written, not even the history
        entry if this made it) when they hit a constraint."""
        entry_before = self.entry.id

        def rows() -> list[tuple[Any, ...]]:
            return list(zip(*columns, repeat(self.entry(), len(columns[0])), strict=True))

        if self.target.insert_all_or_none((*self.bulk_columns, "created_by"), rows):
            return True
        self.entry.id = entry_before
        return False

    def _insert(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows given in the order of bulk_columns, made by this import."""
        self.target.insert((*self.bulk_columns, "created_by"), rows)

    def _update(self, record: str, changed: Sequence[Mapping[str, Any]], history: list[Any]) -> None:
        """Write the changed rows (their new values, and `_id`) and their history."""
        if changed:
            self.target.update(changed)
            self.history.changes(self.entry(), record, history)


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


class RatingLoader(Loader):
    table = "ratings"
    parse_batch = staticmethod(parse_ratings)
    bulk_columns = ("organisation_id", "year", "grade", "score", "note")

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        super().__init__(uow, result, entry)
        self.target = self.ratings = RatingLoad(uow.connection)

    def preload(self) -> None:
        self.lives(())

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        codes, years = parsed.column("code"), parsed.column("year")
        lives, named = self.lives(codes), set(codes)
        if not lives.keys() >= named:
            return None  # an unknown code: refused the careful way, with its message
        # Per organisation named in the batch, then mapped over its rows in C.
        id_of = {code: lives[code].id for code in named}
        span = {code: years_within_life(lives[code].founded, lives[code].dissolved) for code in named}
        ids = list(map(id_of.__getitem__, codes))
        if len(set(zip(ids, years, strict=True))) != len(ids) or not all(
            map(range.__contains__, map(span.__getitem__, codes), years)
        ):
            return None  # a rating twice in the batch, or a year outside a life
        return [ids, years, parsed.column("grade"), parsed.column("score"), parsed.column("note")]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self.lives(row.values["code"] for row in batch)
        refused: list[tuple[Row, str]] = []
        latest: dict[tuple[int, int], Row] = {}
        for row in batch:
            life = lives.get(row.values["code"])
            if life is None:
                refused.append((row, f"code: {messages.CODE_NOT_REGISTERED.format(code=row.values['code'])}"))
                continue
            try:
                check_rating_year(row.values["year"], life.founded, life.dissolved)
            except HtxError as e:
                refused.append((row, str(e)))
                continue
            latest[(life.id, row.values["year"])] = row
        ids, years = list({key[0] for key in latest}), list({key[1] for key in latest})
        existing: dict[tuple[int, int], StoredRating] = self.ratings.stored(ids, years)
        new, changed, history = {}, [], []
        for key, row in latest.items():
            v = row.values
            old = existing.get(key)
            if old is None:
                new[key] = row
            elif (v["grade"], v["score"], v["note"]) != (old.grade, old.score, old.note):
                values = {"grade": v["grade"], "score": v["score"], "note": v["note"]}
                changed.append({**values, "_id": old.id})
                before = dict(old._mapping)
                history.append((old.id, v["code"], before, {**before, **values}))
            else:
                self.result.unchanged += 1
        if new:
            created_by = self.entry()
            self._insert(
                [
                    (
                        organisation_id,
                        year,
                        row.values["grade"],
                        row.values["score"],
                        row.values["note"],
                        created_by,
                    )
                    for (organisation_id, year), row in new.items()
                ]
            )
        self._update("rating", changed, history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused


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


class FiguresLoader(Loader):
    """Yearly figures, matched by code and year as ratings are. A file may carry some of the columns:
    the others keep their stored values (a file of revenues alone changes the revenues). After each
    batch, its rows are compared with the same organisations' year before, stored or just written:
    a figure ten times the year before's or more is a warning (a row whose year before comes later in
    the file is compared by `htx db check`)."""

    table = "figures"
    bulk_columns = ("organisation_id", "year", *VALUE_FIELDS)

    def __init__(self, uow: UnitOfWork, result: ImportResult, entry: ImportEntry) -> None:
        super().__init__(uow, result, entry)
        self.target = self.figures = FiguresLoad(uow.connection)
        self._pending: Doubts = []  # warnings of the batch just written, against the year before
        self._changed_ids: list[int] = []

    def parse_batch(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> ParsedBatch:
        return parse_figure_batch(header, rows, self.units)

    def doubts_in(self, parsed: ParsedBatch) -> Doubts:
        pending, self._pending = self._pending, []
        return sorted(figure_doubts_in(parsed) + pending, key=lambda doubt: doubt[0])

    def preload(self) -> None:
        self.lives(())

    def apply(self, read: Read, parsed: ParsedBatch) -> Refused:
        before = self.figures.last_id()
        self._changed_ids = []
        refused = super().apply(read, parsed)
        self._pending = self._against_year_before(parsed, before)
        return refused

    def _against_year_before(self, parsed: ParsedBatch, after_id: int) -> Doubts:
        fields = [f for f in COMPARED if f in parsed.fields]
        if not fields or not parsed.index:
            return []
        pairs = list(self.figures.previous_years(fields, after_id=after_id, ids=self._changed_ids))
        if not pairs:
            return []
        at = {key: j for j, key in enumerate(zip(parsed.column("code"), parsed.column("year"), strict=True))}
        found: Doubts = []
        for row, previous in pairs:
            j = at.get((row["code"], row["year"]))
            if j is not None:
                found.extend((j, doubt) for doubt in tenfold_doubts(row, previous) if doubt.field in fields)
        return found

    def plan_bulk(self, parsed: ParsedBatch) -> list[Sequence[Any]] | None:
        codes, years = parsed.column("code"), parsed.column("year")
        lives, named = self.lives(codes), set(codes)
        if not lives.keys() >= named:
            return None  # an unknown code: refused the careful way, with its message
        id_of = {code: lives[code][0] for code in named}
        span = {code: years_within_life(lives[code][1], lives[code][2]) for code in named}
        ids = list(map(id_of.__getitem__, codes))
        if len(set(zip(ids, years, strict=True))) != len(ids) or not all(
            map(range.__contains__, map(span.__getitem__, codes), years)
        ):
            return None  # a year twice in the batch, or a year outside a life
        n = len(ids)
        return [
            ids,
            years,
            *(parsed.column(name) if name in parsed.fields else [None] * n for name in VALUE_FIELDS),
        ]

    def apply_rows(self, batch: list[Row]) -> list[tuple[Row, str]]:
        lives = self.lives(row.values["code"] for row in batch)
        refused: list[tuple[Row, str]] = []
        latest: dict[tuple[int, int], Row] = {}
        for row in batch:
            life = lives.get(row.values["code"])
            if life is None:
                refused.append((row, f"code: {messages.CODE_NOT_REGISTERED.format(code=row.values['code'])}"))
                continue
            try:
                check_rating_year(row.values["year"], life[1], life[2])
            except HtxError as e:
                refused.append((row, str(e)))
                continue
            latest[(life[0], row.values["year"])] = row  # a year twice in the batch: the later row wins
        ids, years = list({key[0] for key in latest}), list({key[1] for key in latest})
        existing = self.figures.stored(ids, years)
        new, changed, history = [], [], []
        created_by = None
        for (organisation_id, year), row in latest.items():
            old = existing.get((organisation_id, year))
            given = {f: row.values[f] for f in VALUE_FIELDS if f in row.values}
            if old is None:
                created_by = created_by or self.entry()
                values = [given.get(f) for f in VALUE_FIELDS]
                new.append((organisation_id, year, *values, created_by))
            elif any(given[f] != old[f] for f in given):
                after = {f: given.get(f, old[f]) for f in VALUE_FIELDS}
                changed.append({**after, "_id": old["id"]})
                before = dict(old)
                history.append((old["id"], row.values["code"], before, {**before, **after}))
                self._changed_ids.append(old["id"])
            else:
                self.result.unchanged += 1
        if new:
            self._insert(new)
        self._update("figures", changed, history)
        self.result.new += len(new)
        self.result.changed += len(changed)
        return refused


LOADERS: dict[str, type[Loader]] = {
    "cooperatives": CooperativeLoader,
    "ratings": RatingLoader,
    "support": SupportLoader,
    "figures": FiguresLoader,
}
