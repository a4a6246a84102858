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
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
from htxcli.domain.text import fold, sort_key

# Type words as fold() writes them, longest first so that "thi xa" is not read as "thi" + "xa".
_TYPE_WORDS = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "tp.",
    "tp",
)
_KIND_OF_WORD = {"tp.": "thanh pho", "tp": "thanh pho"}  # abbreviations: the type word they stand for

# The official names (as name_key writes them, without their type word) that begin with a word which
# folds to a type word: Quản Bạ is not "Quận Bạ", Tĩnh Túc not "Tỉnh Túc". A type word is a type word
# only where the official list says so. Written out so that matching a name never loads the list;
# tests/test_places_names.py checks it against the bundled list.
OWN_NAMES = frozenset(
    (
        "huyen hoi", "huyen son", "huyen tung", "phuong binh", "phuong canh", "phuong cong", "phuong dinh",
        "phuong do", "phuong dong", "phuong duc", "phuong giao", "phuong hai", "phuong khoan", "phuong lam",
        "phuong lau", "phuong lien trung tu", "phuong liet", "phuong lieu", "phuong mai", "phuong mao",
        "phuong nam", "phuong nghi", "phuong phu", "phuong sai", "phuong son", "phuong thanh",
        "phuong thien", "phuong thinh", "phuong tien", "phuong tra", "phuong trung", "phuong tu",
        "phuong vi", "phuong vien", "quan ba", "quan bau", "quan chu", "quan ha", "quan hanh", "quan hau",
        "quan ho than", "quan hoa", "quan lan", "quan lao", "quan son", "quan thanh", "quan toan",
        "quan trieu", "tinh an", "tinh an dong", "tinh an tay", "tinh bac", "tinh bien", "tinh binh",
        "tinh chau", "tinh dong", "tinh gia", "tinh giang", "tinh ha", "tinh hai", "tinh hiep", "tinh hoa",
        "tinh khe", "tinh ki", "tinh long", "tinh minh", "tinh nhue", "tinh phong", "tinh son",
        "tinh thien", "tinh tho", "tinh thoi", "tinh tra", "tinh tuc", "xa bang", "xa dung", "xa ho",
        "xa luong", "xa nhe", "xa phien",
    )
)  # fmt: skip

# i and y after a consonant, at a syllable's end, are two spellings of one sound: Sĩ/Sỹ, Kì/Kỳ,
# Lí/Lý, Mĩ/Mỹ. Equal when names are matched (the key writes i), never changed when printed.
_FINAL_Y = re.compile(r"\b([bcdghklmnpqrstvx]+)y\b")


def _i_for_y(key: str) -> str:
    return _FINAL_Y.sub(r"\1i", key) if "y" in key else key


def match_key(name: str) -> str:
    """A name as matched, type word kept: folded, i for a final y ("Sỹ Bình" -> "si binh")."""
    return _i_for_y(fold(name))


def _type_word(key: str) -> str | None:
    """The type word a matched key begins with (and more follows), if any."""
    for word in _TYPE_WORDS:
        if key.startswith(word + " ") and len(key) > len(word) + 1:
            return word
    return None


def name_key(name: str) -> str:
    """A unit's name as matched: folded, i for a final y, without its type word ("Xã Thượng Minh" ->
    "thuong minh"); a leading word is kept where the official list has a name that begins so
    ("Quản Bạ" -> "quan ba", "Huyện Quản Bạ" -> "quan ba")."""
    key = match_key(name)
    if key in OWN_NAMES:
        return key
    word = _type_word(key)
    return key[len(word) + 1 :].strip() if word else key


_WORDS = re.compile(r"[\s\-_]+")


def _spelt_words(name: str) -> list[str]:
    """The words of a name as spelt, accents kept: NFC, casefolded, i for a final y with its tone."""
    words = _WORDS.split(unicodedata.normalize("NFC", name).casefold().strip())
    return [_spelt_i(word) for word in words]


def _spelt_i(word: str) -> str:
    if "y" not in fold(word) or not _FINAL_Y.fullmatch(fold(word)):
        return word
    decomposed = unicodedata.normalize("NFD", word)
    at = decomposed.rindex("y")
    return unicodedata.normalize("NFC", decomposed[:at] + "i" + decomposed[at + 1 :])


def iy_spelling(typed: str, official: str) -> bool:
    """Whether `typed` is `official` spelt with i for y or y for i, and otherwise letter for letter
    ("Sĩ Bình" for Sỹ Bình): the clerk's spelling, which htx keeps where it keeps what was typed."""
    a, b = (unicodedata.normalize("NFD", v) for v in (typed, official))
    return (
        a != b
        and len(a) == len(b)
        and all(x == y or {x, y} in ({"i", "y"}, {"I", "Y"}) for x, y in zip(a, b, strict=True))
    )


def spelt_key(name: str) -> str:
    """A unit's name as spelt, accents kept: NFC, casefolded, without its type word
    ("Xã Văn Lăng" -> "văn lăng"). Words as fold() splits them, so the type word is found the same way."""
    words = _spelt_words(name)
    kept = len(name_key(name).split())
    return " ".join(words[len(words) - kept :]) if kept else " ".join(words)


def readings(name: str) -> list[tuple[str, str, str | None]]:
    """The ways a typed name can be read, as (key, spelt key, type word): the whole of it as a name,
    and, when it begins with a type word, the rest as a name of that type ("Quan Triều": Phường Quan
    Triều, or a Quận named Triều). Gazetteer.named keeps the readings the official list has."""
    key = match_key(name)
    words = _spelt_words(name)
    out: list[tuple[str, str, str | None]] = [(key, " ".join(words), None)]
    word = _type_word(key)
    if word:
        rest = key[len(word) + 1 :].strip()
        out.append((rest, " ".join(words[len(words) - len(rest.split()) :]), word))
    return out


def _kind_is(unit_kind: str, word: str) -> bool:
    return fold(unit_kind) == _KIND_OF_WORD.get(word, word)


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
            found = self._spelt[id(unit)] = " ".join(_spelt_words(unit.name))
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
                    (found if word is None or _kind_is(u.kind, word) else loose).append((u, spelt))
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
            or any(self.key(u) == key and _kind_is(u.kind, word) for key, word in typed)
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


def titled(name: str | None, code: str | None, scheme: str | None, level: str = "commune") -> str | None:
    """A stored unit's name as tables and documents print it, with its type word ("Phường Bắc Kạn",
    not "Bắc Kạn", which is also a former province). The registry stores the name without it, and the
    official code of a matched commune: the type word comes from the official list by that code. With
    `level` "district", the district of that (old-scheme) commune. A name with no code (not matched),
    or typed with its type word, is printed as stored."""
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
    unmatched: list[tuple[str, str, list[str]]] = field(default_factory=list)


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
        return Placed(None, province, district, commune, None, None, [("province", province, names)])
    for p in news:
        found = g.named(g.communes_in(p), commune) if commune else []
        if found or not olds or not _in_legacy(g, olds[0], district, commune):
            one = found[0] if len(found) == 1 else None
            code = one.code if one else None
            placed = Placed(NEW_SCHEME, p.name, None, one.name if one else commune, code, None)
            placed.former_province = g.former_province(code) if code else None
            if commune and one is None:
                placed.unmatched.append(
                    ("commune", commune, _names(found or g.closest(commune, g.communes_in(p))))
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
            placed.unmatched.append(("district", district, _names(named or g.closest(district, districts))))
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
        placed.unmatched.append(
            ("commune", commune, _names(found or g.closest(commune, candidates or g.communes_in(p))))
        )
    return placed


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
Unmatched = list[tuple[str, str, list[str]]]  # (field, as typed, the three closest official names)


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
        unmatched += [(f"new_{field}", typed, names) for field, typed, names in p.unmatched]
    return out, unmatched
