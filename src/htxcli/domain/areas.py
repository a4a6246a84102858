"""Where a report or a listing looks: a level of the map and the place's key.

A district, a commune or a province, as the registry stores them; several areas given together are
intersected (a listing's or a report's --district and --commune). Each level is one more case in
store/areas.py, not one more parameter of every query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from htxcli.domain.reform import NEW_SCHEME

Level = Literal["district", "commune", "province"]


@dataclass(frozen=True)
class Area:
    level: Level
    key: str  # unit_names.name_key of its name: accents, case, i/y and type word do not matter
    # For a report: the day whose address places an organisation (31 December of its year); None
    # for a listing, which finds an organisation by any of its addresses.
    on: date | None = None
    # The name as typed: where stored spellings with its key differ by accents (Văn Lang, Văn
    # Lăng), the one typed with its accents is meant (places.spellings_of), at every level.
    typed: str | None = None
    # Another area this one lies in: the filters given together, intersected (a commune of a district).
    within: Area | None = None

    def on_day(self, day: date) -> Area:
        """The area (and those it lies in) placing organisations by their address in force on `day`."""
        return replace(self, on=day, within=self.within.on_day(day) if self.within else None)

    @classmethod
    def named(cls, level: Level, name: str | None, on: date | None = None) -> Area | None:
        """The area a clerk named; None when no name was given, or one that folds to nothing.
        Matched as the official list is, at every level: "Huyện Ba Bể" is Ba Bể, "Xã Thượng Minh"
        Thượng Minh."""
        from htxcli.domain.unit_names import name_key

        key = name_key(name) if name else ""
        return cls(level, key, on, name) if key and name else None


def areas_named(
    district: str | None = None, commune: str | None = None, province: str | None = None
) -> Area | None:
    """The one area of a command's --district, --commune and --province, intersected: the narrowest
    given, lying in the others. A name given empty (or made of type words only) is refused."""
    from htxcli.domain import messages
    from htxcli.domain.errors import InvalidValue

    area = None
    given: tuple[tuple[Level, str | None], ...] = (
        ("province", province),
        ("district", district),
        ("commune", commune),
    )
    for level, name in given:
        if name is None:
            continue
        one = Area.named(level, name)
        if one is None:  # empty, or nothing but type words and punctuation
            raise InvalidValue(level, name, messages.DISTRICT_EMPTY)
        area = replace(one, within=area)
    return area


# --- the address in force on a day: the rule store/areas.py states in SQL ------------------------
# An organisation has the address it was registered with, and from `new_address_from` on (given by
# `htx places migrate` or an edit) its address in the new scheme: new_province, new_commune, no district.


def moved_by(organisation: Mapping[str, Any], day: date) -> bool:
    """Its new address is in force on `day`."""
    since = organisation["new_address_from"]
    return since is not None and since <= day


def district_on(organisation: Mapping[str, Any], day: date) -> str | None:
    """The district of the address in force on `day`: none once the new address took effect."""
    found: str | None = None if moved_by(organisation, day) else organisation["district"]
    return found


def commune_on(organisation: Mapping[str, Any], day: date) -> str | None:
    """The commune of the address in force on `day`, whichever scheme it is in."""
    found: str | None = organisation["new_commune" if moved_by(organisation, day) else "commune"]
    return found


def new_commune_on(organisation: Mapping[str, Any], day: date) -> str | None:
    """The commune of the new scheme the organisation is in on `day`, or None: its new address, or the
    address it was registered with when that is in the new scheme (a province and no district, when
    it was not matched)."""
    if moved_by(organisation, day):
        return commune_on(organisation, day)
    scheme = organisation["scheme"]
    registered_new = scheme == NEW_SCHEME or (
        scheme is None and organisation["province"] is not None and organisation["district"] is None
    )
    return commune_on(organisation, day) if registered_new else None
