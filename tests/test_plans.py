"""Plans (issue 23): targets set, listed, removed, estimated, imported and exported in the contract
year,indicator,area,target,note; each change in the history and undoable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke, load_example, snapshot

pytestmark = pytest.mark.both_backends


def plans_of(htx: Any) -> list[dict[str, Any]]:
    r = htx("plan", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_plan_set_lists_and_replaces(registry: Any) -> None:
    assert registry("plan", "set", "2018-2020", "new-model", "10").exit_code == 0
    r = registry("plan", "set", "2018", "HTX thành lập mới", "25", "--note", "KH 01/KH-UBND")
    assert r.exit_code == 0, r.stderr
    assert plans_of(registry) == [
        {"year": "2018", "indicator": "new-cooperatives", "area": None, "target": 25, "estimate": None,
         "note": "KH 01/KH-UBND"},
        {"year": "2018-2020", "indicator": "new-model", "area": None, "target": 10, "estimate": None,
         "note": None},
    ]  # fmt: skip
    r = registry("plan", "set", "2018", "new-cooperatives", "30")
    assert r.exit_code == 0 and "25 → 30" in r.stderr
    assert [p["target"] for p in plans_of(registry)] == [30, 10]
    csv = registry("plan", "list", "--format", "csv").stdout
    assert csv.splitlines()[0] == "year,indicator,area,target,estimate,note"
    table = registry("--lang", "vi", "plan").stdout
    assert "Mô hình" in table and "toàn tỉnh" in table


def test_targets_in_their_unit(registry: Any) -> None:
    assert registry("plan", "set", "2026", "good-fair-share", "70%").exit_code == 0
    assert registry("plan", "set", "2026", "doanh thu bình quân", "2,5 tỷ").exit_code == 0
    got = {p["indicator"]: p["target"] for p in plans_of(registry)}
    assert got == {"good-fair-share": 70, "average-revenue": 2_500_000_000}


def test_an_income_target_is_typed_with_its_period_and_kept_per_year(registry: Any, tmp_path: Path) -> None:
    """A clerk's '6 triệu' could be a month's or a year's income: refused, as `figures --income` refuses
    it; '6 triệu/tháng' is 72 triệu a year, the unit of the figures it is compared with. A file's bare
    amount is the contract's, đồng a year."""
    r = registry("--lang", "vi", "plan", "set", "2026", "thu nhập bình quân", "6 triệu")
    assert r.exit_code == 1 and "tháng" in r.stderr, r.stderr
    assert registry("plan", "set", "2026", "thu nhập bình quân", "6 triệu/tháng").exit_code == 0
    assert registry("plan", "estimate", "2026", "average-income", "70 triệu/năm").exit_code == 0
    assert [(p["target"], p["estimate"]) for p in plans_of(registry)] == [(72_000_000, 70_000_000)]
    exported = tmp_path / "plans.csv"
    assert registry("export", "plans", "-o", str(exported)).exit_code == 0
    assert "2026,average-income,,72000000," in exported.read_text(encoding="utf-8-sig")
    assert registry("plan", "unset", "2026", "average-income").exit_code == 0
    assert registry("import", "plans", str(exported)).exit_code == 0
    assert [p["target"] for p in plans_of(registry)] == [72_000_000]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("2018", "no-such", "3"), "indicator: 'no-such'"),
        (("2018", "new-model", "--", "-3"), "target: '-3'"),
        (("2018", "good-fair-share", "120"), "target: '120'"),
        (("2020-2018", "new-model", "3"), "year: '2020-2018'"),
        (("2018", "new-model", "3", "--area", "Nowhere"), "--area: 'Nowhere'"),
    ],
)
def test_bad_plan_is_one_line_and_changes_nothing(
    registry: Any, db_path: Path, args: tuple[str, ...], problem: str
) -> None:
    before = snapshot(db_path)
    r = registry("--lang", "en", "plan", "set", *args)
    assert r.exit_code == 1 and problem in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert snapshot(db_path) == before


def test_a_bad_plan_names_its_field_in_the_clerks_words(registry: Any) -> None:
    r = registry("--lang", "vi", "plan", "set", "2018", "thành lập mới", "nhiều")
    assert r.stderr.startswith("Lỗi: mức kế hoạch: 'nhiều'"), r.stderr
    r = registry("--lang", "vi", "plan", "set", "2018", "xyz", "3")
    assert r.stderr.startswith("Lỗi: chỉ tiêu: 'xyz'") and "tỷ lệ HTX tốt và khá," in r.stderr, r.stderr
    assert registry("plan", "set", "2018", "thành lập mới hợp tác xã", "3").exit_code == 0
    assert registry("plan", "set", "2018", "tốt và khá", "70%").exit_code == 0
    assert {p["indicator"] for p in plans_of(registry)} == {"new-cooperatives", "good-fair-share"}


def test_the_history_gives_each_target_in_its_unit(registry: Any) -> None:
    assert registry("plan", "set", "2026", "good-fair-share", "70%").exit_code == 0
    assert registry("plan", "set", "2026", "average-revenue", "2 tỷ").exit_code == 0
    what = [row.split(",")[4] for row in registry("history", "--format", "csv").stdout.splitlines()[1:3]]
    expected = ["plan 2026 average-revenue: 2.000.000.000 ₫/cooperative", "plan 2026 good-fair-share: 70%"]
    assert what == expected, what


def test_area_is_a_district_or_commune_of_the_registry(registry: Any) -> None:
    assert (
        registry("plan", "set", "2018", "new-cooperatives", "2", "--area", "thanh pho bac kan").exit_code == 0
    )
    assert registry("plan", "set", "2018", "new-cooperatives", "3", "--area", "Xuất Hóa").exit_code == 0
    assert registry("plan", "set", "2018", "new-cooperatives", "9").exit_code == 0
    assert [(p["area"], p["target"]) for p in plans_of(registry)] == [
        ("thanh pho bac kan", 2),
        ("Xuất Hóa", 3),
        (None, 9),
    ]


def test_unset_and_estimate(registry: Any) -> None:
    assert registry("plan", "estimate", "2018", "new-cooperatives", "32").exit_code == 0
    assert plans_of(registry)[0]["estimate"] == 32 and plans_of(registry)[0]["target"] is None
    r = registry("--lang", "en", "plan", "estimate", "2018-2020", "new-model", "3")
    assert r.exit_code == 1 and "span" in r.stderr
    assert registry("plan", "unset", "2018", "new-cooperatives").exit_code == 0
    assert plans_of(registry) == []
    r = registry("--lang", "en", "plan", "unset", "2018", "new-cooperatives")
    assert r.exit_code == 1 and "no plan" in r.stderr


def test_every_change_is_in_the_history_and_undone(registry: Any, db_path: Path) -> None:
    registry("plan", "set", "2018-2020", "new-model", "10")
    before = snapshot(db_path)
    steps = [
        ("plan", "set", "2018-2020", "new-model", "12"),
        ("plan", "estimate", "2018", "new-model", "4"),
        ("plan", "unset", "2018-2020", "new-model"),
        ("plan", "set", "2019", "new-cooperatives", "5"),
    ]
    for step in steps:
        assert registry(*step).exit_code == 0
    history = registry("--lang", "en", "history", "--limit", "4").stdout
    assert "plan set" in history and "plan unset" in history
    for _ in steps:
        r = registry("--lang", "en", "undo", "--yes")
        assert r.exit_code == 0 and "the plan" in r.stderr, r.stderr
    assert _without_history(snapshot(db_path)) == _without_history(before)
    # ids are never reused: a plan set after an undo gets a new one
    registry("plan", "set", "2019", "new-cooperatives", "5")
    ids = [row[0] for table, rows in snapshot(db_path) if table == "plan" for row in rows]
    assert ids == sorted(ids) and ids[-1] > 2


def _without_history(snap: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any]]]:
    return [(t, rows) for t, rows in snap if not t.startswith("history")]


PLANS = (
    "year,indicator,area,target,note\n"
    "2018,new-cooperatives,,25,KH 01\n"
    "2018,new-cooperatives,Xuất Hóa,3,'=SUM(A1)\n"
    "2018-2020,new-model,,10,\n"
)


def test_plans_round_trip_through_export_and_import(registry: Any, databases: Any, tmp_path: Path) -> None:
    source = tmp_path / "plans.csv"
    source.write_text(PLANS, encoding="utf-8")
    r = registry("import", "plans", str(source))
    assert r.exit_code == 0, r.stderr
    exported = registry("export", "plans").stdout
    assert exported == PLANS
    assert registry("import", "plans", str(source)).exit_code == 0  # again: nothing changes
    assert registry("export", "plans").stdout == exported
    other = databases()
    for step in (("add", "HTX X", "--code", "0470099999", "--kind", "HTX", "--commune", "Xuất Hóa",
                  "--founded", "2015-01-01"),):  # fmt: skip
        assert invoke(other, *step).exit_code == 0
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    assert invoke(other, "import", "plans", str(again)).exit_code == 0
    assert invoke(other, "export", "plans").stdout == exported
    assert registry("--lang", "en", "undo", "--yes").exit_code == 0  # the first import's
    assert registry("export", "plans").stdout == "year,indicator,area,target,note\n"


def test_a_bad_plans_file_imports_nothing(registry: Any, db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "plans.csv"
    bad.write_text(
        "year,indicator,area,target,note\n2018,new-model,,3,\n2018,new-model,,x,\n", encoding="utf-8"
    )
    before = snapshot(db_path)
    r = registry("--lang", "en", "import", "plans", str(bad))
    assert r.exit_code == 1 and f"{bad}:3" in r.stderr and "target: 'x'" in r.stderr
    assert snapshot(db_path) == before


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    note=st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=20).map(str.strip),
    target=st.integers(min_value=0, max_value=10**9),
)
def test_any_note_and_target_round_trip(registry: Any, tmp_path: Path, note: str, target: int) -> None:
    import unicodedata

    note = unicodedata.normalize("NFC", note)
    assert registry("plan", "set", "2030", "new-members", str(target), "--note", note).exit_code == 0
    exported = registry("export", "plans").stdout
    path = tmp_path / "p.csv"
    path.write_text(exported, encoding="utf-8")
    assert registry("import", "plans", str(path)).stdout == ""
    assert registry("export", "plans").stdout == exported


def test_example_registry_accepts_targets_of_every_indicator(db_path: Path) -> None:
    load_example(db_path)
    from htxcli.domain.vocab import INDICATORS

    for indicator in INDICATORS.keys:
        target = "1/năm" if indicator == "average-income" else "1"  # an income says its period
        r = invoke(db_path, "plan", "set", "2018", indicator, target)
        assert r.exit_code == 0, (indicator, r.stderr)
