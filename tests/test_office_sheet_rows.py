"""An office's sheets as a second reader's walk-through found them (issue 25, items 18–23): rows whose
last cells Excel left out, rejects files read back after a correction, a signature block with no totals
row above it, a "Ghi chú" column in a list that keeps no note, i/y spellings of a registered name, and
one wording for an empty code."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.conftest import Run, invoke, snapshot

pytestmark = pytest.mark.both_backends

Htx = Callable[..., Run]
Cell = str | int | None


def _workbook(path: Path, rows: Sequence[Sequence[object]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _csv_text(rows: Sequence[Sequence[Cell]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["" if c is None else c for c in row] for row in rows])
    return out.getvalue()


def _cut(row: Sequence[Cell]) -> list[Cell]:
    """A row as Excel saves it: its empty last cells left out."""
    kept = list(row)
    while kept and kept[-1] in ("", None):
        kept.pop()
    return kept


# --- 1: a missing last cell is an empty cell, in every importer -----------------------------------

_A, _B = "4700284512", "4700284513"
_ORGANISATIONS = [
    (
        "add",
        "HTX Tân Thành",
        "--code",
        _A,
        "--founded",
        "01/02/2019",
        "--phone",
        "0912345678",
        "--members",
        "9",
    ),
    ("add", "HTX Chè Mỹ Phương", "--code", _B, "--founded", "01/02/2019"),
]
_MOVED = (
    "code,name,founded,province,commune,new_address_from,new_province,new_commune\n"
    f"{_A},HTX Tân Thành,2019-02-01,Bắc Kạn,Mỹ Phương,2025-07-01,Thái Nguyên,Thượng Minh\n"
)
# Each importer: what the registry holds first, the table, and a file of rows whose last cells are empty
# (some of them over stored values, which an empty cell clears, as one that is there does).
CASES: dict[str, tuple[list[tuple[str, ...]], str, list[list[Cell]]]] = {
    "cooperatives": (
        _ORGANISATIONS,
        "cooperatives",
        [
            ["code", "name", "founded", "members", "phone", "products"],
            [_A, "HTX Tân Thành", "2019-02-01", "", "", ""],
            ["4700284514", "HTX Mới", "2020-03-04", "12", "", ""],
        ],
    ),
    "addresses": (
        # Moved on 01/07/2025; the file gives the old address only, its new one's cells left empty.
        [("import", "cooperatives", "-")],
        "cooperatives",
        [
            [
                "code",
                "name",
                "founded",
                "province",
                "commune",
                "new_address_from",
                "new_province",
                "new_commune",
            ],
            [_A, "HTX Tân Thành", "2019-02-01", "Bắc Kạn", "Mỹ Phương", "", "", ""],
            [_B, "HTX Chè Mỹ Phương", "2019-02-01", "Bắc Kạn", "", "", "", ""],
        ],
    ),
    "ratings": (
        [*_ORGANISATIONS, ("rate", _A, "2025", "good", "--score", "90", "--note", "đã kiểm tra")],
        "ratings",
        [
            ["code", "year", "grade", "score", "note"],
            [_A, "2025", "fair", "", ""],
            [_B, "2025", "good", "", ""],
        ],
    ),
    "support": (
        [
            *_ORGANISATIONS,
            (
                "support",
                "add",
                "credit",
                "--to",
                _A,
                "--date",
                "12/06/2025",
                "--amount",
                "5tr",
                "--reference",
                "QĐ-1",
                "--note",
                "vay vốn",
            ),
        ],
        "support",
        [
            ["code", "program", "date", "amount_vnd", "reference", "note"],
            [_A, "credit", "2025-06-12", "5000000", "QĐ-1", ""],
            [_B, "outreach", "2025-06-13", "", "", ""],
        ],
    ),
    "figures": (
        [*_ORGANISATIONS, ("figures", _A, "2025", "--revenue", "900tr", "--profit", "50tr")],
        "figures",
        [
            ["code", "year", "revenue_vnd", "profit_vnd", "note"],
            [_A, "2025", "500000000", "", ""],
            [_B, "2025", "500000000", "", ""],  # revenue, no profit: was a traceback
        ],
    ),
    "plans": (
        [],
        "plans",
        [["year", "indicator", "target", "area", "note"], ["2026", "new-cooperatives", "5", "", ""]],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_missing_last_cell_is_read_as_an_empty_cell(
    case: str, databases: Callable[[], Path | str], tmp_path: Path
) -> None:
    seed, table, rows = CASES[case]
    cut = [rows[0], *map(_cut, rows[1:])]
    assert cut != rows  # the file cut short is another file
    files = {
        "with every cell": tmp_path / "full.csv",
        "cut short": tmp_path / "cut.csv",
    }
    files["with every cell"].write_text(_csv_text(rows), encoding="utf-8")
    files["cut short"].write_text(_csv_text(cut), encoding="utf-8")
    if table != "plans":  # read as CSV only
        # As Excel saves it: an empty cell at a row's end is no cell at all.
        files["a workbook"] = _workbook(
            tmp_path / "sheet.xlsx", [rows[0], *([c or None for c in r] for r in rows[1:])]
        )
    exported: dict[str, tuple[str, ...]] = {}
    for how, path in files.items():
        db = databases()
        for args in seed:
            typed = _MOVED if args[-1] == "-" else None
            r = invoke(db, *args, input=typed)
            assert r.exit_code == 0, r.stderr
        r = invoke(db, "import", table, str(path))
        assert r.exit_code == 0, (how, r.stderr)
        exported[how] = tuple(
            invoke(db, "export", t).stdout for t in ("cooperatives", "ratings", "support", "figures", "plans")
        )
    assert exported["cut short"] == exported["with every cell"]
    if "a workbook" in exported:
        assert exported["a workbook"] == exported["with every cell"]


def test_revenue_without_profit_in_a_short_row_is_no_traceback(htx: Htx) -> None:
    assert htx(*_ORGANISATIONS[0][:1], *_ORGANISATIONS[0][1:]).exit_code == 0
    r = htx("import", "figures", "-", input="code,year,revenue_vnd,profit_vnd\n4700284512,2025,500000000\n")
    assert r.exit_code == 0, r.stderr
    assert "figures: 1 new" in r.stderr
    assert htx("export", "figures").stdout.splitlines()[1].startswith("4700284512,2025,")


# --- 2: the rejects file's error in its own column ---------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_short_rows_rejects_are_padded_and_read_back_once_corrected(
    kind: str, db_path: Path | str, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["STT", "Tên HTX", "Mã số thuế", "Ngày thành lập", "Xã", "Số thành viên"],
            [1, "HTX Thử Một", "4702000097", "31/02/2026"],  # its last two cells left out
            [2, "HTX Thử Hai", "4702000096", "05/05/2026", "Xuất Hóa", 7],
            [3, "HTX Thử Ba"],  # its code and all after it left out
        ],
    )
    rejects = tmp_path / f"loi.{kind}"
    r = invoke(db_path, "--lang", "vi", "import", "cooperatives", str(book), "--rejects", str(rejects))
    assert r.exit_code == 1, r.stderr
    header = ["Tên HTX", "Mã số thuế", "Ngày thành lập", "Xã", "Số thành viên"]
    if kind == "xlsx":
        sheet = load_workbook(rejects).worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0] == [*header, "Lỗi"]
    else:
        text = rejects.read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0] == [*header, "error"]  # a machine's word, in every language
    one, three = rows[1], rows[2]
    assert len(one) == len(three) == len(header) + 1
    assert one[:3] == ["HTX Thử Một", "4702000097", "31/02/2026"]
    assert not any(one[3:5]) and "Ngày thành lập: '31/02/2026'" in one[5]
    assert three[0] == "HTX Thử Ba" and not any(three[1:5]) and "Mã số thuế: " in three[5]
    # Corrected where the errors say, the rejects file is read back: both rows are accepted.
    one[2], three[1], three[2] = "28/02/2026", "4702000095", "01/03/2026"
    if kind == "xlsx":
        writable = load_workbook(rejects)
        for at, row in ((2, one), (3, three)):
            for column, value in enumerate(row, start=1):
                writable.worksheets[0].cell(at, column).value = value
        writable.save(rejects)
    else:
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        rejects.write_text(out.getvalue(), encoding="utf-8-sig")
    r = invoke(db_path, "import", "cooperatives", str(rejects))
    assert r.exit_code == 0, r.stderr
    assert "cooperatives: 2 new" in r.stderr
    assert '"founded": "2026-02-28"' in invoke(db_path, "show", "4702000097", "-f", "json").stdout
    assert '"founded": "2026-03-01"' in invoke(db_path, "show", "4702000095", "-f", "json").stdout


def test_a_csv_files_short_rows_rejects_are_padded(htx: Htx, tmp_path: Path) -> None:
    path = tmp_path / "htx.csv"
    path.write_text("code,name,founded,members,phone\n4702000097,HTX A,31/02/2026\n", encoding="utf-8")
    r = htx("import", "cooperatives", str(path), "--rejects", "-")
    assert r.exit_code == 1
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["code", "name", "founded", "members", "phone", "error"]
    assert rows[1][:5] == ["4702000097", "HTX A", "31/02/2026", "", ""] and "founded" in rows[1][5]


# --- 3: a signature block with no totals row above it -------------------------------------------


def test_a_ratings_sheet_signed_under_the_code_column_without_totals(
    htx: Htx, db_path: Path | str, tmp_path: Path
) -> None:
    for args in _ORGANISATIONS:
        assert htx(*args).exit_code == 0
    book = _workbook(
        tmp_path / "xep-loai.xlsx",
        [
            ["KẾT QUẢ XẾP LOẠI HTX NĂM 2025"],
            [],
            ["STT", "Mã số HTX", "Tên HTX", "Xếp loại"],
            [1, _A, "HTX Tân Thành", "T"],
            [2, _B, "HTX Chè Mỹ Phương", "K"],
            [],
            [],
            [None, "Người lập biểu", None, "Thủ trưởng đơn vị"],
            [None, "(Ký, họ tên)", None, "(Ký tên, đóng dấu)"],
            [],
            [None, "Trần Thị Lan", None, "Nguyễn Văn An"],
        ],
    )
    r = htx("import", "ratings", str(book), "--year", "2025")
    assert r.exit_code == 0, r.stderr
    assert f"{book}:Sheet1!8: the signature block under the data, 3 row(s) with no code" in r.stderr
    assert "'Người lập biểu'" in r.stderr
    assert "ratings: 2 new" in r.stderr


@pytest.mark.parametrize(
    "signature",
    [
        [
            [None, "Người lập biểu", None, None, "Thái Nguyên, ngày 05 tháng 12 năm 2026"],
            [None, "Trần Thị Lan"],
        ],
        [
            [None, None, None, None, "ngày … tháng … năm …"],
            [None, "Kế toán trưởng", None, None, "KT. GIÁM ĐỐC"],
        ],
        [[None, "(Ký, họ tên)"]],
    ],
)
def test_a_cooperatives_sheet_signed_under_the_name_column(
    signature: list[list[Cell]], htx: Htx, tmp_path: Path
) -> None:
    rows: list[list[Cell]] = [
        ["STT", "Tên HTX", "Mã số thuế", "Ngày thành lập", "Xã"],
        [1, "HTX Thử", "4702000099", "05/05/2026", "Xuất Hóa"],
        [],
        *signature,
        [None, "HTX Sau", "4702000098", "06/05/2026"],  # a row with a code after it is still data
    ]
    r = htx("import", "cooperatives", str(_workbook(tmp_path / "htx.xlsx", rows)))
    assert r.exit_code == 0, r.stderr
    assert "the signature block under the data" in r.stderr
    assert "cooperatives: 2 new" in r.stderr
    # As a CSV file too.
    text = _csv_text([[c for c in row] for row in rows])
    path = tmp_path / "htx.csv"
    path.write_text(text, encoding="utf-8")
    r = htx("import", "cooperatives", str(path))
    assert r.exit_code == 0, r.stderr
    assert "the signature block under the data" in r.stderr


def test_a_row_that_could_be_data_is_never_skipped_as_a_signature(
    htx: Htx, db_path: Path | str, tmp_path: Path
) -> None:
    before = snapshot(db_path)
    rows: list[list[Cell]] = [
        ["Tên HTX", "Mã số thuế", "Ngày thành lập", "Giám đốc"],
        ["HTX Thử", "4702000099", "05/05/2026", "Giám đốc Lan"],
        ["Người lập biểu", "4702000097", "05/05/2026"],  # a code: data, refused for nothing else
        ["HTX Không Mã", None, "05/05/2026"],  # no code and no signature's words: an error
    ]
    r = htx("import", "cooperatives", str(_workbook(tmp_path / "htx.xlsx", rows)))
    assert r.exit_code == 1
    assert "Sheet1!4: Mã số thuế: is required" in r.stderr
    assert "signature" not in r.stderr
    assert snapshot(db_path) == before


# --- 4: a "Ghi chú" column ------------------------------------------------------------------------


def test_a_note_column_is_not_read_where_the_list_keeps_no_note(htx: Htx, tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "htx.xlsx",
        [
            ["STT", "Tên HTX", "Mã số thuế", "Ngày thành lập", "Ghi chú"],
            [1, "HTX Thử", "4702000099", "05/05/2026", "mới thành lập"],
            [2, "HTX Hai", "4702000098", "06/05/2026"],
        ],
    )
    r = htx("import", "cooperatives", str(book))
    assert r.exit_code == 0, r.stderr
    notes = [line for line in r.stderr.splitlines() if "Ghi chú" in line]
    contract = "the list of organisations (cooperatives)"
    assert notes == [f"{book}:Sheet1!1: the column 'Ghi chú' was not read: {contract} has no notes"]
    assert "cooperatives: 2 new" in r.stderr
    # Where the list has notes, it is the note.
    ratings = _workbook(
        tmp_path / "xl.xlsx",
        [["Mã số thuế", "Năm", "Xếp loại", "Ghi chú"], ["4702000099", 2026, "T", "mới thành lập"]],
    )
    r = htx("import", "ratings", str(ratings))
    assert r.exit_code == 0 and "was not read" not in r.stderr, r.stderr
    assert htx("export", "ratings").stdout.splitlines()[1] == "4702000099,2026,good,,mới thành lập"


def test_a_note_column_in_vietnamese(db_path: Path | str, tmp_path: Path) -> None:
    """A Vietnamese clerk's CSV file is named by the list it holds, as a workbook's sheet is, not by
    the contract's English file name ("cooperatives.csv")."""
    path = tmp_path / "htx.csv"
    path.write_text(
        "Mã số thuế,Tên HTX,Ngày thành lập,Ghi chú\n4702000099,HTX Thử,05/05/2026,x\n", encoding="utf-8"
    )
    r = invoke(db_path, "--lang", "vi", "import", "cooperatives", str(path))
    assert r.exit_code == 0, r.stderr
    assert f"{path}:1: không đọc cột 'Ghi chú': danh sách tổ chức không có cột ghi chú" in r.stderr


# --- 5: i/y spellings of a registered name ------------------------------------------------------


def test_a_name_spelt_with_y_for_i_is_the_registered_name(htx: Htx, tmp_path: Path) -> None:
    assert htx("add", "HTX Nông lâm Sĩ Bình", "--code", _A, "--founded", "07/07/2017").exit_code == 0
    assert htx("add", "HTX Chè Kì Sơn", "--code", _B, "--founded", "07/07/2017").exit_code == 0
    book = _workbook(
        tmp_path / "xl.xlsx",
        [
            ["Mã số HTX", "Tên HTX", "Xếp loại"],
            [_A, "HTX Nông lâm Sỹ Bình", "K"],
            [_B, "HTX Chè Kỳ Sơn", "T"],
        ],
    )
    r = htx("import", "ratings", str(book), "--year", "2025")
    assert r.exit_code == 0, r.stderr
    assert "warning" not in r.stderr
    support = tmp_path / "ht.csv"
    support.write_text(
        f"Mã số HTX,Tên HTX,Chương trình,Ngày,Số tiền\n{_A},htx nong lam sy binh,tín dụng,12/06/2025,5tr\n"
        f"{_B},HTX Chè Kỳ Phong,tín dụng,12/06/2025,5tr\n",
        encoding="utf-8",
    )
    r = htx("import", "support", str(support))
    assert r.exit_code == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "'HTX Chè Kỳ Phong'" in warnings[0], r.stderr  # another name still warns


# --- 6: one wording for an empty code ---------------------------------------------------------


def test_an_empty_code_is_said_one_way(htx: Htx, db_path: Path | str, tmp_path: Path) -> None:
    files = {
        "cooperatives": "Mã số HTX,Tên HTX,Ngày thành lập\n,HTX A,01/01/2010\n",
        "ratings": "Mã số HTX,Năm,Xếp loại\n,2025,Tốt\n",
        "figures": "Mã số HTX,Năm,Doanh thu\n,2025,5\n",
    }
    files["changes"] = "Mã số HTX,Tên HTX\n,HTX X\n"
    for name, text in files.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        table = "cooperatives" if name == "changes" else name
        for lang, said in (
            ("en", "Mã số HTX: is required"),
            ("vi", "Mã số HTX: là bắt buộc, không được để trống"),
        ):
            r = invoke(db_path, "--lang", lang, "import", table, str(path))
            assert r.exit_code == 1
            assert f"{name}.csv:2: {said}" in r.stderr, r.stderr
            assert "''" not in r.stderr.split(f"{name}.csv:2: ")[1].split(";")[0]
    for args in (("rate", "", "2025", "good"), ("show", ""), ("edit", "", "--phone", "1")):
        r = invoke(db_path, "--lang", "vi", *args)
        assert r.exit_code == 1
        assert r.stderr.strip() == "Lỗi: mã số: là bắt buộc, không được để trống", (args, r.stderr)
