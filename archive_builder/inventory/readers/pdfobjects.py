"""The objects and streams of a PDF, parsed from its bytes, for the checks that look inside a file's structure
(scripts and actions, hidden text): no byte window decides what a dictionary holds.

Every ``N G obj`` of the file is parsed as PDF syntax (dictionaries, arrays, strings with their escapes and
nesting, names with ``#xx`` escapes, comments); a dictionary followed by ``stream`` gives a stream, decoded
through its filters (Flate, ASCIIHex, ASCII85, RunLength; PNG predictors). Object streams (PDF 1.5) are
opened and their objects parsed too. What cannot be gone through completely raises :class:`Unparsed`: an
object stream that cannot be decoded, a stream dictionary whose filters or type are given indirectly, a
``stream`` keyword after a dictionary no object explains, more decoded bytes than the limit.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class Unparsed(Exception):
    """The structure of the file could not be gone through completely; the message says why."""


class Name(bytes):
    """A PDF name, ``#xx`` escapes undone, without its slash."""


@dataclass(frozen=True)
class Ref:
    number: int
    generation: int


@dataclass
class Stream:
    """One stream: its dictionary, its raw bytes (as far as the file goes) and its decoded bytes (None when its
    filters are not ones read here: a picture, a font)."""

    number: int
    dictionary: dict[bytes, Any]
    decoded: bytes | None


@dataclass
class Objects:
    """Every object found: bodies by number (a number may have several: updates, object streams), the streams."""

    bodies: dict[int, list[Any]] = field(default_factory=dict)
    streams: list[Stream] = field(default_factory=list)

    def add(self, number: int, value: Any) -> None:
        self.bodies.setdefault(number, []).append(value)


_WHITE = frozenset(b"\x00\t\n\x0c\r ")
_HEADER = re.compile(rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\x0c\r ]+([0-9]{1,5})[\x00\t\n\x0c\r ]+obj(?![A-Za-z0-9])")
_STREAM_WORD = re.compile(rb"(?<![A-Za-z0-9])stream(?![A-Za-z0-9])")
_NUMBER = re.compile(rb"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
_REF_TAIL = re.compile(rb"[\x00\t\n\x0c\r ]+([0-9]{1,5})[\x00\t\n\x0c\r ]+R(?![A-Za-z0-9])")
_NAME_BODY = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_WORD = re.compile(rb"[A-Za-z]+")
_SPACE = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)+")
_LINE_END = re.compile(rb"[\r\n]")
_STRING_STOP = re.compile(rb"[()\\]")
_LITERAL_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
MAX_NESTING = 64


def skip_space(data: bytes, pos: int) -> int:
    """The position of the next token: white space and comments skipped."""
    match = _SPACE.match(data, pos)
    return match.end() if match else pos


def parse(data: bytes, pos: int, depth: int = 0) -> tuple[Any, int]:
    """The object written at ``pos`` and where it ends; Unparsed when it is no PDF object."""
    if depth > MAX_NESTING:
        raise Unparsed("objects nested too deep")
    pos = skip_space(data, pos)
    if pos >= len(data):
        raise Unparsed("the file ends inside an object")
    byte = data[pos]
    if data.startswith(b"<<", pos):
        return _dictionary(data, pos + 2, depth)
    if byte == 0x5B:  # [
        items: list[Any] = []
        pos += 1
        while True:
            pos = skip_space(data, pos)
            if data.startswith(b"]", pos):
                return items, pos + 1
            item, pos = parse(data, pos, depth + 1)
            items.append(item)
    if byte == 0x28:  # (
        return _literal(data, pos + 1)
    if byte == 0x3C:  # <
        end = data.find(b">", pos)
        if end < 0:
            raise Unparsed("a hex string is not closed")
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", data[pos + 1:end])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()), end + 1
    if byte == 0x2F:  # /
        match = _NAME_BODY.match(data, pos + 1)
        assert match is not None
        return Name(_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(0))), match.end()
    number = _NUMBER.match(data, pos)
    if number:
        text = number.group(0)
        if b"." in text:
            return float(text), number.end()
        reference = _REF_TAIL.match(data, number.end())
        if reference and not text.startswith((b"+", b"-")):
            return Ref(int(text), int(reference.group(1))), reference.end()
        return int(text), number.end()
    word = _WORD.match(data, pos)
    if word and word.group(0) in (b"true", b"false", b"null"):
        return {b"true": True, b"false": False, b"null": None}[word.group(0)], word.end()
    raise Unparsed(f"unexpected bytes at {pos}")


def _dictionary(data: bytes, pos: int, depth: int) -> tuple[dict[bytes, Any], int]:
    found: dict[bytes, Any] = {}
    while True:
        pos = skip_space(data, pos)
        if data.startswith(b">>", pos):
            return found, pos + 2
        key, pos = parse(data, pos, depth + 1)
        if not isinstance(key, Name):
            raise Unparsed(f"a dictionary key is no name at {pos}")
        value, pos = parse(data, pos, depth + 1)
        found[bytes(key)] = value  # as pdfium: a later key replaces an earlier one


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    r"""A literal string from after its ``(``: nested parentheses kept, escapes (\n, \(, \061) undone."""
    out = bytearray()
    level = 1
    while True:
        stop = _STRING_STOP.search(data, pos)
        if stop is None:
            raise Unparsed("a string is not closed")
        out += data[pos:stop.start()]
        pos = stop.end()
        char = stop.group(0)
        if char == b"\\":
            if pos >= len(data):
                raise Unparsed("a string is not closed")
            octal = re.match(rb"[0-7]{1,3}", data[pos:pos + 3])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                pos += len(octal.group(0))
            elif data[pos] in (0x0A, 0x0D):
                pos += 2 if data.startswith(b"\r\n", pos) else 1
            else:
                out += _LITERAL_ESCAPES.get(data[pos], bytes([data[pos]]))
                pos += 1
        elif char == b"(":
            level += 1
            out += char
        else:
            level -= 1
            if level == 0:
                return bytes(out), pos
            out += char


def _stream_start(data: bytes, pos: int) -> int | None:
    """Where a stream's bytes start when the ``stream`` keyword follows ``pos`` (after its end of line, as pdfium
    skips the rest of that line); None when no stream follows."""
    pos = skip_space(data, pos)
    if not _STREAM_WORD.match(data, pos):
        return None
    line_end = _LINE_END.search(data, pos + 6)
    if line_end is None:
        return len(data)
    index = line_end.start()
    return index + 2 if data.startswith(b"\r\n", index) else index + 1


def read_objects(data: bytes, limit: int) -> Objects:
    """Every object of the file and of its object streams; streams decoded, ``limit`` decoded bytes at most."""
    found = Objects()
    explained: set[int] = set()
    left = [limit]
    work = 16 * len(data) + (1 << 20)  # bytes parsed, in all: headers inside long strings are parsed again
    for header in _HEADER.finditer(data):
        number = int(header.group(1))
        try:
            value, end = parse(data, header.end())
        except Unparsed:
            continue  # digits and "obj" inside some stream's bytes; a real object left unparsed is caught below
        work -= end - header.end()
        if work < 0:
            raise Unparsed("too many objects written inside one another")
        found.add(number, value)
        start = _stream_start(data, end) if isinstance(value, dict) else None
        if start is None:
            continue
        explained.add(skip_space(data, end))
        kept = value.get(b"Type") == b"ObjStm" or not picture_or_font(value)
        stream = Stream(number, value, _decode(value, data, start, left) if kept else None)
        found.streams.append(stream)
        if value.get(b"Type") == b"ObjStm" or isinstance(value.get(b"Type"), Ref):
            _open_object_stream(stream, found)
    for word in _STREAM_WORD.finditer(data):
        if word.start() not in explained and _after_dictionary(data, word.start()):
            raise Unparsed(f"a stream at {word.start()} whose dictionary could not be read")
    return found


def _in_place(data: bytes, number: int) -> Iterator[tuple[Any, int]]:
    """Each body of object ``number`` written in the file's own bytes (``N G obj``), parsed, and where it ends."""
    for header in re.finditer(rb"(?<![0-9])%d[\x00\t\n\x0c\r ]+[0-9]{1,5}[\x00\t\n\x0c\r ]+obj" % number, data):
        try:
            yield parse(data, header.end())
        except Unparsed:
            continue


def bodies_in_place(data: bytes, number: int) -> list[Any]:
    """The bodies of object ``number`` written in the file's own bytes (an update writes it again), parsed."""
    return [body for body, _ in _in_place(data, number)]


def streams_in_place(data: bytes, number: int, limit: int) -> list[bytes]:
    """The decoded bytes of each stream object ``number`` written in the file's own bytes (a stream is never
    inside an object stream); one whose filters are not read here is left out. Unparsed beyond ``limit``
    decoded bytes in all."""
    found = []
    left = [limit]
    for body, end in _in_place(data, number):
        start = _stream_start(data, end) if isinstance(body, dict) else None
        decoded = None if start is None else _decode(body, data, start, left)
        if decoded is None:
            continue
        limit -= len(decoded)  # a stream stored as it is counts too
        if limit < 0:
            raise Unparsed("more decoded stream bytes than the limit")
        found.append(decoded)
    return found


def _after_dictionary(data: bytes, pos: int) -> bool:
    """Whether the ``stream`` keyword at ``pos`` follows a dictionary's ``>>`` (white space or a comment between)."""
    at = pos
    while at > 0 and data[at - 1] in _WHITE:
        at -= 1
    if data[max(0, at - 2):at] == b">>":
        return True
    line = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
    return b"%" in data[line:at] and b">>" in data[line:at]


_FONT_SUBTYPES = frozenset((b"Type1C", b"CIDFontType0C", b"OpenType"))


def picture_or_font(dictionary: dict[bytes, Any]) -> bool:
    """Whether a stream is a picture or an embedded font program (not decoded: no name or text is read there)."""
    subtype = dictionary.get(b"Subtype")
    return subtype == b"Image" or subtype in _FONT_SUBTYPES or any(
        key in dictionary for key in (b"Length1", b"Length2", b"Length3"))


def _open_object_stream(stream: Stream, found: Objects) -> None:
    """The objects an object stream holds, parsed; Unparsed when it cannot be decoded or read."""
    if isinstance(stream.dictionary.get(b"Type"), Ref):
        raise Unparsed(f"object {stream.number}: a stream whose type is given indirectly")
    if stream.decoded is None:
        raise Unparsed(f"object stream {stream.number} is packed in a way not read here")
    first = stream.dictionary.get(b"First")
    if not isinstance(first, int) or first < 0:
        raise Unparsed(f"object stream {stream.number}: no /First")
    fields = stream.decoded[:first].split()
    try:
        pairs = [(int(fields[i]), int(fields[i + 1])) for i in range(0, len(fields) - 1, 2)]
    except ValueError as exc:
        raise Unparsed(f"object stream {stream.number}: a damaged header") from exc
    for number, offset in pairs:
        value, _ = parse(stream.decoded, first + offset)
        found.add(number, value)


_FLATE = (b"FlateDecode", b"Fl")
_HEX_FILTER = (b"ASCIIHexDecode", b"AHx")
_A85_FILTER = (b"ASCII85Decode", b"A85")
_RUN_LENGTH = (b"RunLengthDecode", b"RL")


def _decode(dictionary: dict[bytes, Any], data: bytes, start: int, left: list[int]) -> bytes | None:
    """A stream's bytes through its filters; None when one is not read here (DCT, JPX, LZW …) or fails."""
    filters = dictionary.get(b"Filter")
    params = dictionary.get(b"DecodeParms", dictionary.get(b"DP"))
    if isinstance(filters, Ref) or isinstance(params, Ref) or (
            isinstance(filters, list) and any(isinstance(f, Ref) for f in filters)) or (
            isinstance(params, list) and any(isinstance(p, Ref) for p in params)):
        raise Unparsed("a stream whose filters are given indirectly")
    chain = [] if filters is None else filters if isinstance(filters, list) else [filters]
    parms = params if isinstance(params, list) else [params] * len(chain)
    length = dictionary.get(b"Length")
    end = data.find(b"endstream", start)
    if isinstance(length, int) and 0 <= length <= len(data) - start:
        end = start + length
    body = data[start:end if end >= 0 else len(data)]
    for index, name in enumerate(chain):
        if not isinstance(name, Name):
            return None
        given = parms[index] if index < len(parms) else None
        parm: dict[bytes, Any] = given if isinstance(given, dict) else {}
        try:
            if name in _FLATE:
                inflater = zlib.decompressobj()
                out = inflater.decompress(memoryview(data)[start:] if index == 0 else body, left[0] + 1)
            elif name in _HEX_FILTER:
                digits = re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">", 1)[0])
                out = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
            elif name in _A85_FILTER:
                text = re.sub(rb"\s", b"", body.split(b"~>", 1)[0])
                out = base64.a85decode(text.removeprefix(b"<~") + b"~>", adobe=False)
            elif name in _RUN_LENGTH:
                out = _run_length(body)
            else:
                return None
        except (zlib.error, ValueError):
            return None
        left[0] -= len(out)
        if left[0] < 0:
            raise Unparsed("more decoded stream bytes than the limit")
        body = _unpredicted(out, parm)
    return body


def _run_length(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body):
        count = body[pos]
        if count == 128:
            break
        if count < 128:
            out += body[pos + 1:pos + 2 + count]
            pos += 2 + count
        else:
            out += body[pos + 1:pos + 2] * (257 - count)
            pos += 2
    return bytes(out)


def _unpredicted(out: bytes, parm: dict[bytes, Any]) -> bytes:
    """Bytes with a PNG predictor undone (rows of a filter byte and Columns × Colors × bits); other predictors
    are refused."""
    predictor = parm.get(b"Predictor", 1)
    if predictor in (1, None):
        return out
    if not isinstance(predictor, int) or predictor < 10:
        raise ValueError("a predictor not read here")
    colors, bits, columns = (parm.get(b"Colors", 1), parm.get(b"BitsPerComponent", 8), parm.get(b"Columns", 1))
    if not all(isinstance(v, int) and 0 < v < 1 << 16 for v in (colors, bits, columns)):
        raise ValueError("predictor parameters")
    pixel = max(1, colors * bits // 8)
    width = (colors * bits * columns + 7) // 8
    rows, previous = bytearray(), bytearray(width)
    for at in range(0, len(out), width + 1):
        kind, row = out[at], bytearray(out[at + 1:at + 1 + width].ljust(width, b"\0"))
        for i in range(width):
            left = row[i - pixel] if i >= pixel else 0
            up = previous[i]
            corner = previous[i - pixel] if i >= pixel else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                row[i] = (row[i] + near[2]) & 0xFF
            elif kind != 0:
                raise ValueError("a damaged predictor row")
        rows += row
        previous = row
    return bytes(rows)
