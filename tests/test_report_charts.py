"""The report's charts (issue 25, item 16): every value axis starts at 0, and a year nobody was rated in
is "no results yet", never drawn as 0%. The workbook's charts are read as Excel reads them (the chart
XML and the cells it points at, by openpyxl), the page's as the SVG XML a browser draws."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl

from tests.conftest import invoke

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _charts(path: Path) -> list[ET.Element]:
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [ET.fromstring(z.read(n)) for n in names]


def _title(chart: ET.Element) -> str:
    return "".join(
        t.text or "" for t in chart.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t")
    ).replace("\xa0", " ")  # a year kept with its word by a no-break space


def test_every_value_axis_of_the_workbook_starts_at_zero(example_db: Path, tmp_path: Path) -> None:
    for years in ("2018", "2014..2018"):
        target = tmp_path / f"{years}.xlsx"
        assert invoke(example_db, "report", years, "-o", str(target)).exit_code == 0
        for chart in _charts(target):
            if chart.find(f".//{C}pieChart") is not None:
                continue  # a pie has no axis
            axes = chart.findall(f".//{C}valAx")
            assert axes, _title(chart)
            for axis in axes:
                minimum = axis.find(f"{C}scaling/{C}min")
                assert minimum is not None and float(minimum.get("val", "")) == 0, _title(chart)


def test_a_year_without_ratings_is_no_result_in_the_workbook(example_db: Path, tmp_path: Path) -> None:
    """The example rates from 2017: 2014–2016 have no bar and no 0%, and say so under their column."""
    target = tmp_path / "xu-huong.xlsx"
    assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Charts"]
    top = next(r for r in sheet.iter_rows() if r[0].value == "Band")
    assert [str(c.value).replace("\xa0", " ") for c in top[1:6]] == [  # a note kept whole: no-break spaces
        "2014 (no results yet)",
        "2015 (no results yet)",
        "2016 (no results yet)",
        "2017",
        "2018",
    ]
    row = top[0].row
    for band in range(1, 4):
        cells = [sheet.cell(row + band, column).value for column in range(2, 7)]
        assert cells[:3] == [None, None, None] and all(isinstance(c, float) for c in cells[3:])
    # Empty cells are gaps in the chart (Excel's default, which XlsxWriter leaves unwritten): not zeros.
    bands = next(c for c in _charts(target) if "the three bands" in _title(c))
    blanks = bands.find(f".//{C}dispBlanksAs")
    assert blanks is None or blanks.get("val") == "gap"


def test_a_year_without_ratings_is_no_result_on_the_page(example_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "2016.html"
    assert invoke(example_db, "report", "2016", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    svgs = [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", page, re.S)]
    bands = next(s for s in svgs if s.get("aria-label") == "Ratings 2016: the three bands")
    assert list(bands.iter("rect")) == []
    assert [t.text for t in bands.iter("text")] == ["No results yet."]
    assert "0%" not in ET.tostring(bands, encoding="unicode")


def test_a_year_without_ratings_has_no_share_in_the_tables(example_db: Path, tmp_path: Path) -> None:
    """The range's rating table leaves a year nobody was rated in empty, never "0%" (Word, read back by
    python-docx; the workbook's cells by openpyxl)."""
    from docx import Document

    target = tmp_path / "xu-huong.docx"
    assert invoke(example_db, "report", "2014..2018", "-o", str(target)).exit_code == 0
    tables = Document(str(target)).tables
    table = next(t for t in tables if any(r.cells[0].text == "Total (rated)" for r in t.rows))
    shares = [[c.text for c in r.cells] for r in table.rows if r.cells[0].text == "Share"]  # each band's
    assert len(shares) == 3
    for row in shares:
        assert row[1:4] == ["", "", ""] and all(c.endswith("%") for c in row[4:]), row
    book = tmp_path / "xu-huong.xlsx"
    assert invoke(example_db, "report", "2014..2018", "-o", str(book)).exit_code == 0
    (sheet,) = [s for s in openpyxl.load_workbook(book).worksheets if s.title.endswith(". Ratings")]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5) if str(r[0].value).strip() == "Share"]
    assert len(rows) == 3 and all(r[1:4] == [None, None, None] for r in rows)
