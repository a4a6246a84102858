"""Where a report or a listing looks: a level of the map and the place's folded key.

Today a district or a commune, as the registry stores them. The 2025 reform brings provinces and former
provinces: each is one more level here and one more case in store/areas.py, not one more parameter of
every query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from htxcli.domain.text import fold

Level = Literal["district", "commune"]


@dataclass(frozen=True)
class Area:
    level: Level
    key: str  # text.fold of its name: accents and case do not matter

    @classmethod
    def named(cls, level: Level, name: str | None) -> Area | None:
        """The area a clerk named; None when no name was given, or one that folds to nothing."""
        key = fold(name) if name else ""
        return cls(level, key) if key else None
