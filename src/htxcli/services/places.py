"""The official administrative units (domain/units.py) as the clerk uses them: looking a name up, and
giving every organisation whose address is in the old scheme its commune from 01/07/2025."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.records import search_key
from htxcli.domain.reform import LEGACY_SCHEME, REFORM_DAY
from htxcli.domain.unit_matching import closest_old, successor
from htxcli.domain.units import Unit, gazetteer
from htxcli.services.history import current_user
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


def source() -> str:
    """Where the official list comes from, in the clerk's language: the package, its licence, and the
    sites its data come from (the list says "from A and B" in English)."""
    package, joint, sites = gazetteer().source.partition("; from ")
    if not joint:
        return package
    return messages.PLACES_SOURCE_FROM.format(package=package, sites=", ".join(sites.split(" and ")))


def search(text: str) -> list[dict[str, Any]]:
    """Units of both schemes whose name holds the words typed, as the JSON contract writes them."""
    if not text.strip():
        raise InvalidValue("text", text, messages.EMPTY_TEXT)
    g = gazetteer()
    return [_unit(g.successors, u) for u in g.search(text)]


def _unit(successors: Any, u: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": u.full_name,
        "code": u.code,
        "level": u.level,
        "province": u.province.name if u.province else None,
        "district": u.district.name if u.district else None,
        "scheme": u.scheme,
    }
    if u.scheme == LEGACY_SCHEME and u.level != "province":
        out["becomes"] = [
            {"name": n.full_name, "code": n.code, "province": n.province.name if n.province else None}
            for n in successors(u)
        ]
    return out


@dataclass
class Migration:
    mapped: list[dict[str, Any]] = field(default_factory=list)  # code, name, old and new address
    ambiguous: list[dict[str, Any]] = field(default_factory=list)  # with the candidate communes
    # With whether the province was unknown, and the three closest old units (as add and edit name them).
    not_found: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0  # already in the new scheme, or without an address
    entry: int | None = None  # the history entry, when written


def _old_address(row: Any) -> str:
    return ", ".join(row[f] for f in ("commune", "district", "province") if row[f])


def _titled_old(row: Any, old: Unit) -> str:
    """The old address the list matched, its units with their type words ("Xã Mỹ Phương, Huyện Ba Bể,
    Bắc Kạn"): the commune and district the row gives, and the province it lies in."""
    commune = old if old.level == "commune" else None
    district = old.district if commune is not None else old if old.level == "district" else None
    parts = (
        commune.full_name if commune is not None and row["commune"] else None,
        district.full_name if district is not None and row["district"] else None,
        old.province.name if old.province is not None else row["province"],
    )
    return ", ".join(p for p in parts if p)


@retrying
def migrate(engine: Engine, *, dry_run: bool, from_province: str | None = None) -> Migration:
    """Every organisation whose address is in the old scheme gets its new province and commune, in
    force from 01/07/2025; the old address stays for the dates before. A commune that was split, or a
    name found in several old provinces, is left for the clerk. One history entry, which undo reverts."""
    result = Migration()
    with UnitOfWork(engine, read_only=dry_run) as uow:
        updates = []
        closest: dict[tuple[str | None, ...], str] = {}  # an old address found in no list: its nearest
        for row in uow.organisations.addresses_to_migrate():
            if not row["commune"] and not row["district"]:
                result.unchanged += 1
                continue
            found = successor(row["province"] or from_province, row["district"], row["commune"])
            described = {"code": row["code"], "name": row["name"], "address": _old_address(row)}
            if len(found.candidates) == 1 and len({o.province for o in found.old}) == 1:
                new, old = found.candidates[0], found.old[0]
                assert new.province is not None and old.province is not None
                values = {
                    "new_address_from": REFORM_DAY,
                    "new_province": new.province.name,
                    "new_commune": new.name,
                    "new_commune_code": new.code,
                    "former_province": old.province.name,
                    "province": row["province"] or old.province.name,
                    "scheme": LEGACY_SCHEME,
                    "commune_code": old.code if old.level == "commune" else None,
                }
                updates.append((row, values))
                result.mapped.append(
                    {
                        **described,
                        "new": f"{new.name}, {new.province.name}",
                        # As people read them (the dry run's lines): each unit with its type word.
                        "address_titled": _titled_old(row, old),
                        "new_titled": f"{new.full_name}, {new.province.name}",
                    }
                )
            elif found.candidates:
                names = ", ".join(
                    f"{c.full_name} ({c.province.name if c.province else ''})" for c in found.candidates
                )
                provinces = sorted({o.province.name for o in found.old if o.province})
                result.ambiguous.append(
                    {
                        **described,
                        "candidates": names,
                        # (commune, its province) of each candidate: one settle command each
                        "choices": [
                            (c.name, c.province.name if c.province else "") for c in found.candidates
                        ],
                        "province": found.candidates[0].province.name if found.candidates[0].province else "",
                        "provinces": provinces,
                    }
                )
            else:
                typed = (row["province"] or from_province, row["district"], row["commune"])
                if typed not in closest:
                    closest[typed] = ", ".join(closest_old(*typed))
                result.not_found.append(
                    {
                        **described,
                        "province_known": bool(typed[0]),
                        "closest": closest[typed],
                    }
                )
        if dry_run or not updates:
            return result
        entry = uow.history.begin(
            current_user(),
            "places migrate",
            {
                "mapped": len(result.mapped),
                "ambiguous": len(result.ambiguous),
                "not_found": len(result.not_found),
            },
        )
        changes = []
        for row, values in updates:
            uow.organisations.update(row["id"], {**values, "search_key": search_key({**row, **values})})
            changes.append((row["id"], row["code"], dict(row), uow.history.row("organisation", row["id"])))
        uow.history.changes(entry, "organisation", changes)
        uow.commit()
        result.entry = entry
    return result
