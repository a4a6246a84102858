"""The report's typed cells as text, for the views that print text (the terminal, Markdown)."""

from __future__ import annotations

import re

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


def keep_notes_whole(header: str) -> str:
    """A header whose bracketed note never breaks inside: "Hiện có (còn đăng ký)" wraps before the
    bracket, never as "(còn đăng / ký)"; its spaces become no-break spaces, which Word, LibreOffice and
    browsers all honour."""
    return re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(" ", NO_BREAK_SPACE), header)
