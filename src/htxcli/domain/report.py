"""The yearly report as typed values: what each figure is (a count, a sum of money, a share, a change,
a label), not how it is written.

services/report.py fills this model from the SQL aggregates, the totals and the chart series included, once;
each renderer (render/report_json.py, render/report_csv.py, the Rich and Markdown tables through
render/report.py) only formats and places its values. An Excel cell keeps the number, a chart bar gets the
value, the terminal gets `1.620.000.000 ₫`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Self

from htxcli.domain import messages
from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.plans import Attainment


@dataclass(frozen=True, slots=True)
class Count:
    value: int


@dataclass(frozen=True, slots=True)
class Money:
    value: int  # whole đồng


@dataclass(frozen=True, slots=True)
class Percent:
    value: int  # whole percentage points; one set sums to 100 (largest remainder), equal counts alike


@dataclass(frozen=True, slots=True)
class Tenths:
    value: int  # a count to one decimal, in tenths (356 is 35,6): an average of counts


@dataclass(frozen=True, slots=True)
class Share:
    value: int  # a percentage to one decimal, in tenths (1160 is 116,0%): a plan's attainment


Quantity = Count | Money | Percent | Tenths | Share


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
    """(name, value) of a block's fields in the JSON contract's order (not those declared contract=False)."""
    for f in fields(record):  # type: ignore[arg-type]
        declared = f.metadata.get(_METRIC)
        if declared is None or declared[2]:
            yield f.name, getattr(record, f.name)


# --- metrics: each figure of a block declared once ------------------------------------------------
# A block (Organisations, Support, Economy…) is a dataclass whose figures are declared with metric(): the
# field's name is the metric's key (JSON, CSV, the SQL column filling it), its type its unit, the declaration
# its label and tables. The totals, the blocks built from SQL sums, the JSON and CSV keys, the range's lines
# and the tables' columns derive from the declarations: a new metric is its declaration plus its query.

UNITS: dict[str, type[Count] | type[Money]] = {"Count": Count, "Money": Money}
_METRIC = "htx.metric"

# The tables a metric can be shown in (render/year_layout.py, render/range_layout.py):
ORGANISATIONS = "organisations"  # the organisations by kind, and the range's lines per kind
STATUS = "status"  # legal status by kind, in both layouts
STATUS_SIGN = "status-sign"  # a figure whose count makes the status table appear
FLOW = "flow"  # counted within the period, not on its last day: the year's table sets it apart
WHEN_COUNTED = "when-counted"  # a column or line shown only when the report counts any
PLACES = "places"  # beside the active by kind, in the table by district, commune or former province
PLACE_LINES = "place-lines"  # the range's lines per district, commune or former province
SUPPORT = "support"  # the support by program, in both layouts
RATINGS = "ratings"  # the rating counts, in the range's lines (the year's table has them in its caption)
ECONOMY = "economy"  # what the organisations achieved: a line per figure, its total, average and reporting
ECONOMY_FLAGS = "economy-flags"  # the organisations that said yes, in the economy's table
ECONOMY_SUMMED = "economy-summed"  # a number of things (OCOP products): a total, never averaged
ECONOMY_PLACES = "economy-places"  # the averages shown by district, commune or former province


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure of a block, as declared."""

    name: str
    unit: type[Count] | type[Money]
    label: Callable[[], str]  # its message, in the language of the run
    tables: frozenset[str]
    contract: bool = True  # a key of the JSON and CSV; False: a figure the human layouts show alone

    def of(self, value: int) -> Count | Money:
        return self.unit(value)


def metric(label: Callable[[], str], *tables: str, contract: bool = True) -> Any:
    """Declare a block's field as a metric: `active: Count = metric(lambda: messages.REPORT_ACTIVE,
    ORGANISATIONS)`. Its value is 0 unless given. contract=False: no key of the JSON and CSV."""
    return field(default=None, metadata={_METRIC: (label, frozenset(tables), contract)})


class Block:
    """A block of metrics (a dataclass whose figures are metric() fields), with what derives from them."""

    __slots__ = ()

    @classmethod
    def metrics(cls, table: str | None = None) -> tuple[Metric, ...]:
        """The block's metrics in their declared order, or those shown in `table`."""
        return tuple(m for m in _declared(cls) if table is None or table in m.tables)

    @classmethod
    def of(cls, sums: Mapping[str, int], **others: Any) -> Self:
        """The block of these sums (0 for a metric missing), and its other fields as given."""
        return cls(**{m.name: m.of(int(sums.get(m.name) or 0)) for m in _declared(cls)}, **others)

    @classmethod
    def total(cls, blocks: Iterable[Self]) -> Self:
        """Metric by metric, the sum of the blocks."""
        blocks = list(blocks)
        return cls(**{m.name: m.of(sum(b.figure(m.name).value for b in blocks)) for m in _declared(cls)})

    @classmethod
    def zeros(cls) -> dict[str, int]:
        return dict.fromkeys((m.name for m in _declared(cls)), 0)

    def figure(self, name: str) -> Count | Money:
        value: Count | Money = getattr(self, name)
        return value

    def __post_init__(self) -> None:
        for m in _declared(type(self)):
            if getattr(self, m.name) is None:
                object.__setattr__(self, m.name, m.of(0))


_DECLARED: dict[type, tuple[Metric, ...]] = {}


def _declared(cls: type) -> tuple[Metric, ...]:
    found = _DECLARED.get(cls)
    if found is None:
        found = _DECLARED[cls] = tuple(
            Metric(f.name, UNITS[f.type] if isinstance(f.type, str) else f.type, *f.metadata[_METRIC])
            for f in fields(cls)
            if _METRIC in f.metadata
        )
    return found


def _header(key: str) -> Callable[[], str]:
    return lambda: messages.HEADERS[key]


_FLOWS = (ORGANISATIONS, PLACES, PLACE_LINES)  # the tables of the flows of the period


@dataclass(slots=True)
class Organisations(Block):
    """One block of organisation figures (a kind, a district's kind, or a total over kinds). Flows count
    inside the period, stocks are taken on its last day."""

    active: Count = metric(lambda: messages.REPORT_ACTIVE, ORGANISATIONS, PLACE_LINES)
    new: Count = metric(lambda: messages.REPORT_NEW, ORGANISATIONS, PLACES, PLACE_LINES)
    # Lives ended in the period, by dissolution or bankruptcy: the contract's key. People read the two
    # apart (a bankruptcy is no dissolution): `dissolutions` and `bankrupt`, which add up to it.
    dissolved: Count = metric(lambda: messages.REPORT_ENDED)
    dissolutions: Count = metric(lambda: messages.REPORT_DISSOLVED, *_FLOWS, contract=False)
    bankrupt: Count = metric(lambda: messages.REPORT_BANKRUPT, *_FLOWS, WHEN_COUNTED, contract=False)
    # As registered (not the year's reported figures: Economy's): so headed, as the two differ.
    members: Count = metric(lambda: messages.REPORT_REGISTERED_MEMBERS, ORGANISATIONS, PLACES)
    capital_vnd: Money = metric(lambda: messages.REPORT_REGISTERED_CAPITAL, ORGANISATIONS, PLACES)
    # Active at the end of the period before (the day before it starts): a comparison's start.
    active_start: Count = metric(lambda: messages.REPORT_ACTIVE)
    # Legal status (revision 0005). Stocks on the period's last day: registered (= active, not ended),
    # of which operating, suspended, being_dissolved and revoked (adding up to it); a flow: resumed.
    registered: Count = metric(lambda: messages.REPORT_REGISTERED, STATUS)
    operating: Count = metric(lambda: messages.REPORT_OPERATING, STATUS)
    suspended: Count = metric(lambda: messages.REPORT_SUSPENDED, STATUS, STATUS_SIGN)
    being_dissolved: Count = metric(lambda: messages.REPORT_BEING_DISSOLVED, STATUS, STATUS_SIGN)
    revoked: Count = metric(lambda: messages.REPORT_REVOKED, STATUS, STATUS_SIGN)
    resumed: Count = metric(lambda: messages.REPORT_RESUMED, STATUS, STATUS_SIGN, FLOW)

    def __post_init__(self) -> None:
        Block.__post_init__(self)  # then a report issued before the two were told apart: all dissolved
        if self.dissolutions == self.bankrupt == Count(0) and self.dissolved.value:
            self.dissolutions = self.dissolved

    @property
    def change(self) -> Change:
        """Active at the end of the year against its start."""
        return Change.between(self.active_start, self.active)


@dataclass(slots=True)
class Ratings(Block):
    """The year's ratings: the counts declared as metrics (the JSON's and CSV's keys, the range's
    lines), then the grades, bands and shares."""

    rated: Count = metric(lambda: messages.REPORT_RATED_ROW, RATINGS)
    unrated: Count = metric(lambda: messages.REPORT_UNRATED_ROW, RATINGS)  # the grade "chưa xếp loại"
    # Active, of the rated kinds (vocab.RATED_KINDS), with no rating record for the year: "chưa đánh giá".
    not_rated: Count = metric(lambda: messages.REPORT_NOT_RATED_ROW, RATINGS)
    grades: dict[str, Count] = field(default_factory=dict)  # good, fair, average, weak
    bands: dict[str, Count] = field(default_factory=dict)  # effective (good + fair), average, weak
    percent: dict[str, Percent] = field(default_factory=dict)  # the bands' shares of the rated


@dataclass(slots=True)
class Support(Block):
    """One program's support in the year."""

    organisations: Count = metric(lambda: messages.REPORT_ORGANISATIONS_COUNT, SUPPORT)  # distinct
    records: Count = metric(lambda: messages.REPORT_RECORDS, SUPPORT)
    quantity: Count = metric(_header("quantity"), SUPPORT)
    amount_vnd: Money = metric(_header("amount_vnd"), SUPPORT)
    unit: Label | None = None  # when every record that gives one agrees


@dataclass(slots=True)
class SupportTotal(Block):
    """Over the programs: records and money add up; organisations (one may have several programs) and
    quantities (in different units) do not."""

    records: Count = metric(lambda: messages.REPORT_RECORDS)
    amount_vnd: Money = metric(_header("amount_vnd"))


def _given() -> str:
    return messages.REPORT_ECONOMY_GIVEN


@dataclass(slots=True)
class Economy(Block):
    """What the organisations active at the end of the period achieved in its year, from their yearly
    figures (revision 0007). The metrics are the sums the query gives, so that a total adds them up:
    `reporting` (active, with any figure), each figure's sum and how many gave it (`NAME_given`, a
    yes-or-no figure's how many answered), the income's weighting by workers; the averages derive
    (average()). An average is over those that gave the figure: whole đồng for money, one decimal for
    counts; a worker's income is weighted by regular workers when every organisation that gave an
    income gave its workers, else over organisations (income_basis)."""

    active: Count = metric(lambda: messages.REPORT_ACTIVE)
    reporting: Count = metric(lambda: messages.REPORT_ECONOMY_REPORTING)
    members: Count = metric(_header("members"), ECONOMY)
    associate_members: Count = metric(_header("associate_members"), ECONOMY)
    new_members: Count = metric(_header("new_members"), ECONOMY)
    workers: Count = metric(_header("workers"), ECONOMY)
    member_workers: Count = metric(_header("member_workers"), ECONOMY)
    seasonal_workers: Count = metric(_header("seasonal_workers"), ECONOMY)
    capital_vnd: Money = metric(_header("capital_vnd"), ECONOMY)
    assets_vnd: Money = metric(_header("assets_vnd"), ECONOMY)
    revenue_vnd: Money = metric(_header("revenue_vnd"), ECONOMY, ECONOMY_PLACES)
    profit_vnd: Money = metric(_header("profit_vnd"), ECONOMY, ECONOMY_PLACES)
    tax_vnd: Money = metric(_header("tax_vnd"), ECONOMY)
    income_vnd_per_year: Money = metric(_header("income_vnd_per_year"), ECONOMY, ECONOMY_PLACES)
    ocop_3: Count = metric(_header("ocop_3"), ECONOMY, ECONOMY_SUMMED)
    ocop_4: Count = metric(_header("ocop_4"), ECONOMY, ECONOMY_SUMMED)
    ocop_5: Count = metric(_header("ocop_5"), ECONOMY, ECONOMY_SUMMED)
    high_tech: Count = metric(_header("high_tech"), ECONOMY_FLAGS)
    value_chain: Count = metric(_header("value_chain"), ECONOMY_FLAGS)
    # How many gave each figure: the base of its average.
    members_given: Count = metric(_given)
    associate_members_given: Count = metric(_given)
    new_members_given: Count = metric(_given)
    workers_given: Count = metric(_given)
    member_workers_given: Count = metric(_given)
    seasonal_workers_given: Count = metric(_given)
    capital_vnd_given: Count = metric(_given)
    assets_vnd_given: Count = metric(_given)
    revenue_vnd_given: Count = metric(_given)
    profit_vnd_given: Count = metric(_given)
    tax_vnd_given: Count = metric(_given)
    income_vnd_per_year_given: Count = metric(_given)
    ocop_3_given: Count = metric(_given)
    ocop_4_given: Count = metric(_given)
    ocop_5_given: Count = metric(_given)
    high_tech_given: Count = metric(_given)
    value_chain_given: Count = metric(_given)
    # The income weighted by workers: sums of income × workers and of workers where both were given.
    income_weighted: Money = metric(_given)
    income_workers: Count = metric(_given)
    income_with_workers: Count = metric(_given)

    def given(self, name: str) -> int:
        return self.figure(f"{name}_given").value

    def total_of(self, name: str) -> Count | Money | None:
        """The figure's sum over those that gave it; None when none did (not reported is not zero)."""
        return self.figure(name) if self.given(name) else None

    @property
    def income_basis(self) -> str | None:
        """ "workers" or "organisations", as the income's average is taken; None without incomes."""
        given = self.given("income_vnd_per_year")
        if not given:
            return None
        if self.income_with_workers.value == given and self.income_workers.value > 0:
            return "workers"
        return "organisations"

    def average(self, name: str) -> Money | Tenths | None:
        """The figure's average over those that gave it, rounded half up; None when none did."""
        given = self.given(name)
        if not given:
            return None
        if name == "income_vnd_per_year" and self.income_basis == "workers":
            return Money(_half_up(self.income_weighted.value, self.income_workers.value))
        total = self.figure(name)
        if isinstance(total, Money):
            return Money(_half_up(total.value, given))
        return Tenths(_half_up(total.value * 10, given))


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator to the nearest whole, halves away from zero (exact: no float)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


@dataclass(slots=True)
class YearEconomy:
    """A year's Economy blocks: by kind, their totals, and by place over the kinds, as the report's
    organisation blocks are (districts; from the 2025 reform on, communes and former provinces)."""

    kinds: dict[str, Economy]
    totals: Economy
    districts: dict[str, Economy]
    communes: dict[str, Economy] | None = None
    former_provinces: dict[str, Economy] | None = None
    ended: int = 0  # organisations ended within the period that reported figures: left out, and said


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
    # `area_name` as titles print it, with its type word ("Xã Thượng Minh"), where the official list
    # gives it; the JSON keeps area_name.
    area_title: str | None = field(default=None)
    # What the organisations achieved (their yearly figures, revision 0007); None when the registry
    # holds no figures at all, so that such a report is exactly as before.
    economy: YearEconomy | None = field(default=None)
    # The targets covering the year (htx plan, revision 0009_plans) for the report's area, and what
    # was achieved; None when none applies, so that such a report is exactly as before.
    plan: list[Attainment] | None = field(default=None)
    # --as-of: the day the report stops at, within its period (whose `last` it is); None for the
    # whole period.
    as_of: date | None = field(default=None)


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
