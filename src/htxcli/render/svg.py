"""A small SVG writer for the HTML report's charts: horizontal bars, one per labelled value.

Standard library only, no chart library (pygal is LGPL): a bar chart is a few rectangles. Each row is
the label on a line of its own, then the bar and its value written beside it, so long Vietnamese labels
never crowd the bars and the chart reads on a phone. Every text is escaped here; the result is inline
SVG for an HTML5 page (no xmlns, so no URL in the file) and also parses as XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from htxcli.render.palette import FIGURE_COLOUR, css

WIDTH = 400  # the viewBox; the page scales it to the width available
LABEL_HEIGHT = 20
BAR_HEIGHT = 16
ROW_GAP = 10
VALUE_ROOM = 140  # beside the longest bar, for its value
FONT = 15
DEFAULT_COLOUR = css(FIGURE_COLOUR)  # render/palette.py: a figure that is no band's


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # the length, against the largest value of the chart
    shown: str  # the value as written beside the bar
    colour: str = DEFAULT_COLOUR


def bar_chart(title: str, bars: Sequence[Bar], *, empty: str) -> str:
    """An <svg> drawing `bars`, titled `title` (for screen readers); `empty` is written when there is
    no bar or every value is 0."""
    largest = max((b.value for b in bars), default=0)
    if largest <= 0:
        return _svg(title, LABEL_HEIGHT + ROW_GAP, [_text(0, LABEL_HEIGHT - 4, empty, "empty")])
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    room = WIDTH - VALUE_ROOM
    parts = []
    for i, bar in enumerate(bars):
        top = i * row
        length = round(max(bar.value, 0) / largest * room, 1)
        bar_top = top + LABEL_HEIGHT
        parts.append(_text(0, top + LABEL_HEIGHT - 5, bar.label, "label"))
        parts.append(
            f'<rect class="bar" x="0" y="{bar_top}" width="{length}" height="{BAR_HEIGHT}" '
            f"fill={quoteattr(bar.colour)}><title>{escape(bar.label)}: {escape(bar.shown)}</title></rect>"
        )
        parts.append(_text(length + 6, bar_top + BAR_HEIGHT - 3, bar.shown, "value"))
    return _svg(title, len(bars) * row, parts)


def _text(x: float, y: float, content: str, kind: str) -> str:
    return f'<text class="{kind}" x="{x}" y="{y}" font-size="{FONT}">{escape(content)}</text>'


def _svg(title: str, height: int, parts: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
