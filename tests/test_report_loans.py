"""A loan is lent, not spent (a sixth reader of the 2026 report): the support's total of spending
leaves the credit programme's disbursed loans out, in the year's Biểu 4 (the spending summed apart,
then the loans, then the whole), in the narrative's total, in a comparison's total and in the charts'
names for it; the JSON keeps its totals as they were (3.883.000.000 in 2018, loans included)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, invoke
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def _support_rows(markdown: str) -> list[list[str]]:
    part = markdown.split("## Hỗ trợ phát triển kinh tế tập thể năm 2018", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in part.splitlines() if line.startswith("| ")]
    return [[c.strip().strip("*") for c in row] for row in rows[1:]]


def test_the_years_support_table_sums_the_spending_apart_from_the_loans(example_db: Path) -> None:
    markdown = invoke(example_db, "--lang", "vi", "report", "2018", "--format", "markdown").stdout
    rows = _support_rows(markdown)
    labels = [row[0] for row in rows]
    # The loans after the spending's sum, the whole last: 2.263.000.000 + 1.620.000.000.
    assert labels[-3:] == [
        "Cộng kinh phí hỗ trợ (không kể tín dụng)",
        "Tín dụng (giải ngân cho vay)",
        "Tổng cộng (gồm cả tín dụng)",
    ]
    spent, lent, whole = (row[-1] for row in rows[-3:])
    programmes = [row[-1] for row in rows[:-3] if row[-1]]
    figure = lambda text: int(text.replace(".", ""))  # noqa: E731
    assert figure(spent) == sum(figure(c) for c in programmes) == 2_263_000_000
    assert (figure(lent), figure(whole)) == (1_620_000_000, figure(spent) + figure(lent))
    assert "Tín dụng" not in labels[:-3]  # said once, after the spending


def test_the_narrative_total_leaves_the_loans_out(example_db: Path) -> None:
    text = invoke(example_db, "--lang", "vi", "report", "2018", "--format", "text").stdout
    flat = " ".join(text.split())
    assert "Tổng kinh phí hỗ trợ trong năm (không kể vốn vay tín dụng) là 2,263 tỷ đồng." in flat
    assert "3,883 tỷ" not in flat
    # The loans said after the spending's total, as Biểu 4 lists them after its sum.
    loans = "Ngoài ra, tỉnh đã hỗ trợ 17 HTX vay vốn phát triển sản xuất với số tiền giải ngân 1,62 tỷ đồng."
    assert flat.index("(không kể vốn vay tín dụng) là 2,263 tỷ đồng.") < flat.index(loans)
    # The new model's cooperatives named with the programmes, before the totals: after the loans they
    # read as the loans' (a ninth reader).
    named = flat.index("Các HTX được hỗ trợ xây dựng mô hình HTX kiểu mới gồm: HTX Chè Mỹ Phương")
    assert flat.index("kinh phí 1,2 tỷ đồng;") < named < flat.index("Tổng kinh phí hỗ trợ trong năm")
    # The JSON is a machine format: its totals are as they were, loans included.
    data = json.loads(invoke(example_db, "report", "2018", "--format", "json").stdout)
    assert data["totals"]["support"]["amount_vnd"] == 3_883_000_000


def test_a_comparisons_total_says_the_spending_without_the_loans(example_db: Path) -> None:
    markdown = invoke(
        example_db, "--lang", "vi", "report", "2018", "--compare", "--format", "markdown"
    ).stdout
    part = markdown.split("## Hỗ trợ", 1)[1].split("\n## ", 1)[0]
    # The spending summed before the loans, as the year's Biểu 4 sums it: its records and its money.
    lines = part.splitlines()
    at = lines.index("| **Cộng kinh phí hỗ trợ (không kể tín dụng)** |   |   |   |")
    records = lines[at + 1].split("|")
    assert (records[1].strip(), records[3].strip()) == ("Lượt hỗ trợ", "73")  # 2018's
    assert lines[at + 2].split("|")[3].strip() == "2.263.000.000"
    # The loans' group last, named as loans, the whole said to include them.
    groups = [line.split("|")[1].strip() for line in part.splitlines() if line.startswith("| **")]
    spending, loans, whole = groups[-3:]
    assert [spending, loans, whole] == [
        "**Cộng kinh phí hỗ trợ (không kể tín dụng)**",
        "**Tín dụng (giải ngân cho vay)**",
        "**Tổng cộng (gồm cả tín dụng)**",
    ], groups


def test_the_spendings_subtotal_is_bold_in_every_layout(example_db: Path, tmp_path: Path) -> None:
    """ "Cộng kinh phí hỗ trợ (không kể tín dụng)" sums the programmes above it: printed bold, as the
    whole is, in Markdown, Word, HTML and the workbook; the programmes and the loans upright."""
    import docx
    import openpyxl

    spent, lent = "Cộng kinh phí hỗ trợ (không kể tín dụng)", "Tín dụng (giải ngân cho vay)"
    markdown = invoke(example_db, "--lang", "vi", "report", "2018", "--format", "markdown").stdout
    assert f"| **{spent}** |   | **73** |" in markdown
    assert f"| {lent} | 17 |" in markdown
    written = {}
    for suffix in ("docx", "html", "xlsx"):
        written[suffix] = tmp_path / f"bc.{suffix}"
        made = invoke(example_db, "--lang", "vi", "report", "2018", "-o", str(written[suffix]))
        assert made.exit_code == 0, made.stderr
    rows = [row for table in docx.Document(str(written["docx"])).tables for row in table.rows]

    def bold_in_word(label: str) -> bool:
        row = next(r for r in rows if r.cells[0].text == label)
        runs = [run for cell in row.cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
        return all(run.bold for run in runs)

    assert bold_in_word(spent) and not bold_in_word(lent)
    html = written["html"].read_text(encoding="utf-8")
    row_start = html.rindex("<tr", 0, html.index(f">{spent}<"))
    assert 'class="subtotal' in html[row_start : html.index(">", row_start)]
    sheet = next(
        ws
        for ws in openpyxl.load_workbook(written["xlsx"]).worksheets
        if any(c.value == spent for row in ws.iter_rows() for c in row)
    )
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells[spent].font.b and not cells[lent].font.b


def test_the_support_charts_leave_the_loans_out(example_db: Path, tmp_path: Path) -> None:
    """The HTML's chart and the workbook's: the spending by programme, loans not counted, so named."""
    import zipfile

    import openpyxl  # noqa: F401  (the workbook is read as its chart's XML)

    page = tmp_path / "bc.html"
    assert invoke(example_db, "--lang", "vi", "report", "2018", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    chart = html.split("Kinh phí hỗ trợ năm 2018 theo chương trình (không kể tín dụng)", 1)
    assert len(chart) == 2, "the chart's title"
    assert "Tín dụng" not in chart[1].split("</svg>", 1)[0]
    book = tmp_path / "bc.xlsx"
    assert invoke(example_db, "--lang", "vi", "report", "2018", "-o", str(book)).exit_code == 0
    with zipfile.ZipFile(book) as z:
        charts = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/"))
    assert "không kể tín dụng" in charts


def test_a_draft_document_says_what_check_would_find(office: Htx, tmp_path: Path) -> None:  # noqa: F811
    """Support dated after its organisation's dissolution is printed in a draft as recorded (issuing
    the report refuses it); writing the document says, in one line, how many findings `--check` lists
    and the command that lists them. The Markdown on stdout (not a document to sign) says nothing."""
    code = "4600000006"
    added = office("add", "HTX Sáu", "--code", code, "--commune", "Thượng Minh", "--founded", "01/03/2016")
    assert added.exit_code == 0, added.stderr
    assert office("dissolve", code, "--on", "20/12/2025").exit_code == 0
    late = ("support", "add", "trade-promotion", "--to", code, "--date", "05/10/2026", "--amount", "20tr")
    added = office(*late)
    assert added.exit_code == 0 and code in added.stderr  # warned at entry
    found = json.loads(office("report", "2026", "--check", "--format", "json").stdout)["findings"]
    assert "support-outside-life" in [f["check"] for f in found]
    written = office("--lang", "vi", "report", "2026", "-o", str(tmp_path / "bc.docx"))
    assert written.exit_code == 0, written.stderr
    said = (
        f"Cảnh báo: báo cáo có {len(found)} điểm cần xem lại trước khi ký ban hành (htx report 2026 --check)"
    )
    assert said in written.stderr.splitlines()
    assert "--check" not in office("report", "2026", "--format", "markdown").stderr
