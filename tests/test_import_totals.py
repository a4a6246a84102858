"""An office sheet's totals row ("Tổng cộng") is left out of an import, and checked (issue 25): where its
figures are not the sum of the rows imported, one warning names each column, the sheet's total and
the sum; the import goes on all the same."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _cooperatives(path: Path, members_total: object, capital_total: object) -> Path:
    return _workbook(
        path,
        [
            ["DANH SÁCH HỢP TÁC XÃ"],
            ["STT", "Mã số", "Tên HTX", "Ngày thành lập", "Số thành viên", "Vốn điều lệ (triệu đồng)"],
            [1, "4600000011", "HTX Chè Một", "02/02/2026", 10, 500],
            [2, "4600000012", "HTX Chè Hai", "03/02/2026", 7, 300],
            ["", "Tổng cộng", "", "", members_total, capital_total],
        ],
    )


def test_a_totals_row_that_does_not_add_up_is_warned_once_and_the_rows_imported(
    htx: Htx, tmp_path: Path
) -> None:
    sheet = _cooperatives(tmp_path / "htx.xlsx", 17, 900)
    r = htx("--lang", "vi", "import", "cooperatives", str(sheet))
    assert r.exit_code == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if "dòng tổng cộng không khớp" in line]
    assert warned == [
        f"{sheet}:Sheet1!5: cảnh báo: dòng tổng cộng không khớp với các dòng số liệu: cột Vốn điều lệ (triệu"
        " đồng): dòng tổng cộng ghi 900.000.000 ₫, tổng các dòng đã nhập là 800.000.000 ₫; vẫn nhập các dòng"
    ], r.stderr
    assert "Số thành viên" not in warned[0]  # 10 + 7 = 17: that column adds up
    rows = list(csv.DictReader(io.StringIO(htx("list", "--format", "csv").stdout)))
    assert sorted((o["code"], o["capital_vnd"]) for o in rows) == [
        ("4600000011", "500000000"),
        ("4600000012", "300000000"),
    ]


def test_a_totals_row_that_adds_up_or_is_blank_is_not_warned(htx: Htx, tmp_path: Path) -> None:
    for n, (members, capital) in enumerate(((17, 800), ("", ""), (17, "800"))):
        sheet = _cooperatives(tmp_path / f"htx-{n}.xlsx", members, capital)
        r = htx("--lang", "vi", "import", "cooperatives", str(sheet), "--dry-run")
        assert r.exit_code == 0, r.stderr
        assert "không khớp" not in r.stderr and "cảnh báo" not in r.stderr, r.stderr
        assert "đã bỏ qua dòng tổng cộng 'Tổng cộng'" in r.stderr


def test_the_support_and_figures_totals_are_checked_too(htx: Htx, tmp_path: Path) -> None:
    for code in ("4600000011", "4600000012"):
        assert htx("add", f"HTX {code}", "--code", code, "--founded", "02/02/2020").exit_code == 0
    support = tmp_path / "ho-tro.csv"
    support.write_text(
        "Chương trình,Ngày,Mã số,Số tiền (đồng)\n"
        "tín dụng,12/06/2026,4600000011,150.000.000\n"
        "tín dụng,13/06/2026,4600000012,100.000.000\n"
        "Tổng cộng,,,200.000.000\n",
        encoding="utf-8",
    )
    r = htx("--lang", "en", "import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    assert (
        f"{support}:4: warning: the totals row does not add up: Số tiền (đồng): 200.000.000 ₫ on the totals"
        " row, 250.000.000 ₫ in the rows imported; imported all the same"
    ) in r.stderr
    figures = _workbook(
        tmp_path / "so-lieu.xlsx",
        [
            ["Mã số", "Năm", "Doanh thu (đồng)", "Sản phẩm OCOP 3 sao"],
            ["4600000011", 2026, 1_000_000_000, 1],
            ["4600000012", 2026, 500_000_000, 2],
            ["Tổng cộng", "", 1_500_000_000, 4],
        ],
    )
    r = htx("--lang", "en", "import", "figures", str(figures))
    assert r.exit_code == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if "does not add up" in line]
    assert warned == [
        f"{figures}:Sheet1!4: warning: the totals row does not add up: Sản phẩm OCOP 3 sao: 4 on the totals"
        " row, 3 in the rows imported; imported all the same"
    ], r.stderr
