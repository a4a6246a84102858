"""Addresses of an imported cooperatives file matched against the official list, as add and edit
match them (domain/unit_matching.address_values): names in the official spelling, with their codes and
scheme, and a warning for a name found in no list.

One difference from add and edit: a district given keeps its spelling, its type word aside (see
_matched). Only a file with a province column is matched, or, once the registry's province is set (htx
settings province), one with communes or districts and no province (an office's own workbook): without
a province nothing is, as before the reform, so the official list is read only for such a file. A file
names few distinct addresses however many rows it has: each is matched once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from htxcli.domain.batch import ABSENT, ParsedBatch
from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import PLACE_FIELDS

ADDRESS_FIELDS = ("province", "district", "commune", "new_province", "new_commune")
Address = tuple[Any, ...]  # the values of ADDRESS_FIELDS
Matched = tuple[dict[str, Any], list[InvalidValue]]  # the official address and place fields; warnings


def has_places(fields: Sequence[str]) -> bool:
    """Whether a file with these columns has addresses to match."""
    return "province" in fields or "new_province" in fields


def in_default_province(fields: Sequence[str]) -> bool:
    """Whether a file's addresses are in the registry's province: it names communes or districts (an
    office's own workbook, before 2025 or after), and no province."""
    return any(f in fields for f in ("commune", "district")) and not has_places(fields)


class ImportPlaces:
    def __init__(self, default_province: str | None = None) -> None:
        self.matched: dict[Address, Matched] = {}
        # The registry's province (htx settings province): that of a commune given without a province
        # or a district.
        self.default_province = default_province

    def address(self, values: Mapping[str, Any]) -> Matched:
        """The official address of one organisation's values, and a warning for each name in no list."""
        return self._match(tuple(values.get(f) for f in ADDRESS_FIELDS))

    def _match(self, typed: Address) -> Matched:
        found = self.matched.get(typed)
        if found is None:
            province, district, commune, new_province, _ = typed
            given = typed
            unplaced = _blank(province) and _blank(new_province) and self.default_province
            if unplaced and not (_blank(commune) and _blank(district)):
                from htxcli.domain.unit_matching import province_for

                assert self.default_province is not None
                where = province_for(self.default_province, None if _blank(district) else district)
                given = (where, *typed[1:])
            found = self.matched[typed] = _matched(given)
        return found

    def columns(self, parsed: ParsedBatch) -> tuple[dict[str, list[Any]], list[tuple[int, InvalidValue]]]:
        """For a complete batch: each address and place field as a column in the official spelling,
        and the warnings by row (positions in the batch's index)."""
        n = len(parsed.index)
        given = [parsed.column(f) if f in parsed.fields else [None] * n for f in ADDRESS_FIELDS]
        rows = [self._match(typed) for typed in zip(*given, strict=True)]
        out = {f: [official[f] for official, _ in rows] for f in (*ADDRESS_FIELDS, *PLACE_FIELDS)}
        warnings = [(j, problem) for j, (_, problems) in enumerate(rows) for problem in problems]
        return out, warnings


def _matched(typed: Address) -> Matched:
    values = {f: None if v is ABSENT else v for f, v in zip(ADDRESS_FIELDS, typed, strict=True)}
    if not values["province"] and not values["new_province"]:
        return {**values, **dict.fromkeys(PLACE_FIELDS)}, []
    from htxcli.domain.unit_matching import address_values, unmatched_warning
    from htxcli.domain.unit_names import district_as_stored, iy_spelling

    official, unmatched = address_values(values)
    for field in ("commune", "new_commune"):
        given, matched = values[field], official.get(field)
        if given and matched and iy_spelling(str(given), str(matched)):
            official[field] = given  # "Sĩ Bình" is Sỹ Bình, and stays as the file spells it
    if values["district"]:
        # A district given keeps its spelling, its type word aside (the registry's,
        # services/lookalikes.DistrictSpellings):
        # the level is gone, and its names are the keys of the reports before 2025, which an import
        # must not rename ("Thành phố Bắc Kạn" stays, as `places migrate` keeps it; export, import,
        # export stays byte-identical). It still picks the commune and its code.
        official["district"] = district_as_stored(values["district"])
    warnings = [unmatched_warning(*one) for one in unmatched]
    return {**values, **official}, warnings


def _blank(value: Any) -> bool:
    return value is None or value is ABSENT or not str(value).strip()
