"""The typed report (domain/report.py) as JSON and back, value for value: what an issued report keeps
so that every layout renders it again through the same code as the live report (issue 24).

Each dataclass is an object naming its class ("$"), each typed value keeps its type (a Count stays a
Count, a Percent a Percent), dates are ISO, tuples are marked ("$t") and dicts keep their order as
pairs ("$d"). Only the classes of the model are read back: the text is data, never code.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from htxcli.domain import report as model
from htxcli.domain.areas import Area
from htxcli.domain.periods import Period
from htxcli.domain.plans import Attainment

CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Count,
        model.Money,
        model.Percent,
        model.Tenths,
        model.Change,
        model.Label,
        model.Organisations,
        model.Ratings,
        model.Support,
        model.SupportTotal,
        model.Economy,
        model.YearEconomy,
        model.Recipient,
        model.Totals,
        model.Series,
        model.YearReport,
        model.Report,
        Attainment,
        Period,
        Area,
    )
}


def dumps(report: model.Report) -> str:
    return json.dumps(_encode(report), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> model.Report:
    found = _decode(json.loads(text))
    assert isinstance(found, model.Report), type(found)
    return found


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):  # a float: a plan's average or share
        return value
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        assert CLASSES.get(name) is type(value), name
        return {"$": name, **{f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {"$d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    raise TypeError(f"not part of the report model: {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$d" in value:
        return {_decode(k): _decode(v) for k, v in value["$d"]}
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    cls = CLASSES[value["$"]]
    return cls(**{k: _decode(v) for k, v in value.items() if k != "$"})
