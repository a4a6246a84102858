"""domain/periods.py's rule of what is in force during a period, as SQL for every query that asks it."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from htxcli.domain.periods import Period


def in_force(started: Any, ended: Any, period: Period) -> ColumnElement[bool]:
    """`started` and `ended` are date columns (`ended` NULL while in force): the SQL twin of
    domain.periods.in_force."""
    first: date = period.first
    last: date = period.last
    return and_(started <= last, or_(ended.is_(None), ended > first))
