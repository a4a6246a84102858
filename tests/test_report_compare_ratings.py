"""A comparison with a year in which nothing was rated, or nobody gave figures (the sixth and seventh
readers of the 2026 report): that year is no result yet, empty cells and no change, not "0 → 7, +7";
how many have no result is counted in any year. The JSON keeps its zeros. Its ratings read as the
year's Biểu 3 does, in its order and words (a seventh reader, moving from one to the other)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.test_report_documents import docx_tables
from tests.test_report_print import _html_cells, _write, office  # noqa: F401  (the fixture: an office, 2026)

Htx = Callable[..., Run]
RATED = "Kết quả xếp loại năm 2026"


def _lines(markdown: str, title: str) -> list[list[str]]:
    """The rows of the Markdown table titled `title`, its header left out: the label, then the cells."""
    part = markdown.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip().replace("**", "") for c in line.strip("|").split("|")]
        for line in part.splitlines()
        if line.startswith("| ")
    ]
    return rows[1:]


def _rows(markdown: str) -> dict[str, list[str]]:
    lines = _lines(markdown, "Kết quả xếp loại năm 2025 và năm 2026")
    return {row[0].removeprefix("- "): row[1:] for row in lines}  # "- Tốt": a line beneath its band


def test_a_comparisons_ratings_read_as_the_years_table_does(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """The year's Biểu 3: "Hiệu quả (tốt + khá)" with "Tốt" and "Khá" beneath it, "Trung bình", "Yếu",
    "Tổng cộng"; the comparison the same lines in the same order and words, each band's share
    beneath it, the rated as the total, then those graded "chưa xếp loại" and those with no result."""
    year = _lines(office("--lang", "vi", "report", "2026", "--format", "markdown").stdout, RATED)
    # Markdown keeps no indent: a line beneath its band is marked "- Tốt", in the year's table as here.
    assert [row[0] for row in year] == [
        "Hiệu quả (tốt + khá)",
        "- Tốt",
        "- Khá",
        "Trung bình",
        "Yếu",
        "Tổng cộng",
    ]
    compared = office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    lines = _lines(compared, "Kết quả xếp loại năm 2025 và năm 2026")
    labels = [row[0] for row in lines]
    # a band's share beneath it is no part of it: unmarked, unlike the grades (a tenth reader)
    assert labels == [
        "Hiệu quả (tốt + khá)",
        "Tỷ lệ",
        "- Tốt",
        "- Khá",
        "Trung bình",
        "Tỷ lệ",
        "Yếu",
        "Tỷ lệ",
        "Tổng cộng (đã xếp loại)",
        "Chưa xếp loại",
        "Chưa có kết quả đánh giá",
    ]
    # 2026's figures are the year's: each band's count and, beneath it, its share; the grades; the total.
    figures = [(label, now) for label, _, now, _ in lines if label != "Tỷ lệ"][:6]
    assert [(label.split(" (đã")[0], count) for label, count in figures] == [(row[0], row[1]) for row in year]
    shares = [row[2] for row in lines if row[0] == "Tỷ lệ"]
    assert shares == [row[2] for row in year if row[0] in ("Hiệu quả (tốt + khá)", "Trung bình", "Yếu")]
    # Beneath their band, as the year's grades are: indented in the terminal, Word and HTML alike.
    labels = [label.removeprefix("- ") for label in labels]
    terminal = office("--lang", "vi", "report", "2026", "--compare").stdout
    part = terminal.split("Kết quả xếp loại năm 2025 và năm 2026", 1)[1].split("\n\n", 1)[0]
    indents = {
        line.strip().split("  ")[0]: len(line) - len(line.lstrip())
        for line in part.splitlines()
        if line.strip() and line.strip().split("  ")[0] in labels
    }
    top = indents["Hiệu quả (tốt + khá)"]
    assert indents["Tốt"] == indents["Khá"] == indents["Tỷ lệ"] > top, indents
    assert indents["Trung bình"] == indents["Yếu"] == indents["Tổng cộng (đã xếp loại)"] == top, indents
    beneath = {"Tỷ lệ", "Tốt", "Khá"}
    (word,) = [rows for title, rows in docx_tables(_write(office, tmp_path / "c.docx", "2026", "--compare"))
               if "xếp loại" in title]  # fmt: skip
    assert [row[0] for row in word[1:]] == labels
    import docx

    doc = docx.Document(str(tmp_path / "c.docx"))
    (table,) = [
        t for t in doc.tables if len(t.rows) > 1 and t.rows[1].cells[0].text == "Hiệu quả (tốt + khá)"
    ]
    for row in table.rows[1:]:
        paragraph = row.cells[0].paragraphs[0]
        assert bool(paragraph.paragraph_format.left_indent) == (paragraph.text in beneath), paragraph.text
        # The total bold, as the year's "Tổng cộng" is, though those not graded follow it.
        bold = any(run.bold for run in paragraph.runs)
        assert bold == (paragraph.text == "Tổng cộng (đã xếp loại)"), paragraph.text
    cells = _html_cells(_write(office, tmp_path / "c.html", "2026", "--compare")).cells
    at = [text for _, text in cells].index("Hiệu quả (tốt + khá)")
    rated = [(cls, text) for cls, text in cells[at : at + 4 * len(labels) : 4]]
    assert [text for _, text in rated] == labels
    assert all((cls == "sub1") == (text in beneath) for cls, text in rated), rated
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert re.search(r'<tr class="subtotal[^"]*"><td>Tổng cộng \(đã xếp loại\)</td>', html)
    assert "**Tổng cộng (đã xếp loại)**" in compared


def test_a_year_without_ratings_is_no_result_not_zero(office: Htx) -> None:  # noqa: F811
    markdown = office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    rows = _rows(markdown)
    # the blank column said under the table (an eleventh reader), as the economy's year without figures
    part = markdown.split("## Kết quả xếp loại năm 2025 và năm 2026", 1)[1].split("\n## ", 1)[0]
    assert "\nChưa có kết quả xếp loại HTX năm 2025.\n" in part, part
    # 2025: nobody rated; 2026: four rated (the fixture), one each of the four grades.
    for line in ("Tổng cộng (đã xếp loại)", "Tốt", "Khá", "Trung bình", "Yếu", "Tỷ lệ"):
        before, now, change = rows[line]
        assert (before, change) == ("", ""), (line, rows[line])
        assert now.rstrip("%").isdigit(), (line, rows[line])
    assert rows["Tổng cộng (đã xếp loại)"][1] == "4"
    waiting = rows["Chưa có kết quả đánh giá"]
    assert waiting[0].isdigit() and int(waiting[0]) > 0, waiting  # 2025's organisations, counted
    data = json.loads(office("report", "2025", "--format", "json").stdout)
    assert data["ratings"]["rated"] == 0  # the machine format keeps its zero


def test_a_year_without_figures_is_no_figures_not_zero(office: Htx) -> None:  # noqa: F811
    given = ("figures", "4600000001", "2026", "--members", "10", "--revenue", "1 tỷ")
    assert office(*given).exit_code == 0
    markdown = office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    part = markdown.split("## Kết quả hoạt động", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip() for c in line.strip("|").split("|")] for line in part.splitlines() if line.startswith("| ")
    ]
    reported = next(row for row in rows if row[0] == "Số tổ chức đã báo cáo số liệu")
    assert reported[1:] == ["", "1", ""], reported  # 2025: none gave figures, not "0 … +1"
    # and the note under the table says so (a tenth reader read the blank as a figure missing)
    assert "Chưa có số liệu kết quả hoạt động nào được báo cáo cho năm 2025." in part
    bases = [row for row in rows if row[0] == "Số tổ chức báo cáo"]
    assert bases and all(row[1] == "" and row[3] == "" for row in bases), bases
