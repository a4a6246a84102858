"""An organisation's yearly figures for people: one row per figure, one column per year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table

from htxcli.domain import messages
from htxcli.domain.figures import FLAG_FIGURES, MONEY_FIGURES, VALUE_FIELDS
from htxcli.domain.values import format_count, format_money


def figure_cell(field: str, value: Any) -> str:
    """A figure as a clerk reads it; "–" for one not reported (never 0)."""
    if value is None:
        return messages.NOT_REPORTED
    if field in FLAG_FIGURES:
        return messages.FLAG_YES if value else messages.FLAG_NO
    if field in MONEY_FIGURES:
        return format_money(value)
    if field == "note":
        return str(value)
    return format_count(value)


def years_side_by_side(title: str, rows: Sequence[Mapping[str, Any]]) -> Table:
    t = Table(title=title, title_justify="left", header_style="bold")
    t.add_column("")
    for row in rows:
        t.add_column(str(row["year"]), justify="right", no_wrap=True)
    for field in VALUE_FIELDS:
        t.add_row(messages.HEADERS.get(field, field), *(figure_cell(field, row[field]) for row in rows))
    return t
