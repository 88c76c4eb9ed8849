"""The message catalogues: one gettext catalogue per language, keyed by message key.

``<lang>/LC_MESSAGES/archive_builder.po`` holds every user-facing message of the tool; its msgids are
the keys the code uses (``scan.zero_bytes``) and its msgstrs the sentences, with ``{name}``
placeholders filled by ``str.format``. A message that counts something is a plural entry whose forms
follow the catalogue's ``Plural-Forms`` (English two, Chinese one). The ``.mo`` beside each ``.po`` is
what runs: it is compiled from the ``.po`` and committed (a test checks it is up to date), because the
standard library reads it in about 2 ms where importing Babel and parsing the ``.po`` would take about
60 ms at every start of the command line. A catalogue is read on the first message of its language only.
"""

from __future__ import annotations

import gettext
import hashlib
import threading
from pathlib import Path

#: the gettext domain, i.e. the catalogues' file name
DOMAIN = "archive_builder"
#: the folder holding ``<lang>/LC_MESSAGES/archive_builder.{po,mo}``
LOCALE_DIR = Path(__file__).resolve().parent
#: the languages with a catalogue; English is the one every other falls back to
LANGUAGES = ("en", "zh")

_CATALOGUES: dict[str, gettext.GNUTranslations] = {}
_LOCK = threading.Lock()  # ``serve`` renders in two threads


class _NotFound(gettext.NullTranslations):
    """The end of a catalogue's fallback chain: a key no catalogue holds raises instead of showing itself."""

    def gettext(self, message: str) -> str:
        raise LookupError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise LookupError(msgid1)


def catalogue_path(lang: str, suffix: str = ".mo") -> Path:
    """Where the catalogue of ``lang`` lies (``.po`` or ``.mo``)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (read on first use, then kept)."""
    found = _CATALOGUES.get(lang)
    if found is not None:
        return found
    with _LOCK:
        if lang not in _CATALOGUES:
            with catalogue_path(lang).open("rb") as file:
                loaded = gettext.GNUTranslations(file)
            loaded.add_fallback(_NotFound())
            _CATALOGUES[lang] = loaded
        return _CATALOGUES[lang]


def text(lang: str, key: str) -> str | None:
    """The message ``key`` in ``lang`` (a plural entry: its form for one), or None when ``lang`` lacks it."""
    try:
        return catalogue(lang).gettext(key)
    except LookupError:
        return None


def plural(lang: str, key: str, n: int) -> str | None:
    """The form of the plural entry ``key`` in ``lang`` for the count ``n``, or None when it is not one."""
    try:
        return catalogue(lang).ngettext(key, key, n)
    except LookupError:
        return None


def counts(lang: str, key: str) -> bool:
    """Whether ``key`` is a plural entry in ``lang`` (a message that counts something)."""
    return plural(lang, key, 1) is not None


def lookup(key: str) -> dict[str, str] | None:
    """``key`` in every language ({"en": ..., "zh": ...}), or None when the English catalogue lacks it."""
    entry = {lang: found for lang in LANGUAGES if (found := text(lang, key)) is not None}
    return entry if "en" in entry else None


def digest() -> str:
    """A digest of every compiled catalogue: it changes whenever a message does."""
    sha = hashlib.sha256()
    for lang in LANGUAGES:
        sha.update(catalogue_path(lang).read_bytes())
    return sha.hexdigest()
