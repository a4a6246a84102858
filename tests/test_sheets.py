"""The office's own spreadsheets in and out: xlsx import and export, Vietnamese headers, title and totals
rows, Excel's dates, numbers and formulas, and files of changes that carry only some columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from htxcli.domain.headers import ALIASES, header_key, header_names, vietnamese_header
from htxcli.domain.records import ORGANISATION_FIELDS, RATING_FIELDS, SUPPORT_FIELDS
from htxcli.domain.text import has_control_characters
from tests.conftest import EXAMPLE, TABLES, invoke, snapshot
from tests.workbooks import FIRST_ROW, FORMULA_ROW, build_excel_csv, build_workbook, example_rows

if TYPE_CHECKING:
    from sqlalchemy import Engine

pytestmark = pytest.mark.both_backends

Databases = Callable[[], "Path | str"]


def _sheet(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _workbook(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# --- the clerk's workbook -------------------------------------------------------------------


def test_the_offices_workbook_loads_as_the_examples_csv(databases: Databases, tmp_path: Path) -> None:
    """Title merged across the sheet, blank row, Vietnamese headers with STT and a unit, codes as
    numbers, date cells and typed dates, amounts as numbers and as text, a formula, a totals row; and
    the same sheet saved as CSV by a Vietnamese-locale Excel."""
    rows = example_rows()
    book, excel_csv = tmp_path / "danh-sach.xlsx", tmp_path / "danh-sach.csv"
    build_workbook(book, rows)
    build_excel_csv(excel_csv, rows)
    from_csv, from_book, from_excel_csv = databases(), databases(), databases()
    assert invoke(from_csv, "import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    r = invoke(from_book, "import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    totals = FIRST_ROW + len(rows)
    assert f"{book}:Sheet1!{totals}: the totals row 'Tổng cộng' was skipped" in r.stderr
    assert "cooperatives: 222 new, 0 changed, 0 unchanged" in r.stderr
    r = invoke(from_excel_csv, "import", "cooperatives", str(excel_csv))
    assert r.exit_code == 0, r.stderr
    assert f"{excel_csv}:{totals}: the totals row 'Tổng cộng' was skipped" in r.stderr
    expected = invoke(from_csv, "export", "cooperatives").stdout
    assert invoke(from_book, "export", "cooperatives").stdout == expected
    assert invoke(from_excel_csv, "export", "cooperatives").stdout == expected
    # The formula's value is the one Excel saved with it, not the formula.
    code = rows[FORMULA_ROW - FIRST_ROW]["code"]
    shown = invoke(from_book, "show", code, "-f", "json").stdout
    assert f'"members": {rows[FORMULA_ROW - FIRST_ROW]["members"]}' in shown


def test_a_bad_date_is_named_by_sheet_row_and_header(db_path: Path | str, tmp_path: Path) -> None:
    book = tmp_path / "htx.xlsx"
    build_workbook(book, example_rows()[:20], bad_date_at=12)
    before = snapshot(db_path)
    r = invoke(db_path, "import", "cooperatives", str(book))
    assert r.exit_code == 1
    assert f"{book}:Sheet1!12: Ngày thành lập: '31/02/2019' is not a date" in r.stderr
    assert "rows with errors: 1; nothing was imported" in r.stderr
    assert snapshot(db_path) == before


def test_rejects_dry_run_history_and_undo_hold_for_a_workbook(db_path: Path | str, tmp_path: Path) -> None:
    book = tmp_path / "htx.xlsx"
    build_workbook(book, example_rows()[:20], bad_date_at=12)
    before = snapshot(db_path)
    r = invoke(
        db_path, "import", "cooperatives", str(book), "--dry-run", "--rejects", str(tmp_path / "x.csv")
    )
    assert "19 new" in r.stderr and "dry run" in r.stderr
    assert snapshot(db_path) == before
    rejects = tmp_path / "bad.xlsx"
    r = invoke(db_path, "import", "cooperatives", str(book), "--rejects", str(rejects))
    assert r.exit_code == 1 and "19 new, 0 changed, 0 unchanged, 1 rejected" in r.stderr
    header, bad = _sheet(rejects)
    assert header[:2] == ["Tên HTX", "Mã số thuế"] and header[-1] == "error"
    assert bad[header.index("Ngày thành lập")] == "31/02/2019"
    assert bad[-1].startswith("Ngày thành lập: '31/02/2019' is not a date")
    # The clerk corrects the rejects workbook and loads it as it is, error column and all.
    from openpyxl import load_workbook

    corrected = load_workbook(rejects)
    corrected.active.cell(2, header.index("Ngày thành lập") + 1).value = "28/2/2019"
    corrected.save(rejects)
    r = invoke(db_path, "import", "cooperatives", str(rejects))
    assert r.exit_code == 0 and "1 new, 0 changed, 0 unchanged" in r.stderr
    # Both imports are in the history, and undone they leave the registry as it was.
    assert invoke(db_path, "undo", "--yes").exit_code == 0
    assert invoke(db_path, "undo", "--yes").exit_code == 0
    assert invoke(db_path, "export", "cooperatives").stdout.count("\n") == 1


def test_rejects_of_a_workbook_as_csv_open_in_a_vietnamese_excel(db_path: Path | str, tmp_path: Path) -> None:
    book = tmp_path / "htx.xlsx"
    build_workbook(book, example_rows()[:15], bad_date_at=12)
    rejects = tmp_path / "bad.csv"
    r = invoke(db_path, "import", "cooperatives", str(book), "--rejects", str(rejects))
    assert r.exit_code == 1
    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Tên HTX;Mã số thuế;") and lines[0].endswith(";error")
    assert "31/02/2019" in lines[1]


# --- export to Excel, and back ----------------------------------------------------------------


@pytest.mark.parametrize("headers", ["en", "vi"])
def test_workbook_export_import_is_exact(
    example_db: Path | str, databases: Databases, tmp_path: Path, headers: str
) -> None:
    other = databases()
    for table in TABLES:
        book = tmp_path / f"{table}.xlsx"
        r = invoke(example_db, "export", table, "--format", "xlsx", "--headers", headers, "-o", str(book))
        assert r.exit_code == 0 and r.stdout == ""
        r = invoke(other, "import", table, str(book))
        assert r.exit_code == 0, r.stderr
        assert invoke(other, "export", table).stdout == invoke(example_db, "export", table).stdout


def test_a_workbook_keeps_what_excel_would_change(
    db_path: Path | str, databases: Databases, tmp_path: Path
) -> None:
    """Leading zeros, formula-like and quoted text, amounts beyond Excel's 15 digits: back exactly."""
    source = tmp_path / "c.csv"
    source.write_text(
        "code,name,founded,capital_vnd,phone,products\n"
        "0101234567,'=SUM(A1),2019-03-05,123456789012345678,0912345678,\"'quoted\"\n"
        "THT-07,@Tổ hợp tác,5/3/2019,1.500.000.000 đ,,-\n",
        encoding="utf-8",
    )
    assert invoke(db_path, "import", "cooperatives", str(source)).exit_code == 0
    book = tmp_path / "out.xlsx"
    assert invoke(db_path, "export", "cooperatives", "-o", str(book)).exit_code == 0  # xlsx by extension
    header, first, second = _sheet(book)
    assert header[:3] == ["code", "name", "kind"]
    row = dict(zip(header, first, strict=True))
    assert row["code"] == "0101234567" and row["name"] == "=SUM(A1)" and row["phone"] == "0912345678"
    assert row["capital_vnd"] == "123456789012345678"  # text: a number would lose digits
    assert dict(zip(header, second, strict=True))["capital_vnd"] == 1_500_000_000
    other = databases()
    assert invoke(other, "import", "cooperatives", str(book)).exit_code == 0
    assert invoke(other, "export", "cooperatives").stdout == invoke(db_path, "export", "cooperatives").stdout


def test_an_exported_workbook_is_laid_out_for_the_clerk(example_db: Path | str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "c.xlsx"
    assert (
        invoke(
            example_db, "export", "cooperatives", "-f", "xlsx", "--headers", "vi", "-o", str(book)
        ).exit_code
        == 0
    )
    sheet = load_workbook(book).active
    assert [c.value for c in sheet[1]][:3] == ["Mã số", "Tên tổ chức", "Loại hình"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 40
    founded, capital = sheet.cell(2, 7), sheet.cell(2, 10)
    assert founded.is_date and founded.number_format == "dd/mm/yyyy"
    assert isinstance(capital.value, int) and capital.number_format == "#,##0"
    assert isinstance(sheet.cell(2, 1).value, str)


def test_csv_export_with_vietnamese_headers_reads_back(example_db: Path | str, databases: Databases) -> None:
    other = databases()
    for table in TABLES:
        out = invoke(example_db, "export", table, "--headers", "vi").stdout
        assert out.splitlines()[0].startswith("Mã số," if table != "support" else "Mã số,Chương trình,Ngày,")
        assert invoke(other, "import", table, "-", input=out.encode()).exit_code == 0
        assert invoke(other, "export", table).stdout == invoke(example_db, "export", table).stdout


def test_export_refusals(example_db: Path | str, tmp_path: Path) -> None:
    r = invoke(example_db, "export", "ratings", "--format", "xlsx")
    assert r.exit_code == 1 and "give -o FILE.xlsx" in r.stderr
    r = invoke(example_db, "export", "ratings", "--format", "json", "--headers", "vi")
    assert r.exit_code == 1 and "--headers" in r.stderr
    db = Path(str(example_db)) if "://" not in str(example_db) else None
    if db is not None:
        r = invoke(example_db, "export", "ratings", "-o", str(db))
        assert r.exit_code == 1 and "registry" in r.stderr


# --- headers -------------------------------------------------------------------------------


def test_every_header_names_one_column_and_the_vietnamese_one_reads_back() -> None:
    keys: dict[str, str] = {}
    for column, aliases in ALIASES.items():
        for alias in (column, *aliases):
            assert keys.setdefault(header_key(alias), column) == column, alias
    for columns in (ORGANISATION_FIELDS, RATING_FIELDS, SUPPORT_FIELDS):
        names = header_names(columns)
        assert all(names[header_key(vietnamese_header(c))] == c for c in columns)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Mã số thuế", "code"),
        ("MA SO THUE", "code"),
        ("  mã   số thuế ", "code"),
        ("MST", "code"),
        ("Mã số HTX", "code"),
        ("Tên đơn vị", "name"),
        ("Quận/Huyện", "district"),
        ("Phường / Xã", "commune"),
        ("Vốn điều lệ (đồng)", "capital_vnd"),
        ("Vốn điều lệ\n(đồng)", "capital_vnd"),
        ("vốn_điều_lệ", "capital_vnd"),
        ("Số thành viên (người)", "members"),
        ("Capital_VND", "capital_vnd"),
        ("Ngày thành lập:", "founded"),
    ],
)
def test_headers_match_ignoring_accents_case_spacing_punctuation_and_unit(header: str, column: str) -> None:
    assert header_names(ORGANISATION_FIELDS)[header_key(header)] == column


def test_an_alias_waits_for_its_column() -> None:
    """An alias names a column only in a file whose contract has it: `Tỉnh` is no header of ratings.csv."""
    assert header_key("Tỉnh") not in header_names(RATING_FIELDS)
    assert header_names(ORGANISATION_FIELDS)[header_key("Tỉnh/Thành phố")] == "province"
    assert header_names(ORGANISATION_FIELDS)[header_key("Xã mới")] == "new_commune"


def test_an_unknown_header_is_named_with_the_accepted_names(db_path: Path | str, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "h.xlsx", [["Danh sách"], [], ["STT", "Mã số thuế", "Tên HTX", "Màu sắc"]])
    r = invoke(db_path, "import", "cooperatives", str(book))
    assert r.exit_code == 1
    (line,) = r.stderr.splitlines()
    assert line.startswith(
        f"Error: {book}:Sheet1!3: Màu sắc: is not a column of the list of organisations (cooperatives) ("
    )
    assert "also accepted: code = Mã số, Mã số HTX, Mã số thuế, MST, Mã HTX" in line
    book = _workbook(tmp_path / "m.xlsx", [["Danh sách"], [], ["STT", "Tên HTX", "Ngày thành lập"]])
    r = invoke(db_path, "import", "cooperatives", str(book))
    assert (
        r.stderr
        == f"Error: {book}:Sheet1!3: code: is a required column of the list of organisations (cooperatives)\n"
    )


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_sheet_with_a_title_and_no_header_row_says_so(
    db_path: Path | str, tmp_path: Path, suffix: str
) -> None:
    rows: list[list[object]] = [["DANH SÁCH HỢP TÁC XÃ NĂM 2018"], [], [1, 47, "HTX A", "5/3/2019"]]
    if suffix == "xlsx":
        f = _workbook(tmp_path / "t.xlsx", rows)
        where = f"{f}:Sheet1!1"
    else:
        f = tmp_path / "t.csv"
        f.write_text("\n".join(",".join(map(str, row)) for row in rows) + "\n", encoding="utf-8")
        where = f"{f}:1"
    r = invoke(db_path, "import", "cooperatives", str(f))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {where}: no header row among the first 20 rows (the first reads 'DANH SÁCH HỢP TÁC XÃ NĂM "
        "2018'); a header row names the columns, such as Mã số, Tên tổ chức, Ngày thành lập (or code, name, "
        "founded)\n"
    )


def test_a_money_column_in_another_unit_is_refused(db_path: Path | str, tmp_path: Path) -> None:
    """triệu and tỷ đồng are scaled (test_office_sheets.py); a unit that is no multiple of the đồng is not."""
    f = tmp_path / "c.csv"
    f.write_text("Mã số,Tên,Ngày thành lập,Vốn điều lệ (USD)\n47001,HTX A,2019-01-01,1.500\n")
    r = invoke(db_path, "import", "cooperatives", str(f))
    assert r.exit_code == 1
    assert "Vốn điều lệ (USD): amounts are read in đồng, and this column is in 'USD'" in r.stderr


# --- the values of a sheet -------------------------------------------------------------------


def test_excel_numbers_and_dates_are_read_as_the_clerk_means(db_path: Path | str, tmp_path: Path) -> None:
    from datetime import datetime

    book = _workbook(
        tmp_path / "v.xlsx",
        [
            ["Mã số", "Tên", "Ngày thành lập", "Số thành viên", "Vốn điều lệ"],
            [4700257731.0, "HTX A", datetime(2019, 3, 5), 12.0, 1.5e9],
            [4700257732, "HTX B", "5/3/2019", 7, "1.500.000.000 đ"],
        ],
    )
    r = invoke(db_path, "import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    out = list(csv.DictReader(io.StringIO(invoke(db_path, "export", "cooperatives").stdout)))
    assert [(o["code"], o["founded"], o["members"], o["capital_vnd"]) for o in out] == [
        ("4700257731", "2019-03-05", "12", "1500000000"),
        ("4700257732", "2019-03-05", "7", "1500000000"),
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (1500000000.5, "Vốn điều lệ: '1.500.000.000,5' is not a whole number of đồng"),
        (1.5, "Vốn điều lệ: '1,5' is not a whole number of đồng"),  # a number cell, not the text 1,5
        ("1,5", "Vốn điều lệ: '1,5' is ambiguous"),
        ("2-3-2019", None),
    ],
)
def test_a_sheets_unclear_values_are_refused(
    db_path: Path | str, tmp_path: Path, cell: object, message: str | None
) -> None:
    founded, capital = ("2-3-2019", 1) if cell == "2-3-2019" else ("2019-01-01", cell)
    book = _workbook(
        tmp_path / "v.xlsx",
        [["Mã số", "Tên", "Ngày thành lập", "Vốn điều lệ"], [47, "HTX", founded, capital]],
    )
    r = invoke(db_path, "import", "cooperatives", str(book))
    assert r.exit_code == 1
    expected = message or "Ngày thành lập: '2-3-2019' is not a date"
    assert f"{book}:Sheet1!2: {expected}" in r.stderr


def test_a_fraction_of_a_dong_in_a_support_sheet_is_refused_saying_so(
    db_path: Path | str, tmp_path: Path
) -> None:
    book = _workbook(
        tmp_path / "s.xlsx",
        [
            ["Chương trình", "Ngày", "Số tiền", "Số lượng"],
            ["credit", "5/3/2019", 1500000.5, 1],
            ["outreach", "6/3/2019", 999.5, None],
            ["outreach", "7/3/2019", 2000000.0, None],
        ],
    )
    rejects = tmp_path / "bad.csv"
    r = invoke(db_path, "import", "support", str(book), "--rejects", str(rejects))
    assert r.exit_code == 1, r.stderr
    assert f"{book}:Sheet1!2: Số tiền: '1.500.000,5' is not a whole number of đồng" in r.stderr
    assert f"{book}:Sheet1!3: Số tiền: '999,5' is not a whole number of đồng" in r.stderr
    assert "1 new, 0 changed, 0 unchanged, 2 rejected" in r.stderr
    lines = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("credit;5/3/2019;1.500.000,5;1;Số tiền: ")


def test_a_code_excel_showed_in_scientific_notation_says_so(db_path: Path | str, tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_bytes("\ufeffMã số;Tên;Ngày thành lập\r\n4,70026E+09;HTX A;5/3/2019\r\n".encode())
    r = invoke(db_path, "import", "cooperatives", str(f))
    assert r.exit_code == 1
    assert f"{f}:2: Mã số: '4,70026E+09' was shown by Excel in scientific notation" in r.stderr


def test_sheets_by_name(db_path: Path | str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Danh sách lập ngày 01/12/2018"])
    data = book.create_sheet("Năm 2018")
    data.append(["Mã số", "Năm", "Xếp loại"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    assert invoke(db_path, "add", "HTX A", "--code", "47", "--founded", "2015-01-01").exit_code == 0
    data.append([47, 2018, "khá"])
    data.append([48, 2018, "tốt"])
    book.save(path)
    r = invoke(db_path, "import", "ratings", str(path))
    assert (
        r.exit_code == 1
        and f"{path}:'Ghi chú'!1: no header row among the first 20 rows (the first reads 'Danh sách"
        in r.stderr
    )
    r = invoke(db_path, "import", "ratings", str(path), "--sheet", "Năm 2018")
    assert r.exit_code == 1 and f"{path}:'Năm 2018'!3: Mã số: '48' is not in the registry" in r.stderr
    r = invoke(db_path, "import", "ratings", str(path), "--sheet", "2018")
    assert (
        r.exit_code == 1
        and "--sheet: '2018' is not a sheet of" in r.stderr
        and "Ghi chú, Năm 2018" in r.stderr
    )
    csv_file = tmp_path / "r.csv"
    csv_file.write_text("code,year,grade\n")
    r = invoke(db_path, "import", "ratings", str(csv_file), "--sheet", "x")
    assert r.exit_code == 1 and "only a workbook (.xlsx) has sheets" in r.stderr


def test_a_workbook_from_stdin_and_an_old_xls(db_path: Path | str, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "r.xlsx", [["Mã số", "Tên", "Ngày thành lập"], ["47", "HTX A", "5/3/2019"]])
    r = invoke(db_path, "import", "cooperatives", "-", input=book.read_bytes())
    assert r.exit_code == 0 and "1 new" in r.stderr
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    r = invoke(db_path, "import", "cooperatives", str(old))
    assert r.exit_code == 1 and "an old Excel workbook (.xls)" in r.stderr
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(book.read_bytes()[:200])
    r = invoke(db_path, "import", "cooperatives", str(damaged))
    assert r.exit_code == 1 and "not an Excel workbook that can be read" in r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert r.stderr.endswith("(the file is damaged or incomplete)\n")  # not zipfile's own words
    # A file named .xlsx that is not a workbook at all is refused, not read as CSV.
    fake = tmp_path / "fake.xlsx"
    fake.write_text("code,name,founded\n47,HTX A,2019-03-05\n")
    r = invoke(db_path, "import", "cooperatives", str(fake))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {fake}: not an Excel workbook (.xlsx), though its name ends in .xlsx")
    assert len(r.stderr.splitlines()) == 1


# --- files of changes ---------------------------------------------------------------------------


def test_a_file_of_changes_carries_only_the_code_and_what_changes(
    example_db: Path | str, databases: Databases, tmp_path: Path
) -> None:
    db = databases()
    assert invoke(db, "import", "cooperatives", str(EXAMPLE / "cooperatives.csv")).exit_code == 0
    before = list(csv.DictReader(io.StringIO(invoke(db, "export", "cooperatives").stdout)))
    changes = tmp_path / "xa-moi.csv"
    changes.write_text(
        f"Mã số;Xã/Phường\n{before[0]['code']};Xã Mới\n{before[1]['code']};{before[1]['commune']}\n"
    )
    r = invoke(db, "import", "cooperatives", str(changes))
    assert r.exit_code == 0 and "0 new, 1 changed, 1 unchanged" in r.stderr
    after = list(csv.DictReader(io.StringIO(invoke(db, "export", "cooperatives").stdout)))
    assert after[0] == {**before[0], "commune": "Xã Mới"} and after[1:] == before[1:]
    assert "Xã Mới" in " ".join(invoke(db, "history", before[0]["code"]).stdout.replace("│", " ").split())
    # A code that is not registered needs its name and founding date.
    changes.write_text(f"code,commune\n{before[0]['code']},Xã Cũ\n9999999999,Xã Mới\n")
    r = invoke(db, "import", "cooperatives", str(changes))
    assert r.exit_code == 1
    assert (
        f"{changes}:3: name: is required for a new organisation ('9999999999' is not registered)" in r.stderr
    )
    # A changed date is checked against the stored one.
    changes.write_text(f"code,dissolved\n{before[0]['code']},01/01/1990\n")
    r = invoke(db, "import", "cooperatives", str(changes))
    assert r.exit_code == 1 and "dissolved: '1990-01-01'" in r.stderr


# --- whatever a clerk types -------------------------------------------------------------------

_TEXT = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "" and not has_control_characters(t))


@pytest.fixture
def two_registries(databases: Databases) -> Iterator[tuple[Engine, Engine]]:
    from htxcli.services.session import open_registry

    a, b = (open_registry(str(databases()), create=False, notify=lambda _m: None)[0] for _ in range(2))
    yield a, b
    a.dispose()
    b.dispose()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT, note=st.one_of(st.none(), _TEXT), products=st.one_of(st.none(), _TEXT))
@example(name="0\r0", note="a\r\nb", products="'x")
@example(name="=1+1", note="_x000D_", products="Tổng cộng")
def test_a_workbooks_round_trip_of_arbitrary_unicode(
    two_registries: tuple[Engine, Engine], name: str, note: str | None, products: str | None
) -> None:
    """Whatever a clerk types survives export to a workbook and import back unchanged."""
    from htxcli.render.machine import write_csv
    from htxcli.render.sheet_xlsx import write_xlsx
    from htxcli.services import interchange, registry, support
    from htxcli.store.schema import metadata

    a, b = two_registries
    for engine in (a, b):
        with engine.begin() as con:
            for table in reversed(metadata.sorted_tables):
                con.execute(table.delete())
    registry.add(a, {"code": "P1", "name": name, "founded": "2010-01-01", "products": products})
    support.add(a, {"code": "P1", "program": "credit", "date": "2018-01-01", "note": note, "unit": name})
    for table in ("cooperatives", "support"):
        columns = interchange.columns(table)
        book = io.BytesIO()
        write_xlsx(book, table, columns, columns, interchange.export_rows(a, table))
        book.seek(0)
        result = interchange.import_csv(b, table, book, "book.xlsx")
        assert result.error_count == 0, result.errors
        first, second = io.StringIO(), io.StringIO()
        write_csv(first, columns, interchange.export_rows(a, table))
        write_csv(second, columns, interchange.export_rows(b, table))
        assert second.getvalue() == first.getvalue()


def test_a_totals_row_alone_in_its_batch_is_only_a_note(db_path: Path | str, tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("Mã số,Tên,Ngày thành lập,Số thành viên\nCộng,,,0\n", encoding="utf-8")
    r = invoke(db_path, "import", "cooperatives", str(f))
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[0] == f"{f}:2: the totals row 'Cộng' was skipped"
    assert "0 new, 0 changed, 0 unchanged" in r.stderr


SIGNATURE_BLOCK = [
    [],
    ["", "Người lập biểu", "", "", "", "", "", "", "", "Thủ trưởng đơn vị"],
    ["", "(Ký, ghi rõ họ tên)", "", "", "", "", "", "", "", "Bắc Kạn, ngày 31 tháng 12 năm 2018"],
    [],
    ["", "Nguyễn Thị Lan", "", "", "", "", "", "", "", "Hoàng Văn Minh"],
]


def test_the_signature_block_under_the_totals_row_is_left_out(databases: Databases, tmp_path: Path) -> None:
    """An office's sheet ends with the totals row and then the signatures; neither is data. A row after
    the totals that carries a code still is."""
    from openpyxl import load_workbook

    rows = example_rows()
    book = tmp_path / "ky-ten.xlsx"
    build_workbook(book, rows[:-1])
    workbook = load_workbook(book)
    sheet = workbook.active
    for cells in SIGNATURE_BLOCK:
        sheet.append(cells)
    workbook.save(book)
    excel_csv = tmp_path / "ky-ten.csv"
    build_excel_csv(excel_csv, rows[:-1])
    with excel_csv.open("a", encoding="utf-8-sig", newline="") as f:
        for cells in SIGNATURE_BLOCK:
            f.write(";".join(cells + [""] * (14 - len(cells))) + "\r\n")
    totals = FIRST_ROW + len(rows) - 1
    for source, where in ((book, f"{book}:Sheet1!"), (excel_csv, f"{excel_csv}:")):
        db = databases()
        r = invoke(db, "import", "cooperatives", str(source))
        assert r.exit_code == 0, r.stderr
        assert f"{where}{totals}: the totals row 'Tổng cộng' was skipped" in r.stderr
        assert f"{where}{totals + 2}: 3 row(s) after the totals row, with no code, were skipped" in r.stderr
        assert f"{len(rows) - 1} new, 0 changed, 0 unchanged" in r.stderr
    # The last organisation, written after the totals row, is still read.
    late = tmp_path / "sau-tong.csv"
    build_excel_csv(late, rows[:-1])
    last = rows[-1]
    with late.open("a", encoding="utf-8-sig", newline="") as f:
        f.write(f"999;{last['name']};{last['code']};;;;;{last['founded']}" + ";" * 6 + "\r\n")
    db = databases()
    r = invoke(db, "import", "cooperatives", str(late))
    assert r.exit_code == 0, r.stderr
    assert f"{len(rows)} new" in r.stderr
