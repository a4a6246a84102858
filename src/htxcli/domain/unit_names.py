"""How a clerk's spelling of a unit's name is keyed for matching against the official list: case,
accents (unless typed) and the type word (xã, phường, huyện, tỉnh, …) ignored, i for a final y. No data
here: matching a name never loads the list (domain/units.py)."""

from __future__ import annotations

import re
import unicodedata

from htxcli.domain.text import fold

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

# The provinces' names, both schemes (as name_key writes them): a town named as its province keeps its
# type word (district_as_stored). Written out so that storing a district never loads the list;
# tests/test_places_names.py checks it against the bundled list.
PROVINCE_KEYS = frozenset(
    (
        "an giang", "ba ria vung tau", "bac giang", "bac kan", "bac lieu", "bac ninh", "ben tre", "binh dinh",
        "binh duong", "binh phuoc", "binh thuan", "ca mau", "can tho", "cao bang", "da nang", "dak lak",
        "dak nong", "dien bien", "dong nai", "dong thap", "gia lai", "ha giang", "ha nam", "ha noi",
        "ha tinh", "hai duong", "hai phong", "hau giang", "ho chi minh", "hoa binh", "hue", "hung yen",
        "khanh hoa", "kien giang", "kon tum", "lai chau", "lam dong", "lang son", "lao cai", "long an",
        "nam dinh", "nghe an", "ninh binh", "ninh thuan", "phu tho", "phu yen", "quang binh", "quang nam",
        "quang ngai", "quang ninh", "quang tri", "soc trang", "son la", "tay ninh", "thai binh",
        "thai nguyen", "thanh hoa", "tien giang", "tra vinh", "tuyen quang", "vinh long", "vinh phuc",
        "yen bai",
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


def district_as_stored(typed: str) -> str:
    """A district's name as the registry stores it, one form: without its type word, as the official
    list names it ("Huyện Phú Bình", "huyện Phú Bình": Phú Bình; "Thị xã Phổ Yên": Phổ Yên). A town
    named as a province keeps it ("Thành phố Bắc Kạn"): alone, the name is the province's."""
    key = name_key(typed)
    if not key or key == match_key(typed) or key in PROVINCE_KEYS:
        return typed
    words = typed.split()
    rest = " ".join(words[len(words) - len(key.split()) :])
    # Words the type word does not split as fold() does: kept as typed.
    return rest if name_key(rest) == key else typed


_WORDS = re.compile(r"[\s\-_]+")


def spelt_words(name: str) -> list[str]:
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
    words = spelt_words(name)
    kept = len(name_key(name).split())
    return " ".join(words[len(words) - kept :]) if kept else " ".join(words)


def readings(name: str) -> list[tuple[str, str, str | None]]:
    """The ways a typed name can be read, as (key, spelt key, type word): the whole of it as a name,
    and, when it begins with a type word, the rest as a name of that type ("Quan Triều": Phường Quan
    Triều, or a Quận named Triều). Gazetteer.named keeps the readings the official list has."""
    key = match_key(name)
    words = spelt_words(name)
    out: list[tuple[str, str, str | None]] = [(key, " ".join(words), None)]
    word = _type_word(key)
    if word:
        rest = key[len(word) + 1 :].strip()
        out.append((rest, " ".join(words[len(words) - len(rest.split()) :]), word))
    return out


def kind_is(unit_kind: str, word: str) -> bool:
    return fold(unit_kind) == _KIND_OF_WORD.get(word, word)
