"""add, edit, dissolve, reinstate, show, list and search, through the CLI as a clerk uses them."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from htxcli.domain.values import format_count
from htxcli.render.tables import TABLE_ROWS
from tests.conftest import snapshot

# Every test that opens a database runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.both_backends


def test_add_then_show_json_has_every_field(registry: Any) -> None:
    r = registry("show", "0470012345", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["code"] == "0470012345"
    assert data["kind"] == "cooperative" and data["sector"] == "agriculture"
    assert data["founded"] == "2012-03-15" and data["dissolved"] is None
    assert data["members"] == 12 and data["capital_vnd"] == 1_500_000_000
    assert data["ratings"] == [{"year": 2017, "grade": "fair", "score": None, "note": None}]
    assert [s["amount_vnd"] for s in data["support"]] == [350_000_000]
    assert set(data) >= {"commune", "representative", "phone", "products", "district", "name"}
    assert r.stderr == ""


def test_add_confirms_on_stderr_only(htx: Any) -> None:
    r = htx("add", "HTX Hợp Thành", "--code", "0101234567", "--founded", "2018-01-05")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "Added 0101234567" in r.stderr


def test_codes_keep_leading_zeros(registry: Any) -> None:
    out = registry("list", "--format", "csv").stdout
    assert "0470012345," in out


def test_show_table_prints_money_the_vietnamese_way(registry: Any) -> None:
    r = registry("show", "0470012345")
    assert "1.500.000.000 ₫" in r.stdout
    assert "Hợp tác xã" in r.stdout  # the kind's Vietnamese label


def test_add_without_required_fields_fails_naming_them(htx: Any, db_path: Path) -> None:
    htx("db", "upgrade")
    before = snapshot(db_path)
    r = htx("add", "HTX Thiếu Ngày", "--code", "123")
    assert r.exit_code == 1
    assert r.stderr.strip() == "Error: missing founded (give them as options: --founded)"
    assert snapshot(db_path) == before


def test_duplicate_code_is_refused(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("add", "Another", "--code", "0470012345", "--founded", "2019-01-01")
    assert r.exit_code == 1
    assert "already registered" in r.stderr and "Tân Thành" in r.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--founded", "31/02/2018"], "Error: --founded: '31/02/2018' is not a date"),
        (["--founded", "2018-01-01", "--capital", "-5"], "Error: --capital: '-5' must not be negative"),
        (["--founded", "2018-01-01", "--capital", "1,5"], "Error: --capital: '1,5' is ambiguous"),
        (["--founded", "2018-01-01", "--kind", "company"], "Error: --kind: 'company' is not one of"),
        (["--founded", "2018-01-01", "--sector", "mining"], "Error: --sector: 'mining' is not one of"),
        (["--founded", "2018-01-01", "--members", "many"], "Error: --members: 'many' is not a whole number"),
        (
            ["--founded", "2018-05-01", "--dissolved", "2018-04-01"],
            "Error: --dissolved: '2018-04-01' is before",
        ),
    ],
)
def test_bad_input_is_one_line_exit_1_nothing_written(
    registry: Any, db_path: Path, args: list[str], message: str
) -> None:
    before = snapshot(db_path)
    r = registry("add", "HTX Sai", "--code", "999", *args)
    assert r.exit_code == 1
    assert r.stderr.startswith(message)
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stdout == ""
    assert snapshot(db_path) == before


def test_edit_changes_only_given_fields(registry: Any) -> None:
    r = registry("edit", "0470012345", "--members", "30", "--capital", "2,5 tỷ")
    assert r.exit_code == 0, r.stderr
    assert "Updated 0470012345: --members 12 → 30; --capital 1500000000 → 2500000000" in r.stderr
    data = json.loads(registry("show", "0470012345", "-f", "json").stdout)
    assert data["members"] == 30 and data["capital_vnd"] == 2_500_000_000
    assert data["name"] == "HTX Nông nghiệp Tân Thành" and data["district"] == "Thành phố Bắc Kạn"


def test_edit_name_updates_search(registry: Any) -> None:
    registry("edit", "4700284512", "--name", "HTX Chè Shan Tuyết Mỹ Phương")
    assert "4700284512" in registry("search", "shan tuyet", "-f", "csv").stdout


def test_edit_unknown_code(registry: Any) -> None:
    r = registry("edit", "000", "--members", "3")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: code: '000' is not in the registry")


def test_dissolve_and_reinstate(registry: Any) -> None:
    assert registry("dissolve", "4700284512", "--on", "31/12/2018").exit_code == 0
    rows = registry("list", "--status", "dissolved", "-f", "json").stdout
    assert [r["code"] for r in json.loads(rows)] == ["4700284512"]
    again = registry("dissolve", "4700284512", "--on", "2019-01-01")
    assert again.exit_code == 1 and "already dissolved" in again.stderr
    assert registry("reinstate", "4700284512").exit_code == 0
    assert json.loads(registry("list", "--status", "dissolved", "-f", "json").stdout) == []


def test_dissolve_before_a_rating_year_is_refused(registry: Any, db_path: Path) -> None:
    before = snapshot(db_path)
    r = registry("dissolve", "0470012345", "--on", "2016-06-01")
    assert r.exit_code == 1
    assert "2017 rating" in r.stderr
    assert snapshot(db_path) == before


def test_list_is_in_vietnamese_order(htx: Any) -> None:
    for code, name in [
        ("1", "HTX Uyên"),
        ("2", "HTX Ân"),
        ("3", "HTX Ăn"),
        ("4", "HTX An"),
        ("5", "HTX Đông"),
        ("6", "HTX Dung"),
        ("7", "HTX Êm"),
    ]:
        assert htx("add", name, "--code", code, "--founded", "2010-01-01").exit_code == 0
    rows = json.loads(htx("list", "-f", "json").stdout)
    assert [r["name"] for r in rows] == [
        "HTX An",
        "HTX Ăn",
        "HTX Ân",
        "HTX Dung",
        "HTX Đông",
        "HTX Êm",
        "HTX Uyên",
    ]


def test_list_filters(registry: Any) -> None:
    def codes(*args: str) -> list[str]:
        return [r["code"] for r in json.loads(registry("list", *args, "-f", "json").stdout)]

    assert codes("--kind", "THT") == ["THT-07"]
    assert codes("--district", "ba be") == ["4700284512"]
    assert codes("--commune", "XUAT HOA") == ["0470012345"]
    assert codes("--sector", "nông nghiệp") == ["0470012345"]
    assert codes("--active-in", "2014") == ["0470012345"]
    assert sorted(codes("--status", "active")) == ["0470012345", "4700284512", "THT-07"]


def test_list_csv_header_and_rows(registry: Any) -> None:
    lines = registry("list", "-f", "csv").stdout.splitlines()
    assert lines[0] == (
        "code,name,kind,district,commune,sector,founded,dissolved,members,capital_vnd,"
        "representative,phone,products,province,new_address_from,new_province,new_commune"
    )
    assert len(lines) == 4


def test_search_is_case_and_diacritic_insensitive_whatever_the_form(htx: Any) -> None:
    nfd_name = unicodedata.normalize("NFD", "HTX Đồng Tâm Tân Thành")
    assert htx("add", nfd_name, "--code", "77", "--founded", "2011-01-01").exit_code == 0
    for query in ("tan thanh", "TÂN THÀNH", unicodedata.normalize("NFD", "tân thành"), "dong", "Đồng"):
        found = json.loads(htx("search", query, "-f", "json").stdout)
        assert [r["code"] for r in found] == ["77"], query
        assert found[0]["name"] == unicodedata.normalize("NFC", nfd_name)


def test_search_covers_code_district_and_representative(registry: Any) -> None:
    assert "4700284512" in registry("search", "hoang van duc", "-f", "csv").stdout
    assert "THT-07" in registry("search", "cho don", "-f", "csv").stdout
    assert "0470012345" in registry("search", "0470012", "-f", "csv").stdout


def test_search_with_like_wildcards_is_literal(registry: Any) -> None:
    assert json.loads(registry("search", "%", "-f", "json").stdout) == []


def test_search_text_is_at_most_200_characters(registry: Any) -> None:
    """A longer text is a paste gone wrong; SQLite refuses LIKE patterns past its own limit anyway."""
    assert "0470012345" in registry("search", "tân " * 50, "-f", "csv").stdout  # 200 characters
    r = registry("search", "a" * 100_000)
    assert r.exit_code == 1
    assert r.stderr == "Error: text: 'aaaaaaaaaaaaaaaaaaaa…' is longer than 200 characters\n"


def test_a_long_table_shows_its_first_rows_and_says_how_to_get_them_all(htx: Any, tmp_path: Path) -> None:
    """Rich takes about a millisecond a row: 100,000 organisations took over two minutes to print."""
    count = TABLE_ROWS + 5
    data = tmp_path / "c.csv"
    data.write_text(
        "code,name,founded\n" + "".join(f"C{i:05d},HTX Số {i},2010-01-01\n" for i in range(count))
    )
    assert htx("import", "cooperatives", str(data)).exit_code == 0
    r = htx("list")
    assert r.exit_code == 0
    assert f"Organisations: {format_count(count)}" in r.stdout
    assert r.stdout.count(" C0") == TABLE_ROWS
    shown, total = format_count(TABLE_ROWS), format_count(count)
    assert r.stderr == (
        f"Showing the first {shown} of {total}: narrow it (--district, --kind, --status, --active-in),"
        " or use --format csv for every row.\n"
    )
    assert len(htx("list", "--format", "csv").stdout.splitlines()) == 1 + count
    assert htx("list", "--kind", "THT").stderr == "No organisations match.\n"


def test_adding_a_namesake_warns_and_still_registers_it(registry: Any) -> None:
    """The same name once accents and case are folded is often one organisation entered twice."""
    r = registry("add", "HTX NONG NGHIEP TAN THANH", "--code", "0470099999", "--founded", "2019-01-01")
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        "Warning: the same name (accents and case aside) is registered to 0470012345, perhaps the same"
        " organisation; recorded all the same",
        "Added 0470099999 HTX NONG NGHIEP TAN THANH",
    ]
    assert registry("show", "0470099999").exit_code == 0
    r = registry("add", "HTX Nông nghiệp Tân Thành Mới", "--code", "0470099998", "--founded", "2019-01-01")
    assert r.stderr == "Added 0470099998 HTX Nông nghiệp Tân Thành Mới\n"


def test_list_fits_80_columns_and_keeps_every_code_and_date_whole(registry: Any, db_path: Path) -> None:
    """At 80 columns the list ran off the terminal's edge: the status column and the table's right
    border were cut (a status is several words, and the date's header "Ngày thành lập" did not wrap).
    Every column now wraps between words; a code, a kind and a date are one word each, kept whole."""
    from tests.terminal import on_a_terminal

    long_address = ("--province", "thai nguyen", "--commune", "phan dinh phung", "--founded", "2026-03-10")
    r = registry("add", "HTX Dịch vụ tổng hợp Phan Đình Phùng", "--code", "4602000002", *long_address)
    assert r.exit_code == 0, r.stderr
    assert registry("status", "4602000002", "being-dissolved", "--on", "2026-04-01").exit_code == 0
    assert registry("suspend", "0470012345", "--from", "2026-01-01").exit_code == 0
    shown = on_a_terminal(db_path, 80, "--lang", "vi", "list")
    table = [line for line in shown.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and all(len(line) <= 80 and line[-1] in "┓┃┩│┘" for line in table), shown
    assert "…" not in shown, shown
    for organisation in json.loads(registry("list", "--format", "json").stdout):
        row = next(line for line in table if organisation["code"] in line)
        founded = organisation["founded"]  # as the table writes it, day first
        assert "/".join(reversed(founded.split("-"))) in row, (founded, row)
