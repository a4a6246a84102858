"""The report's `economy`: what the organisations active at a year's end achieved in it, from their
yearly figures (domain/figures.py), as the press and provincial reports give it — sums, averages over
those that reported, and how many did.

Built from additive sums per place and kind (store/economy.py), so that a kind, a district and the
province's totals are each computed from their own sums: an average is never averaged.

- `active`: the organisations active at the end of the year, as the report's organisations block counts
  them; `reporting`: those of them with any figure for the year;
- each number (members … ocop_5, the income aside): its `sum` and `average` over those that gave it
  (`reporting`), the average rounded half up to whole đồng for money, to one decimal for counts; both
  null when none gave it (not reported is not zero);
- the income of a regular worker: averaged over workers (each organisation's income weighted by its
  regular workers) when every organisation that gave an income also gave its workers, otherwise a plain
  average over organisations; `basis` says which (null when none gave an income);
- high_tech, value_chain: how many said yes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from htxcli.domain.figures import COUNT_FIGURES, FLAG_FIGURES, MONEY_FIGURES, NUMBERS, OCOP_FIGURES

INCOME = "income_vnd_per_year"
SUMMED = tuple(f for f in NUMBERS if f != INCOME)  # each with its sum, average and reporting
# The additive sums a block is made of: the query's columns, and what adding two blocks adds.
SUM_KEYS = (
    "active",
    "reporting",
    *(f"{name}_sum" for name in NUMBERS),
    *(f"{name}_count" for name in NUMBERS),
    "income_weighted",  # sum of income × workers over those that gave both
    "income_workers",  # sum of workers over those that gave both
    "income_with_workers",  # how many gave both
    *FLAG_FIGURES,
)
CONTRACT_ORDER = (*COUNT_FIGURES, *MONEY_FIGURES, *OCOP_FIGURES)  # the JSON's keys, in the file's order

Sums = dict[str, int]


def empty_sums() -> Sums:
    return dict.fromkeys(SUM_KEYS, 0)


def add_sums(into: Sums, other: Mapping[str, Any]) -> Sums:
    for key in SUM_KEYS:
        into[key] += int(other.get(key) or 0)
    return into


def total_sums(blocks: Iterable[Mapping[str, Any]]) -> Sums:
    out = empty_sums()
    for block in blocks:
        add_sums(out, block)
    return out


@dataclass(frozen=True, slots=True)
class Change:
    """An average against the year before: the difference in its own unit, and in percent of the
    year before's (one decimal; null when that was zero)."""

    by: int | float
    percent: float | None


@dataclass(frozen=True, slots=True)
class Figure:
    sum: int | None
    average: int | float | None  # whole đồng, or a count to one decimal
    reporting: int
    change: Change | None = None


@dataclass(frozen=True, slots=True)
class Income:
    average: int | None
    basis: str | None  # "workers" or "organisations"
    reporting: int
    change: Change | None = None


@dataclass(slots=True)
class Economy:
    """One block: a kind, a place, or the totals over kinds."""

    active: int
    reporting: int
    figures: dict[str, Figure]  # SUMMED, by name
    income: Income
    high_tech: int
    value_chain: int
    sums: Sums = field(repr=False, default_factory=empty_sums)

    def compared(self, before: Economy) -> Economy:
        """This block with each average's change against the same block of the year before."""
        figures = {
            name: Figure(f.sum, f.average, f.reporting, change(before.figures[name].average, f.average))
            for name, f in self.figures.items()
        }
        income = Income(
            self.income.average,
            self.income.basis,
            self.income.reporting,
            change(before.income.average, self.income.average),
        )
        return Economy(
            self.active, self.reporting, figures, income, self.high_tech, self.value_chain, self.sums
        )


def half_up(numerator: int, denominator: int, places: int = 0) -> int | float:
    """numerator / denominator rounded half up: to whole units, or to `places` decimals."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return int(value) if places == 0 else float(value)


def change(before: int | float | None, after: int | float | None) -> Change | None:
    if before is None or after is None:
        return None
    by: int | float = after - before
    if isinstance(by, float):
        by = float(Decimal(repr(by)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    percent = None
    if before:
        exact = (Decimal(repr(after)) - Decimal(repr(before))) * 100 / Decimal(repr(before))
        percent = float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))
    return Change(by, percent)


def block(sums: Mapping[str, Any]) -> Economy:
    s = {key: int(sums.get(key) or 0) for key in SUM_KEYS}
    figures = {}
    for name in SUMMED:
        k = s[f"{name}_count"]
        total = s[f"{name}_sum"]
        average = None if not k else half_up(total, k, 0 if name in MONEY_FIGURES else 1)
        figures[name] = Figure(total if k else None, average, k)
    k = s[f"{INCOME}_count"]
    if not k:
        income = Income(None, None, 0)
    elif s["income_with_workers"] == k and s["income_workers"] > 0:
        income = Income(half_up(s["income_weighted"], s["income_workers"]), "workers", k)  # type: ignore[arg-type]
    else:
        income = Income(half_up(s[f"{INCOME}_sum"], k), "organisations", k)  # type: ignore[arg-type]
    return Economy(s["active"], s["reporting"], figures, income, s["high_tech"], s["value_chain"], s)


def as_plain(economy: Economy) -> dict[str, Any]:
    """The JSON object of a block, keys in the contract's order."""
    out: dict[str, Any] = {"active": economy.active, "reporting": economy.reporting}
    for name in CONTRACT_ORDER:
        if name == INCOME:
            i = economy.income
            out[name] = {"average": i.average, "basis": i.basis, "reporting": i.reporting}
            if i.change is not None:
                out[name]["change"] = {"by": i.change.by, "percent": i.change.percent}
            continue
        f = economy.figures[name]
        out[name] = {"sum": f.sum, "average": f.average, "reporting": f.reporting}
        if f.change is not None:
            out[name]["change"] = {"by": f.change.by, "percent": f.change.percent}
    out["high_tech"] = economy.high_tech
    out["value_chain"] = economy.value_chain
    return out


@dataclass(slots=True)
class YearEconomy:
    """A year's economy: by kind, their totals, and by place as the report's other blocks are."""

    kinds: dict[str, Economy]
    totals: Economy
    districts: dict[str, Economy]  # each district over its kinds ("" for none)
    communes: dict[str, Economy] | None = None  # from the 2025 reform on
    former_provinces: dict[str, Economy] | None = None

    def compared(self, before: YearEconomy) -> YearEconomy:
        def places(
            now: dict[str, Economy] | None, then: dict[str, Economy] | None
        ) -> dict[str, Economy] | None:
            if now is None:
                return None
            earlier = then or {}
            return {name: b.compared(earlier[name]) if name in earlier else b for name, b in now.items()}

        return YearEconomy(
            {kind: b.compared(before.kinds[kind]) for kind, b in self.kinds.items()},
            self.totals.compared(before.totals),
            places(self.districts, before.districts) or {},
            places(self.communes, before.communes),
            places(self.former_provinces, before.former_provinces),
        )
