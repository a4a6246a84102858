"""The totals row an office's sheet ends with ("Tổng cộng"), checked against the rows imported: it is
left out of the import (rowsource.py), but where its figures are not the sum of the rows above it, a
row was lost, typed twice or mistyped, and the clerk is warned once, naming each column that does not
add up, the sheet's total and the sum. The import goes on all the same.

Only the columns a total adds up are checked: members and capital of the organisations, the amounts of
the support (not its quantities, counted in several units and 1 where none is given), the counts and
money of the figures (not the income, an average). A blank cell of the totals row is not checked, nor
a sheet with several totals rows (a subtotal per group), whose rows no one total sums."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from htxcli.domain import messages
from htxcli.domain.batch import ParsedBatch
from htxcli.domain.errors import HtxError
from htxcli.domain.figures import COUNT_FIGURES, MONEY_FIGURES, OCOP_FIGURES, value_parser
from htxcli.domain.values import format_count, format_money, parse_count, parse_money
from htxcli.services.rowbatch import Read
from htxcli.services.rowsource import RowSource

SUMMED = {
    "cooperatives": ("members", "capital_vnd"),
    "support": ("amount_vnd",),
    "figures": (*COUNT_FIGURES, *(f for f in MONEY_FIGURES if f != "income_vnd_per_year"), *OCOP_FIGURES),
}
_MONEY = frozenset(("capital_vnd", "amount_vnd", *MONEY_FIGURES))


class Totals:
    """The sums of a sheet's summed columns over the rows that parsed, batch by batch."""

    def __init__(self, source: RowSource) -> None:
        self.source = source
        self.fields = [f for f in SUMMED.get(source.table, ()) if f in source.header]
        self.sums = dict.fromkeys(self.fields, 0)

    def add(self, parsed: ParsedBatch) -> None:
        for name in self.fields:
            if name in parsed.fields:
                self.sums[name] += sum(v for v in parsed.column(name) if type(v) is int)

    def checked(self) -> Read | None:
        """An empty batch with the warning, where the sheet's one totals row does not add up."""
        source = self.source
        if len(source.totals_rows) != 1 or not self.fields:
            return None
        line, cells = source.totals_rows[0]
        fitted, refused = source.fit(Read([line], [list(cells)]))
        if refused or not fitted.lines:
            return None
        row = fitted.rows[0]
        columns = []
        for name in self.fields:
            text = row[source.header.index(name)].strip()
            try:
                total = self._parser(name)(text) if text else None
            except HtxError:
                continue  # a total the rows' parser cannot read is no total to check
            if type(total) is int and total != self.sums[name]:
                shown: Callable[[int], str] = format_money if name in _MONEY else format_count
                columns.append(
                    messages.TOTALS_COLUMN_DISAGREES.format(
                        column=source.labels.get(name, name), total=shown(total), sum=shown(self.sums[name])
                    )
                )
        if not columns:
            return None
        warning = messages.IMPORT_WARNING.format(
            file=source.name,
            line=source.place(line),
            problems=messages.TOTALS_DISAGREE.format(columns="; ".join(columns)),
        )
        return Read([], [], warnings=[(line, warning)])

    def _parser(self, name: str) -> Callable[[str], Any]:
        if self.source.table == "figures":
            return value_parser(name, self.source.units.get(name))
        if name in _MONEY:
            return lambda text: parse_money(name, text)
        return lambda text: parse_count(name, text)
