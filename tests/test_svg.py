"""The HTML report's bar charts: each bar as long as its value against the largest, every text escaped,
and well-formed XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from htxcli.render.svg import VALUE_ROOM, WIDTH, Bar, bar_chart


def test_bars_are_as_long_as_their_values() -> None:
    svg = ET.fromstring(
        bar_chart("Xếp loại", [Bar("A", 43, "43"), Bar("B", 94, "94"), Bar("C", 0, "0")], empty="-")
    )
    widths = [float(r.get("width", "")) for r in svg.iter("rect")]
    room = WIDTH - VALUE_ROOM
    assert widths == [round(43 / 94 * room, 1), room, 0.0]
    assert [t.text for t in svg.iter("text") if t.get("class") == "label"] == ["A", "B", "C"]
    assert svg.get("aria-label") == "Xếp loại"


def test_nothing_to_draw_says_so() -> None:
    for bars in ([], [Bar("A", 0, "0")]):
        svg = ET.fromstring(bar_chart("T", bars, empty="Nothing to draw."))
        assert list(svg.iter("rect")) == []
        assert [t.text for t in svg.iter("text")] == ["Nothing to draw."]


@settings(max_examples=300, deadline=None)  # part of the 10,000 examples a run makes (README)
@given(st.text(), st.text(), st.text())
def test_every_text_is_escaped(label: str, shown: str, title: str) -> None:
    clean = [c for c in (label, shown, title) if all(ch.isprintable() for ch in c)]
    if len(clean) < 3:
        return  # XML cannot hold control characters at all; stored text never has them
    svg = ET.fromstring(bar_chart(title, [Bar(label, 5, shown)], empty=""))
    assert svg.get("aria-label") == title
    texts = [t.text or "" for t in svg.iter("text")]
    assert texts == [label, shown]
