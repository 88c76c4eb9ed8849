"""Every piece of text a file holds where no reader shows it, so an original is copied only when it is clean.

A PDF keeps text outside its pages (document information, XMP metadata, annotations, bookmarks,
form fields, attachments); an OLE2 file (.doc, .wps, .xls, .et) keeps its title, author and
comments in the ``\\x05SummaryInformation`` and ``DocumentSummaryInformation`` streams, and Word's
comments and headers in the same text stream as the body; an Office or OFD package keeps
comments, properties and drawings in XML parts and may embed whole files (a workbook inside a
document), and the pictures any of them embed hold text a viewer reads (a scanned 身份证 pasted into
a Word file: read by OCR, :mod:`pictures`). :func:`hidden_text` returns all of it as text, so the
review can count the personal numbers there. A file whose hidden text cannot be gone through completely (a damaged structure,
more than the budget allows) raises :class:`Unchecked`: the caller keeps that original out.

Binary parts are scanned for the only text a personal number needs, digits: ASCII digits in any
8-bit encoding (GBK, cp1252, UTF-8), and UTF-16 digits (little- and big-endian, full-width ones
too), each run with the characters before it (the label that says what the number is).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from archive_builder.core.privacy import may_hold_number
from archive_builder.inventory.readers.base import ReadFailed
from archive_builder.inventory.readers.budget import MAX_UNPACKED, check_zip
from archive_builder.inventory.readers.pdf import (
    MAX_ANNOTATIONS,
    annotation_strings,
    pdf_document,
    pictures_on_text_pages,
)
from archive_builder.inventory.readers.pdfobjects import Unparsed, picture_or_font, read_objects
from archive_builder.inventory.readers.pictures import (
    MAX_PICTURES,
    Unreadable,
    decoded,
    is_raster,
    metadata_text,
    pictures_text,
)

#: Embedded files are opened this deep at most (a document in a workbook in a document).
MAX_DEPTH = 3
#: Bytes looked at, in all, for one file: more than this cannot be vouched for.
MAX_SCANNED = MAX_UNPACKED

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PARTS = (".xml", ".rels", ".vml", ".svg", ".xaml")
#: a run of digits with separators that could be a personal number, in an 8-bit encoding
_ASCII_RUN = re.compile(rb"[0-9][0-9Xx .+\-]{9,40}")
#: the same written in UTF-16 (ASCII and full-width digits), little- and big-endian
_UTF16LE_RUN = re.compile(rb"(?:[0-9]\x00|[\x10-\x19]\xff)(?:[0-9Xx .+\-]\x00|[\x10-\x19\x38\x58]\xff){9,40}")
_UTF16BE_RUN = re.compile(rb"(?:\x00[0-9]|\xff[\x10-\x19])(?:\x00[0-9Xx .+\-]|\xff[\x10-\x19\x38\x58]){9,40}")
_CONTEXT = 40  # bytes before a run kept, for the label (身份证号：, 项目编号 …)


class Unchecked(Exception):
    """The hidden text of a file could not be gone through completely; ``detail`` says why."""


class _Budget:
    """Bytes still allowed for one file's hidden text."""

    def __init__(self, limit: int = MAX_SCANNED) -> None:
        self.left = limit

    def take(self, size: int, what: str) -> None:
        self.left -= size
        if self.left < 0:
            raise Unchecked(f"{what}: more than {MAX_SCANNED} bytes to check")


def hidden_text(path: Path | str) -> str:
    """All text of the file at ``path`` that a reader may not show; raises Unchecked."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise Unchecked(str(exc)) from exc
    budget = _Budget()
    budget.take(len(data), str(path))
    try:
        return _text_of(data, budget, 0)
    except Unchecked:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever stops the scan, the file is not vouched for
        raise Unchecked(f"{type(exc).__name__}: {exc}"[:200]) from exc


def _text_of(data: bytes, budget: _Budget, depth: int) -> str:
    """The text of one file or embedded part, by what its first bytes say it is."""
    if depth > MAX_DEPTH:
        raise Unchecked(f"files embedded deeper than {MAX_DEPTH} levels")
    if data.startswith(b"PK\x03\x04"):
        return _package_text(data, budget, depth)
    if data.startswith(_OLE_MAGIC):
        return _ole_text(data, budget, depth)
    if b"%PDF" in data[:1024]:
        return _pdf_text(data, budget, depth)
    if is_raster(data):  # a picture's own text: compressed PNG chunks and XMP references are no digit runs
        metadata = _picture_metadata(data)
        runs = [line for line in digit_runs(data).splitlines()  # a number both give is counted once
                if not any(digits in metadata for digits in _DIGITS.findall(line))]
        return "\n".join([metadata, *runs])
    return digit_runs(data)


_DIGITS = re.compile(r"[0-9]{6,}")


def _picture_metadata(data: bytes) -> str:
    """A picture file's metadata text; one that does not open is not vouched for."""
    try:
        return metadata_text(data)
    except Unreadable as exc:
        raise Unchecked(str(exc)) from exc


def digit_runs(data: bytes) -> str:
    """Every run of digits in ``data`` that could be a personal number, with the text before it, one a line."""
    pieces: list[str] = []
    for pattern, encoding in ((_ASCII_RUN, "gb18030"), (_UTF16LE_RUN, "utf-16-le"), (_UTF16BE_RUN, "utf-16-be")):
        for match in pattern.finditer(data):
            start = match.start()
            if encoding != "gb18030":
                start -= (start - max(0, start - _CONTEXT)) & ~1  # whole UTF-16 units before the run
            else:
                start = max(0, start - _CONTEXT)
            pieces.append(data[start:match.end()].decode(encoding, "replace"))
    return "\n".join(pieces)


# --- zip packages: DOCX, XLSX, OFD, and what they embed ------------------------------------------------------


def _package_text(data: bytes, budget: _Budget, depth: int) -> str:
    """Text of every XML part (pieces apart and runs joined), and of every embedded file."""
    import io

    pieces: list[str] = []
    pictures = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive)
            for info in archive.infolist():
                if info.is_dir():
                    continue
                budget.take(info.file_size, info.filename)
                member = archive.read(info)
                if info.filename.lower().endswith(_XML_PARTS):
                    pieces.append(xml_text(member))
                elif is_raster(member):
                    pictures.append(decoded(member))  # a scan pasted into the document: its text by OCR
                    pieces.append(metadata_text(member))  # and what the picture says of itself (EXIF, XMP …)
                else:
                    pieces.append(_text_of(member, budget, depth + 1))
        pieces.append(pictures_text(pictures))
    except Unchecked:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged package cannot be vouched for
        raise Unchecked(f"{type(exc).__name__}: {exc}"[:200]) from exc
    return "\n".join(piece for piece in pieces if piece)


def xml_text(member: bytes) -> str:
    """The text of one XML part: each text node on its own, each element's runs joined, and the attribute
    values that may hold a number or a shown text, character references undone.

    A number may be split over runs (``<w:t>1410231997</w:t><w:t>08021016</w:t>``) that Word shows
    as one; joining the text of the runs under each paragraph-like element finds it too. Attributes hold
    text no reader shows: a picture's alt text (``descr``, ``title``), a tracked change's author, a link's
    target (``Target="tel:…"`` in the relationships, percent escapes undone too), a watermark's ``string``.
    Each value is a line of its own, after its name, so no two values read as one number.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(member, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return "\n".join([digit_runs(member), digit_runs(_references_undone(member)) if b"&#" in member else ""])
    nodes: list[str] = []
    attributes: list[str] = []
    groups: dict[object, list[str]] = {}  # the runs under each grandparent and great-grandparent, in order
    for element in root.iter():
        for piece in (element.text, element.tail):
            if piece and piece.strip():
                nodes.append(piece.strip())
                _add_to_groups(groups, element, piece)
        for key, value in element.attrib.items():
            attributes.extend(_attribute_lines(key, value))
    return "\n".join([" ".join(nodes), *("".join(g).strip() for g in groups.values()), *attributes])


#: attributes that hold text a person wrote even without a digit (a watermark, alt text)
_TEXT_ATTRIBUTES = frozenset(("string", "descr", "title", "alt", "author", "initials", "name"))


def _attribute_lines(key: str, value: str) -> list[str]:
    """An attribute as ``name=value`` lines when it may hold a number (a digit, a percent escape) or is text."""
    name = key.rsplit("}", 1)[-1]
    if not value.strip() or not (name in _TEXT_ATTRIBUTES or "%" in value or may_hold_number(value)):
        return []
    lines = [f"{name}={value}"]
    if "%" in value:
        from urllib.parse import unquote

        lines.append(f"{name}={unquote(value)}")
    return lines


_BYTE_REFERENCE = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")


def _references_undone(data: bytes) -> bytes:
    """Bytes with XML character references (``&#49;``, ``&#x31;``) written out as UTF-8."""
    def undo(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return chr(code).encode("utf-8", "replace") if code < 0x110000 else match.group(0)

    return _BYTE_REFERENCE.sub(undo, data)


def _add_to_groups(groups: dict[object, list[str]], element, piece: str) -> None:  # noqa: ANN001 - lxml
    """File ``piece`` under the element's grandparent and great-grandparent (a paragraph of runs)."""
    parent = element.getparent()
    for _ in range(2):
        parent = parent.getparent() if parent is not None else None
        if parent is None:
            return
        groups.setdefault(parent, []).append(piece)  # the element itself: an id() may be reused


# --- OLE2 compound files: .doc, .wps, .xls, .et --------------------------------------------------------------


def _ole_text(data: bytes, budget: _Budget, depth: int) -> str:
    """The digit runs of every stream (summary information, the Word text stream, the workbook, objects)."""
    try:
        streams = [stream for _, stream in ole_streams(data)]
    except (IndexError, ValueError) as exc:
        raise Unchecked(f"damaged compound file: {exc}") from exc
    pieces = []
    for stream in streams:
        budget.take(len(stream), "stream")
        embedded = stream.startswith((b"PK\x03\x04", _OLE_MAGIC)) or b"%PDF" in stream[:1024]
        pieces.append(_text_of(stream, budget, depth + 1) if embedded else digit_runs(stream))
    return "\n".join(piece for piece in pieces if piece)


def ole_streams(data: bytes):
    """Each stream of a compound file (MS-CFB) as (name, bytes), put together from its sectors.

    Raises IndexError or ValueError for a damaged file.
    """
    sector = 1 << int.from_bytes(data[30:32], "little")
    mini = 1 << int.from_bytes(data[32:34], "little")
    if sector not in (512, 4096) or mini != 64:
        raise ValueError("sector sizes")
    sectors = max(0, (len(data) - sector) // sector)
    fat = _fat(data, sector, sectors)
    directory = _chain(data, sector, fat, _u32(data, 48))
    cutoff = _u32(data, 56)
    minifat_raw = _chain(data, sector, fat, _u32(data, 60)) if _u32(data, 64) else b""
    minifat = [_u32(minifat_raw, i) for i in range(0, len(minifat_raw) - 3, 4)]
    root_stream = b""
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset:offset + 128]
        kind, start, size = entry[66], _u32(entry, 116), _u32(entry, 120)
        name = entry[:max(0, min(64, int.from_bytes(entry[64:66], "little")) - 2)].decode("utf-16-le", "replace")
        if kind == 5:
            root_stream = _chain(data, sector, fat, start)
        elif kind == 2 and size:
            if size < cutoff:
                yield name, _chain(root_stream, mini, minifat, start, base=0)[:size]
            else:
                yield name, _chain(data, sector, fat, start)[:size]


def _fat(data: bytes, sector: int, sectors: int) -> list[int]:
    """The file allocation table, from the header's DIFAT and any DIFAT sectors."""
    difat = [_u32(data, 76 + 4 * i) for i in range(109)]
    next_difat, seen = _u32(data, 68), 0
    while next_difat < 0xFFFFFFFA and seen <= sectors:
        block = data[(next_difat + 1) * sector:(next_difat + 2) * sector]
        difat += [_u32(block, i) for i in range(0, sector - 4, 4)]
        next_difat, seen = _u32(block, sector - 4), seen + 1
    fat: list[int] = []
    for index in difat:
        if index < 0xFFFFFFFA:
            block = data[(index + 1) * sector:(index + 2) * sector]
            fat += [_u32(block, i) for i in range(0, len(block) - 3, 4)]
    return fat


def _chain(data: bytes, size: int, fat: list[int], start: int, base: int = 1) -> bytes:
    """The bytes of a sector chain; a loop or a sector outside the file is a damaged file."""
    parts, seen, current = [], set(), start
    while current < 0xFFFFFFFA:
        if current in seen or current >= len(fat):
            raise ValueError(f"sector chain broken at {current}")
        seen.add(current)
        parts.append(data[(current + base) * size:(current + base + 1) * size])
        current = fat[current]
    return b"".join(parts)


def _u32(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset:offset + 4], "little")


# --- PDF: information, XMP, annotations, outlines, forms, attachments --------------------------------------


def _pdf_text(data: bytes, budget: _Budget, depth: int) -> str:
    """Digit runs of the file and of every stream that is not an image or a font, decoded; the text of every
    XML packet (XMP metadata, XFA forms), character references undone; the text of embedded files.

    The file's objects are parsed (:mod:`pdfobjects`): object streams (where PDF 1.5 keeps annotations and
    the information dictionary) are opened whatever the size of their dictionaries; a file whose structure
    cannot be gone through is Unchecked. Strings are literal ``(…)`` or hex ``<…>``, in PDFDocEncoding or
    UTF-16BE.
    """
    pieces = [_pdf_strings(data), _annotation_texts(data), _pictures_of_text_pages(data)]
    try:
        objects = read_objects(data, max(budget.left, 0))
    except Unparsed as exc:
        raise Unchecked(f"PDF structure: {exc}"[:200]) from exc
    for stream in objects.streams:
        if stream.decoded is None or picture_or_font(stream.dictionary):
            continue
        decoded = stream.decoded
        budget.take(len(decoded), "PDF stream")
        if decoded.startswith((b"PK\x03\x04", _OLE_MAGIC)) or b"%PDF" in decoded[:1024]:
            pieces.append(_text_of(decoded, budget, depth + 1))  # an attached workbook or document
            continue
        if stream.dictionary.get(b"Filter") is not None:
            pieces.append(_pdf_strings(decoded))
        if _looks_like_xml(decoded):
            pieces.append(xml_text(decoded))
    return "\n".join(piece for piece in pieces if piece)


def _annotation_texts(data: bytes) -> str:
    """The text of every annotation on every page as pdfium reads it (whatever its encoding in the file); ''
    for a file pdfium does not open (its reader fails too: the document is held, and its strings are read
    from its bytes all the same)."""
    lines: list[str] = []
    try:
        document = pdf_document(data)
    except ReadFailed:
        return ""
    with document as pdf:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                lines.extend(annotation_strings(page, MAX_ANNOTATIONS - len(lines)))
            finally:
                page.close()
            if len(lines) >= MAX_ANNOTATIONS:
                raise Unchecked(f"more than {MAX_ANNOTATIONS} annotations")
    return "\n".join(lines)


def _pictures_of_text_pages(data: bytes) -> str:
    """The OCR'd text of the pictures on the pages that have a text layer (a photo of a roster on a page of a
    typed notice); a page without one is OCR'd whole by the reader. '' for a file pdfium does not open."""
    try:
        document = pdf_document(data)
    except ReadFailed:
        return ""
    with document as pdf:
        try:
            return pictures_text(pictures_on_text_pages(pdf, MAX_PICTURES))
        except (Unreadable, ReadFailed) as exc:
            raise Unchecked(str(exc)) from exc


def _looks_like_xml(data: bytes) -> bool:
    """Whether a stream is an XML packet (XMP metadata, an XFA form part) rather than PDF syntax."""
    start = data[:4096].lstrip(b"\xef\xbb\xbf\x00\t\n\r ")
    return start.startswith(b"<") and not start.startswith(b"<<")


_LITERAL = re.compile(rb"\((?:\\.|[^\\()]){0,4000}\)", re.DOTALL)
_HEX = re.compile(rb"(?<!<)<([0-9A-Fa-f\s]{20,8000})>")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


#: a font's glyph widths (``/W [1 [500 600] 9494 9494 1000]``): numbers of PDF syntax, no text, that the
#: digit runs would read as a card number
_WIDTHS = re.compile(rb"/(?:W|W2|Widths)[\x00\t\n\x0c\r ]*\[[0-9.\x00\t\n\x0c\r \[\]+\-]*\]")


def _pdf_strings(data: bytes) -> str:
    """Digit runs of the bytes as they are (but for fonts' glyph widths), and every PDF string in them decoded that
    holds a digit or a Chinese numeral (a bookmark 一四一〇二三…)."""
    data = _WIDTHS.sub(b"\n", data)
    decoded = [_literal(m.group(0)[1:-1]) for m in _LITERAL.finditer(data)]
    for match in _HEX.finditer(data):
        digits = re.sub(rb"\s", b"", match.group(1))
        decoded.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
    strings = [_pdf_string(value) for value in decoded if value]
    return "\n".join([digit_runs(data), *(s for s in strings if may_hold_number(s))])


def _literal(body: bytes) -> bytes:
    r"""A literal string's bytes with its escapes (\n, \(, \061 octal) undone."""
    def undo(match: re.Match[bytes]) -> bytes:
        token = match.group(1)
        if token[:1] in (b"0", b"1", b"2", b"3", b"4", b"5", b"6", b"7"):
            return bytes([int(token, 8) & 0xFF])
        return _ESCAPES.get(token, token if token not in (b"\n", b"\r") else b"")

    return re.sub(rb"\\([0-7]{1,3}|.)", undo, body, flags=re.DOTALL)


def _pdf_string(value: bytes) -> str:
    """A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its own, else PDFDocEncoding."""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace")
    if value.startswith(b"\xef\xbb\xbf"):
        return value[3:].decode("utf-8", "replace")
    return value.decode("latin-1")
