"""Vietnam's official administrative units, before and after the 2025 reform, and matching a clerk's
spelling to them.

The list is bundled as data/places.json.gz (written by tools/places_data.py from the MIT-licensed
`vietnamadminunits` package; the file names its source). It is read on first use only, by the commands
that need it: `htx --help`, the report and the listings never load it.

A name is matched with case and its type word (xã, phường, thị trấn, đặc khu, huyện, quận, thị xã,
thành phố, tỉnh) ignored: "Thượng Minh" and "Xã Thượng Minh" are one commune. Accents count when
they were typed: a name spelt exactly as a unit is spelt is that unit ("Văn Lang" is not its
neighbour "Văn Lăng"); they are ignored only when no unit is spelt so ("thuong minh" is Thượng
Minh), and when that leaves several units nothing is guessed (see Gazetteer.named).
"""

from __future__ import annotations

import difflib
import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
from htxcli.domain.text import sort_key
from htxcli.domain.unit_names import kind_is, match_key, name_key, readings, spelt_key, spelt_words


@dataclass(frozen=True)
class Unit:
    scheme: str  # NEW_SCHEME or LEGACY_SCHEME
    level: str  # province, district or commune
    code: str
    kind: str  # its type word: Xã, Phường, Huyện, Tỉnh, …
    name: str  # without the type word, as the registry stores it
    province: Unit | None = None  # a district's or commune's province
    district: Unit | None = None  # a legacy commune's district
    becomes: tuple[str, ...] = field(default=())  # a legacy commune's successors (codes of NEW communes)

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def key(self) -> str:
        """Its name as matched: the name alone, whatever word it begins with (Quản Bạ is "quan ba")."""
        return match_key(self.name)


class Gazetteer:
    """Both schemes, indexed by code and by name key."""

    def __init__(self, data: dict[str, object]) -> None:
        self.source = str(data["source"])
        self.provinces = {c: Unit(NEW_SCHEME, "province", c, k, n) for c, k, n in data["provinces"]}  # type: ignore[attr-defined]
        self.communes = {
            c: Unit(NEW_SCHEME, "commune", c, k, n, province=self.provinces[p])
            for c, p, k, n in data["communes"]  # type: ignore[attr-defined]
        }
        self.legacy_provinces = {
            c: Unit(LEGACY_SCHEME, "province", c, k, n)
            for c, k, n in data["legacy_provinces"]  # type: ignore[attr-defined]
        }
        self.legacy_districts = {
            c: Unit(
                LEGACY_SCHEME, "district", c, k, n, province=self.legacy_provinces[p], becomes=tuple(went)
            )
            for c, p, k, n, went in data["legacy_districts"]  # type: ignore[attr-defined]
        }
        self.legacy_communes = {
            c: Unit(
                LEGACY_SCHEME,
                "commune",
                c,
                k,
                n,
                province=self.legacy_districts[d].province,
                district=self.legacy_districts[d],
                becomes=tuple(went),
            )
            for c, d, k, n, went in data["legacy_communes"]  # type: ignore[attr-defined]
        }
        self.units: list[Unit] = [
            *self.provinces.values(),
            *self.communes.values(),
            *self.legacy_provinces.values(),
            *self.legacy_districts.values(),
            *self.legacy_communes.values(),
        ]
        self._keys = {id(u): u.key for u in self.units}
        self._spelt: dict[int, str] = {}  # filled on demand: most look-ups never need it
        self.legacy_by_key: dict[str, list[Unit]] = {}  # communes and districts, by name key
        for u in (*self.legacy_communes.values(), *self.legacy_districts.values()):
            self.legacy_by_key.setdefault(self._keys[id(u)], []).append(u)
        # The old provinces each new commune took land from: its "khu vực … cũ".
        self._former: dict[str, set[str]] = {}
        for old in self.legacy_communes.values():
            assert old.province is not None
            for new in old.becomes:
                self._former.setdefault(new, set()).add(old.province.name)
        for old in self.legacy_districts.values():
            assert old.province is not None
            for new in old.becomes:
                self._former.setdefault(new, set()).add(old.province.name)

    def key(self, unit: Unit) -> str:
        return self._keys[id(unit)]

    def spelt(self, unit: Unit) -> str:
        found = self._spelt.get(id(unit))
        if found is None:
            found = self._spelt[id(unit)] = " ".join(spelt_words(unit.name))
        return found

    def named(self, units: Iterable[Unit], name: str) -> list[Unit]:
        """The units of that name. A leading type word is one only where the list says so: "Quan
        Triều" is Phường Quan Triều, "Huyện Quản Bạ" Quản Bạ; one of another type is taken when
        nothing else has the name ("Xã Bắc Kạn" for Phường Bắc Kạn). A name spelt exactly as units
        are spelt (accents kept; case, type word and i/y aside) is those units; only when none is
        spelt so, or none was typed ("thanh an": Thanh An and Thạnh An), are accents ignored.
        Several returned is for the caller not to guess ("van lang": Văn Lang and Văn Lăng)."""
        read = readings(name)
        keys = {key for key, _, _ in read}
        found: list[tuple[Unit, str]] = []  # (unit, the typed name's spelt key for its reading)
        loose: list[tuple[Unit, str]] = []  # read with a type word that is not the unit's
        for u in units:
            if self.key(u) not in keys:
                continue
            for key, spelt, word in read:
                if self.key(u) == key:
                    (found if word is None or kind_is(u.kind, word) else loose).append((u, spelt))
                    break
        found = found or loose
        if len(found) < 2 or name.isascii():  # accents count only when some were typed
            return [u for u, _ in found]
        return [u for u, spelt in found if self.spelt(u) == spelt] or [u for u, _ in found]

    def successors(self, unit: Unit) -> list[Unit]:
        return [self.communes[c] for c in unit.becomes]

    def former_province(self, commune_code: str) -> str | None:
        """The one pre-2025 province a new commune lies in; None when it took land from several."""
        former = self._former.get(commune_code, set())
        return next(iter(former)) if len(former) == 1 else None

    def search(self, text: str) -> list[Unit]:
        """Units whose name holds the words typed (accents, case and type word aside): exact names
        first, then the rest; the new scheme before the old; provinces, districts, then communes."""
        wanted = name_key(text)
        if not wanted:
            return []
        # and a unit of the type typed, named as the rest ("Phường Sơn" where Phương Sơn exists too)
        typed = [(key, word) for key, _, word in readings(text) if word and key != wanted]
        found = [
            u
            for u in self.units
            if f" {wanted} " in f" {self.key(u)} "
            or any(self.key(u) == key and kind_is(u.kind, word) for key, word in typed)
        ]
        spelt = spelt_key(text)
        levels = {"province": 0, "district": 1, "commune": 2}
        return sorted(
            found,
            key=lambda u: (
                self.spelt(u) != spelt,  # "Văn Lang" before Văn Lăng and Văn Lãng
                self.key(u) != wanted,
                u.scheme != NEW_SCHEME,
                levels[u.level],
                sort_key(u.province.name) if u.province else "",
                sort_key(u.name),
                u.code,
            ),
        )

    def provinces_named(self, name: str, scheme: str) -> list[Unit]:
        table = self.provinces if scheme == NEW_SCHEME else self.legacy_provinces
        return self.named(table.values(), name)

    def communes_in(self, province: Unit) -> list[Unit]:
        table = self.communes if province.scheme == NEW_SCHEME else self.legacy_communes
        return [c for c in table.values() if c.province is province]

    def districts_in(self, province: Unit | None) -> list[Unit]:
        return [d for d in self.legacy_districts.values() if province is None or d.province is province]

    def closest(self, name: str, units: list[Unit], n: int = 3) -> list[Unit]:
        """The n units whose names are nearest the one typed (difflib's ratio on the name keys)."""
        key = name_key(name)
        ranked = sorted(
            units, key=lambda u: (-difflib.SequenceMatcher(None, key, self.key(u)).ratio(), sort_key(u.name))
        )
        return ranked[:n]


@cache
def gazetteer() -> Gazetteer:
    raw = (resources.files("htxcli") / "data" / "places.json.gz").read_bytes()
    return Gazetteer(json.loads(gzip.decompress(raw)))
