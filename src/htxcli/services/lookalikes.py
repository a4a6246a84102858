"""What an import of organisations warns about: rows that look like what the registry already holds.

- A district typed another way ('BA BỂ' where the registry has 'Ba Bể') is stored as the registry spells
  it, so that one district stays one row of the report; one warning per spelling, with its count.

Looked up a batch at a time, never row by row: the import of a large file must stay as fast as it was.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from htxcli.domain.batch import ABSENT, ParsedBatch
from htxcli.domain.places import preferred_spelling, spellings_by_key
from htxcli.domain.records import ORGANISATION_FIELDS
from htxcli.domain.text import fold
from htxcli.store.repositories import district_spellings

DISTRICT_AT = ORGANISATION_FIELDS.index("district")  # in the columns of a bulk insert


class DistrictSpellings:
    """Each district of the file as the registry spells it. The registry is asked once per district
    key the import meets (a file names a handful of districts, so mostly in its first batch); a
    district the registry does not know yet is spelled as most of the first batch naming it spells
    it, and the later rows follow."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.by_key: dict[str, str] = {}  # folded key -> the spelling stored
        self.as_stored: dict[str, str] = {}  # a spelling met in the file -> the spelling stored
        self.respelled: Counter[tuple[str, str]] = Counter()  # (as given, as stored) -> rows

    def respell(self, parsed: ParsedBatch) -> None:
        """Replace, in the parsed batch (and its planned bulk insert), each district spelled otherwise
        than stored. The keys derived from it need no change: both spellings fold alike."""
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
            self.respelled[(given, renamed[given])] += count

    def _learn(self, unseen: list[str], column: list[Any]) -> None:
        keys = {spelling: fold(spelling) for spelling in unseen}
        new_keys = list({key for key in keys.values() if key not in self.by_key})
        if new_keys:
            stored = district_spellings(self.connection, new_keys)
            self.by_key.update({key: preferred_spelling(counts) for key, counts in stored.items()})
            in_batch = Counter(value for value in column if value in keys and keys[value] not in self.by_key)
            for key, counts in spellings_by_key(in_batch.items()).items():
                self.by_key[key] = preferred_spelling(counts)
        self.as_stored.update({spelling: self.by_key[key] for spelling, key in keys.items()})
