"""Decoding clerks' text files: UTF-8 (with or without BOM), UTF-16, GBK/GB18030, Big5.

A BOM or valid UTF-8 decides at once; otherwise charset-normalizer chooses among the
Chinese encodings. Detection is limited to those candidates because on short GBK text an
unrestricted detector prefers Korean or Big5 code pages (measured: 16 bytes of GBK came
back as cp949); between equally plausible readings GB18030 wins, as in a mainland archive.
"""

from __future__ import annotations

import codecs

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
    """Last resort when the detector rejects text heavy in symbols (e.g. rows split by ｜).

    Accepted only if GB18030 decodes it strictly and nearly every character is ordinary
    text: ASCII, common CJK ideographs, CJK or full-width punctuation.
    """
    try:
        text = data.decode(_PREFERRED)
    except UnicodeDecodeError as exc:
        raise DecodeFailed("no Chinese encoding fits") from exc
    ordinary = sum(1 for ch in text if _is_ordinary(ch))
    if not text or ordinary / len(text) < _PLAUSIBLE_SHARE:
        raise DecodeFailed("no Chinese encoding fits")
    return text, _PREFERRED


def _is_ordinary(ch: str) -> bool:
    code = ord(ch)
    return (
        (32 <= code < 127) or ch in "\t\r\n"
        or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
    )


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
    return str(best), best.encoding


def column_letter(index: int) -> str:
    """A spreadsheet column name from a 0-based index (0 -> A, 26 -> AA), as clerks see it in Excel."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
