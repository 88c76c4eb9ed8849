"""The one message catalogue, assembled from one table per pipeline stage.

Each table maps a key to ``{"en": ..., "zh": ...}``; both languages are required (a test checks).
"""

from __future__ import annotations

import importlib
import pkgutil

CATALOGUE: dict[str, dict[str, str]] = {}

for _info in pkgutil.iter_modules(__path__):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key, _entry in _module.MESSAGES.items():
        if _key in CATALOGUE:
            raise RuntimeError(f"message key {_key!r} defined twice")
        CATALOGUE[_key] = _entry
