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
        fitted = _fitted_headers(block, rows, width)
        if fitted is None:
            out.append(_row_by_row(block, rows))
            continue
        t = Table(
            title=block.title,
            title_justify="left",
            title_style="bold",
            header_style="bold",
            caption=block.caption,
            caption_justify="left",
            box=box.SIMPLE_HEAD,
        )
        for i, header in enumerate(fitted):
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
            is_total = block.total and n == len(block.rows) - 1
            bold = is_total or n in block.headings  # a subject over its metrics: bold too
            t.add_row(*cells, end_section=before_total, style="bold" if bold else None)
        out.append(t)
    return out


def _row_by_row(block: Any, rows: Sequence[Sequence[str]]) -> Table:
    """A table too wide for the terminal whatever its headers (four money columns at 80 columns, a
    long range side by side) shown as psql's expanded display shows one: each row its label in bold,
    then a line per figure, its header and its value. Nothing is cut; an empty cell is left out."""
    from rich import box
    from rich.text import Text

    labels = [i for i in range(len(block.headers)) if i not in block.numeric and i != block.chart]
    t = Table(
        title=block.title,
        title_justify="left",
        title_style="bold",
        caption=block.caption,
        caption_justify="left",
        box=box.SIMPLE,
        show_header=False,
    )
    t.add_column()
    t.add_column(justify="right", no_wrap=True)
    for n, cells in enumerate(rows):
        is_total = block.total and n == len(rows) - 1
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
                style="bold" if is_total else None,
                end_section=k == len(figures) - 1 and n < len(rows) - 1,
            )
    return t


_LABEL_AT_MOST = 24  # a label column is given its longest label, up to this, before headers narrow
_LABEL_AT_LEAST = 13  # then this much ("Liên hiệp HTX"), before a label wraps word by word


def _fitted_headers(block: Any, rows: Sequence[Sequence[str]], width: int) -> list[str] | None:
    """The headers, those of the columns that never wrap (figures, and their ₫) broken into lines no
    wider than their widest cell or a few words, narrower as the table needs to fit `width`: Rich
    wraps only the label columns, and would otherwise cut a figure ("227.450.000.00") or squeeze the
    labels to a letter ("H…"). Labels keep their whole width (up to _LABEL_AT_MOST) while the headers
    can narrow, and wrap between words only when that is not enough."""
    from rich.cells import cell_len

    whole = [i for i in range(len(block.headers)) if i not in block.wrap]
    widest = {i: max((cell_len(r[i]) for r in rows if i < len(r)), default=0) for i in whole}
    labels = [[r[i] for r in rows if i < len(r)] for i in block.wrap]
    # Each column takes a blank either side and a divider; the table an edge either side.
    frame = 3 * len(block.headers) + 1
    # Labels at their whole width, then at _LABEL_AT_LEAST, then word by word; a note in brackets whole
    # ("(còn đăng ký)"), and split over lines only before the labels go word by word.
    for most, notes_whole in (
        (_LABEL_AT_MOST, True),
        (_LABEL_AT_LEAST, True),
        (_LABEL_AT_LEAST, False),
        (0, True),
        (0, False),
    ):
        # never narrower than a label's longest word: the least width report() gives a label column
        label_width = sum(
            max(longest_word(cells), min(max(map(cell_len, cells), default=0), most)) for cells in labels
        )
        for line in range(13, 3, -1):  # header lines of at most 13 characters, fewer while it does not fit
            headers = [
                _wrapped(h, max(widest[i], line), notes_whole) if i in widest else h
                for i, h in enumerate(block.headers)
            ]
            if label_width + sum(_width(headers[i], widest[i]) for i in whole) + frame <= width:
                return headers
    return None  # too wide whatever the headers (a long range side by side): shown row by row


def _wrapped(header: str, width: int, note_whole: bool = True) -> str:
    """A header in lines of at most `width` characters (a longer word alone on its line); a note in
    brackets that ends it is a line of its own: "Thành viên" over "(đăng ký)"; a note is kept whole
    unless `note_whole` is false ("(đăng" over "ký)" reads as two notes, and is the last resort). A
    bracket inside the words ("Tăng (+), giảm (−) so với năm 2025") is a word among them."""
    import textwrap

    from htxcli.render.cells import NO_BREAK_SPACE, keep_notes_whole

    name, bracket, note = header.rpartition(" (")
    if not bracket or not note.endswith(")") or ")" in note[:-1]:
        name, note = header, ""
    else:
        note = "(" + note
    kept = keep_notes_whole(name) if note_whole else name
    lines = textwrap.wrap(kept, width, break_long_words=False)
    if note:
        lines += [note] if note_whole else textwrap.wrap(note, width, break_long_words=False)
    return "\n".join(line.replace(NO_BREAK_SPACE, " ") for line in lines) or header


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
