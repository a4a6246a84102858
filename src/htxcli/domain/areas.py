"""Where a report or a listing looks: a level of the map and the place's folded key.

Today a district or a commune, as the registry stores them. The 2025 reform brings provinces and former
provinces: each is one more level here and one more case in store/areas.py, not one more parameter of
every query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from htxcli.domain.reform import NEW_SCHEME
from htxcli.domain.text import fold

Level = Literal["district", "commune", "province"]


@dataclass(frozen=True)
class Area:
    level: Level
    key: str  # text.fold of its name: accents and case do not matter
    # For a report: the day whose address places an organisation (31 December of its year); None
    # for a listing, which finds an organisation by any of its addresses.
    on: date | None = None
    # A commune's or province's name as typed, accents kept (units.spelt_key): where stored spellings
    # that fold alike differ by accents (Văn Lang, Văn Lăng), the one typed with its accents is meant.
    spelt: str | None = None

    @classmethod
    def named(cls, level: Level, name: str | None, on: date | None = None) -> Area | None:
        """The area a clerk named; None when no name was given, or one that folds to nothing."""
        if level == "district":
            key = fold(name) if name else ""
        else:  # matched as the official list is: "Xã Thượng Minh" is Thượng Minh
            from htxcli.domain.units import name_key, spelt_key

            key = name_key(name) if name else ""
            return cls(level, key, on, spelt_key(name)) if key and name else None
        return cls(level, key, on) if key else None


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
