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
