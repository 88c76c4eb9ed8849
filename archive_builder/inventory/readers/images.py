"""Photos and scans: JPEG, PNG and TIFF (every frame of a multi-page TIFF), read by OCR."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive_builder.core import budgets
from archive_builder.inventory.readers.base import ReadFailed, Reading
from archive_builder.inventory.readers.pictures import MAX_PIXELS, Unreadable, metadata_text
from archive_builder.inventory.readers.scanned import recognise_images

#: Frames of a TIFF read at most (a person reviews longer ones).
MAX_FRAMES = budgets.MAX_OCR_PAGES

_MAGIC = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tiff": (b"II*\x00", b"MM\x00*"),
}


def sniff(head: bytes) -> str | None:
    """'jpeg', 'png' or 'tiff' from the file's signature, else None."""
    return next((kind for kind, magics in _MAGIC.items() if head.startswith(magics)), None)


def probe(data: bytes, ext: str) -> int:
    """Frames of an image whose signature matches its extension; ReadFailed otherwise."""
    expected = {"jpg": "jpeg", "tif": "tiff"}.get(ext, ext)
    if sniff(data[:16]) != expected:
        raise ReadFailed("scan.broken_image", f"not a {ext.upper()} image")
    return 1


def read(path: Path, *, ocr: bool = True) -> Reading:
    """The text of every frame, by OCR; with ``ocr`` False nothing is read (method 'none'). What the picture
    says of itself (EXIF, XMP, PNG text: 属性 › 详细信息 › 主题 = 机密) is its properties, where a mark is looked for."""
    properties = _metadata(path)
    frames = _frames(path) if ocr else []
    if not ocr:
        return Reading(kind="image", unit="page", method="none", count=None, properties=properties)
    summary = recognise_images(frames)
    found = any(text.strip() for text in summary.texts)
    return Reading(kind="image", units=tuple(summary.texts), unit="page",
                   head=summary.texts[0] if summary.texts else "", count=len(summary.texts),
                   method="ocr" if found else "none", confidence=summary.confidence,
                   head_confidence=summary.head_confidence or 0.0, properties=properties)


def _metadata(path: Path) -> dict[str, str]:
    """The picture's metadata text, a property a line (none when it cannot be read: the OCR reads the frames)."""
    try:
        lines = metadata_text(Path(path).read_bytes()).splitlines()
    except Unreadable:
        return {}
    return {f"metadata:{number}": line for number, line in enumerate(lines[:MAX_METADATA_LINES])}


#: metadata lines taken at most (a picture's properties are a few; a hostile one's are not read on and on)
MAX_METADATA_LINES = 200


def _frames(path: Path) -> list[Any]:
    """Every frame as an RGB image (EXIF rotation applied: phone photos are often stored sideways)."""
    from PIL import Image, ImageOps, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as image:
            frames = []
            for number, frame in enumerate(ImageSequence.Iterator(image)):
                if number >= MAX_FRAMES:
                    break
                frames.append(ImageOps.exif_transpose(frame).convert("RGB"))
            return frames
    except Image.DecompressionBombError as exc:
        raise ReadFailed("scan.too_large", str(exc)) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadFailed("scan.broken_image", str(exc)) from exc
