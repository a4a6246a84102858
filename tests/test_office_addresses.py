"""The addresses of a Thái Nguyên office's own workbooks, as a clerk found them in December 2026 (period
from 15/12, the registry's province set): districts typed with their type word, pre-reform addresses
never migrated in the reports after 01/07/2025, `db check` against `report --check`, and `--district` on
a period after the reform. Each through the CLI, as the clerk runs htx."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import Run

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]

# An office's list of its cooperatives before 2025, with its own headers: districts with their type word.
OFFICE_SHEET = (
    ("Mã số thuế", "Tên HTX", "Huyện/Thành phố", "Xã/Phường/Thị trấn", "Lĩnh vực", "Ngày thành lập"),
    ("4600000001", "HTX Một", "Huyện Phú Bình", "Xã Tân Đức", "Nông nghiệp", "15/03/2015"),
    ("4600000002", "HTX Hai", "Phú Bình", "Tân Đức", "Nông nghiệp", "15/03/2016"),
    ("4600000003", "HTX Ba", "huyện Đồng Hỷ", "Hóa Thượng", "Nông nghiệp", "15/03/2016"),
    ("4600000004", "HTX Bốn", "Thành phố Sông Công", "Bá Xuyên", "Nông nghiệp", "15/03/2016"),
    ("4600000005", "HTX Năm", "Thị xã Phổ Yên", "Đông Cao", "Nông nghiệp", "15/03/2016"),
    ("4600000006", "HTX Sáu", "Huyện Ba Bể", "Mỹ Phương", "Nông nghiệp", "15/03/2016"),
)
# district as stored, commune as stored, province before 2025
STORED = {
    "4600000001": ("Phú Bình", "Tân Đức", "Thái Nguyên"),
    "4600000002": ("Phú Bình", "Tân Đức", "Thái Nguyên"),
    "4600000003": ("Đồng Hỷ", "Hóa Thượng", "Thái Nguyên"),
    "4600000004": ("Sông Công", "Bá Xuyên", "Thái Nguyên"),
    "4600000005": ("Phổ Yên", "Đông Cao", "Thái Nguyên"),
    "4600000006": ("Ba Bể", "Mỹ Phương", "Bắc Kạn"),
}


@pytest.fixture
def office(htx: Htx) -> Htx:
    for args in (("settings", "province", "thai nguyen"), ("settings", "period-start", "15/12")):
        assert htx(*args).exit_code == 0
    return htx


def _sheet(tmp_path: Path, fmt: str) -> Path:
    if fmt == "csv":
        path = tmp_path / "htx.csv"
        path.write_text("\n".join(",".join(row) for row in OFFICE_SHEET) + "\n", encoding="utf-8")
        return path
    path = tmp_path / "htx.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỢP TÁC XÃ TRÊN ĐỊA BÀN"])
    sheet.append([])
    sheet.append(["STT", *OFFICE_SHEET[0]])
    for n, row in enumerate(OFFICE_SHEET[1:], 1):
        sheet.append([n, *row])
    book.save(path)
    return path


# --- 1: a district's type word in an office workbook ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_office_workbooks_districts_lose_their_type_word_and_get_the_registrys_province(
    office: Htx, tmp_path: Path, fmt: str
) -> None:
    r = office("import", "cooperatives", str(_sheet(tmp_path, fmt)))
    assert r.exit_code == 0, r.stderr
    # A type word dropped is no other spelling: no warning for "Huyện Phú Bình" stored as Phú Bình
    # (a second reader found one for each official name an alarm for nothing). A name spelt otherwise
    # than the registry's ("BA BỂ") is still warned about: tests/test_places_variants.py.
    assert "is stored as" not in r.stderr, r.stderr
    assert "not in the official list" not in r.stderr, r.stderr
    for code, (district, commune, province) in STORED.items():
        shown = json.loads(office("show", code, "--format", "json").stdout)
        assert (shown["district"], shown["commune"], shown["province"]) == (district, commune, province)
    report = json.loads(office("report", "2018", "--format", "json").stdout)
    assert list(report["districts"]) == ["Ba Bể", "Đồng Hỷ", "Phổ Yên", "Phú Bình", "Sông Công"]
    assert report["districts"]["Phú Bình"]["cooperative"]["active"] == 2
    assert "Huyện" not in "".join(report["districts"])
    listed = office("list", "--district", "huyện phú bình", "--format", "csv").stdout
    assert listed.count("\n") == 3  # the header and both


def test_add_matches_a_district_typed_with_its_type_word_in_the_registrys_province(
    office: Htx,
) -> None:
    r = office("add", "HTX Chín", "--code", "4600000009", "--district", "Huyện Võ Nhai", "--commune",
               "xa la hien", "--founded", "01/01/2017")  # fmt: skip
    assert r.exit_code == 0 and "Warning" not in r.stderr, r.stderr
    shown = json.loads(office("show", "4600000009", "--format", "json").stdout)
    assert (shown["province"], shown["district"], shown["commune"]) == ("Thái Nguyên", "Võ Nhai", "La Hiên")
    # A district of the other old province merged into Thái Nguyên is found in it.
    r = office("add", "HTX Mười", "--code", "4600000010", "--district", "Huyện Ba Bể", "--commune",
               "Mỹ Phương", "--founded", "01/01/2017")  # fmt: skip
    assert r.exit_code == 0 and "Warning" not in r.stderr, r.stderr
    shown = json.loads(office("show", "4600000010", "--format", "json").stdout)
    assert (shown["province"], shown["district"], shown["commune"]) == ("Bắc Kạn", "Ba Bể", "Mỹ Phương")


def test_without_the_province_setting_a_district_new_to_the_registry_is_stored_without_its_type_word(
    htx: Htx, tmp_path: Path
) -> None:
    r = htx("import", "cooperatives", str(_sheet(tmp_path, "csv")))
    assert r.exit_code == 0, r.stderr
    districts = {json.loads(htx("show", c, "--format", "json").stdout)["district"] for c in STORED}
    assert districts == {"Phú Bình", "Đồng Hỷ", "Sông Công", "Phổ Yên", "Ba Bể"}
    # A town named as a province keeps its type word: alone, the name is the province's.
    r = htx("add", "HTX Mười", "--code", "4600000010", "--district", "Thành phố Bắc Kạn", "--founded",
            "01/01/2017")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert json.loads(htx("show", "4600000010", "--format", "json").stdout)["district"] == "Thành phố Bắc Kạn"


# --- 2: districts after the reform --------------------------------------------------------------------


def test_addresses_never_moved_are_unknown_communes_after_the_reform_and_bring_back_no_district_table(
    office: Htx, tmp_path: Path
) -> None:
    assert office("import", "cooperatives", str(_sheet(tmp_path, "csv"))).exit_code == 0
    r = office(
        "add", "HTX Mới", "--code", "4601254871", "--commune", "Thượng Minh", "--founded", "02/02/2026"
    )
    assert r.exit_code == 0, r.stderr
    before = office("report", "2018", "--format", "json").stdout
    data = json.loads(office("report", "2026", "--format", "json").stdout)
    assert data["districts"] == {} and data["totals"]["districts"] == {}
    counted = {name: c["cooperative"]["active"] for name, c in data["communes"].items()}
    assert counted == {"": len(STORED), "Thượng Minh": 1}
    for fmt, absent in (
        ("table", ("Theo huyện", "không rõ huyện", "Huyện")),
        ("markdown", ("Theo huyện", "không rõ huyện", "Huyện")),
        ("text", ("huyện Phú Bình", "không rõ huyện", "Phú Bình")),
    ):
        out = office("--lang", "vi", "report", "2026", "--format", fmt).stdout
        assert "(không rõ xã)" in out or fmt == "text", (fmt, out)
        for word in absent:
            assert word not in out, (fmt, word, out)
    tidy = office("report", "2026", "--format", "csv").stdout
    assert ",districts/" not in tidy and ",communes/," in tidy
    # The documents: no district sheet, table or column; the workbook's list shows an address never
    # moved as the address before 01/07/2025, not as the one in force.
    for doc in ("html", "docx", "xlsx"):
        target = tmp_path / f"r.{doc}"
        assert office("--lang", "vi", "report", "2026", "-o", str(target)).exit_code == 0
        text = _document_text(target)
        assert "Theo huyện" not in text and "không rõ huyện" not in text and "Huyện" not in text, (doc, text)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    roster = book.worksheets[-1]
    rows = list(roster.iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "STT")
    at = {
        name: header.index(name) for name in ("Mã số", "Xã/Phường", "Tỉnh", "Địa chỉ trước ngày 01/07/2025")
    }
    by_code = {row[at["Mã số"]]: row for row in rows[rows.index(header) + 1 :] if row[0]}
    one = by_code["4600000006"]
    assert (one[at["Xã/Phường"]], one[at["Tỉnh"]]) == (None, None)
    # With its province: the sheet holds two former provinces (Bắc Kạn, Thái Nguyên).
    assert one[at["Địa chỉ trước ngày 01/07/2025"]] == "Xã Mỹ Phương, Huyện Ba Bể, Tỉnh Bắc Kạn"
    assert by_code["4600000003"][at["Địa chỉ trước ngày 01/07/2025"]] == (
        "Thị trấn Hóa Thượng, Huyện Đồng Hỷ, Tỉnh Thái Nguyên"
    )
    new = by_code["4601254871"]
    assert (new[at["Xã/Phường"]], new[at["Tỉnh"]]) == ("Xã Thượng Minh", "Thái Nguyên")
    assert new[at["Địa chỉ trước ngày 01/07/2025"]] is None
    # The years before keep their districts, and 2018's JSON is what it was.
    assert list(json.loads(before)["districts"]) == ["Ba Bể", "Đồng Hỷ", "Phổ Yên", "Phú Bình", "Sông Công"]
    assert office("report", "2018", "--format", "json").stdout == before


def _document_text(path: Path) -> str:
    if path.suffix == ".html":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    # Every sheet but the list of organisations, whose column of the addresses before 01/07/2025 names
    # their districts; of that one, its header.
    book = openpyxl.load_workbook(path)
    *sheets, roster = book.worksheets
    header = next(row for row in roster.iter_rows(values_only=True) if row and row[0] == "STT")
    return "\n".join(
        [sheet.title for sheet in book.worksheets]
        + [str(v) for sheet in sheets for row in sheet.iter_rows(values_only=True) for v in row if v]
        + [str(v) for v in header if v]
    )


# --- 3: db check names what report --check names ---------------------------------------------------------


def test_db_check_lists_the_organisations_report_check_finds_with_no_commune_in_force(
    office: Htx, tmp_path: Path
) -> None:
    assert office("import", "cooperatives", str(_sheet(tmp_path, "csv"))).exit_code == 0
    # One with no address at all has nothing to move: neither check is about it in db check.
    assert (
        office("add", "HTX Không Địa Chỉ", "--code", "4600000099", "--founded", "01/01/2017").exit_code == 0
    )
    report = office("report", "2026", "--check")
    line = next(x for x in report.stdout.splitlines() if "no commune in force" in x)
    counted = set(line.rsplit(": ", 1)[1].split(", "))
    assert counted == {*STORED, "4600000099"}, line
    check = office("--lang", "vi", "db", "check")
    assert check.exit_code == 1
    listed = {x.split()[2] for x in check.stdout.splitlines() if "chưa có xã, phường" in x}
    assert listed == set(STORED), check.stdout
    assert (
        "địa chỉ: 4600000006 HTX Sáu: chưa có xã, phường theo địa giới từ ngày 01/07/2025 (địa chỉ trước đó: "
        "Mỹ Phương, Ba Bể, Bắc Kạn); chuyển địa chỉ bằng lệnh: htx places migrate, hoặc sửa: "
        "htx edit 4600000006 --province '…' --commune '…'"
    ) in check.stdout
    # Once migrated, neither names those it moved.
    assert office("places", "migrate", "--yes").exit_code == 0
    left = {
        x.split()[2] for x in office("--lang", "vi", "db", "check").stdout.splitlines() if "chưa có xã" in x
    }
    line = next(x for x in office("report", "2026", "--check").stdout.splitlines() if "no commune" in x)
    assert left == set(line.rsplit(": ", 1)[1].split(", ")) - {"4600000099"}
    assert left < set(STORED)


# --- 6: --district on a period after the reform, when the former district has no commune in force --------


def test_district_after_the_reform_says_no_commune_is_known_and_suggests_migrate(
    office: Htx, tmp_path: Path
) -> None:
    assert office("import", "cooperatives", str(_sheet(tmp_path, "csv"))).exit_code == 0
    r = office("--lang", "vi", "report", "2026", "--district", "huyện phú bình")
    assert r.exit_code == 0, r.stderr
    assert "--commune '…'" not in r.stderr and "--commune ''" not in r.stderr, r.stderr
    assert (
        "đến ngày 14/12/2026, cả 2 tổ chức đăng ký tại Phú Bình (đơn vị cấp huyện cũ) đều chưa có xã, phường "
        "mới: địa chỉ chưa được chuyển. Chuyển địa chỉ bằng lệnh: htx places migrate; sau đó dùng --commune"
    ) in r.stderr, r.stderr
    # Once moved, the communes are listed, and one of them given as the example.
    assert office("places", "migrate", "--yes").exit_code == 0
    r = office("report", "2026", "--district", "Phú Bình")
    assert "are in these communes: " in r.stderr and "--commune '…'" not in r.stderr, r.stderr
    example = r.stderr.split("e.g. --commune ")[1].strip().strip("'")
    assert example and example in r.stderr.split("these communes: ")[1].split(". To follow")[0]
