"""Message catalogue lookup: every user-facing sentence, in English and Chinese.

Library code refers to messages by key (``scan.zero_bytes``); the CLI renders them in the
language chosen by ``--lang``, ``ARCHIVE_BUILDER_LANG`` or the locale.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    from .catalogue import CATALOGUE

    return CATALOGUE


def t(key: str, /, **params: object) -> str:
    """Render message ``key`` with ``params`` in the current language (unknown keys: the key)."""
    return t_in(language(), key, **params)


def t_in(lang: str, key: str, /, **params: object) -> str:
    """Render message ``key`` in ``lang``."""
    entry = _catalogue().get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def has(key: str) -> bool:
    """Whether the catalogue knows ``key``."""
    return key in _catalogue()


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
