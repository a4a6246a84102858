"""The yearly report laid out as blocks of typed cells (render/layout.py): one year as the printed
report lays it out (render/year_layout.py), or a column per year for a range or a comparison
(render/range_layout.py)."""

from __future__ import annotations

from htxcli.domain.report import Report
from htxcli.render.layout import Block, Cell, period_line, title
from htxcli.render.range_layout import column_blocks
from htxcli.render.year_layout import year_blocks

__all__ = ["Block", "Cell", "column_blocks", "period_line", "report_blocks", "title", "year_blocks"]


def report_blocks(report: Report, *, single: bool) -> list[Block]:
    """The tables of a report, for every layout that prints tables (terminal, Markdown, Word, HTML): one
    year laid out like the printed report, or a column per year for a range or a comparison."""
    return year_blocks(report.years[0]) if single and not report.compare else column_blocks(report)
