"""Rich tables for people. Money as 1.600.000.000 ₫, vocabularies with their Vietnamese labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

from htxcli.domain import messages
from htxcli.domain.records import ORGANISATION_FIELDS
from htxcli.domain.values import format_count, format_date, format_moment, format_money
from htxcli.domain.vocab import GRADES, KIND_ABBREVIATIONS, KINDS, LEGAL_STATUSES, PROGRAMS, REASONS, SECTORS

_LABELS = {
    "kind": KINDS,
    "sector": SECTORS,
    "grade": GRADES,
    "program": PROGRAMS,
    "status": LEGAL_STATUSES,
    "reason": REASONS,
}
_NUMERIC = {"members", "capital_vnd", "amount_vnd", "quantity", "score", "year", "id"}
# Never wrapped or cut: a code or an amount shown in part is worse than a narrower name column.
_WHOLE = _NUMERIC | {
    "code",
    "founded",
    "dissolved",
    "date",
    "status",
    "reference",
    "organisation",
    "kind",
    "started",
    "until",
}


# A table shows this many rows at most; its title still counts (and sums) them all. Rich takes about a
# millisecond a row (100,000 organisations: over two minutes), and nobody reads that far at a terminal.
TABLE_ROWS = 1_000


def console() -> Console:
    # Rich honours NO_COLOR and drops colour when stdout is not a terminal.
    return Console(highlight=False)


def cell(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field in _LABELS and value in _LABELS[field].labels:
        return _LABELS[field].label(value)
    if isinstance(value, str):  # text, or a figure written already ("500 cuốn")
        return value
    if field in ("capital_vnd", "amount_vnd"):
        # 0 is what a record of no money holds (a certificate): a blank, as the report shows it
        return format_money(value) if value else ""
    if field in ("members", "quantity"):
        return format_count(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def table(
    fields: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    title: str | None = None,
    whole: Iterable[str] = _WHOLE,
) -> Table:
    """The rows under their headers; the `whole` columns never wrap, and a column that wraps is never
    narrower than its longest word (of its header too), so a narrow terminal wraps a name between
    words and never cuts it ("Thượ…")."""
    whole = set(whole)
    headers = [messages.HEADERS.get(field, field) for field in fields]
    cells = [[cell(f, row.get(f)) for f in fields] for row in rows]
    t = Table(title=title, title_justify="left", header_style="bold")
    for i, field in enumerate(fields):
        t.add_column(
            headers[i],
            justify="right" if field in _NUMERIC else "left",
            no_wrap=field in whole,
            overflow="ellipsis" if field in whole else "fold",
            min_width=None if field in whole else _longest_word([headers[i], *(r[i] for r in cells)]),
        )
    for row_cells in cells:
        t.add_row(*row_cells)
    return t


def status_history(
    organisation: Mapping[str, Any], entries: Sequence[Mapping[str, Any]], today: str
) -> list[Table | str]:
    """An organisation's status entries, oldest first, under a line naming its status today."""
    heading = messages.LEGAL_HISTORY_TITLE.format(
        code=organisation["code"], name=organisation["name"], status=LEGAL_STATUSES.spoken(today)
    )
    if not entries:
        return [heading, messages.LEGAL_NO_HISTORY.format(date=format_date(organisation["founded"]))]
    return [heading, table(("status", "started", "until", "reason", "reference", "note"), entries)]


def profile(data: Mapping[str, Any], codes: Mapping[str, Any] | None = None) -> list[Table]:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for field in ORGANISATION_FIELDS:
        if field in _ADDRESS_FIELDS:
            if field == "district":
                for label, address in addresses(data, codes):
                    facts.add_row(label, address)
        elif data.get(field) is not None:
            facts.add_row(messages.HEADERS[field], cell(field, data[field]))
        if field == "dissolved" and "legal_status" in data:
            facts.add_row(messages.HEADERS["legal_status"], standing(data["legal_status"]))
    out = [facts]
    if data["ratings"]:
        out.append(table(("year", "grade", "score", "note"), data["ratings"], messages.TITLE_RATINGS))
    if data["support"]:
        out.append(
            table(
                ("date", "program", "quantity", "unit", "amount_vnd", "reference", "note"),
                data["support"],
                messages.TITLE_SUPPORT,
            )
        )
    return out


def standing(legal: Mapping[str, Any]) -> str:
    """'Tạm ngừng kinh doanh từ ngày 01/11/2018 đến ngày 30/09/2019': the status today and its dates."""
    status = cell("status", legal["status"])
    if legal["status"] == "operating":  # the word `htx list` says ("đang hoạt động"), as a value
        active = str(messages.STATUS_ACTIVE)
        status = active[:1].upper() + active[1:]
    if legal["since"] is None:
        return status
    if legal["until"] is not None:
        return messages.LEGAL_STANDING_UNTIL.format(
            status=status, date=format_date(legal["since"]), until=format_date(legal["until"])
        )
    return messages.LEGAL_STANDING_SINCE.format(status=status, date=format_date(legal["since"]))


_ADDRESS_FIELDS = ("district", "commune", "province", "new_address_from", "new_province", "new_commune")


def addresses(data: Mapping[str, Any], codes: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
    """(label, address) of an organisation's addresses: the one in force now, then the one before
    its new address took effect, each written commune, district, province, the units with their type
    words where `codes` (registry.place_codes) gives their official codes ("Xã Thượng Minh")."""
    old = _old_address(data, codes)
    since = data.get("new_address_from")
    if since is None:
        return [(messages.HEADERS["address"], old)] if old else []
    new = _new_address(data, codes)
    shown = [
        (messages.HEADERS["address"], messages.ADDRESS_FROM.format(address=new, date=format_date(since)))
    ]
    if old:
        shown.append((messages.ADDRESS_BEFORE.format(date=format_date(since)), old))
    return shown


def address_today(data: Mapping[str, Any], codes: Mapping[str, Any] | None, today: date) -> str:
    """The address in force on `today`, its units with their type words: the new one from the day it
    took effect ("Xã Thượng Minh, Thái Nguyên"), else the one registered."""
    since = data.get("new_address_from")
    if since is not None and since <= today:
        return _new_address(data, codes)
    return _old_address(data, codes)


def _old_address(data: Mapping[str, Any], codes: Mapping[str, Any] | None) -> str:
    from htxcli.domain.unit_matching import titled

    code, scheme = (codes or {}).get("commune_code"), (codes or {}).get("scheme")
    parts = (
        titled(data.get("commune"), code, scheme),
        titled(data.get("district"), code, scheme, "district"),
        data.get("province"),
    )
    return ", ".join(p for p in parts if p)


def _new_address(data: Mapping[str, Any], codes: Mapping[str, Any] | None) -> str:
    from htxcli.domain.reform import NEW_SCHEME
    from htxcli.domain.unit_matching import titled

    commune = titled(data.get("new_commune"), (codes or {}).get("new_commune_code"), NEW_SCHEME)
    return ", ".join(p for p in (commune, data.get("new_province")) if p)


def organisations(
    rows: Sequence[dict[str, Any]],
    today: Mapping[str, str] | None = None,
    places: Mapping[str, Mapping[str, Any]] | None = None,
) -> Table:
    """The rows under a status column: `today` maps the codes not operating today to their legal
    status (suspended, revoked, bankrupt…); without an entry, a dissolution date says dissolved. The
    address is the one in force today, its units with their type words (`places`: place_codes)."""
    today = today or {}
    places = places or {}
    day = date.today()
    shown = [
        {
            **r,
            "kind": KIND_ABBREVIATIONS[r["kind"]],
            "status": _status_today(r, today.get(r["code"])),
            "address": address_today(r, places.get(r["code"]), day),
        }
        for r in rows[:TABLE_ROWS]
    ]
    return table(
        ("code", "name", "kind", "address", "founded", "status"),
        shown,
        messages.TITLE_LIST.format(count=format_count(len(rows))),
    )


def _status_today(row: Mapping[str, Any], status: str | None) -> str:
    if status == "dissolved" or (status is None and row["dissolved"]):
        return str(messages.STATUS_DISSOLVED)
    if status is None:
        return str(messages.STATUS_ACTIVE)
    return LEGAL_STATUSES.spoken(status)


def support_records(rows: Sequence[dict[str, Any]]) -> Table:
    """The records, five columns that fit 80: the organisation's code and name in one ("toàn tỉnh" for
    the province's own), the quantity with its unit ("500 cuốn")."""
    total = sum(r["amount_vnd"] for r in rows)
    shown = [
        {
            **r,
            "organisation": " ".join(filter(None, (r["code"], r.get("name")))) or messages.PROVINCE_WIDE,
            "quantity": " ".join(filter(None, (format_count(r["quantity"]), r["unit"]))),
        }
        for r in rows[:TABLE_ROWS]
    ]
    return table(
        ("date", "program", "organisation", "quantity", "amount_vnd"),
        shown,
        messages.TITLE_SUPPORT_LIST.format(count=format_count(len(rows)), amount=format_money(total)),
        whole={"date", "amount_vnd"},
    )


def report(heading: str, blocks: Sequence[Any], period: str | None = None, width: int = 120) -> list[Any]:
    """The yearly report's blocks (render.report.Block) as Rich tables under a bold title (and the
    period's days, when they are not calendar years): the cells formatted for a terminal (a true minus
    sign), the chart column drawn as bars, each table fitted to `width` columns, or shown row by row
    where it cannot be."""
    from rich import box
    from rich.text import Text

    from htxcli.render.cells import TERMINAL_MINUS, text

    out: list[Any] = [Text(heading, style="bold underline")]
    if period is not None:
        out.append(Text(period))
    for block in blocks:
        rows = [
            [bar(c) if i == block.chart else text(c, minus=TERMINAL_MINUS) for i, c in enumerate(row)]
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
                min_width=_longest_word([r[i] for r in rows if i < len(r)]) if i in block.wrap else None,
                style="green" if i == block.chart else None,
            )
        for n, cells in enumerate(rows):
            before_total = block.total and n == len(block.rows) - 2
            is_total = block.total and n == len(block.rows) - 1
            t.add_row(*cells, end_section=before_total, style="bold" if is_total else None)
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
        t.add_row(Text(label, style="bold"), "")
        figures = [i for i in range(len(cells)) if i not in labels and cells[i]]
        for k, i in enumerate(figures):
            t.add_row(
                "  " + " ".join(block.headers[i].split()),
                cells[i],
                style="bold" if is_total else None,
                end_section=k == len(figures) - 1 and n < len(rows) - 1,
            )
    return t


_LABEL_AT_MOST = 24  # a label column is given its longest label, up to this, before headers narrow
_LABEL_AT_LEAST = 12  # then this much ("Quỹ tín dụng"), before a label wraps word by word


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
    for label_width in (
        # never narrower than a label's longest word: the least width report() gives a label column
        sum(max(_longest_word(cells), min(max(map(cell_len, cells), default=0), most)) for cells in labels)
        for most in (_LABEL_AT_MOST, _LABEL_AT_LEAST, 0)
    ):
        for line in range(13, 3, -1):  # header lines of at most 13 characters, fewer while it does not fit
            headers = [
                _wrapped(h, max(widest[i], line)) if i in widest else h for i, h in enumerate(block.headers)
            ]
            if label_width + sum(_width(headers[i], widest[i]) for i in whole) + frame <= width:
                return headers
    return None  # too wide whatever the headers (a long range side by side): Rich cuts it as it must


def _wrapped(header: str, width: int) -> str:
    """A header in lines of at most `width` characters (a longer word alone on its line); a note in
    brackets starts a line of its own: "Thành viên" over "(đăng ký)"."""
    import textwrap

    name, bracket, note = header.partition(" (")
    parts = [name, bracket.strip() + note] if bracket else [name]
    lines = [line for part in parts for line in textwrap.wrap(part, width, break_long_words=False)]
    return "\n".join(lines) or header


def _width(header: str, widest_cell: int) -> int:
    from rich.cells import cell_len

    return max(widest_cell, *(cell_len(line) for line in header.split("\n")))


_WORD_AT_MOST = 24  # a longer "word" (a file's path) is folded over lines, never widens its column


def _longest_word(cells: Sequence[str]) -> int:
    """A label column's least width: its longest word, so that a narrow terminal wraps a label between
    words and never cuts it (the columns that wrap fold a word longer than _WORD_AT_MOST)."""
    from rich.cells import cell_len

    return min(max((cell_len(word) for cell in cells for word in cell.split()), default=0), _WORD_AT_MOST)


def bar(share: Any) -> str:
    """A share (domain.report.Percent) as one block per two percentage points, a half block for an odd
    one: 50 characters at 100%."""
    if share is None:
        return ""
    points: int = share.value
    return "█" * (points // 2) + ("▌" if points % 2 else "")


_WHAT_AT_LEAST = 30  # what a history entry did: this much room a line before its other columns wrap


def history(entries: Sequence[Mapping[str, Any]], describe: Any, width: int = 120) -> Table:
    from htxcli.render.history import spoken_command

    h = messages.HEADERS
    rows = []
    for e in entries:
        what = describe(e)
        if e.get("undone_by"):
            what[0] += " " + messages.HISTORY_UNDONE.format(id=e["undone_by"])
        rows.append(
            (str(e["id"]), format_moment(e["at"]), e["user_name"], spoken_command(e["command"]), what)
        )
    from rich.cells import cell_len

    columns = [[h["id"], h["at"], h["user"], h["command"]], *(r[:4] for r in rows)]
    natural = [max(cell_len(c) for c in column) for column in zip(*columns, strict=True)]
    what = max((cell_len(line) for r in rows for line in r[4]), default=0)
    # Too narrow for every column on one line (80 columns): the moment wraps between its date and its
    # time, then the user's name, then the command between words, until what was done has room for
    # a few words a line (it had five characters, a word a line, cut).
    least = [0, *(_longest_word(column) for column in list(zip(*columns, strict=True))[1:])]
    widths = list(natural)
    for n in (1, 2, 3):
        if sum(widths) + min(what, _WHAT_AT_LEAST) + 3 * 5 + 1 > width:
            widths[n] = least[n]
    t = Table(title=messages.TITLE_HISTORY, title_justify="left", header_style="bold", show_lines=True)
    t.add_column(h["id"], justify="right", no_wrap=True)
    for n, header in enumerate((h["at"], h["user"], h["command"]), start=1):
        t.add_column(header, min_width=least[n], max_width=widths[n], no_wrap=widths[n] == natural[n])
    t.add_column(
        h["what"], ratio=1, min_width=_longest_word([ln for r in rows for ln in r[4]]), overflow="fold"
    )
    for row in rows:
        t.add_row(*row[:4], "\n".join(row[4]))
    return t
