"""`htx report YEAR --check` (issue 24, item 1): what to look at before a report is signed, one line
each, exit 1 when anything is found; `{"findings": [...]}` with --format json."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, Run, drop_database, fresh_database, invoke, load_example

pytestmark = pytest.mark.both_backends


@pytest.fixture(scope="module")
def example(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The example with its yearly figures (make demo's registry); tests must not change it."""
    db = fresh_database(backend, tmp_path_factory.mktemp("check"))
    load_example(db)
    assert invoke(db, "import", "figures", str(EXAMPLE / "figures.csv")).exit_code == 0
    yield db
    drop_database(db)


def findings(db: Path | str, *args: str) -> tuple[int, list[dict[str, Any]]]:
    r = invoke(db, "report", *args, "--check", "--format", "json")
    return r.exit_code, json.loads(r.stdout)["findings"]


def test_the_example_has_no_findings(example: Path | str) -> None:
    r = invoke(example, "--lang", "vi", "report", "2018", "--check")
    assert (r.exit_code, r.stdout) == (0, "Không có phát hiện nào\n")
    r = invoke(example, "--lang", "en", "report", "2018", "--check")
    assert (r.exit_code, r.stdout) == (0, "No findings\n")
    assert findings(example, "2018") == (0, [])


def test_filters_and_periods_are_checked_too(example: Path | str) -> None:
    for args in (
        ("2018", "--district", "Ba Bể"),
        ("2017..2018",),
        ("2018", "--period-start", "15/12"),
        ("2018", "--compare"),
    ):
        _code, found = findings(example, *args)
        assert not [f for f in found if f["check"] == "totals"], args


def test_an_organisation_without_a_district_is_named(backend: str, tmp_path: Path) -> None:
    db = fresh_database(backend, tmp_path)
    try:
        load_example(db)
        assert invoke(db, "edit", "4700100000", "--district", "").exit_code == 0
        r = invoke(db, "--lang", "en", "report", "2018", "--check")
        assert r.exit_code == 1
        assert r.stdout.splitlines() == [
            "2018: 1 organisations counted have no district the report can place them in: 4700100000"
        ]
        code, found = findings(db, "2018")
        assert code == 1
        assert [(f["check"], f["codes"]) for f in found] == [("no-address", ["4700100000"])]
        assert "4700100000" in found[0]["message"]
        # In the district's own report it is not counted, so not found.
        assert findings(db, "2018", "--district", "Ba Bể") == (0, [])
    finally:
        drop_database(db)


def checks_of(htx: Callable[..., Run], *args: str) -> dict[str, list[str]]:
    r = htx("report", *args, "--check", "--format", "json")
    found = json.loads(r.stdout)["findings"]
    assert r.exit_code == (1 if found else 0)
    out: dict[str, list[str]] = {}
    for f in found:
        out.setdefault(f["check"], []).extend(f["codes"])
    return out


def _add(htx: Callable[..., Run], code: str, founded: str = "01/01/2015", *more: str) -> None:
    r = htx("add", f"HTX {code}", "--code", code, "--district", "Ba Bể", "--founded", founded, *more)
    assert r.exit_code == 0, r.stderr


def test_ratings_missing_and_ratings_of_the_inactive(htx: Callable[..., Run]) -> None:
    _add(htx, "A1")
    _add(htx, "A2")
    _add(htx, "A3")
    assert htx("rate", "A1", "2018", "khá").exit_code == 0
    assert htx("rate", "A3", "2018", "tốt").exit_code == 0
    assert htx("dissolve", "A3", "--on", "01/12/2018").exit_code == 0
    assert checks_of(htx, "2018") == {"unrated": ["A2"], "rated-not-active": ["A3"]}
    # In the report's words: "active" is registered ("hiện có (còn đăng ký)"), not operating.
    lines = htx("--lang", "vi", "report", "2018", "--check").stdout.splitlines()
    assert "2018: 1 tổ chức hiện có (còn đăng ký) chưa có kết quả đánh giá của năm: A2" in lines, lines
    assert "2018: 1 tổ chức có xếp loại của năm nhưng đến cuối kỳ không còn đăng ký: A3" in lines, lines
    assert htx("rate", "A2", "2018", "yếu").exit_code == 0
    assert checks_of(htx, "2018") == {"rated-not-active": ["A3"]}


def test_support_dated_after_a_dissolution_is_found_as_db_check_finds_it(htx: Callable[..., Run]) -> None:
    """Support #1 dated 05/10/2018 for an organisation dissolved on 01/03/2018: `db check` listed it,
    `report --check` did not. Support of another year is not this report's."""
    _add(htx, "D1")
    assert htx("rate", "D1", "2018", "khá").exit_code == 0
    for day in ("05/10/2018", "05/10/2019"):
        r = htx("support", "add", "tập huấn", "--to", "D1", "--date", day, "--amount", "5tr")
        assert r.exit_code == 0, r.stderr
    assert checks_of(htx, "2018") == {}
    assert htx("dissolve", "D1", "--on", "01/03/2018").exit_code == 0
    assert "support #1: dated 2018-10-05, after D1 was dissolved" in htx("db", "check").stdout
    assert checks_of(htx, "2018") == {"rated-not-active": ["D1"], "support-outside-life": ["D1"]}
    lines = htx("--lang", "vi", "report", "2018", "--check").stdout.splitlines()
    assert "2018: 1 tổ chức có hỗ trợ ghi ngày trước khi thành lập hoặc sau khi giải thể: D1" in lines, lines
    assert checks_of(htx, "2017") == {"unrated": ["D1"]}  # no support in 2017: nothing of it


def test_figures_off_by_a_unit_too_few_and_ten_fold(htx: Callable[..., Run]) -> None:
    for code in ("F1", "F2", "F3", "F4", "F5"):
        _add(htx, code)
        assert htx("rate", code, "2018", "khá").exit_code == 0
    assert htx("figures", "F1", "2018", "--revenue", "3.150 tỷ", "--income", "5 triệu/tháng").exit_code == 0
    assert htx("figures", "F2", "2018", "--revenue", "2 tỷ", "--income", "60 triệu/năm").exit_code == 0
    found = checks_of(htx, "2018")
    assert found == {"figures-unit": ["F1"], "figures-coverage": ["F3", "F4", "F5"]}
    for code in ("F3", "F4", "F5"):
        assert htx("figures", code, "2018", "--revenue", "1 tỷ").exit_code == 0
    assert htx("figures", "F1", "2018", "--revenue", "3,15 tỷ").exit_code == 0
    assert checks_of(htx, "2018") == {}
    for code in ("F1", "F2", "F3", "F4", "F5"):  # a monthly 500 nghìn typed as the year's
        assert htx("figures", code, "2018", "--income", "500 nghìn/năm").exit_code == 0
    assert checks_of(htx, "2018") == {"figures-unit": ["F1", "F2", "F3", "F4", "F5"]}
    for code in ("F2", "F3", "F4", "F5"):
        assert htx("figures", code, "2018", "--income", "60 triệu/năm").exit_code == 0
    assert htx("figures", "F1", "2018", "--income", "60 tỷ/năm").exit_code == 0  # triệu typed as tỷ
    assert checks_of(htx, "2018") == {"figures-unit": ["F1"]}
    assert htx("figures", "F1", "2018", "--income", "60 triệu/năm").exit_code == 0
    assert checks_of(htx, "2018") == {}
    assert htx("figures", "F2", "2017", "--revenue", "150 triệu").exit_code == 0
    r = htx("--lang", "en", "report", "2018", "--check")
    assert r.stdout == "2018: Revenue changed ten-fold or more from 2017: F2\n"
    assert checks_of(htx, "2018") == {"figures-jump": ["F2"]}


def test_a_profit_above_the_revenue_is_found_as_db_check_finds_it(htx: Callable[..., Run]) -> None:
    for code in ("P1", "P2"):
        _add(htx, code)
        assert htx("rate", code, "2018", "khá").exit_code == 0
        assert htx("figures", code, "2018", "--revenue", "1 tỷ", "--profit", "100 triệu").exit_code == 0
    assert checks_of(htx, "2018") == {}
    r = htx("figures", "P2", "2018", "--profit", "1,2 tỷ")  # warned at entry, recorded all the same
    assert r.exit_code == 0
    assert checks_of(htx, "2018") == {"figures-profit": ["P2"]}
    assert "P2" in htx("db", "check").stdout + htx("db", "check").stderr
    r = htx("--lang", "vi", "report", "2018", "--check")
    assert r.stdout == "2018: 1 tổ chức có lợi nhuận trước thuế lớn hơn doanh thu: P2\n"


def test_overdue_suspensions_and_long_dissolutions(htx: Callable[..., Run]) -> None:
    """A suspension past its last day is operating again, as `htx status` says: no finding. One in
    force for more than the 12 months a notice may cover is."""
    for code in ("S1", "S2", "S3", "S4", "S5", "S6"):
        _add(htx, code)
        assert htx("rate", code, "2018", "khá").exit_code == 0
    assert htx("status", "S1", "tạm ngừng", "--on", "01/02/2018", "--until", "30/06/2018").exit_code == 0
    assert htx("status", "S2", "tạm ngừng", "--on", "01/02/2018", "--until", "30/06/2018").exit_code == 0
    assert htx("status", "S2", "hoạt động", "--on", "15/06/2018").exit_code == 0  # resumed early
    assert htx("status", "S3", "đang giải thể", "--on", "01/10/2017").exit_code == 0
    assert htx("status", "S4", "đang giải thể", "--on", "01/06/2018").exit_code == 0
    assert htx("status", "S5", "tạm ngừng", "--on", "31/12/2017").exit_code == 0  # no last day
    assert htx("status", "S6", "tạm ngừng", "--on", "01/01/2018").exit_code == 0  # 12 months on 31/12
    assert checks_of(htx, "2018") == {"suspension-overdue": ["S5"], "dissolving-long": ["S3"]}
    r = htx("--lang", "en", "report", "2018", "--check")
    assert r.stdout.splitlines() == [
        "2018-12-31: 1 organisations suspended for more than 12 months, the law's limit for one notice "
        "(renewal or resumption not recorded): S5",
        "2018-12-31: 1 organisations have been being dissolved for more than a year: S3",
    ]
    # The check and `htx status` read one rule: S1 is operating again, S5 still suspended.
    assert "operating" in htx("--lang", "en", "status", "S1").stdout.splitlines()[0]
    assert "suspended" in htx("--lang", "en", "status", "S5").stdout.splitlines()[0]


def test_many_codes_are_shortened_on_the_line_but_not_in_json(htx: Callable[..., Run]) -> None:
    for n in range(12):
        _add(htx, f"U{n:02}")
    r = htx("--lang", "en", "report", "2018", "--check")
    assert r.stdout == (
        "2018: 12 active organisations have no rating for the year: "
        "U00, U01, U02, U03, U04, U05, U06, U07, U08, U09 and 2 more\n"
    )
    assert checks_of(htx, "2018") == {"unrated": [f"U{n:02}" for n in range(12)]}


def test_parts_that_do_not_add_up_are_found(example: Path | str) -> None:
    """The report's own sums never differ; the check is its safety net, shown on a report whose
    district totals were tampered with."""
    from htxcli.domain import i18n
    from htxcli.domain.report import Count
    from htxcli.services.report import reports
    from htxcli.services.report_checks import _totals
    from htxcli.services.session import open_registry

    engine = open_registry(str(example), create=False, notify=lambda _m: None)[0]
    built = reports(engine, [2018])
    engine.dispose()
    year = built.years[0]
    assert list(_totals(year)) == []
    first = next(iter(year.totals.districts))
    wrong = replace(year.totals.districts[first], active=Count(year.totals.districts[first].active.value + 1))
    tampered = replace(year, totals=replace(year.totals, districts={**year.totals.districts, first: wrong}))
    with i18n.kept():
        i18n.use("en")
        found = list(_totals(tampered))
    assert [f.check for f in found] == ["totals", "totals"]  # the district's kinds, the districts' total
    assert found[0].message.startswith("2018: the districts (Active) add up to ")


def test_from_the_reform_on_an_organisation_is_placed_by_its_commune(htx: Callable[..., Run]) -> None:
    new_scheme = ("--province", "Thái Nguyên", "--founded", "01/08/2025")
    assert htx("add", "HTX A", "--code", "N1", "--commune", "Phường Bắc Kạn", *new_scheme).exit_code == 0
    assert htx("add", "HTX B", "--code", "N2", *new_scheme).exit_code == 0
    r = htx("report", "2025", "--check")
    assert "2025: 1 organisations counted have no commune in force on 2025-12-31: N2" in r.stdout.splitlines()
    assert checks_of(htx, "2025")["no-address"] == ["N2"]
