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
    # The usual warning, once per spelling, naming the form stored.
    assert "district 'Huyện Phú Bình' is stored as 'Phú Bình'" in r.stderr, r.stderr
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
