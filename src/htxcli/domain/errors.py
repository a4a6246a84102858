"""Errors the CLI turns into one line on stderr and exit 1."""

from __future__ import annotations


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


class NotFound(HtxError):
    pass


class Conflict(HtxError):
    pass
