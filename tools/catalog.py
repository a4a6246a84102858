"""The translation catalogs: what htx says, extracted from the code, and its Vietnamese, compiled.

    python tools/catalog.py update    # the template (src/htxcli/locale/htx.pot), then vi.po merged with it
    python tools/catalog.py compile   # vi.po -> vi/LC_MESSAGES/htx.mo, the file htx reads at run time
    python tools/catalog.py check     # exit 1: a message without its Vietnamese, or a placeholder lost

The template holds three kinds of message:
- htx's own, marked in the code with N_("…") (domain/messages.py) or _("…"), found by Babel;
- the help of every command, option and argument, read from the command tree itself, so that the
  message ids are exactly the text Click shows (docstrings cleaned as Typer cleans them);
- Click's and Typer's own words ("Usage:", "Show this message and exit."), found by Babel in their
  source: htx makes its catalog the process's gettext domain, which is where Click looks them up.

Babel is a development tool (the `dev` extra); htx itself reads the .mo with the standard library.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "htxcli" / "locale"
TEMPLATE = LOCALE / "htx.pot"
LANGUAGES = ("vi",)
# Click's and Typer's modules whose words a user of htx can see.
FOREIGN = {"click": ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui", "utils")}
FOREIGN_TYPER = ("core",)
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)s|%s|%d")


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "htx.po"


def mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "htx.mo"


MessageId = str | tuple[str, str]  # a plural message is (singular, plural), as ngettext takes it


def _babel_messages(folder: Path, files: tuple[str, ...] | None = None) -> Iterator[tuple[MessageId, str]]:
    """(message id, where) for every marked message below `folder` (only `files` if given)."""
    method_map = [(f"{name}.py", "python") for name in files] if files else [("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
        folder, method_map=method_map, keywords=KEYWORDS
    ):
        if message:
            yield message, f"{folder.name}/{filename}:{lineno}"


def _help_messages() -> Iterator[tuple[MessageId, str]]:
    """Every help text of the command tree, as Click will show it."""
    sys.path.insert(0, str(ROOT / "src"))
    import typer.main

    from htxcli.cli.app import app
    from htxcli.cli.help import help_texts

    yield from help_texts(typer.main.get_command(app))


def template() -> Catalog:
    import click
    import typer

    catalog = Catalog(project="htx", fuzzy=False)
    sources = [
        _babel_messages(ROOT / "src" / "htxcli"),
        _help_messages(),
        _babel_messages(Path(click.__file__).parent, FOREIGN["click"]),
        _babel_messages(Path(typer.__file__).parent, FOREIGN_TYPER),
    ]
    for source in sources:
        for text, where in source:
            path, _, line = where.rpartition(":")
            catalog.add(text, locations=[(path, int(line) if line.isdigit() else 0)])
    return catalog


def update() -> None:
    fresh = template()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as f:
        write_po(f, fresh, width=0, omit_header=True, sort_output=True, include_lineno=False)
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, project="htx")
        catalog.update(fresh, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header: a fuzzy header is left out of the .mo, and its charset with it
        catalog.project, catalog.version = "htx", "1"
        catalog.last_translator = catalog.language_team = "htx developers"
        with path.open("wb") as f:
            write_po(
                f,
                catalog,
                width=0,
                sort_output=True,
                ignore_obsolete=True,
                include_previous=False,
                include_lineno=False,
            )


def compiled(language: str) -> bytes:
    """The .mo that the language's .po compiles to."""
    with po_path(language).open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_() -> None:
    for language in LANGUAGES:
        mo_path(language).write_bytes(compiled(language))


def problems(language: str, path: Path | None = None) -> list[str]:
    """Messages of the template that the language's catalog (or the .po at `path`) lacks, leaves fuzzy,
    or translates with other placeholders (a renamed or dropped {code} would fail, or mislead)."""
    with (path or po_path(language)).open("rb") as f:
        catalog = read_po(f, locale=language)
    found = []
    for message in template():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = catalog.get(message.id)
        strings = () if translated is None else translated.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if translated is None or translated.fuzzy or not all(strings):
            found.append(f"untranslated: {ids[0]!r}")
            continue
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != expected:
                found.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    return found


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else ""
    if action == "update":
        update()
    elif action == "compile":
        compile_()
    elif action == "check":
        found = [f"{language}: {p}" for language in LANGUAGES for p in problems(language)]
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
