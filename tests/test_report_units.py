"""Money and changes as a Vietnamese table prints them (issue 25, item 15, as two second readers read
it): bare figures with "(đồng)" once, after a money column's header or a money line's label, never
"₫" in a cell; a change column headed "Tăng (+), giảm (−) so với năm 2025", not "±". Read back from
the Word file (python-docx), the workbook (openpyxl) and the Markdown; and the status table's note
that a revoked organisation is still counted as registered."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, word_figures
from tests.test_report_print import _write, office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]
FIGURE = re.compile(r"^[+\-−]?\d{1,3}(\.\d{3})*(,\d)?%?$")


def _word_tables(path: Path) -> list[list[list[str]]]:
    import docx

    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


@pytest.mark.parametrize("args", [("2026",), ("2026", "--compare")])
def test_word_tables_print_money_bare_with_dong_said_once(
    office: Htx,  # noqa: F811
    tmp_path: Path,
    args: tuple[str, ...],
) -> None:
    tables = _word_tables(_write(office, tmp_path / "bc.docx", *args))
    cells = [cell for table in tables for row in table for cell in row]
    assert not [c for c in cells if "₫" in c]
    # The capital: 800.000.000 registered, under a header or beside a label that says "(đồng)".
    capital = [
        (table[0], row)
        for table in tables
        for row in table
        if "800.000.000" in row and any("Vốn điều lệ" in c for c in (*table[0], row[0]))
    ]
    assert capital
    for headers, row in capital:
        at = row.index("800.000.000")
        said = headers[at] if "Vốn điều lệ" in headers[at] else row[0]
        assert said.replace("\u00a0", " ").endswith("(đồng)"), (headers, row)


def test_a_compared_word_tables_change_is_headed_in_words(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    tables = _word_tables(_write(office, tmp_path / "cmp.docx", "2026", "--compare"))
    headers = {h.replace("\u00a0", " ") for table in tables for h in table[0]}
    assert "Tăng (+), giảm (−) so với năm 2025" in headers
    assert not [h for h in headers if "±" in h]
    # The money lines of the comparison say their unit in their label, their changes bare.
    money_lines = [row for table in tables for row in table if row[0].endswith("(đồng)")]
    assert money_lines
    assert all(FIGURE.match(c) for row in money_lines for c in row[1:] if c), money_lines


def test_the_years_change_column_is_headed_in_words(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    text = _write(office, tmp_path / "bc.md", "2026").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| Loại hình | Hiện có"))
    assert "| Tăng (+), giảm (−) so với năm 2025 |" in header
    assert "| Vốn điều lệ đăng ký (đồng) |" in header
    assert "₫" not in text.split("## ", 1)[1]  # no table cell, whatever the narrative says


def test_the_workbook_keeps_money_as_bare_numbers_headed_in_dong(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    import openpyxl

    book = openpyxl.load_workbook(_write(office, tmp_path / "bc.xlsx", "2026", "--compare"))
    formats = {c.number_format for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert not [f for f in formats if "₫" in f]
    found: list[Any] = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value == 800_000_000:
                    found.append((ws.title, c.number_format))
    assert found and all(f.startswith("#,##0") for _, f in found), found
    labels = [
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert any(v.replace("\u00a0", " ").endswith("(đồng)") and "Vốn điều lệ" in v for v in labels)


def test_the_status_table_says_a_revoked_one_is_still_counted_registered(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    text = _write(office, tmp_path / "bc.md", "2026").read_text(encoding="utf-8")
    status = text.split("## Tình trạng pháp lý", 1)[1].split("## ", 1)[0]
    assert status.split("Tổng cộng", 1)[1].split("\n", 1)[0].endswith("| **1** |")  # revoked, the last column
    note = "Số hiện có (còn đăng ký) gồm cả tổ chức bị thu hồi giấy chứng nhận đăng ký nhưng chưa giải thể"
    assert f"{note}: 1 HTX." in status


def test_no_revoked_no_note(htx: Htx, tmp_path: Path) -> None:
    for args in (
        ("add", "HTX Một", "--code", "4600000001", "--province", "Bắc Kạn", "--commune", "Bằng Thành",
         "--founded", "01/08/2025"),
        ("suspend", "4600000001", "--from", "01/09/2026"),
    ):  # fmt: skip
        r = htx(*args)
        assert r.exit_code == 0, r.stderr
    text = _write(htx, tmp_path / "bc.md", "2026").read_text(encoding="utf-8")
    assert "## Tình trạng pháp lý" in text
    assert "gồm cả tổ chức bị thu hồi" not in text


def test_a_comparisons_narrative_says_the_change_against_the_year_before(
    office: Htx,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A second reader of the 2026 comparison found its narrative word for word the year's: the
    subtitle said "so sánh với năm 2025" and no sentence did. Each kind's total now says it."""
    compared = office("--lang", "vi", "report", "2026", "--compare", "--format", "text").stdout
    assert "nâng tổng số lên 4 HTX, tăng 2 HTX so với năm 2025" in compared, compared
    assert "hiện có 1 THT, tăng 1 THT so với năm 2025" in compared, compared  # from none
    alone = office("--lang", "vi", "report", "2026", "--format", "text").stdout
    assert "so với năm 2025" not in alone.split(".")[0], alone


def test_the_documents_words_are_spelled_out(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Decree 30: no abbreviation a document does not define. The status table's "Bị thu hồi GCN" and
    the program "Bản tin KTTT" are written out; the averages by commune name both its unit types."""
    assert office("support", "add", "bản tin KTTT", "--date", "01/03/2026", "--amount", "5tr").exit_code == 0
    words = _write(office, tmp_path / "bc.md", "2026").read_text(encoding="utf-8")
    assert "| Bị thu hồi giấy chứng nhận |" in words and "GCN" not in words
    assert "| Bản tin kinh tế tập thể |" in words and "KTTT" not in words
    assert office("figures", "4601254871", "2026", "--revenue", "1 tỷ").exit_code == 0
    words = _write(office, tmp_path / "bc2.md", "2026").read_text(encoding="utf-8")
    assert "## Kết quả hoạt động bình quân theo xã, phường năm 2026" in words, words


def test_a_rule_under_the_subject_as_decree_30_draws_it(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Decree 30 draws a short solid line under a document's subject ("trích yếu"); a fifth reader
    found none. Word: an empty paragraph whose bottom border is the rule, centred, after the subject
    and its period; HTML: the rule after the period line."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(_write(office, tmp_path / "bc.docx", "2026")))
    texts = [p.text.replace("\xa0", " ") for p in doc.paragraphs]
    at = texts.index("(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)")
    after = doc.paragraphs[at + 1]
    bottom = after._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert after.text == "" and bottom is not None and bottom.get(qn("w:val")) == "single"
    f = after.paragraph_format
    assert f.left_indent == f.right_indent and f.left_indent.mm > 40  # centred, about a third long
    page = _write(office, tmp_path / "bc.html", "2026").read_text(encoding="utf-8")
    assert re.search(r'<p class="period">[^<]*</p>\s*<div class="subject-rule"></div>', page), page[:3000]


def test_an_average_over_fewer_than_reported_says_its_base(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """ "Có 2/4 HTX đã báo cáo … lợi nhuận bình quân …" read as an average over both, when one gave a
    profit (a fifth reader): an average over fewer says how many it is over."""
    for args in (
        ("figures", "4600000001", "2026", "--revenue", "1 tỷ", "--profit", "100 triệu"),
        ("figures", "4600000002", "2026", "--revenue", "3 tỷ"),
    ):
        assert office(*args).exit_code == 0
    text = office("--lang", "vi", "report", "2026", "--format", "text").stdout
    assert "Doanh thu bình quân đạt 2 tỷ đồng/HTX;" in text, text
    assert "lợi nhuận bình quân 100 triệu đồng/HTX (tính trên 1 HTX báo cáo)" in text, text


def test_a_small_word_table_is_kept_on_one_page(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """A second reader found a comparison's eight-row table split after its second row in Word, while
    the HTML kept it whole: every row of a table of KEEP_ROWS rows or fewer but its last is kept with
    the next, in Word as in HTML."""
    import docx

    from htxcli.render.layout import KEEP_ROWS

    doc = docx.Document(str(_write(office, tmp_path / "cmp.docx", "2026", "--compare")))
    small = [t for t in word_figures(doc) if len(t.rows) - 1 <= KEEP_ROWS]
    assert small
    for table in small:
        kept = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in table.rows[1:]]
        assert all(kept[:-1]), (table.rows[1].cells[0].text, kept)
