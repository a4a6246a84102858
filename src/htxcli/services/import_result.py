"""What an import reports (ImportResult), the rows it reads (Row) and its history entry (ImportEntry),
shared by the loaders (the loaders package) and the import service (interchange.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from htxcli.services.history import current_user

if TYPE_CHECKING:
    from htxcli.store.uow import UnitOfWork

MAX_SHOWN_ERRORS = 50


@dataclass
class Row:
    line: int
    cells: list[str]
    values: dict[str, Any]


@dataclass
class ImportResult:
    table: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # the first MAX_SHOWN_ERRORS, as FILE:LINE: message
    error_count: int = 0
    rejected: int = 0
    warnings: list[str] = field(default_factory=list)  # the first MAX_SHOWN_ERRORS, as FILE:LINE: warning
    warning_count: int = 0
    warned_lines: set[int] = field(default_factory=set)  # the rows warned of
    unplaced_warnings: int = 0
    notes: list[str] = field(default_factory=list)  # rows left out by design (a totals row), said as they are
    # Districts stored in the registry's spelling: (as given, as stored) -> rows.
    respelled: Mapping[tuple[str, str], int] = field(default_factory=dict)
    entry: int | None = None  # the history entry written, which htx undo reverts

    def add_error(self, text: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_SHOWN_ERRORS:
            self.errors.append(text)

    def add_warning(self, text: str, line: int | None = None) -> None:
        """A warning, about the row at `line` of the file when it is one's (a row with two warnings
        is one row with warnings)."""
        self.warning_count += 1
        if line is None:
            self.unplaced_warnings += 1
        else:
            self.warned_lines.add(line)
        if len(self.warnings) < MAX_SHOWN_ERRORS:
            self.warnings.append(text)

    @property
    def warned_rows(self) -> int:
        return len(self.warned_lines) + self.unplaced_warnings

    def summary(self, file: str) -> dict[str, Any]:
        """What the import's history entry says."""
        counts = {"new": self.new, "changed": self.changed, "unchanged": self.unchanged}
        return {"file": file, **counts, "rejected": self.rejected}


class ImportEntry:
    """The import's history entry, made on its first write: an import that changes nothing leaves
    no entry, so `htx undo` after it reverts the change before."""

    def __init__(self, uow: UnitOfWork, table: str, name: str, place: Callable[[int], str] = str) -> None:
        self.history = uow.history
        self.command = f"import {table}"
        self.file = name
        self.place = place  # where a row of the file is, after its name: `12`, or `Sheet1!12` in a workbook
        self.id: int | None = None

    def __call__(self) -> int:
        if self.id is None:
            self.id = self.history.begin(current_user(), self.command, {"file": self.file})
        return self.id
