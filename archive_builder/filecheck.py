"""Checks that a binary file really is what its extension says, and counts its pages.

Each checker takes the file's bytes and returns a ``FileCheck``; none raises. The result is
cached by the file's hash, so an unchanged file is opened once.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import asdict, dataclass
from typing import Any, Callable

log = logging.getLogger(__name__)


@dataclass
class FileCheck:
    """Whether the file opens, its page count if known, and the problem code if not."""

    ok: bool = True
    pages: int | None = None
    problem: str | None = None  # catalogue key, e.g. scan.broken_pdf
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _broken(code: str, exc: BaseException | str) -> FileCheck:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return FileCheck(ok=False, problem=code, detail=detail)


def check_pdf(data: bytes) -> FileCheck:
    """A PDF opens with pypdf and is not locked with a password."""
    if b"%PDF" not in data[:1024]:
        return _broken("scan.broken_pdf", "no PDF header")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return FileCheck(ok=False, problem="scan.encrypted_pdf")
        return FileCheck(pages=len(reader.pages))
    except Exception as exc:  # pypdf raises many kinds on damaged files
        return _broken("scan.broken_pdf", exc)


def check_docx(data: bytes) -> FileCheck:
    """A DOCX is a zip with a Word document inside that python-docx can open."""
    try:
        import docx

        docx.Document(io.BytesIO(data))
        return FileCheck(pages=_docx_pages(data))
    except Exception as exc:
        return _broken("scan.broken_docx", exc)


def _docx_pages(data: bytes) -> int | None:
    """Page count Word recorded in docProps/app.xml (absent when another program wrote the file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            app = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return None
    match = re.search(r"<Pages>(\d+)</Pages>", app)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def check_xlsx(data: bytes) -> FileCheck:
    """An XLSX workbook opens with openpyxl."""
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        workbook.close()
        return FileCheck()
    except Exception as exc:
        return _broken("scan.broken_xlsx", exc)


def check_xls(data: bytes) -> FileCheck:
    """A legacy XLS workbook opens with xlrd."""
    try:
        import xlrd

        xlrd.open_workbook(file_contents=data, on_demand=True).release_resources()
        return FileCheck()
    except Exception as exc:
        return _broken("scan.broken_xls", exc)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_doc(data: bytes) -> FileCheck:
    """A legacy Word .doc is an OLE compound file."""
    if data.startswith(_OLE_MAGIC):
        return FileCheck()
    if data.startswith(b"PK"):
        return _broken("scan.doc_is_docx", "zip container")
    return _broken("scan.broken_doc", "not a Word 97-2003 file")


_IMAGE_MAGIC = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
}


def check_image(data: bytes, kind: str) -> FileCheck:
    """An image starts with its format's signature."""
    if data.startswith(_IMAGE_MAGIC[kind]):
        return FileCheck()
    return _broken("scan.broken_image", f"not a {kind.upper()} image")


CHECKERS: dict[str, Callable[[bytes], FileCheck]] = {
    "pdf": check_pdf,
    "docx": check_docx,
    "xlsx": check_xlsx,
    "xls": check_xls,
    "doc": check_doc,
    **{kind: (lambda data, kind=kind: check_image(data, kind)) for kind in _IMAGE_MAGIC},
}
