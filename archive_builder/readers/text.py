"""Markdown, plain text and CSV in any Chinese encoding (UTF-8/16, GBK/GB18030, Big5)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..textio import DecodeFailed, decode_bytes
from .base import ReadFailed, Reading, Table
from .cells import row_line


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


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$", re.MULTILINE)
_MD_QUOTE_LIST = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|`+)")
_HTML_TAG = re.compile(r"<[^>\n]{0,200}>")


def markdown_plain(text: str) -> str:
    """The words of a Markdown body as a reader sees them: no #, **, link targets, tags or table rules."""
    text = _HTML_TAG.sub(" ", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE_LIST.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return "\n".join(line.strip().strip("|").replace("|", "\t").strip() for line in text.splitlines())


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
    """Rows of CSV text, the delimiter sniffed from its start."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]
