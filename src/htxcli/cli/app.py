"""The `htx` command: global options, error handling, and the command groups."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from htxcli import __version__
from htxcli.cli import (
    db,
    figures,
    history,
    interchange,
    places,
    plans,
    ratings,
    registry,
    report,
    status,
    support,
)
from htxcli.cli.common import TYPED_WORDS, State, as_typed, command_name
from htxcli.domain import messages
from htxcli.domain.errors import HtxError


class HtxGroup(TyperGroup):
    """Turns every failure a user can fix into one line on stderr and exit 1, never a traceback. Each
    group of commands (htx, htx support, htx db) is one, so that the innermost names the command that
    failed, and a field in the line is named as that command's option."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Before Click reads the command line (and may print help or a usage error), choose the
        language and put the tree's help in it."""
        from htxcli.cli.help import translate, whole_hyphenated_words
        from htxcli.domain import i18n

        whole_hyphenated_words()

        argv = list(sys.argv[1:] if args is None else args)
        chosen = _language_option(argv)
        # An unknown --lang value is Click's to refuse, in the language the environment names. The
        # language holds for this command, and the process speaks as before once it ends.
        typed = TYPED_WORDS.set(tuple(argv))  # a message names an option as typed
        try:
            with i18n.speaking(chosen if chosen in i18n.LANGUAGES else i18n.language_from_environment()):
                if i18n.current() != "en":
                    translate(self, i18n.gettext)
                return super().main(argv, *rest, **options)
        finally:
            TYPED_WORDS.reset(typed)

    def invoke(self, ctx: Any) -> Any:
        try:
            return self._invoke(ctx)
        except BaseException as e:
            if _failed(e) and isinstance(ctx.obj, State):
                ctx.obj.discard_new_registry()  # so the next try is announced as the new registry it is
            raise
        finally:
            if ctx.parent is None and isinstance(ctx.obj, State):
                ctx.obj.close()  # the command is over: its connection to the database too

    def _invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            if isinstance(ctx.obj, State):
                # Said once: a group within a group (htx db upgrade) ends here before its parent does.
                notes, ctx.obj.notes = ctx.obj.notes, []
                for note in notes:
                    print(note, file=sys.stderr)
            return result
        except HtxError as e:
            _fail(str(self._as_typed(ctx, e)))
        except BrokenPipeError:
            _pipe_closed()
        except Exception as e:
            if _is_database_error(e):
                detail = _first_line(getattr(e, "orig", None) or e)
                hint = next((h for known, h in messages.DB_HINTS.items() if known in detail), None)
                _fail(messages.DB_FAILED.format(detail=detail) + (f"; {hint}" if hint else ""))
            raise

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Click suggests the names a mistyped command may have meant, through gettext; Typer adds its
        # own suggestion again, in English only.
        return click.Group.resolve_command(self, ctx, args)

    def _as_typed(self, ctx: Any, e: HtxError) -> HtxError:
        name = ctx.invoked_subcommand
        command = self.get_command(ctx, name) if name else None
        if command is None or isinstance(command, TyperGroup):
            return e
        return as_typed(e, command, " ".join(filter(None, (command_name(ctx), name))))


def _failed(e: BaseException) -> bool:
    """Whether the command ended in failure: an error, Ctrl-C, or an exit code other than 0."""
    if isinstance(e, click.exceptions.Exit):
        return e.exit_code != 0
    if isinstance(e, SystemExit):
        return e.code not in (None, 0)
    return True


def _is_database_error(e: BaseException) -> bool:
    import sqlite3

    return isinstance(e, sqlite3.Error) or type(e).__module__.startswith("sqlalchemy")


def _first_line(e: object) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def _fail(message: str) -> None:
    from htxcli.domain.i18n import gettext
    from htxcli.domain.text import printable

    # Click's own message id, so that its usage errors and htx's read alike in every language.
    line = gettext("Error: {message}").format(message=" ".join(message.split()))
    print(printable(line), file=sys.stderr)
    raise typer.Exit(1)


_ROOT_OPTIONS_WITH_VALUES = ("--db",)


def _language_option(argv: list[str]) -> str | None:
    """--lang's value, read ahead of Click: among the options before the command's name."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            return next(words, None)
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word in _ROOT_OPTIONS_WITH_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return None  # the command's name: what follows is its own
    return None


app = typer.Typer(
    cls=HtxGroup,
    name="htx",
    help=(
        "A registry of cooperatives (HTX), cooperative groups (THT), unions and people's credit funds: "
        "register them, record ratings and support, and report the province's totals.\n\n"
        "\b\nExample: htx add 'HTX Nông nghiệp Tân Thành' --code 4700123456 --founded 15/03/2012"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain help and one-line usage errors: Rich's help renderer costs ~0.14 s of imports on every --help.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Language(StrEnum):
    vi = "vi"
    en = "en"


def _version(value: bool) -> None:
    if value:
        print(f"htx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db_option: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="HTX_DB",
            metavar="PATH_OR_URL",
            help="SQLite file, or a SQLAlchemy URL such as postgresql+psycopg://user@host/htx. "
            "Default: htx.db in your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="The language htx speaks: vi (Vietnamese) or en (English). Default: $HTX_LANG, else the "
            "locale's language, else Vietnamese. CSV, JSON and exports are the same in both.",
            show_default=False,
        ),
    ] = None,
) -> None:
    # --lang took effect before Click read the command line (HtxGroup.main); it is declared here so
    # that Click accepts it and lists it.
    ctx.obj = State(db_option)


registry.register(app)
ratings.register(app)
figures.register(app)
interchange.register(app)
report.register(app)
history.register(app)
status.register(app)
app.add_typer(support.app, name="support", cls=HtxGroup)
app.add_typer(db.app, name="db", cls=HtxGroup)
app.add_typer(places.app, name="places", cls=HtxGroup)
app.add_typer(plans.app, name="plan", cls=HtxGroup)


def _unicode_streams() -> None:
    """Machine output is UTF-8 whatever the locale: a file or pipe gets UTF-8 (on Windows, redirected
    output took the ANSI code page, and the first Vietnamese letter ended the export in a traceback).
    A terminal that cannot show a character gets a replacement, never a crash."""
    import codecs
    import io

    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or codecs.lookup(stream.encoding).name == "utf-8":
            continue
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")


def main() -> None:
    _unicode_streams()
    try:
        app()
    except SystemExit as e:
        _flush_quietly()
        raise e
    _flush_quietly()


def _flush_quietly() -> None:
    """`htx list --format csv | head -1` closes the pipe early; exit without broken-pipe noise."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()


PIPE_CLOSED_EXIT = 0


def _pipe_closed() -> None:
    """The reader of stdout went away (`| head`): it has what it wanted, so htx ends quietly with exit
    0, not 1 (bad input) — a script under `set -o pipefail` does not fail for it. Stdout is pointed at
    the null device so that Python's own flush at exit finds nothing to complain about. A write
    command's transaction has committed or rolled back by then, as with any other exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.exit(PIPE_CLOSED_EXIT)
