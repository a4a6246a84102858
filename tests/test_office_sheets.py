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
        "Mã số thuế,Năm,Xếp loại\n4700284512,2024,T\n4700284513,2024,K\n4700284514,2024,TB\n4700284515,2024,Y\n",
    )
    r = htx("import", "ratings", str(sheet))
    assert r.exit_code == 0, r.stderr
    exported = htx("export", "ratings").stdout
    assert [row["grade"] for row in csv.DictReader(io.StringIO(exported))] == ["good", "fair", "average", "weak"]
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
        "Mã số thuế;Tên HTX;Loại hình;Ngành;Ngày thành lập\n4700284515;HTX D;HTX nông nghiệp;vận tải;01/02/2019\n",
    )
    assert htx("import", "cooperatives", str(sheet)).exit_code == 0
    assert '"sector": "transport"' in htx("show", "4700284515", "-f", "json").stdout
    r = htx("add", "HTX E", "--code", "4700284516", "--kind", "HTX nông nghiệp", "--founded", "01/02/2019")
    assert r.exit_code == 0, r.stderr
    assert '"sector": "agriculture"' in htx("show", "4700284516", "-f", "json").stdout
