"""A range's or comparison's tables read like the year's (issue 25, a reader of the printed 2026
comparison): each kind, program or place a heading row of its own over its metrics, labelled by the
metric alone and indented as the year's grades are beneath their band; the organisations, their legal
status and the support ending with "Total", the model's sums; and the legal status by the kinds the
year's own status table lists."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from htxcli.domain.vocab import GRADES, KINDS, PROGRAMS
from tests.conftest import grouped, invoke, line_beneath, word_figures
from tests.test_report_documents import docx_tables, figure


def _report(db: Path | str, *args: str) -> Any:
    r = invoke(db, "report", *args)
    assert r.exit_code == 0, r.stderr
    return r


def _table(path: Path, title: str) -> list[list[str]]:
    (rows,) = [rows for named, rows in docx_tables(path) if named.split(". ", 1)[-1].startswith(title)]
    return rows


def test_each_kind_heads_its_metrics_in_a_row_of_its_own(example_db: Path, tmp_path: Path) -> None:
    """In Word: "Hợp tác xã" alone, bold, its figures empty and kept with the row after it; beneath
    it "Active", indented as the year's "Good" is beneath its band, with the kind's figures. The
    terminal, Markdown, HTML and workbook show the same rows."""
    import docx
    from openpyxl import load_workbook

    target = tmp_path / "so-sanh.docx"
    _report(example_db, "2018", "--compare", "-o", str(target))
    data = json.loads(_report(example_db, "2018", "--compare", "--format", "json").stdout)
    table = word_figures(docx.Document(str(target)))[0]  # Biểu 1
    labels = [row.cells[0].text for row in table.rows]
    at = labels.index(KINDS.label("cooperative"))
    heading, active = table.rows[at], table.rows[at + 1]
    assert [c.text for c in heading.cells[1:]] == ["", "", ""]
    first = heading.cells[0].paragraphs[0]
    assert first.runs[0].bold and first.paragraph_format.keep_with_next
    assert active.cells[0].text == "Active"  # the metric alone, not "Hợp tác xã: Active"
    indent = active.cells[0].paragraphs[0].paragraph_format.left_indent
    assert indent is not None and round(indent.mm) == 5
    assert not active.cells[0].paragraphs[0].runs[0].bold
    before, after = data["previous"]["organisations"]["cooperative"], data["organisations"]["cooperative"]
    assert [figure(c.text) for c in active.cells[1:]] == [
        before["active"],
        after["active"],
        after["active"] - before["active"],
    ]
    # The year's ratings table indents its grades by the same means.
    year = tmp_path / "nam.docx"
    _report(example_db, "2018", "-o", str(year))
    grades = word_figures(docx.Document(str(year)))[1]
    good = next(row for row in grades.rows if row.cells[0].text == GRADES.label("good"))
    assert good.cells[0].paragraphs[0].paragraph_format.left_indent == indent

    terminal = _report(example_db, "2018", "--compare").stdout
    assert f"\n  {KINDS.label('cooperative')}  " in terminal and "Hợp tác xã: Active" not in terminal
    assert line_beneath(terminal, KINDS.label("cooperative"), "Active").split()[-3:] == ["120", "149", "+29"]
    markdown = _report(example_db, "2018", "--compare", "--format", "markdown").stdout
    assert "| **Hợp tác xã** |   |   |   |\n| Active | 120 | 149 | +29 |" in markdown

    page = tmp_path / "so-sanh.html"
    _report(example_db, "2018", "--compare", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert '<tr class="subject held"><td>Hợp tác xã</td><td class="n"></td>' in html
    assert '<td class="sub1">Active</td>' in html

    book_path = tmp_path / "so-sanh.xlsx"
    _report(example_db, "2018", "--compare", "-o", str(book_path))
    sheet = next(s for s in load_workbook(book_path).worksheets if s.title.endswith("Summary"))
    cells = {c.value: c for c in sheet["A"] if c.value}
    assert cells["Hợp tác xã"].font.b and not cells["Active"].font.b
    # A step further in than its kind (every text cell is a step off the border).
    assert cells["Active"].alignment.indent == cells["Hợp tác xã"].alignment.indent + 1
    assert not cells["Active"].font.i


def _example_with_a_suspension(example_db: Path, tmp_path: Path) -> Path:
    """A copy of the example (a file: skipped on a server) with one cooperative suspended from
    01/11/2018, so that its 2018 report has a legal status table."""
    if isinstance(example_db, str):
        pytest.skip("a copy of the example as a file")
    db = tmp_path / "r.db"
    shutil.copy(example_db, db)
    code = next(
        r["code"]
        for r in csv.DictReader(io.StringIO(invoke(db, "list", "--format", "csv").stdout))
        if r["kind"] == "cooperative"
    )
    assert invoke(db, "suspend", code, "--from", "01/11/2018").exit_code == 0
    return db


def test_the_organisations_status_and_support_end_with_their_totals(example_db: Path, tmp_path: Path) -> None:
    """ "Total" over the kinds (capital too) and over the programs (records and money), as the year's
    tables end: the model's totals, each the sum of the groups above it."""
    db = _example_with_a_suspension(example_db, tmp_path)
    target = tmp_path / "xu-huong.docx"
    _report(db, "2016..2018", "-o", str(target))
    years = json.loads(_report(db, "2016..2018", "--format", "json").stdout)

    organisations = grouped(_table(target, "Organisations"))
    assert list(organisations)[-5:] == [
        "Total: Active",
        "Total: New",
        "Total: Dissolved",
        "Total: Members (registered)",
        "Total: Capital (registered) (đồng)",
    ]
    for metric, label in (("active", "Active"), ("members", "Members (registered)")):
        kinds = [
            v for k, v in organisations.items() if k.endswith(f": {label}") and not k.startswith("Total")
        ]
        sums = [sum(figure(row[i]) or 0 for row in kinds) for i in range(3)]
        assert [figure(c) for c in organisations[f"Total: {label}"]] == sums
        assert sums == [y["totals"]["organisations"][metric] for y in years]
    capital = [figure(c) for c in organisations["Total: Capital (registered) (đồng)"]]
    assert capital == [y["totals"]["organisations"]["capital_vnd"] for y in years]

    status = grouped(_table(target, "Legal status"))
    for metric, label in (("registered", "Registered"), ("suspended", "Suspended")):
        kinds = [v for k, v in status.items() if k.endswith(f": {label}") and not k.startswith("Total")]
        total = [figure(c) for c in status[f"Total: {label}"]]
        assert total == [sum(figure(row[i]) or 0 for row in kinds) for i in range(3)]
        assert total == [y["totals"]["organisations"][metric] for y in years]

    support = grouped(_table(target, "Support"))
    programs = [k for k in support if k.endswith(": Records") and not k.startswith("Total")]
    # Loans beside spending: named as loans, last, and the whole said to include them.
    names = {PROGRAMS.label(p) for p in PROGRAMS.keys} | {"Credit (loans disbursed)"}
    names.add("Support spending (loans not counted)")  # the spending summed before the loans
    assert {k.split(":")[0] for k in programs} <= names
    total = "Total (loans included)" if "Credit (loans disbursed): Records" in support else "Total"
    assert [figure(c) for c in support[f"{total}: Records"]] == [
        y["totals"]["support"]["records"] for y in years
    ]
    amounts = [y["totals"]["support"]["amount_vnd"] for y in years]
    assert [figure(c) for c in support[f"{total}: Amount (đồng)"]] == amounts


def test_a_comparisons_status_table_leaves_out_a_kind_all_zero(example_db: Path, tmp_path: Path) -> None:
    """Biểu 2 of a comparison lists the kinds with any status counted in a year shown, as its Biểu 1
    lists the kinds with any figure: not twelve lines of 0 for the Liên hiệp HTX and the Quỹ tín
    dụng nhân dân the example has none of; "Total" stays. The year's own table lists every kind."""
    db = _example_with_a_suspension(example_db, tmp_path)
    year, compared = tmp_path / "nam.docx", tmp_path / "so-sanh.docx"
    _report(db, "2018", "-o", str(year))
    _report(db, "2018", "--compare", "-o", str(compared))
    kinds = [row[0] for row in _table(year, "Legal status")[1:]]
    assert kinds == [*(KINDS.label(k) for k in KINDS.keys), "Total"]
    rows = _table(compared, "Legal status")[1:]
    headings = [row[0] for row in rows if not any(row[1:])]
    organisations = [row[0] for row in _table(compared, "Organisations")[1:] if not any(row[1:])]
    assert headings == organisations == [KINDS.label("cooperative"), KINDS.label("group"), "Total"]
    group = grouped(rows)
    assert [figure(c) for c in group["Tổ hợp tác: Suspended"]] == [0, 0, 0]


def _markdown(text: str, section: str) -> tuple[dict[str, list[Any]], list[str]]:
    """A Markdown section's table by "subject: metric" (grouped), and the paragraphs beneath it."""
    # The section titled `section`, with its years after it or not ("… năm 2025 và năm 2026").
    part = text.split(f"## {section}", 1)[1].split("\n", 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip().replace("**", "") for cell in line.strip("|").split("|")]
        for line in part.splitlines()
        if line.startswith("|")
    ]
    notes = [line for line in part.splitlines() if line.strip() and not line.startswith("|")]
    return grouped(rows[2:]), notes


def _cooperatives(htx: Any) -> None:
    for name, code in (
        ("HTX Tân Thành", "0470012345"),
        ("HTX Mỹ Phương", "4700284512"),
        ("HTX Ba", "4700284513"),
    ):
        assert (
            htx("add", name, "--code", code, "--district", "Ba Bể", "--founded", "15/03/2012").exit_code == 0
        )


def test_a_programs_year_without_records_reads_0_and_its_change_follows(htx: Any) -> None:
    """Biểu 4 of a comparison (a Vietnamese second reader of the 2026 comparison): a program with no
    record in the year compared with reads 0 there (nothing happened), not a blank, and its change
    follows (0 → 60.000.000 is +60.000.000), its organisations too; a line the year's table leaves
    out in every year with records is left out (the quantity of a program whose records give no
    unit: trade promotion, new-model cooperatives, as for credit). Quantities in the one unit the
    program's records give are said in it: "Qty (lớp)"; in several units, bare as before."""
    _cooperatives(htx)
    for args in (
        ("credit", "--to", "0470012345", "--date", "12/06/2017", "--amount", "350 triệu"),
        ("credit", "--to", "0470012345", "--date", "12/06/2018", "--amount", "350 triệu"),
        ("outreach", "--date", "15/04/2018", "--quantity", "5", "--unit", "lớp", "--amount", "60 triệu"),
        ("trade-promotion", "--to", "0470012345", "--date", "05/10/2018", "--amount", "20 triệu"),
        ("trade-promotion", "--to", "4700284512", "--date", "05/10/2018", "--amount", "20 triệu"),
        ("new-model", "--to", "4700284512", "--date", "02/09/2018", "--amount", "1 tỷ"),
    ):
        assert htx("support", "add", *args).exit_code == 0
    support, _ = _markdown(
        htx("report", "2018", "--compare", "--format", "markdown").stdout,
        "Support for the development of the collective economy",
    )
    outreach, promotion, new_model = (PROGRAMS.label(p) for p in ("outreach", "trade-promotion", "new-model"))
    credit = "Credit (loans disbursed)"  # beside spending: named as loans
    assert support[f"{outreach}: Amount (đồng)"] == ["0", "60.000.000", "+60.000.000"]
    assert support[f"{outreach}: Records"] == ["0", "1", "+1"]
    assert support[f"{outreach}: Qty (lớp)"] == ["0", "5", "+5"]
    assert support[f"{promotion}: Organisations"] == ["0", "2", "+2"]
    assert support[f"{new_model}: Amount (đồng)"] == ["0", "1.000.000.000", "+1.000.000.000"]
    assert support[f"{credit}: Amount (đồng)"] == ["350.000.000", "350.000.000", "0"]
    for program in (promotion, new_model, credit):  # records without a unit: no quantity
        assert not [k for k in support if k.startswith(f"{program}: Qty")], support
    assert f"{outreach}: Organisations" not in support  # for the whole province: none in any year

    # In two units over the years shown: the quantities bare, as the year's table gives no one unit.
    args = ("--date", "10/03/2017", "--quantity", "2", "--unit", "buổi", "--amount", "10 triệu")
    assert htx("support", "add", "outreach", *args).exit_code == 0
    support, _ = _markdown(
        htx("report", "2018", "--compare", "--format", "markdown").stdout,
        "Support for the development of the collective economy",
    )
    assert support[f"{outreach}: Qty"] == ["2", "5", "+3"]
    assert support[f"{outreach}: Amount (đồng)"] == ["10.000.000", "60.000.000", "+50.000.000"]


def test_a_comparisons_status_lines_add_up_and_the_resumed_are_a_note(htx: Any, tmp_path: Path) -> None:
    """Biểu 2 of a comparison: a kind's lines are stocks that add up to its registered (operating,
    suspended, being dissolved, revoked); those resumed in a year are a flow, no line among them but
    a note beneath, by year and kind, "already counted above by their status at each period's end",
    as the year's table has it;
    and the note that the last year's registered include the revoked, as the year's table says."""
    _cooperatives(htx)
    assert htx("suspend", "4700284512", "--from", "01/02/2018", "--until", "30/06/2018").exit_code == 0
    assert htx("revoke", "4700284513", "--on", "01/09/2018").exit_code == 0
    status, notes = _markdown(
        htx("report", "2018", "--compare", "--format", "markdown").stdout, "Legal status"
    )
    assert not [k for k in status if "Resumed" in k], status
    kind = KINDS.label("cooperative")
    stocks = [k for k in status if k.startswith(f"{kind}: ") and k != f"{kind}: Registered"]
    assert stocks == [
        f"{kind}: {m}" for m in ("Operating", "Suspended", "Being dissolved", "Certificate revoked")
    ]
    for i in range(2):
        assert sum(int(status[k][i]) for k in stocks) == int(status[f"{kind}: Registered"][i]) == 3
    assert notes == [
        "Resumed during the year (2018): 1 cooperative (already counted above by their status at each"
        " period's end). In 2018, registered includes"
        " those whose certificate was revoked, not yet dissolved: 1 cooperative."
    ]
    # In Word, the note beneath the table, kept with its last row (never alone atop a page).
    import docx

    target = tmp_path / "so-sanh.docx"
    assert htx("report", "2018", "--compare", "-o", str(target)).exit_code == 0
    table = next(
        t
        for t in docx.Document(str(target)).tables
        if t.rows[0].cells[0].text == "Figures"
        and any(r.cells[0].text.strip() == "Certificate revoked" for r in t.rows)
    )
    note = docx.text.paragraph.Paragraph(table._tbl.getnext(), None)
    assert note.text == notes[0]
    assert all(p.paragraph_format.keep_with_next for c in table.rows[-1].cells for p in c.paragraphs)
    # A year's table says the same of its year.
    year = htx("report", "2018", "--format", "markdown").stdout
    assert (
        "Resumed during the year: 1 cooperative (already counted above by their status at the period's end)."
        in year
    )
