"""Text normalisation, search keys and Vietnamese alphabetical order.

Input arrives in NFC and NFD (macOS, Windows-1258 conversions); every stored string is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: str | None) -> str | None:
    """NFC, trimmed; empty becomes None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value).strip()
    return value or None


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value))


class _FoldTable(dict[int, str | None]):
    """str.translate table for decomposed text: drops combining marks, đ -> d, hyphens -> space.

    Filled per character on first sight, so translate runs at C speed on text it has seen before.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value: str | None
        if unicodedata.category(char) == "Mn":
            value = None
        elif char == "đ":
            value = "d"
        elif char in "-_":
            value = " "
        else:
            value = char
        self[code] = value
        return value


_FOLD = _FoldTable()


@lru_cache(maxsize=65_536)
def fold(value: str) -> str:
    """The search key: NFC, casefold, strip combining marks, đ -> d, hyphens and runs of space as one space.

    'đ' has no Unicode decomposition, so stripping marks alone would leave it.
    """
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", value).casefold())
    return _SPACES.sub(" ", text.translate(_FOLD)).strip()


# Vietnamese alphabetical order. Letters outside the Vietnamese alphabet (f, j, w, z) sit where
# the Latin alphabet puts them; digits come before letters, spaces and punctuation before both.
_LETTERS = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_DIGITS = "0123456789"
# Marks that make a base letter (ă â ê ô ơ ư) versus tone marks, in the tone order
# ngang < huyền < hỏi < ngã < sắc < nặng.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_RANK: dict[str, int] = {}
for _i, _d in enumerate(_DIGITS):
    _RANK[_d] = 2 + _i
for _i, _letter in enumerate(_LETTERS):
    _RANK[_letter] = 2 + len(_DIGITS) + _i
_OTHER = 99


def _split_letter(char: str) -> tuple[str, int]:
    """'ầ' -> ('â', 1): the base letter of the Vietnamese alphabet, and its tone."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for c in decomposed:
        if c in _TONES:
            tone = _TONES[c]
        elif unicodedata.category(c) != "Mn" or c in _LETTER_MARKS:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone


class _LetterTable(dict[int, str]):
    """Character -> two-digit rank of its base letter ('01' for spaces and punctuation)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace() or not char.isalnum():
            value = "01"
        else:
            value = f"{_RANK.get(_split_letter(char)[0], _OTHER):02d}"
        self[code] = value
        return value


class _ToneTable(dict[int, str]):
    """Character -> its tone digit ('' for spaces and punctuation, which carry no tone)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = "" if char.isspace() or not char.isalnum() else str(_split_letter(char)[1])
        self[code] = value
        return value


_LETTER_KEYS = _LetterTable()
_TONE_KEYS = _ToneTable()


def sort_key(value: str) -> str:
    """A string whose plain ordering is Vietnamese alphabetical order of `value`.

    Built from decimal digits only, so byte order and any locale's order agree. Base letters decide
    first (a < ă < â < b … d < đ), then tones as a tie-breaker.
    """
    text = unicodedata.normalize("NFC", value).casefold()
    return text.translate(_LETTER_KEYS) + "00" + text.translate(_TONE_KEYS)
