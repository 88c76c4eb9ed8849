"""Markdown, plain text and CSV in any Chinese encoding (UTF-8/16, GBK/GB18030, Big5)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from archive_builder.core.budgets import MAX_TEXT_BYTES
from archive_builder.core.textio import DecodeFailed, decode_bytes
from archive_builder.inventory.readers.base import ReadFailed, Reading, Table
from archive_builder.inventory.readers.budget import MAX_CSV_CELLS, csv_too_large
from archive_builder.inventory.readers.cells import row_line


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a clerk's text file; ReadFailed when it is not text."""
    try:
        return decode_bytes(data)
    except DecodeFailed as exc:
        raise ReadFailed("scan.undecodable", str(exc)) from exc


def read(path: Path) -> Reading:
    """A Markdown or text file."""
    text, _ = decode(path.read_bytes())
    return reading_of_markdown(text) if path.suffix.lower() == ".md" else reading_of_text(text)


def reading_of_text(text: str) -> Reading:
    """The reading of text already decoded (the scan keeps Markdown bodies): one unit, as written."""
    return Reading(kind="text", units=(text,) if text.strip() else (), head="\n".join(text.splitlines()[:40]))


_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_HTML_TAG = re.compile(r"<[^>\n]{0,200}>")
_LIST_MARK = re.compile(r"(?:>\s?|[-*+]\s+|\d{1,9}[.)]\s+)")
_EMPHASIS = ("**", "__", "~~", "`")


def markdown_plain(text: str) -> str:
    """The words of a Markdown body as a reader sees them: no #, **, link targets, tags or table rules.

    Line by line with bounded patterns, so a hostile body (thousands of nested list levels) costs
    linear time.
    """
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", _HTML_TAG.sub(" ", text)))
    return "\n".join(_plain_line(line) for line in text.splitlines())


def _plain_line(line: str) -> str:
    """One Markdown line as plain text."""
    stripped = line.strip()
    if len(stripped) >= 3 and set(stripped) <= set("-*_ ") and len(stripped.replace(" ", "")) >= 3:
        return ""  # a horizontal rule
    if "---" in stripped and set(stripped) <= set("|:- "):
        return ""  # a table's header rule
    while True:
        match = _LIST_MARK.match(stripped)
        if not match or not match.end():
            break
        stripped = stripped[match.end():].lstrip()
    if stripped.startswith("#"):
        stripped = stripped.lstrip("#").strip().rstrip("#").rstrip()
    for mark in _EMPHASIS:
        stripped = stripped.replace(mark, "")
    return stripped.strip("|").replace("|", "\t").strip()


def reading_of_markdown(text: str) -> Reading:
    """A Markdown body read as plain text (the head keeps the lines as written, for 密级 marks)."""
    plain = markdown_plain(text)
    return Reading(kind="text", units=(plain,) if plain.strip() else (), head="\n".join(text.splitlines()[:40]))


def read_csv(path: Path) -> Reading:
    """A CSV table: its rows as a table and as tab-separated lines."""
    text, _ = decode(path.read_bytes())
    return reading_of_csv(text)


def reading_of_csv(text: str) -> Reading:
    """The reading of decoded CSV text (delimiter sniffed among , ; and tab)."""
    rows = tuple(tuple(row) for row in csv_rows(text) if any(str(c).strip() for c in row))
    lines = [line for line in (row_line(r) for r in rows) if line]
    return Reading(kind="csv", units=("\n".join(lines),) if lines else (), head="\n".join(lines[:20]),
                   tables=(Table("", rows),), count=1)


def csv_rows(text: str) -> list[list[str]]:
    """Rows of CSV text, the delimiter sniffed from its start; ReadFailed beyond MAX_CSV_CELLS cells, or for
    text the csv module cannot parse."""
    rows, cells = [], 0
    try:
        for row in csv.reader(io.StringIO(text), _dialect(text)):
            cells += len(row)
            if cells > MAX_CSV_CELLS:
                raise csv_too_large(cells)
            rows.append(row)
    except csv.Error as exc:
        raise ReadFailed("scan.broken_csv", str(exc)[:200]) from exc
    return rows


#: a cell may be as long as a text file may be (the csv module's own limit, 128 KB, would fail a long 说明 cell
#: that every budget allows)
csv.field_size_limit(MAX_TEXT_BYTES)


def check_csv_cells(text: str) -> None:
    """Raise ReadFailed when CSV text has more than MAX_CSV_CELLS cells, before any row is kept.

    Delimiters and line breaks bound the cells from above, so an ordinary table is judged by two counts;
    only text near the budget is parsed (one row at a time).
    """
    if sum(text.count(delimiter) for delimiter in ",;\t") + text.count("\n") + 1 <= MAX_CSV_CELLS:
        return  # bounded whatever the dialect: the common case costs no sniffing
    dialect = _dialect(text)
    if text.count(str(dialect.delimiter)) + text.count("\n") + 1 <= MAX_CSV_CELLS:
        return
    cells = 0
    for row in csv.reader(io.StringIO(text), dialect):
        cells += len(row)
        if cells > MAX_CSV_CELLS:
            raise csv_too_large(cells)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The dialect sniffed from the start of the text (, ; or tab), else Excel's."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel
