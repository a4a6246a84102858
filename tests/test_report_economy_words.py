"""The economy table's words (a sixth reader of the 2026 report): its averages' column is headed
"Bình quân", not "Bình quân/tổ chức", since one of its lines is a worker's income (đồng/người/năm)
weighted by each organisation's workers, which its label says."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Run
from tests.test_report_print import office  # noqa: F401  (the fixture: a Thái Nguyên office, 2026)

Htx = Callable[..., Run]


def test_the_average_column_claims_no_unit_its_income_line_does_not_have(office: Htx) -> None:  # noqa: F811
    given = (
        "figures",
        "4600000001",
        "2026",
        "--members",
        "10",
        "--workers",
        "5",
        "--income",
        "5 triệu/tháng",
    )
    assert office(*given).exit_code == 0
    markdown = office("--lang", "vi", "report", "2026", "--format", "markdown").stdout
    part = next(p for p in markdown.split("\n## ") if p.startswith("Kết quả hoạt động"))
    lines = [line for line in part.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    income = next(line for line in lines if "Thu nhập" in line).strip("|").split("|")
    at = next(i for i, h in enumerate(header) if h.startswith("Bình quân"))
    assert income[at].strip() == "60.000.000"  # a worker's, a year: in the averages' column
    assert "người" in income[0]
    assert header[at] == "Bình quân", header  # not "/tổ chức": that line is per worker
