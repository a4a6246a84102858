"""The yearly report laid out as blocks of typed cells, shared by the Rich and the Markdown views so they
agree. A cell is a value of domain/report.py (None when empty); each view formats it last
(render/cells.py), and draws or drops the chart column. Nothing here computes a figure except the
change between two years shown side by side; the totals come with the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from htxcli.domain import messages
from htxcli.domain.report import Change, Count, Label, Organisations, Quantity, Report, Value, YearReport
from htxcli.domain.text import sort_key
from htxcli.domain.values import format_count
from htxcli.domain.vocab import BAND_LABELS, GRADES, KIND_ABBREVIATIONS, KINDS, PROGRAMS

Cell = Value | None

_ORGANISATION_METRICS = ("active", "new", "dissolved", "members", "capital_vnd")
_SUPPORT_METRICS = ("organisations", "records", "quantity", "amount_vnd")
_STATUS_METRICS = ("registered", "operating", "suspended", "being_dissolved", "revoked", "resumed")
# A registry that records no status but dissolutions prints the report it always printed: the status
# table appears once one of these is counted.
_STATUS_SIGNS = ("suspended", "being_dissolved", "revoked", "resumed")
# A province names a handful of new-model cooperatives; a longer list belongs in the JSON or CSV.
NAMED_AT_MOST = 50


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


def title(report: Report) -> str:
    first, last = report.years[0], report.years[-1]
    years = str(first.year) if len(report.years) == 1 else f"{first.year}–{last.year}"
    if first.area_name is not None:
        return messages.REPORT_TITLE_DISTRICT.format(years=years, district=first.area_name)
    return messages.REPORT_TITLE.format(years=years)


def _district_label(name: str) -> Label:
    return Label(name or messages.REPORT_NO_DISTRICT)


def report_blocks(report: Report, *, single: bool) -> list[Block]:
    """The tables of a report, for every layout that prints tables (terminal, Markdown, Word, HTML): one
    year laid out like the printed report, or a column per year for a range or a comparison."""
    return year_blocks(report.years[0]) if single and not report.compare else column_blocks(report)


# --- one year, laid out like the printed report ---------------------------------------------


def year_blocks(report: YearReport, *, previous: bool = False) -> list[Block]:
    """The printed report's tables. With `previous`, the summary shows the count at the end of the
    year before beside its change (the workbook's appendix has the room; a terminal has not)."""
    year = report.year
    return [
        _organisation_block(report, year, previous=previous),
        *_status_block(report, year),
        _rating_block(report, year),
        _support_block(report, year),
        *_new_model_block(report, year),
        *([_district_block(report, year)] if _has_districts(report) else []),
        *_reform_blocks(report, year),
    ]


def _organisation_block(report: YearReport, year: int, *, previous: bool = False) -> Block:
    h = messages.HEADERS
    headers = [
        h["kind"],
        messages.REPORT_ACTIVE,
        messages.REPORT_NEW,
        messages.REPORT_DISSOLVED,
        *([messages.REPORT_ACTIVE_AT_END.format(year=year - 1)] if previous else []),
        messages.REPORT_CHANGE_SINCE.format(year=year - 1),
        h["members"],
        h["capital_vnd"],
    ]
    block = Block(
        messages.REPORT_ORGANISATIONS.format(year=year),
        headers,
        numeric=frozenset(range(1, len(headers))),
        total=True,
        sheet=messages.SHEET_SUMMARY,
    )
    for kind, figures in report.organisations.items():
        block.rows.append([Label(KINDS.label(kind)), *_organisation_cells(figures, previous)])
    totals = report.totals.organisations
    block.rows.append([Label(messages.REPORT_TOTAL), *_organisation_cells(totals, previous)])
    return block


def _organisation_cells(figures: Organisations, previous: bool) -> list[Cell]:
    f = figures
    before: list[Cell] = [f.active_start] if previous else []
    return [f.active, f.new, f.dissolved, *before, f.change, f.members, f.capital_vnd]


def _has_statuses(blocks: Sequence[Organisations]) -> bool:
    return any(getattr(b, metric).value for b in blocks for metric in _STATUS_SIGNS)


def _status_block(report: YearReport, year: int) -> list[Block]:
    """Registered organisations by legal status on the period's last day (operating, suspended, being
    dissolved, revoked add up to registered), and those resumed within the period."""
    if not _has_statuses([report.totals.organisations]):
        return []
    block = Block(
        messages.REPORT_STATUS.format(year=year),
        [messages.HEADERS["kind"], *(_metric_label(m) for m in _STATUS_METRICS)],
        numeric=frozenset(range(1, len(_STATUS_METRICS) + 1)),
        total=True,
        sheet=messages.SHEET_STATUS,
    )
    for kind, figures in report.organisations.items():
        block.rows.append([Label(KINDS.label(kind)), *(getattr(figures, m) for m in _STATUS_METRICS)])
    totals = report.totals.organisations
    block.rows.append([Label(messages.REPORT_TOTAL), *(getattr(totals, m) for m in _STATUS_METRICS)])
    return [block]


def _rating_block(report: YearReport, year: int) -> Block:
    ratings = report.ratings
    block = Block(
        messages.REPORT_RATINGS.format(year=year),
        [messages.REPORT_BAND, messages.REPORT_COUNT, messages.REPORT_SHARE, ""],
        numeric=frozenset({1, 2}),
        caption=messages.REPORT_RATED.format(
            rated=format_count(ratings.rated.value), unrated=format_count(ratings.unrated.value)
        ),
        chart=3,
        sheet=messages.SHEET_RATINGS,
    )
    for band, share in report.band_shares.points:
        block.rows.append([Label(BAND_LABELS[band]), ratings.bands[band], share, share])
        if band == "effective":  # its two grades beneath it, as the printed report lists them
            for grade in ("good", "fair"):
                block.rows.append([Label("  " + GRADES.label(grade)), ratings.grades[grade], None, None])
    return block


def _support_block(report: YearReport, year: int) -> Block:
    h = messages.HEADERS
    block = Block(
        messages.REPORT_SUPPORT.format(year=year),
        [
            h["program"],
            messages.REPORT_ORGANISATIONS_COUNT,
            messages.REPORT_RECORDS,
            h["quantity"],
            h["unit"],
            h["amount_vnd"],
        ],
        numeric=frozenset({1, 2, 3, 5}),
        total=True,
        sheet=messages.SHEET_SUPPORT,
    )
    for program, figures in report.support.items():
        if not figures.records.value:
            continue
        block.rows.append(
            [
                Label(PROGRAMS.label(program)),
                figures.organisations,
                figures.records,
                figures.quantity,
                figures.unit,
                figures.amount_vnd,
            ]
        )
    if not block.rows:
        block.caption = messages.REPORT_NO_SUPPORT.format(year=year)
        block.total = False
        return block
    total = report.totals.support
    block.rows.append([Label(messages.REPORT_TOTAL), None, total.records, None, None, total.amount_vnd])
    return block


def _new_model_block(report: YearReport, year: int) -> list[Block]:
    recipients = report.new_model
    if not recipients:
        return []
    h = messages.HEADERS
    reformed = report.communes is not None  # from 2025: the commune of the new scheme too
    districts = _has_districts(report)
    block = Block(
        messages.REPORT_NEW_MODEL.format(year=year),
        [
            h["code"],
            h["name"],
            *([h["district"]] if districts else []),
            *([h["commune"]] if reformed else []),
        ],
        wrap=frozenset(range(1, 2 + districts + reformed)),
        sheet=messages.SHEET_NEW_MODEL,
    )
    block.rows = [
        [
            Label(r.code),
            Label(r.name),
            *([None if r.district is None else Label(r.district)] if districts else []),
            *([None if r.commune is None else Label(r.commune)] if reformed else []),
        ]
        for r in recipients[:NAMED_AT_MOST]
    ]
    if len(recipients) > NAMED_AT_MOST:
        block.caption = messages.REPORT_MORE_NAMED.format(count=format_count(len(recipients) - NAMED_AT_MOST))
    return [block]


def _has_districts(report: YearReport) -> bool:
    """Before the 2025 reform always; from it on, only while some organisation still has a district."""
    return report.communes is None or bool(report.districts)


def _district_block(report: YearReport, year: int) -> Block:
    return _place_block(
        messages.REPORT_DISTRICTS.format(year=year),
        messages.HEADERS["district"],
        report.districts,
        report.totals.districts,
        _district_label,
        messages.SHEET_DISTRICTS,
    )


def _reform_blocks(report: YearReport, year: int) -> list[Block]:
    """From the 2025 reform on: by commune of the new scheme, and the roll-up by former province (as
    Thái Nguyên reports "khu vực Bắc Kạn cũ"). Years before it have neither, and look as they always did."""
    blocks = []
    totals = report.totals
    if report.communes is not None and totals.communes is not None:
        blocks.append(
            _place_block(
                messages.REPORT_COMMUNES.format(year=year),
                messages.HEADERS["commune"],
                report.communes,
                totals.communes,
                _commune_label,
                messages.SHEET_COMMUNES,
            )
        )
    if report.former_provinces is not None and totals.former_provinces is not None:
        blocks.append(
            _place_block(
                messages.REPORT_FORMER_PROVINCES.format(year=year),
                messages.REPORT_AREA,
                report.former_provinces,
                totals.former_provinces,
                _former_province_label,
                messages.SHEET_FORMER_PROVINCES,
            )
        )
    return blocks


def _commune_label(name: str) -> Label:
    return Label(name or messages.REPORT_NO_COMMUNE)


def _former_province_label(name: str) -> Label:
    if not name:
        return Label(messages.REPORT_NO_FORMER_PROVINCE)
    return Label(messages.REPORT_FORMER_AREA.format(province=name))


def _place_block(
    title: str,
    header: str,
    places: Mapping[str, Mapping[str, Organisations]],
    totals: Mapping[str, Organisations],
    label: Callable[[str], Label],
    sheet: str,
) -> Block:
    """A row per district (or commune, or former province): its active organisations by kind, then
    its new, dissolved, members and capital over the kinds."""
    h = messages.HEADERS
    kinds = [k for k in KINDS.keys if any(blocks[k].active.value for blocks in places.values())]
    block = Block(
        title,
        [
            header,
            *(KIND_ABBREVIATIONS[k] for k in kinds),
            messages.REPORT_NEW,
            messages.REPORT_DISSOLVED,
            h["members"],
            h["capital_vnd"],
        ],
        numeric=frozenset(range(1, len(kinds) + 5)),
        sheet=sheet,
    )
    for name, blocks in places.items():
        total = totals[name]
        block.rows.append(
            [
                label(name),
                *(blocks[k].active for k in kinds),
                total.new,
                total.dissolved,
                total.members,
                total.capital_vnd,
            ]
        )
    return block


# --- several years side by side, hledger's way -----------------------------------------------

Getter = Callable[[YearReport], Quantity | None]  # None: the year has no such figure
Line = tuple[str, Getter]  # label, how to read the figure from a year's report


def column_blocks(report: Report) -> list[Block]:
    """A column per year; with compare, the year before the first too, and a change column after each."""
    columns = report.columns
    compare = report.compare
    headers = [messages.REPORT_FIGURES]
    for i, one in enumerate(columns):
        headers.append(str(one.year))
        if compare and i:
            headers.append(messages.REPORT_CHANGE)
    sections = [
        (messages.REPORT_SECTION_ORGANISATIONS, _organisation_lines(columns), messages.SHEET_SUMMARY),
        (messages.REPORT_SECTION_STATUS, _status_lines(columns), messages.SHEET_STATUS),
        (messages.REPORT_SECTION_RATINGS, _rating_lines(), messages.SHEET_RATINGS),
        (messages.REPORT_SECTION_SUPPORT, _support_lines(columns), messages.SHEET_SUPPORT),
        (messages.REPORT_SECTION_DISTRICTS, _district_lines(columns), messages.SHEET_DISTRICTS),
        (
            messages.REPORT_SECTION_COMMUNES,
            _reform_lines(columns, "communes", _commune_label),
            messages.SHEET_COMMUNES,
        ),
        (
            messages.REPORT_SECTION_FORMER_PROVINCES,
            _reform_lines(columns, "former_provinces", _former_province_label),
            messages.SHEET_FORMER_PROVINCES,
        ),
    ]
    blocks = []
    for section_title, lines, sheet in sections:
        block = Block(section_title, list(headers), numeric=frozenset(range(1, len(headers))), sheet=sheet)
        for label, get in lines:
            row: list[Cell] = [Label(label)]
            for i, one in enumerate(columns):
                row.append(get(one))
                if compare and i:
                    before, after = get(columns[i - 1]), get(one)
                    row.append(None if before is None or after is None else Change.between(before, after))
            block.rows.append(row)
        if block.rows:
            blocks.append(block)
    return blocks


def _metric_label(metric: str) -> str:
    return {
        "active": messages.REPORT_ACTIVE,
        "new": messages.REPORT_NEW,
        "dissolved": messages.REPORT_DISSOLVED,
        "members": messages.HEADERS["members"],
        "capital_vnd": messages.HEADERS["capital_vnd"],
        "registered": messages.REPORT_REGISTERED,
        "operating": messages.REPORT_OPERATING,
        "suspended": messages.REPORT_SUSPENDED,
        "being_dissolved": messages.REPORT_BEING_DISSOLVED,
        "revoked": messages.REPORT_REVOKED,
        "resumed": messages.REPORT_RESUMED,
        "organisations": messages.REPORT_ORGANISATIONS_COUNT,
        "records": messages.REPORT_RECORDS,
        "quantity": messages.HEADERS["quantity"],
        "amount_vnd": messages.HEADERS["amount_vnd"],
    }[metric]


def _line(subject: str, metric: str, get: Getter) -> Line:
    return messages.REPORT_METRIC.format(subject=subject, metric=_metric_label(metric)), get


def _figure(section: str, key: str, metric: str) -> Getter:
    """The figure report.<section>[key].<metric>: a kind's or a program's."""

    def get(report: YearReport) -> Quantity:
        value: Quantity = getattr(getattr(report, section)[key], metric)
        return value

    return get


def _rating(group: str, key: str | None = None) -> Getter:
    """report.ratings.<group>, or report.ratings.<group>[key]."""

    def get(report: YearReport) -> Quantity:
        found = getattr(report.ratings, group)
        value: Quantity = found if key is None else found[key]
        return value

    return get


def _organisation_lines(columns: Sequence[YearReport]) -> list[Line]:
    lines: list[Line] = []
    for kind in KINDS.keys:
        blocks = [r.organisations[kind] for r in columns]
        if not any(getattr(b, m).value for b in blocks for m in _ORGANISATION_METRICS):
            continue
        for metric in _ORGANISATION_METRICS:
            lines.append(_line(KINDS.label(kind), metric, _figure("organisations", kind, metric)))
    return lines


def _status_lines(columns: Sequence[YearReport]) -> list[Line]:
    lines: list[Line] = []
    for kind in KINDS.keys:
        blocks = [r.organisations[kind] for r in columns]
        if not _has_statuses(blocks):
            continue
        for metric in _STATUS_METRICS:
            lines.append(_line(KINDS.label(kind), metric, _figure("organisations", kind, metric)))
    return lines


def _rating_lines() -> list[Line]:
    lines: list[Line] = [
        (messages.REPORT_RATED_ROW, _rating("rated")),
        (messages.REPORT_UNRATED_ROW, _rating("unrated")),
    ]
    for grade in ("good", "fair", "average", "weak"):
        lines.append((GRADES.label(grade), _rating("grades", grade)))
    for band, label in BAND_LABELS.items():
        lines.append((messages.REPORT_SHARE_OF.format(label=label), _rating("percent", band)))
    return lines


def _support_lines(columns: Sequence[YearReport]) -> list[Line]:
    lines: list[Line] = []
    for program in PROGRAMS.keys:
        if not any(r.support[program].records.value for r in columns):
            continue
        for metric in _SUPPORT_METRICS:
            lines.append(_line(PROGRAMS.label(program), metric, _figure("support", program, metric)))
    return lines


def _district_lines(columns: Sequence[YearReport]) -> list[Line]:
    names: list[str] = []
    for report in columns:
        names.extend(n for n in report.districts if n not in names)
    lines: list[Line] = []
    for name in sorted(names, key=sort_key):
        for metric in ("active", "new", "dissolved"):
            lines.append(_line(_district_label(name).text, metric, _district_total(name, metric)))
    return lines


def _district_total(name: str, metric: str) -> Getter:
    """A district's figure over all kinds; 0 in a year the district had none."""

    def get(report: YearReport) -> Quantity:
        total = report.totals.districts.get(name)
        value: Quantity = getattr(total, metric) if total else Count(0)
        return value

    return get


def _reform_lines(columns: Sequence[YearReport], section: str, label: Callable[[str], Label]) -> list[Line]:
    """Lines by commune or former province, for the years from the reform on (empty cells before)."""
    names: list[str] = []
    for report in columns:
        places = getattr(report.totals, section)
        names.extend(n for n in places or {} if n not in names)
    lines: list[Line] = []
    for name in sorted(names, key=sort_key):
        for metric in ("active", "new", "dissolved"):
            lines.append(_line(label(name).text, metric, _reform_total(section, name, metric)))
    return lines


def _reform_total(section: str, name: str, metric: str) -> Getter:
    """A commune's or former province's figure over all kinds; 0 in a year it had none, nothing in a
    year before the reform."""

    def get(report: YearReport) -> Quantity | None:
        places: dict[str, Organisations] | None = getattr(report.totals, section)
        if places is None:
            return None
        total = places.get(name)
        value: Quantity = getattr(total, metric) if total else Count(0)
        return value

    return get
