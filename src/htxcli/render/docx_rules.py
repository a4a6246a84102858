"""Decree 30's rules in the Word report (render/report_docx.py): a thin solid line drawn as the bottom
border of an empty paragraph a point high, centred by its indents: under the office, under the motto
(in the heading's cells) and under the title's subject (in the body)."""

from __future__ import annotations

from typing import Any

RULE_POINTS = 0.75  # a thin solid line

_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def rule(where: Any, length_mm: float, inner_mm: float) -> None:
    """A solid rule `length_mm` long centred in `inner_mm` of text width (a heading's cell less its
    margins, or the page's text): the bottom border of an empty paragraph a point high, indented from
    both sides; `where` is a table cell or the document, whichever the paragraph is added to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = where.add_paragraph()
    f = paragraph.paragraph_format
    indent = Mm(max((inner_mm - length_mm) / 2, 0))
    f.left_indent = f.right_indent = indent
    f.space_before, f.space_after = Pt(3), Pt(0)
    f.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("val", "single"),
        ("sz", str(round(RULE_POINTS * 8))),
        ("space", "0"),
        ("color", "000000"),
    ):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    # In the schema's order: before the spacing and indents python-docx has written.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)
