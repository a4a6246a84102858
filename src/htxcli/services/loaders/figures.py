"""Loading the yearly figures file: matched by code and year, compared with the year before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import Doubts, ParsedBatch
from htxcli.domain.errors import HtxError
from htxcli.domain.figures import COMPARED, VALUE_FIELDS, figure_doubts_in, parse_figure_batch, tenfold_doubts
from htxcli.domain.records import check_rating_year, ratable_years
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.loaders.base import Loader
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import Refused
from htxcli.store.loading import FiguresLoad

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork


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
        span = {code: ratable_years(lives[code][1], lives[code][2], self.period_start) for code in named}
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
                check_rating_year(row.values["year"], life.founded, life.dissolved, self.period_start)
            except HtxError as e:
                refused.append((row, str(e)))
                continue
            latest[(life.id, row.values["year"])] = row  # a year twice in the batch: the later row wins
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
