"""The one message catalogue, one table per pipeline stage, each loaded when a key of it is first used.

Each table maps a key to ``{"en": ..., "zh": ...}``; both languages are required (a test checks).
A key's domain is the part before its first dot (``search.total`` → ``search``); ``DOMAINS`` names
the tables holding each domain's keys, so a command that prints a few messages imports only their
tables (``archive-builder search`` would otherwise spend a tenth of its start-up on all of them).
A key not found in its domain's tables is looked up in every table, so an incomplete ``DOMAINS``
costs time, never a message; a test checks it is complete.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

#: key domain -> the tables (modules of this package) that hold keys of that domain
DOMAINS: dict[str, tuple[str, ...]] = {
    "archival": ("archival",),
    "assess": ("assessment",),
    "assessment": ("assessment",),
    "budget": ("budgets",),
    "build": ("faults", "provenance", "site"),
    "cache": ("faults",),
    "check": ("check", "check_rules"),
    "checklist": ("check", "check_rules"),
    "config": ("config", "indicators"),
    "extract": ("search",),
    "help": ("assessment", "help", "provenance"),
    "index": ("search",),
    "indicator": ("check_rules",),
    "indicators": ("indicators",),
    "init": ("init",),
    "keygen": ("provenance",),
    "policy": ("policy",),
    "present": ("common",),
    "privacy": ("privacy",),
    "provenance": ("provenance",),
    "reader": ("policy",),
    "render": ("site",),
    "report": ("check", "check_rules"),
    "scan": ("budgets", "policy", "scan"),
    "schools": ("check", "check_rules"),
    "search": ("search",),
    "serve": ("site",),
    "severity": ("common",),
    "site": ("check", "provenance", "site"),
    "sitesearch": ("sitesearch",),
    "stats": ("indicators",),
    "status": ("status",),
    "targets": ("check_rules",),
    "verify": ("faults", "privacy", "provenance"),
    "waiver": ("check_rules",),
}


#: the entries of every table loaded so far (all of them once ``CATALOGUE`` is asked for)
_MESSAGES: dict[str, dict[str, str]] = {}
_LOADED: set[str] = set()
_LOCK = threading.RLock()


def lookup(key: str) -> dict[str, str] | None:
    """The entry of ``key`` ({"en": ..., "zh": ...}), or None when no table has it."""
    _load(DOMAINS.get(key.split(".", 1)[0], ()))
    entry = _MESSAGES.get(key)
    if entry is None and len(_LOADED) < len(tables()):
        _load(tables())
        entry = _MESSAGES.get(key)
    return entry


@cache
def tables() -> tuple[str, ...]:
    """The names of every table in the package."""
    import pkgutil

    return tuple(info.name for info in pkgutil.iter_modules(__path__))


def all_messages() -> dict[str, dict[str, str]]:
    """Every table merged into one mapping; a key defined in two tables is an error."""
    _load(tables())
    return _MESSAGES


def _load(names: Iterable[str]) -> None:
    """Add the entries of the tables ``names`` not loaded yet (one thread at a time: ``serve`` has two)."""
    with _LOCK:
        for name in names:
            if name in _LOADED:
                continue
            module: ModuleType = importlib.import_module(f"{__name__}.{name}")
            twice = _MESSAGES.keys() & module.MESSAGES.keys()
            if twice:
                raise RuntimeError(f"message key {min(twice)!r} defined twice")
            _MESSAGES.update(module.MESSAGES)
            _LOADED.add(name)


def __getattr__(name: str) -> Any:
    """``CATALOGUE``: the whole catalogue, assembled on first access (see ``all_messages``)."""
    if name == "CATALOGUE":
        return all_messages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
