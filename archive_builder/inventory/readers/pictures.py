"""The text drawn in the pictures a document embeds: a scanned 身份证 pasted into a Word file, a photo of a
roster put on a page of a text PDF. No text layer holds it, yet a viewer of the original (or of a page that
inlines the picture) reads it; the review counts its personal numbers like any other text.

Every picture big enough to hold a line of text is read by OCR, :data:`MAX_PICTURES` in one file at most:
a file with more, or with one that does not decode, cannot be vouched for (:class:`TooManyPictures`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from archive_builder.inventory.readers import ocr
from archive_builder.inventory.readers.images import MAX_PIXELS

#: Pictures read in one file at most; a file with more keeps its original out of the site.
MAX_PICTURES = 12
#: A picture narrower or lower than this (in pixels) holds no readable number: a bullet, a rule, an icon.
MIN_SIDE = 48
#: Signatures of the raster formats Office and OFD packages embed (EMF/WMF keep their text as records,
#: which the digit scan of the hidden text reads).
_RASTER = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


class Unreadable(Exception):
    """A picture could not be read, or there were too many: the file's pictures are not vouched for."""


def is_raster(data: bytes) -> bool:
    """Whether ``data`` starts as a PNG, JPEG, GIF, BMP, TIFF or WebP picture."""
    return data.startswith(_RASTER) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def decoded(data: bytes) -> Any:
    """The picture in ``data`` as an RGB image, or None when it is too small to hold text; Unreadable when
    it does not decode or is bigger than any scan (a decompression bomb)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if min(image.size) < MIN_SIDE:
                return None
            return image.convert("RGB")
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds on damaged or hostile pictures
        raise Unreadable(f"{type(exc).__name__}: {exc}"[:200]) from exc


def pictures_text(images: Iterable[Any]) -> str:
    """The OCR'd text of ``images`` (None entries skipped), one picture a block; Unreadable beyond
    :data:`MAX_PICTURES` or without the OCR engine."""
    shown = [image for image in images if image is not None]
    if not shown:
        return ""
    if len(shown) > MAX_PICTURES:
        raise Unreadable(f"more than {MAX_PICTURES} pictures to read")
    if not ocr.available():
        raise Unreadable("no OCR engine to read the pictures")
    return "\n".join(ocr.recognise(image).text for image in shown)
