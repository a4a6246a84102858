"""What the Word and the HTML report share: their heading's words, their body's numbered parts, and
their tables as text (what heads and signs them: render/letterhead.py).

The tables come from render/report.py's blocks, the ones the terminal and Markdown print, so a section
added to the report there appears in both documents with no change here. Cells are formatted as the
terminal writes them (a true minus, as the change columns' header "giảm (−)"); the chart column,
drawn as bars on the terminal, is left out (the HTML draws real charts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from htxcli.domain import messages
from htxcli.domain.report import Change, Report
from htxcli.render import report as view
from htxcli.render.cells import TRUE_MINUS, keep_notes_whole, text, words_whole
from htxcli.render.layout import Cell, title
from htxcli.render.narrative import topics
from htxcli.render.prose import spelled_out_first

# The page a document's tables are laid out on: A4 with Decree 30's margins (top and bottom 20 mm, left
# 30 mm, right 15 mm), upright, or turned for a table too wide for it (as offices print a wide appendix).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PORTRAIT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
LANDSCAPE_MM = PAGE_MM[1] - MARGINS_MM["left"] - MARGINS_MM["right"]
# Table text sizes (points), largest first: a table takes the largest its figures fit at.
TABLE_SIZES = (12, 11, 10, 9)
CELL_PADDING_MM = 3.8 + 1.2  # Word's cell margins (1.9 mm each side) and a little to spare
SUB_ROW_INDENT_MM = 5  # a row beneath another (a band's grades, a kind's metrics), indented this much a step
# A label column (a kind, a figure's name) keeps room for this many characters: it wraps between words
# ("Hợp tác xã: Đang hoạt động" on two lines), never down to a syllable a line.
LABEL_CHARACTERS = 22
# Widths of Times New Roman's characters, in ems (its metrics, as Liberation Serif copies them).
_NARROW, _DIGIT, _LOWER, _UPPER = 0.25, 0.5, 0.47, 0.72
_POINT_MM = 25.4 / 72


def text_mm(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set in Times New Roman at `size` points, in millimetres (an estimate a
    little generous: Vietnamese marks do not widen a letter, bold does)."""
    ems = 0.0
    for c in text:
        if c.isdigit() or c in "₫+-−*":
            ems += _DIGIT
        elif c in " \u00a0.,:;'()[]/|!":
            ems += _NARROW
        elif c == "%":
            ems += 0.83
        elif c.isupper():
            ems += _UPPER
        else:
            ems += _LOWER
    return ems * size * _POINT_MM * (1.08 if bold else 1.0)


@dataclass(frozen=True)
class Layout:
    """How a table is set: its columns' widths (mm), its text size (pt), and whether its page is
    turned (landscape) to hold it."""

    widths: list[float]
    size: int
    landscape: bool


# A figure column's header wraps twice at most: "Hiện có (còn đăng ký)" on three lines, not five.
HEADER_LINES = 3
# The pages tried, with a figure's header in so many lines at most (0: any): upright with a header a line
# longer before turned, as a page turned for a dozen rows leaves the page before it part empty.
TRIED = ((HEADER_LINES, False), (HEADER_LINES + 1, False), (HEADER_LINES, True), (0, False), (0, True))


def layouts(tables: list[Table]) -> list[Layout]:
    """Each table's layout, all at one text size: the smallest any of them needs (a 10-point table
    beside a 12-point one read as a mistake), as the HTML sets all its tables at one size."""
    size = min((layout(t).size for t in tables), default=TABLE_SIZES[0])
    return [layout(t, at_most=size) for t in tables]


def layout(table: Table, at_most: int = TABLE_SIZES[0]) -> Layout:
    """Each column gets room for what must stay on one line: its longest figure (a figure never
    wraps), its header's longest word, a label column LABEL_CHARACTERS or its longest text; what is
    left of the line goes to the label columns. A figure column's header gets room to wrap into
    HEADER_LINES lines at most, at the cost of a smaller size, before it is left to wrap further. The
    first of these that fits: upright at 12, 11 or 10 pt, then turned; a table wider than any is
    scaled down on a turned page, its label columns keeping their room (tables() splits such a table
    first, so that this is the last resort of a single column too wide for a page)."""
    fitting = _fitting(table, at_most)
    if fitting is not None:
        return fitting
    size = TABLE_SIZES[-1]
    needs, shares = _needs(table, size)
    kept = sum(n for n, s in zip(needs, shares, strict=True) if s)
    figures = sum(needs) - kept
    scale = max(LANDSCAPE_MM - kept, 0) / figures if figures else 1.0
    widths = [n if s else n * scale for n, s in zip(needs, shares, strict=True)]
    return Layout(widths, size, True)


def _fitting(table: Table, at_most: int = TABLE_SIZES[0]) -> Layout | None:
    """layout()'s first layout that holds every figure on one line, or None."""
    for headed, landscape in TRIED:
        width = LANDSCAPE_MM if landscape else PORTRAIT_MM
        for size in (s for s in (TABLE_SIZES[:3] if not landscape else TABLE_SIZES) if s <= at_most):
            needs, shares = _needs(table, size, headed=headed)
            # The figures' columns alike (a year beside a year) when the line holds them so.
            widest = max((n for n, s in zip(needs, shares, strict=True) if not s), default=0.0)
            alike = [n if s else widest for n, s in zip(needs, shares, strict=True)]
            # The label columns' longest texts on one line before the figures' columns are
            # padded alike: a comparison's "Hợp tác xã: Vốn điều lệ đăng ký" whole beside
            # three columns of đồng, not wrapped beside a change column as wide as a sum of money.
            for tried, whole in ((alike, True), (needs, True), (alike, False), (needs, False)):
                wanted = sum(tried) + (_label_wants(table, size, tried, shares) if whole else 0.0)
                if wanted <= width:
                    spread = _spread(table, size, tried, shares, width - sum(tried))
                    return Layout(spread, size, landscape)
    return None


def words_kept(table: Table, shape: Layout, size: float) -> Table:
    """The table's headers with their words of two syllables kept on one line where the column, laid
    out, holds one at the printed size (cells.words_whole): "Vốn điều lệ / đăng ký (đồng)", never
    "… đăng / ký", in Word, HTML and the workbook alike. Its lines as text_mm measures them and a
    little looser: Word's, LibreOffice's and Chromium's fonts set a few more letters a line."""

    def fits(width: float, scale: float = 1.0) -> Callable[[str], bool]:
        return lambda line: scale * text_mm(line, size, bold=True) + CELL_PADDING_MM <= width

    headers = [
        words_whole(h, fits(w), fits(w, 0.9), fits(w, 0.8))
        for h, w in zip(table.headers, shape.widths, strict=True)
    ]
    return replace(table, headers=headers)


def words(text: str) -> list[str]:
    """The words a line may break between: split at spaces, never at a no-break space (a header's
    bracketed note, "(còn đăng ký)", is one: see cells.keep_notes_whole)."""
    return [w for w in text.split(" ") if w]


def _label_mm(table: Table, i: int, size: float) -> list[float]:
    """The label column `i`'s texts, each on one line with its indent (a row beneath another), in mm."""
    return [
        text_mm(row[i], size, bold=table.total or n in table.headings or n in table.subtotals)
        + (SUB_ROW_INDENT_MM * table.indents[n] if i == 0 and n < len(table.indents) else 0.0)
        for n, row in enumerate(table.rows)
    ]


def _label_wants(table: Table, size: int, widths: list[float], shares: list[float]) -> float:
    """What the label columns lack of their longest text on one line, in `widths` (mm)."""
    return sum(
        max(max(_label_mm(table, i, size), default=0.0) + CELL_PADDING_MM - w, 0.0)
        for i, (w, s) in enumerate(zip(widths, shares, strict=True))
        if s
    )


def header_lines(header: str, width: float, size: float) -> int:
    """How many lines `header` takes, bold at `size`, wrapped between words in `width` mm of text."""
    lines, line = 1, ""
    for word in words(header):
        tried = f"{line} {word}" if line else word
        if line and text_mm(tried, size, bold=True) > width:
            lines, line = lines + 1, word
        else:
            line = tried
    return lines


def _word_mm(word: str, size: float) -> float:
    """A header's word (or bracketed note) bold at `size`, in mm; one with a slash with a little to
    spare: Word breaks a line after a slash, and "(đồng/người/năm)", wider than text_mm's average
    letters make it (its m and n), went "(đồng/người/năm" over ")"."""
    return text_mm(word, size, bold=True) * (_SLASHED_SPARE if "/" in word else 1.0)


_SLASHED_SPARE = 1.06


def _header_room(header: str, size: float, lines: int) -> float:
    """The least text width (mm) in which `header` wraps into `lines` lines at most."""
    low = max((_word_mm(w, size) for w in words(header)), default=0.0)
    high = text_mm(header, size, bold=True)
    while high - low > 0.2:
        middle = (low + high) / 2
        if header_lines(header, middle, size) <= lines:
            high = middle
        else:
            low = middle
    return high


def _spread(table: Table, size: int, needs: list[float], shares: list[float], spare: float) -> list[float]:
    """Room left on the line, by what it buys: first the figures' headers that wrap most, a line less
    at a time, down to two lines ("Đã báo cáo" on two lines, not squeezed onto three beside a money
    column with room to spare); then the label columns, towards their longest text on one line; then
    the headers again, towards one line; the rest to the label columns by the length of their texts."""
    widths = list(needs)
    spare = _balance_headers(table, size, widths, spare, floor=2)
    spare = _unsqueeze_headers(table, size, widths, spare)
    wants = [
        max(max(_label_mm(table, i, size), default=0.0) + CELL_PADDING_MM - w, 0) if s else 0.0
        for i, (w, s) in enumerate(zip(widths, shares, strict=True))
    ]
    if sum(wants):
        given = min(spare, sum(wants))
        widths = [w + given * want / sum(wants) for w, want in zip(widths, wants, strict=True)]
        spare -= given
    spare = _balance_headers(table, size, widths, spare, floor=1)
    weights = shares if sum(shares) else [1.0] * len(needs)
    return [w + spare * s / sum(weights) for w, s in zip(widths, weights, strict=True)]


def _unsqueeze_headers(table: Table, size: int, widths: list[float], spare: float) -> float:
    """A figure's header of three words or more set a word a line ("Đã / báo / cáo") gets a line
    less where `spare` pays for it, the cheapest first; what is left of `spare`."""
    costs = []
    for i, numeric in enumerate(table.numeric):
        count = len(words(table.headers[i]))
        lines = header_lines(table.headers[i], widths[i] - CELL_PADDING_MM, size)
        if numeric and count >= 3 and lines >= count:
            room = _header_room(table.headers[i], size, lines - 1) + CELL_PADDING_MM + 0.01
            costs.append((max(room - widths[i], 0.0), i))
    for cost, i in sorted(costs):
        if cost > spare:
            break
        widths[i] += cost
        spare -= cost
    return spare


def _balance_headers(table: Table, size: int, widths: list[float], spare: float, *, floor: int) -> float:
    """Widen the figures' columns whose headers take the most lines, all of them a line less at a
    time, while `spare` pays for it and they take more than `floor` lines; what is left of `spare`."""
    figures = [i for i, numeric in enumerate(table.numeric) if numeric]
    while figures:
        lines = {i: header_lines(table.headers[i], widths[i] - CELL_PADDING_MM, size) for i in figures}
        most = max(lines.values())
        if most <= floor:
            return spare
        costs = {
            i: max(_header_room(table.headers[i], size, most - 1) + CELL_PADDING_MM + 0.01 - widths[i], 0.0)
            for i, n in lines.items()
            if n == most
        }
        if sum(costs.values()) > spare:
            return spare
        for i, cost in costs.items():
            widths[i] += cost
        spare -= sum(costs.values())
    return spare


def _needs(table: Table, size: int, *, headed: int = 0) -> tuple[list[float], list[float]]:
    """Each column's least width at `size`, and its share of the spare room (label columns only, by
    the length of their texts). `headed`: a figure column's header in that many lines at most."""
    needs, shares = [], []
    for i, numeric in enumerate(table.numeric):
        cells = [row[i] for row in table.rows]
        header = max((_word_mm(w, size) for w in words(table.headers[i])), default=0.0)
        if numeric and headed:
            # A change's header is a phrase ("Tăng (+), giảm (−) so với năm 2025"): a line more.
            lines = headed + (1 if table.changes and table.changes[i] else 0)
            header = max(header, _header_room(table.headers[i], size, lines))
        if numeric:
            least = max((text_mm(c, size, bold=table.total) for c in cells), default=0.0)
            shares.append(0.0)
        else:
            word = max((text_mm(w, size, bold=True) for c in cells for w in words(c)), default=0.0)
            longest = max(cells, key=len, default="")
            room = text_mm(longest[:LABEL_CHARACTERS], size, bold=table.total)
            deepest = max(table.indents, default=0) if i == 0 else 0
            least = max(word, room) + SUB_ROW_INDENT_MM * deepest
            shares.append(float(min(max((len(c) for c in cells), default=1), 40)) or 1.0)
        needs.append(max(least, header) + CELL_PADDING_MM)
    return needs, shares


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # by column: figures, aligned right
    total: bool  # the last row is a total
    caption: str | None
    # By row: how many steps its first cell is indented (a band's grades beneath it: 1), which the
    # layouts indent with their own means (a paragraph's indent, CSS padding), never with spaces.
    indents: list[int] = field(default_factory=list)
    # The rows that head those indented beneath them (a range's kind over its metrics): bold, and
    # kept on the page of the row after them.
    headings: frozenset[int] = frozenset()
    subtotals: frozenset[int] = frozenset()  # rows summing those above short of the whole: bold
    continued: bool = False  # the next columns of the table before it, too wide for one page
    changes: list[bool] = field(default_factory=list)  # by column: a year's change, kept beside its year

    def bold(self, n: int) -> bool:
        """Whether row `n` is printed bold: a heading over its metrics, a subtotal or the total."""
        return n in self.headings or n in self.subtotals or (self.total and n == len(self.rows) - 1)


def numbered(tables: list[Table]) -> list[tuple[str, Table]]:
    """Each table under its title, numbered as the workbook numbers its sheets: "Biểu 1. …", and a
    table's continuation "Biểu 1 (tiếp theo)" under the same number."""
    out, number = [], 0
    for table in tables:
        if table.continued:
            out.append((messages.DOCUMENT_TABLE_CONTINUED.format(number=number), table))
        else:
            number += 1
            out.append((messages.DOCUMENT_TABLE.format(number=number, title=table.title), table))
    return out


def _parts(table: Table) -> list[Table]:
    """The table, or, when its figures cannot all hold on one line of a turned page (five years
    side by side, each with its change: "227.450.000 / .000 ₫"), its figure columns in parts that
    can, each under the label columns; a change column stays with the year before it. The
    caption goes under the last part."""
    if _fitting(table) is not None:
        return [table]
    labels = [i for i, numeric in enumerate(table.numeric) if not numeric]
    units: list[list[int]] = []  # a figure column with the change columns after it
    for i, numeric in enumerate(table.numeric):
        if numeric:
            if units and table.changes[i]:
                units[-1].append(i)
            else:
                units.append([i])

    def part(columns: list[int], continued: bool) -> Table:
        shown = labels + columns
        return Table(
            title=table.title,
            headers=[table.headers[i] for i in shown],
            rows=[[row[i] for i in shown] for row in table.rows],
            numeric=[table.numeric[i] for i in shown],
            total=table.total,
            caption=None,
            indents=table.indents,
            headings=table.headings,
            subtotals=table.subtotals,
            continued=continued,
            changes=[table.changes[i] for i in shown],
        )

    parts: list[list[int]] = []
    for unit in units:
        if parts and _fitting(part(parts[-1] + unit, False)) is not None:
            parts[-1] += unit
        else:
            parts.append(list(unit))
    if len(parts) < 2:
        return [table]  # one column too wide for a page: layout() squeezes it
    out = [part(columns, n > 0) for n, columns in enumerate(parts)]
    out[-1] = replace(out[-1], caption=table.caption)
    return out


def tables(report: Report, *, single: bool) -> list[Table]:
    out = []
    for block in view.report_blocks(report, single=single):
        shown = [i for i in range(len(block.headers)) if i != block.chart]
        rows = [[text(row[i], minus=TRUE_MINUS) for i in shown] for row in block.rows]
        indents = [sub_row(row[0]) if row else 0 for row in rows]
        out.extend(
            _parts(
                Table(
                    title=block.title,
                    headers=[keep_notes_whole(block.headers[i]) for i in shown],
                    rows=[[row[0].lstrip(" "), *row[1:]] if row else row for row in rows],
                    numeric=[i in block.numeric for i in shown],
                    total=block.total,
                    caption=block.caption,
                    indents=indents,
                    headings=block.headings,
                    subtotals=block.subtotals,
                    changes=[_changes(row[i] for row in block.rows) for i in shown],
                )
            )
        )
    return out


def _changes(cells: Iterable[Cell]) -> bool:
    """A column of changes between two years (and blanks)."""
    held = [c for c in cells if c is not None]
    return bool(held) and all(isinstance(c, Change) for c in held)


def sub_row(label: str) -> int:
    """How deep a row lies beneath another: the layouts indent its label by two spaces a step (the
    terminal prints them so)."""
    return (len(label) - len(label.lstrip(" "))) // 2


# The body's parts are numbered in Roman figures, as Vietnamese reports number them.
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def part_headings() -> dict[str, str]:
    """The headings of the body's parts, by part, upper case, numbered in Roman figures when there are
    several ("I.", "II."…): "TÌNH HÌNH CHUNG", the one part htx writes, unnumbered as a lone appendix
    is (a clerk who adds "II." in Word, the tasks ahead, numbers both). The tables are no part of the
    body: they follow the signature as its appendix (appendix_heading), as the workbook presents them."""
    parts = [("overview", messages.DOCUMENT_OVERVIEW)]
    if len(parts) == 1:
        return {key: text.upper() for key, text in parts}
    return {key: f"{_ROMAN[n]}. {text.upper()}" for n, (key, text) in enumerate(parts)}


def appendix_heading() -> list[str]:
    """The lines heading the report's appendix (Decree 30/2020, Appendix I, a phụ lục's form), centred
    and bold on a new page after the signature: "Phụ lục" (in lower case, as Decree 30 writes the
    word) over its title in capitals, "CÁC BIỂU SỐ LIỆU"; the only appendix, so not numbered. Under
    them the line citing the report (letterhead.appendix_line), then "Biểu 1."…, and in the HTML its
    charts (charts_heading)."""
    return [messages.DOCUMENT_APPENDIX, messages.DOCUMENT_FIGURES.upper()]


def charts_heading() -> str:
    """ "BIỂU ĐỒ": the HTML's charts, within its appendix after the tables (the workbook's charts sheet
    follows its tables' sheets alike)."""
    return messages.DOCUMENT_CHARTS.upper()


def overview(report: Report) -> list[tuple[str, list[str]]]:
    """The overview's parts present in this report (render/narrative.py's topics), numbered 1., 2.…
    in Arabic figures, as written (the documents set them bold, not upper case), each over its
    paragraphs: "1. Số lượng, tình trạng pháp lý và kết quả xếp loại…", "2. Hỗ trợ phát triển kinh tế
    tập thể"…; a report without a plan has no empty "4.". Its last words point to the appendix the
    tables are in ("Chi tiết tại Phụ lục các biểu số liệu kèm theo.")."""
    parts = [(f"{n}. {heading}", texts) for n, (heading, texts) in enumerate(topics(report), start=1)]
    if parts:
        heading, texts = parts[-1]
        parts[-1] = (heading, [*texts, messages.DOCUMENT_SEE_APPENDIX])
    return spelled_out_first(parts)


def subject(report: Report) -> str:
    """The title's second line, under "BÁO CÁO": the report's one title (layout.title)."""
    return title(report)
