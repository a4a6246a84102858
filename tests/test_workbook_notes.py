"""A table's note in the workbook (a sixth reader of the 2026 report): wrapped across the table's
width in one merged cell, its row as tall as its lines, never one long cell that made a page fitted
to its width print at half size. Read back with openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def test_a_workbook_tables_note_wraps_across_its_width(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import openpyxl

    from htxcli.render.xlsx_cells import HEADER_ROW

    target = tmp_path / "bc.xlsx"
    r = office("--lang", "vi", "report", "2026", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    book = openpyxl.load_workbook(target)
    noted = []
    for sheet in book.worksheets:
        header = [c.value for c in sheet[HEADER_ROW + 1]]
        columns = len([v for v in header if v is not None])
        notes = [
            row[0]
            for row in sheet.iter_rows(min_row=HEADER_ROW + 2)
            if isinstance(row[0].value, str) and row[0].font.i and len(row[0].value) > 60
        ]
        for cell in notes:
            noted.append(sheet.title)
            merged = [m for m in sheet.merged_cells.ranges if m.min_row == cell.row and m.min_col == 1]
            assert merged and merged[0].max_col == columns, (sheet.title, cell.value)
            assert cell.alignment.wrap_text, (sheet.title, cell.value)
            height = sheet.row_dimensions[cell.row].height
            assert height is not None and height > 15 * (len(cell.value) // 200), (sheet.title, height)
    assert any(title.startswith("Biểu 2.") for title in noted), noted  # the revoked one's note


def test_a_group_is_never_split_across_printed_pages() -> None:
    """A comparison's place over its lines ("Xã La Bằng": HTX, THT, Thành lập mới, Giải thể): the
    spreadsheet broke its page where it was full, leaving "Giải thể 1 0 −1" alone atop the next page
    without its place (a thirteenth reader). Forty places of four lines each: every break falls
    before a place's name, no page holds more than a page's rows, and none breaks a place."""
    from itertools import pairwise

    from htxcli.render.xlsx_cells import HEADER_ROW, LINE_POINTS, group_breaks

    headings = frozenset(range(0, 200, 5))  # a place, its four lines
    widths = [28, 12, 12, 16]  # upright, unscaled
    breaks = group_breaks(headings, 200, top=90, header=30, widths=widths, landscape=False)
    assert breaks, "two hundred lines hold more than a page"
    firsts = [row - HEADER_ROW - 1 for row in breaks]
    assert all(first in headings for first in firsts), firsts
    pages = [0, *firsts, 200]
    page = (842 - 108) / LINE_POINTS  # rows of a line's height on an upright A4 page
    assert all(0 < b - a <= page for a, b in pairwise(pages)), pages
    # a table without groups is left to the spreadsheet
    assert group_breaks(frozenset(), 200, top=90, header=30, widths=widths, landscape=False) == []
