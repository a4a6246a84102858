"""Loading the ratings file: one rating per organisation and year, within its life."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import ParsedBatch
from htxcli.domain.batch_ratings import parse_ratings
from htxcli.domain.errors import HtxError
from htxcli.domain.records import check_rating_year, ratable_years
from htxcli.services.import_result import ImportEntry, ImportResult, Row
from htxcli.services.loaders.base import Loader
from htxcli.store.loading import RatingLoad, StoredRating

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork


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
        span = {
            code: ratable_years(lives[code].founded, lives[code].dissolved, self.period_start)
            for code in named
        }
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
                check_rating_year(row.values["year"], life.founded, life.dissolved, self.period_start)
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
