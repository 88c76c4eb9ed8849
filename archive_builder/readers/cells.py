"""Cell values as text, shared by every reader of tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any


def cell_text(value: Any) -> str:
    """A cell value as text: whole floats without .0, dates as ISO, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def row_line(cells: Iterable[Any]) -> str:
    """One table row as a text line: empty cells dropped, the rest joined by tabs."""
    return "\t".join(text for text in (cell_text(c) for c in cells) if text)


def rows_text(rows: Iterable[Iterable[Any]]) -> list[str]:
    """Non-empty rows as text lines."""
    return [line for line in (row_line(row) for row in rows) if line]
