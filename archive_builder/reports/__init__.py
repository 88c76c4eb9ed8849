"""Writers for the check result, one module per format; each returns text or bytes, the caller writes."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig

FORMATS = ("table", "json", "junit", "markdown", "xlsx")
#: Formats whose output is bytes (written in binary mode).
BINARY = frozenset({"xlsx"})


def render(result: CheckResult, config: ArchiveConfig, fmt: str) -> str | bytes:
    """The report in one format (``table`` renders plain text)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    module = importlib.import_module(f"{__name__}.{fmt}_report")
    return module.render(result, config)
