"""Text normalisation, search keys and Vietnamese alphabetical order.

Input arrives in NFC and NFD (macOS, Windows-1258 conversions); every stored string is NFC.
"""

from __future__ import annotations

import re
import unicodedata

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


def fold(value: str) -> str:
    """The search key: NFC, casefold, strip combining marks, đ -> d, hyphens and runs of space as one space.

    'đ' has no Unicode decomposition, so stripping marks alone would leave it.
    """
    text = unicodedata.normalize("NFC", value).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = text.replace("đ", "d").replace("-", " ").replace("_", " ")
    return _SPACES.sub(" ", text).strip()


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


def sort_key(value: str) -> str:
    """A string whose plain ordering is Vietnamese alphabetical order of `value`.

    Built from two-digit decimal codes only, so byte order and any locale's order agree.
    Letters first (a < ă < â < b … đ after d), then tones as a tie-breaker, then the text itself.
    """
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", value).casefold():
        if char.isspace() or not char.isalnum():
            letters.append("01")
            continue
        base, tone = _split_letter(char)
        letters.append(f"{_RANK.get(base, _OTHER):02d}")
        tones.append(str(tone))
    return "".join(letters) + "00" + "".join(tones)
