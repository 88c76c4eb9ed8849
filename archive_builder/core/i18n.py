"""Message catalogue lookup: every user-facing sentence, in English and Chinese.

Library code refers to messages by key (``scan.zero_bytes``); the CLI renders them in the
language chosen by ``--lang``, ``ARCHIVE_BUILDER_LANG`` or the locale. The messages are gettext
catalogues (``core/messages/<lang>/LC_MESSAGES/archive_builder.po``); ``t`` renders one message,
``tn`` one that counts something, in the plural form of its count.
"""

from __future__ import annotations

import locale
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from archive_builder.core.messages import counts, lookup, plural, text  # read on a language's first message
from archive_builder.core.privacy import mask_text, mask_value

__all__ = ["has", "language", "lookup", "printable", "printable_json", "set_language", "t", "t_in", "tn", "tn_in", "UnknownMessage",
           "counted", "using_language"]

logger = logging.getLogger(__name__)

SUPPORTED = ("en", "zh")
_current: str | None = None


def set_language(lang: str | None) -> None:
    """Fix the language for this process (None: detect again)."""
    global _current
    _current = _normalise(lang) if lang else None


def language() -> str:
    """The language in force: explicit choice, then environment, then locale."""
    if _current:
        return _current
    env = os.environ.get("ARCHIVE_BUILDER_LANG")
    if env:
        return _normalise(env)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return _normalise(value)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        loc = ""
    return _normalise(loc)


def _normalise(value: str) -> str:
    return "zh" if value.lower().startswith(("zh", "chinese")) else "en"


def t(key: str, /, **params: object) -> str:
    """Render message ``key`` with ``params`` in the current language."""
    return t_in(language(), key, **params)


def t_in(lang: str, key: str, /, **params: object) -> str:
    """Render message ``key`` in ``lang``; in string values control characters are shown escaped and
    personal numbers masked (a school, title or file name quoted in a problem line is masked as everywhere).

    A counting message (a plural entry) takes the form for its ``count`` parameter, as a problem's message
    does; one without that parameter is rendered with ``tn``. A key the catalogue of ``lang`` lacks is shown
    in English, a key no catalogue has as the key itself, each with a warning in the log; with
    ``ARCHIVE_BUILDER_STRICT_MESSAGES=1`` (the tests) either raises."""
    template = text(lang, key)
    if template is None:
        template = _missing(lang, key, text("en", key))
    elif counts(lang, key):
        count = params.get("count")
        if isinstance(count, int | float):  # a problem's message counts by its "count" parameter
            return tn_in(lang, key, count, **params)
        _missing(lang, key, template, f"message {key!r} counts something: render it with tn(key, n)")
    return _format(template, params)


def tn(key: str, n: float, /, **params: object) -> str:
    """Render the counting message ``key`` in the form for ``n`` (``1 document``, ``2 documents``)."""
    return tn_in(language(), key, n, **params)


def tn_in(lang: str, key: str, n: float, /, **params: object) -> str:
    """Render the counting message ``key`` in ``lang`` in the plural form its catalogue gives ``n``."""
    n = _whole(n)
    template = plural(lang, key, n)
    if template is None:
        template = _missing(lang, key, *_counted_fallback(lang, key, n))
    return _format(template, params)


def counted(key: str, n: int) -> str:
    """The counting phrase ``key`` for ``n`` (``3 errors``), for a message that counts several things."""
    return tn(key, n, count=n)


def _whole(n: float) -> int:
    """The count the plural rules take: a whole number as it is; a fraction (1.5 points) counts as many."""
    return int(n) if float(n).is_integer() else 2


def _counted_fallback(lang: str, key: str, n: int) -> tuple[str | None, str | None]:
    """The English form for ``n``; else the one text of a key that is not a counting message, and why."""
    english = plural("en", key, n)
    if english is not None:
        return english, None
    single = text(lang, key) or text("en", key)
    return single, None if single is None else f"message {key!r} is not a counting (plural) message"


def _format(template: str, params: dict[str, object]) -> str:
    """``template`` filled with ``params``, string values shown as messages show them."""
    values = {name: printable(value) if isinstance(value, Verbatim) else _shown(value) if isinstance(value, str)
              else mask_value(value) for name, value in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


class UnknownMessage(LookupError):
    """A message key the catalogues lack, raised instead of a warning when messages are strict."""


_warned: set[tuple[str, str]] = set()


def _missing(lang: str, key: str, english: str | None, problem: str | None = None) -> str:
    """What shows for a key ``lang`` lacks: the English text, else the key; warned once, raised when strict."""
    if problem is None:
        problem = f"unknown message key {key!r}" if english is None else f"message {key!r} has no {lang!r} translation"
    if os.environ.get("ARCHIVE_BUILDER_STRICT_MESSAGES") == "1":
        raise UnknownMessage(problem)
    if (lang, key) not in _warned:
        _warned.add((lang, key))
        logger.warning("%s%s", problem, "" if english is not None else "; the key is shown instead")
    return english if english is not None else key


class Verbatim(str):
    """A value the tool made itself — a manifest's fingerprint, a signing key's id — shown unmasked.

    Its control characters are still escaped: a value read back from a site (a tampered signature file)
    must not move the cursor or start a line of its own. Every other string a message shows is masked (a file name may hold a phone number), but a SHA-256 in hex
    holds a run of eleven digits often enough (1 in 50 or so) that masking it would print a fingerprint
    nobody can compare.
    """


def _shown(value: str) -> str:
    """A string value as a message shows it: numbers masked, control characters escaped."""
    if not any(ch.isdigit() for ch in value):
        return printable(value)

    return printable(mask_text(value)[0])


#: Characters that would break a message out of its line or reorder it on screen: C0 and C1 controls
#: (newline, CR, ESC …), DEL, line and paragraph separators, and the bidirectional overrides and isolates.
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
#: what json.dumps leaves raw (it escapes C0 itself; a newline outside a string is the JSON's own indent)
_RAW_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``).

    A file name may hold a newline (forging a second message line), an escape sequence or a
    right-to-left override; every message the CLI prints shows such a name escaped.
    """
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def printable_json(value: Any, **options: Any) -> str:
    """``value`` as JSON text (UTF-8, not ASCII) with every control character escaped as ``\\uXXXX``.

    ``json.dumps`` escapes only C0 with ``ensure_ascii=False``; DEL, C1 (CSI, NEL), the line and paragraph
    separators and the bidirectional controls of a file name would reach the terminal raw. Escaped, the
    JSON reads back the same.
    """
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    return _RAW_IN_JSON.sub(_json_escape, text) if _RAW_IN_JSON.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def has(key: str) -> bool:
    """Whether the catalogue knows ``key`` (in English, which every message has)."""
    return text("en", key) is not None


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Render messages in ``lang`` inside the block (e.g. a site that is always Chinese)."""
    global _current
    previous = _current
    _current = _normalise(lang)
    try:
        yield
    finally:
        _current = previous
