"""Limits a file must stay within before a reader opens it, so one hostile file cannot exhaust memory."""

from __future__ import annotations

import zipfile

from archive_builder.inventory.readers.base import ReadFailed

#: An Office or OFD package may unpack to at most this many bytes in all ...
MAX_UNPACKED = 200 * 1024 * 1024
#: ... and no member may be more than this many times its compressed size (zip bombs reach 1000+).
MAX_RATIO = 200
#: Members this small are never judged by their ratio (a run of spaces compresses well).
_SMALL = 1024 * 1024


def check_zip(archive: zipfile.ZipFile) -> None:
    """Raise ReadFailed('scan.too_large') when the package would unpack beyond the budget."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _SMALL and ratio > MAX_RATIO:
            raise ReadFailed("scan.too_large", f"{info.filename}: {info.file_size} bytes packed {ratio:.0f}:1")
    if total > MAX_UNPACKED:
        raise ReadFailed("scan.too_large", f"{total} bytes unpacked")
