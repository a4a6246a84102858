"""domain/areas.py's areas as SQL conditions on organisations, for every query that takes an area."""

from __future__ import annotations

from typing import assert_never

from sqlalchemy import ColumnElement, select
from sqlalchemy.engine import Connection

from htxcli.domain.areas import Area
from htxcli.domain.text import fold
from htxcli.store.schema import organisation


def in_area(connection: Connection, area: Area) -> ColumnElement[bool]:
    """Organisations in the area. A district by its stored folded key; a commune, which has no such
    column, by the stored spellings that fold to its key (one pass over the distinct communes, as few
    as a province has), so that the filter still runs in the database."""
    o = organisation.c
    if area.level == "district":
        return o.district_key == area.key
    if area.level == "commune":
        stored = connection.execute(select(o.commune).distinct().where(o.commune.is_not(None))).scalars()
        return o.commune.in_([spelling for spelling in stored if fold(spelling) == area.key])
    assert_never(area.level)
