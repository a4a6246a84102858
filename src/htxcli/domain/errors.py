"""Errors the CLI turns into one line on stderr and exit 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class HtxError(Exception):
    """Any failure a user can fix; its message is shown as-is after 'Error: '."""


class InvalidValue(HtxError):
    """A value given for a named field was rejected."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field}: {value!r} {problem}")


class MissingValue(HtxError):
    def __init__(self, field: str) -> None:
        from htxcli.domain import messages

        self.field = field
        super().__init__(f"{field}: {messages.REQUIRED}")


class InvalidValues(HtxError):
    """Several fields of one record rejected at once (every bad cell of an import's row, not only the
    first): each error kept, the message theirs joined by "; "."""

    def __init__(self, errors: list[HtxError]) -> None:
        self.errors = errors
        super().__init__("; ".join(map(str, errors)))


class Problems:
    """Collects the errors of a record's fields, so that all are said at once: `take` runs a parser
    and keeps its error (giving None), `check` raises what was kept."""

    def __init__(self) -> None:
        self.errors: list[HtxError] = []

    def take(self, parse: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return parse(*args, **kwargs)
        except HtxError as e:
            self.errors.append(e)
            return None

    def check(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InvalidValues(self.errors)


class NotFound(HtxError):
    pass


class Conflict(HtxError):
    pass


def reason_of(e: BaseException) -> str:
    """Why an operating-system call, a decoding or the CSV reader failed, in the clerk's language for
    the reasons met most (messages.OS_REASONS…); the library's own words otherwise."""
    import errno

    from htxcli.domain import messages

    if isinstance(e, OSError):
        name = errno.errorcode.get(e.errno or 0, "")
        return str(messages.OS_REASONS.get(name) or e.strerror or e)
    if isinstance(e, UnicodeDecodeError):
        return str(messages.DECODING_REASONS.get(e.reason) or e.reason)
    text = str(e)
    return str(messages.CSV_REASONS.get(text) or text)
