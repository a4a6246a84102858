"""A comparison with a year in which nothing was rated, or nobody gave figures (the sixth and seventh
readers of the 2026 report): that year is no result yet, empty cells and no change, not "0 → 7, +7";
how many have no result is counted in any year. The JSON keeps its zeros."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Run
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def _rows(markdown: str) -> dict[str, list[str]]:
    part = markdown.split("## Kết quả xếp loại năm 2025 và năm 2026\n", 1)[1].split("\n## ", 1)[0]
    rows = [
        [c.strip() for c in line.strip("|").split("|")] for line in part.splitlines() if line.startswith("| ")
    ]
    return {row[0]: row[1:] for row in rows[1:]}


def test_a_year_without_ratings_is_no_result_not_zero(office: Htx) -> None:  # noqa: F811
    rows = _rows(office("--lang", "vi", "report", "2026", "--compare", "--format", "markdown").stdout)
    # 2025: nobody rated; 2026: four rated (the fixture), one each of the four grades.
    for line in ("Đã xếp loại", "Tốt", "Khá", "Trung bình", "Yếu"):
        before, now, change = rows[line]
        assert (before, change) == ("", ""), (line, rows[line])
        assert now.isdigit(), (line, rows[line])
    assert rows["Đã xếp loại"][1] == "4"
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
    reported = next(row for row in rows if row[0] == "Đã báo cáo")
    assert reported[1:] == ["", "1", ""], reported  # 2025: none gave figures, not "0 … +1"
    bases = [row for row in rows if row[0] == "Số tổ chức báo cáo"]
    assert bases and all(row[1] == "" and row[3] == "" for row in bases), bases
