"""Cells of every spreadsheet and CSV the tool writes, made safe to open (OWASP's CSV-injection rule).

A title, school name or file name that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be taken by Excel, WPS or LibreOffice as a formula (``=HYPERLINK(…)``, ``=cmd|…``), so
every such string is written as text: in a workbook as a string cell with the quote prefix (the
value is unchanged and editing the cell does not turn it into a formula), in CSV with a leading
apostrophe, the only marker a CSV file has. The full-width forms (``＝`` ``＋`` ``－`` ``＠``) count too:
Chinese input methods type them, and spreadsheet programs in Chinese locales read them as formulas.

Numbers stay numbers: only strings are touched, so a negative figure is still a figure. A *string*
such as ``"-5"`` is neutralised like any other: the tool wrote it as text (a 文号, a code, a
placeholder), and deciding whether a string "is really a number" would need each program's and each
locale's number syntax (``-5,0``, ``-1e3``, ``-5%``) while ``-2+3+cmd|…`` shows how little it takes to
turn a number-like start into a formula. Every writer goes through this module.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: What a formula may begin with (OWASP), and the full-width forms of the first four.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: The CSV text marker; a string already beginning with it is marked too, so reading back is exact.
QUOTE = "'"


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet program would read ``value`` as a formula (strings only).

    Judged on the NFKC form too, after the spaces a program skips, however many: ``﹦1+1`` (the small
    equals sign), `` =1+1``, twenty ideographic spaces or a line break before ``=cmd|…`` are caught like
    ``=1+1``.
    """
    if not isinstance(value, str):
        return False
    if value.startswith(FORMULA_STARTS):
        return True
    rest = value.lstrip(_SKIPPED)
    if rest.startswith(FORMULA_STARTS):
        return True
    return unicodedata.normalize("NFKC", rest[:16]).lstrip(_SKIPPED).startswith(FORMULA_STARTS[:4])


#: what may stand before a formula and still leave it one: every Unicode space and line break, and the
#: invisible characters a paste brings (zero-width space, joiners, word joiner, BOM)
_SKIPPED = "".join(chr(code) for code in range(0x3000 + 1) if chr(code).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"


def csv_cell(value: Any) -> Any:
    """A value for ``csv.writer``: formula-like strings prefixed with an apostrophe, anything else as it is.

    A program may split the file on another separator than the comma it was written with (a semicolon where
    that is the list separator, a tab; a first line ``sep=;`` tells Excel and WPS to): each part after a
    semicolon or a tab that would start a formula is marked too, and a value that is such a directive is
    written as text, so the file holds no live formula however it is split."""
    if not isinstance(value, str):
        return value
    if _OTHER_SEPARATOR.search(value):
        first, *rest = _OTHER_SEPARATOR.split(value)
        value = first + "".join(sep + (QUOTE + part if is_formula_like(part) else part)
                                for sep, part in zip(rest[::2], rest[1::2], strict=True))
    return QUOTE + value if is_formula_like(value) or _SEPARATOR_LINE.match(value) else value


#: separators a spreadsheet program may split a CSV on besides the comma
_OTHER_SEPARATOR = re.compile(r"([;\t])")
#: Excel's separator directive, ``sep=;`` as a first line
_SEPARATOR_LINE = re.compile(r"^\W*sep\s*=", re.IGNORECASE)


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer`` with every formula-like string written as text."""
    return [csv_cell(value) for value in values]


def neutral_csv(rows: Iterable[Iterable[Any]]) -> str:
    """A CSV the tool writes from a clerk's table (its masked copy in the site), every formula-like cell as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(csv_row(row))
    return buffer.getvalue()


def record_cell(value: str) -> str:
    """A string for a CSV the tool reads back itself: marked as text, reversibly (see :func:`read_record_cell`).

    As :func:`csv_cell` does, each part after a semicolon or a tab is marked too (the file may be opened split
    on either); a part, or the whole, that already begins with the marker is marked again, so reading back is
    exact.
    """
    first, *rest = _OTHER_SEPARATOR.split(value)
    marked = _record_part(first) + "".join(sep + _record_part(part) for sep, part in zip(rest[::2], rest[1::2], strict=True))
    return _record_part(marked)


def _record_part(part: str) -> str:
    return QUOTE + part if is_formula_like(part) or part.startswith(QUOTE) else part


def read_record_cell(value: str) -> str:
    """The string :func:`record_cell` wrote."""
    first, *rest = _OTHER_SEPARATOR.split(_unmarked(value))
    return _unmarked(first) + "".join(sep + _unmarked(part) for sep, part in zip(rest[::2], rest[1::2], strict=True))


def _unmarked(part: str) -> str:
    return part[1:] if part.startswith(QUOTE) else part


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet; formula-like strings become text cells with the quote prefix, and the
    control characters a workbook cannot hold (a title with \\x01 in it) are left out instead of failing the file."""
    sheet.append([_xlsx_cell(sheet, value) for value in values])


#: what XML 1.0, and so a workbook's cell, cannot hold: the C0 controls but tab, newline and return
_NOT_IN_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """The value itself, or a text cell holding it when it looks like a formula."""
    if isinstance(value, str):
        value = _NOT_IN_CELL.sub("", value)
    if not is_formula_like(value):
        return value
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet, row=1, column=1, value=value)  # append() gives it its place
    cell.data_type = "s"  # openpyxl would store a leading '=' as a formula
    cell.quotePrefix = True
    return cell


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet title for ``name`` (31 characters, none of []:*?/\\ or a control character, no
    apostrophe at either end), recorded in ``used``: a code or a department's name from the configuration
    may hold any of them."""
    base = re.sub(r"[\[\]:*?/\\]", "_", _NOT_IN_CELL.sub("", name)).strip("'")[:28] or "sheet"
    title, n = base, 2
    while title.casefold() in {u.casefold() for u in used}:
        title, n = f"{base}_{n}", n + 1
    used.add(title)
    return title
