"""The registry's settings, stored in the database so that every clerk of a shared registry sees the
same: `period-start` (the first day of the reporting year), `office` (the issuing office's name, for
the report documents), `province`. A change is one transaction and one history entry.

Other features read a setting with `get(engine, "office")` (or `value(uow, …)` inside their own unit of
work): the stored value, or the key's default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from htxcli.domain.periods import Period
from htxcli.domain.settings import DEFAULTS, KEYS, PERIOD_START, parse_key, parse_period_start, parse_value
from htxcli.services.history import current_user
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


def get(engine: Engine, key: str) -> str | None:
    """A setting's value (its default when never set): `get(engine, "office")`."""
    with UnitOfWork(engine, read_only=True) as uow:
        return value(uow, parse_key(key))


def value(uow: UnitOfWork, key: str) -> str | None:
    stored = uow.settings.value(key)
    return stored if stored is not None else DEFAULTS[key]


def period_start(uow: UnitOfWork) -> tuple[int, int]:
    """(day, month) on which the registry's reporting years start."""
    return parse_period_start(PERIOD_START, value(uow, PERIOD_START) or "01/01")


def reporting_period(engine: Engine, year: int, start: tuple[int, int] | None = None) -> Period:
    """The reporting period named `year`: from `start` (day, month), by default the registry's
    period-start, as `htx report` takes it."""
    with UnitOfWork(engine, read_only=True) as uow:
        return Period.reporting_year(year, start or period_start(uow))


def every(engine: Engine) -> dict[str, str | None]:
    """Every key with its value, in the order of domain.settings.KEYS."""
    with UnitOfWork(engine, read_only=True) as uow:
        return {key: value(uow, key) for key in KEYS}


@retrying
def change(engine: Engine, key: str, raw: str) -> tuple[str, str | None, str | None]:
    """Set a key (an empty value puts back its default); returns the key, the value before and after.
    Setting the value it has already changes nothing and writes no history."""
    name = parse_key(key)
    new = parse_value(name, raw)
    with UnitOfWork(engine) as uow:
        before = value(uow, name)
        stored = uow.settings.value(name)
        if stored == new:
            return name, before, before
        record_id, old = uow.settings.put(name, new)
        entry = uow.history.begin(current_user(), "settings", {"key": name, "value": new})
        if old is None:
            uow.history.mark_created("setting", record_id, entry)
        uow.history.changes(
            entry,
            "setting",
            [(record_id, None, dict(old) if old else None, uow.history.row("setting", record_id))],
        )
        uow.commit()
        return name, before, new if new is not None else DEFAULTS[name]
