"""The Word report's sections (render/report_docx.py): a new page turned or upright for a table that
needs it, and the appendix's own, its pages numbered from 1."""

from __future__ import annotations

from typing import Any

from htxcli.render.document import MARGINS_MM, PAGE_MM


def turn(doc: Any, *, landscape: bool) -> bool:
    """A new page turned (or back upright) when the next table needs it, and True; nothing when the
    current page already is."""
    from docx.enum.section import WD_ORIENT

    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return False
    new_section(doc, landscape=landscape)
    return True


def new_section(doc: Any, *, landscape: bool) -> Any:
    """A new section from a new page, turned or upright, its pages numbered on from the last's."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # numbered from its first page
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    return section


def numbered_from_one(section: Any) -> None:
    """The section's pages numbered from 1, its first page's number not shown (as a document's first
    is not): an appendix's pages, which Decree 30 numbers on their own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    # in the schema's order: before the columns and what follows them (Word refuses a file otherwise)
    after = [qn(f"w:{tag}") for tag in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "docGrid")]
    following = next((child for child in section._sectPr if child.tag in after), None)
    if following is None:
        section._sectPr.append(numbering)
    else:
        following.addprevious(numbering)
