"""The report workbook's styles and cells (render/report_xlsx.py): number formats, sheet names as Excel
allows them, the styles a workbook shares, a cell written with its type kept, and the widths, header
heights and print setup worked out from the cells' text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from htxcli.domain import messages
from htxcli.domain.report import Change, Count, Label, Money, Percent, Quantity, Share, Tenths, Value
from htxcli.render.cells import PLAIN_MINUS, keep_notes_whole, text, words_whole
from htxcli.render.layout import Block

NUMBER = "#,##0"
MONEY = NUMBER  # bare, as the documents print it: the header or the label says "(đồng)"
PERCENT = "0%"
DATE = "dd/mm/yyyy"
FORMATS: dict[type, str] = {Count: NUMBER, Money: MONEY, Percent: PERCENT, Tenths: "#,##0.0", Share: "0.0%"}
# A change shows its sign; a change of shares is in percentage points (0.05 shown as +5%).
CHANGES: dict[type, str] = {
    Count: "+#,##0;-#,##0;0",
    Money: "+#,##0;-#,##0;0",
    Percent: "+0%;-0%;0%",
    Tenths: "+#,##0.0;-#,##0.0;0.0",
    Share: "+0.0%;-0.0%;0.0%",
}
A4 = 9  # Excel's paper size code
HEADER_ROW = 4  # the title, the report it goes with, the report's heading, a blank row, the table's header
# A header row's height, set before it is written (Excel does not grow a row written in advance): a
# line of points for each line its most wrapped header takes, two at least.
LINE_POINTS = 15
HEADER_LINES = 2
# A4 portrait holds about this many characters of Excel's default font across; wider sheets turn.
PORTRAIT_WIDTH = 95
LANDSCAPE_WIDTH = 140  # characters of the default font across a turned A4 page (PORTRAIT_WIDTH's rule)
WIDEST_COLUMN = 60
SHEET_NAME_LENGTH = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAMES = "[]:*?/\\"
# A table's text keeps a step off the cell's left border: aligned left and indented (LibreOffice
# ignores an indent on a cell aligned by default). Figures stay flush right: LibreOffice ignores an
# indent on a cell aligned right (checked by eye), so one would show in Excel only.
CELL_INDENT = 1
TEXT_ALIGN: dict[str, Any] = {"align": "left", "indent": CELL_INDENT}
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after February 1900


class SheetNames:
    """Names Excel accepts: at most 31 characters, none of its forbidden ones, each once (any case)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, wanted: str) -> str:
        clean = "".join(" " if c in FORBIDDEN_IN_SHEET_NAMES else c for c in wanted).strip(" '")
        clean = clean[:SHEET_NAME_LENGTH].rstrip(" '") or "-"
        name, n = clean, 1
        while name.casefold() in self._taken:
            n += 1
            suffix = f" ({n})"
            name = clean[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        self._taken.add(name.casefold())
        return name


class Styles:
    """The workbook's cell formats, each made once."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.title = self.get(bold=True, font_size=14)
        self.subtitle = self.get(italic=True)
        self.header = self.get(
            bold=True, text_wrap=True, valign="vcenter", align="center", border=1, bg_color="#DDEBF7"
        )
        self.caption = self.get(italic=True)
        self.note = self.get(italic=True, text_wrap=True, valign="top")  # a table's note, its width wide

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._book.add_format(properties)
        return self._made[key]

    def cell(self, *, total: bool = False, **properties: Any) -> Any:
        """A table's cell: bordered, the total row in bold."""
        return self.get(border=1, bold=total, valign="top", **properties)


# --- the report's blocks, one sheet each -------------------------------------------------------


def write_cell(
    sheet: Any, row: int, column: int, cell: Value | None, styles: Styles, *, total: bool, sub: bool = False
) -> None:
    """A table's cell with its type kept; `sub`: of a row beneath another (a band's grades), in italics,
    whose label the layout indents with spaces and the cell with an indent."""
    more: dict[str, Any] = {"italic": True} if sub else {}
    if cell is None:
        sheet.write_blank(row, column, None, styles.cell(total=total, **more))
    elif isinstance(cell, Label):
        shown = cell.text.lstrip(" ")
        # A step in from the border, and a step more for each two spaces the layout indents it by.
        indent = CELL_INDENT + (len(cell.text) - len(shown) + 1) // 2
        sheet.write_string(row, column, shown, styles.cell(total=total, align="left", indent=indent, **more))
    elif isinstance(cell, Change):
        style = styles.cell(total=total, num_format=change_format(cell), **more)
        sheet.write_number(row, column, excel_number(cell.by), style)
    else:
        style = styles.cell(total=total, num_format=number_format(cell), **more)
        sheet.write_number(row, column, excel_number(cell), style)


def header_height(headers: Sequence[str], widths: Sequence[float]) -> float:
    """Points for a header row whose cells wrap `headers` in columns `widths` characters wide."""
    lines = max((wrapped_lines(h, w) for h, w in zip(headers, widths, strict=True)), default=1)
    return LINE_POINTS * max(lines, HEADER_LINES) + 2


def wrapped_lines(text: str, width: float) -> int:
    """Lines Excel takes for `text` wrapped at spaces in a column `width` characters wide (a width unit
    is a digit of the default font; a bold letter is about as wide, a character less for the margins;
    LibreOffice's wider fallback font fits the same lines, checked by eye)."""
    room = max(int(width) - 1, 1)
    lines, used = 1, 0
    for word in text.split(" "):  # never at a no-break space (a header's bracketed note)
        if not word:
            continue
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
        lines += (len(word) - 1) // room if len(word) > room else 0
    return lines


def excel_number(value: Quantity) -> int | float:
    """A share as Excel keeps percentages (29% is 0.29); any other figure as it is."""
    if isinstance(value, Tenths):
        return value.value / 10
    if isinstance(value, Share):
        return value.value / 1000
    return value.value / 100 if isinstance(value, Percent) else value.value


def number_format(value: Quantity) -> str:
    return FORMATS[type(value)]


def change_format(change: Change) -> str:
    return CHANGES[type(change.by)]


def column_width(block: Block, i: int) -> float:
    """Wide enough for the longest cell as the terminal writes it, and for the header's longest word
    (headers wrap); names wider than WIDEST_COLUMN run over into the cell beside when it is empty."""
    cells = [len(text(row[i], minus=PLAIN_MINUS)) for row in block.rows]
    # A header's bracketed note counts as one word: it never breaks inside (cells.keep_notes_whole).
    words = [len(word) for word in keep_notes_whole(block.headers[i]).split(" ")] or [0]
    return min(max([*cells, *words, 6]) + 3, WIDEST_COLUMN)


def print_setup(
    sheet: Any, *, landscape: bool, header_row: int | None = HEADER_ROW, fit_width: bool = True
) -> None:
    """A4, as wide as one page (unless not `fit_width`), the table's header repeated on every page,
    the pages numbered."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    if fit_width:
        sheet.fit_to_pages(1, 0)
    if header_row is not None:
        sheet.repeat_rows(header_row)
    sheet.center_horizontally()
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_footer("&C" + messages.WORKBOOK_PAGE)


# --- charts ---------------------------------------------------------------------------------


def words_kept(header: str, width: float) -> str:
    """The header with its words of two syllables on one line where a column `width` wide holds them
    (cells.words_whole): a column as many digits wide holds as many letters (narrower than digits:
    "Đang hoạt" fits in 9), and a line may take a letter or two more than the estimate."""
    return words_whole(header, _held_by(width + 1), _held_by(width + 2), _held_by(width + 3))


def _held_by(width: float) -> Callable[[str], bool]:
    """Whether a line fits a column `width` characters wide (a character its margins)."""
    return lambda line: len(line) <= width - 1


# A4's height in points, less the top and bottom margins print_setup sets (0.75 inch each); a tenth
# kept spare, as a spreadsheet's row is a little taller than its points say once printed.
_PAGE_POINTS = {False: 842 - 108, True: 595 - 108}
_PAGE_SPARE = 0.9


def group_breaks(
    headings: frozenset[int], rows: int, top: float, header: float, widths: Sequence[float], landscape: bool
) -> list[int]:
    """The rows of a table of groups (a comparison's place over its lines: `headings` are the groups'
    first rows, of `rows`) before which a printed page must break so that no group is split across
    two: a spreadsheet breaks where its page is full, leaving a place's last line ("Giải thể 1 0 −1")
    alone atop the next page without its name. `top`: the points above the first row (the title,
    the heading, the header); `header`: the header's, repeated on every page; the page fitted to the
    table's width (print_setup)."""
    if not headings:
        return []
    across = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
    scale = min(1.0, across / max(sum(widths), 1.0))
    room = _PAGE_POINTS[landscape] * _PAGE_SPARE / scale
    starts = sorted(headings)
    groups = [(n, (starts[k + 1] if k + 1 < len(starts) else rows) - n) for k, n in enumerate(starts)]
    breaks, used = [], top + LINE_POINTS * starts[0]
    for first, count in groups:
        height = LINE_POINTS * count
        if used + height > room and used > header:
            breaks.append(HEADER_ROW + 1 + first)
            used = header
        used += height
    return breaks
