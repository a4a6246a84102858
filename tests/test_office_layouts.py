"""The office's sheets laid out as offices lay them out, and the words a Vietnamese clerk meets around
them: a row of column numbers under the header, a header of two rows, a row that names the organisation
but not its code; the clerk's words for every command in the history; `htx figures CODE YEAR` shows that
year."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, newest_entry, snapshot

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def _workbook(path: Path, rows: list[list[object]], merged: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def _csv(path: Path, text: str) -> Path:
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    return path


def _vi(htx: Htx, *args: str, input: str | None = None) -> Run:
    return htx("--lang", "vi", *args, input=input)


def _add(htx: Htx, code: str = "4600300001", name: str = "HTX Chè Tân Cương") -> None:
    r = htx("add", name, "--code", code, "--founded", "01/02/2019")
    assert r.exit_code == 0, r.stderr


def _exported(htx: Htx, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(htx("export", table).stdout)))


# --- a row of column numbers under the header -------------------------------------------------


def test_a_row_of_column_numbers_under_the_header_is_skipped(htx: Htx, tmp_path: Path) -> None:
    _add(htx)
    ratings = _csv(
        tmp_path / "xep-loai.csv",
        "STT,Mã số thuế,Tên HTX,Năm,Xếp loại\n(1),(2),(3),(4),(5)\n1,4600300001,HTX Chè Tân Cương,2025,Khá\n",
    )
    r = _vi(htx, "import", "ratings", str(ratings))
    assert r.exit_code == 0, r.stderr
    assert "xep-loai.csv:2: đã bỏ qua dòng đánh số cột dưới dòng tiêu đề" in r.stderr
    assert [row["grade"] for row in _exported(htx, "ratings")] == ["fair"]
    # Unbracketed numbers, and letters then numbers, in a workbook: cooperatives, figures, support.
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["Mã số thuế", "Tên HTX", "Ngày thành lập"],
            ["A", "B", 1],
            ["4600300002", "HTX Hoa Sơn", "01/03/2020"],
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    assert "Sheet1!2: the row of column numbers under the header was skipped" in r.stderr
    book = _workbook(
        tmp_path / "so-lieu.xlsx",
        [["Mã số thuế", "Năm", "Doanh thu"], [1, 2, 3], ["4600300002", 2025, 5_000_000]],
    )
    r = htx("import", "figures", str(book))
    assert r.exit_code == 0, r.stderr
    assert [row["revenue_vnd"] for row in _exported(htx, "figures")] == ["5000000"]
    support = _csv(
        tmp_path / "ho-tro.csv",
        "Mã số thuế;Chương trình;Ngày;Số tiền\n(1);(2);(3);(4)\n;tập huấn;12/03/2025;5tr\n",
    )
    r = htx("import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    assert len(_exported(htx, "support")) == 1
    plans = _csv(tmp_path / "ke-hoach.csv", "year,indicator,target\n(1),(2),(3)\n2026,new-cooperatives,5\n")
    r = htx("import", "plans", str(plans))
    assert r.exit_code == 0, r.stderr
    assert "ke-hoach.csv:2: the row of column numbers under the header was skipped" in r.stderr
    assert [row["target"] for row in _exported(htx, "plans")] == ["5"]


def test_a_row_of_data_is_not_taken_for_column_numbers(htx: Htx, db_path: Path, tmp_path: Path) -> None:
    # Numbers that do not count the columns up by one are data, refused as such.
    before = snapshot(db_path)
    ratings = _csv(tmp_path / "xep-loai.csv", "Mã số thuế,Năm,Xếp loại\n(1),(3),(2)\n")
    r = htx("import", "ratings", str(ratings))
    assert r.exit_code == 1 and "Năm: '(3)'" in r.stderr
    assert snapshot(db_path) == before


# --- htx figures CODE YEAR shows that year ------------------------------------------------------


def test_figures_of_one_year_are_shown(htx: Htx) -> None:
    _add(htx)
    for year, revenue in (("2025", "1 tỷ"), ("2026", "2 tỷ")):
        r = htx("figures", "4600300001", year, "--revenue", revenue)
        assert r.exit_code == 0, r.stderr
    r = _vi(htx, "figures", "4600300001", "2026")
    assert r.exit_code == 0, r.stderr
    assert "2026" in r.stdout and "2.000.000.000" in r.stdout
    assert "2025" not in r.stdout and "1.000.000.000" not in r.stdout
    shown = json.loads(htx("figures", "4600300001", "2026", "--format", "json").stdout)
    assert list(shown["years"]) == ["2026"] and shown["years"]["2026"]["revenue_vnd"] == 2_000_000_000
    table = list(csv.reader(io.StringIO(htx("figures", "4600300001", "2025", "-f", "csv").stdout)))
    assert table[0] == ["field", "2025"]
    assert ["revenue_vnd", "1000000000"] in table
    r = _vi(htx, "figures", "4600300001", "2024")
    assert r.exit_code == 0 and r.stderr == "Chưa có số liệu năm 2024 của 4600300001.\n"
    r = htx("figures", "4600300001", "20x6")
    assert r.exit_code == 1 and "20x6" in r.stderr


# --- the clerk's words: commands, fields and options ---------------------------------------------


def test_every_command_that_writes_has_the_clerks_word() -> None:
    from htxcli.domain import messages
    from htxcli.services.rowsource import COLUMNS

    writing = {*messages.HISTORY_HEADLINES, *(f"import {table}" for table in (*COLUMNS, "plans")), "undo"}
    assert sorted(writing - set(messages.COMMAND_WORDS)) == []


def test_history_and_undo_of_figures_and_plans_in_the_clerks_words(
    htx: Htx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: each change on a line of its own
    _add(htx)
    figures = _csv(tmp_path / "so-lieu.csv", "Mã số thuế,Năm,Doanh thu\n4600300001,2025,5000000\n")
    assert htx("import", "figures", str(figures)).exit_code == 0
    assert htx("figures", "4600300001", "2026", "--revenue", "2 tỷ", "--high-tech", "có").exit_code == 0
    assert (
        htx("figures", "4600300001", "2026", "--profit", "150 triệu", "--high-tech", "không").exit_code == 0
    )
    assert htx("plan", "set", "2026", "good-fair-share", "70").exit_code == 0
    assert htx("plan", "estimate", "2026", "good-fair-share", "65").exit_code == 0
    assert htx("plan", "set", "2026", "good-fair-share", "75").exit_code == 0
    shown = " ".join(_vi(htx, "history", "--limit", "6").stdout.replace("│", " ").split())
    assert "nhập số liệu" in shown and "ghi số liệu" in shown and "đặt kế hoạch" in shown
    assert "import figures" not in shown and " figures " not in shown
    assert "Ước thực hiện cả năm: – → 65%" in shown and "70% → 75%" in shown
    assert "Ứng dụng công nghệ cao: có → không" in shown and "– → 150.000.000 ₫" in shown
    assert "estimate:" not in shown and "target:" not in shown and "True" not in shown
    for _ in range(3):
        assert _vi(htx, "undo", "--yes").exit_code == 0
    r = _vi(htx, "undo", "--yes")
    assert r.stderr.startswith("Hoàn tác #4 ghi số liệu,"), r.stderr
    assert "Đã hoàn tác #4 (ghi số liệu 4600300001 2026)" in r.stderr
    assert _vi(htx, "undo", "--yes").exit_code == 0
    r = _vi(htx, "undo", "--yes")
    assert "Đã hoàn tác #2 (nhập số liệu " in r.stderr, r.stderr
    # English keeps the commands as typed.
    assert "│ figures" in htx("history").stdout.replace("  ", " ")


def test_a_figure_is_named_by_the_option_the_clerk_typed(htx: Htx) -> None:
    _add(htx)
    r = _vi(htx, "figures", "4600300001", "2026", "--doanh-thu", "1 triệu", "--loi-nhuan=5 triệu")
    assert r.exit_code == 0, r.stderr
    assert "Cảnh báo: --loi-nhuan: '5.000.000 ₫' lớn hơn doanh thu" in r.stderr and "--profit" not in r.stderr
    r = _vi(htx, "figures", "4600300001", "2026", "--cong-nghe-cao", "hmm")
    assert r.exit_code == 1 and r.stderr.startswith("Lỗi: --cong-nghe-cao: 'hmm'"), r.stderr
    r = htx("figures", "4600300001", "2026", "--revenue", "1 triệu", "--profit", "6 triệu")
    assert "Warning: --profit: " in r.stderr


def test_plan_help_lists_the_indicators_by_their_vietnamese_names() -> None:
    from typer.testing import CliRunner

    from htxcli.cli.app import app
    from htxcli.domain.vocab import INDICATORS

    shown = " ".join(CliRunner().invoke(app, ["--lang", "vi", "plan", "set", "--help"]).stdout.split())
    for key in INDICATORS.keys:
        label = INDICATORS.labels[key]
        assert label in shown and key in shown.replace("- ", "-")
        assert INDICATORS.parse(label) == key


# --- an import says its history entry; its undo counts rows, not years ----------------------------


def test_an_import_names_its_history_entry_and_its_undo_counts_rows(htx: Htx, tmp_path: Path) -> None:
    _add(htx)
    rows = "".join(f"4600300001,{year},1000000\n" for year in range(2020, 2026))
    figures = _csv(tmp_path / "so-lieu.csv", "code,year,revenue_vnd\n" + rows)
    r = _vi(htx, "import", "figures", str(figures))
    entry = newest_entry(htx)
    assert (
        r.stderr.splitlines()[-1]
        == f"số liệu: 6 mới, 0 thay đổi, 0 không đổi (mục lịch sử {entry}; htx undo để hoàn tác)"
    )
    r = _vi(htx, "import", "figures", str(figures))  # nothing written: no entry to name
    assert r.stderr.splitlines()[-1] == "số liệu: 0 mới, 0 thay đổi, 6 không đổi"
    r = _vi(htx, "undo", "--yes")
    assert "đã xóa 6 dòng số liệu" in r.stderr and "năm" not in r.stderr.splitlines()[-1], r.stderr
    plans = _csv(tmp_path / "ke-hoach.csv", "year,indicator,target\n2026,new-cooperatives,5\n")
    r = htx("import", "plans", str(plans), "--dry-run")
    assert r.stderr.splitlines()[-1] == "plans: 1 new, 0 changed, 0 unchanged (dry run: nothing written)"
    r = htx("import", "plans", str(plans))
    entry = newest_entry(htx)
    assert r.stderr.splitlines()[-1] == (
        f"plans: 1 new, 0 changed, 0 unchanged (history entry {entry}; htx undo reverts it)"
    )
    ratings = _csv(tmp_path / "xep-loai.csv", "code,year,grade\n4600300001,2025,good\n")
    r = htx("import", "ratings", str(ratings))
    entry = newest_entry(htx)
    assert r.stderr.endswith(f"(history entry {entry}; htx undo reverts it)\n")


# --- a row that names the organisation but not its code ------------------------------------------


def test_a_row_without_a_code_says_which_code_its_name_is(htx: Htx, db_path: Path, tmp_path: Path) -> None:
    _add(htx)
    _add(htx, "4600300002", "HTX Hoa Sơn")
    _add(htx, "4600300003", "HTX Hoa Son")
    before = snapshot(db_path)
    ratings = _csv(
        tmp_path / "xep-loai.csv",
        "Mã số thuế,Tên HTX,Năm,Xếp loại\n"
        ",htx chè tân cương,2025,Khá\n,HTX Hoa Sơn,2025,Tốt\n,HTX Không Có,2025,Tốt\n,,2025,Tốt\n",
    )
    r = _vi(htx, "import", "ratings", str(ratings))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert lines[0].endswith(
        ":2: Mã số thuế: là bắt buộc, không được để trống; tên 'htx chè tân cương' trùng với mã 4600300001"
    )
    assert lines[1].endswith(
        ":3: Mã số thuế: là bắt buộc, không được để trống;"
        " tên 'HTX Hoa Sơn' trùng với nhiều tổ chức: 4600300002, 4600300003"
    )
    assert lines[2].endswith(
        "không tổ chức nào trong sổ đăng ký có tên 'HTX Không Có';"
        " tìm mã số bằng lệnh htx search 'HTX Không Có'"
    )
    assert lines[3].endswith(":5: Mã số thuế: là bắt buộc, không được để trống")
    assert snapshot(db_path) == before
    # A workbook of figures, and its rejects file, say it too.
    book = _workbook(
        tmp_path / "so-lieu.xlsx",
        [["Mã số thuế", "Tên HTX", "Năm", "Doanh thu"], [None, "HTX Chè Tân Cương", 2025, 5_000_000]],
    )
    r = htx("import", "figures", str(book), "--rejects", "-")
    assert "the name 'HTX Chè Tân Cương' is that of 4600300001" in r.stdout


# --- a header of two rows -----------------------------------------------------------------------------


def test_a_header_of_two_rows_is_read_as_the_office_means_it(htx: Htx, tmp_path: Path) -> None:
    _add(htx)
    book = _workbook(
        tmp_path / "so-lieu.xlsx",
        [
            ["BÁO CÁO SỐ LIỆU HTX NĂM 2025"],
            ["STT", "Mã số thuế", "Năm", "Sản phẩm OCOP", None, None, "Lao động", None, "Doanh thu"],
            [None, None, None, "3 sao", "4 sao", "5 sao", "Tổng số", "Trong đó thành viên", "(triệu đồng)"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
            [1, "4600300001", 2025, 2, 1, 0, 12, 8, 1500],
        ],
        merged=("A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:H2"),
    )
    r = htx("import", "figures", str(book))
    assert r.exit_code == 0, r.stderr
    assert "Sheet1!4: the row of column numbers under the header was skipped" in r.stderr
    row = _exported(htx, "figures")[0]
    assert (row["ocop_3"], row["ocop_4"], row["ocop_5"]) == ("2", "1", "0")
    assert (row["workers"], row["member_workers"], row["revenue_vnd"]) == ("12", "8", "1500000000")
    # The same as CSV (a sheet saved as CSV keeps both rows); a bad cell is named by its line.
    sheet = _csv(
        tmp_path / "so-lieu.csv",
        "Mã số thuế;Năm;Thành viên;;\n;;Tổng số;Thành viên mới;Thành viên liên kết\n4600300001;2024;30;x;2\n",
    )
    r = htx("import", "figures", str(sheet))
    assert r.exit_code == 1
    assert "so-lieu.csv:3: Thành viên mới: 'x'" in r.stderr, r.stderr
    # A row of data under a complete header stays a row of data.
    sheet = _csv(tmp_path / "mot-dong.csv", "Mã số thuế,Năm,Doanh thu\n4600300001,2023,5000000\n")
    assert htx("import", "figures", str(sheet)).exit_code == 0
    assert [row["year"] for row in _exported(htx, "figures")] == ["2023", "2025"]


def test_a_header_not_understood_names_the_columns_in_vietnamese(htx: Htx, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "so-lieu.csv", "Mã số thuế,Năm,Sản phẩm OCOP,,\n,,3 sao,4 sao,hạng khác\n")
    r = _vi(htx, "import", "figures", str(sheet))
    assert r.exit_code == 1
    line = r.stderr.splitlines()[0]
    assert ":1: Sản phẩm OCOP hạng khác: không phải là cột của danh sách số liệu hằng năm;" in line
    assert "các cột gồm: Mã số, Năm, Số thành viên," in line and "Sản phẩm OCOP 3 sao" in line
    assert "htx export figures --headers vi" in line
    assert "code" not in line and "revenue_vnd" not in line and "cũng nhận" not in line
