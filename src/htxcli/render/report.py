"""The yearly report as blocks of text cells, shared by the Rich and the Markdown views so they agree,
and as tidy CSV rows (year, section, key, metric, value) for scripts.

Every cell comes from the report's JSON form; nothing here computes a figure except the change
between two years.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from htxcli.domain import messages
from htxcli.domain.text import sort_key
from htxcli.domain.values import format_count, format_money
from htxcli.domain.vocab import BAND_LABELS, GRADES, KIND_ABBREVIATIONS, KINDS, PROGRAMS

Report = dict[str, Any]

TIDY_FIELDS = ("year", "section", "key", "metric", "value")
_ORGANISATION_METRICS = ("active", "new", "dissolved", "members", "capital_vnd")
_SUPPORT_METRICS = ("organisations", "records", "quantity", "amount_vnd")
_MONEY = {"capital_vnd", "amount_vnd"}
# A province names a handful of new-model cooperatives; a longer list belongs in the JSON or CSV.
NAMED_AT_MOST = 50


@dataclass
class Block:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()  # columns aligned right
    caption: str | None = None
    total: bool = False  # the last row is a total
    chart: int | None = None  # the column that holds bars
    wrap: frozenset[int] = frozenset({0})  # columns that may wrap; codes and figures never do


def title(reports: Sequence[Report]) -> str:
    years = str(reports[0]["year"])
    if len(reports) > 1:
        years = f"{reports[0]['year']}–{reports[-1]['year']}"
    district = reports[0].get("district")
    if district is not None:
        return messages.REPORT_TITLE_DISTRICT.format(years=years, district=district)
    return messages.REPORT_TITLE.format(years=years)


def bar(percent: int) -> str:
    """One block per two percentage points, a half block for an odd one: 50 characters at 100%."""
    return "█" * (percent // 2) + ("▌" if percent % 2 else "")


def _value(metric: str, value: int) -> str:
    return format_money(value) if metric in _MONEY else format_count(value)


# The terminal table prints a true minus sign (U+2212) and bars. A document is pasted into Word or
# opened in Excel, which reads "−5" as text, not as a number: there, ASCII "-" and no bars.
TERMINAL_MINUS = "\u2212"
PLAIN_MINUS = "-"


def _change(metric: str, value: int, minus: str) -> str:
    sign = "+" if value > 0 else minus if value < 0 else ""
    return sign + _value(metric, abs(value)).removesuffix(" ₫") + (" ₫" if metric in _MONEY and value else "")


def _district_label(name: str) -> str:
    return name or messages.REPORT_NO_DISTRICT


# --- one year, laid out like the printed report ---------------------------------------------


def year_blocks(report: Report, *, terminal: bool = True) -> list[Block]:
    """The printed report's tables; `terminal` False for a document (Markdown): no bars, ASCII minus."""
    year = report["year"]
    return [
        _organisation_block(report, year, TERMINAL_MINUS if terminal else PLAIN_MINUS),
        _rating_block(report["ratings"], year, bars=terminal),
        _support_block(report["support"], year),
        *_new_model_block(report["new_model"], year),
        _district_block(report["districts"], year),
    ]


def _organisation_block(report: Report, year: int, minus: str) -> Block:
    h = messages.HEADERS
    block = Block(
        messages.REPORT_ORGANISATIONS.format(year=year),
        [
            h["kind"],
            messages.REPORT_ACTIVE,
            messages.REPORT_NEW,
            messages.REPORT_DISSOLVED,
            messages.REPORT_CHANGE_SINCE.format(year=year - 1),
            h["members"],
            h["capital_vnd"],
        ],
        numeric=frozenset(range(1, 7)),
        total=True,
    )
    totals = dict.fromkeys((*_ORGANISATION_METRICS, "active_start"), 0)
    for kind, figures in report["organisations"].items():
        for metric in totals:
            totals[metric] += figures[metric]
        block.rows.append([KINDS.label(kind), *_organisation_cells(figures, minus)])
    block.rows.append([messages.REPORT_TOTAL, *_organisation_cells(totals, minus)])
    return block


def _organisation_cells(figures: dict[str, int], minus: str) -> list[str]:
    return [
        format_count(figures["active"]),
        format_count(figures["new"]),
        format_count(figures["dissolved"]),
        _change("active", figures["active"] - figures["active_start"], minus),
        format_count(figures["members"]),
        format_money(figures["capital_vnd"]),
    ]


def _rating_block(ratings: Report, year: int, *, bars: bool) -> Block:
    block = Block(
        messages.REPORT_RATINGS.format(year=year),
        [messages.REPORT_BAND, messages.REPORT_COUNT, messages.REPORT_SHARE, *([""] if bars else [])],
        numeric=frozenset({1, 2}),
        caption=messages.REPORT_RATED.format(
            rated=format_count(ratings["rated"]), unrated=format_count(ratings["unrated"])
        ),
        chart=3 if bars else None,
    )
    for band, count in ratings["bands"].items():
        percent = ratings["percent"][band]
        block.rows.append(
            [BAND_LABELS[band], format_count(count), f"{percent}%", *([bar(percent)] if bars else [])]
        )
        if band == "effective":  # its two grades beneath it, as the printed report lists them
            for grade in ("good", "fair"):
                count = format_count(ratings["grades"][grade])
                block.rows.append(["  " + GRADES.label(grade), count, "", *([""] if bars else [])])
    return block


def _support_block(support: Report, year: int) -> Block:
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
    )
    records = amount = 0
    for program, figures in support.items():
        if not figures["records"]:
            continue
        records += figures["records"]
        amount += figures["amount_vnd"]
        block.rows.append(
            [
                PROGRAMS.label(program),
                format_count(figures["organisations"]),
                format_count(figures["records"]),
                format_count(figures["quantity"]),
                figures["unit"] or "",
                format_money(figures["amount_vnd"]),
            ]
        )
    if not block.rows:
        block.caption = messages.REPORT_NO_SUPPORT.format(year=year)
        block.total = False
        return block
    block.rows.append([messages.REPORT_TOTAL, "", format_count(records), "", "", format_money(amount)])
    return block


def _new_model_block(recipients: list[dict[str, Any]], year: int) -> list[Block]:
    if not recipients:
        return []
    h = messages.HEADERS
    block = Block(
        messages.REPORT_NEW_MODEL.format(year=year),
        [h["code"], h["name"], h["district"]],
        wrap=frozenset({1, 2}),
    )
    block.rows = [[r["code"], r["name"], r["district"] or ""] for r in recipients[:NAMED_AT_MOST]]
    if len(recipients) > NAMED_AT_MOST:
        block.caption = messages.REPORT_MORE_NAMED.format(count=format_count(len(recipients) - NAMED_AT_MOST))
    return [block]


def _district_block(districts: Report, year: int) -> Block:
    h = messages.HEADERS
    kinds = [k for k in KINDS.keys if any(blocks[k]["active"] for blocks in districts.values())]
    block = Block(
        messages.REPORT_DISTRICTS.format(year=year),
        [
            h["district"],
            *(KIND_ABBREVIATIONS[k] for k in kinds),
            messages.REPORT_NEW,
            messages.REPORT_DISSOLVED,
            h["members"],
            h["capital_vnd"],
        ],
        numeric=frozenset(range(1, len(kinds) + 5)),
    )
    for name, blocks in districts.items():
        block.rows.append(
            [
                _district_label(name),
                *(format_count(blocks[k]["active"]) for k in kinds),
                format_count(sum(b["new"] for b in blocks.values())),
                format_count(sum(b["dissolved"] for b in blocks.values())),
                format_count(sum(b["members"] for b in blocks.values())),
                format_money(sum(b["capital_vnd"] for b in blocks.values())),
            ]
        )
    return block


# --- several years side by side, hledger's way -----------------------------------------------

Getter = Callable[[Report], int]
Line = tuple[str, str, Getter]  # label, metric (for formatting), how to read it from a report


def column_blocks(reports: Sequence[Report], compare: bool, *, terminal: bool = True) -> list[Block]:
    """A column per year; with compare, the year before the first too, and a change column after each.
    `terminal` False for a document: ASCII minus."""
    minus = TERMINAL_MINUS if terminal else PLAIN_MINUS
    columns = list(reports)
    if compare:
        columns = [reports[0]["previous"], *reports]
    headers = [messages.REPORT_FIGURES]
    for i, report in enumerate(columns):
        headers.append(str(report["year"]))
        if compare and i:
            headers.append(messages.REPORT_CHANGE)
    sections = [
        (messages.REPORT_SECTION_ORGANISATIONS, _organisation_lines(columns)),
        (messages.REPORT_SECTION_RATINGS, _rating_lines()),
        (messages.REPORT_SECTION_SUPPORT, _support_lines(columns)),
        (messages.REPORT_SECTION_DISTRICTS, _district_lines(columns)),
    ]
    blocks = []
    for section_title, lines in sections:
        block = Block(section_title, list(headers), numeric=frozenset(range(1, len(headers))))
        for label, metric, get in lines:
            row = [label]
            for i, report in enumerate(columns):
                row.append(_value(metric, get(report)) + ("%" if metric == "percent" else ""))
                if compare and i:
                    row.append(_change(metric, get(report) - get(columns[i - 1]), minus))
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
        "organisations": messages.REPORT_ORGANISATIONS_COUNT,
        "records": messages.REPORT_RECORDS,
        "quantity": messages.HEADERS["quantity"],
        "amount_vnd": messages.HEADERS["amount_vnd"],
    }[metric]


def _organisation_lines(columns: Sequence[Report]) -> list[Line]:
    lines: list[Line] = []
    for kind in KINDS.keys:
        if not any(any(r["organisations"][kind][m] for m in _ORGANISATION_METRICS) for r in columns):
            continue
        for metric in _ORGANISATION_METRICS:
            label = messages.REPORT_METRIC.format(subject=KINDS.label(kind), metric=_metric_label(metric))
            lines.append((label, metric, _at("organisations", kind, metric)))
    return lines


def _rating_lines() -> list[Line]:
    lines: list[Line] = [
        (messages.REPORT_RATED_ROW, "count", _at("ratings", "rated")),
        (messages.REPORT_UNRATED_ROW, "count", _at("ratings", "unrated")),
    ]
    for grade in ("good", "fair", "average", "weak"):
        lines.append((GRADES.label(grade), "count", _at("ratings", "grades", grade)))
    for band, label in BAND_LABELS.items():
        lines.append(
            (
                messages.REPORT_SHARE_OF.format(label=label),
                "percent",
                _at("ratings", "percent", band),
            )
        )
    return lines


def _support_lines(columns: Sequence[Report]) -> list[Line]:
    lines: list[Line] = []
    for program in PROGRAMS.keys:
        if not any(r["support"][program]["records"] for r in columns):
            continue
        for metric in _SUPPORT_METRICS:
            subject = PROGRAMS.label(program)
            label = messages.REPORT_METRIC.format(subject=subject, metric=_metric_label(metric))
            lines.append((label, metric, _at("support", program, metric)))
    return lines


def _district_lines(columns: Sequence[Report]) -> list[Line]:
    names: list[str] = []
    for report in columns:
        names.extend(n for n in report["districts"] if n not in names)
    lines: list[Line] = []
    for name in sorted(names, key=sort_key):
        for metric in ("active", "new", "dissolved"):
            label = messages.REPORT_METRIC.format(subject=_district_label(name), metric=_metric_label(metric))
            lines.append((label, metric, _district_total(name, metric)))
    return lines


def _at(*path: str) -> Getter:
    def get(report: Report) -> int:
        value: Any = report
        for key in path:
            value = value[key]
        return int(value)

    return get


def _district_total(name: str, metric: str) -> Getter:
    """A district's figure over all kinds; 0 in a year the district had none."""

    def get(report: Report) -> int:
        blocks = report["districts"].get(name)
        return sum(b[metric] for b in blocks.values()) if blocks else 0

    return get


# --- tidy CSV: one value per row ------------------------------------------------------------


def tidy(reports: Sequence[Report]) -> Iterator[dict[str, Any]]:
    """Rows of year, section, key, metric, value; with --compare the year before comes first, once."""
    seen: set[int] = set()
    for report in reports:
        for one in (report.get("previous"), report):
            if one is not None and one["year"] not in seen:
                seen.add(one["year"])
                yield from _tidy_year(one)


def _tidy_year(report: Report) -> Iterator[dict[str, Any]]:
    year = report["year"]

    def row(section: str, key: str, metric: str, value: Any) -> dict[str, Any]:
        return {"year": year, "section": section, "key": key, "metric": metric, "value": value}

    for kind, figures in report["organisations"].items():
        for metric, value in figures.items():
            yield row("organisations", kind, metric, value)
    ratings = report["ratings"]
    yield row("ratings", "rated", "count", ratings["rated"])
    yield row("ratings", "unrated", "count", ratings["unrated"])
    for grade, count in ratings["grades"].items():
        yield row("grades", grade, "count", count)
    for band, count in ratings["bands"].items():
        yield row("bands", band, "count", count)
        yield row("bands", band, "percent", ratings["percent"][band])
    for program, figures in report["support"].items():
        for metric, value in figures.items():
            if value is not None:
                yield row("support", program, metric, value)
    for recipient in report["new_model"]:
        yield row("new_model", recipient["code"], "name", recipient["name"])
    for name, blocks in report["districts"].items():
        for kind, figures in blocks.items():
            for metric, value in figures.items():
                yield row(f"districts/{name}", kind, metric, value)
