"""domain/areas.py's areas as SQL conditions on organisations, for every query that takes an area."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, assert_never

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.places import spellings_of
from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME, REFORM_DAY
from htxcli.store.schema import organisation

o = organisation.c


def moved_by(day: date) -> ColumnElement[bool]:
    """The organisation's new address (from `htx places migrate` or an edit) is in force on `day`: the
    SQL twin of domain.areas.moved_by, as the three below are of their namesakes there."""
    return and_(o.new_address_from.is_not(None), o.new_address_from <= day)


def district_on(day: date) -> Any:
    """The district of the address in force on `day`: none once the new address (without districts)
    took effect."""
    return case((moved_by(day), None), else_=o.district)


def commune_on(day: date) -> Any:
    """The commune of the address in force on `day`, whichever scheme it is in."""
    return case((moved_by(day), o.new_commune), else_=o.commune)


def province_on(day: date) -> Any:
    """The province of the address in force on `day`, whichever scheme it is in."""
    return case((moved_by(day), o.new_province), else_=o.province)


def new_commune_on(day: date) -> Any:
    """The commune of the new scheme the organisation is in on `day`, or NULL: its new address, or
    the address it was registered with when that is in the new scheme (a province and no district,
    when it was not matched)."""
    return case((moved_by(day), o.new_commune), (_registered_new(), o.commune), else_=None)


def new_commune_code_on(day: date) -> Any:
    """The official code of new_commune_on(day), or NULL (not matched, or no commune of the new scheme)."""
    return case((moved_by(day), o.new_commune_code), (_registered_new(), o.commune_code), else_=None)


def unplaced_on(day: date) -> ColumnElement[bool]:
    """What the report cannot place an organisation by on `day`: no district before the 2025 reform,
    no commune of the new scheme in force from it on. report --check and db check both ask this."""
    if day < REFORM_DAY:
        return o.district.is_(None)
    return new_commune_on(day).is_(None)  # type: ignore[no-any-return]


def registered_old() -> ColumnElement[bool]:
    """Registered with an address before the 2025 reform: matched in the old scheme, or, not matched,
    with a district."""
    return or_(o.scheme == LEGACY_SCHEME, and_(o.scheme.is_(None), o.district.is_not(None)))


def _registered_new() -> ColumnElement[bool]:
    """Registered with an address of the new scheme (a province and no district, when not matched)."""
    return or_(
        o.scheme == NEW_SCHEME, and_(o.scheme.is_(None), o.province.is_not(None), o.district.is_(None))
    )


def former_province() -> Any:
    """The pre-2025 province the organisation's address lies in: matched, or the province of an
    address in the old scheme (one with a district)."""
    return func.coalesce(o.former_province, case((o.district.is_not(None), o.province), else_=None))


def in_area(connection: Connection, area: Area) -> ColumnElement[bool]:
    """Organisations in the area, by the stored spellings of its name (places.spellings_of: one
    pass over the distinct values, as few as a province has), so that the filter still runs in the
    database and uses the report's covering index, which leads with the district. A listing finds an
    organisation by any of its addresses; a report by the one in force on its day. An area within
    another is in both."""
    if area.within is not None:
        return and_(in_area(connection, area.within), in_area(connection, replace(area, within=None)))
    if area.level == "district":
        spellings = _spelled(connection, area, o.district)
        if not spellings:
            return false()
        if area.on is not None:
            return and_(
                o.district.in_(spellings), or_(o.new_address_from.is_(None), o.new_address_from > area.on)
            )
        return o.district.in_(spellings)
    if area.level == "commune":
        spellings = _spelled(connection, area, o.commune, o.new_commune)
        if area.on is not None:
            return commune_on(area.on).in_(spellings) if spellings else false()
        return or_(o.commune.in_(spellings), o.new_commune.in_(spellings))
    if area.level == "province":
        spellings = _spelled(connection, area, o.province, o.new_province)
        return or_(o.province.in_(spellings), o.new_province.in_(spellings))
    assert_never(area.level)


def _spelled(connection: Connection, area: Area, *columns: Any) -> list[str]:
    """The stored spellings of the area (places.spellings_of): typed with its accents, the spellings
    spelt so when there are some; typed without, every spelling with its key."""
    stored: set[str] = set()
    for column in columns:
        stored.update(connection.execute(select(column).distinct().where(column.is_not(None))).scalars())
    return spellings_of(area.typed or area.key, stored)
