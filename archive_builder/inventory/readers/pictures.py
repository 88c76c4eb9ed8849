"""The text drawn in the pictures a document embeds: a scanned 身份证 pasted into a Word file, a photo of a
roster put on a page of a text PDF. No text layer holds it, yet a viewer of the original (or of a page that
inlines the picture) reads it; the review counts its personal numbers like any other text.

Every picture big enough to hold a line of text is read by OCR, :data:`MAX_PICTURES` in one file at most:
a file with more, or with one that does not decode, cannot be vouched for (:class:`TooManyPictures`).
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from typing import Any

from archive_builder.inventory.readers import ocr

#: Pictures read in one file at most; a file with more keeps its original out of the site.
MAX_PICTURES = 12
#: Refuse pictures larger than this many pixels (a decompression bomb, not a scan: A4 at 600 dpi is 35 M).
MAX_PIXELS = 80_000_000
#: A picture smaller than this (in pixels) both ways holds no readable number: a bullet, an icon ...
MIN_SIDE = 48
#: ... and one lower (or narrower) than this holds no line of text: a rule, a border
MIN_LINE = 10
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
            if too_small(*image.size):
                return None
            return with_margin(image.convert("RGB"))
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds on damaged or hostile pictures
        raise Unreadable(f"{type(exc).__name__}: {exc}"[:200]) from exc


def too_small(width: int, height: int) -> bool:
    """Whether a picture of this size can hold no readable number (a bullet, an icon, a rule)."""
    return min(width, height) < MIN_LINE or max(width, height) < MIN_SIDE


def with_margin(image: Any) -> Any:
    """A picture lower (or narrower) than :data:`MIN_SIDE` with a white margin round it: one line cut from a
    form (900 × 40) is found by OCR only with room round its text."""
    from PIL import ImageOps

    if min(image.size) >= MIN_SIDE:
        return image
    return ImageOps.expand(image, border=MIN_SIDE // 2, fill="white")


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


#: EXIF tags Windows writes as UTF-16 (XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject)
_UTF16_TAGS = frozenset(range(0x9C9B, 0x9CA0))
#: the EXIF sub-directories whose values are text too (Exif, GPS, Interop)
_EXIF_DIRECTORIES = (0x8769, 0x8825, 0xA005)


def metadata_text(data: bytes) -> str:
    """The text a picture carries besides its pixels, one value a line: PNG text chunks (compressed ones
    inflated), comments, XMP (its character references undone), EXIF values (the UTF-16 ones of Windows and
    a UserComment's too). A viewer's 属性 shows all of it. Unreadable when the picture does not open."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            values = [value for key, value in image.info.items() if key not in ("icc_profile", "exif")]
            exif = image.getexif()
            found = [*exif.items(), *(item for directory in _EXIF_DIRECTORIES
                                      for item in exif.get_ifd(directory).items())]
            values += [_exif_text(tag, value) for tag, value in found]
    except Exception as exc:  # noqa: BLE001 - PIL raises many kinds on damaged or hostile pictures
        raise Unreadable(f"{type(exc).__name__}: {exc}"[:200]) from exc
    lines = [html.unescape(_decoded_text(value) if isinstance(value, bytes) else value)
             for value in values if isinstance(value, (str, bytes))]
    return "\n".join(line for line in lines if line.strip())


def _decoded_text(value: bytes) -> str:
    """Metadata bytes as text: UTF-8, else GB 18030 (a Chinese camera's or editor's comment), never failing."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return value.decode(encoding)
        except UnicodeDecodeError:
            continue
    return value.decode("latin-1")


def _exif_text(tag: int, value: Any) -> Any:
    if isinstance(value, bytes) and tag in _UTF16_TAGS:
        return value.decode("utf-16-le", "replace")
    if isinstance(value, bytes) and value.startswith(b"UNICODE\0"):
        return value[8:].decode("utf-16", "replace")
    if isinstance(value, bytes) and value[:8] in (b"ASCII\0\0\0", b"JIS\0\0\0\0\0"):
        return value[8:]
    return value
