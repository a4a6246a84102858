"""CSV and JSON for scripts: standard library only, plain integers and ISO dates, no BOM."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import IO, Any

from htxcli.domain.cells import protect_cell


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return protect_cell(value)
    return str(_plain(value))


def write_csv(
    out: IO[str],
    fields: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    excel: bool = False,
    header: Sequence[str] | None = None,
) -> int:
    """The rows' `fields` under a header row (the fields themselves unless `header` names them)."""
    if excel:
        out.write("\ufeff")
    # The csv module quotes a cell only for the characters of its own line terminator, so with "\n" a
    # cell holding a lone "\r" went out unquoted and could not be read back. Write "\r\n" rows (which
    # quotes both) and turn each row's ending into "\n" on the way out.
    writer = csv.writer(out if excel else _LineFeedRows(out), lineterminator="\r\n")
    writer.writerow(fields if header is None else header)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(f)) for f in fields])
        count += 1
    return count


class _LineFeedRows:
    """A file for csv.writer, which writes each row with one write() call ending in its terminator."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, row: str) -> int:
        return self.out.write(row[:-2] + "\n" if row.endswith("\r\n") else row)


def write_json(out: IO[str], data: Any) -> None:
    # dumps, then one write: json.dump writes every token separately (190,000 writes for one report).
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=_plain))
    out.write("\n")


def write_json_lines_array(out: IO[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """A JSON array written row by row, so that a large listing never sits in memory."""
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(row, ensure_ascii=False, default=_plain))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
