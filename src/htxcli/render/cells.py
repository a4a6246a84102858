"""The report's typed cells as text, for the views that print text (the terminal, Markdown)."""

from __future__ import annotations

import re
from collections.abc import Callable

from htxcli.domain.report import Change, Count, Label, Money, Percent, Share, Tenths, Value
from htxcli.domain.values import format_count

# The terminal and the printed documents (Word, HTML) write a true minus sign (U+2212), as their
# headers do ("Tăng (+), giảm (−)"). Markdown is pasted into spreadsheets, which read "−5" as text,
# not as a number: there, ASCII "-" (and the workbook keeps numbers).
TRUE_MINUS = "\u2212"
PLAIN_MINUS = "-"


def text(cell: Value | None, *, minus: str) -> str:
    """1.620.000.000, 149, 29%, +29 or −1.000.000; a change of shares in points, without %. Money is
    bare: its table says "(đồng)" once, in the header or the label (render/report.in_dong)."""
    if cell is None:
        return ""
    if isinstance(cell, Label):
        return cell.text
    if isinstance(cell, Count):
        return format_count(cell.value)
    if isinstance(cell, Money):  # a loss: −50.000.000, with the minus its changes have
        return (minus if cell.value < 0 else "") + format_count(abs(cell.value))
    if isinstance(cell, Percent):
        return f"{format_count(cell.value)}%"
    if isinstance(cell, Tenths):
        return tenths(cell.value, minus)
    if isinstance(cell, Share):
        return f"{tenths(cell.value, minus)}%"
    return _change(cell, minus)


def tenths(value: int, minus: str) -> str:
    """An average of counts, to one decimal with the decimal comma: 35,6 (as the tables write 1.200)."""
    sign = minus if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    return f"{sign}{format_count(whole)},{tenth}"


def _change(change: Change, minus: str) -> str:
    value = change.by.value
    sign = "+" if value > 0 else minus if value < 0 else ""
    if isinstance(change.by, Tenths | Share):
        return sign + tenths(abs(value), minus)
    return sign + format_count(abs(value))


NO_BREAK_SPACE = "\u00a0"


# Words of two syllables the headers use (and a year with its word, "năm 2025"): a Vietnamese reader
# reads "đăng ký" as one word, and a narrow column broke it ("Vốn điều lệ đăng / ký").
_WORDS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        (
            r"năm \d{4}",  # a year with its word
            r"tăng \(\+\)",  # a sign with its word: "Tăng (+), / giảm (−) so với / năm 2025"
            r"giảm \(−\)",
            "so với",
            "cả năm",
            "đăng ký",
            "điều lệ",
            "thành viên",
            "bình quân",
            "hoạt động",
            "giải thể",
            "thành lập",
            "tạm ngừng",
            "chứng nhận",
            "lao động",
            "doanh thu",
            "lợi nhuận",
            "thu nhập",
            "báo cáo",
            "kế hoạch",
            "thực hiện",
            "chương trình",
            "tổ chức",
            "số lượng",
            "số tiền",
            "đơn vị",
            "hỗ trợ",
            "chỉ tiêu",
            "loại hình",
            "trước thuế",
            "cùng kỳ",
            "hiện có",
            "thu hồi",
        )
    )
    + r")(?!\w)",
    re.IGNORECASE,
)


def words_whole(header: str, fits: Callable[[str], bool], *looser: Callable[[str], bool]) -> str:
    """The header with each word of two syllables (_WORDS) that its lines would break between them kept
    on one line, its space a no-break space, where the column `fits` it on a line: laid out already,
    the columns are not widened for it, and a header that breaks elsewhere is left as it is. The
    lines as `fits` measures them and as each `looser` measure does: a browser's or LibreOffice's
    font may set a few more letters a line than the estimate."""
    for _ in range(len(header.split(" "))):
        breaks = set().union(*(_breaks(header, measure) for measure in (fits, *looser)))
        broken = [
            m
            for m in _WORDS.finditer(header)
            if m.start() + m.group(0).index(" ") in breaks and fits(m.group(0))
        ]
        if not broken:
            break
        m = broken[0]
        header = header[: m.start()] + m.group(0).replace(" ", NO_BREAK_SPACE) + header[m.end() :]
    return header


def _breaks(header: str, fits: Callable[[str], bool]) -> set[int]:
    """Where a column that `fits` a line breaks the header, as its spaces' indexes: word by word, as
    many words a line as fit (a no-break space joins two)."""
    breaks, line, at = set(), "", 0
    for word in header.split(" "):
        if line and not fits(f"{line} {word}"):
            breaks.add(at - 1)
            line = word
        else:
            line = f"{line} {word}" if line else word
        at += len(word) + 1
    return breaks


def figures_with_their_words(line: str) -> str:
    """A line whose dates and years stay on the line of the words before them ("từ ngày 15/12/2024",
    "năm 2025"): the period under a document's title, never broken as "từ ngày / 15/12/2024" nor "từ
    / ngày …"."""
    kept = re.sub(r"\b(từ|đến) ngày", rf"\1{NO_BREAK_SPACE}ngày", line)  # "từ ngày 15/12/2024" whole
    return re.sub(r" (?=\d)", NO_BREAK_SPACE, kept)


def keep_notes_whole(header: str) -> str:
    """A header whose bracketed note never breaks inside: "Hiện có (còn đăng ký)" wraps before the
    bracket, never as "(còn đăng / ký)"; its spaces become no-break spaces, which Word, LibreOffice and
    browsers all honour."""
    return re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", NO_BREAK_SPACE), header)
