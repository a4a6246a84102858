"""What an import of organisations warns about: rows that look like what the registry already holds.

- A district typed another way ('BA BỂ' or 'Huyện Ba Bể' where the registry has 'Ba Bể') is stored as
  the registry spells it, so that one district stays one row of the report; one warning per spelling,
  with its count.
- A new code that equals a stored code once leading zeros are ignored (Excel reads 0100222333 as the
  number 100222333), or a new name equal to a stored one once accents and case are folded: often one
  organisation registered twice. One warning per row; the row is imported all the same.

What the registry holds is read once per import, never row by row, and a batch is checked with set
operations: the import of a large file must stay as fast as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.batch import ABSENT, ParsedBatch
from htxcli.domain.places import preferred_spelling, spellings_by_key
from htxcli.domain.records import ORGANISATION_FIELDS
from htxcli.domain.unit_names import district_as_stored
from htxcli.domain.unit_names import name_key as place_key
from htxcli.store.repositories import codes_and_names, district_spellings

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

_NINE_DIGITS = re.compile(r"^[0-9]{9}$", re.MULTILINE)
DISTRICT_AT = ORGANISATION_FIELDS.index("district")  # in the columns of a bulk insert


class DistrictSpellings:
    """Each district of the file as the registry spells it. The registry's districts are read once,
    at the first batch (a registry names a few dozen); a district the registry does not know yet is
    spelled as most of the rows of the first batch naming it spell it, and the later rows follow."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.read = False  # whether the registry's districts are in by_key yet
        self.by_key: dict[str, str] = {}  # folded key -> the spelling used, stored or first met
        self.as_stored: dict[str, str] = {}  # a spelling met in the file -> the spelling stored
        self.respelled: Counter[tuple[str, str]] = Counter()  # (as given, as stored) -> rows

    def respell(self, parsed: ParsedBatch) -> None:
        """Replace, in the parsed batch (and its planned bulk insert), each district spelled otherwise
        than stored."""
        if "district" not in parsed.fields:
            return
        at = parsed.fields.index("district")
        column = parsed.columns[at]
        spellings = {value for value in set(column) if value is not None and value is not ABSENT}
        unseen = [spelling for spelling in spellings if spelling not in self.as_stored]
        if unseen:
            self._learn(unseen, column)
        renamed = {s: self.as_stored[s] for s in spellings if self.as_stored[s] != s}
        if not renamed:
            return
        respelled = [renamed.get(value, value) if value is not ABSENT else value for value in column]
        parsed.columns[at] = respelled
        if parsed.planned is not None:
            parsed.planned[DISTRICT_AT] = respelled
        for given, count in Counter(value for value in column if value in renamed).items():
            if renamed[given] != district_as_stored(given):  # "Huyện Ba Bể" is Ba Bể: nothing to say
                self.respelled[(given, renamed[given])] += count

    def _learn(self, unseen: list[str], column: list[Any]) -> None:
        if not self.read:  # the registry's districts, read once (they are few)
            stored = spellings_by_key(district_spellings(self.connection))
            self.by_key.update({key: preferred_spelling(counts) for key, counts in stored.items()})
            self.read = True
        keys = {spelling: place_key(spelling) for spelling in unseen}
        in_batch = Counter(value for value in column if value in keys and keys[value] not in self.by_key)
        for key, counts in spellings_by_key(in_batch.items()).items():
            # One form: a district new to the registry is stored without its type word (Huyện Phú Bình:
            # Phú Bình), as the official list and add name it.
            self.by_key[key] = district_as_stored(preferred_spelling(counts))
        self.as_stored.update({spelling: self.by_key[key] for spelling, key in keys.items()})


class Lookalikes:
    """The codes (without their leading zeros) and folded names of the organisations stored before the
    import, read in one pass at the import's first new row: a look-up per batch would scan the table
    (neither key is indexed), and an import that only updates stored rows never reads them."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.by_digits: dict[str, str] | None = None  # code without leading zeros -> a stored code
        self.by_name: dict[str, str] = {}  # name_key -> a stored code

    def check(
        self, created_by: int | None, lines: Sequence[int], codes: Sequence[str], name_keys: Sequence[str]
    ) -> list[tuple[int, str]]:
        """(line, problems) for each new row, given as columns, that looks like a stored organisation.
        `created_by` is the import's history entry: the rows it inserted are not "stored"."""
        if self.by_digits is None:
            self._load(created_by)
        by_digits, by_name = self.by_digits, self.by_name
        assert by_digits is not None
        if not by_digits:  # an empty registry: nothing to look like, but a tax code a digit short
            return self._short_codes(lines, codes)
        # Set operations in C find the few rows that look like another; only those are looked at.
        digits = list(map(str.lstrip, codes, repeat("0")))
        near_codes, near_names = by_digits.keys() & digits, by_name.keys() & name_keys
        if not near_codes and not near_names:
            return []
        out = []
        for line, code, unpadded, name_key in zip(lines, codes, digits, name_keys, strict=True):
            near = by_digits.get(unpadded) if unpadded in near_codes else None
            namesake = by_name.get(name_key) if name_key in near_names else None
            problems = []
            if near is not None and near != code:
                problems.append(messages.IMPORT_UNPADDED_CODE.format(code=code, near=near))
            if namesake is not None and namesake != code and namesake != near:
                problems.append(messages.IMPORT_SAME_NAME.format(codes=namesake))
            if problems:
                out.append((line, "; ".join(problems)))
        return out

    @staticmethod
    def _short_codes(lines: Sequence[int], codes: Sequence[str]) -> list[tuple[int, str]]:
        """Codes of nine digits, which a ten-digit tax code is once a spreadsheet dropped its 0."""
        if not _NINE_DIGITS.search("\n".join(codes)):  # in C: most batches stop here
            return []
        return [
            (line, messages.IMPORT_SHORT_CODE.format(code=code))
            for line, code in zip(lines, codes, strict=True)
            if len(code) == 9 and code.isdigit()
        ]

    def _load(self, created_by: int | None) -> None:
        by_digits: dict[str, str] = {}
        by_name: dict[str, str] = {}
        # Newest first, so that each key keeps the first registered organisation: the same warning
        # whatever order the backend would read rows in. A loop over the cursor: no list of 100,000
        # rows is held besides the two dictionaries.
        for code, name_key in codes_and_names(self.connection, created_by):
            by_digits[code.lstrip("0")] = code
            by_name[name_key] = code
        self.by_digits, self.by_name = by_digits, by_name
