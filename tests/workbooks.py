"""A provincial office's own list of cooperatives, as its clerk keeps it in Excel, built from the example's
CSV: a title merged across the sheet, a blank row, Vietnamese headers (with a row-number column and a unit
in parentheses), codes stored as numbers, founding dates as date cells and as typed text (`5/3/2019`),
capitals as numbers and as `1.500.000.000 đ`, a formula with the value Excel computed, and a totals row.
The same sheet as a Vietnamese-locale Excel saves it as "CSV UTF-8" (semicolons, BOM, CRLF) too.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

from tests.conftest import EXAMPLE

TITLE = "DANH SÁCH HỢP TÁC XÃ TRÊN ĐỊA BÀN TỈNH NĂM 2018"
HEADERS = [
    "STT",
    "Tên HTX",
    "Mã số thuế",
    "Loại hình",
    "Huyện",
    "Xã",
    "Ngành nghề",
    "Ngày thành lập",
    "Ngày giải thể",
    "Số thành viên",
    "Vốn điều lệ (đồng)",
    "Giám đốc",
    "Số điện thoại",
    "Sản phẩm chính",
]
FIELDS = [
    None,
    "name",
    "code",
    "kind",
    "district",
    "commune",
    "sector",
    "founded",
    "dissolved",
    "members",
    "capital_vnd",
    "representative",
    "phone",
    "products",
]
FIRST_ROW = 4  # title, blank, header
FORMULA_ROW = FIRST_ROW + 1  # its members cell is a formula (=10+N), with the value Excel saved


def example_rows() -> list[dict[str, str]]:
    with (EXAMPLE / "cooperatives.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _typed(day: str) -> str:
    """A date as a clerk types it: day and month without zeros (5/3/2019)."""
    d = date.fromisoformat(day)
    return f"{d.day}/{d.month}/{d.year}"


def _grouped(amount: str) -> str:
    return f"{int(amount):,}".replace(",", ".")


def cells(i: int, row: dict[str, str]) -> list[object]:
    """The sheet's cells of the i-th organisation: each kind of value in each of its forms, by turns."""
    out: list[object] = [i + 1]
    for field in FIELDS[1:]:
        value = row[field or ""]
        if field == "code" and value.isdigit() and not value.startswith("0"):
            out.append(int(value) if i % 2 else float(value))  # Excel's numbers are floats
        elif field in ("founded", "dissolved") and value:
            out.append(date.fromisoformat(value) if i % 2 else _typed(value))
        elif field == "members" and value:
            out.append(int(value))
        elif field == "capital_vnd" and value:
            out.append(int(value) if i % 3 else f"{_grouped(value)} đ")
        else:
            out.append(value or None)
    return out


def build_workbook(path: Path, rows: list[dict[str, str]], *, bad_date_at: int | None = None) -> None:
    """The clerk's workbook of `rows`; with bad_date_at, that sheet row founded on 31/02/2019."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append([])
    sheet.append(HEADERS)
    for i, row in enumerate(rows):
        sheet.append(cells(i, row))
        sheet.cell(FIRST_ROW + i, HEADERS.index("Ngày thành lập") + 1).number_format = "DD/MM/YYYY"
    members = HEADERS.index("Số thành viên") + 1
    formula_members = int(rows[FORMULA_ROW - FIRST_ROW]["members"])
    sheet.cell(FORMULA_ROW, members).value = f"=10+{formula_members - 10}"
    if bad_date_at is not None:
        sheet.cell(bad_date_at, HEADERS.index("Ngày thành lập") + 1).value = "31/02/2019"
    last = FIRST_ROW + len(rows) - 1
    capital = HEADERS.index("Vốn điều lệ (đồng)") + 1
    sheet.append(["Tổng cộng", None, None, None, None, None, None, None, None, f"=SUM(J{FIRST_ROW}:J{last})"])
    sheet.cell(last + 1, capital).value = f"=SUM(K{FIRST_ROW}:K{last})"
    book.save(path)
    _save_formula_value(path, f"J{FORMULA_ROW}", formula_members)


def _save_formula_value(path: Path, cell: str, value: int) -> None:
    """Give a formula cell the value Excel would have saved with it (openpyxl writes formulas only)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, found = re.subn(
        rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?', rf"\1<f>\2</f><v>{value}</v>", sheet
    )
    assert found == 1, sheet[:2000]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def build_excel_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """The same sheet saved by a Vietnamese-locale Excel as "CSV UTF-8": cells as Excel shows them."""
    width = len(HEADERS)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([TITLE] + [""] * (width - 1))
    writer.writerow([""] * width)
    writer.writerow(HEADERS)
    for i, row in enumerate(rows):
        shown = []
        for value in cells(i, row):
            if isinstance(value, float | int):
                shown.append(str(int(value)))
            elif isinstance(value, date):
                shown.append(value.strftime("%d/%m/%Y"))
            else:
                shown.append(value or "")
        writer.writerow(shown)
    total = sum(int(r["members"]) for r in rows if r["members"])
    writer.writerow(["Tổng cộng"] + [""] * 8 + [str(total)] + [""] * (width - 10))
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
