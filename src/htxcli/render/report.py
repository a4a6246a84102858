"""The yearly report laid out as blocks of typed cells (render/layout.py): one year as the printed
report lays it out (render/year_layout.py), or a column per year for a range or a comparison
(render/range_layout.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from htxcli.domain import messages
from htxcli.domain.report import Change, Label, Money, Report
from htxcli.render.layout import SUB_ROW, Block, Cell, period_line, title
from htxcli.render.range_layout import column_blocks
from htxcli.render.year_layout import year_blocks

__all__ = ["Block", "Cell", "column_blocks", "period_line", "report_blocks", "title", "year_blocks"]


def report_blocks(report: Report, *, single: bool) -> list[Block]:
    """The tables of a report, for every layout that prints tables (terminal, Markdown, Word, HTML): one
    year laid out like the printed report, or a column per year for a range or a comparison."""
    blocks = year_blocks(report.years[0]) if single and not report.compare else column_blocks(report)
    return [in_dong(block) for block in blocks]


def in_dong(block: Block) -> Block:
    """Money as Vietnamese tables print it: bare figures, their unit said once: "(đồng)" after the
    header of a column of sums of money ("Vốn điều lệ đăng ký (đồng)") unless it names its unit
    already ("Doanh thu bình quân (đồng/tổ chức)"), or, in a table whose
    lines are its figures (the economy, the plan, years side by side), after the label of a line
    with money in it ("Doanh thu (đồng)"), never again where the label names its unit already
    ("Doanh thu bình quân (đồng/HTX)") nor beneath a heading that names it (a comparison's
    "Doanh thu (đồng)" over its total and average)."""
    if block.by_line:
        rows = []
        said = False  # the heading over this line names the unit ("Doanh thu (đồng)": its lines don't)
        for n, row in enumerate(block.rows):
            label = row[0]
            if n in block.headings:
                said = isinstance(label, Label) and "đồng" in label.text
            elif not (isinstance(label, Label) and label.text.startswith(SUB_ROW)):
                said = False
            if (
                isinstance(label, Label)
                and not said
                and "đồng" not in label.text
                and any(_money(c) for c in row[1:])
            ):
                row = [Label(messages.REPORT_IN_DONG.format(header=label.text)), *row[1:]]
            rows.append(row)
        return replace(block, rows=rows)
    columns = {
        i
        for i in range(1, len(block.headers))
        if "đồng" not in block.headers[i] and _all_money(r[i] for r in block.rows if i < len(r))
    }
    headers = [
        messages.REPORT_IN_DONG.format(header=h) if i in columns else h for i, h in enumerate(block.headers)
    ]
    return replace(block, headers=headers)


def _all_money(cells: Iterable[Cell]) -> bool:
    """Cells that hold sums of money, or their changes, and nothing else but blanks; at least one."""
    held = [c for c in cells if c is not None]
    return bool(held) and all(_money(c) for c in held)


def _money(cell: Cell) -> bool:
    return isinstance(cell.by if isinstance(cell, Change) else cell, Money)
