"""Where a report or a listing looks: a level of the map and the place's folded key.

Today a district or a commune, as the registry stores them. The 2025 reform brings provinces and former
provinces: each is one more level here and one more case in store/areas.py, not one more parameter of
every query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

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
