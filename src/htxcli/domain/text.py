"""Text normalisation, search keys and Vietnamese alphabetical order.

Input arrives in NFC and NFD (macOS, Windows-1258 conversions); every stored string is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(line: str) -> str:
    """A message as one safe line: control characters (NUL, escape sequences, line breaks) shown as
    \\xNN escapes, so a value from a file can neither hide part of the line nor drive the terminal."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}", line)


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


# Many values are keyed at once by joining them with NUL, transforming the joined text with the same
# C-level calls as one value, and splitting it again: an import's keys cost a few calls per batch
# instead of a few per cell. NUL is safe as the joint: it is a starter that composes with nothing, is not
# whitespace, keeps itself through every table below, and stored text never holds it (control
# characters are refused); a value that holds one anyway is keyed on its own.
_JOINT = "\x00"


def fold_many(values: Sequence[str]) -> list[str]:
    """[fold(v) for v in values], computed on the joined values."""
    joined = _JOINT.join(values)
    if joined.count(_JOINT) != len(values) - 1:
        return [fold(v) for v in values]
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", joined).casefold())
    # What _FOLD does to Vietnamese, done first by C-level passes, so that translate() usually meets
    # ASCII only (which it maps through a cached table instead of one dict lookup per character).
    text = text.replace("đ", "d")
    if _NEITHER_ASCII_NOR_MARK.search(text) is None:
        text = text.encode("ascii", "ignore").decode("ascii")  # drops exactly the marks
    text = text.translate(_FOLD)
    if not text.isascii() or "  " in text or any(c in text for c in _ASCII_SPACES):
        text = _SPACES.sub(" ", text)
    return [piece.strip() for piece in text.split(_JOINT)]


# The combining diacritics block, U+0300-U+036F, is all category Mn, which _FOLD drops.
_NEITHER_ASCII_NOR_MARK = re.compile("[^\\x00-\\x7f\\u0300-\\u036f]")
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"  # ASCII whitespace other than the space


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


_LETTER_KEYS[0] = _TONE_KEYS[0] = _JOINT  # see fold_many


def sort_key(value: str) -> str:
    """A string whose plain ordering is Vietnamese alphabetical order of `value`.

    Built from decimal digits only, so byte order and any locale's order agree. Base letters decide
    first (a < ă < â < b … d < đ), then tones as a tie-breaker.
    """
    text = unicodedata.normalize("NFC", value).casefold()
    return text.translate(_LETTER_KEYS) + "00" + text.translate(_TONE_KEYS)


def _bytes_table(table: dict[int, str], expand: bool) -> bytes:
    """A bytes.translate table giving each ASCII character its key: with `expand`, a two-digit key as
    one byte whose hexadecimal form is those two digits (12 -> 0x12), for bytes.hex() to spell out."""
    keys = [table[code] for code in range(128)]
    if expand:  # NUL, the joint of fold_many, never reaches a word
        return bytes(int(key[0]) * 16 + int(key[1]) if key != _JOINT else 0 for key in keys) + bytes(128)
    return bytes(ord(key) if key else 0 for key in keys) + bytes(128)


class _WordKeys(dict[str, str]):
    """A word's letter or tone key, remembered: names are made of few distinct words (hợp, tác, xã,
    nông, nghiệp …), and translating each character through a dict costs more than the lookup.
    Words of ASCII only (numbers, mostly: "Số 12345" makes a new word per name) are translated as
    bytes, in C, and not remembered."""

    def __init__(self, table: dict[int, str], *, two_digits: bool) -> None:
        super().__init__()
        self.table = table
        self.two_digits = two_digits
        self.ascii = _bytes_table(table, two_digits)
        # ASCII characters without a tone key (spaces, punctuation) are dropped from a tone key.
        self.no_key = bytes(code for code in range(128) if not table[code]) if not two_digits else b""

    def __missing__(self, word: str) -> str:
        if word.isascii():
            raw = word.encode("ascii")
            if self.two_digits:
                return raw.translate(self.ascii).hex()
            return raw.translate(self.ascii, self.no_key).decode("ascii")
        value = word.translate(self.table)
        if len(self) < 200_000:
            self[word] = value
        return value


_WORD_LETTERS = _WordKeys(_LETTER_KEYS, two_digits=True)
_WORD_TONES = _WordKeys(_TONE_KEYS, two_digits=False)
_SPACE_LETTER = _LETTER_KEYS[ord(" ")]  # a space's letter key; its tone key is empty


def sort_key_many(values: Sequence[str]) -> list[str]:
    """[sort_key(v) for v in values], word by word: a value's keys are its words' keys joined."""
    joined = _JOINT.join(values)
    if joined.count(_JOINT) != len(values) - 1:
        return [sort_key(v) for v in values]
    out = []
    letters, tones = _WORD_LETTERS.__getitem__, _WORD_TONES.__getitem__
    for text in unicodedata.normalize("NFC", joined).casefold().split(_JOINT):
        words = text.split(" ")
        out.append(_SPACE_LETTER.join(map(letters, words)) + "00" + "".join(map(tones, words)))
    return out
