"""Markdown for reports pasted into documents: a heading, then one pipe table per block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from htxcli.domain.report import Percent, Share
from htxcli.render.cells import PLAIN_MINUS, text
from htxcli.render.layout import is_beneath


def _cell(value: str) -> str:
    # A pipe would end the cell; a leading space is kept by GitHub-flavoured Markdown as is.
    return value.replace("\\", "\\\\").replace("|", "\\|").strip() or " "


def write_report(out: IO[str], heading: str, blocks: Sequence[Any], period: str | None = None) -> None:
    """Blocks are render.report.Block: the same cells the terminal table shows, formatted for a document
    (ASCII minus, which Excel reads as a number) and without the chart column (no bars in a document)."""
    out.write(f"# {heading}\n")
    if period is not None:  # the period's days, when they are not calendar years
        out.write(f"\n{period}\n")
    for block in blocks:
        shown = [i for i in range(len(block.headers)) if i != block.chart]
        out.write(f"\n## {block.title}\n\n")
        out.write("| " + " | ".join(_cell(block.headers[i]) for i in shown) + " |\n")
        out.write("|" + "|".join("---:" if i in block.numeric else "---" for i in shown) + "|\n")
        for n, row in enumerate(block.rows):
            cells = [_cell(text(row[i], minus=PLAIN_MINUS)) for i in shown]
            if (
                not block.headings
                and is_beneath(row)
                and not any(isinstance(c, (Percent, Share)) for c in row[1:])
            ):
                # A band's grades beneath it ("Tốt", "Khá" beneath "Hiệu quả"): Markdown keeps no
                # indent, so marked as a table's parts are ("- Tốt"), not read as rows the total sums;
                # a band's share beneath it (a comparison's "Tỷ lệ") is no part of it: unmarked.
                cells[0] = f"- {cells[0]}"
            if block.bold(n):
                cells = [f"**{c}**" if c.strip() else c for c in cells]
            out.write("| " + " | ".join(cells) + " |\n")
        if block.caption:
            out.write(f"\n{block.caption}\n")
