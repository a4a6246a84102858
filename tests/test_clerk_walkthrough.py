"""What a Vietnamese-reading clerk still found to correct by hand once issue 25 was built (Thái Nguyên,
December 2026, period start 15/12): the address in force with its type words in `list` and `show`, the
report's words and shares, the places commands' words, the import's messages, and `settings` on a new
registry. Each through the CLI in Vietnamese, as the clerk runs htx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Run, lines_beneath, snapshot, word_figures

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


@pytest.fixture
def vi(htx: Htx, monkeypatch: pytest.MonkeyPatch) -> Iterator[Htx]:
    """htx in Vietnamese, on a terminal wide enough that no cell wraps."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, input: str | None = None) -> Run:
        return htx("--lang", "vi", *args, input=input)

    yield run


@pytest.fixture
def thai_nguyen(vi: Htx) -> Htx:
    """The clerk's registry: Thái Nguyên, periods from 15/12; a cooperative registered in Mỹ Phương (Ba
    Bể, Bắc Kạn) moved to Xã Thượng Minh by `places migrate`, one founded there in 2026, and a group."""
    for args in (
        ("settings", "province", "thai nguyen"),
        ("settings", "period-start", "15/12"),
        ("add", "HTX Chè Mỹ Phương", "--code", "4700284512", "--province", "Bắc Kạn", "--district", "Ba Bể",
         "--commune", "Mỹ Phương", "--founded", "20/04/2015", "--capital", "1,5 tỷ"),
        ("add", "HTX Mới", "--code", "4601254871", "--commune", "Thượng Minh", "--founded", "02/02/2026",
         "--capital", "200 triệu", "--members", "7"),
        ("add", "Tổ hợp tác Ăn Quả", "--code", "THT-07", "--kind", "THT", "--commune", "Thượng Minh",
         "--founded", "09/01/2026"),
        ("places", "migrate", "--yes"),
    ):  # fmt: skip
        r = vi(*args)
        assert r.exit_code == 0, (args, r.stderr)
    return vi


# --- 1: list and show print the address in force, with its type words ---------------------------------


def test_list_and_show_print_the_address_in_force_with_type_words(thai_nguyen: Htx) -> None:
    listed = thai_nguyen("list").stdout
    assert "Địa chỉ" in listed and "Huyện" not in listed
    row = next(line for line in listed.splitlines() if "4700284512" in line)
    assert "Xã Thượng Minh, Thái Nguyên" in row and "Ba Bể" not in row
    assert "đang hoạt động" in row
    shown = thai_nguyen("show", "4700284512").stdout
    assert "Xã Thượng Minh, Thái Nguyên (từ 01/07/2025)" in shown
    assert "Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn" in shown
    # One word for an organisation operating today, as `list` says it.
    assert "Đang hoạt động" in shown and "Hoạt động\n" not in shown.replace(" ", "")
    new = thai_nguyen("show", "4601254871").stdout
    assert "Xã Thượng Minh, Thái Nguyên" in new
    # CSV and JSON keep the stored names.
    assert "Xã Thượng Minh" not in thai_nguyen("list", "--format", "csv").stdout
    assert "Xã Thượng Minh" not in thai_nguyen("show", "4700284512", "--format", "json").stdout


# --- 2: the report's words, shares and money -----------------------------------------------------------


def _six_rated(htx: Htx) -> None:
    """Six cooperatives of Xã Thượng Minh rated in 2026: four effective, one average, one weak."""
    grades = ("tốt", "khá", "tốt", "khá", "trung bình", "yếu")
    for i, grade in enumerate(grades):
        code = f"46012549{i:02d}"
        r = htx("add", f"HTX Số {i}", "--code", code, "--commune", "Thượng Minh", "--founded", "01/03/2026")
        assert r.exit_code == 0, r.stderr
        assert htx("rate", code, "2026", grade).exit_code == 0


def test_the_report_of_a_commune_is_titled_with_its_type_word(thai_nguyen: Htx, tmp_path: Path) -> None:
    r = thai_nguyen("report", "2026", "--commune", "thuong minh")
    assert r.exit_code == 0, r.stderr
    assert (
        r.stdout.splitlines()[0]
        == "Tình hình phát triển kinh tế tập thể năm 2026 trên địa bàn xã Thượng Minh"
    )
    words = thai_nguyen("report", "2026", "--commune", "thuong minh", "--format", "text").stdout
    assert "trên địa bàn xã Thượng Minh" in words  # in running text, as Decree 30 writes a unit
    target = tmp_path / "2026.docx"
    assert thai_nguyen("report", "2026", "--commune", "thuong minh", "-o", str(target)).exit_code == 0
    from docx import Document

    subject = Document(str(target)).paragraphs[1].text
    assert subject == "Tình hình phát triển kinh tế tập thể năm 2026 trên địa bàn xã Thượng Minh"
    # The JSON keeps the name as the registry holds it.
    assert (
        '"commune": "Thượng Minh"'
        in thai_nguyen("report", "2026", "--commune", "thuong minh", "--format", "json").stdout
    )


def test_a_comparison_names_the_periods_last_day_when_it_is_not_31_december(thai_nguyen: Htx) -> None:
    out = thai_nguyen("report", "2026", "--compare").stdout
    assert "Số lượng tổ chức kinh tế tập thể đến ngày 14/12 hằng năm" in out
    assert "cuối năm" not in out
    calendar = thai_nguyen("report", "2026", "--compare", "--period-start", "01/01").stdout
    assert "Số lượng tổ chức kinh tế tập thể đến cuối năm" in calendar


def test_equal_counts_print_equal_shares_and_the_rated_are_counted_as_htx(thai_nguyen: Htx) -> None:
    _six_rated(thai_nguyen)
    out = thai_nguyen("report", "2026").stdout
    assert "6 HTX đã xếp loại. Còn 2 HTX chưa có kết quả đánh giá năm 2026" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip().startswith(("Trung", "Yếu"))}
    assert " 17%" in rows["Trung"] and " 17%" in rows["Yếu"]
    assert "66%" in out
    text = thai_nguyen("report", "2026", "--format", "text").stdout
    assert "66%" in text and text.count("17%") == 2


def test_averages_in_a_sentence_are_written_to_one_decimal_of_a_trieu(thai_nguyen: Htx) -> None:
    for code, revenue in (("4700284512", "64.565.000"), ("4601254871", "64.565.000")):
        r = thai_nguyen("figures", code, "2026", "--revenue", revenue)
        assert r.exit_code == 0, r.stderr
    text = thai_nguyen("report", "2026", "--format", "text").stdout
    assert "64,6 triệu đồng" in text and "64,565" not in text


def test_a_group_without_capital_is_not_reported_as_0_dong(thai_nguyen: Htx) -> None:
    out = thai_nguyen("report", "2026").stdout
    group = next(line for line in out.splitlines() if line.strip().startswith("Tổ hợp tác"))
    assert "₫" not in group
    union = next(line for line in out.splitlines() if line.strip().startswith("Liên hiệp HTX"))
    assert union.split()[-1] == "0"  # no union at all: a capital of 0, as its counts (issue 25)
    compared = thai_nguyen("report", "2026", "--compare").stdout
    # 2025 had no group (0), 2026's gave no capital (blank): the line shows both, the change blank
    group = lines_beneath(compared, "Tổ hợp tác")
    capital = next(line for line in group if "Vốn điều lệ" in line)
    assert capital.split()[-1] == "0" and any("Thành viên" in line for line in group)


# --- 4: the places commands and the import's errors in the clerk's words -------------------------------


def test_migrate_dry_run_names_old_and_new_units_with_their_type_words(vi: Htx) -> None:
    r = vi("add", "HTX Chè Mỹ Phương", "--code", "4700284512", "--province", "Bắc Kạn", "--district", "ba be",
           "--commune", "my phuong", "--founded", "20/04/2015")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    r = vi("places", "migrate", "--dry-run")
    assert r.stdout == (
        "4700284512 HTX Chè Mỹ Phương: Xã Mỹ Phương, Huyện Ba Bể, Bắc Kạn → Xã Thượng Minh, Thái Nguyên\n"
    )
    # CSV keeps the stored names, as it always wrote them.
    assert "Mỹ Phương, Ba Bể, Bắc Kạn,Thượng Minh, Thái Nguyên" in vi(
        "places", "migrate", "--dry-run", "--format", "csv"
    ).stdout.replace('"', "")


def test_places_search_says_its_source_in_vietnamese(vi: Htx) -> None:
    r = vi("places", "search", "thuong minh")
    source = r.stderr.splitlines()[-1]
    assert source.startswith("Nguồn: ") and "; dữ liệu từ danhmuchanhchinh.gso.gov.vn" in source
    assert " from " not in source and " and " not in source


def test_a_workbooks_unknown_column_is_named_without_english_words(vi: Htx, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    sheet.append(["Mã số thuế", "Năm", "Xếp loại", "Cột lạ"])
    sheet.append(["4700284512", 2026, "tốt", "x"])
    book.save(tmp_path / "xep-loai.xlsx")
    r = vi("import", "ratings", str(tmp_path / "xep-loai.xlsx"))
    assert r.exit_code == 1
    assert "Cột lạ: không phải là cột của danh sách xếp loại; các cột gồm: Mã số, Năm, Xếp loại" in r.stderr
    assert "(ratings)" not in r.stderr


# --- 5: the import's messages -------------------------------------------------------------------------


def test_a_future_date_cell_is_said_as_the_clerk_writes_dates(vi: Htx, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã số thuế", "Tên HTX", "Ngày thành lập"])
    sheet.append(["4601254879", "HTX Tương Lai", datetime(2099, 1, 31)])
    book.save(tmp_path / "htx.xlsx")
    r = vi("import", "cooperatives", str(tmp_path / "htx.xlsx"))
    assert r.exit_code == 1
    assert "Ngày thành lập: '31/01/2099' muộn hơn ngày hôm nay" in r.stderr
    assert "2099-01-31" not in r.stderr


def _figures_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "so-lieu.csv"
    header = "Mã số thuế,Tên HTX,Năm,Doanh thu (triệu đồng),Lợi nhuận (tỷ đồng),Số thành viên\n"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_import_figures_keeps_a_name_column_and_says_the_scaled_units(
    thai_nguyen: Htx, tmp_path: Path
) -> None:
    path = _figures_file(
        tmp_path, '4601254871,HTX Mới,2026,"1.250,5","0,1",7', "4700284512,HTX Khác,2026,80,,9"
    )
    r = thai_nguyen("import", "figures", str(path))
    assert r.exit_code == 0, r.stderr
    assert "'Doanh thu (triệu đồng)' tính bằng triệu đồng" in r.stderr
    assert "'Lợi nhuận (tỷ đồng)' tính bằng tỷ đồng" in r.stderr
    # The name is compared with the registered one, never stored.
    assert "Tên HTX: 'HTX Khác' khác tên đã đăng ký của 4700284512" in r.stderr
    shown = thai_nguyen("figures", "4601254871", "--format", "json").stdout
    assert "1250500000" in shown and "100000000" in shown


def test_import_figures_reports_every_bad_cell_of_a_row(
    thai_nguyen: Htx, db_path: Path | str, tmp_path: Path
) -> None:
    before = snapshot(db_path)
    r = thai_nguyen("import", "figures", str(_figures_file(tmp_path, "4601254871,HTX Mới,2026,xx,yy,zz")))
    assert r.exit_code == 1
    line = next(line for line in r.stderr.splitlines() if "so-lieu.csv:2" in line)
    assert "Doanh thu (triệu đồng): 'xx'" in line
    assert "Lợi nhuận (tỷ đồng): 'yy'" in line
    assert "Số thành viên: 'zz'" in line
    assert snapshot(db_path) == before


# --- 6: settings start a registry; the report's help names today's department ----------------------------


def test_settings_starts_a_new_registry_as_a_first_command_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import invoke, missing_database

    db = missing_database(tmp_path)
    r = invoke(db, "--lang", "vi", "settings", "province", "xyz")  # refused: no registry left behind
    assert r.exit_code == 1 and not db.exists()
    r = invoke(db, "--lang", "vi", "settings", "province", "thai nguyen")
    assert r.exit_code == 0, r.stderr
    assert "Thiết lập tỉnh: (chưa đặt) -> Thái Nguyên" in r.stderr
    assert f"Đã tạo sổ đăng ký mới tại {db}" in r.stderr
    assert invoke(db, "settings", "province").stdout == "Thái Nguyên\n"
    # Reading a setting still refuses a registry that is not there.
    other = missing_database(tmp_path / "other")
    assert invoke(other, "settings", "province").exit_code == 1 and not other.exists()


def test_the_reports_help_names_the_department_of_finance(vi: Htx) -> None:
    shown = " ".join(vi("report", "--help").stdout.split())
    assert "--office 'SỞ TÀI CHÍNH'" in shown and "KẾ HOẠCH VÀ ĐẦU TƯ" not in shown


# --- 3: balanced columns: a figure's header wraps twice at most ---------------------------------------


def _header_lines_of(document_path: Path) -> list[tuple[str, int]]:
    """(header, lines) of every figure column's header of the Word report's data tables, wrapped as
    htx measures text in the width Word gives the cell (its margins of 1.9 mm each side aside)."""
    from docx import Document

    from htxcli.render.document import header_lines

    doc = Document(str(document_path))
    found = []
    for table in word_figures(doc):
        header, first = table.rows[0].cells, table.rows[-1].cells
        for cell, below in zip(header[1:], first[1:], strict=True):
            run = cell.paragraphs[0].runs[0]
            if not any(c.isdigit() for c in below.text):
                continue  # a label column (a unit's name)
            lines = header_lines(cell.text, cell.width.mm - 3.8, run.font.size.pt)
            found.append((cell.text.replace("\xa0", " "), lines))  # a bracketed note's spaces do not break
    return found


def test_word_headers_wrap_twice_at_most(thai_nguyen: Htx, example_db: Path | str, tmp_path: Path) -> None:
    from tests.conftest import invoke

    _six_rated(thai_nguyen)
    assert thai_nguyen("report", "2026", "-o", str(tmp_path / "2026.docx")).exit_code == 0
    assert (
        invoke(example_db, "--lang", "vi", "report", "2018", "-o", str(tmp_path / "2018.docx")).exit_code == 0
    )
    for name in ("2026.docx", "2018.docx"):
        lines = _header_lines_of(tmp_path / name)
        assert ("Hiện có (còn đăng ký)", 3) in lines or ("Hiện có (còn đăng ký)", 2) in lines, lines
        # A change's header is a phrase ("Tăng (+), giảm (−) so với năm 2025"): it may take a line more.
        assert all(n <= (4 if h.startswith("Tăng (+)") else 3) for h, n in lines), (name, lines)
