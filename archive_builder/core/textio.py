"""Decoding clerks' text files: UTF-8 (with or without BOM), UTF-16, GBK/GB18030, Big5.

A BOM or valid UTF-8 decides at once; otherwise charset-normalizer chooses among the
Chinese encodings. Detection is limited to those candidates because on short GBK text an
unrestricted detector prefers Korean or Big5 code pages (measured: 16 bytes of GBK came
back as cp949); between equally plausible readings GB18030 wins, as in a mainland archive.
"""

from __future__ import annotations

import codecs

from archive_builder.core.privacy import detect_classification

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["gb18030", "big5"]
_PREFERRED = "gb18030"
_CHAOS_TOLERANCE = 0.05
_MAX_CHAOS = 0.35


class DecodeFailed(ValueError):
    """The bytes are not text in any encoding the archive accepts."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise DecodeFailed for binary or unknown encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    if b"\x00" in data:
        raise DecodeFailed("binary data (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_chinese(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeFailed(str(exc)) from exc


_PLAUSIBLE_SHARE = 0.95


def _plain_gb18030(data: bytes) -> tuple[str, str]:
    """Last resort when the detector rejects text heavy in symbols (e.g. rows split by ｜, 机密★5年).

    Accepted only if GB18030 (else Big5) decodes it strictly and nearly every character is
    ordinary text: ASCII, common CJK ideographs, GB2312's symbols, CJK or full-width punctuation.
    """
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        ordinary = sum(1 for ch in text if _is_ordinary(ch))
        if text and ordinary / len(text) >= _PLAUSIBLE_SHARE:
            return _marked_reading(data, text, encoding)
    raise DecodeFailed("no Chinese encoding fits")


def _is_ordinary(ch: str) -> bool:
    """ASCII text, a common CJK ideograph, or any character of GB2312 (its symbols ★ ※ ①, Ⅰ, ─ …)."""
    code = ord(ch)
    return (
        (32 <= code < 127) or ch in "\t\r\n"
        or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
        or _in_gb2312(ch)
    )


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _detect_chinese(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        return _plain_gb18030(data)
    best = min(matches, key=lambda m: m.chaos)
    preferred = next((m for m in matches if m.encoding == _PREFERRED), None)
    if preferred is not None and preferred.chaos <= best.chaos + _CHAOS_TOLERANCE:
        best = preferred
    if best.chaos > _MAX_CHAOS:
        raise DecodeFailed(f"too much noise for {best.encoding}")
    return _marked_reading(data, str(best), best.encoding)


def _marked_reading(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """The chosen reading, unless another Chinese encoding reads a classification mark that it does not.

    Short Big5 text (機密★5年) also decodes as GB18030 gibberish; taking the reading that shows the
    mark keeps a classified document from being published (it fails closed).
    """

    if detect_classification(text):
        return text, encoding
    for candidate in _CANDIDATES:
        try:
            other = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate != encoding and detect_classification(other):
            return other, candidate
    return text, encoding


def column_letter(index: int) -> str:
    """A spreadsheet column name from a 0-based index (0 -> A, 26 -> AA), as clerks see it in Excel."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
