"""The yearly report's tables at a terminal (Rich): each block fitted to the terminal's width, its
headers wrapped and its labels wrapped between words, never a figure cut; a table too wide whatever its
headers shown row by row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from htxcli.render.tables import longest_word


def report(heading: str, blocks: Sequence[Any], period: str | None = None, width: int = 120) -> list[Any]:
    """The yearly report's blocks (render.report.Block) as Rich tables under a bold title (and the
    period's days, when they are not calendar years): the cells formatted for a terminal (a true minus
    sign), the chart column drawn as bars, each table fitted to `width` columns, or shown row by row
    where it cannot be."""
    from rich import box
    from rich.console import Group
    from rich.text import Text

    from htxcli.render.cells import TRUE_MINUS, text

    out: list[Any] = [Text(heading, style="bold underline")]
    if period is not None:
        out.append(Text(period))
    for block in blocks:
        rows = [
            [bar(c) if i == block.chart else text(c, minus=TRUE_MINUS) for i, c in enumerate(row)]
            for row in block.rows
        ]
        # The title above the table, not in it: a table's title wraps at the table's width, leaving
        # a title's last word alone on a line ("… đến ngày 14/12 hằng / năm").
        titled = Text(block.title, style="bold")
        fitted = _fitted_headers(block, rows, width)
        if fitted is None:
            out.append(Group(titled, _row_by_row(block, rows)))
            continue
        headers, close = fitted
        t = Table(
            header_style="bold",
            collapse_padding=close,
            caption=block.caption,
            caption_justify="left",
            box=box.SIMPLE_HEAD,
        )
        for i, header in enumerate(headers):
            t.add_column(
                header,
                justify="right" if i in block.numeric else "left",
                no_wrap=i not in block.wrap,
                overflow="fold" if i in block.wrap else "ellipsis",
                min_width=longest_word([r[i] for r in rows if i < len(r)]) if i in block.wrap else None,
                style="green" if i == block.chart else None,
            )
        for n, cells in enumerate(rows):
            before_total = block.total and n == len(block.rows) - 2
            t.add_row(*cells, end_section=before_total, style="bold" if block.bold(n) else None)
        out.append(Group(titled, t))
    return out


def _row_by_row(block: Any, rows: Sequence[Sequence[str]]) -> Table:
    """A table too wide for the terminal whatever its headers (four money columns at 80 columns, a
    long range side by side) shown as psql's expanded display shows one: each row its label in bold,
    then a line per figure, its header and its value. Nothing is cut; an empty cell is left out."""
    from rich import box
    from rich.text import Text

    labels = [i for i in range(len(block.headers)) if i not in block.numeric and i != block.chart]
    t = Table(
        caption=block.caption,
        caption_justify="left",
        box=box.SIMPLE,
        show_header=False,
    )
    t.add_column()
    t.add_column(justify="right", no_wrap=True)
    for n, cells in enumerate(rows):
        summed = (block.total and n == len(rows) - 1) or n in block.subtotals  # its figures bold
        label = " · ".join(cells[i] for i in labels if i < len(cells) and cells[i])
        # Beneath subjects (a range's kinds), the subjects bold and their metrics plain; the figures
        # a step further in than their row's label (a metric's, already indented beneath its subject).
        plain = bool(block.headings) and n not in block.headings
        t.add_row(Text(label, style="" if plain else "bold"), "")
        indent = "  " + " " * (len(label) - len(label.lstrip(" ")))
        figures = [i for i in range(len(cells)) if i not in labels and cells[i]]
        for k, i in enumerate(figures):
            t.add_row(
                indent + " ".join(block.headers[i].split()),
                cells[i],
                style="bold" if summed else None,
                end_section=k == len(figures) - 1 and n < len(rows) - 1,
            )
    return t


_LABEL_AT_MOST = 24  # a label column is given its longest label, up to this, before headers narrow
_LABEL_AT_LEAST = 13  # then this much ("Liên hiệp HTX"), before a label wraps word by word


def _fitted_headers(block: Any, rows: Sequence[Sequence[str]], width: int) -> tuple[list[str], bool] | None:
    """The headers, those of the columns that never wrap (figures, and their ₫) broken into lines no
    wider than their widest cell or a few words, narrower as the table needs to fit `width`: Rich
    wraps only the label columns, and would otherwise cut a figure ("227.450.000.00") or squeeze the
    labels to a letter ("H…"). Labels keep their whole width (up to _LABEL_AT_MOST) while the headers
    can narrow, and wrap between words only when that is not enough. With them, whether the columns
    are set closer (one blank between them, not two) for the headers to keep lines of a few words:
    rather that than "Tăng (+), giảm (−) so với năm 2025" a word a line at 80 columns."""
    from rich.cells import cell_len

    whole = [i for i in range(len(block.headers)) if i not in block.wrap]
    widest = {i: max((cell_len(r[i]) for r in rows if i < len(r)), default=0) for i in whole}
    labels = [[r[i] for r in rows if i < len(r)] for i in block.wrap]
    columns = len(block.headers)
    # Each column takes a blank either side and a divider, the table an edge either side; set closer,
    # a blank on its right only (and the first column on its left).
    spaced, closer = 3 * columns + 1, 2 * columns + 2
    # Labels at their whole width, then at _LABEL_AT_LEAST, then word by word; a note in brackets whole
    # ("(còn đăng ký)"), and split over lines only before the labels go word by word.
    stages = [
        (_LABEL_AT_MOST, True),
        (_LABEL_AT_LEAST, True),
        (_LABEL_AT_LEAST, False),
        (0, True),
        (0, False),
    ]

    # Labels whole, then at _LABEL_AT_LEAST: with each, headers of lines of a few words first (at most
    # 13 characters, no fewer than 8), the columns set apart, then closer; then headers of as few
    # lines as can be (up to 6), each as narrow as that many lines allow. Then anything down to a word
    # a line (4), the columns apart; else the table is shown row by row.
    def fits(headers: list[str], frame: int, label_width: int) -> bool:
        return label_width + sum(_width(headers[i], widest[i]) for i in whole) + frame <= width

    def label_width(most: int) -> int:
        # never narrower than a label's longest word: the least width report() gives a label column
        return sum(
            max(longest_word(cells), min(max(map(cell_len, cells), default=0), most)) for cells in labels
        )

    def at_most(line: int, notes_whole: bool) -> list[str]:  # each header in lines of `line` characters
        return [
            _wrapped(h, max(widest[i], line), notes_whole) if i in widest else h
            for i, h in enumerate(block.headers)
        ]

    for most, notes_whole in stages[:2]:
        for close, frame in ((False, spaced), (True, closer)):
            for line in range(13, 7, -1):
                if fits(headers := at_most(line, notes_whole), frame, label_width(most)):
                    return headers, close
        for most_lines in range(2, 7):
            for close, frame in ((False, spaced), (True, closer)):
                headers = [
                    _in_lines(h, widest[i], most_lines, notes_whole) if i in widest else h
                    for i, h in enumerate(block.headers)
                ]
                if fits(headers, frame, label_width(most)):
                    return headers, close
    for most, notes_whole in stages:
        for line in range(13, 3, -1):
            if fits(headers := at_most(line, notes_whole), spaced, label_width(most)):
                return headers, False
    return None  # too wide whatever the headers (a long range side by side): shown row by row


def _wrapped(header: str, width: int, note_whole: bool = True) -> str:
    """A header in lines of at most `width` characters (a longer word alone on its line); a note in
    brackets that ends it is a line of its own: "Thành viên" over "(đăng ký)"; a note is kept whole
    unless `note_whole` is false ("(đăng" over "ký)" reads as two notes, and is the last resort). A
    bracket inside the words ("Tăng (+), giảm (−) so với năm 2025") is a word among them."""
    import textwrap

    from rich.cells import cell_len

    from htxcli.render.cells import NO_BREAK_SPACE, keep_notes_whole, words_whole

    name, bracket, note = header.rpartition(" (")
    if not bracket or not note.endswith(")") or ")" in note[:-1]:
        name, note = header, ""
    else:
        note = "(" + note
    kept = keep_notes_whole(name) if note_whole else name
    # a word of two syllables on one line where it fits ("so với", "hoạt động"), as the documents keep it
    kept = words_whole(kept, lambda line: cell_len(line) <= width)
    lines = textwrap.wrap(kept, width, break_long_words=False)
    if note:
        lines += [note] if note_whole else textwrap.wrap(note, width, break_long_words=False)
    return "\n".join(line.replace(NO_BREAK_SPACE, " ") for line in lines) or header


def _in_lines(header: str, widest_cell: int, most_lines: int, note_whole: bool) -> str:
    """The header wrapped as narrow as it can be in `most_lines` lines or fewer, never narrower than
    its column's widest cell (or, when it cannot be, in the fewest lines it can)."""
    narrowest = _wrapped(header, max(widest_cell, 1), note_whole)
    for line in range(max(widest_cell, 1), len(header) + 1):
        wrapped = _wrapped(header, line, note_whole)
        if wrapped.count("\n") < most_lines:
            return wrapped
    return narrowest


def _width(header: str, widest_cell: int) -> int:
    from rich.cells import cell_len

    return max(widest_cell, *(cell_len(line) for line in header.split("\n")))


def bar(share: Any) -> str:
    """A share (domain.report.Percent) as one block per two percentage points, a half block for an odd
    one: 50 characters at 100%."""
    if share is None:
        return ""
    points: int = share.value
    return "█" * (points // 2) + ("▌" if points % 2 else "")
