"""A comparison with a year in which nothing was rated (a sixth reader of the 2026 report): that
year's ratings are no result yet, an empty cell and no change, not "0 → 7, +7"; how many have no
result is a count all the same. The JSON keeps its zeros."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Run
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def _rows(markdown: str) -> dict[str, list[str]]:
    part = markdown.split("## Kết quả xếp loại\n", 1)[1].split("\n## ", 1)[0]
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
