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
            min_width=None if field in whole else longest_word([headers[i], *(r[i] for r in cells)]),
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
        # Every column wraps between words: a code, a kind and a date are one word each, kept whole,
        # while their headers ("Ngày thành lập") and a status wrap to fit 80 columns.
        whole=(),
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
            # 1 of nothing (a loan, a new model: the quantity a record without one is given) is blank,
            # as in the report's support table
            "quantity": " ".join(filter(None, (format_count(r["quantity"]), r["unit"])))
            if r["unit"] or r["quantity"] != 1
            else "",
        }
        for r in rows[:TABLE_ROWS]
    ]
    return table(
        ("date", "program", "organisation", "quantity", "amount_vnd"),
        shown,
        messages.TITLE_SUPPORT_LIST.format(count=format_count(len(rows)), amount=format_money(total)),
        whole={"date", "amount_vnd"},
    )


_WORD_AT_MOST = 24  # a longer "word" (a file's path) is folded over lines, never widens its column


def longest_word(cells: Sequence[str]) -> int:
    """A label column's least width: its longest word, so that a narrow terminal wraps a label between
    words and never cuts it (the columns that wrap fold a word longer than _WORD_AT_MOST)."""
    from rich.cells import cell_len

    return min(max((cell_len(word) for cell in cells for word in cell.split()), default=0), _WORD_AT_MOST)


_WHAT_AT_LEAST = 30  # what a history entry did: this much room a line before its other columns wrap
_COMMAND_AT_LEAST = 15  # a command wraps to lines this wide ("ghi nhận hỗ trợ"), not a word a line


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
    least = [0, *(longest_word(column) for column in list(zip(*columns, strict=True))[1:])]
    widths = list(natural)
    for n, narrowest in ((1, least[1]), (2, least[2]), (3, max(least[3], _COMMAND_AT_LEAST))):
        if sum(widths) + min(what, _WHAT_AT_LEAST) + 3 * 5 + 1 > width:
            widths[n] = min(narrowest, natural[n])
    t = Table(title=messages.TITLE_HISTORY, title_justify="left", header_style="bold", show_lines=True)
    t.add_column(h["id"], justify="right", no_wrap=True)
    for n, header in enumerate((h["at"], h["user"], h["command"]), start=1):
        t.add_column(header, min_width=least[n], max_width=widths[n], no_wrap=widths[n] == natural[n])
    t.add_column(
        h["what"], ratio=1, min_width=longest_word([ln for r in rows for ln in r[4]]), overflow="fold"
    )
    for row in rows:
        t.add_row(*row[:4], "\n".join(row[4]))
    return t
