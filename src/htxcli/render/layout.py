"""The vocabulary of the report's layouts (render/year_layout.py, one year as the printed report lays
it out; render/range_layout.py, a column per year): blocks of typed cells, shared by the Rich, Markdown,
Word, HTML and Excel views so they agree. A cell is a value of domain/report.py (None when empty); each
view formats it last (render/cells.py), and draws or drops the chart column. Nothing in the layouts
computes a figure except the change between two years shown side by side; the totals come with the
model, and the metrics a table shows, with their labels, come from their declarations there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.periods import Period
from htxcli.domain.report import (
    STATUS_SIGN,
    WHEN_COUNTED,
    Count,
    Label,
    Metric,
    Money,
    Organisations,
    Quantity,
    Report,
    Support,
    SupportTotal,
    Value,
    YearEconomy,
    YearReport,
)
from htxcli.domain.report import Block as Figures
from htxcli.domain.values import format_count, format_date
from htxcli.domain.vocab import KIND_ABBREVIATIONS, PROGRAMS

Cell = Value | None

# A range's lines (render/range_layout.py, a column per year): how to read a figure from a year's
# report (None: the year has no such figure); a line, its label and that; a group, a subject (a kind,
# a program, a place; "Tổng cộng") heading the lines of its metrics, which are labelled by the metric
# alone and indented beneath it, or None: lines of their own (the ratings).
Getter = Callable[[YearReport], Quantity | None]
Line = tuple[str, Getter]
Group = tuple[str | None, list[Line]]


@dataclass
class Block:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # columns aligned right
    caption: str | None = None
    total: bool = False  # the last row is a total
    chart: int | None = None  # a column of shares that a view draws as bars, or leaves out
    wrap: frozenset[int] = frozenset({0})  # columns that may wrap; codes and figures never do
    sheet: str | None = None  # a workbook's short sheet name (31 characters at most); else from the title
    # Its lines are its figures, a metric a line (the economy, the plan, years side by side): a unit
    # is said after a line's label, not in a column's header (render/report.in_dong).
    by_line: bool = False
    # Rows that head the rows indented beneath them (a range's kind, program or place over its
    # metrics): a label alone, its figure cells empty, printed bold.
    headings: frozenset[int] = frozenset()
    # Rows that sum the rows above them short of the whole (the support's spending without the loans):
    # printed bold, as the total is.
    subtotals: frozenset[int] = frozenset()

    def bold(self, n: int) -> bool:
        """Whether row `n` is printed bold: a heading over its metrics, a subtotal or the total."""
        return n in self.headings or n in self.subtotals or (self.total and n == len(self.rows) - 1)


def support_label(program: str) -> str:
    """A support programme as a chart or a total's line names it: credit as the loans it disburses
    ("Tín dụng (giải ngân cho vay)"), lent, not spent, so never read as spending."""
    return messages.REPORT_SUPPORT_LENT if program == "credit" else PROGRAMS.label(program)


def spending(report: YearReport) -> SupportTotal:
    """The support's total without the loans (credit): what the programmes spent, in how many records."""
    kept = [f for p, f in report.support.items() if p != "credit"]
    return SupportTotal.of(
        {m.name: sum(f.figure(m.name).value for f in kept) for m in SupportTotal.metrics()}
    )


def spent(report: YearReport) -> int:
    """The support's money without the loans (credit): what the programmes spent."""
    return spending(report).amount_vnd.value


def spending_apart(report: YearReport) -> bool:
    """Whether the year's support holds both loans and spending: its total is then said without the
    loans too, a loan being lent, not spent."""
    credit = report.support.get("credit")
    return credit is not None and credit.amount_vnd.value > 0 and spent(report) > 0


SUB_ROW = "  "  # a row beneath another: its label indented by this a step, which each view reads


def is_beneath(row: Sequence[Cell]) -> bool:
    """Whether a row lies beneath another: its label indented by SUB_ROW (beneath())."""
    first = row[0] if row else None
    return isinstance(first, Label) and first.text.startswith(SUB_ROW)


def beneath(text: str) -> Label:
    """The label of a row beneath another (a band's grades beneath the band, a kind's metrics beneath
    the kind): indented a step, as each view shows it (a paragraph's indent, CSS padding, a cell's)."""
    return Label(SUB_ROW + text)


# A table of this many rows or fewer is printed whole on a page (moved to the next one rather than
# broken), in Word and HTML alike; a longer one breaks between its rows, its header repeated.
KEEP_ROWS = 15
# A table's notes (its caption) are printed at the table's size, smaller than the text, but as a
# paragraph at this size (points) at least: in Word and HTML alike.
NOTE_SIZE_AT_LEAST = 11


def held_with_next(headings: frozenset[int], count: int) -> frozenset[int]:
    """The rows of a table of `count` rows that a printed page keeps with the row after them: each row
    of a group (a heading and the rows beneath it, up to the next heading) but its last, so that a
    group that fits on a page is never split across two; none in a table without headings."""
    if not headings:
        return frozenset()
    return frozenset(n for n in range(min(headings), count - 1) if n + 1 not in headings)


def title(report: Report) -> str:
    """The report's one title, in every layout (the terminal, Markdown, the workbook, and under
    "BÁO CÁO" in the Word and HTML documents): "Tình hình phát triển kinh tế tập thể năm 2026", "… 6
    tháng đầu năm 2026", "… năm 2026 trên địa bàn xã Thượng Minh"."""
    area = area_in_text(report.years[-1])
    if report.years[-1].as_of is not None:
        period = span_words(report)
        if area is None:
            return messages.DOCUMENT_SUBJECT_PERIOD.format(period=period)
        return messages.DOCUMENT_SUBJECT_PERIOD_DISTRICT.format(period=period, district=area)
    first, last = report.years[0].year, report.years[-1].year
    years = str(last) if first == last else f"{first}–{last}"
    if area is None:
        return messages.DOCUMENT_SUBJECT.format(years=years)
    return messages.DOCUMENT_SUBJECT_DISTRICT.format(years=years, district=area)


def span_words(report: Report) -> str:
    """The years a title names: 2018, 2016–2020; with --as-of, the part of the year it covers: "6
    tháng đầu năm 2026" (the calendar year up to a month's end), else "năm 2026 đến ngày 15/08/2026"."""
    first, last = report.years[0], report.years[-1]
    years = str(first.year) if len(report.years) == 1 else f"{first.year}–{last.year}"
    if last.as_of is None:
        return years
    if len(report.years) > 1:
        return messages.REPORT_YEARS_UP_TO.format(years=years, day=format_date(last.as_of))
    return part_of_year(last) or years


def part_of_year(report: YearReport) -> str | None:
    """With --as-of, the part of the year the report covers ("6 tháng đầu năm 2026", "năm 2026 đến
    ngày 15/08/2026"); None for a whole period."""
    day = report.as_of
    if day is None:
        return None
    period = report.period
    month_end = (day + timedelta(days=1)).day == 1
    if period is not None and (period.first.day, period.first.month) == (1, 1) and month_end:
        return messages.REPORT_FIRST_MONTHS.format(months=day.month, year=report.year)
    return messages.REPORT_YEAR_UP_TO.format(year=report.year, day=format_date(day))


def area_in_text(one: YearReport) -> str | None:
    """The report's area inside a sentence: a commune's type word in lower case in Vietnamese, as
    Decree 30 writes a unit in running text ("trên địa bàn xã Thượng Minh")."""
    if one.area_title and current() == "vi":
        return one.area_title[:1].lower() + one.area_title[1:]
    return one.area_title or one.area_name


def area_shown(report: Report) -> str | None:
    """The area of the report as its title names it: a commune with its type word ("Xã Thượng Minh")
    where the last year's report gives one, else as the registry spells it."""
    for one in reversed(report.years):
        if one.area_title:
            return one.area_title
    return report.years[0].area_name


def period_line(report: Report) -> str | None:
    """The line under the title, "(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)", when the
    reporting periods are not calendar years; None when they are (the title's years say it all). The
    period is the one the title names (the report's years); with --compare, the year compared with
    follows, with its own days, as its column is headed by its year alone."""
    first, last = report.years[0].period, report.years[-1].period
    compared = report.columns[0].period if report.columns[0] is not report.years[0] else None
    periods = [p for p in (first, last, compared) if p is not None]
    if first is None or last is None or all(_calendar(p) for p in periods):
        return None
    days = {"first": format_date(first.first), "last": format_date(last.last)}
    if compared is None:
        return messages.REPORT_PERIOD.format(**days)
    return messages.REPORT_PERIOD_COMPARED.format(
        **days,
        year=report.columns[0].year,
        compared_first=format_date(compared.first),
        compared_last=format_date(compared.last),
    )


def _calendar(period: Period) -> bool:
    return (period.first.month, period.first.day, period.last.month, period.last.day) == (1, 1, 12, 31)


def at_end(report: YearReport, calendar: str, on_day: str) -> str:
    """A table title that says when its stocks are taken: "at the end of 2026" for a calendar year,
    "on 14/12/2026" (the period's last day) otherwise."""
    period = report.period
    if period is None or _calendar(period):
        return calendar.format(year=report.year)
    return on_day.format(day=format_date(period.last))


def period_end(report: YearReport) -> str | None:
    """The day and month a reporting period that is not the calendar year ends ("14/12"), which a
    column per year's titles name; None for calendar years."""
    period = report.period
    if period is None or _calendar(period):
        return None
    return period.last.strftime("%d/%m" if current() == "vi" else "%d %b")


def each_year_end(report: Report, calendar: str, on_day: str) -> str:
    """A title over a figure taken at each year's end (a range's or a comparison's chart): "at the end
    of each year" for calendar years, "on 14/12 of each year" (the period's last day) otherwise, as
    the tables' titles say it."""
    day = period_end(report.columns[-1])
    return calendar if day is None else on_day.format(day=day)


def at_start(report: YearReport) -> str:
    """The header of the count the period started with: the end of the year before, or its day."""
    period = report.period
    if period is None or _calendar(period):
        return messages.REPORT_ACTIVE_AT_END.format(year=report.year - 1)
    return messages.REPORT_ACTIVE_ON.format(day=format_date(period.first - timedelta(days=1)))


def shown(blocks: Sequence[Figures], table: str, none: type[Figures] = Organisations) -> tuple[Metric, ...]:
    """The metrics `table` shows, as the blocks' declaration lists them (`none`'s when there is no
    block: the table's headers all the same); one declared WHEN_COUNTED only when a block counts it."""
    return tuple(
        m
        for m in (type(blocks[0]) if blocks else none).metrics(table)
        if WHEN_COUNTED not in m.tables or any(b.figure(m.name).value for b in blocks)
    )


def reported(block: Figures, name: str) -> Count | Money | None:
    """A block's figure as the tables show it: the capital of organisations none of which gave one (a
    group registered without it) is not reported, a blank cell, not 0 ₫; where there is no
    organisation at all (no union that year, a commune whose only one was dissolved), it is 0, as the
    counts beside it are. Nor is a program's amount of 0 (one that pays nothing: a certificate) or
    its count of organisations of 0 (a program for the whole province: a bulletin, a class), nor the quantity
    of a program whose records give neither a unit nor a quantity of their own (a loan, a new-model
    cooperative: 1 a record), which would read "1" of nothing beside the records counted."""
    value = block.figure(name)
    if name == "capital_vnd" and isinstance(block, Organisations) and not value.value and block.active.value:
        return None
    if name in ("amount_vnd", "organisations") and isinstance(block, Support) and not value.value:
        return None
    quantity_of_nothing = isinstance(block, Support) and block.unit is None and value == block.records
    if name == "quantity" and quantity_of_nothing and value.value:
        return None
    return value


def capital_not_given(blocks: Iterable[Figures]) -> str | None:
    """The note under a table where reported() left a capital blank: organisations none of which
    gave theirs (None when no row has one)."""
    blank = any(isinstance(b, Organisations) and b.active.value and not b.capital_vnd.value for b in blocks)
    return messages.REPORT_CAPITAL_NOT_GIVEN if blank else None


def counts_by_kind(report: YearReport, name: str) -> str:
    """ "1 HTX, 2 THT": the kinds whose figure `name` is not 0 that year, as the status notes give
    them ("" when none); in English in words ("1 cooperative, 2 cooperative groups")."""
    return ", ".join(
        (messages.NARRATIVE_KIND_ONE if value == 1 else messages.NARRATIVE_KIND_MANY)[kind].format(
            count=format_count(value)
        )
        for kind, figures in report.organisations.items()
        if (value := figures.figure(name).value)
    )


def has_statuses(blocks: Sequence[Figures]) -> bool:
    """A registry that records no status but dissolutions prints the report it always printed: the
    status table appears once one of the STATUS_SIGN metrics is counted."""
    return any(b.figure(m.name).value for b in blocks for m in shown(blocks, STATUS_SIGN))


def district_label(name: str) -> Label:
    return Label(name or messages.REPORT_NO_DISTRICT)


def commune_label(name: str, titles: Mapping[str, str] | None = None) -> Label:
    """A commune as tables print it: with its type word when the official list gives it."""
    if not name:
        return Label(messages.REPORT_NO_COMMUNE)
    return Label((titles or {}).get(name, name))


def titled_communes(reports: Sequence[YearReport]) -> Callable[[str], Label]:
    """commune_label with the type words the reports give their communes."""
    titles: dict[str, str] = {}
    for one in reports:
        titles.update(one.commune_titles or {})
    return lambda name: commune_label(name, titles)


def former_province_label(name: str) -> Label:
    if not name:
        return Label(messages.REPORT_NO_FORMER_PROVINCE)
    return Label(messages.REPORT_FORMER_AREA.format(province=name))


def reporting_by_kind(economy: YearEconomy, write: Callable[[int], str], *, all_active: bool) -> list[str]:
    """ "6/12 HTX" for each kind: how many of its active organisations reported figures, the numbers
    written by `write`; of every kind with any active (`all_active`: "0/1 THT" too), else of those
    that reported."""
    return [
        messages.NARRATIVE_ECONOMY_COUNT.format(
            reporting=write(b.reporting.value), active=write(b.active.value), kind=KIND_ABBREVIATIONS[k]
        )
        for k, b in economy.kinds.items()
        if (b.active if all_active else b.reporting).value
    ]
