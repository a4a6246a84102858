"""The yearly report as typed values: what each figure is (a count, a sum of money, a share, a change,
a label), not how it is written.

services/report.py fills this model from the SQL aggregates, the totals and the chart series included,
once; each renderer (render/report_json.py, render/report_csv.py, the Rich and Markdown tables through
render/report.py) only formats and places its values. An Excel cell keeps the number, a chart bar gets
the value, the terminal gets `1.620.000.000 ₫`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields

from htxcli.domain.areas import Area
from htxcli.domain.periods import Period


@dataclass(frozen=True, slots=True)
class Count:
    value: int


@dataclass(frozen=True, slots=True)
class Money:
    value: int  # whole đồng


@dataclass(frozen=True, slots=True)
class Percent:
    value: int  # whole percentage points; one set of shares sums to 100 (largest remainder)


Quantity = Count | Money | Percent


@dataclass(frozen=True, slots=True)
class Change:
    """The signed difference between two figures of one kind: `by` holds it in their own unit."""

    by: Quantity

    @classmethod
    def between(cls, before: Quantity, after: Quantity) -> Change:
        assert type(before) is type(after), (before, after)
        return cls(type(after)(after.value - before.value))


@dataclass(frozen=True, slots=True)
class Label:
    """Text shown as it is: a name, a code, a unit, a district."""

    text: str


Value = Quantity | Change | Label


def raw(value: Value) -> int | str:
    """The plain number or text that a machine format (JSON, CSV) writes."""
    if isinstance(value, Label):
        return value.text
    if isinstance(value, Change):
        return value.by.value
    return value.value


def figures(record: object) -> Iterator[tuple[str, Value | None]]:
    """(name, value) of a block's fields, in their order: the order of the JSON contract's keys."""
    for f in fields(record):  # type: ignore[arg-type]
        yield f.name, getattr(record, f.name)


@dataclass(slots=True)
class Organisations:
    """One block of organisation figures (a kind, a district's kind, or a total over kinds)."""

    active: Count
    new: Count
    dissolved: Count
    members: Count
    capital_vnd: Money
    active_start: Count  # active at the end of the year before
    # Legal status (revision 0005). Stocks on the period's last day: registered (= active: not ended by
    # a dissolution or bankruptcy), of which operating, suspended, being_dissolved and revoked (the
    # four add up to registered); resumed: organisations back to operating within the period.
    registered: Count = field(default_factory=lambda: Count(0))
    operating: Count = field(default_factory=lambda: Count(0))
    suspended: Count = field(default_factory=lambda: Count(0))
    being_dissolved: Count = field(default_factory=lambda: Count(0))
    revoked: Count = field(default_factory=lambda: Count(0))
    resumed: Count = field(default_factory=lambda: Count(0))

    @property
    def change(self) -> Change:
        """Active at the end of the year against its start."""
        return Change.between(self.active_start, self.active)

    @classmethod
    def total(cls, blocks: Iterable[Organisations]) -> Organisations:
        blocks = list(blocks)

        def count(metric: str) -> Count:
            return Count(sum(getattr(b, metric).value for b in blocks))

        return cls(
            active=count("active"),
            new=count("new"),
            dissolved=count("dissolved"),
            members=count("members"),
            capital_vnd=Money(sum(b.capital_vnd.value for b in blocks)),
            active_start=count("active_start"),
            registered=count("registered"),
            operating=count("operating"),
            suspended=count("suspended"),
            being_dissolved=count("being_dissolved"),
            revoked=count("revoked"),
            resumed=count("resumed"),
        )


@dataclass(slots=True)
class Ratings:
    rated: Count
    unrated: Count
    grades: dict[str, Count]  # good, fair, average, weak
    bands: dict[str, Count]  # effective (good + fair), average, weak
    percent: dict[str, Percent]  # the bands' shares of the rated
    # Active organisations of the rated kinds with no rating record for the year (vocab.RATED_KINDS):
    # not yet rated, unlike `unrated`, the recorded grade "chưa xếp loại".
    not_rated: Count = field(default_factory=lambda: Count(0))


@dataclass(slots=True)
class Support:
    """One program's support in the year."""

    organisations: Count  # distinct organisations named
    records: Count
    quantity: Count
    amount_vnd: Money
    unit: Label | None  # when every record that gives one agrees


@dataclass(slots=True)
class SupportTotal:
    """Over the programs: records and money add up; organisations (one may have several programs) and
    quantities (in different units) do not."""

    records: Count
    amount_vnd: Money


@dataclass(slots=True)
class Recipient:
    """An organisation named in the report. Plain text rather than Labels: a programme may name
    thousands, and the layout makes Labels of the few it shows."""

    code: str
    name: str
    district: str | None
    commune: str | None = None  # from the 2025 reform on: the commune of the new scheme on its last day
    province: str | None = None  # from the 2025 reform on: the province in force that day


@dataclass(slots=True)
class Totals:
    organisations: Organisations  # over the kinds
    support: SupportTotal  # over the programs
    districts: dict[str, Organisations]  # each district over its kinds
    # From the 2025 reform on: each commune of the new scheme, and each former province, over its kinds.
    communes: dict[str, Organisations] | None = None
    former_provinces: dict[str, Organisations] | None = None


@dataclass(slots=True)
class Series:
    """Values for one chart, in the order drawn: (key, value), the key a vocabulary key or a year."""

    points: tuple[tuple[str, Quantity], ...]


@dataclass(slots=True)
class YearReport:
    year: int
    area: Area | None  # the area the report is restricted to, shown as `area_name`
    area_name: str | None
    organisations: dict[str, Organisations]  # by kind
    ratings: Ratings
    support: dict[str, Support]  # by program
    new_model: list[Recipient]
    districts: dict[str, dict[str, Organisations]]  # by district ("" for none), then kind
    totals: Totals
    band_shares: Series  # the rating bands' percentages
    support_amounts: Series  # đồng by program, the programs with records in the year
    previous: YearReport | None = field(default=None)  # with --compare, the year before
    # The reporting period named `year`: the calendar year, or 15/12 of the year before to 14/12.
    period: Period | None = field(default=None)
    # From the 2025 reform on: by commune of the new scheme ("" for none) and by former province.
    communes: dict[str, dict[str, Organisations]] | None = field(default=None)
    former_provinces: dict[str, dict[str, Organisations]] | None = field(default=None)
    # The communes of `communes` as tables print them, with their type word (Phường Bắc Kạn): the keys
    # stay the registry's names, which the JSON and CSV keep.
    commune_titles: dict[str, str] | None = field(default=None)


@dataclass(slots=True)
class Report:
    """What `htx report` was asked for: one year, or a range, with or without the year before each."""

    years: list[YearReport]
    compare: bool
    active_by_year: Series  # organisations active at each year's end, for every column shown

    @property
    def columns(self) -> list[YearReport]:
        return columns(self.years, self.compare)


def columns(years: list[YearReport], compare: bool) -> list[YearReport]:
    """The years shown side by side: with --compare, the year before the first comes first."""
    first = years[0].previous
    return [first, *years] if compare and first is not None else list(years)
