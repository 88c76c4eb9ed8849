"""An original as the site offers it: a text original's masked copy, the name it downloads under, its size."""

from __future__ import annotations

import re

from archive_builder.core.cells import neutral_csv
from archive_builder.site.bodies import csv_rows, mask


def human_size(size: int) -> str:
    """1.2 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def download_name(name: str) -> str:
    """The name a downloaded original is saved under: its own (Chinese) name, masked, safe on Windows.

    The copy in the site keeps its ASCII name; the link's ``download`` attribute carries this one.
    """
    return _UNSAFE_IN_NAMES.sub("_", mask(name)[0]).strip(" .") or "original"


def text_copy(text: str, kind: str) -> bytes:
    """A text original as the site keeps it: numbers masked, a CSV's formula-like cells written as text."""

    masked = mask(text)[0]
    return (neutral_csv(csv_rows(masked)) if kind == "csv" else masked).encode("utf-8")
