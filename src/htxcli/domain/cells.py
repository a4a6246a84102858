"""The CSV files' guard against formulas: part of the interchange format, which export writes and
import reads back, so both sides share this one definition."""

from __future__ import annotations

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
