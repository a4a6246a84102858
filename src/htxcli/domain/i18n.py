"""Which language htx speaks, and the catalog it speaks it from: GNU gettext, as Click itself uses it.

Every sentence is written in English in the code (the message id) and translated at the moment it is
shown, from `locale/<lang>/LC_MESSAGES/htx.mo` inside the package. htx's catalog is made the process's
gettext domain, so Click's own words ("Usage:", "Show this message and exit.", "No such option") are
looked up in the same catalog as htx's, with no text patched.

The language, first found wins: --lang; $HTX_LANG; $LC_ALL, $LC_MESSAGES, $LANG (the first set), or the
user's interface language on Windows; Vietnamese. A locale naming another language gets English, and
C/POSIX or nothing at all gets Vietnamese: the people htx is for read Vietnamese. An empty variable
counts as unset.

Standard library only, and cheap: choosing costs a few lookups, a catalog is one small file read once.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

DOMAIN = "htx"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
ENV_VAR = "HTX_LANG"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_current: str | None = None  # chosen by use(); until then, by the environment

T = TypeVar("T")


def N_(message: str) -> str:
    """Marks a message for the catalog (pybabel extract -k N_) without translating it yet: the
    language is chosen after the modules holding messages are imported."""
    return message


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_VAR, "").strip()
    if chosen:
        return _language_of(chosen)
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            return _language_of(value)
    if sys.platform == "win32" and environ is None:
        return _language_of(_windows_ui_locale())
    return DEFAULT


def _language_of(value: str) -> str:
    """'vi_VN.UTF-8' -> vi, 'en_GB' -> en, 'C.UTF-8' -> the default, 'fr_FR' -> en."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("", "c", "posix"):
        return DEFAULT
    return code if code in LANGUAGES else "en"


def _windows_ui_locale() -> str:
    try:
        import ctypes
        import locale

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        return str(locale.windows_locale.get(lcid, ""))
    except (AttributeError, OSError):
        return ""


_catalog: _gettext.NullTranslations = _gettext.NullTranslations()


def use(language: str) -> None:
    """Speak `language` from now on (also for Click, through the process's gettext domain)."""
    global _current, _catalog
    _current = language if language in LANGUAGES else "en"
    # English is the message ids themselves: no catalog to read.
    _catalog = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[_current], fallback=True)
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    # Click calls gettext.gettext, which finds its catalog by the LANGUAGE variable first.
    os.environ["LANGUAGE"] = _current


@contextmanager
def kept() -> Iterator[None]:
    """Whatever language the block chooses, the process speaks as before once it ends: its language,
    its catalog, the gettext domain and the LANGUAGE variable Click's gettext reads. A command run
    in-process (a test, a script calling htx's app) leaves the process as it found it."""
    global _current, _catalog
    saved = _current, _catalog, os.environ.get("LANGUAGE"), _gettext.textdomain()
    try:
        yield
    finally:
        _current, _catalog, language, domain = saved
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language
        _gettext.textdomain(domain)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` for the time of the block (one command: htx's main), then as before."""
    with kept():
        use(language)
        yield


def current() -> str:
    if _current is None:  # htx's own commands choose first (HtxGroup.main); a library caller has not
        use(language_from_environment())
    return _current or DEFAULT


def gettext(message: str) -> str:
    if _current is None:
        use(language_from_environment())
    return _catalog.gettext(message)


_ = gettext


def translated(value: T) -> T:
    """A message, or a mapping or tuple of them, in the current language."""
    if isinstance(value, str):
        return gettext(value)  # type: ignore[return-value]
    if isinstance(value, Mapping):
        return {key: translated(item) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(translated(item) for item in value)  # type: ignore[return-value]
    return value
