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


def _detect_chinese(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        raise DecodeFailed("no Chinese encoding fits")
    best = min(matches, key=lambda m: m.chaos)
    preferred = next((m for m in matches if m.encoding == _PREFERRED), None)
    if preferred is not None and preferred.chaos <= best.chaos + _CHAOS_TOLERANCE:
        best = preferred
    if best.chaos > _MAX_CHAOS:
        raise DecodeFailed(f"too much noise for {best.encoding}")
    return str(best), best.encoding
