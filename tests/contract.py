"""The JSON contract (docs/report.schema.json): every `report`, `show` and `status` JSON the suite
produces through conftest's runners is validated against it, so an output that gains a key the schema
does not describe fails whichever test produced it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "report.schema.json"
DOCUMENTS = {"report": "report", "show": "show", "status": "status"}


@cache
def validator(part: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if part != "report":
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{part}"}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def command_of(args: Sequence[str]) -> str | None:
    """`report`, `show` or `status` when `args` ask it for JSON on stdout; else None."""
    words = list(args)
    while words and words[0].startswith("-"):  # --db X, --lang en before the command
        words = words[2:] if words[0] in ("--db", "--lang") else words[1:]
    if not words or words[0] not in DOCUMENTS:
        return None
    rest = words[1:]
    if any(w in ("-o", "--output") or w.startswith("--output=") for w in rest):
        return None
    for i, w in enumerate(rest):
        if w in ("--format", "-f") and i + 1 < len(rest) and rest[i + 1] == "json":
            return words[0]
        if w == "--format=json":
            return words[0]
    return None


def check(args: Sequence[str], exit_code: int, stdout: str) -> None:
    """Validate the JSON a command printed, when it is one of the contract's documents."""
    part = command_of(args)
    if part is None or exit_code != 0 or not stdout.strip():
        return
    if part == "status" and len([w for w in args if not w.startswith("-")]) < 2:
        return  # `htx status` without a code is not a document of the contract
    errors = sorted(validator(part).iter_errors(json.loads(stdout)), key=lambda e: list(e.path))
    assert not errors, f"{part} JSON does not match docs/report.schema.json: " + "; ".join(
        f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message[:200]}" for e in errors[:5]
    )
