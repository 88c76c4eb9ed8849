"""Word 97-2003 (.doc) and Kingsoft WPS Writer (.wps): paragraphs and table rows, page headers in the head.

Both are OLE2 compound files with a ``WordDocument`` stream in the Word binary format: WPS
Writer saves .wps that way from WPS 2005 on (older, DOS-era WPS files are another format and
are refused with ``scan.broken_doc``). The text comes from Debian's ``antiword``, with
``catdoc`` beside it; both run as subprocesses, without a shell, for at most 60 s each
(a whole reading took 6-13 ms per file here).

How the converter was chosen: antiword 0.37, catdoc 0.95 and LibreOffice 7.4 headless read the
same Chinese documents, all written by LibreOffice: the fixtures of ``tests/fixtures/make_office.py``
and a 65 KB file of 300 paragraphs, a 20-row table, a page header and a page footer.

- antiword (``-m UTF-8.txt -w 0`` text, ``-x db`` DocBook): Chinese correct; headers and footers
  not printed; in text mode table cells wrap inside columns about 126/n characters wide, which
  split an 18-digit ID over two lines in a six-column table, while DocBook keeps every cell
  whole; refuses a document whose WordDocument stream is under 4 KB ("text stream of this file
  is too small"), which LibreOffice writes for short documents; 1.3-6 ms per file; 0.6 MB.
- catdoc (``-d utf-8 -w``): Chinese correct where it reads the text at all; prints headers and
  footers after the body; lost the table in 2 of the 3 files with one (the roster row with ID,
  mobile and card came out as ``/Ö``, the 20-row table as one cell); reads the short files;
  1.2-3.8 ms per file; 0.7 MB.
- LibreOffice (``--convert-to txt:Text``): Chinese correct; no headers or footers; one cell per
  line, but the cells of a table that ends the document ran together (ID, mobile and card as
  one 45-digit run); 1.0-1.9 s per file with one soffice per file, 0.12 s when 20 files share
  one; 294 MB (63 Debian packages for writer-nogui and calc-nogui).
- Both antiword and catdoc print characters beyond the BMP (the rare characters of names) as
  CESU-8 surrogate pairs; :func:`_decode` joins them. LibreOffice prints them correctly.

So antiword's DocBook output (``-x db``) gives the body: paragraphs, list items and table rows
in order, every cell whole. Its flaw, from its source (``vMove2NextLineXML`` is empty): a manual
line break (Shift+Enter) vanishes, so the two lines run together. Its ``bookinfo`` also carries
the SummaryInformation title and author, printed byte by byte as cp1252, which
:func:`_property` decodes back where no byte was lost. catdoc runs too, for what antiword leaves
out: the lines it prints after the main text are the page headers and footers (where a
classification mark such as 机密★5年 may stand), and it reads the short files antiword refuses.
LibreOffice is needed only to regenerate the test fixtures.

Telling Word from Excel (:func:`sniff`): both are OLE2 files with the same 8-byte signature.
The compound file's directory is a run of 128-byte entries, each starting with its name in
UTF-16LE (64 bytes), then the name's byte length and the entry type; directory sectors start at
multiples of 512 bytes, so entries sit on 128-byte boundaries. :func:`sniff` checks every such
slot in the first 64 KB for a well-formed entry named ``WordDocument`` (Word, WPS Writer) or
``Workbook`` / ``Book`` (Excel BIFF8 / BIFF5, WPS .et). Only whole entries count, not the
bytes anywhere, because Word keeps style names such as "Book Title" in UTF-16 in its own
stream. ``WordDocument`` wins over ``Workbook`` since a Word file with an embedded Excel chart
holds the chart's Workbook stream too. None means no verdict: not OLE2, or a directory beyond
the first 64 KB.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from archive_builder.inventory.readers.base import ReaderMissing, ReadFailed, Reading, Table
from archive_builder.inventory.readers.cells import row_line

#: Seconds one converter may run on one file.
TIMEOUT = 60
#: Body lines that go into the head (where a classification mark is printed).
HEAD_LINES = 20
#: Bytes of the file that :func:`sniff` looks at.
SNIFF_BYTES = 65536
#: Lines catdoc prints after the main text that are taken as headers and footers, at most.
MAX_MARGIN_LINES = 20

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENTRY = 128
_WORD_STREAMS = frozenset({"WordDocument"})
_EXCEL_STREAMS = frozenset({"Workbook", "Book"})
_INSTALL = "apt-get install antiword catdoc"
# A UTF-16 surrogate pair written as two 3-byte sequences (CESU-8), as both converters print
# characters beyond the BMP, such as the rarer characters of personal names.
_CESU_PAIR = re.compile(rb"\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLOCKS = frozenset({"title", "subtitle", "para"})
_TABLES = frozenset({"informaltable", "table"})


@dataclass(frozen=True)
class _Body:
    """What one converter got out of the document's main text."""

    lines: list[str]
    tables: list[Table]
    properties: dict[str, str]


class _Refused(Exception):
    """antiword gave no usable output for this file."""


def sniff(head: bytes) -> str | None:
    """'doc' for an OLE2 Word file, 'xls' for an OLE2 Excel file, None when the bytes do not say."""
    if not head.startswith(_OLE_MAGIC):
        return None
    names = _entry_names(head[:SNIFF_BYTES])
    if names & _WORD_STREAMS:
        return "doc"
    if names & _EXCEL_STREAMS:
        return "xls"
    return None


def _entry_names(head: bytes) -> set[str]:
    """Names of the well-formed OLE2 directory entries on 128-byte boundaries after the header."""
    names: set[str] = set()
    for offset in range(512, len(head) - _ENTRY + 1, _ENTRY):
        size = int.from_bytes(head[offset + 64:offset + 66], "little")
        kind = head[offset + 66]
        # A name's length counts its terminating NUL; type 1 is a storage, 2 a stream, 5 the root.
        if not (2 <= size <= 64 and size % 2 == 0 and kind in (1, 2, 5)):
            continue
        if head[offset + size - 2:offset + size] != b"\x00\x00":
            continue
        try:
            names.add(head[offset:offset + size - 2].decode("utf-16-le"))
        except UnicodeDecodeError:
            continue
    return names


def read(path: Path) -> Reading:
    """Paragraphs and table rows of a .doc or .wps; headers, footers and properties also in the head."""
    # Absolute, so that a file named like an option ("-x.doc") reaches the converters as a file.
    path = Path(path).absolute()
    _check_container(path)
    antiword, catdoc = _program("antiword"), _program("catdoc")
    catdoc_lines = _catdoc_lines(catdoc, path)
    try:
        body = _docbook(_run([antiword, "-x", "db", str(path)], "antiword"))
        margins = _margins(catdoc_lines, body.lines)
        head_lines = [*margins, *body.lines[:HEAD_LINES]]
    except _Refused as exc:
        body, margins = _Body([line for line in catdoc_lines if not _garbled(line)], [], {}), []
        if not body.lines:
            raise ReadFailed("scan.broken_doc", f"{exc}; catdoc found no text") from exc
        # catdoc prints headers and footers after the body, so its last lines join the head.
        head_lines = body.lines[:HEAD_LINES] + body.lines[HEAD_LINES:][-5:]
    first_table = [row_line(row) for row in body.tables[0].rows] if body.tables else []
    lines = [*head_lines, *first_table, *body.properties.values()]
    # Once each: the first table's rows and a mark repeated in the page header are often already there.
    head = "\n".join(dict.fromkeys(line for line in lines if line))
    units = tuple(margins) + tuple(body.lines)
    return Reading(kind="doc", units=units, unit="paragraph", head=head, properties=body.properties,
                   tables=tuple(body.tables), count=None,
                   method="born-digital" if any(u.strip() for u in units) else "none")


def _check_container(path: Path) -> None:
    """Refuse, with the reason, a file that is not an OLE2 Word document."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(b"PK"):
        _refuse_zip(path)
    if not head.startswith(_OLE_MAGIC):
        raise ReadFailed("scan.broken_doc", _not_ole(head))
    if sniff(head) == "xls":
        raise ReadFailed("scan.broken_doc", "an Excel workbook (OLE2 Workbook stream), not a Word document")


def _refuse_zip(path: Path) -> NoReturn:
    """A zip is a DOCX under another name, unless it opens and holds no Word part."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        names = {"word/document.xml"}  # a damaged zip that starts like one is most likely a DOCX
    if "word/document.xml" in names:
        raise ReadFailed("scan.doc_is_docx", "a Word 2007+ package (zip) under a .doc or .wps name")
    raise ReadFailed("scan.broken_doc", "a zip archive without word/document.xml, not a Word document")


def _not_ole(head: bytes) -> str:
    """Why bytes that lack the OLE2 signature are no Word 97-2003 / WPS 2005+ document."""
    start = head[:512].lstrip().lower()
    if not head:
        return "empty file"
    if start.startswith(b"{\\rtf"):
        return "an RTF file under a .doc name, not the Word 97-2003 binary format"
    if start.startswith((b"<", b"mime-version")):
        return "an HTML or MHT web page under a .doc name, not the Word 97-2003 binary format"
    return "not an OLE2 compound file: neither Word 97-2003 nor WPS 2005+ (older WPS formats are not supported)"


def _program(name: str) -> str:
    """The path of a converter; ReaderMissing naming the Debian package when it is not installed."""
    found = shutil.which(name)
    if found is None:
        raise ReaderMissing("reader.legacy_missing", f"{name} is not installed; Debian: {_INSTALL}")
    return found


def _run(args: list[str], name: str) -> bytes:
    """A converter's standard output; _Refused when it fails on the file."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReadFailed("scan.broken_doc", f"{name} did not finish within {TIMEOUT} s") from exc
    except OSError as exc:
        raise ReadFailed("scan.broken_doc", f"{name}: {exc}") from exc
    if done.returncode != 0:
        message = _decode(done.stderr).strip().splitlines()
        raise _Refused(f"{name}: {message[-1] if message else f'exit status {done.returncode}'}")
    return done.stdout


def _decode(raw: bytes) -> str:
    """UTF-8 output as text, with CESU-8 surrogate pairs joined into the characters they encode."""
    joined = _CESU_PAIR.sub(_join_pair, raw)
    return joined.decode("utf-8", "replace")


def _join_pair(match: re.Match[bytes]) -> bytes:
    """One CESU-8 surrogate pair as proper 4-byte UTF-8."""
    pair = match.group().decode("utf-8", "surrogatepass")
    return pair.encode("utf-16-le", "surrogatepass").decode("utf-16-le").encode("utf-8")


def _catdoc_lines(catdoc: str, path: Path) -> list[str]:
    """catdoc's non-empty output lines (one per paragraph; cells joined by tabs); empty when it fails."""
    try:
        raw = _run([catdoc, "-d", "utf-8", "-w", str(path)], "catdoc")
    except (_Refused, ReadFailed):
        return []  # catdoc only adds headers and footers to what antiword reads
    return [line.strip() for line in _decode(raw).splitlines() if line.strip()]


# --- antiword's DocBook ---------------------------------------------------------------------------


def _docbook(raw: bytes) -> _Body:
    """Paragraphs, table rows, tables and properties from antiword's DocBook output."""
    text = _XML_ILLEGAL.sub("", _decode(raw))
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise _Refused(f"antiword wrote DocBook that does not parse: {exc}") from exc
    body = _Body([], [], _properties(root.find("bookinfo")))
    for chapter in root.findall("chapter"):
        _walk(chapter, body)
    return body


def _walk(element: ET.Element, body: _Body) -> None:
    """Append the blocks under ``element`` in document order."""
    for child in element:
        if child.tag in _BLOCKS:
            _block(child, body)
        elif child.tag in _TABLES:
            _table(child, body)
        else:
            _walk(child, body)


def _block(element: ET.Element, body: _Body) -> None:
    """A paragraph or title: its inline text, with a table inside it as rows of their own."""
    parts = [element.text or ""]
    for child in element:
        if _has_table(child):
            _add_line(body, "".join(parts))
            parts = []
            if child.tag in _TABLES:
                _table(child, body)
            else:
                _walk(child, body)
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    _add_line(body, "".join(parts))


def _has_table(element: ET.Element) -> bool:
    """Whether ``element`` is a table or holds one."""
    return any(e.tag in _TABLES for e in element.iter())


def _table(element: ET.Element, body: _Body) -> None:
    """A table: each row as one line of tab-separated cells, and the rows as a Table."""
    rows = tuple(
        tuple(_cell(entry) for entry in row.iter("entry"))
        for row in element.iter("row")
    )
    body.tables.append(Table(f"表{len(body.tables) + 1}", rows))
    for row in rows:
        _add_line(body, row_line(row))


def _cell(entry: ET.Element) -> str:
    """A cell's text, its paragraphs on separate lines."""
    return "\n".join(line.strip() for line in "".join(entry.itertext()).splitlines() if line.strip())


def _add_line(body: _Body, text: str) -> None:
    """Append a block's text when it has any, its lines stripped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines:
        body.lines.append("\n".join(lines))


def _properties(bookinfo: ET.Element | None) -> dict[str, str]:
    """Title and author from the SummaryInformation, as far as they decode without loss."""
    if bookinfo is None:
        return {}
    author = bookinfo.find("author")
    found = {
        "title": bookinfo.findtext("title") or "",
        "author": " ".join(t.strip() for t in author.itertext() if t.strip()) if author is not None else "",
    }
    decoded = {key: _property(value) for key, value in found.items()}
    return {key: value for key, value in decoded.items() if value}


def _property(value: str) -> str | None:
    """A property string back from antiword's byte-by-byte cp1252 print; None when bytes were lost.

    antiword copies the property's bytes (UTF-8 from LibreOffice, GBK from Chinese Word and
    WPS) and prints each as its cp1252 character, or '?' where cp1252 has none (0x81, 0x8D,
    0x8F, 0x90, 0x9D), so a value with such a '?' cannot be restored and is dropped.
    """
    value = value.strip()
    if not value:
        return None
    if value.isascii():
        return value
    if "?" in value:
        return None
    try:
        raw = value.encode("cp1252")
    except UnicodeEncodeError:
        return None
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


# --- catdoc's extra lines: headers and footers ---------------------------------------------------


def _margins(catdoc_lines: list[str], body_lines: list[str]) -> list[str]:
    """The lines catdoc prints after the main text (headers, footers, notes, text boxes)."""
    body = _squash("".join(body_lines))
    found: list[str] = []
    # catdoc prints the main text first and the other stories after it, so walk back from the
    # end until a line of the body is met.
    for line in reversed(catdoc_lines):
        if _garbled(line):
            continue
        if _squash(line) in body or len(found) >= MAX_MARGIN_LINES:
            break
        if line not in found:
            found.append(line)
    return found[::-1]


def _squash(text: str) -> str:
    """Text without whitespace, so catdoc's and antiword's renderings of a line compare equal."""
    return re.sub(r"\s+", "", text)


def _garbled(line: str) -> bool:
    """Whether a catdoc line is mostly Latin-1 letters: 8-bit text it misread, such as '/Ö'."""
    text = _squash(line)
    latin = sum(1 for ch in text if 0x80 <= ord(ch) < 0x300 or ch == "\ufffd")
    return not text or latin * 3 > len(text)
