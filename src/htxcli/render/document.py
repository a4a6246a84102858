"""What the Word and the HTML report share: their heading's words, and their tables as text.

The tables come from render/report.py's blocks, the ones the terminal and Markdown print, so a section
added to the report there appears in both documents with no change here. Cells are formatted as in
Markdown (ASCII minus: a figure copied from a document into Excel stays a number); the chart column,
drawn as bars on the terminal, is left out (the HTML draws real charts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from htxcli.domain import messages
from htxcli.domain.report import Report
from htxcli.render import report as view
from htxcli.render.cells import PLAIN_MINUS, text

# Where the clerk writes the issuing office by hand when --office is not given.
OFFICE_PLACEHOLDER = "…………………………"


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # by column: figures, aligned right
    total: bool  # the last row is a total
    caption: str | None


def tables(report: Report, *, single: bool) -> list[Table]:
    out = []
    for block in view.report_blocks(report, single=single):
        shown = [i for i in range(len(block.headers)) if i != block.chart]
        out.append(
            Table(
                title=block.title,
                headers=[block.headers[i] for i in shown],
                rows=[[text(row[i], minus=PLAIN_MINUS) for i in shown] for row in block.rows],
                numeric=[i in block.numeric for i in shown],
                total=block.total,
                caption=block.caption,
            )
        )
    return out


def years(report: Report) -> str:
    first, last = report.years[0].year, report.years[-1].year
    return str(last) if first == last else f"{first}–{last}"


def subject(report: Report) -> str:
    """The title's second line: "Tình hình phát triển kinh tế tập thể năm 2018"."""
    district = report.years[0].area_name
    if district is None:
        return messages.DOCUMENT_SUBJECT.format(years=years(report))
    return messages.DOCUMENT_SUBJECT_DISTRICT.format(years=years(report), district=district)


def date_line(day: date, place: str | None = None) -> str:
    """ "Thái Nguyên, ngày 05 tháng 12 năm 2026": the registry's province (htx settings province), else
    a place left for the clerk, and the day the file was made."""
    spelled = messages.DOCUMENT_DATE.format(day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)
    if place:
        return messages.DOCUMENT_DATE_LINE_PLACE.format(place=place, date=spelled)
    return messages.DOCUMENT_DATE_LINE.format(date=spelled)


def office_lines(office: str | None) -> list[str]:
    """The issuing office as typed (a line break, or ' / ', separates a parent body from the office:
    'UBND TỈNH BẮC KẠN / SỞ KẾ HOẠCH VÀ ĐẦU TƯ'), upper case as Decree 30 writes it."""
    if office is None or not office.strip():
        return [OFFICE_PLACEHOLDER]
    parts = [p.strip() for p in office.replace(" / ", "\n").splitlines()]
    return [p.upper() for p in parts if p]
