"""History entries in words: one line saying what the change was, then what it changed field by field."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from htxcli.domain import messages
from htxcli.domain.headers import MONEY_COLUMNS, NUMBER_COLUMNS
from htxcli.domain.i18n import current
from htxcli.domain.reform import NEW_SCHEME
from htxcli.domain.settings import spoken_key
from htxcli.domain.values import format_date
from htxcli.domain.vocab import GRADES, KINDS, LEGAL_STATUSES, PROGRAMS, SECTORS

# Derived columns change with the fields they come from; showing them would only repeat those.
_HIDDEN = {"search_key", "name_key", "district_key", "sort_key", "created_by", "organisation_id"}
SHOWN_CHANGES = 5
_COUNTED = NUMBER_COLUMNS - MONEY_COLUMNS - {"year", "score"}  # 1.200 members; not the year 2.026


def spoken_command(command: str) -> str:
    """A history entry's command in the clerk's words (`xếp loại` for rate); English keeps it as typed."""
    if current() == "en":
        return command
    return str(messages.COMMAND_WORDS.get(command, command))


def headline(entry: Mapping[str, Any]) -> str:
    s = entry["summary"]
    command = entry["command"]
    if command.startswith("import "):
        return messages.HISTORY_IMPORT.format(**s)
    if command == "undo":
        return messages.HISTORY_UNDO.format(id=s["reverted"], command=spoken_command(s["command"]))
    fields = s.get("fields", ())
    if current() != "en":  # the fields in words: Vốn điều lệ, not capital_vnd
        fields = [messages.HEADERS.get(f, f) for f in fields]
    values = {**s, "fields": ", ".join(fields), "code": s.get("code") or messages.PROVINCE_WIDE}
    for field in ("grade", "program", "date", "dissolved", "status", "until"):
        if isinstance(values.get(field), str):  # the clerk's word: khá, not fair; 16/11/2018
            values[field] = _shown(field, values[field])
    if command == "settings":
        values["key"] = spoken_key(str(s.get("key", "")))
        values["value"] = s.get("value") or messages.SETTING_DEFAULT_NONE
    if command.startswith("plan "):
        from htxcli.domain.plans import format_target
        from htxcli.domain.vocab import INDICATORS

        values["indicator"] = INDICATORS.spoken(str(s.get("indicator", "")))
        values["area"] = f" ({s['area']})" if s.get("area") else ""
        for name in ("target", "estimate"):
            if isinstance(s.get(name), int):  # in its unit: 70%, 2.000.000.000 ₫
                values[name] = format_target(str(s.get("indicator", "")), s[name])
    template = messages.HISTORY_HEADLINES.get(command)
    if command in _RECORDING and s.get("status") not in (None, *_PLAIN_ENDINGS):
        # A status entry (revision 0005) names the status recorded: a bankruptcy is no dissolution.
        template = messages.HISTORY_HEADLINES["status"]
        if s.get("until"):
            template = messages.HISTORY_STATUS_UNTIL
    if template is None:  # an entry written by a newer htx
        return ", ".join(f"{k}={v}" for k, v in s.items())
    return template.format(**values)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _values(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def differences(change: Mapping[str, Any]) -> str:
    """'members: 12 → 15; note: – → late' for an update; the record for an insert or delete."""
    old, new = _values(change["old"]), _values(change["new"])
    table = messages.TABLE_NAMES.get(change["table_name"], change["table_name"])
    label = f"{table} {change['code'] or '#' + str(change['record_id'])}"
    if change["action"] != "update":
        return f"{change['action']} {label}"
    headers: Mapping[str, str] = {}  # English keeps the stored names
    if current() != "en":  # a plan's target and estimate by the plan list's names
        headers = (
            {**messages.HEADERS, **messages.PLAN_HEADERS}
            if change["table_name"] == "plan"
            else messages.HEADERS
        )
    indicator = str(new.get("indicator") or old.get("indicator") or "")

    def shown(field: str, value: Any) -> str:
        if field in ("target", "estimate") and indicator and isinstance(value, int) and current() != "en":
            from htxcli.domain.plans import format_target

            return format_target(indicator, value)  # in its unit: 70%, 2.000.000.000 ₫
        return _shown(field, value)

    parts = [
        f"{headers.get(field, field)}: {shown(field, old.get(field))} → {shown(field, new.get(field))}"
        for field in new
        if field not in _HIDDEN and old.get(field) != new.get(field)
    ]
    return f"{label}: " + "; ".join(parts)


def shown_value(field: str, value: Any) -> str:
    """A value, stored or just recorded (a date, an amount), as the clerk reads it."""
    if isinstance(value, date):
        value = value.isoformat()
    return _shown(field, value)


def _shown(field: str, value: Any) -> str:
    """A stored value as the clerk reads it: khá for fair, 16/11/2018 for 2018-11-16 (in Vietnamese)."""
    if value is None:
        return "–"
    if current() != "en":
        vocabularies = {
            "grade": GRADES,
            "program": PROGRAMS,
            "kind": KINDS,
            "sector": SECTORS,
            "status": LEGAL_STATUSES,
        }
        vocabulary = vocabularies.get(field)
        if vocabulary is not None and value in vocabulary.labels:
            return vocabulary.spoken(value)
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return format_date(date.fromisoformat(value))
        if field == "scheme":  # the period an address belongs to, as places search names it
            return messages.SCHEME_NEW if value == NEW_SCHEME else messages.SCHEME_LEGACY
        if isinstance(value, bool):  # a yearly figure's flag (high_tech): có, không
            return messages.FLAG_YES if value else messages.FLAG_NO
        if field in MONEY_COLUMNS and isinstance(value, int):
            from htxcli.domain.values import format_money

            return format_money(value)  # 1.500.000.000 đồng, not 1500000000
        if field in _COUNTED and isinstance(value, int):
            from htxcli.domain.values import format_count

            return format_count(value)
    return str(value)


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


# --- after an undo -----------------------------------------------------------------------------

_SINGLE = {"add", "edit", "dissolve", "reinstate", "rate", "support add"}
# The commands that record or remove a status entry (revision 0005): one change to the status history,
# and for a dissolution one to the organisation's row.
_STATUS_COMMANDS = {"status", "suspend", "resume", "revoke", "dissolve", "reinstate"}
_RECORDING = _STATUS_COMMANDS - {"reinstate"}
# The entries that read as they did before revision 0005: a dissolution, recorded or reinstated.
_PLAIN_ENDINGS = ("dissolved",)


def undone(result: Mapping[str, Any]) -> str:
    """'Undid #24 (rate 4700257731 2018): the rating khá was restored': what was reverted, and what
    that did, in words rather than row counts."""
    what = " ".join(part for part in (spoken_command(result["command"]), _subject(result)) if part)
    return messages.UNDONE.format(id=result["id"], what=what, effect=_effect(result))


def _subject(entry: Mapping[str, Any]) -> str:
    s, command = entry["summary"], entry["command"]
    if command.startswith("import "):
        return str(s.get("file") or "")
    if command in ("rate", "figures"):
        return f"{s.get('code', '')} {s.get('year', '')}".strip()
    if command == "support add":
        return " ".join(_shown(k, s[k]) for k in ("program", "date", "code") if s.get(k))
    if command == "report issue":
        return str(s.get("number") or "")
    return str(s.get("code") or "")


def _effect(result: Mapping[str, Any]) -> str:
    s, command, changes = result["summary"], result["command"], result["changes"]
    # Entries written before revision 0005 name no status, and read as they always did.
    if command in ("dissolve", "reinstate") and s.get("status") in _PLAIN_ENDINGS:
        return messages.UNDONE_EFFECTS[command].format(**s)  # as before revision 0005
    if command in _STATUS_COMMANDS and s.get("status"):
        template = (
            messages.UNDONE_STATUS_RESTORED if command == "reinstate" else messages.UNDONE_STATUS_REMOVED
        )
        return template.format(
            code=s.get("code", ""), status=_shown("status", s["status"]), date=_shown("date", s.get("date"))
        )
    if command == "figures" and len(changes) == 1:
        which = "figures new" if changes[0]["action"] == "insert" else "figures"
        return messages.UNDONE_EFFECTS[which].format(code=s.get("code", ""), year=s.get("year", ""))
    if command == "settings":
        return messages.UNDONE_SETTING.format(key=spoken_key(str(s.get("key", ""))))
    if command == "report issue":
        return messages.UNDONE_ISSUED.format(number=s.get("number", ""))
    if command.startswith("plan "):
        from htxcli.domain.vocab import INDICATORS

        plan = f"{s.get('year', '')} {INDICATORS.spoken(str(s.get('indicator', '')))}"
        return messages.UNDONE_PLAN.format(plan=f"{plan} ({s['area']})" if s.get("area") else plan)
    if command in _SINGLE and len(changes) == 1:
        change = changes[0]
        old = _values(change["old"])
        effects = messages.UNDONE_EFFECTS
        if command == "edit":
            fields = s.get("fields") or [f for f in _values(change["new"]) if f not in _HIDDEN]
            values = ", ".join(f"{_label(f)} {_value(f, old.get(f))}" for f in fields)
            return effects["edit"].format(code=old.get("code", s.get("code")), values=values)
        if command == "rate":
            if change["action"] == "insert":
                return effects["rate new"]
            grade = _value("grade", old.get("grade"))
            if old.get("score") is not None:
                grade = messages.UNDONE_SCORE.format(grade=grade, score=old["score"])
            return effects["rate"].format(grade=grade)
        if command == "support add":
            return effects["support add"].format(id=change["record_id"])
        return effects[command].format(**{**s, **old})
    return _counted(result)


def _counted(result: Mapping[str, Any]) -> str:
    """What an import's undo did: the rows it removed, the rows it put back, by table."""
    restored: dict[str, int] = {}
    for change in result["changes"]:
        if change["action"] == "update":
            restored[change["table_name"]] = restored.get(change["table_name"], 0) + 1
    parts = []
    if any(result["deleted"].values()):
        parts.append(messages.UNDONE_REMOVED.format(rows=_rows(result["deleted"])))
    if restored:
        parts.append(messages.UNDONE_RESTORED.format(rows=_rows(restored)))
    return messages.UNDONE_AND.join(parts) or messages.UNDONE_NOTHING


def _rows(counts: Mapping[str, int]) -> str:
    from htxcli.domain.values import format_count

    return ", ".join(
        messages.ROWS[table][0 if n == 1 else 1].format(count=format_count(n))
        for table, n in counts.items()
        if n
    )


def _label(field: str) -> str:
    return messages.HEADERS.get(field, field).lower()


def _value(field: str, value: Any) -> str:
    """A stored value as the clerk reads it: money in đồng, grades and kinds by their labels."""
    from htxcli.domain.values import format_count, format_money
    from htxcli.domain.vocab import GRADES, KINDS, PROGRAMS, SECTORS

    if value is None or value == "":
        return messages.UNDONE_NO_VALUE
    vocabularies = {"grade": GRADES, "kind": KINDS, "sector": SECTORS, "program": PROGRAMS}
    if field in vocabularies:
        return vocabularies[field].label(value).lower()
    if field in ("capital_vnd", "amount_vnd"):
        return format_money(value)
    if field in ("members", "quantity"):
        return format_count(value)
    return str(value)
