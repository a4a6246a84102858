"""Asking at a terminal: one question at a time, and a bad answer asked again at once, its problem shown.

Answers are checked by the same domain parsers as the options they stand for, so an answer accepted
here is exactly what the option accepts; the command then uses the answer's text as if it had been typed
as the option.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TypeVar

from htxcli.cli.common import say
from htxcli.domain import messages
from htxcli.domain.errors import HtxError, InvalidValue, MissingValue

T = TypeVar("T")

# What `htx add` asks, in this order, when it asks: the main fields of an organisation. The founding
# date comes before the address, which it decides: before 01/07/2025 a district and a commune, from
# then on a province (the registry's by default) and a commune, districts being gone.
ADD_FIELDS = (
    "name", "code", "kind", "founded", "district", "province", "commune", "sector", "members", "capital_vnd"
)  # fmt: skip
REQUIRED = ("name", "code", "founded")


def at_terminal() -> bool:
    """Someone to ask: questions go to stderr and answers come from stdin, so both must be a terminal."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def ask(label: str) -> str:
    """One line typed at the terminal. Ctrl-D raises EOFError and Ctrl-C KeyboardInterrupt: the caller
    knows what they end. Read with readline rather than input(), which writes its prompt to stdout."""
    sys.stderr.write(f"{label}: ")
    sys.stderr.flush()
    _until_typed()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def _until_typed() -> None:
    """Wait for a line (or the end of input) in a way that Ctrl-C always interrupts.

    Python runs a signal's handler between two steps of Python code; a Ctrl-C that lands after the
    last such step and before read() begins leaves read() waiting for a line with the interruption
    pending, and the clerk's Ctrl-C seems ignored (seen in CI: "^C" shown, htx still waiting). The
    signal's wakeup fd makes select() return however early the Ctrl-C came, and the handler then
    raises KeyboardInterrupt here. POSIX only (select on a terminal), from the main thread only."""
    import os

    if os.name != "posix":
        return
    import select
    import signal

    wake, woken = os.pipe()
    os.set_blocking(woken, False)
    try:
        previous = signal.set_wakeup_fd(woken, warn_on_full_buffer=False)
    except ValueError:  # not the main thread: no wakeup fd to be had
        os.close(wake)
        os.close(woken)
        return
    try:
        select.select([sys.stdin, wake], [], [])
    finally:
        signal.set_wakeup_fd(previous)
        os.close(wake)
        os.close(woken)


def typed_until_end() -> bytes:
    """What is typed or pasted at the terminal, up to Ctrl-D on a line of its own (a Ctrl-D after some
    characters ends only the read under way, as a terminal does). Read chunk by chunk from the file
    descriptor after _until_typed, so that a Ctrl-C always interrupts: a buffered read() waiting for
    the next chunk kept a Ctrl-C that landed just before it pending (seen in CI: "^C" shown, htx still
    reading). Elsewhere than POSIX, the buffered read."""
    import os

    if os.name != "posix":
        return sys.stdin.buffer.read()
    descriptor = sys.stdin.fileno()
    chunks: list[bytes] = []
    while True:
        _until_typed()
        chunk = os.read(descriptor, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def ask_until(label: str, accept: Callable[[str], T], field: str | None = None) -> T:
    """Ask until `accept` takes the answer; each refusal is shown in one line and asked again."""
    while True:
        answer = ask(label)
        try:
            return accept(answer)
        except HtxError as e:
            say(messages.PROMPT_PROBLEM.format(problem=problem(e, field)))


_YES = frozenset({"y", "yes", "c", "co"})  # folded: "có" and "Có" are "co"
_NO = frozenset({"n", "no", "k", "khong"})


def confirm(question: str) -> bool:
    """A yes-or-no question, "no" unless answered: y/yes or có/c, n/no or không/k, any case and
    with or without accents (Click's confirm knows only y and n)."""
    from htxcli.domain.text import fold

    def yes_or_no(answer: str) -> bool:
        word = fold(answer).strip()
        if not word or word in _NO:
            return False
        if word in _YES:
            return True
        raise HtxError(messages.PROMPT_YES_NO)

    return ask_until(f"{question} {messages.YES_NO_CHOICES}", yes_or_no)


def problem(e: HtxError, field: str | None) -> str:
    """The problem, without the field's name when it is the field just asked (the clerk typed no option,
    and internal names such as capital_vnd mean nothing to them)."""
    if isinstance(e, MissingValue) and e.field == field:
        return messages.PROMPT_REQUIRED
    if isinstance(e, InvalidValue) and e.field == field:
        blank = isinstance(e.value, str) and not e.value.strip()
        return messages.PROMPT_REQUIRED if blank else f"{e.value!r} {e.problem}"
    return str(e)


def complete_organisation(
    given: Mapping[str, str | None],
    check_code: Callable[[str], None],
    province: Callable[[], str | None] = lambda: None,
) -> dict[str, str | None]:
    """`add`'s fields: those given as options, then an answer for each main field not given. Each answer
    is checked with what came before (a founding date after a given dissolution date is asked again);
    `check_code` refuses a code already registered, before the rest is asked. For an organisation
    founded from 01/07/2025 the address is a province (`province()`, the registry's, when Enter is
    pressed) and a commune; before, a district and a commune."""
    from htxcli.domain.records import parse_organisation
    from htxcli.domain.vocab import KINDS, SECTORS

    raw = dict(given)
    parse_organisation(raw, partial=True)  # a bad option fails now, not after every question
    if raw.get("code"):
        check_code(raw["code"] or "")
    # In the clerk's words (hợp tác xã, nông nghiệp…; the keys in English), as --help lists them.
    choices = {
        "kind": ", ".join(map(KINDS.spoken, KINDS.keys)),
        "sector": ", ".join(map(SECTORS.spoken, SECTORS.keys)),
    }
    for field in ADD_FIELDS:
        given_empty = field in REQUIRED and not (raw.get(field) or "").strip()
        if field in raw and not given_empty:
            continue
        if field in ("district", "province") and (field == "district") == _reformed(raw):
            continue  # a district before the reform, a province from it on
        if field == "province":
            default = province()
            label = messages.ADD_PROMPT_PROVINCE.format(default=default) if default else None
            answer = ask_until(label or messages.ADD_PROMPTS["province"], lambda text: text, field)
            if answer.strip() or default:
                raw["province"] = answer if answer.strip() else default
            continue

        def accept(text: str, field: str = field) -> str:
            parse_organisation({**raw, field: text}, partial=True)
            if field == "code":
                check_code(text)
            return text

        label = messages.ADD_PROMPTS[field].format(
            choices=choices.get(field, ""), default=KINDS.spoken("cooperative")
        )
        answer = ask_until(label, accept, field)
        if answer.strip():
            raw[field] = answer
    return raw


def _reformed(raw: Mapping[str, str | None]) -> bool:
    """Whether the organisation was founded from 01/07/2025, when districts were gone."""
    from htxcli.domain.reform import REFORM_DAY
    from htxcli.domain.values import parse_date

    try:
        return bool(raw.get("founded")) and parse_date("founded", raw["founded"] or "") >= REFORM_DAY
    except HtxError:
        return False
