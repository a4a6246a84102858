"""The office's sheets as they are kept (issue 25, items 18–25): name columns in ratings and support
sheets, signature blocks, every bad cell of a row at once, money in triệu and tỷ đồng, Excel's date
serials, the office's shorthand, numbers Excel made of phones and codes, Unicode Text, rejects workbooks
in the clerk's words, and `places migrate` that says old → new."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, snapshot

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def _workbook(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path: Path, text: str, *, bom: bool = True, crlf: bool = True) -> Path:
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes(("\ufeff" if bom else "").encode() + data.encode("utf-8"))
    return path


def _add(htx: Htx, code: str = "4700284512", name: str = "HTX Tân Thành") -> None:
    r = htx("add", name, "--code", code, "--founded", "01/02/2019")
    assert r.exit_code == 0, r.stderr


# --- 20: every bad cell of a row at once ------------------------------------------------------


def test_every_bad_cell_of_a_row_is_reported_at_once(htx: Htx, db_path: Path | str, tmp_path: Path) -> None:
    before = snapshot(db_path)
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập", "Vốn điều lệ (đồng)", "Số thành viên"],
            ["4700284513", "HTX A", "31/02/2019", "abc", "zz"],
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 1
    line = next(line for line in r.stderr.splitlines() if "Sheet1!2" in line)
    assert "Ngày thành lập: '31/02/2019'" in line
    assert "Vốn điều lệ (đồng): 'abc'" in line
    assert "Số thành viên: 'zz'" in line
    assert snapshot(db_path) == before
    # A support file's row, and its rejects file with the same problems in one cell.
    support = _csv(tmp_path / "ho-tro.csv", "Chương trình;Ngày;Số tiền\nxx;32/1/2020;1.5\n")
    r = htx("import", "support", str(support), "--rejects", "-")
    rejected = list(csv.reader(io.StringIO(r.stdout), delimiter=";"))
    problem = rejected[1][-1]
    assert "Chương trình: 'xx'" in problem and "Ngày: '32/1/2020'" in problem and "Số tiền: '1.5'" in problem
    assert "\x1e" not in r.stdout + r.stderr


def test_every_bad_field_of_a_rating_row_is_reported(htx: Htx, tmp_path: Path) -> None:
    ratings = _csv(tmp_path / "xep-loai.csv", "code,year,grade\n47 00,3000,rất tốt\n", bom=False, crlf=False)
    r = htx("import", "ratings", str(ratings))
    assert r.exit_code == 1
    assert "code: '47 00'" in r.stderr and "year: '3000'" in r.stderr and "grade: 'rất tốt'" in r.stderr


# --- 22: the office's shorthand -----------------------------------------------------------------


def test_grades_in_shorthand(htx: Htx, tmp_path: Path) -> None:
    for code in ("4700284512", "4700284513", "4700284514", "4700284515"):
        _add(htx, code, f"HTX {code}")
    sheet = _csv(
        tmp_path / "xep-loai.csv",
        "Mã số thuế,Năm,Xếp loại\n"
        "4700284512,2024,T\n4700284513,2024,K\n4700284514,2024,TB\n4700284515,2024,Y\n",
    )
    r = htx("import", "ratings", str(sheet))
    assert r.exit_code == 0, r.stderr
    exported = htx("export", "ratings").stdout
    assert [row["grade"] for row in csv.DictReader(io.StringIO(exported))] == [
        "good",
        "fair",
        "average",
        "weak",
    ]
    assert htx("rate", "4700284512", "2023", "tb").exit_code == 0


def test_kinds_that_say_the_sector(htx: Htx, tmp_path: Path) -> None:
    sheet = _csv(
        tmp_path / "htx.csv",
        "Mã số thuế;Tên HTX;Loại hình;Ngày thành lập\n"
        "4700284512;HTX A;HTX nông nghiệp;01/02/2019\n"
        "4700284513;HTX B;HTX phi nông nghiệp;01/02/2019\n"
        "4700284514;HTX C;HTX;01/02/2019\n",
    )
    r = htx("import", "cooperatives", str(sheet))
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(htx("export", "cooperatives").stdout)))
    assert [(row["kind"], row["sector"]) for row in rows] == [
        ("cooperative", "agriculture"),
        ("cooperative", "other"),
        ("cooperative", ""),
    ]
    # A sector given wins over the one the kind implies.
    sheet = _csv(
        tmp_path / "htx2.csv",
        "Mã số thuế;Tên HTX;Loại hình;Ngành;Ngày thành lập\n"
        "4700284515;HTX D;HTX nông nghiệp;vận tải;01/02/2019\n",
    )
    assert htx("import", "cooperatives", str(sheet)).exit_code == 0
    assert '"sector": "transport"' in htx("show", "4700284515", "-f", "json").stdout
    r = htx("add", "HTX E", "--code", "4700284516", "--kind", "HTX nông nghiệp", "--founded", "01/02/2019")
    assert r.exit_code == 0, r.stderr
    assert '"sector": "agriculture"' in htx("show", "4700284516", "-f", "json").stdout


# The sector wordings an office uses, and the sector each is read as (the nearest of the vocabulary):
# accents, case, commas, hyphens, slashes and "và" aside.
OFFICE_SECTORS = (
    ("Thương mại, dịch vụ", "trade-services"),
    ("Thương mại - dịch vụ", "trade-services"),
    ("thương mại và dịch vụ", "trade-services"),
    ("THƯƠNG MẠI/DỊCH VỤ", "trade-services"),
    ("Dịch vụ", "trade-services"),
    ("Nông, lâm nghiệp", "agriculture"),
    ("Nông nghiệp", "agriculture"),
    ("Lâm nghiệp", "agriculture"),
    ("Thủy sản", "agriculture"),  # fisheries: the reports' nông, lâm, thủy sản
    ("Thuỷ sản", "agriculture"),
    ("Nông - Lâm - Ngư nghiệp", "agriculture"),
    ("Vận tải", "transport"),
    ("Xây dựng", "construction"),
    ("Công nghiệp - TTCN", "industry"),
    ("Công nghiệp, tiểu thủ công nghiệp", "industry"),
    ("Tiểu thủ công nghiệp", "industry"),
)


def test_an_offices_sector_wordings_are_read_as_the_nearest_sector(
    htx: Htx, db_path: Path | str, tmp_path: Path
) -> None:
    lines = [f'47002845{n:02d};HTX {n};"{sector}";01/02/2019' for n, (sector, _) in enumerate(OFFICE_SECTORS)]
    sheet = _csv(
        tmp_path / "htx.csv", "Mã số thuế;Tên HTX;Lĩnh vực;Ngày thành lập\n" + "\n".join(lines) + "\n"
    )
    r = htx("import", "cooperatives", str(sheet))
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(htx("export", "cooperatives").stdout)))
    got = {row["code"]: row["sector"] for row in rows}
    assert [got[f"47002845{n:02d}"] for n in range(len(OFFICE_SECTORS))] == [s for _, s in OFFICE_SECTORS]
    # A wording that maps nowhere refuses its row, in one line naming the field and the value.
    before = snapshot(db_path)
    sheet = _csv(
        tmp_path / "htx2.csv",
        "Mã số thuế;Tên HTX;Lĩnh vực;Ngày thành lập\n4700284599;HTX X;Du lịch;01/02/2019\n",
    )
    r = htx("import", "cooperatives", str(sheet))
    assert r.exit_code == 1 and "htx2.csv:2: Lĩnh vực: 'Du lịch' is not one of" in r.stderr, r.stderr
    assert snapshot(db_path) == before


# --- 18: a name beside the code; the year on the command line -----------------------------------


def test_a_ratings_sheet_with_names_and_without_a_year(htx: Htx, db_path: Path | str, tmp_path: Path) -> None:
    _add(htx, "4700284512", "Hợp tác xã Nông nghiệp Tân Thành")
    _add(htx, "4700284513", "HTX Chè Mỹ Phương")
    book = _workbook(
        tmp_path / "xep-loai-2025.xlsx",
        [
            ["BẢNG XẾP LOẠI HỢP TÁC XÃ NĂM 2025"],
            [],
            ["STT", "Mã số thuế", "Tên HTX", "Xếp loại"],
            [1, "4700284512", "HTX nông nghiệp Tân Thành", "Khá"],  # the same name, written short
            [2, "4700284513", "HTX Rau Bằng Thành", "TB"],  # another organisation's name
        ],
    )
    before = snapshot(db_path)
    r = htx("import", "ratings", str(book))
    assert r.exit_code == 1
    assert "year: is a required column" in r.stderr and "--year YEAR" in r.stderr
    assert snapshot(db_path) == before
    r = htx("import", "ratings", str(book), "--year", "2025")
    assert r.exit_code == 0, r.stderr
    assert "ratings: 2 new" in r.stderr
    warnings = [line for line in r.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1
    assert "Sheet1!5" in warnings[0] and "'HTX Rau Bằng Thành'" in warnings[0]
    assert "'HTX Chè Mỹ Phương'" in warnings[0]
    assert htx("export", "ratings").stdout.splitlines()[1:] == [
        "4700284512,2025,fair,,",
        "4700284513,2025,average,,",
    ]
    # A sheet with its own year column does not take --year too; --year is for ratings only.
    with_year = _csv(tmp_path / "r.csv", "Mã số thuế,Năm,Xếp loại\n4700284512,2024,Tốt\n")
    r = htx("import", "ratings", str(with_year), "--year", "2025")
    assert r.exit_code == 1 and "--year" in r.stderr and "'Năm'" in r.stderr
    r = htx("import", "support", str(with_year), "--year", "2025")
    assert r.exit_code == 1 and "--year" in r.stderr
    assert len(htx("export", "ratings").stdout.splitlines()) == 3


def test_a_rating_year_is_the_registrys_reporting_year(htx: Htx, db_path: Path | str, tmp_path: Path) -> None:
    """With periods from 15/12, 2026 runs from 15/12/2025 to 14/12/2026: an organisation founded on
    20/12/2025 is rated for 2026, not 2025; one dissolved on 16/12/2025 may still be rated for 2026."""
    assert htx("settings", "period-start", "15/12").exit_code == 0
    for args in (
        ("HTX Mới", "--code", "4700284512", "--founded", "20/12/2025"),
        ("HTX Cũ", "--code", "4700284513", "--founded", "20/12/2024", "--dissolved", "16/12/2025"),
    ):
        assert htx("add", *args).exit_code == 0
    rows: list[list[object]] = [
        ["Mã số thuế", "Tên HTX", "Xếp loại"],
        ["4700284512", "HTX Mới", "Khá"],
        ["4700284513", "HTX Cũ", "TB"],
    ]
    sheet = _workbook(tmp_path / "xl.xlsx", rows)
    before = snapshot(db_path)
    r = htx("import", "ratings", str(sheet), "--year", "2025")
    assert r.exit_code == 1, r.stderr
    assert "year: 2025 is before the reporting year 2026, in which it was founded (2025-12-20)" in r.stderr
    assert snapshot(db_path) == before
    r = htx("import", "ratings", str(sheet), "--year", "2026")
    assert r.exit_code == 0 and "ratings: 2 new" in r.stderr, r.stderr
    # With a year column, and one by one.
    by_year = _csv(tmp_path / "r.csv", "code,year,grade\n4700284513,2026,good\n4700284512,2025,fair\n")
    r = htx("import", "ratings", str(by_year))
    assert r.exit_code == 1 and "r.csv:3: year: 2025 is before the reporting year 2026" in r.stderr, r.stderr
    assert "r.csv:2" not in r.stderr
    assert htx("rate", "4700284513", "2026", "good").exit_code == 0
    r = htx("rate", "4700284512", "2025", "good")
    assert r.exit_code == 1 and "before the reporting year 2026" in r.stderr, r.stderr
    # db check reads the years as the report does: nothing outside a life.
    assert htx("db", "check").exit_code == 0


def test_a_support_sheet_with_names(htx: Htx, tmp_path: Path) -> None:
    _add(htx, "4700284512", "HTX Tân Thành")
    sheet = _csv(
        tmp_path / "ho-tro.csv",
        "Mã số thuế;Tên HTX;Chương trình;Ngày;Số tiền\n"
        "4700284512;HTX TÂN THÀNH;tín dụng;12/06/2025;350 triệu\n"
        ";;tập huấn;13/06/2025;20 triệu\n",
    )
    r = htx("import", "support", str(sheet))
    assert r.exit_code == 0, r.stderr
    assert "warning" not in r.stderr
    assert "support: 2 new" in r.stderr


# --- 19: the totals row and the signature block in the code column ---------------------------------


def test_totals_and_signature_written_in_the_code_column(htx: Htx, tmp_path: Path) -> None:
    _add(htx, "4700284512", "HTX Tân Thành")
    _add(htx, "4700284513", "HTX Chè Mỹ Phương")
    _add(htx, "4700284514", "HTX Rau Bằng Thành")
    book = _workbook(
        tmp_path / "xep-loai.xlsx",
        [
            ["Mã số thuế", "Năm", "Xếp loại"],
            ["4700284512", 2025, "Tốt"],
            ["4700284513", 2025, "Khá"],
            ["Tổng cộng", None, "2 HTX"],
            [],
            ["Người lập biểu", None, "Thủ trưởng đơn vị"],
            ["Thái Nguyên, ngày 05 tháng 12 năm 2026"],
            ["Nguyễn Thị Lan", None, "Hoàng Văn Minh"],
            ["4700284514", 2025, "TB"],  # a row with a code after them is still data
        ],
    )
    r = htx("import", "ratings", str(book))
    assert r.exit_code == 0, r.stderr
    assert f"{book}:Sheet1!4: the totals row 'Tổng cộng' was skipped" in r.stderr
    assert f"{book}:Sheet1!6: 3 row(s) after the totals row" in r.stderr and "'Người lập biểu'" in r.stderr
    assert "ratings: 3 new" in r.stderr
    # As the last row of a CSV file too.
    sheet = _csv(tmp_path / "r.csv", "Mã số thuế;Năm;Xếp loại\n4700284512;2024;Tốt\nTổng cộng;;1\n")
    r = htx("import", "ratings", str(sheet))
    assert r.exit_code == 0, r.stderr
    assert "the totals row 'Tổng cộng' was skipped" in r.stderr
    # With its count beside the word, in the name column of a sheet whose code is left empty.
    text = "Mã số thuế;Tên HTX;Năm;Xếp loại\n4700284512;HTX Tân Thành;2024;Tốt\n;Tổng cộng: 1 HTX;;\n"
    r = htx("import", "ratings", str(_csv(tmp_path / "r2.csv", text)))
    assert r.exit_code == 0, r.stderr
    assert "the totals row 'Tổng cộng: 1 HTX' was skipped" in r.stderr


# --- 21: money in triệu and tỷ đồng; Excel's day numbers ------------------------------------------


def test_money_in_trieu_and_ty_dong_is_scaled(htx: Htx, tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập", "Vốn điều lệ (triệu đồng)"],
            ["4700284512", "HTX A", "15/03/2019", 1.5],  # a number cell with a fraction
            ["4700284513", "HTX B", "15/03/2019", 350],
            ["4700284514", "HTX C", "15/03/2019", "1.200"],  # typed as text, grouped
            ["4700284515", "HTX D", "15/03/2019", "2 tỷ"],  # a cell that says its own unit keeps it
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    assert f"{book}:Sheet1!1: the column 'Vốn điều lệ (triệu đồng)' is in triệu đồng" in r.stderr
    rows = list(csv.DictReader(io.StringIO(htx("export", "cooperatives").stdout)))
    assert [row["capital_vnd"] for row in rows] == ["1500000", "350000000", "1200000000", "2000000000"]
    support = _csv(
        tmp_path / "ho-tro.csv",
        "Mã số thuế;Chương trình;Ngày;Kinh phí (tỷ đồng)\n4700284512;tín dụng;12/06/2025;2,085\n",
    )
    r = htx("import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    assert "is in tỷ đồng" in r.stderr
    assert ",2085000000," in htx("export", "support").stdout


def test_excel_day_numbers_in_a_date_column_are_dates(htx: Htx, tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập"],
            ["4700284512", "HTX A", 43831],  # a date column formatted General: 01/01/2020
            ["4700284513", "HTX B", "15/03/2019"],
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    assert (
        "'Ngày thành lập' holds dates as Excel's day numbers" in r.stderr
        and "43831 is 2020-01-01" in r.stderr
    )
    rows = list(csv.DictReader(io.StringIO(htx("export", "cooperatives").stdout)))
    assert [row["founded"] for row in rows] == ["2020-01-01", "2019-03-15"]
    support = _csv(tmp_path / "ho-tro.csv", "Chương trình,Ngày\ntập huấn,45658\n")
    r = htx("import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    assert ",2025-01-01," in htx("export", "support").stdout


# --- 25: a rejects workbook in the clerk's words; Vietnamese values under Vietnamese headers -------


def test_a_rejects_workbook_says_loi_and_keeps_dates(db_path: Path | str, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import load_workbook

    from tests.conftest import invoke

    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập", "Số thành viên"],
            ["4700284512", "HTX A", datetime(2019, 3, 15), 12],
            ["4700284513", "HTX B", datetime(2019, 4, 1), "mười"],
        ],
    )
    rejects = tmp_path / "loi.xlsx"
    r = invoke(db_path, "--lang", "vi", "import", "cooperatives", str(book), "--rejects", str(rejects))
    assert r.exit_code == 1, r.stderr
    sheet = load_workbook(rejects).worksheets[0]
    assert sheet.title == "Dòng lỗi"
    assert [c.value for c in sheet[1]] == ["Mã số thuế", "Tên HTX", "Ngày thành lập", "Số thành viên", "Lỗi"]
    founded = sheet.cell(2, 3)
    assert founded.is_date and founded.value == datetime(2019, 4, 1)
    assert "Số thành viên: 'mười'" in sheet.cell(2, 5).value
    # Corrected, it is read back: the column "Lỗi" is ignored as "error" is.
    writable = load_workbook(rejects)
    writable.worksheets[0].cell(2, 4).value = 10
    writable.save(rejects)
    r = invoke(db_path, "import", "cooperatives", str(rejects))
    assert r.exit_code == 0, r.stderr
    assert '"founded": "2019-04-01"' in invoke(db_path, "show", "4700284513", "-f", "json").stdout


def test_export_with_vietnamese_headers_writes_vietnamese_values(
    htx: Htx, databases: Callable[[], object]
) -> None:
    r = htx(
        "add",
        "HTX A",
        "--code",
        "4700284512",
        "--kind",
        "HTX",
        "--sector",
        "nông nghiệp",
        "--founded",
        "15/03/2019",
    )
    assert r.exit_code == 0, r.stderr
    assert htx("rate", "4700284512", "2024", "khá").exit_code == 0
    assert (
        htx(
            "support", "add", "credit", "--to", "4700284512", "--date", "12/06/2024", "--amount", "350 triệu"
        ).exit_code
        == 0
    )
    organisations = htx("export", "cooperatives", "--headers", "vi").stdout.splitlines()
    assert organisations[1].startswith("4700284512,HTX A,Hợp tác xã,,,Nông nghiệp,15/03/2019,")
    assert htx("export", "ratings", "--headers", "vi").stdout.splitlines()[1] == "4700284512,2024,Khá,,"
    assert (
        htx("export", "support", "--headers", "vi")
        .stdout.splitlines()[1]
        .startswith("4700284512,Tín dụng,12/06/2024,350000000,")
    )
    # The contract's own headers keep the contract's values.
    assert htx("export", "ratings").stdout.splitlines()[1] == "4700284512,2024,fair,,"


# --- 23: numbers Excel made of phones and codes; Unicode Text; files htx does not read --------------


def test_a_phone_excel_made_a_number_warns(htx: Htx, tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập", "Số điện thoại"],
            ["4700284512", "HTX A", "15/03/2019", 912345678],  # Excel's number: the 0 is gone
            ["4700284513", "HTX B", "15/03/2019", 0],
            ["4700284514", "HTX C", "15/03/2019", "0912345678"],
            ["4700284515", "HTX D", "15/03/2019", "84912345678"],
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if ": warning: " in line]
    assert len(warned) == 2
    assert "Sheet1!2: warning: Số điện thoại: '912345678' looks like a number a spreadsheet made" in warned[0]
    assert "Sheet1!3: warning: Số điện thoại: '0'" in warned[1]
    # A file of changes that would write such numbers over the stored phones says so too.
    changes = _csv(tmp_path / "sua.csv", "code;phone\n4700284514;912345678\n")
    r = htx("import", "cooperatives", str(changes))
    assert r.exit_code == 0, r.stderr
    assert "sua.csv:2: warning: phone: '912345678'" in r.stderr
    assert "1 changed" in r.stderr


def test_a_nine_digit_tax_code_into_an_empty_registry_warns(htx: Htx, tmp_path: Path) -> None:
    sheet = _csv(
        tmp_path / "htx.csv",
        "Mã số thuế;Tên HTX;Ngày thành lập\n100222333;HTX A;15/03/2019\n4700284512;HTX B;15/03/2019\n",
    )
    r = htx("import", "cooperatives", str(sheet))
    assert r.exit_code == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if ": warning: " in line]
    assert warned == [
        f"{sheet}:2: warning: code: '100222333' has 9 digits: a tax code has 10, and a spreadsheet drops "
        "a leading 0 (0100222333?); format the column as Text and check the code"
    ]


def test_excels_unicode_text_is_read(htx: Htx, tmp_path: Path) -> None:
    import unicodedata

    text = (
        "Mã số thuế\tTên HTX\tNgày thành lập\r\n4700284512\t"
        + unicodedata.normalize("NFD", "HTX Ưu Đãi")
        + "\t15/03/2019\r\n"
    )
    path = tmp_path / "danh-sach.txt"
    path.write_bytes(text.encode("utf-16"))  # a BOM, then UTF-16, as Excel saves "Unicode Text"
    r = htx("import", "cooperatives", str(path))
    assert r.exit_code == 0, r.stderr
    assert '"name": "HTX Ưu Đãi"' in htx("show", "4700284512", "-f", "json").stdout


def test_files_htx_does_not_read_say_what_they_are(htx: Htx, db_path: Path | str, tmp_path: Path) -> None:
    import zipfile

    ods = tmp_path / "danh-sach.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    binary = tmp_path / "htx.dat"
    binary.write_bytes(b"\x00\x01\x02code,name\x00")
    before = snapshot(db_path)
    r = htx("import", "cooperatives", str(ods))
    assert r.exit_code == 1
    assert (
        "an OpenDocument spreadsheet (.ods" in r.stderr and "save it as an Excel workbook (.xlsx)" in r.stderr
    )
    r = htx("import", "cooperatives", str(pdf))
    assert (
        r.exit_code == 1 and "a PDF document, not a CSV file or an Excel workbook; save the table" in r.stderr
    )
    r = htx("import", "cooperatives", str(binary))
    assert r.exit_code == 1 and "not text" in r.stderr and "Traceback" not in r.stderr
    r = htx("--lang", "vi", "import", "cooperatives", str(ods))
    assert r.exit_code == 1 and "LibreOffice" in r.stderr and "OpenDocument spreadsheet" not in r.stderr
    assert snapshot(db_path) == before


# --- 24: places migrate says old → new --------------------------------------------------------------


def _old_registry(htx: Htx) -> None:
    from tests.conftest import EXAMPLE

    assert htx("import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0


def test_migrate_dry_run_lists_old_and_new_per_organisation(htx: Htx, db_path: Path | str) -> None:
    _old_registry(htx)
    before = snapshot(db_path)
    r = htx("places", "migrate", "--dry-run")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 211  # one per organisation it would map (i and y alike: Sĩ Bình is Sỹ Bình)
    assert "4700257731 " in r.stdout
    line = next(x for x in lines if x.startswith("4700257731 "))
    assert line.endswith(": Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn → Xã Thượng Minh, Thái Nguyên")
    # Not found in the old list by any province: no hint to name one.
    assert "--from-province" not in r.stderr
    r = htx("places", "migrate", "--dry-run", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["code", "name", "old_address", "new_address", "outcome", "candidates"]
    row = next(x for x in rows if x["code"] == "4700257731")
    assert (row["old_address"], row["new_address"], row["outcome"]) == (
        "Mỹ Phương, Ba Bể",
        "Thượng Minh, Thái Nguyên",
        "mapped",
    )
    assert sum(x["outcome"] == "not_found" for x in rows) == 11  # i and y alike: 11 fewer than before
    # The machine format does not change with the language.
    assert htx("--lang", "vi", "places", "migrate", "--dry-run", "--format", "csv").stdout == r.stdout
    assert snapshot(db_path) == before


def test_migrate_gives_one_settle_command_per_line(htx: Htx) -> None:
    from htxcli.domain.units import gazetteer

    g = gazetteer()
    old = next(c for c in g.legacy_communes.values() if len(c.becomes) > 1 and c.province and c.district)
    assert old.province and old.district
    r = htx(
        "add", "HTX Chia", "--code", "4701000003", "--province", old.province.name,
        "--district", old.district.name, "--commune", old.name, "--founded", "01/01/2020",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = htx("places", "migrate", "--dry-run")
    commands = [x for x in r.stderr.splitlines() if x.strip().startswith("htx edit 4701000003")]
    assert len(commands) == len(old.becomes) > 1
    for command in commands:
        assert command.count("--commune") == 1 and "NAME" not in command
    assert "settle it with one of:" in r.stderr
    assert "--from-province" not in r.stderr  # one province only
    rows = list(csv.DictReader(io.StringIO(htx("places", "migrate", "--dry-run", "-f", "csv").stdout)))
    assert [x["outcome"] for x in rows if x["code"] == "4701000003"] == ["ambiguous"]


@pytest.mark.skipif(__import__("sys").platform == "win32", reason="needs a pseudo-terminal")
def test_migrate_answered_no_says_nothing_was_changed(htx: Htx, db_path: Path | str) -> None:
    from tests.terminal import Terminal

    _old_registry(htx)
    before = snapshot(db_path)
    with Terminal(db_path, "--lang", "vi", "places", "migrate") as terminal:
        terminal.expect("01/07/2025?")
        terminal.type("k")
        terminal.expect("không có địa chỉ nào được thay đổi")
        code, out = terminal.finish()
    assert code == 1
    assert "Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn → Xã Thượng Minh, Thái Nguyên" in out  # before the question
    assert snapshot(db_path) == before


def test_migrate_suggests_the_old_province_only_when_several_match(htx: Htx) -> None:
    # An Lão, An Lão is a district and commune of Hải Phòng and of Bình Định: naming the province settles it.
    r = htx(
        "add",
        "HTX X",
        "--code",
        "4701000009",
        "--district",
        "An Lão",
        "--commune",
        "An Lão",
        "--founded",
        "01/01/2020",
    )
    assert r.exit_code == 0, r.stderr
    r = htx("places", "migrate", "--dry-run")
    line = next(x for x in r.stderr.splitlines() if x.startswith("4701000009 "))
    assert "(name the old province with --from-province); settle it with one of:" in line
    assert len([x for x in r.stderr.splitlines() if x.strip().startswith("htx edit 4701000009")]) == 2
    r = htx("places", "migrate", "--dry-run", "--from-province", "Hải Phòng")
    assert r.stdout.startswith(
        "4701000009 HTX X: Thị trấn An Lão, Huyện An Lão, Hải Phòng → Xã An Lão, Hải Phòng"
    )


@pytest.mark.parametrize(
    ("label", "totals"),
    [
        ("Tổng cộng", True),
        ("TỔNG CỘNG", True),
        ("Tổng cộng: 10 HTX", True),
        ("Cộng (12 tổ chức)", True),
        ("Tổng số 5", True),
        ("Total", True),
        ("Tổng cộng HTX", False),  # no count: a name, as far as anyone can tell
        ("Tổng Công ty Xây dựng", False),
        ("Cộng đồng Xanh", False),
        ("HTX Tổng hợp 5", False),
        ("4700284512", False),
    ],
)
def test_a_totals_rows_label_may_carry_its_count(label: str, totals: bool) -> None:
    from htxcli.domain.headers import totals_label

    assert (totals_label(["", label, "", "10"]) == label) is totals
