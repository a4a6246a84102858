"""The report's colours, one home for every layout that draws (the HTML report's SVG bars, the
workbook's native charts): a rating band has one colour wherever it is drawn — green for effective,
amber for average, red for weak, as a reader expects of them."""

from __future__ import annotations

# RRGGBB, without '#': each layout writes the form it takes (SVG "#2E7D32", XlsxWriter either).
BAND_COLOURS = {"effective": "2E7D32", "average": "F9A825", "weak": "C62828"}
# A count or an amount that is no band's (organisations active by year, support by program).
FIGURE_COLOUR = "2E75B6"


def css(colour: str) -> str:
    """ "#2E7D32": a colour as SVG, CSS and XlsxWriter write it."""
    return f"#{colour}"
