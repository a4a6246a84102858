"""The column headers of an office's own spreadsheets: which contract column each one names.

A clerk's workbook says `Mã số thuế`, `Ngày thành lập`, `Vốn điều lệ (đồng)` where the interchange contract
says `code`, `founded`, `capital_vnd`. A header is matched ignoring accents, case, spacing, punctuation and a
trailing unit in parentheses, against the contract's own name and the Vietnamese names below; the first
Vietnamese name of a column is the one `htx export --headers vi` writes, so that it reads back.

Also here, as the same kind of knowledge about such sheets: the row that is the header (titles and blank
rows above it are skipped), or the two rows that are (a group's name over its columns); a row-number
column (`STT`) that carries no data; the row of column numbers under the header; the totals row that
ends many of them, and the signature block under the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from htxcli.domain.text import fold

# Keyed by the contract's column name; an alias is active only in a file whose contract has the column.
ALIASES: Mapping[str, tuple[str, ...]] = {
    "code": ("Mã số", "Mã số HTX", "Mã số thuế", "MST", "Mã HTX", "Mã số doanh nghiệp"),
    "name": ("Tên tổ chức", "Tên", "Tên HTX", "Tên đơn vị", "Tên hợp tác xã"),
    "kind": ("Loại hình", "Loại hình tổ chức"),
    "district": ("Huyện", "Quận/Huyện", "Huyện/Thành phố"),
    "commune": ("Xã", "Xã/Phường", "Phường/Xã", "Xã/Phường/Thị trấn"),
    "province": ("Tỉnh", "Tỉnh/Thành phố"),
    # The address after the 2025 reform (htx places migrate): from which day, in which province and commune.
    "new_address_from": ("Địa chỉ mới từ ngày", "Ngày đổi địa chỉ"),
    "new_province": ("Tỉnh mới", "Tỉnh/Thành phố mới"),
    "new_commune": ("Xã mới", "Xã/Phường mới", "Phường/Xã mới"),
    "sector": ("Lĩnh vực", "Ngành", "Ngành nghề", "Lĩnh vực hoạt động"),
    "founded": ("Ngày thành lập", "Ngày đăng ký", "Ngày cấp phép"),
    "dissolved": ("Ngày giải thể",),
    "members": ("Số thành viên", "Thành viên", "Thành viên tổng số", "Số thành viên tổng số"),
    "capital_vnd": ("Vốn điều lệ (đồng)", "Vốn điều lệ"),
    "representative": ("Người đại diện", "Giám đốc", "Người đại diện theo pháp luật"),
    "phone": ("Điện thoại", "Số điện thoại"),
    "products": ("Sản phẩm", "Sản phẩm chính"),
    "year": ("Năm", "Năm xếp loại", "Năm đánh giá"),
    "grade": ("Xếp loại", "Kết quả xếp loại"),
    "score": ("Điểm", "Tổng điểm"),
    "note": ("Ghi chú",),
    "program": ("Chương trình", "Nội dung hỗ trợ"),
    "date": ("Ngày", "Ngày hỗ trợ"),
    "amount_vnd": ("Số tiền (đồng)", "Số tiền", "Kinh phí"),
    "quantity": ("Số lượng",),
    "unit": ("Đơn vị tính", "ĐVT"),
    "reference": ("Số quyết định", "Số văn bản", "Số QĐ"),
    # The yearly figures (figures.csv). members, capital_vnd, year, note and code are named above.
    "associate_members": ("Thành viên liên kết", "Số thành viên liên kết"),
    "new_members": ("Thành viên mới", "Số thành viên mới", "Thành viên mới trong năm"),
    # A header of two rows reads as one ("Lao động" over "Tổng số | Trong đó thành viên"): its names too.
    "workers": (
        "Số lao động thường xuyên",
        "Lao động thường xuyên",
        "Số lao động",
        "Lao động tổng số",
        "Lao động thường xuyên tổng số",
    ),
    "member_workers": (
        "Lao động là thành viên",
        "Lao động là thành viên HTX",
        "Lao động thành viên",
        "Lao động trong đó thành viên",
        "Lao động trong đó là thành viên",
        "Lao động thường xuyên trong đó thành viên",
    ),
    "seasonal_workers": ("Lao động thời vụ", "Số lao động thời vụ"),
    "assets_vnd": ("Tổng tài sản (đồng)", "Tổng tài sản", "Tài sản"),
    "revenue_vnd": ("Doanh thu (đồng)", "Doanh thu", "Tổng doanh thu"),
    "profit_vnd": (
        "Lợi nhuận trước thuế (đồng)",
        "Lợi nhuận (trước thuế)",
        "Lợi nhuận trước thuế",
        "Lợi nhuận",
    ),
    "tax_vnd": ("Nộp ngân sách (đồng)", "Nộp ngân sách", "Nộp ngân sách nhà nước", "Thuế"),
    "income_vnd_per_year": (
        "Thu nhập bình quân (đồng/người/năm)",
        "Thu nhập bình quân",
        "Thu nhập bình quân của người lao động",
        "Thu nhập",
    ),
    "ocop_3": ("Sản phẩm OCOP 3 sao", "OCOP 3 sao"),
    "ocop_4": ("Sản phẩm OCOP 4 sao", "OCOP 4 sao"),
    "ocop_5": ("Sản phẩm OCOP 5 sao", "OCOP 5 sao"),
    "high_tech": ("Ứng dụng công nghệ cao", "Công nghệ cao"),
    "value_chain": ("Liên kết chuỗi giá trị", "Chuỗi giá trị", "Liên kết chuỗi"),
}
ROW_NUMBER = ("STT", "Số TT", "TT", "Số thứ tự")  # a column of row numbers: no data, ignored

# The kinds of value a column holds, for a spreadsheet's cells: numbers and dates are written as such,
# everything else (codes first of all: 0101234567 keeps its zero) as text.
MONEY_COLUMNS = frozenset(
    {"capital_vnd", "amount_vnd", "assets_vnd", "revenue_vnd", "profit_vnd", "tax_vnd", "income_vnd_per_year"}
)
NUMBER_COLUMNS = frozenset(
    {
        "members",
        "year",
        "score",
        "quantity",
        "associate_members",
        "new_members",
        "workers",
        "member_workers",
        "seasonal_workers",
        "ocop_3",
        "ocop_4",
        "ocop_5",
        *MONEY_COLUMNS,
    }
)
DATE_COLUMNS = frozenset({"founded", "dissolved", "date", "new_address_from"})

_UNIT = re.compile(r"\(([^()]*)\)\s*$")
_NOT_LETTERS = re.compile(r"[\W_]+")
_CURRENCY_UNITS = frozenset({"dong", "d", "vnd", "vnd dong", "dong vn", "₫"})


def header_key(text: str) -> str:
    """What two spellings of one header have in common: accents, case, spacing, punctuation and a
    trailing unit in parentheses aside. `Vốn điều lệ (đồng)`, `VON DIEU LE` and `vốn_điều_lệ` agree."""
    return _NOT_LETTERS.sub("", fold(_UNIT.sub("", text)))


def header_unit(text: str) -> str | None:
    """The unit a header gives in parentheses at its end: `Vốn điều lệ (triệu đồng)` -> 'triệu đồng'."""
    found = _UNIT.search(text)
    return found[1].strip() if found else None


def unit_is_dong(unit: str) -> bool:
    """Whether a money column's unit is the đồng itself (any other, `triệu đồng`, would scale it)."""
    return " ".join(fold(unit).replace(".", " ").split()) in _CURRENCY_UNITS


# A money column in a larger unit (`Vốn điều lệ (triệu đồng)`): the word its bare numbers are read with,
# so that `1,5` reads as `1,5 triệu` (values.parse_money scales it).
_SCALES = {
    "triệu": ("trieu dong", "trieu", "tr", "tr d", "trd", "trieu d", "trieu vnd"),
    "tỷ": ("ty dong", "ty", "ty d", "ty vnd"),
    "nghìn": ("nghin dong", "nghin", "ngan dong", "ngan", "1000 dong", "1000d", "1 000 dong", "nghin d"),
}
_SCALE_OF = {name: word for word, names in _SCALES.items() for name in names}


def unit_scale(unit: str) -> str | None:
    """The word of a money header's unit that scales its numbers (`triệu đồng` -> 'triệu'), or None."""
    return _SCALE_OF.get(" ".join(fold(unit).replace(".", " ").split()))


IGNORED = "\x00row-number"  # what header_names gives a row-number column


def header_names(columns: Iterable[str]) -> dict[str, str]:
    """Each accepted header's key -> the contract column it names (IGNORED for a row-number column)."""
    names = {header_key(r): IGNORED for r in ROW_NUMBER}
    for column in columns:
        names[header_key(column)] = column
        for alias in ALIASES.get(column, ()):
            names[header_key(alias)] = column
    return names


def vietnamese_header(column: str) -> str:
    """The header `--headers vi` writes for a contract column."""
    return ALIASES[column][0]


def accepted_names(columns: Iterable[str]) -> str:
    """The names a file's header may use, for the message that refuses an unknown one."""
    return "; ".join(
        f"{column} = {', '.join(ALIASES[column])}" if column in ALIASES else column for column in columns
    )


def is_header_row(cells: Sequence[str], names: Mapping[str, str]) -> bool:
    """A row that names columns: one cell at least is a known header, and either every filled cell is
    one or the row has several (a title, merged across the sheet, fills one cell)."""
    filled = [cell for cell in cells if cell.strip()]
    known = sum(header_key(cell) in names for cell in filled)
    return known > 0 and (known == len(filled) or len(filled) > 1)


def header_score(cells: Sequence[str], names: Mapping[str, str]) -> int:
    """How many cells of a row are known headers, or 0 when the row is not a header (is_header_row)."""
    if not is_header_row(cells, names):
        return 0
    return sum(header_key(cell) in names for cell in cells if cell.strip())


# A cell of the row of column numbers an office puts under its header: "(1)", "2", "A", "(B)".
_COLUMN_NUMBER = re.compile(r"\(?\s*(?:(\d{1,3})|([A-Za-z]))\s*\)?")


def is_column_numbers(cells: Sequence[str]) -> bool:
    """The row of column numbers under a header ("(1) (2) (3) …", "1 2 3 …", "A B 1 2 …"): every
    filled cell a number or a letter, the numbers counting up by one and the letters A, B, C …; two
    cells at least. It numbers the columns, and holds no data."""
    numbers: list[int] = []
    letters: list[int] = []
    for cell in cells:
        if not cell.strip():
            continue
        found = _COLUMN_NUMBER.fullmatch(cell.strip())
        if found is None:
            return False
        if found[1] is not None:
            numbers.append(int(found[1]))
        else:
            letters.append(ord(found[2].upper()) - ord("A"))
    first = numbers[0] if numbers else 0
    return (
        len(numbers) + len(letters) >= 2
        and numbers == list(range(first, first + len(numbers)))
        and letters == list(range(len(letters)))
    )


def two_row_header(upper: Sequence[str], lower: Sequence[str], names: Mapping[str, str]) -> list[str] | None:
    """The header an office writes on two rows, as one: a group's name over its columns ("Sản phẩm
    OCOP", merged over "3 sao | 4 sao | 5 sao") prefixes each of them ("Sản phẩm OCOP 3 sao"), or
    is left out where the lower cell is a name of its own ("Thành viên" over "Thành viên mới"); a cell
    with nothing under it (merged down) is the upper one. None when the lower row is not the rest of
    the header: most of its cells would not name a column (a row of data), or one stands under no
    header at all, or it numbers the columns."""
    if not any(cell.strip() for cell in lower) or is_column_numbers(lower):
        return None
    if any(_COLUMN_NUMBER.fullmatch(cell.strip()) for cell in lower if cell.strip()):
        return None  # a bare number or letter names no column: a row of data, such as "(1),(3),(2)"
    width = max(len(upper), len(lower))
    combined: list[str] = []
    group = ""
    joined = known = 0
    for at in range(width):
        above = " ".join(upper[at].split()) if at < len(upper) else ""
        below = " ".join(lower[at].split()) if at < len(lower) else ""
        if above:
            group = above
        if not below:
            combined.append(above)
            continue
        if not group:
            return None
        joined += 1
        for candidate in (f"{group} {below}", below):
            if header_key(candidate) in names:
                combined.append(candidate)
                known += 1
                break
        else:
            combined.append(f"{group} {below}")  # refused by this name, which says what was read
    return combined if known * 2 > joined else None


_TOTALS = frozenset({"tong cong", "cong", "tong so", "tong", "total", "totals", "grand total"})


# What may follow the word in a totals row's label: its count and what was counted ("Tổng cộng: 10 HTX").
_COUNTED = frozenset({"htx", "tht", "lhtx", "qtdnd", "to", "chuc", "hop", "tac", "xa", "don", "vi"})


def totals_label(cells: Sequence[str]) -> str | None:
    """The label of a totals row: its first filled cell reads `Tổng cộng`, `Cộng`, `Tổng số`, `Total`,
    alone or with the count it sums up (`Tổng cộng: 10 HTX`, `Cộng (12 tổ chức)`)."""
    for cell in cells:
        if cell.strip():
            label = cell.strip()
            words = _NOT_LETTERS.sub(" ", fold(label)).split()
            for n in (2, 1):
                rest = words[n:]
                counted = all(w.isdigit() or w in _COUNTED for w in rest)
                if " ".join(words[:n]) in _TOTALS and counted and (not rest or any(map(str.isdigit, rest))):
                    return label
            return None
    return None


# The signature block an office's sheet ends with, under its data (after a totals row or without one):
# who drew it up and who signs ("Người lập biểu", "KT. GIÁM ĐỐC", "Thủ trưởng đơn vị"), what to write
# there ("(Ký, họ tên)", "(Ký tên, đóng dấu)") and the place and date ("Thái Nguyên, ngày 05 tháng 12
# năm 2026"). Titles as fold() writes them, punctuation as spaces; a cell is one if it begins so.
_SIGNERS = (
    "nguoi lap bieu",
    "nguoi lap bang",
    "nguoi lap",
    "nguoi ky",
    "nguoi duyet",
    "nguoi kiem tra",
    "can bo lap bieu",
    "thu truong",
    "ke toan truong",
    "ke toan",
    "giam doc",
    "pho giam doc",
    "chu tich",
    "pho chu tich",
    "truong phong",
    "pho truong phong",
    "lanh dao",
    "xac nhan",
    "ky ten",
    "ky ho ten",
    "ky ghi ro ho ten",
    "ky va ghi ro ho ten",
    "ky dong dau",
)
# Who signs for whom: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "TL. GIÁM ĐỐC", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC".
_ON_BEHALF = frozenset({"kt", "tm", "tl", "tuq", "q"})
_PLACE_AND_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")


@lru_cache(maxsize=4096)
def is_signature_cell(text: str) -> bool:
    """A cell of the signature block: a signer's title, what to write under it, or the place and date.
    Cached: a row without a code is looked at cell by cell up to its first that is no signature's, which
    in a file of support to no organisation is most rows, and their first cell (a row number, the
    program) repeats."""
    folded = fold(text)
    if _PLACE_AND_DATE.search(folded):
        return True
    words = _NOT_LETTERS.sub(" ", folded).split()
    if len(words) > 1 and words[0] in _ON_BEHALF and "." in folded.split()[0]:
        return True
    joined = " ".join(words)
    return any(joined == signer or joined.startswith(signer + " ") for signer in _SIGNERS)


def is_signature_row(cells: Sequence[str]) -> bool:
    """A row of the signature block: something in it, and nothing but a signature's words."""
    found = False
    for cell in cells:
        if cell and not cell.isspace():
            if not is_signature_cell(cell):
                return False
            found = True
    return found
