"""How an import's batches cross from the process reading the file to the one writing (readahead.py).

Pickled, with the reducers below registered with copyreg (Python's way to pickle a class from outside
it), so that the domain's classes need not know they travel:
- a parsed batch's date column that also has its ISO text (ParsedBatch.iso) travels as that text only
  and is converted again on arrival: pickling a million date objects took the reading process a
  second, and unpickling them cost the writer more than converting;
- errors travel as their messages (not every error class can be rebuilt from its pickle);
- ABSENT, the cell a short row does not reach, arrives as the receiver's own ABSENT: it is compared by
  identity, and a copy was taken for a value.
"""

from __future__ import annotations

import copyreg
import pickle
from collections.abc import Callable
from datetime import date
from typing import Any

from htxcli.domain.batch import ABSENT, ParsedBatch
from htxcli.domain.errors import HtxError

Reduced = tuple[Callable[..., Any], tuple[Any, ...]]


def dumps(message: object) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Any:
    return pickle.loads(data)


def _send_batch(batch: ParsedBatch) -> Reduced:
    state = dict(batch.__dict__)
    state["errors"] = [(i, HtxError(str(e))) for i, e in batch.errors]
    if batch.iso:
        as_text = {batch.fields.index(name) for name in batch.iso}
        state["columns"] = [None if i in as_text else c for i, c in enumerate(batch.columns)]
    return _received_batch, (state,)


def _received_batch(state: dict[str, Any]) -> ParsedBatch:
    batch = ParsedBatch(**state)
    for name, text in batch.iso.items():
        i = batch.fields.index(name)
        if batch.columns[i] is None:
            batch.columns[i] = list(map(date.fromisoformat, text))
    return batch


def _send_absent(_absent: object) -> Reduced:
    return _received_absent, ()


def _received_absent() -> Any:
    return ABSENT


# Registered for every pickler rather than put in one pickler's own dispatch table: the C pickler
# looks a type up in its own table with an error for each miss, and every date of a batch missed
# (pickling a batch of organisations took a third longer).
copyreg.pickle(ParsedBatch, _send_batch)
copyreg.pickle(type(ABSENT), _send_absent)
