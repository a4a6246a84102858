"""The words of the 2026 report as a reader of the printed report checked them (issue 25): OCOP spelled
out where the prose first names it and never averaged, the bulletin's clause and name in one form, a
capital of 0 where there is no organisation and blank only where none gave it, the tables' notes
smaller than the text in HTML as in Word, and the English flow note in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]

OCOP = "sản phẩm OCOP (Chương trình Mỗi xã một sản phẩm)"


@pytest.fixture
def office(htx: Htx) -> Htx:
    """A cooperative of Xã Thượng Minh with figures (2 OCOP products) suspended and resumed in 2026;
    one of Xã Bằng Thành founded and dissolved in 2026 (the commune has none left); a group of Xã Côn
    Minh registered without a capital; the year's bulletin."""
    commands = [
        ("settings", "province", "thai nguyen"),
        ("add", "HTX Một", "--code", "4600000001", "--commune", "Thượng Minh", "--founded", "02/02/2026",
         "--capital", "500tr"),
        ("add", "HTX Hai", "--code", "4600000002", "--commune", "Bằng Thành", "--founded", "03/02/2026",
         "--capital", "300tr"),
        ("dissolve", "4600000002", "--on", "01/06/2026"),
        ("add", "THT Ba", "--code", "THT-03", "--kind", "tổ hợp tác", "--commune", "Côn Minh",
         "--founded", "04/02/2026"),
        ("suspend", "4600000001", "--from", "01/03/2026", "--until", "30/04/2026"),
        ("figures", "4600000001", "2026", "--revenue", "2 tỷ", "--ocop-3", "2", "--high-tech", "có"),
        ("support", "add", "bản tin", "--date", "28/02/2026", "--quantity", "500", "--unit", "cuốn",
         "--amount", "25tr"),
    ]  # fmt: skip
    for args in commands:
        r = htx(*args)
        assert r.exit_code == 0, (args, r.stderr)
    return htx


def _markdown(htx: Htx, *args: str) -> str:
    r = htx(*args, "report", "2026", "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _row(markdown: str, label: str) -> list[str]:
    """The first table row of the markdown labelled `label`, its cells stripped."""
    line = next(line for line in markdown.splitlines() if line.startswith(f"| {label} |"))
    return [c.strip() for c in line.strip("|").split("|")][1:]


def _word_paragraphs(htx: Htx, target: Path, *args: str) -> list[str]:
    import docx

    r = htx(*args, "report", "2026", "-o", str(target))
    assert r.exit_code == 0, r.stderr
    return [p.text for p in docx.Document(str(target)).paragraphs]


def test_ocop_is_spelled_out_where_first_named_and_a_count_has_no_average(
    office: Htx, tmp_path: Path
) -> None:
    body = " ".join(_word_paragraphs(office, tmp_path / "r.docx", "--lang", "vi"))
    # Every product of one rank: the rank said with them, the programme spelled out after it.
    assert "2 sản phẩm OCOP 3 sao (Chương trình Mỗi xã một sản phẩm)" in body, body
    assert body.count("Chương trình Mỗi xã một sản phẩm") == 1 and "trong đó" not in body
    assert office("figures", "4600000001", "2026", "--ocop-4", "1").exit_code == 0
    body = " ".join(_word_paragraphs(office, tmp_path / "r2.docx", "--lang", "vi"))
    assert body.count(OCOP) == 1 and "3 sản phẩm OCOP (Chương trình Mỗi xã một sản phẩm), trong đó" in body
    assert body.index(OCOP) == body.index("OCOP") - len("sản phẩm ")  # at its first mention
    page = (tmp_path / "r.html").resolve()
    assert office("--lang", "vi", "report", "2026", "-o", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").count(OCOP) == 1
    # The economy table: the products counted, no average per organisation (not "2,0").
    table = _markdown(office, "--lang", "vi")
    assert _row(table, "Sản phẩm OCOP 3 sao") == ["2", "", "1"]
    assert _row(table, "Ứng dụng công nghệ cao") == ["1", "", "1"]
    assert _row(table, "Doanh thu (đồng)") == ["2.000.000.000", "2.000.000.000", "1"]  # money keeps it
    # JSON keeps its averages as they were.
    data = office("report", "2026", "--format", "json").stdout
    assert '"ocop_3"' in data


def test_the_bulletin_is_said_naturally_and_named_alike_in_prose_and_tables(
    office: Htx, tmp_path: Path
) -> None:
    body = " ".join(_word_paragraphs(office, tmp_path / "r.docx", "--lang", "vi"))
    assert "phát hành 500 cuốn Bản tin kinh tế tập thể, kinh phí 25 triệu đồng" in body
    assert "Bản tin Kinh tế" not in body
    assert _row(_markdown(office, "--lang", "vi"), "Bản tin kinh tế tập thể")[1:4] == ["1", "500", "cuốn"]
    english = office("--lang", "en", "report", "2026", "--format", "text").stdout
    assert "published 500 cuốn of the collective economy bulletin, at a cost of 25 million đồng" in english


def test_a_capital_is_0_without_organisations_and_blank_only_where_none_gave_it(
    office: Htx, tmp_path: Path
) -> None:
    """Biểu 1 and the place tables, one rule in every layout: a union or fund that does not exist,
    a commune whose only cooperative was dissolved, have capital 0 as their counts are 0; the group,
    registered without its capital, is blank, and a note under the table says what a blank is."""
    table = _markdown(office, "--lang", "vi")
    note = "Vốn điều lệ để trống: các tổ chức ở dòng đó chưa kê khai vốn điều lệ."
    for kind in ("Liên hiệp HTX", "Quỹ tín dụng nhân dân"):
        assert _row(table, kind)[-2:] == ["0", "0"], kind
    assert _row(table, "Tổ hợp tác")[-2:] == ["0", ""]
    assert _row(table, "Xã Bằng Thành")[-1] == "0"
    assert _row(table, "Xã Côn Minh")[-1] == ""
    assert _row(table, "Xã Thượng Minh")[-1] == "500.000.000"
    assert table.count(note) == 2  # under Biểu 1 and under the communes' table
    # Word and the workbook alike.
    import docx
    import openpyxl

    target = tmp_path / "r.docx"
    assert office("--lang", "vi", "report", "2026", "-o", str(target)).exit_code == 0
    rows: dict[str, list[str]] = {}  # each label's first row: Biểu 1's
    for t in docx.Document(str(target)).tables:
        for r in t.rows:
            rows.setdefault(r.cells[0].text, [c.text for c in r.cells])
    assert rows["Liên hiệp HTX"][-1] == "0" and rows["Tổ hợp tác"][-1] == ""
    assert note in [p.text for p in docx.Document(str(target)).paragraphs]
    book = tmp_path / "r.xlsx"
    assert office("--lang", "vi", "report", "2026", "-o", str(book)).exit_code == 0
    cells: dict[str, list[object]] = {}
    for sheet in openpyxl.load_workbook(book).worksheets:
        for row in sheet.iter_rows():
            if row and isinstance(row[0].value, str):
                cells.setdefault(row[0].value, [c.value for c in row])
    assert cells["Quỹ tín dụng nhân dân"][6] == 0 and cells["Tổ hợp tác"][6] is None


def test_the_html_notes_under_tables_are_printed_at_the_words_note_size(office: Htx, tmp_path: Path) -> None:
    """A table's notes are smaller than the text, as Word prints them: on paper at the Word
    caption's size (the table's, 11 pt at least), on screen at the tables' size."""
    import docx

    target = tmp_path / "r.docx"
    assert office("--lang", "vi", "report", "2026", "-o", str(target)).exit_code == 0
    note = "Hoạt động trở lại sau tạm ngừng kinh doanh trong kỳ"
    caption = next(p for p in docx.Document(str(target)).paragraphs if p.text.startswith(note))
    word_size = caption.runs[0].font.size.pt
    assert word_size < 14  # smaller than the text
    page = tmp_path / "r.html"
    assert office("--lang", "vi", "report", "2026", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert f'<p class="caption">{note}' in html
    printed = html[html.index("@media print") :]
    size = re.search(r"\.caption \{ font-size: (\d+)pt;", printed)
    body = re.search(r"body \{[^}]*font-size: (\d+)pt", printed)
    assert size and body and float(size[1]) == word_size < float(body[1]), (size, body)
    screen = re.search(r"^\.caption \{[^}]*font-size: ([.\d]+)rem", html, re.MULTILINE)
    assert screen and float(screen[1]) < 1


def test_the_english_flow_note_reads_as_english(office: Htx) -> None:
    table = _markdown(office, "--lang", "en")
    assert (
        "Resumed during the year: 1 cooperative (already counted above by their status at the period's end)."
        in table
    )
    assert "HTX (already" not in table
    # Vietnamese unchanged.
    assert "Hoạt động trở lại sau tạm ngừng kinh doanh trong kỳ: 1 HTX (đã tính" in _markdown(
        office, "--lang", "vi"
    )
