"""click's own messages (``Usage:``, ``Error: No such option …``) in the user's language.

click marks its strings for gettext with ``from gettext import gettext as _`` (and ``ngettext``) in each
of its modules, which would look them up in the process-wide default domain and the locale, not in
``--lang``. ``install`` points those names at functions that follow ``language()``: English is click's
own text; Chinese comes from ``locale/zh/LC_MESSAGES/click.po`` beside this module (its msgids are
click's strings, its ``.mo`` compiled and committed like the tool's own catalogues), falling back to
click's English for a string it lacks. Only the command line does this: nothing below it knows click.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import importlib
import threading
from pathlib import Path

from archive_builder.core.i18n import language

#: the click modules that bind ``_`` / ``ngettext`` at import time
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui", "types",
                 "_termui_impl")
#: where ``<lang>/LC_MESSAGES/click.{po,mo}`` lie
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "click"

_CATALOGUES: dict[str, stdlib_gettext.NullTranslations] = {}
_LOCK = threading.Lock()


def _catalogue(lang: str) -> stdlib_gettext.NullTranslations:
    """The translations of click's strings into ``lang`` (read on first use; none: click's English)."""
    found = _CATALOGUES.get(lang)
    if found is None:
        with _LOCK:
            found = _CATALOGUES.setdefault(lang, stdlib_gettext.translation(
                DOMAIN, LOCALE_DIR, languages=[lang], fallback=True))
    return found


def gettext(message: str) -> str:
    """click's string ``message`` in the current language."""
    lang = language()
    return message if lang == "en" else _catalogue(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's counting string in the current language, in the form for ``n``."""
    lang = language()
    if lang == "en":
        return singular if n == 1 else plural
    return _catalogue(lang).ngettext(singular, plural, n)


def install() -> None:
    """Make click's modules translate through ``gettext`` / ``ngettext`` above (idempotent)."""
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module a later click renames or drops
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
