"""Several years side by side, hledger's way: a column per year (with --compare, the year before the
first too, and a change column after each), a line per figure. The figures of each section are the
metrics declared for its table in domain/report.py. A subject's lines (a kind's, a program's, a
place's) lie beneath a heading row of its own (its label alone, its cells empty), each labelled by its
metric alone and indented as the year's grades are beneath their band (layout.beneath); the
organisations, their legal status and the support end with "Tổng cộng", read from the model's totals
as the year's tables end; the legal status lists the kinds with any status counted in a year shown, its
flows (those resumed) in a note beneath, as the year's status table has them. The sections by place
are render/range_places.py's, the economy render/range_economy.py's."""

from __future__ import annotations

from collections.abc import Sequence

from htxcli.domain import messages
from htxcli.domain.report import (
    FLOW,
    ORGANISATIONS,
    RATINGS,
    STATUS,
    SUPPORT,
    Change,
    Label,
    Metric,
    Organisations,
    Quantity,
    Ratings,
    Report,
    Support,
    SupportTotal,
    YearReport,
)
from htxcli.domain.vocab import BAND_LABELS, GRADES, KINDS, PROGRAMS
from htxcli.render.layout import (
    SUB_ROW,
    Block,
    Cell,
    Getter,
    Group,
    Line,
    beneath,
    capital_not_given,
    counts_by_kind,
    has_statuses,
    period_end,
    reported,
    shown,
    spending,
    spending_apart,
    support_label,
    titled_communes,
)
from htxcli.render.range_economy import economy_groups
from htxcli.render.range_economy import reported as _reported
from htxcli.render.range_places import commune_groups, district_groups, former_province_groups
from htxcli.render.year_layout import economy_caption


def column_blocks(report: Report) -> list[Block]:
    """A column per year; with compare, the year before the first too, and a change column after each."""
    columns = report.columns
    compare = report.compare
    headers = [messages.REPORT_FIGURES]
    for i, one in enumerate(columns):
        headers.append(str(one.year))
        if compare and i:
            headers.append(messages.REPORT_CHANGE.format(year=columns[i - 1].year))
    day = period_end(columns[-1])

    def at_end(calendar: str, on_day: str) -> str:
        return calendar if day is None else on_day.format(day=day)

    first, last = columns[0].year, columns[-1].year
    spanned = messages.REPORT_SECTION_TWO_YEARS if len(columns) == 2 else messages.REPORT_SECTION_YEARS

    def over_years(title: str) -> str:  # a flow's section says its years, as a stock's says its day
        return spanned.format(title=title, first=first, last=last)

    captions = {
        messages.SHEET_STATUS: _status_caption(columns),
        # A kind's capital blank in a year its organisations gave none, said as the year's Biểu 1 says it.
        messages.SHEET_SUMMARY: capital_not_given(b for r in columns for b in r.organisations.values()),
        # How many of the last year's organisations reported, as the year's Biểu says it under its table.
        messages.SHEET_ECONOMY: _economy_caption(columns),
        # A year without any rating is blank, said so as the economy's year without figures is.
        messages.SHEET_RATINGS: _no_ratings(columns),
    }
    sections: list[tuple[str, list[Group], str]] = [
        (
            at_end(messages.REPORT_SECTION_ORGANISATIONS, messages.REPORT_SECTION_ORGANISATIONS_ON),
            _kind_groups(columns),
            messages.SHEET_SUMMARY,
        ),
        (
            at_end(messages.REPORT_SECTION_STATUS, messages.REPORT_SECTION_STATUS_ON),
            _status_groups(columns),
            messages.SHEET_STATUS,
        ),
        (over_years(messages.REPORT_SECTION_RATINGS), [(None, _rating_lines())], messages.SHEET_RATINGS),
        (over_years(messages.REPORT_SECTION_SUPPORT), _support_groups(columns), messages.SHEET_SUPPORT),
        (
            at_end(messages.REPORT_SECTION_DISTRICTS, messages.REPORT_SECTION_DISTRICTS_ON),
            district_groups(columns),
            messages.SHEET_DISTRICTS,
        ),
        (
            at_end(messages.REPORT_SECTION_COMMUNES, messages.REPORT_SECTION_COMMUNES_ON),
            commune_groups(columns, titled_communes(columns)),
            messages.SHEET_COMMUNES,
        ),
        (
            at_end(messages.REPORT_SECTION_FORMER_PROVINCES, messages.REPORT_SECTION_FORMER_PROVINCES_ON),
            former_province_groups(columns),
            messages.SHEET_FORMER_PROVINCES,
        ),
        (over_years(messages.REPORT_SECTION_ECONOMY), economy_groups(columns), messages.SHEET_ECONOMY),
    ]
    blocks = []
    for section_title, groups, sheet in sections:
        block = Block(
            section_title,
            list(headers),
            numeric=frozenset(range(1, len(headers))),
            sheet=sheet,
            by_line=True,
            caption=captions.get(sheet),
        )
        headings: set[int] = set()
        for subject, lines in groups:
            rows = []
            for label, get in lines:
                row: list[Cell] = [Label(label) if subject is None else beneath(label)]
                for i, one in enumerate(columns):
                    row.append(get(one))
                    if compare and i:
                        before, after = get(columns[i - 1]), get(one)
                        row.append(None if before is None or after is None else Change.between(before, after))
                if any(cell is not None for cell in row[1:]):  # a line of nothing in any year is left out
                    rows.append(row)
            if rows and subject is not None:  # the subject's heading, over the lines left
                headings.add(len(block.rows))
                block.rows.append([Label(subject), *([None] * (len(headers) - 1))])
            block.rows.extend(rows)
        block.headings = frozenset(headings)
        # The rated, the ratings' total amid its lines (those not graded follow it): bold, as the
        # year's Biểu 3 prints its "Tổng cộng".
        block.subtotals = frozenset(
            n for n, row in enumerate(block.rows) if row[0] == Label(messages.REPORT_TOTAL_RATED)
        )
        if block.rows:
            blocks.append(block)
    from htxcli.render.plan_layout import plan_blocks

    for one in report.years:  # each year's attainment of the targets covering it
        blocks.extend(plan_blocks(one))
    return blocks


def _lines(metrics: Sequence[Metric], section: str, key: str | None = None) -> list[Line]:
    """A line per metric, labelled by the metric alone (its subject heads them): the figures of
    report.<section>[key] (a kind's, a program's), or with no key of report.totals.<section>."""
    return [
        (m.label(), _total(section, m.name) if key is None else _figure(section, key, m.name))
        for m in metrics
    ]


def _figure(section: str, key: str, metric: str) -> Getter:
    """The figure report.<section>[key].<metric>: a kind's or a program's."""

    def get(report: YearReport) -> Quantity | None:
        value: Quantity | None = reported(getattr(report, section)[key], metric)
        return value

    return get


def _rating(group: str, key: str | None = None) -> Getter:
    """report.ratings.<group>, or report.ratings.<group>[key]; none in a year without any rating
    recorded (no result yet: empty cells and no change, as its chart says "chưa có kết quả"), but how
    many have no result, a count in any year."""

    def get(report: YearReport) -> Quantity | None:
        ratings = report.ratings
        if group != "not_rated" and not (ratings.rated.value or ratings.unrated.value):
            return None
        found = getattr(ratings, group)
        value: Quantity = found if key is None else found[key]
        return value

    return get


def _total(section: str, name: str) -> Getter:
    """The figure report.totals.<section>.<name>: over the kinds, or over the programs."""

    def get(report: YearReport) -> Quantity | None:
        value: Quantity | None = reported(getattr(report.totals, section), name)
        return value

    return get


def _kind_groups(columns: Sequence[YearReport]) -> list[Group]:
    """Each kind with any figure not 0, then "Tổng cộng", all kinds summed (the model's totals), as
    the year's table ends."""
    groups: list[Group] = []
    for kind in KINDS.keys:
        blocks: list[Organisations] = [r.organisations[kind] for r in columns]
        metrics = shown(blocks, ORGANISATIONS)
        if not any(b.figure(m.name).value for b in blocks for m in metrics):
            continue
        groups.append((KINDS.label(kind), _lines(metrics, "organisations", kind)))
    totals = [r.totals.organisations for r in columns]
    groups.append((messages.REPORT_TOTAL, _lines(shown(totals, ORGANISATIONS), "organisations")))
    return groups


def _status_groups(columns: Sequence[YearReport]) -> list[Group]:
    """The kinds with any status counted in a year shown (a kind all 0 in every year is left out, as
    the organisations' table leaves it), each with the table's stocks, which add up to the
    registered, then "Tổng cộng". The flows (those resumed) are no line among them but a note
    beneath (_status_caption)."""
    totals = [r.totals.organisations for r in columns]
    if not has_statuses(totals):
        return []
    counted = shown(totals, STATUS)
    stocks = [m for m in counted if FLOW not in m.tables]
    groups: list[Group] = []
    for kind in KINDS.keys:
        blocks = [r.organisations[kind] for r in columns if kind in r.organisations]
        if any(b.figure(m.name).value for b in blocks for m in counted):
            groups.append((KINDS.label(kind), _lines(stocks, "organisations", kind)))
    groups.append((messages.REPORT_TOTAL, _lines(stocks, "organisations")))
    return groups


def _no_ratings(columns: Sequence[YearReport]) -> str | None:
    """The years shown without any rating, whose column is blank: "Chưa có kết quả xếp loại HTX năm
    2025." (several: "năm 2013, 2014, 2015, 2016")."""
    unrated = [str(r.year) for r in columns if not r.ratings.rated.value]
    return messages.NARRATIVE_NO_RATINGS.format(year=", ".join(unrated)) if unrated else None


def _economy_caption(columns: Sequence[YearReport]) -> str | None:
    """How many of the last year's organisations reported, as the year's Biểu says it under its table;
    then each year shown blank for want of figures, said so (its line of reporting organisations is
    blank, not "0", as its figures are)."""
    if all(r.economy is None for r in columns):
        return None
    notes = [economy_caption(columns[-1], columns[-1].year)] if _reported(columns[-1]) else []
    notes += [
        messages.REPORT_NO_FIGURES.format(year=r.year)
        for r in columns
        if r.economy is not None and not _reported(r)
    ]
    return " ".join(notes) or None


def _status_caption(columns: Sequence[YearReport]) -> str | None:
    """The note beneath the legal status, as the year's table has one: each flow of the period (those
    resumed) by year and kind, counted above by their status at each period's end; and the revoked
    the last year's registered include. None when there is nothing to say."""
    totals = [r.totals.organisations for r in columns]
    if not has_statuses(totals):
        return None

    notes = []
    for m in shown(totals, FLOW):
        flows = [
            messages.REPORT_FLOW_IN_YEAR.format(metric=m.label(), year=r.year, counts=counts)
            for r in columns
            if (counts := counts_by_kind(r, m.name))
        ]
        if flows:
            notes.append(messages.REPORT_FLOW_NOTE_LINES.format(flows="; ".join(flows)))
    last = columns[-1]
    if revoked := counts_by_kind(last, "revoked"):
        notes.append(messages.REPORT_REVOKED_NOTE_YEAR.format(year=last.year, counts=revoked))
    return " ".join(notes) or None


def _rating_lines() -> list[Line]:
    """The year's Biểu 3 line by line, in its order and words: each band with its share beneath it
    (the year's column beside it), the effective band's two grades beneath it too; the rated as the
    total ("Tổng cộng (đã xếp loại)"), as the year's table ends; then those graded "chưa xếp loại"
    and those with no result yet, which the year's note beneath says."""
    lines: list[Line] = []
    for band, label in BAND_LABELS.items():
        lines.append((label, _rating("bands", band)))
        lines.append((SUB_ROW + messages.REPORT_SHARE, _share(band)))
        if band == "effective":  # its two grades beneath it, as the year's table lists them
            lines.extend((SUB_ROW + GRADES.label(g), _rating("grades", g)) for g in ("good", "fair"))
    lines.append((messages.REPORT_TOTAL_RATED, _rating("rated")))
    lines.extend((m.label(), _rating(m.name)) for m in Ratings.metrics(RATINGS) if m.name != "rated")
    return lines


def _share(band: str) -> Getter:
    """A band's share of the rated; none in a year nobody was rated in (an empty cell, not 0%)."""

    def get(report: YearReport) -> Quantity | None:
        if not report.ratings.rated.value:
            return None
        value: Quantity = report.ratings.percent[band]
        return value

    return get


def _support_groups(columns: Sequence[YearReport]) -> list[Group]:
    """Each program with records, then "Tổng cộng": the records and the money, which add up over the
    programs (SupportTotal's metrics, the model's totals), as the year's table ends. A program's line
    is shown when a year with records has a figure the year's table prints (layout.reported): not the
    organisations of a program for the whole province nor the quantity of one whose records give no
    unit; its quantities are said in their unit when the records of every year with any give one and
    the same ("Số lượng (lớp)")."""
    groups: list[Group] = []
    apart = any(spending_apart(r) for r in columns)  # a loan is lent, not spent: loans last, named so
    order = [p for p in PROGRAMS.keys if not (apart and p == "credit")] + (["credit"] if apart else [])
    for program in order:
        blocks: list[Support] = [r.support[program] for r in columns]
        held = [b for b in blocks if b.records.value]
        if not held:
            continue
        units = {b.unit for b in held}
        unit = units.pop() if len(units) == 1 else None
        lines: list[Line] = []
        for m in shown(blocks, SUPPORT, Support):
            if all(reported(b, m.name) is None for b in held):
                continue
            label = m.label()
            if m.name == "quantity" and unit is not None:
                label = messages.REPORT_IN_UNIT.format(metric=label, unit=unit.text)
            lines.append((label, _program_figure(program, m.name)))
        if apart and program == "credit":  # the spending summed before the loans, as the year's Biểu 4
            groups.append((messages.REPORT_SUPPORT_SPENT, _spending_lines()))
        groups.append((support_label(program) if apart else PROGRAMS.label(program), lines))
    if groups:
        totals = _lines(SupportTotal.metrics(), "support")
        groups.append((messages.REPORT_TOTAL_WITH_LOANS if apart else messages.REPORT_TOTAL, totals))
    return groups


def _spending_lines() -> list[Line]:
    """The support's records and money without the loans (layout.spending)."""

    def get(name: str) -> Getter:
        return lambda report: spending(report).figure(name)

    return [(m.label(), get(m.name)) for m in SupportTotal.metrics()]


def _program_figure(program: str, metric: str) -> Getter:
    """A program's figure: as the year's table prints it in a year with records (layout.reported),
    0 in a year without any (nothing happened: 0 → 60.000.000 is a change of +60.000.000)."""

    def get(report: YearReport) -> Quantity | None:
        block = report.support[program]
        value: Quantity | None = reported(block, metric) if block.records.value else block.figure(metric)
        return value

    return get
