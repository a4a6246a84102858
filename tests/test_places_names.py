"""One "same place" rule (issue 25, items 1–3b): a type word is a type word only where the official list
says so, i and y are one letter when matching, a district's type word is ignored as a commune's is, and
the report groups by the official code, never by a folded name."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htxcli.domain.reform import NEW_SCHEME as NEW
from htxcli.domain.text import fold
from htxcli.domain.unit_matching import place
from htxcli.domain.unit_names import OWN_NAMES, PROVINCE_KEYS, match_key, name_key
from htxcli.domain.units import Unit, gazetteer
from tests.conftest import EXAMPLE, Run

Htx = Callable[..., Run]


def _pool(unit: Unit) -> list[Unit]:
    """The units a name of this unit is looked for among, as place() looks: its level of its scheme,
    within its province."""
    g = gazetteer()
    if unit.level == "province":
        return list((g.provinces if unit.scheme == NEW else g.legacy_provinces).values())
    assert unit.province is not None
    return g.districts_in(unit.province) if unit.level == "district" else g.communes_in(unit.province)


def test_every_unit_of_both_schemes_is_found_by_full_name_by_name_and_without_accents() -> None:
    g = gazetteer()
    pools: dict[tuple[str, str, str | None], list[Unit]] = {}
    lost = []
    for unit in g.units:
        where = (unit.scheme, unit.level, unit.province.code if unit.province else None)
        pool = pools.setdefault(where, _pool(unit))
        for typed in (unit.full_name, unit.name, fold(unit.name)):
            found = g.named(pool, typed)  # alone, or among the ambiguous candidates listed
            if unit not in found:
                lost.append((typed, unit.full_name, unit.scheme, unit.code, [u.full_name for u in found]))
    assert lost == []


def test_the_names_that_begin_like_a_type_word_are_those_of_the_list() -> None:
    g = gazetteer()
    begin_so = {
        match_key(u.name)
        for u in g.units
        if any(match_key(u.name).startswith(w + " ") for w in ("huyen", "phuong", "quan", "tinh", "xa"))
    }
    assert begin_so == OWN_NAMES
    assert len([u for u in g.units if match_key(u.name) in OWN_NAMES]) >= 100


def test_the_province_keys_are_those_of_the_list() -> None:
    """unit_names.PROVINCE_KEYS (a town named as its province keeps its type word) is the list's."""
    g = gazetteer()
    assert {g.key(p) for p in (*g.provinces.values(), *g.legacy_provinces.values())} == PROVINCE_KEYS


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Quản Bạ", "quan ba"),
        ("Huyện Quản Bạ", "quan ba"),
        ("Phường Quan Triều", "quan trieu"),
        ("Xã Quân Chu", "quan chu"),
        ("Xã Tĩnh Túc", "tinh tuc"),
        ("Tĩnh Túc", "tinh tuc"),
        ("Xã Phương Độ", "phuong do"),
        ("Huyện Ba Bể", "ba be"),
        ("Sĩ Bình", "si binh"),
        ("Sỹ Bình", "si binh"),
        ("Kỳ Anh", "ki anh"),
        ("Mỹ Phương", "mi phuong"),
        ("Lý Nhân", "li nhan"),
        ("Duy Tiên", "duy tien"),  # y after a vowel stays
    ],
)
def test_a_leading_word_is_a_type_word_only_where_the_list_says_so_and_i_is_y(typed: str, key: str) -> None:
    assert name_key(typed) == key


def test_huyen_quan_ba_is_found_with_its_successor() -> None:
    placed = place("Hà Giang", "Huyện Quản Bạ", "Quyết Tiến")
    assert (placed.district, placed.commune, placed.unmatched) == ("Quản Bạ", "Quyết Tiến", [])
    assert placed.commune_code is not None


def test_places_search_treats_i_and_y_alike_and_prints_the_official_spelling(htx: Htx) -> None:
    for typed in ("si binh", "Sĩ Bình", "Xã Sĩ Bình"):
        found = json.loads(htx("places", "search", typed, "--format", "json").stdout)
        assert found and found[0]["name"] == "Xã Sỹ Bình", typed
    found = json.loads(htx("places", "search", "Huyện Quản Bạ", "--format", "json").stdout)
    assert "Huyện Quản Bạ" in [f["name"] for f in found]


def _add(htx: Htx, code: str, *address: str, founded: str = "01/03/2016") -> Run:
    return htx("add", f"HTX {code}", "--code", code, *address, "--founded", founded)


def _load(htx: Htx) -> None:
    for table in ("cooperatives", "ratings", "support"):
        assert htx("import", table, str(EXAMPLE / f"{table}.csv")).exit_code == 0


@pytest.mark.both_backends
def test_a_district_typed_with_its_type_word_is_the_stored_district(htx: Htx, tmp_path: Path) -> None:
    _load(htx)
    sheet = tmp_path / "more.csv"
    sheet.write_text(
        "code,name,kind,district,commune,founded\n"
        "4709000001,HTX Một,cooperative,Huyện Ba Bể,Mỹ Phương,2016-01-01\n"
        "4709000002,HTX Hai,cooperative,Huyện Ba Bể,Mỹ Phương,2016-01-01\n",
        encoding="utf-8",
    )
    imported = htx("import", "cooperatives", str(sheet))
    # Only the type word dropped: stored as Ba Bể without a warning (a second reader's alarm for nothing).
    assert imported.exit_code == 0 and "Huyện Ba Bể" not in imported.stderr, imported.stderr
    added = _add(htx, "4709000003", "--district", "huyen cho don")
    assert added.exit_code == 0 and "huyen cho don" in added.stderr, added.stderr
    districts = {
        json.loads(htx("show", code, "--format", "json").stdout)["district"]
        for code in ("4709000001", "4709000002")
    }
    assert districts == {"Ba Bể"}
    assert json.loads(htx("show", "4709000003", "--format", "json").stdout)["district"] == "Chợ Đồn"
    report = json.loads(htx("report", "2018", "--format", "json").stdout)
    assert not [name for name in report["districts"] if name.startswith("Huyện")]
    listed = json.loads(htx("list", "--district", "ba be", "--format", "json").stdout)
    assert {"4709000001", "4709000002"} <= {row["code"] for row in listed}
    by_type_word = htx("report", "2018", "--district", "Huyện Ba Bể", "--format", "json")
    assert by_type_word.exit_code == 0, by_type_word.stderr
    assert json.loads(by_type_word.stdout)["district"] == "Ba Bể"
    assert htx("db", "check").exit_code == 0


@pytest.mark.both_backends
def test_a_district_stored_with_its_type_word_is_one_district_and_db_check_says_so(
    htx: Htx, db_path: Path
) -> None:
    from sqlalchemy import text

    from htxcli.store.engine import make_engine
    from htxcli.store.location import resolve

    _load(htx)
    # A registry written by an older htx: the type word stored as it was typed.
    engine = make_engine(resolve(str(db_path)))
    with engine.begin() as con:
        con.execute(text("UPDATE organisation SET district = 'Huyện Ba Bể' WHERE code = '4700257731'"))
    engine.dispose()
    report = json.loads(htx("report", "2018", "--format", "json").stdout)
    assert "Huyện Ba Bể" not in report["districts"] and "Ba Bể" in report["districts"]
    listed = json.loads(htx("list", "--district", "ba be", "--format", "json").stdout)
    assert "4700257731" in {row["code"] for row in listed}
    check = htx("db", "check")
    assert check.exit_code == 1 and "Huyện Ba Bể" in check.stdout


@pytest.mark.both_backends
def test_two_official_communes_spelt_differently_are_two_rows(htx: Htx) -> None:
    for code, commune in (("4701000011", "Văn Lang"), ("4701000012", "Văn Lăng"), ("4701000013", "Văn Lăng")):
        r = _add(htx, code, "--province", "Thái Nguyên", "--commune", commune, founded="01/09/2025")
        assert r.exit_code == 0, r.stderr
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Văn Lang"]["cooperative"]["active"] == 1
    assert report["communes"]["Văn Lăng"]["cooperative"]["active"] == 2
    only = json.loads(htx("report", "2025", "--commune", "Văn Lang", "--format", "json").stdout)
    assert only["commune"] == "Văn Lang" and only["totals"]["organisations"]["active"] == 1


@pytest.mark.both_backends
def test_report_intersects_the_district_and_the_commune_as_list_does(htx: Htx) -> None:
    _load(htx)
    both = ("--district", "Chợ Đồn", "--commune", "Xuất Hóa")
    listed = json.loads(htx("list", *both, "--format", "json").stdout)
    assert listed == []
    r = htx("report", "2018", *both, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["totals"]["organisations"]["active"] == 0
    xuat_hoa = json.loads(htx("report", "2018", "--commune", "Xã Xuất Hóa", "--format", "json").stdout)
    assert xuat_hoa["totals"]["organisations"]["active"] > 0


_SAMPLE = [
    u
    for u in gazetteer().communes.values()
    if u.province is not None and u.province.name in ("Thái Nguyên", "Tuyên Quang")
]


@pytest.mark.both_backends
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_SAMPLE), min_size=2, max_size=4, unique_by=lambda u: u.code))
def test_two_official_units_with_different_spellings_are_never_one_report_row(
    databases: Callable[[], Path | str], units: list[Unit]
) -> None:
    from tests.conftest import invoke

    db = databases()
    for n, unit in enumerate(units):
        assert unit.province is not None
        r = invoke(
            db, "add", f"HTX {n}", "--code", f"47020000{n:02d}", "--province", unit.province.name,
            "--commune", unit.full_name, "--founded", "01/09/2025",
        )  # fmt: skip
        assert r.exit_code == 0, r.stderr
    report = json.loads(invoke(db, "report", "2025", "--format", "json").stdout)
    spellings = {u.name for u in units}
    rows = {name: c["cooperative"]["active"] for name, c in report["communes"].items()}
    assert sum(rows.values()) == len(units)
    assert len(rows) >= len(spellings)  # never fewer rows than spellings
    for name in spellings:
        assert rows[name] == sum(1 for u in units if u.name == name)


@pytest.mark.both_backends
def test_a_new_address_without_its_date_takes_effect_on_1_july_2025_with_a_note(
    htx: Htx, tmp_path: Path
) -> None:
    _load(htx)
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "code,new_province,new_commune\n"
        "4700257731,Thái Nguyên,Thượng Minh\n"
        "4700100000,Thái Nguyên,Thượng Minh\n",
        encoding="utf-8",
    )
    r = htx("import", "cooperatives", str(sheet))
    assert r.exit_code == 0 and "2 row(s) give a new address" in r.stderr and "01/07/2025" in r.stderr, (
        r.stderr
    )
    shown = json.loads(htx("show", "4700257731", "--format", "json").stdout)
    assert (shown["new_address_from"], shown["new_commune"]) == ("2025-07-01", "Thượng Minh")
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Thượng Minh"]["cooperative"]["active"] >= 2


@pytest.mark.both_backends
def test_after_the_reform_the_district_table_goes_with_the_districts_and_district_says_where_they_went(
    htx: Htx,
) -> None:
    for code, commune in (
        ("4709100001", "Mỹ Phương"),
        ("4709100002", "Chu Hương"),
        ("4709100003", "Mỹ Phương"),
    ):
        r = _add(htx, code, "--province", "Bắc Kạn", "--district", "Ba Bể", "--commune", commune)
        assert r.exit_code == 0, r.stderr
    assert htx("places", "migrate", "--yes").exit_code == 0
    before = json.loads(htx("report", "2024", "--format", "json").stdout)
    assert list(before["districts"]) == ["Ba Bể"]  # the years before keep their districts
    after = json.loads(htx("report", "2026", "--format", "json").stdout)
    assert (
        after["districts"] == {} and sum(c["cooperative"]["active"] for c in after["communes"].values()) == 3
    )
    table = htx("report", "2026").stdout
    assert "Theo huyện" not in table and "(không rõ huyện)" not in table and "Huyện" not in table
    r = htx("report", "2026", "--district", "ba be")
    assert r.exit_code == 0
    assert "01/07/2025" in r.stderr and "3" in r.stderr and "--commune" in r.stderr, r.stderr
    for commune in {
        json.loads(htx("show", c, "--format", "json").stdout)["new_commune"] for c in ("4709100001",)
    }:
        assert commune in r.stderr
    assert htx("report", "2018", "--district", "ba be").stderr == ""


@pytest.mark.both_backends
def test_the_province_setting_is_matched_and_used_by_add_edit_import_and_the_date_line(
    htx: Htx, tmp_path: Path
) -> None:
    # Without a province, a commune cannot be matched: warned at entry, listed by db check with the command.
    r = _add(htx, "4701000101", "--commune", "phu thong", founded="01/09/2025")
    assert r.exit_code == 0 and "'phu thong'" in r.stderr and "htx settings province" in r.stderr, r.stderr
    check = htx("db", "check")
    assert check.exit_code == 1
    assert "htx edit 4701000101 --province '…' --commune 'phu thong'" in check.stdout, check.stdout
    # The setting is matched to the official list when set, and refused when the list does not know it.
    assert htx("settings", "province", "xyz").exit_code == 1
    assert htx("settings", "province", "thai nguyen").exit_code == 0
    assert "Thái Nguyên" in htx("settings").stdout
    # It is the default province of add, edit and import.
    r = _add(htx, "4701000102", "--commune", "phu thong", founded="01/09/2025")
    assert r.exit_code == 0 and "Warning" not in r.stderr, r.stderr
    stored = json.loads(htx("show", "4701000102", "--format", "json").stdout)
    assert (stored["province"], stored["commune"]) == ("Thái Nguyên", "Phủ Thông")
    assert htx("edit", "4701000101", "--commune", "phu thong").exit_code == 0
    assert json.loads(htx("show", "4701000101", "--format", "json").stdout)["commune"] == "Phủ Thông"
    assert htx("db", "check").exit_code == 0
    sheet = tmp_path / "new.csv"
    sheet.write_text("code,name,commune,founded\n4701000103,HTX C,thuong minh,2025-09-01\n", encoding="utf-8")
    assert htx("import", "cooperatives", str(sheet)).exit_code == 0
    stored = json.loads(htx("show", "4701000103", "--format", "json").stdout)
    assert (stored["province"], stored["commune"]) == ("Thái Nguyên", "Thượng Minh")
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Phủ Thông"]["cooperative"]["active"] == 2 and "" not in report["communes"]
    # The Word report is dated from the province.
    import docx

    out = tmp_path / "r.docx"
    assert htx("report", "2025", "-o", str(out)).exit_code == 0
    heading = docx.Document(str(out)).tables[0].rows[1].cells[1].text  # under the motto
    assert "Thái Nguyên, " in heading and "…………" not in heading
