"""Cell values as text, shared by every reader of tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

#: digits in the whole part of a stored number from which it is a personal number that lost digits: Excel keeps
#: 15 significant digits, so an ID or card number typed as a number comes back rounded (its check digit fails)
#: and no amount or count in a county's tables is that long
PERSONAL_FIGURE_DIGITS = 15
#: how :func:`cell_value` writes such a number: its first six digits (an ID's place code) and last four
#: (rounded away in an ID) kept, the rest starred
_MASKED_FIGURE = re.compile(r"(?<![0-9*])[0-9]{6}\*{5,}[0-9]{4}(?![0-9*])")


def cell_value(value: Any) -> Any:
    """A stored cell as the readers hand it on: a whole float as int, a personal number's figure masked text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, float) and not value.is_integer():
        whole = abs(value) // 1 if value == value and abs(value) != float("inf") else 0
        return masked_figure(int(whole)) if whole >= 10 ** (PERSONAL_FIGURE_DIGITS - 1) else value
    number = int(value)
    return masked_figure(number) if abs(number) >= 10 ** (PERSONAL_FIGURE_DIGITS - 1) else number


def masked_figure(number: int) -> str:
    """A number of 15 or more digits written masked, as a resident ID or card number is."""
    digits = str(abs(number))
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def masked_figures(text: str) -> int:
    """How many numbers :func:`cell_value` masked ``text`` holds (each counts as a personal number)."""
    return len(_MASKED_FIGURE.findall(text))


def cell_text(value: Any) -> str:
    """A cell value as text: whole floats without .0, dates as ISO, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        value = cell_value(value)
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
