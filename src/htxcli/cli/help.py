"""The help of the command tree in the language htx speaks.

Click keeps each command's and option's help as the text it was given (a docstring, a help=). Those
texts are message ids: tools/catalog.py reads them from this same tree, and translate() replaces them
in place just before Click parses the command line, when the language is known. The tree is built
anew for every run of htx (typer.main.get_command), so nothing carries over from one run to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

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
