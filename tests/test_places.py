"""Addresses after the 2025 reform: the official lists, `htx places search` and `migrate`, --province,
the address in force on a date in show, list, export and the report."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from htxcli.domain.unit_matching import place
from htxcli.domain.unit_names import name_key
from htxcli.domain.units import gazetteer
from tests.conftest import EXAMPLE, Run, line_beneath, snapshot
from tests.test_language import _vi

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def load(htx: Htx) -> None:
    for table in ("cooperatives", "ratings", "support"):
        assert htx("import", table, str(EXAMPLE / f"{table}.csv")).exit_code == 0


# --- the bundled list (no database) --------------------------------------------------------------


def test_the_bundled_list_has_both_schemes_and_the_bac_kan_merger() -> None:
    g = gazetteer()
    assert (len(g.provinces), len(g.communes)) == (34, 3321)
    assert (len(g.legacy_provinces), len(g.legacy_districts)) == (63, 696)
    assert len(g.legacy_communes) > 10_000
    bac_kan = [c for c in g.legacy_communes.values() if c.province and c.province.name == "Bắc Kạn"]
    assert len(bac_kan) == 108
    assert len({n for c in bac_kan for n in c.becomes}) == 37
    assert "MIT" in g.source and "vietnamadminunits" in g.source
    split = [c for c in g.legacy_communes.values() if len(c.becomes) > 1]
    assert split  # some old communes went into several new ones: every successor is kept
    notice = (resources.files("htxcli") / "data" / "places-LICENSE.txt").read_text(encoding="utf-8")
    assert "Copyright (c) 2025 Tran Ngoc Minh Hieu" in notice and "vietnamadminunits" in notice
    assert "The above copyright notice and this permission notice shall be included" in notice


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Xã Thượng Minh", "thuong minh"),
        ("thuong minh", "thuong minh"),
        ("THƯỢNG MINH", "thuong minh"),
        ("Thị xã Mường Lay", "muong lay"),
        ("Thành phố Bắc Kạn", "bac kan"),
        ("Phường 1", "1"),
        ("Đặc khu Côn Đảo", "con dao"),
        ("tỉnh thái nguyên", "thai nguyen"),
        ("Xã", "xa"),  # a type word alone is a name, not nothing
    ],
)
def test_names_match_without_accents_case_or_type_word(typed: str, key: str) -> None:
    assert name_key(typed) == key


@pytest.mark.parametrize(
    ("province", "district", "commune", "expected"),
    [
        (
            "thai nguyen",
            None,
            "thuong minh",
            ("2025", "Thái Nguyên", None, "Thượng Minh", "01921", "Bắc Kạn"),
        ),
        (
            "Tỉnh Thái Nguyên",
            None,
            "Xã Thượng Minh",
            ("2025", "Thái Nguyên", None, "Thượng Minh", "01921", "Bắc Kạn"),
        ),
        ("bac kan", "ba be", "my phuong", ("legacy", "Bắc Kạn", "Ba Bể", "Mỹ Phương", "01927", "Bắc Kạn")),
        ("bac kan", None, "my phuong", ("legacy", "Bắc Kạn", "Ba Bể", "Mỹ Phương", "01927", "Bắc Kạn")),
        ("thai nguyen", None, "thuong mihn", ("2025", "Thái Nguyên", None, "thuong mihn", None, None)),
    ],
)
def test_an_address_is_matched_to_its_official_unit(
    province: str, district: str | None, commune: str, expected: tuple[object, ...]
) -> None:
    p = place(province, district, commune)
    assert (p.scheme, p.province, p.district, p.commune, p.commune_code, p.former_province) == expected
    assert bool(p.unmatched) == (expected[4] is None)


def test_an_unmatched_name_comes_with_the_three_closest() -> None:
    p = place("thai nguyen", None, "thuong mihn")
    [(field, typed, closest, several)] = p.unmatched
    assert (field, typed, len(closest), several) == ("commune", "thuong mihn", 3, False)
    assert closest[0] == "Xã Thượng Minh (Thái Nguyên)"
    [(field, _, closest, _)] = place("thai ngyen", None, "x").unmatched
    assert field == "province" and "Tỉnh Thái Nguyên" in closest


# --- commands ------------------------------------------------------------------------------------


def test_places_search_shows_an_old_commune_and_what_it_became(htx: Htx) -> None:
    r = htx("places", "search", "my phuong", "--format", "json")
    assert r.exit_code == 0, r.stderr
    [found] = json.loads(r.stdout)
    assert found == {
        "name": "Xã Mỹ Phương",
        "code": "01927",
        "level": "commune",
        "province": "Bắc Kạn",
        "district": "Ba Bể",
        "scheme": "legacy",
        "becomes": [{"name": "Xã Thượng Minh", "code": "01921", "province": "Thái Nguyên"}],
    }
    new = json.loads(htx("places", "search", "Xã Thượng Minh", "--format", "json").stdout)
    assert {
        "name": "Xã Thượng Minh",
        "code": "01921",
        "level": "commune",
        "province": "Thái Nguyên",
        "district": None,
        "scheme": "2025",
    } in new
    table = htx("places", "search", "thuong minh")
    assert "Thượng Minh" in table.stdout and "vietnamadminunits" in table.stderr


def test_migrate_maps_the_example_keeps_2018_and_undo_restores_every_address(htx: Htx, db_path: Path) -> None:
    load(htx)
    before_report = htx("report", "2018", "--format", "json").stdout
    before_export = htx("export", "cooperatives").stdout
    before = snapshot(db_path)

    def found_by_new_commune() -> bool:
        return "4700257731" in htx("search", "Thượng Minh", "--format", "csv").stdout

    assert not found_by_new_commune()
    dry = htx("places", "migrate", "--dry-run")
    assert dry.exit_code == 0 and snapshot(db_path) == before
    r = htx("places", "migrate", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "Mapped to their new commune: 211" in r.stderr
    assert "Left for you to settle (split communes, or names found in several provinces): 0" in r.stderr
    assert "Not found in the old list: 11" in r.stderr
    assert htx("report", "2018", "--format", "json").stdout == before_report
    assert found_by_new_commune()  # search knows the new address
    shown = htx("show", "4700257731").stdout
    assert "Thượng Minh, Thái Nguyên (from 2025-07-01)" in shown
    assert "Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn" in shown and "before 2025-07-01" in shown
    profile = json.loads(htx("show", "4700257731", "--format", "json").stdout)
    assert (profile["new_province"], profile["new_commune"], profile["new_address_from"]) == (
        "Thái Nguyên",
        "Thượng Minh",
        "2025-07-01",
    )
    # The report from 2025 places it by its new commune, and rolls it up under its former province.
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Thượng Minh"]["cooperative"]["active"] > 0
    assert set(report["former_provinces"]) <= {"Bắc Kạn", ""}
    assert (
        sum(b["active"] for b in report["totals"]["communes"].values())
        == report["totals"]["organisations"]["active"]
    )
    # Migrating again finds nothing to do and writes nothing.
    again = snapshot(db_path)
    assert htx("places", "migrate", "--yes").exit_code == 0 and snapshot(db_path) == again
    # The preview of its undo names every field and value in words in Vietnamese (English keeps
    # the stored field names, as for every field).
    preview = _vi("undo", db=db_path).stderr
    for label in (
        "Mã xã, phường: – → ",
        "Tỉnh cũ: – → Bắc Kạn",
        "Mã xã, phường mới: – → ",
        "→ trước 01/07/2025",
    ):
        assert label in preview, preview
    assert "211 đã xác định, 0 cần xác định, 11 không tìm thấy" in preview
    assert not re.search(r"commune_code|former_province|mapped=|legacy", preview), preview
    undone = htx("undo", "--yes")
    assert undone.exit_code == 0 and "places migrate" in undone.stderr
    assert "new addresses from 01/07/2025: 211 mapped, 0 left to settle, 11 not found" in undone.stderr
    assert htx("export", "cooperatives").stdout == before_export
    assert not found_by_new_commune()


def test_migrate_without_yes_and_no_terminal_refuses(htx: Htx, db_path: Path) -> None:
    load(htx)
    before = snapshot(db_path)
    r = htx("places", "migrate")
    assert r.exit_code == 1 and "--yes" in r.stderr and snapshot(db_path) == before


def test_a_cooperative_of_2025_is_stored_officially_and_counted_under_its_commune(htx: Htx) -> None:
    r = htx(
        "add",
        "HTX Mới",
        "--code",
        "4701000001",
        "--province",
        "thai nguyen",
        "--commune",
        "thuong minh",
        "--founded",
        "01/09/2025",
    )
    assert r.exit_code == 0 and "Warning" not in r.stderr, r.stderr
    stored = json.loads(htx("show", "4701000001", "--format", "json").stdout)
    assert (stored["province"], stored["commune"], stored["district"]) == ("Thái Nguyên", "Thượng Minh", None)
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Thượng Minh"]["cooperative"]["new"] == 1
    assert report["former_provinces"]["Bắc Kạn"]["cooperative"]["active"] == 1
    only = json.loads(htx("report", "2025", "--commune", "xã thượng minh", "--format", "json").stdout)
    assert only["commune"] == "Thượng Minh" and only["totals"]["organisations"]["active"] == 1
    assert "communes" not in json.loads(htx("report", "2024", "--format", "json").stdout)
    assert htx("list", "--province", "THÁI NGUYÊN", "--format", "csv").stdout.count("4701000001") == 1


def test_a_name_in_no_list_is_recorded_with_a_warning_and_listed_by_db_check(htx: Htx) -> None:
    r = htx(
        "add",
        "HTX Sai",
        "--code",
        "4701000002",
        "--province",
        "thai nguyen",
        "--commune",
        "thuong mihn",
        "--founded",
        "01/09/2025",
    )
    assert r.exit_code == 0
    assert "--commune: 'thuong mihn'" in r.stderr and "Xã Thượng Minh (Thái Nguyên)" in r.stderr
    check = htx("db", "check")
    assert check.exit_code == 1 and "4701000002" in check.stdout and "thuong mihn" in check.stdout


def test_a_name_spelt_with_its_accents_is_that_unit_and_accents_alone_do_not_guess(htx: Htx) -> None:
    # Thái Nguyên has both Xã Văn Lang (from Bắc Kạn) and Xã Văn Lăng: names equal but for accents.
    def add(code: str, commune: str) -> Run:
        return htx(
            "add", "HTX " + code, "--code", code, "--province", "Thái Nguyên", "--commune", commune,
            "--founded", "01/09/2025",
        )  # fmt: skip

    def stored(code: str) -> tuple[object, ...]:
        shown = json.loads(htx("show", code, "--format", "json").stdout)
        return shown["province"], shown["district"], shown["commune"]

    for code, typed, official in (
        ("4701000003", "Văn Lang", "Văn Lang"),
        ("4701000004", "xã VĂN LĂNG", "Văn Lăng"),
    ):
        r = add(code, typed)
        assert r.exit_code == 0 and "Warning" not in r.stderr, r.stderr
        assert stored(code) == ("Thái Nguyên", None, official)
    r = add("4701000005", "van lang")
    assert r.exit_code == 0 and stored("4701000005") == ("Thái Nguyên", None, "van lang")
    assert "--commune: 'van lang'" in r.stderr
    # Both bear the name: it is ambiguous, not "in no official list" with "the closest".
    assert (
        "is the name of several units: Xã Văn Lang (Thái Nguyên), Xã Văn Lăng (Thái Nguyên); "
        "type it with its accents" in r.stderr
    ), r.stderr

    def listed(commune: str) -> list[str]:
        out = htx("list", "--commune", commune, "--format", "json").stdout
        return sorted(row["code"] for row in json.loads(out))

    # A listing follows the same rule: spelt with its accents, that commune; without them, every one.
    assert listed("Văn Lang") == ["4701000003"]
    assert listed("xã Văn Lăng") == ["4701000004"]
    assert listed("van lang") == ["4701000003", "4701000004", "4701000005"]
    edited = htx("edit", "4701000003", "--commune", "Văn Lăng")
    assert edited.exit_code == 0 and "Warning" not in edited.stderr, edited.stderr
    assert stored("4701000003") == ("Thái Nguyên", None, "Văn Lăng")
    found = json.loads(htx("places", "search", "Văn Lăng", "--format", "json").stdout)
    assert [f["name"] for f in found[:2]] == ["Xã Văn Lăng", "Xã Văn Lăng"]  # 2025, then the old one
    assert found[0]["province"] == "Thái Nguyên" and found[0]["scheme"] == "2025"


def test_a_split_commune_is_settled_with_edit_and_keeps_the_old_address(htx: Htx) -> None:
    g = gazetteer()
    old = next(c for c in g.legacy_communes.values() if len(c.becomes) > 1 and c.province and c.district)
    assert old.province and old.district
    htx(
        "add",
        "HTX Chia",
        "--code",
        "4701000003",
        "--province",
        old.province.name,
        "--district",
        old.district.name,
        "--commune",
        old.name,
        "--founded",
        "01/01/2020",
    )
    r = htx("places", "migrate", "--yes")
    assert "Left for you to settle (split communes, or names found in several provinces): 1" in r.stderr
    assert "4701000003" in r.stderr and "htx edit 4701000003" in r.stderr
    first = g.communes[old.becomes[0]]
    assert first.province
    edited = htx("edit", "4701000003", "--province", first.province.name, "--commune", first.name)
    assert edited.exit_code == 0, edited.stderr
    stored = json.loads(htx("show", "4701000003", "--format", "json").stdout)
    assert (stored["commune"], stored["new_commune"], stored["new_address_from"]) == (
        old.name,
        first.name,
        "2025-07-01",
    )
    assert "4701000003" in htx("search", first.name, "--format", "csv").stdout


def test_without_address_and_an_empty_district(htx: Htx, db_path: Path) -> None:
    htx("add", "HTX Không Địa Chỉ", "--code", "4701000004", "--founded", "01/01/2020")
    htx("add", "HTX Có", "--code", "4701000005", "--commune", "Mỹ Phương", "--founded", "01/01/2020")
    listed = htx("list", "--without-address", "--format", "csv").stdout
    assert "4701000004" in listed and "4701000005" not in listed
    for command in (("list", "--district", ""), ("report", "2020", "--district", "")):
        r = htx(*command)
        assert r.exit_code == 1 and "--district: ''" in r.stderr and "--without-address" in r.stderr
    for option, typed in (("--commune", ""), ("--province", ""), ("--commune", " "), ("--province", "-")):
        r = htx("list", option, typed)
        assert r.exit_code == 1 and r.stdout == "", r.stdout
        hint = "is empty; to find organisations without an address use --without-address"
        assert r.stderr == f"Error: {option}: {typed!r} {hint}\n"


def test_export_import_export_keeps_old_and_new_addresses(htx: Htx, db_path: Path, tmp_path: Path) -> None:
    load(htx)
    assert htx("places", "migrate", "--yes").exit_code == 0
    first = htx("export", "cooperatives").stdout
    assert "Bắc Kạn,2025-07-01,Thái Nguyên,Thượng Minh" in first
    exported = tmp_path / "cooperatives.csv"
    exported.write_text(first, encoding="utf-8")
    other = tmp_path / "other.db"
    r = htx("--db", str(other), "import", "cooperatives", str(exported))
    assert r.exit_code == 0, r.stderr
    # Văn Lang (from Na Rì) is not its neighbour Văn Lăng: no warning, nothing for db check.
    assert "Văn Lang" in first and "new_commune" not in r.stderr, r.stderr
    assert "Văn Lang" not in htx("--db", str(other), "db", "check").stdout
    assert htx("--db", str(other), "export", "cooperatives").stdout == first
    assert "4700257731" in htx("--db", str(other), "search", "thuong minh", "--format", "csv").stdout
    again = htx("import", "cooperatives", str(exported))
    assert again.exit_code == 0 and "0 new, 0 changed" in again.stderr, again.stderr


# --- the report's layouts by commune and former province ------------------------------------------


def _reports(htx: Htx, span: str) -> dict[str, str]:
    out = {}
    for fmt in ("table", "json", "csv", "markdown"):
        r = htx("report", span, "--format", fmt)
        assert r.exit_code == 0, r.stderr
        out[fmt] = r.stdout
    out["compare"] = htx("report", "2018-2019", "--compare", "--format", "markdown").stdout
    return out


def test_every_layout_shows_communes_and_former_provinces_from_2025_and_2018_is_unchanged(htx: Htx) -> None:
    load(htx)
    before = _reports(htx, "2018")
    assert htx("places", "migrate", "--yes").exit_code == 0
    assert _reports(htx, "2018") == before  # every format, byte for byte
    assert "Communes" not in before["markdown"] and "communes/" not in before["csv"]

    data = json.loads(htx("report", "2025", "--format", "json").stdout)
    minh = data["communes"]["Thượng Minh"]
    minh_total = data["totals"]["communes"]["Thượng Minh"]
    bac_kan = data["totals"]["former_provinces"]["Bắc Kạn"]
    markdown = htx("report", "2025", "--format", "markdown").stdout
    assert "## Communes at the end of 2025" in markdown
    assert "## Former provinces at the end of 2025" in markdown
    row = (
        # Printed with its type word (the JSON keeps the registry's name).
        f"| Xã Thượng Minh | {minh['cooperative']['active']} | {minh['group']['active']} | 0 | 0 "
        f"| {minh_total['members']:,} |".replace(",", ".")
    )
    assert row in markdown
    former = data["former_provinces"]["Bắc Kạn"]
    htx_count, tht_count = former["cooperative"]["active"], former["group"]["active"]
    assert f"| Former Bắc Kạn area | {htx_count} | {tht_count} |" in markdown
    assert htx_count + tht_count == bac_kan["active"]
    table = htx("report", "2025").stdout
    assert "Communes at the end of 2025" in table and "Former Bắc Kạn area" in table
    assert "(no commune)" in table and "(province unknown)" in table  # the 22 not found by migrate
    rows = htx("report", "2025", "--format", "csv").stdout.splitlines()
    assert f"2025,communes/Thượng Minh,cooperative,active,{minh['cooperative']['active']}" in rows
    assert f"2025,former_provinces/Bắc Kạn,cooperative,members,{former['cooperative']['members']}" in rows
    # Side by side with a year before the reform, that year's commune cells are empty, not 0.
    columns = htx("report", "2024-2025", "--format", "markdown").stdout
    assert "## Communes at year end" in columns
    assert line_beneath(columns, "Xã Thượng Minh", "HTX") == f"HTX |   | {minh['cooperative']['active']}"
    assert "## Former provinces at year end" in columns
    vietnamese = htx("--lang", "vi", "report", "2025", "--format", "markdown").stdout
    assert "## Số lượng tổ chức theo xã, phường đến cuối năm 2025" in vietnamese
    assert "| Khu vực Bắc Kạn cũ |" in vietnamese


# --- import matches names as add and edit do ------------------------------------------------------


def _cooperatives(path: Path, rows: list[str]) -> Path:
    header = "code,name,kind,founded,district,commune,province,new_address_from,new_province,new_commune"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_matches_addresses_to_the_official_list_as_add_does(htx: Htx, tmp_path: Path) -> None:
    typed = _cooperatives(
        tmp_path / "typed.csv",
        [
            "4701000011,HTX Một,HTX,2025-09-01,,xã thuong minh,thai nguyen,,,",
            "4701000012,HTX Hai,HTX,2020-01-01,Ba Bể,my phuong,BẮC KẠN,"
            "2025-07-01,Tỉnh Thái Nguyên,Thượng Minh",
            "4701000013,HTX Ba,HTX,2025-09-01,,thuong mihn,thai nguyen,,,",
            "4701000014,HTX Bốn,HTX,2020-01-01,Ba Bể,Mỹ Phương,,,,",  # no province: kept as typed
        ],
    )
    r = htx("import", "cooperatives", str(typed))
    assert r.exit_code == 0, r.stderr
    assert (
        f"{typed}:4: warning: commune: 'thuong mihn'" in r.stderr
        and "Xã Thượng Minh (Thái Nguyên)" in r.stderr
    )
    assert r.stderr.count("warning:") == 1
    # Stored as `htx add` stores the same addresses.
    htx(
        "add",
        "HTX Năm",
        "--code",
        "4701000015",
        "--province",
        "thai nguyen",
        "--commune",
        "xã thuong minh",
        "--founded",
        "01/09/2025",
    )
    shown = {
        code: json.loads(htx("show", code, "--format", "json").stdout)
        for code in ("4701000011", "4701000012", "4701000013", "4701000014", "4701000015")
    }
    address = ("province", "district", "commune", "new_province", "new_commune")
    assert [shown["4701000011"][f] for f in address] == [shown["4701000015"][f] for f in address]
    assert [shown["4701000011"][f] for f in address] == ["Thái Nguyên", None, "Thượng Minh", None, None]
    assert [shown["4701000012"][f] for f in address] == [
        "Bắc Kạn",
        "Ba Bể",
        "Mỹ Phương",
        "Thái Nguyên",
        "Thượng Minh",
    ]
    assert shown["4701000013"]["commune"] == "thuong mihn"
    assert [shown["4701000014"][f] for f in address] == [None, "Ba Bể", "Mỹ Phương", None, None]
    check = htx("db", "check")
    assert "4701000013" in check.stdout and "thuong mihn" in check.stdout
    assert "4701000011" not in check.stdout and "4701000012" not in check.stdout
    # Counted under their commune and former province as the added one is (codes and scheme stored).
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Thượng Minh"]["cooperative"]["active"] == 3
    assert report["former_provinces"]["Bắc Kạn"]["cooperative"]["active"] == 3
    # The same file again: the careful way (rows stored) matches too, and finds nothing changed.
    again = htx("import", "cooperatives", str(typed))
    assert again.exit_code == 0 and "0 new, 0 changed, 4 unchanged" in again.stderr, again.stderr
    assert again.stderr.count("warning:") == 1


def test_import_of_a_changed_address_matches_it_the_careful_way(htx: Htx, tmp_path: Path) -> None:
    first = _cooperatives(
        tmp_path / "a.csv", ["4701000021,HTX Sáu,HTX,2025-09-01,,Thượng Minh,Thái Nguyên,,,"]
    )
    assert htx("import", "cooperatives", str(first)).exit_code == 0
    moved = _cooperatives(
        tmp_path / "b.csv",
        [
            "4701000021,HTX Sáu,HTX,2025-09-01,,phuong bac kan,thai nguyen,,,",
            "4701000022,HTX Bảy,HTX,2025-09-01,,duc xuan,thai nguyen,,,",
            "4701000022,HTX Bảy,HTX,2025-09-01,,duc xuann,thai nguyen,,,",  # the later row wins
        ],
    )
    r = htx("import", "cooperatives", str(moved))
    assert r.exit_code == 0 and "1 new, 1 changed" in r.stderr, r.stderr
    assert r.stderr.count("warning:") == 1 and "'duc xuann'" in r.stderr
    six = json.loads(htx("show", "4701000021", "--format", "json").stdout)
    assert (six["commune"], six["province"]) == ("Bắc Kạn", "Thái Nguyên")
    report = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert report["communes"]["Bắc Kạn"]["cooperative"]["new"] == 1
    assert "Thượng Minh" not in report["communes"]


def test_migrate_names_the_closest_old_communes_of_an_address_it_cannot_find(htx: Htx) -> None:
    load(htx)
    r = htx("places", "migrate", "--dry-run")
    assert r.exit_code == 0, r.stderr
    # Yên Đĩnh (Chợ Mới) is in no list: the clerk sees the closest, as add and edit show them.
    line = next(x for x in r.stderr.splitlines() if x.startswith("4700106932 "))
    assert "Yên Đĩnh, Chợ Mới is not in the old list" in line
    assert line.endswith("; the closest: Xã Yên Hân (Bắc Kạn), Xã Yên Cư (Bắc Kạn), Xã Kiến Thành (An Giang)")
    # "Sĩ Bình" is the official "Sỹ Bình" (i and y are one letter when names are matched).
    assert not any(x.startswith("4700124262 ") for x in r.stderr.splitlines())
    assert place("bac kan", "bach thong", "si binh").commune == "Sỹ Bình"


def test_district_and_new_model_list_from_2025_follow_the_address_on_31_december(htx: Htx) -> None:
    load(htx)
    before = htx("report", "2018", "--district", "ba be", "--format", "json").stdout
    assert htx("places", "migrate", "--yes").exit_code == 0
    assert htx("report", "2018", "--district", "ba be", "--format", "json").stdout == before
    # 4700257731 (Mỹ Phương, Ba Bể) went into Thượng Minh: from 2025 Ba Bể names it no more.
    r = htx(
        "support", "add", "new-model", "--date", "2025-08-01", "--to", "4700257731", "--amount", "100000000"
    )
    assert r.exit_code == 0, r.stderr
    ba_be = json.loads(htx("report", "2025", "--district", "ba be", "--format", "json").stdout)
    assert ba_be["totals"]["organisations"]["active"] == 0 and ba_be["new_model"] == []
    everyone = json.loads(htx("report", "2025", "--format", "json").stdout)
    [named] = everyone["new_model"]
    assert named == {
        "code": "4700257731",
        "name": named["name"],
        "district": None,
        "commune": "Thượng Minh",
    }
    markdown = htx("report", "2025", "--format", "markdown").stdout
    # The address in force: Xã/Phường with its type word (Tỉnh, the same on every row, left out).
    assert f"| 4700257731 | {named['name']} | Xã Thượng Minh |\n" in markdown
    # Until the new address took effect it was in Ba Bể.
    old = json.loads(htx("report", "2024", "--district", "ba be", "--format", "json").stdout)
    assert old["totals"]["organisations"]["active"] > 0


def test_statuses_of_2025_are_counted_once_by_the_address_in_force(htx: Htx) -> None:
    """The status counts meet the organisation rows place by place: after the move, a suspended
    cooperative is one suspension in its kind, its commune, its former province and the total."""
    load(htx)
    assert htx("places", "migrate", "--yes").exit_code == 0
    assert htx("suspend", "4700257731", "--from", "01/11/2025").exit_code == 0
    data = json.loads(htx("report", "2025", "--format", "json").stdout)

    def suspended(blocks: dict[str, dict[str, dict[str, int]]]) -> int:
        return sum(kinds.get("cooperative", {}).get("suspended", 0) for kinds in blocks.values())

    assert data["organisations"]["cooperative"]["suspended"] == 1
    assert data["totals"]["organisations"]["suspended"] == 1
    assert suspended(data["communes"]) == suspended(data["former_provinces"]) == 1
    assert data["communes"]["Thượng Minh"]["cooperative"]["suspended"] == 1
    operating = data["organisations"]["cooperative"]["operating"]
    assert operating == data["organisations"]["cooperative"]["registered"] - 1


def test_units_are_printed_with_their_type_word_and_named_organisations_with_the_address_in_force(
    htx: Htx,
) -> None:
    """Phường Bắc Kạn is not the former province Bắc Kạn: the report's tables and documents print a
    commune with its type word (the official list's, by the code stored); the JSON keeps the stored
    name. The new-model table names each organisation's address in force on the period's last day
    (Xã/Phường, Tỉnh), the narrative too."""
    for args in (
        ("add", "HTX Một", "--code", "A1", "--province", "Thái Nguyên", "--commune", "Phường Bắc Kạn"),
        ("add", "HTX Ba", "--code", "A3", "--province", "Bắc Kạn", "--district", "Ba Bể"),
        ("edit", "A3", "--commune", "Mỹ Phương"),
        ("edit", "A3", "--province", "Thái Nguyên", "--commune", "Thượng Minh"),
        ("support", "add", "new-model", "--to", "A1", "--date", "01/09/2025", "--amount", "5tr"),
        ("support", "add", "new-model", "--to", "A3", "--date", "01/09/2025", "--amount", "5tr"),
    ):
        founded = ("--founded", "01/08/2025" if "A1" in args else "01/08/2015") if args[0] == "add" else ()
        r = htx(*args, *founded)
        assert r.exit_code == 0, r.stderr
    data = json.loads(htx("report", "2025", "--format", "json").stdout)
    assert set(data["communes"]) == {"Bắc Kạn", "Thượng Minh"}  # the stored names, one form
    assert [r["commune"] for r in data["new_model"]] == ["Thượng Minh", "Bắc Kạn"]
    markdown = htx("report", "2025", "--format", "markdown").stdout
    assert "| Phường Bắc Kạn | 1 |" in markdown and "| Xã Thượng Minh | 1 |" in markdown
    assert "| Bắc Kạn |" not in markdown
    # Both in Thái Nguyên: no column repeating it (tests/test_report_print_layout.py).
    assert "| Code | Name of organisation | Commune/Ward |" in markdown
    assert "| A3 | HTX Ba | Xã Thượng Minh |" in markdown
    assert "| A1 | HTX Một | Phường Bắc Kạn |" in markdown
    text = htx("report", "2025", "--format", "text").stdout
    assert "HTX Ba (Xã Thượng Minh)" in text and "HTX Một (Phường Bắc Kạn)" in text
