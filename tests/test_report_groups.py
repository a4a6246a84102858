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
from tests.conftest import grouped, invoke, line_beneath
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
    table = docx.Document(str(target)).tables[1]  # the letterhead's grid, then Biểu 1
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
    grades = docx.Document(str(year)).tables[2]
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
    assert '<tr class="subject"><td>Hợp tác xã</td><td class="n"></td>' in html
    assert '<td class="sub1">Active</td>' in html

    book_path = tmp_path / "so-sanh.xlsx"
    _report(example_db, "2018", "--compare", "-o", str(book_path))
    sheet = next(s for s in load_workbook(book_path).worksheets if s.title.endswith("Summary"))
    cells = {c.value: c for c in sheet["A"] if c.value}
    assert cells["Hợp tác xã"].font.b and not cells["Active"].font.b
    assert cells["Active"].alignment.indent == 1 and not cells["Active"].font.i


def test_the_organisations_status_and_support_end_with_their_totals(example_db: Path, tmp_path: Path) -> None:
    """ "Total" over the kinds (capital too) and over the programs (records and money), as the year's
    tables end: the model's totals, each the sum of the groups above it."""
    db = tmp_path / "r.db"
    if isinstance(example_db, str):
        pytest.skip("a copy of the example as a file")
    shutil.copy(example_db, db)
    code = next(
        r["code"]
        for r in csv.DictReader(io.StringIO(invoke(db, "list", "--format", "csv").stdout))
        if r["kind"] == "cooperative"
    )
    assert invoke(db, "suspend", code, "--from", "01/11/2018").exit_code == 0
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
        kinds = [status[f"{KINDS.label(k)}: {label}"] for k in KINDS.keys]
        total = [figure(c) for c in status[f"Total: {label}"]]
        assert total == [sum(figure(row[i]) or 0 for row in kinds) for i in range(3)]
        assert total == [y["totals"]["organisations"][metric] for y in years]

    support = grouped(_table(target, "Support"))
    programs = [k for k in support if k.endswith(": Records") and not k.startswith("Total")]
    assert {k.split(":")[0] for k in programs} <= {PROGRAMS.label(p) for p in PROGRAMS.keys}
    assert [figure(c) for c in support["Total: Records"]] == [
        y["totals"]["support"]["records"] for y in years
    ]
    amounts = [y["totals"]["support"]["amount_vnd"] for y in years]
    assert [figure(c) for c in support["Total: Amount (đồng)"]] == amounts


def test_a_comparisons_status_table_lists_the_kinds_of_the_years(example_db: Path, tmp_path: Path) -> None:
    """Biểu 2 of a comparison has the rows of Biểu 2 of its year: every kind of the report, not only
    those with a status counted, then the total."""
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
    year, compared = tmp_path / "nam.docx", tmp_path / "so-sanh.docx"
    _report(db, "2018", "-o", str(year))
    _report(db, "2018", "--compare", "-o", str(compared))
    kinds = [row[0] for row in _table(year, "Legal status")[1:]]
    rows = _table(compared, "Legal status")[1:]
    headings = [row[0] for row in rows if not any(row[1:])]
    assert headings == kinds == [*(KINDS.label(k) for k in KINDS.keys), "Total"]
    group = grouped(rows)
    assert [figure(c) for c in group["Quỹ tín dụng nhân dân: Registered"]] == [0, 0, 0]
