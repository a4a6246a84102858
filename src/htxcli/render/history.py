"""History entries in words: one line saying what the change was, then what it changed field by field."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from htxcli.domain import messages

# Derived columns change with the fields they come from; showing them would only repeat those.
_HIDDEN = {"search_key", "name_key", "district_key", "sort_key", "created_by", "organisation_id"}
SHOWN_CHANGES = 5


def headline(entry: Mapping[str, Any]) -> str:
    s = entry["summary"]
    command = entry["command"]
    if command.startswith("import "):
        return messages.HISTORY_IMPORT.format(**s)
    if command == "undo":
        return messages.HISTORY_UNDO.format(id=s["reverted"], command=s["command"])
    values = {**s, "fields": ", ".join(s.get("fields", ())), "code": s.get("code") or messages.PROVINCE_WIDE}
    template = messages.HISTORY_HEADLINES.get(command)
    if template is None:  # an entry written by a newer htx
        return ", ".join(f"{k}={v}" for k, v in s.items())
    return template.format(**values)


def _values(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def differences(change: Mapping[str, Any]) -> str:
    """'members: 12 → 15; note: – → late' for an update; the record for an insert or delete."""
    old, new = _values(change["old"]), _values(change["new"])
    label = f"{change['table_name']} {change['code'] or '#' + str(change['record_id'])}"
    if change["action"] != "update":
        return f"{change['action']} {label}"
    parts = [
        f"{field}: {_shown(old.get(field))} → {_shown(new.get(field))}"
        for field in new
        if field not in _HIDDEN and old.get(field) != new.get(field)
    ]
    return f"{label}: " + "; ".join(parts)


def _shown(value: Any) -> str:
    return "–" if value is None else str(value)


def describe(entry: Mapping[str, Any]) -> list[str]:
    lines = [headline(entry)]
    updates = [c for c in entry["changes"] if c["action"] == "update"]
    lines.extend(differences(c) for c in updates[:SHOWN_CHANGES])
    if len(updates) > SHOWN_CHANGES:
        lines.append(messages.MORE_CHANGES.format(count=len(updates) - SHOWN_CHANGES))
    return lines


def as_json(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": entry["id"],
        "at": entry["at"].isoformat(sep=" "),
        "user": entry["user_name"],
        "command": entry["command"],
        "summary": entry["summary"],
        "undoes": entry["undoes"],
        "undone_by": entry.get("undone_by"),
        "changes": [
            {
                "table": c["table_name"],
                "id": c["record_id"],
                "code": c["code"],
                "action": c["action"],
                "old": json.loads(c["old"]) if c["old"] else None,
                "new": json.loads(c["new"]) if c["new"] else None,
            }
            for c in entry["changes"]
        ],
    }
