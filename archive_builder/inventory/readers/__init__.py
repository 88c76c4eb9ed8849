"""Readers: every format a county files, read into one plain value (:class:`Reading`).

One module per format family, one registry keyed by extension and checked against the file's
own signature. No other module of the package imports a format library; the review stage asks
:func:`read` for text, the scan asks :func:`probe` whether a file opens and how many pages it has.

| family | extensions | how |
|---|---|---|
| text | md, txt | any Chinese encoding (textio) |
| csv | csv | decoded, delimiter sniffed |
| pdf | pdf | pypdfium2 text layer; pages without one rendered and OCR'd |
| docx | docx | python-docx (body, tables, headers, footers, properties); mammoth for HTML |
| legacy | doc, wps | Debian's antiword (Word 97-2003 binary, which WPS Writer also writes) |
| sheet | xlsx, xls, et | python-calamine |
| image | jpg, jpeg, png, tif, tiff | OCR of every frame |
| ofd | ofd | zipfile + lxml (GB/T 33190 package) |
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from archive_builder.core.budgets import MAX_TEXT_BYTES
from archive_builder.core.i18n import t
from archive_builder.inventory.readers import docx, images, legacy, ofd, pdf, sheets, text
from archive_builder.inventory.readers.base import ReaderMissing, ReadFailed, Reading, Table

__all__ = [
    "FAMILIES",
    "Probe",
    "ReadFailed",
    "ReaderMissing",
    "Reading",
    "Table",
    "family_of",
    "probe",
    "read",
    "sniff",
]

FAMILIES: dict[str, str] = {
    "md": "text", "txt": "text", "csv": "csv", "pdf": "pdf", "docx": "docx", "doc": "legacy", "wps": "legacy",
    "xlsx": "sheet", "xls": "sheet", "et": "sheet", "ofd": "ofd",
    "jpg": "image", "jpeg": "image", "png": "image", "tif": "image", "tiff": "image",
}
#: Families whose text may have to come from OCR.
SCANNED_FAMILIES = frozenset({"pdf", "image"})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BROKEN = {"pdf": "scan.broken_pdf", "docx": "scan.broken_docx", "legacy": "scan.broken_doc",
           "sheet": "scan.broken_xlsx", "ofd": "scan.broken_ofd", "image": "scan.broken_image"}


@dataclass(frozen=True)
class Probe:
    """Whether a file opens as its extension says, and its page (or sheet) count when known."""

    ok: bool = True
    pages: int | None = None
    problem: str | None = None  # message key, e.g. scan.broken_pdf
    detail: str = ""


def family_of(ext: str) -> str | None:
    """The format family of a lower-case extension (without dot), or None when unsupported."""
    return FAMILIES.get(ext)


def sniff(data: bytes) -> str | None:
    """The format family a file's first bytes say it is (None: no signature, e.g. text)."""

    if b"%PDF" in data[:1024]:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return _ole_family(data)
    if data.startswith(b"PK\x03\x04"):
        return _zip_family(data)
    return "image" if images.sniff(data[:16]) else None


def _ole_family(data: bytes) -> str:
    """An OLE2 compound file: Excel ('sheet') or Word/WPS ('legacy') by its directory entries."""

    return "sheet" if legacy.sniff(data[:65536]) == "xls" else "legacy"


def _zip_family(data: bytes) -> str | None:
    """A zip package: DOCX, XLSX or OFD by its members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "sheet"
    if "OFD.xml" in names or "ofd.xml" in {n.lower() for n in names}:
        return "ofd"
    return None


def probe(data: bytes, ext: str) -> Probe:
    """Whether the bytes open as the format ``ext`` names; never raises."""
    family = family_of(ext)
    try:
        return Probe(pages=_probe(data, ext, family))
    except ReadFailed as exc:
        return Probe(ok=False, problem=exc.code, detail=exc.detail[:200])
    except Exception as exc:  # noqa: BLE001 - a reader's library failed on a damaged file
        return Probe(ok=False, problem=_BROKEN.get(family or "", "scan.broken_file"),
                     detail=str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)


def _probe(data: bytes, ext: str, family: str | None) -> int | None:

    if family == "pdf":
        return pdf.probe(data)
    if family == "docx":
        return docx.probe(data)
    if family == "sheet":
        sheets.probe(data, ext)
        return None  # a workbook has sheets, not pages: its 页数 comes from metadata
    if family == "image":
        return images.probe(data, ext)
    if family == "legacy":
        _probe_legacy(data)
        return None
    if family == "ofd":
        if sniff(data) != "ofd":
            raise ReadFailed("scan.broken_ofd", "not an OFD package (no OFD.xml)")
        return None
    return None


def _probe_legacy(data: bytes) -> None:
    """A .doc or .wps must be an OLE2 compound file (a renamed DOCX is named as such)."""
    if data.startswith(_OLE_MAGIC):
        return
    if data.startswith(b"PK"):
        raise ReadFailed("scan.doc_is_docx", "zip container")
    raise ReadFailed("scan.broken_doc", "not a Word 97-2003 or WPS file")


def table_rows(path: Path) -> list[list[object]]:
    """The rows of a data table (a CSV in any Chinese encoding, or a workbook's first sheet), header first.

    Cells come as the statistics expect them: empty cells None, whole numbers int, text as written.
    """

    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext == "csv":
        decoded, _ = text.decode(path.read_bytes())
        return [list(row) for row in text.csv_rows(decoded.lstrip("\ufeff"))]
    tables = sheets.read_tables(path, ext)
    return [[_cell(value) for value in row] for row in tables[0].rows] if tables else []


def _cell(value: object) -> object:
    """A workbook cell as openpyxl would give it (calamine reads every number as a float, blanks as '')."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read(path: Path, ext: str, *, ocr: bool = True) -> Reading:
    """Read one file with the reader its content (else its extension) calls for; raises ReadFailed."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(65536)
    family = sniff(head) if family_of(ext) not in ("text", "csv") else None
    family = family or family_of(ext)
    reading = _read(path, ext, family, ocr)
    characters = sum(len(unit) for unit in reading.units)
    if characters > MAX_TEXT_BYTES:  # a workbook's cells may all show one long string: small file, endless text
        raise ReadFailed("scan.too_large", t("budget.text_too_long", characters=f"{characters:,}",
                                             limit=f"{MAX_TEXT_BYTES:,}"))
    return reading


def _read(path: Path, ext: str, family: str | None, ocr: bool) -> Reading:

    if family == "text":
        return text.read(path)
    if family == "csv":
        return text.read_csv(path)
    if family == "pdf":
        return pdf.read(path, ocr=ocr)
    if family == "docx":
        return docx.read(path, ocr=ocr)
    if family == "sheet":
        return sheets.read(path, ext)
    if family == "image":
        return images.read(path, ocr=ocr)
    if family == "legacy":

        return legacy.read(path)
    if family == "ofd":

        return ofd.read(path, ocr=ocr)
    raise ReadFailed("scan.unsupported_type", ext)
