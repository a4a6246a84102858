"""A comparison reads as the year's tables do (issue 25, item 15, a reader of the printed 2026
comparison): each economy figure heads its total, its average and how many organisations reported it
("Số tổ chức báo cáo"), as the year's economy table has its columns, and a number of OCOP products or
of organisations applying high technology is a total, never averaged; each place gives its registered
by kind apart ("HTX", "THT", the year's place table's columns), and the places end with "Tổng cộng",
their sum and the province's figures. In every human layout: the terminal, Markdown, Word, HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Run, grouped, invoke, line_beneath
from tests.test_report_documents import docx_tables
from tests.test_report_groups import _markdown
from tests.test_report_print import _html_cells, _write, office  # noqa: F401  (the fixture: an office, 2026)

Htx = Callable[..., Run]
COMMUNES = "Số lượng tổ chức theo xã, phường đến ngày 14/12 hằng năm"
FORMER = "Số lượng tổ chức theo khu vực tỉnh cũ đến ngày 14/12 hằng năm"
ECONOMY = "Kết quả hoạt động của các tổ chức"


def _number(text: str) -> int | None:
    """A figure as a table prints it (1.200.000.000, +2, −1, -1) as a number; None for a blank."""
    plain = text.replace(".", "").replace("+", "").replace("\u2212", "-").strip()
    return int(plain) if plain else None


def _word(path: Path, title: str) -> dict[str, list[str]]:
    """A Word table by "subject: metric", the one whose title names `title`."""
    (rows,) = [rows for named, rows in docx_tables(path) if named.split(". ", 1)[-1].startswith(title)]
    return grouped([[c.replace("\u00a0", " ") for c in row] for row in rows[1:]])


def _with_figures(office: Htx) -> Htx:  # noqa: F811
    """The office with yearly figures for 2025 and 2026: revenue of two cooperatives in 2025, of three
    in 2026; OCOP products (2 and 1: averaged they would read 1,5); one applying high technology."""
    for code, year, args in (
        ("4600000001", "2025", ("--revenue", "1 tỷ", "--members", "10")),
        ("4600000002", "2025", ("--revenue", "500 triệu", "--members", "20", "--ocop-3", "1")),
        ("4600000001", "2026", ("--revenue", "1,2 tỷ", "--members", "12", "--ocop-3", "2")),
        ("4600000002", "2026", ("--revenue", "600 triệu", "--ocop-3", "1", "--high-tech", "có")),
        ("4601254871", "2026", ("--revenue", "300 triệu", "--income", "60 triệu/năm", "--workers", "5")),
    ):
        r = office("figures", code, year, *args)
        assert r.exit_code == 0, r.stderr
    return office


def test_each_economy_figure_says_its_total_average_and_how_many_reported(
    office: Htx,  # noqa: F811
    tmp_path: Path,
) -> None:
    htx = _with_figures(office)
    data = json.loads(htx("report", "2026", "--compare", "--format", "json").stdout)
    before, after = data["previous"]["economy"]["totals"], data["economy"]["totals"]
    economy, _ = _markdown(
        htx("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout, ECONOMY
    )
    revenue = "Doanh thu (đồng)"
    assert economy[f"{revenue}: Tổng cộng"] == ["1.500.000.000", "2.100.000.000", "+600.000.000"]
    assert economy[f"{revenue}: Bình quân/tổ chức"] == ["750.000.000", "700.000.000", "-50.000.000"]
    assert economy[f"{revenue}: Số tổ chức báo cáo"] == ["2", "3", "+1"]
    for key, name in ((revenue, "revenue_vnd"), ("Thành viên", "members")):
        counted = [_number(c) for c in economy[f"{key}: Số tổ chức báo cáo"][:2]]
        assert counted == [before[name]["reporting"], after[name]["reporting"]]
    assert economy["Thành viên: Bình quân/tổ chức"] == ["15,0", "12,0", "-3,0"]
    # A number of products, of organisations: totals and how many reported, never an average.
    ocop = {k: v for k, v in economy.items() if "OCOP" in k}
    assert ocop == {
        "Sản phẩm OCOP 3 sao: Tổng cộng": ["1", "3", "+2"],
        "Sản phẩm OCOP 3 sao: Số tổ chức báo cáo": ["1", "2", "+1"],
    }
    assert economy["Ứng dụng công nghệ cao: Tổng cộng"] == ["", "1", ""]
    assert not [k for k in economy if "bình quân" in k.lower() and ("OCOP" in k or "công nghệ" in k)]
    # The income, an average per worker already: its average and its base, no total; named as the
    # year's economy table names it (one figure, one name: a seventh reader of the comparison).
    year, _ = _markdown(htx("--lang", "vi", "report", "2026", "--format", "markdown").stdout, ECONOMY)
    (named,) = [k for k in year if k.startswith("Thu nhập")]
    assert named == "Thu nhập bình quân (đồng/người/năm)"
    income = [k for k in economy if k.startswith("Thu nhập")]
    assert income == [f"{named}: Bình quân", f"{named}: Số tổ chức báo cáo"]
    # How many reported, named in full, its base in the note under the table: the year's note, of the
    # last year (a ninth reader: "Đã báo cáo | | 6" had nothing to be measured against).
    assert economy["Số tổ chức đã báo cáo số liệu"] == ["2", "3", "+1"]
    year_notes = htx("--lang", "vi", "report", "2026", "--format", "markdown").stdout
    markdown = htx("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    (note,) = [line for line in year_notes.splitlines() if "đã báo cáo số liệu năm 2026" in line]
    assert (
        note.startswith("3/") and markdown.split(f"## {ECONOMY}", 1)[1].split("\n## ", 1)[0].count(note) == 1
    )

    # The terminal, Word and HTML show the same lines.
    terminal = htx("--lang", "vi", "report", "2026", "--compare").stdout
    assert line_beneath(terminal, revenue, "Số tổ chức báo cáo").split()[-3:] == ["2", "3", "+1"]
    assert not [line for line in terminal.splitlines() if "OCOP" in line and "bình quân" in line]
    word = _word(_write(htx, tmp_path / "cmp.docx", "2026", "--compare"), ECONOMY)
    assert word[f"{revenue}: Bình quân/tổ chức"] == ["750.000.000", "700.000.000", "\u221250.000.000"]
    assert {k: v for k, v in word.items() if "OCOP" in k} == ocop
    page = _html_cells(_write(htx, tmp_path / "cmp.html", "2026", "--compare"))
    labels = [text for _, text in page.cells]
    at = labels.index(revenue)
    assert labels[at + 4 : at + 12 : 4] == ["Tổng cộng", "Bình quân/tổ chức"]
    assert "Sản phẩm OCOP 3 sao bình quân" not in labels


def _sums_of_places(section: dict[str, list[str]], line: str) -> list[int]:
    """Column by column, the sum of a line over the places (every group but "Tổng cộng")."""
    places = [v for k, v in section.items() if k.endswith(f": {line}") and not k.startswith("Tổng cộng")]
    assert places, section
    return [sum(_number(row[i]) or 0 for row in places) for i in range(2)]


def test_each_place_gives_its_kinds_apart_and_the_places_end_with_their_total(
    office: Htx,  # noqa: F811
    tmp_path: Path,
) -> None:
    data = json.loads(office("report", "2026", "--compare", "--format", "json").stdout)
    markdown = office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    word_file = _write(office, tmp_path / "cmp.docx", "2026", "--compare")
    for title in (COMMUNES, FORMER):
        section, _ = _markdown(markdown, title)
        assert not [k for k in section if "Hiện có" in k], section
        subjects = list(dict.fromkeys(k.split(": ")[0] for k in section))
        assert subjects[-1] == "Tổng cộng"
        for subject in subjects:
            assert [k.split(": ")[1] for k in section if k.startswith(f"{subject}: ")][:2] == ["HTX", "THT"]
        for line, kind in (("HTX", "cooperative"), ("THT", "group")):
            total = [_number(c) for c in section[f"Tổng cộng: {line}"][:2]]
            assert total == _sums_of_places(section, line)
            assert total == [
                data["previous"]["organisations"][kind]["active"],
                data["organisations"][kind]["active"],
            ]
        for line, name in (("Thành lập mới", "new"), ("Giải thể", "dissolved")):
            total = [_number(c) for c in section[f"Tổng cộng: {line}"][:2]]
            assert total == _sums_of_places(section, line)
            assert total[1] == data["totals"]["organisations"][name]
        assert _word(word_file, title) == section  # Word: the same lines, the same figures
    # Thượng Minh: its two cooperatives and its group apart (not "3" registered).
    communes, _ = _markdown(markdown, COMMUNES)
    assert communes["Xã Thượng Minh: HTX"] == ["0", "2", "+2"]
    assert communes["Xã Thượng Minh: THT"] == ["0", "1", "+1"]
    terminal = office("--lang", "vi", "report", "2026", "--compare").stdout
    assert line_beneath(terminal, "Tổng cộng", "THT").split()[-3:] == ["0", "1", "+1"]


def test_a_comparisons_districts_end_with_their_total(example_db: Path | str) -> None:
    """Before the reform the districts, the same way: each kind apart, then "Total", Biểu 1's."""
    data = json.loads(invoke(example_db, "report", "2018", "--compare", "--format", "json").stdout)
    text = invoke(example_db, "report", "2018", "--compare", "--format", "markdown").stdout
    section, _ = _markdown(text, "Districts at year end")
    assert list(dict.fromkeys(k.split(": ")[0] for k in section))[-1] == "Total"
    kinds: dict[str, Any] = data["organisations"]
    for line, kind in (("HTX", "cooperative"), ("THT", "group")):
        total = [_number(c) for c in section[f"Total: {line}"][:2]]
        places = [v for k, v in section.items() if k.endswith(f": {line}") and not k.startswith("Total")]
        assert total == [sum(_number(row[i]) or 0 for row in places) for i in range(2)]
        assert total == [data["previous"]["organisations"][kind]["active"], kinds[kind]["active"]]
    assert not [k for k in section if k.endswith(": Active")]


def test_a_comparisons_blank_capital_is_said_as_the_years_table_says_it(office: Htx) -> None:  # noqa: F811
    """The fixture's group gave no capital: its line is blank in 2026, and the note the year's Biểu 1
    writes under it is under the comparison's first table too."""
    note = "Vốn điều lệ để trống: các tổ chức ở dòng đó chưa kê khai vốn điều lệ."
    assert note in office("--lang", "vi", "report", "2026", "--format", "markdown").stdout
    compared = office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout
    first = compared.split("\n## ", 2)[1]  # the organisations' table and what is under it
    assert first.startswith("Số lượng tổ chức kinh tế tập thể") and note in first, first
