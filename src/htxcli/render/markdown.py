"""Markdown for reports pasted into documents: a heading, then one pipe table per block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any


def _cell(text: str) -> str:
    # A pipe would end the cell; a leading space is kept by GitHub-flavoured Markdown as is.
    return text.replace("\\", "\\\\").replace("|", "\\|").strip() or " "


def write_report(out: IO[str], heading: str, blocks: Sequence[Any]) -> None:
    """Blocks are render.report.Block: the same cells the terminal table shows."""
    out.write(f"# {heading}\n")
    for block in blocks:
        out.write(f"\n## {block.title}\n\n")
        out.write("| " + " | ".join(_cell(h) for h in block.headers) + " |\n")
        out.write(
            "|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers))) + "|\n"
        )
        for n, row in enumerate(block.rows):
            cells = [_cell(c) for c in row]
            if block.total and n == len(block.rows) - 1:
                cells = [f"**{c}**" if c.strip() else c for c in cells]
            out.write("| " + " | ".join(cells) + " |\n")
        if block.caption:
            out.write(f"\n{block.caption}\n")
