"""Every command's --help: its examples are shown one per line, whole, as a clerk copies them.

Click rewraps a help paragraph to the terminal's width unless the paragraph is preceded by a line holding
only \\b: without it, several examples run together on one line, or one is cut across two.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer

from htxcli.cli.app import app
from tests.conftest import CliRunner

ROOT = typer.main.get_command(app)


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    # Typer brings its own copy of Click: a group is whatever has subcommands.
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(ROOT))


def examples(help_text: str) -> list[str] | None:
    """The lines of the help's Example(s) paragraph, one example each if it is well made; None if it
    has none. 'Example: htx …' holds one on its own line; 'Examples:' is followed by one per line."""
    lines = help_text.splitlines()
    for i, line in enumerate(lines):
        head, colon, rest = line.strip().partition(":")
        if colon and head in ("Example", "Examples"):
            found = [rest.strip()] if rest.strip() else []
            for following in lines[i + 1 :]:
                if not following.strip():
                    break
                found.append(following.strip())
            return found
    return None


def test_every_command_is_walked() -> None:
    assert {("show",), ("undo",), ("support", "list"), ("db", "copy"), ("import",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "htx")
def test_help_shows_each_example_on_its_own_line(path: tuple[str, ...]) -> None:
    r = CliRunner().invoke(app, [*path, "--help"], terminal_width=80)
    assert r.exit_code == 0, r.output
    shown = examples(r.stdout)
    if hasattr(COMMANDS[path], "commands") and path:
        assert shown is None or shown  # a group of commands may leave its examples to them
        return
    assert shown, f"htx {' '.join(path)} --help has no example"
    for line in shown:
        # One example, whole: it starts the line, and no second command follows it (a pipe aside).
        assert line.startswith("htx "), f"not an example on its own line: {line!r}"
        assert line.count("htx ") == 1 + line.count("| htx "), f"several examples on one line: {line!r}"
        assert "·" not in line, line
    written = examples(COMMANDS[path].help or "")
    assert written is not None and [w.strip() for w in written] == shown  # none cut, none joined


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "htx")
def test_every_argument_given_help_shows_it(path: tuple[str, ...]) -> None:
    """Each argument's help text appears under --help (Click 8.5 overwrote the text typer 0.25 gives an
    argument, and every argument's help vanished while the options' stayed)."""
    arguments = [p for p in COMMANDS[path].params if p.param_type_name == "argument" and p.help]
    if not arguments:
        return
    r = CliRunner().invoke(app, [*path, "--help"], terminal_width=400)
    assert r.exit_code == 0, r.output
    flat = " ".join(r.stdout.split())
    for argument in arguments:
        assert " ".join(argument.help.split()) in flat, argument.name


def test_the_arguments_keep_the_help_htx_gives_them() -> None:
    with_help = [
        (path, p.name)
        for path, command in COMMANDS.items()
        for p in command.params
        if p.param_type_name == "argument" and p.help
    ]
    assert ((("report",), "years")) in with_help and len(with_help) >= 12, with_help
