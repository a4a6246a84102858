"""The vocabulary of the report's layouts (render/year_layout.py, one year as the printed report lays
it out; render/range_layout.py, a column per year): blocks of typed cells, shared by the Rich, Markdown,
Word, HTML and Excel views so they agree. A cell is a value of domain/report.py (None when empty); each
view formats it last (render/cells.py), and draws or drops the chart column. Nothing in the layouts
computes a figure except the change between two years shown side by side; the totals come with the
model, and the metrics a table shows, with their labels, come from their declarations there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from htxcli.domain import messages
from htxcli.domain.report import STATUS_SIGN, Label, Metric, Organisations, Report, Value
from htxcli.domain.report import Block as Figures

Cell = Value | None


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


def shown(blocks: Sequence[Figures], table: str, none: type[Figures] = Organisations) -> tuple[Metric, ...]:
    """The metrics `table` shows, as the blocks' declaration lists them (`none`'s when there is no
    block: the table's headers all the same)."""
    return (type(blocks[0]) if blocks else none).metrics(table)


def has_statuses(blocks: Sequence[Figures]) -> bool:
    """A registry that records no status but dissolutions prints the report it always printed: the
    status table appears once one of the STATUS_SIGN metrics is counted."""
    return any(b.figure(m.name).value for b in blocks for m in shown(blocks, STATUS_SIGN))


def district_label(name: str) -> Label:
    return Label(name or messages.REPORT_NO_DISTRICT)


def commune_label(name: str) -> Label:
    return Label(name or messages.REPORT_NO_COMMUNE)


def former_province_label(name: str) -> Label:
    if not name:
        return Label(messages.REPORT_NO_FORMER_PROVINCE)
    return Label(messages.REPORT_FORMER_AREA.format(province=name))
