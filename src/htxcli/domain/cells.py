"""The CSV files' guard against formulas: part of the interchange format, which export writes and
import reads back, so both sides share this one definition."""

from __future__ import annotations

from collections.abc import Sequence

# A cell starting with one of these can run as a formula in a spreadsheet (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value: str) -> str:
    """Prefix formula triggers with ', and escape a leading ' too, so that import can undo it exactly."""
    if value.startswith(FORMULA_TRIGGERS) or value.startswith("'"):
        return "'" + value
    return value


def unprotect_cell(value: str) -> str:
    """What protect_cell was given: the leading ' it added dropped."""
    return value[1:] if value.startswith("'") else value


def unprotect_column(column: Sequence[str]) -> Sequence[str]:
    """unprotect_cell for a whole column, checked in one call: most columns hold no protected cell."""
    if not column or ("\n'" not in "\n".join(column) and column[0][:1] != "'"):
        return column
    return [unprotect_cell(cell) for cell in column]
