"""The help of the command tree in the language htx speaks.

Click keeps each command's and option's help as the text it was given (a docstring, a help=). Those
texts are message ids: tools/catalog.py reads them from this same tree, and translate() replaces them
in place just before Click parses the command line, when the language is known. The tree is built
anew for every run of htx (typer.main.get_command), so nothing carries over from one run to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import click

_COMMAND_TEXTS = ("help", "short_help", "epilog")


def _walk(command: click.Command, path: str) -> Iterator[tuple[object, str, str]]:
    """(holder, attribute, where) for every help text of `command` and the commands below it."""
    for name in _COMMAND_TEXTS:
        yield command, name, path
    for param in command.params:
        yield param, "help", f"{path} {param.name}"
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, f"{path} {name}")


def help_texts(command: click.Command) -> Iterator[tuple[str, str]]:
    for holder, name, where in _walk(command, "htx"):
        text = getattr(holder, name, None)
        if isinstance(text, str) and text.strip():
            yield text, f"{where.replace(' ', '/')}:0"


def translate(command: click.Command, gettext: Callable[[str], str]) -> None:
    for holder, name, _where in _walk(command, "htx"):
        text = getattr(holder, name, None)
        if isinstance(text, str) and text.strip():
            setattr(holder, name, gettext(text))
    _translate_placeholders(command, gettext, None)


# The placeholders of usage lines and option lists: Click makes each from a parameter's type (TEXT,
# INTEGER, PATH) or an argument's name (CODE, YEAR), and its usage from [OPTIONS] and COMMAND [ARGS]...
# Each word is a message (domain/messages.py PLACEHOLDERS); a parameter gets its placeholder in the
# language as its own metavar, which Click's and Typer's make_metavar then show as it is. An option
# that takes a code, a date, a file or an amount is named so, rather than by its type (TEXT).
_WORD = re.compile(r"[A-Z][A-Z_]*")
_OPTION_PLACEHOLDERS = {
    "code": "CODE",
    "new_code": "CODE",
    "to": "CODE",
    "founded": "DATE",
    "dissolved": "DATE",
    "date": "DATE",
    "on": "DATE",
    "start": "DATE",
    "until": "DATE",
    "output": "FILE",
    "rejects": "FILE",
    "amount": "AMOUNT",
    "capital": "AMOUNT",
}


def _translate_placeholders(
    command: click.Command, gettext: Callable[[str], str], parent: click.Context | None
) -> None:
    from htxcli.domain.messages import english

    words: dict[str, str] = english("PLACEHOLDERS")

    def said(text: str) -> str:
        return _WORD.sub(lambda m: gettext(words[m[0]]) if m[0] in words else m[0], text).replace(
            " RANGE", ""
        )

    ctx = click.Context(command, info_name=command.name, parent=parent)
    command.options_metavar = gettext(words["[OPTIONS]"])
    if isinstance(command, click.Group):
        command.subcommand_metavar = gettext(words["COMMAND [ARGS]..."])
    for param in command.params:
        if isinstance(param, click.Option) and (param.is_flag or param.count):
            continue
        named = _OPTION_PLACEHOLDERS.get(param.name or "") if isinstance(param, click.Option) else None
        if named is not None and param.metavar is None and getattr(param.type, "name", "") == "text":
            param.metavar = gettext(words[named])
            continue
        param.metavar = said(param.make_metavar(ctx))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _translate_placeholders(sub, gettext, ctx)


def whole_hyphenated_words() -> None:
    """Click wraps help at hyphens, printing a setting or a value a clerk types as "parent-" over
    "body": wrap between words only. Click's wrap_text takes its TextWrapper from click._textwrap when
    it is called, so a subclass put there is used for every help page."""
    from click import _textwrap

    if getattr(_textwrap.TextWrapper, "whole_hyphenated_words", False):
        return

    class WholeWords(_textwrap.TextWrapper):
        whole_hyphenated_words = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "break_on_hyphens": False})

    _textwrap.TextWrapper = WholeWords  # type: ignore[misc]
