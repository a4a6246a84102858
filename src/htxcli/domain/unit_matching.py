"""Matching an address to the official list (domain/units.py): a stored unit's name with its type
word, an address placed in its scheme, the closest old names, a legacy commune's successor, and an
organisation's address fields in their official spelling with the fields derived from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
from htxcli.domain.unit_names import match_key, name_key, readings
from htxcli.domain.units import Gazetteer, Unit, gazetteer


def titled(name: str | None, code: str | None, scheme: str | None, level: str = "commune") -> str | None:
    """A stored unit's name as tables and documents print it, with its type word ("Phường Bắc Kạn",
    not "Bắc Kạn", which is also a former province). The registry stores the name without it, and the
    official code of a matched commune: the type word comes from the official list by that code. With
    `level` "district" or "province", the district (old scheme) or the province of that commune. A
    name with no code (not matched), or typed with its type word, is printed as stored."""
    if (
        name is None
        or code is None
        or scheme not in (NEW_SCHEME, LEGACY_SCHEME)
        or match_key(name) != name_key(name)  # typed with its type word
    ):
        return name
    g = gazetteer()
    unit = (g.communes if scheme == NEW_SCHEME else g.legacy_communes).get(code)
    if unit is not None and level == "district":
        unit = unit.district
    elif unit is not None and level == "province":
        unit = unit.province
    if unit is None or g.key(unit) != name_key(name):
        return name
    return unit.full_name


@dataclass
class Placed:
    """An address matched against the official list. Unmatched parts keep the clerk's spelling."""

    scheme: str | None  # NEW_SCHEME, LEGACY_SCHEME, or None when the province is unknown
    province: str | None
    district: str | None
    commune: str | None
    commune_code: str | None
    former_province: str | None
    # What matched nothing, with the three closest official names: (field, typed, [names]).
    # (field, as typed, official names, whether they all bear that name: ambiguous, not merely close)
    unmatched: list[tuple[str, str, list[str], bool]] = field(default_factory=list)


def place(
    province: str | None, district: str | None, commune: str | None, *, only_new: bool = False
) -> Placed:
    """Match a typed address. With a district, the old scheme is meant; otherwise the new one when
    the province and commune are found there, else the old. Names found are returned in their
    official spelling; a name found nowhere is kept as typed and reported with its closest units."""
    g = gazetteer()
    if province is None:
        return Placed(None, None, district, commune, None, None)
    news = [] if district else g.provinces_named(province, NEW_SCHEME)
    olds = [] if only_new else g.provinces_named(province, LEGACY_SCHEME)
    if not news and not olds:
        everything = [*g.provinces.values(), *([] if only_new else g.legacy_provinces.values())]
        names = _names(g.closest(province, everything))
        return Placed(None, province, district, commune, None, None, [("province", province, names, False)])
    for p in news:
        found = g.named(g.communes_in(p), commune) if commune else []
        if found or not olds or not _in_legacy(g, olds[0], district, commune):
            one = found[0] if len(found) == 1 else None
            code = one.code if one else None
            placed = Placed(NEW_SCHEME, p.name, None, one.name if one else commune, code, None)
            placed.former_province = g.former_province(code) if code else None
            if commune and one is None:
                placed.unmatched.append(
                    ("commune", commune, _names(found or g.closest(commune, g.communes_in(p))), bool(found))
                )
            return placed
    p = olds[0]
    placed = Placed(LEGACY_SCHEME, p.name, district, commune, None, p.name)
    districts = g.districts_in(p)
    if district:
        named = g.named(districts, district)
        if len(named) == 1:
            placed.district = named[0].name
        else:
            closest = named or g.closest(district, districts)
            placed.unmatched.append(("district", district, _names(closest), bool(named)))
    candidates = [
        c for c in g.communes_in(p) if placed.district is None or _district_of(c) == placed.district
    ]
    found = g.named(candidates, commune) if commune else []
    if len(found) == 1:
        placed.commune, placed.commune_code, placed.district = (
            found[0].name,
            found[0].code,
            _district_of(found[0]),
        )
    elif commune:
        closest = found or g.closest(commune, candidates or g.communes_in(p))
        placed.unmatched.append(("commune", commune, _names(closest), bool(found)))
    return placed


def province_for(setting: str, district: str | None) -> str:
    """The province to match an address typed without one, in the registry's province (`setting`,
    htx settings province): the setting itself; for an address before 2025 (with a district), the old
    province merged into it that has that district ("Huyện Phú Bình": Thái Nguyên; "Ba Bể": Bắc Kạn),
    or the setting when none or several have it."""
    if not district:
        return setting
    g = gazetteer()
    news = g.provinces_named(setting, NEW_SCHEME)
    if len(news) != 1:
        return setting
    inside = {c.code for c in g.communes_in(news[0])}
    named = {id(d) for d in g.named(g.legacy_districts.values(), district)}
    olds = {
        c.province.name
        for c in g.legacy_communes.values()
        if id(c.district) in named and c.province is not None and inside.intersection(c.becomes)
    }
    return next(iter(olds)) if len(olds) == 1 else setting


def closest_old(province: str | None, district: str | None, commune: str | None) -> list[str]:
    """The three old units nearest an old address found in no list, named as add and edit name them:
    communes of its district when that is known (of its province, or else of any), else districts."""
    g = gazetteer()
    provinces = g.provinces_named(province, LEGACY_SCHEME) if province else []
    if not commune:
        return _names(g.closest(district or "", g.districts_in(provinces[0] if provinces else None)))
    pool = [c for p in provinces for c in g.communes_in(p)] or list(g.legacy_communes.values())
    if district:
        key = name_key(district)
        pool = [c for c in pool if c.district is not None and g.key(c.district) == key] or pool
    return _names(g.closest(commune, pool))


def _district_of(commune: Unit) -> str | None:
    return commune.district.name if commune.district else None


def _in_legacy(g: Gazetteer, province: Unit, district: str | None, commune: str | None) -> bool:
    """Whether the old province has one commune of that name (in that district, if given)."""
    if not commune:
        return False
    candidates = g.communes_in(province)
    if district:
        districts = {d.name for d in g.named(g.districts_in(province), district)}
        candidates = [c for c in candidates if _district_of(c) in districts]
    return len(g.named(candidates, commune)) == 1


def _names(units: list[Unit]) -> list[str]:
    return [f"{u.full_name} ({u.province.name})" if u.province else u.full_name for u in units]


@dataclass
class Successor:
    """Where an old address went on 01/07/2025."""

    old: list[Unit]  # the old units of that name: one when the address is known, several when ambiguous
    candidates: list[Unit]  # the new communes: one when mapped, several when split or ambiguous


def successor(province: str | None, district: str | None, commune: str | None) -> Successor:
    """The new commune(s) an old address went into. The old province is the one given, or else the
    one whose district and commune bear those names (ambiguous when several do)."""
    g = gazetteer()
    if not commune and not district:
        return Successor([], [])
    provinces = g.provinces_named(province, LEGACY_SCHEME) if province else None
    dkeys = {key for key, _, _ in readings(district)} if district else set()
    ckeys = {key for key, _, _ in readings(commune)} if commune else set()
    olds = [
        u
        for key in sorted(ckeys or dkeys)
        for u in g.legacy_by_key.get(key, [])
        if (u.level == "commune") == bool(ckeys)
        and (provinces is None or u.province in provinces)
        and (not ckeys or not dkeys or (u.district is not None and g.key(u.district) in dkeys))
        and u.becomes
    ]
    # A name spelt exactly as a unit is spelt is that unit (Gazetteer.named): the district first,
    # then the commune within it.
    if district and commune:
        districts = {
            id(d)
            for d in g.named({id(o.district): o.district for o in olds if o.district}.values(), district)
        }
        olds = [o for o in olds if id(o.district) in districts]
    olds = g.named(olds, commune or district or "")
    return Successor(olds, _unique([n for o in olds for n in g.successors(o)]))


def _unique(units: list[Unit]) -> list[Unit]:
    return list({u.code: u for u in units}.values())


UNPLACED = {"commune_code": None, "scheme": None, "former_province": None, "new_commune_code": None}
# (field, as typed, the official names it may be: the units bearing it, or the three closest; whether
# several bear it)
Unmatched = list[tuple[str, str, list[str], bool]]


def address_values(values: Mapping[str, Any]) -> tuple[dict[str, Any], Unmatched]:
    """An organisation's address fields in their official spelling, with the derived fields
    (records.PLACE_FIELDS): the address it was registered with (province, district, commune) and the
    one in force from new_address_from (new_province, new_commune, in the new scheme). Without a
    province nothing is matched: the registry keeps what it was given, as before the reform."""
    out: dict[str, Any] = dict(UNPLACED)
    unmatched: Unmatched = []
    if values.get("province"):
        p = place(values["province"], values.get("district"), values.get("commune"))
        out.update(
            province=p.province,
            district=p.district,
            commune=p.commune,
            commune_code=p.commune_code,
            scheme=p.scheme,
            former_province=p.former_province,
        )
        unmatched += p.unmatched
    if values.get("new_province"):
        p = place(values["new_province"], None, values.get("new_commune"), only_new=True)
        out.update(new_province=p.province, new_commune=p.commune, new_commune_code=p.commune_code)
        out["former_province"] = p.former_province or out["former_province"]
        unmatched += [(f"new_{field}", typed, names, several) for field, typed, names, several in p.unmatched]
    return out, unmatched


def unmatched_warning(field: str, typed: str, names: list[str], several: bool) -> InvalidValue:
    """The warning on a name the official list does not settle: several units bear it ('van lang':
    Xã Văn Lang and Xã Văn Lăng), or none does (with the closest)."""
    pattern = messages.PLACE_AMBIGUOUS if several else messages.PLACE_UNMATCHED
    return InvalidValue(field, typed, pattern.format(names=", ".join(names)))
