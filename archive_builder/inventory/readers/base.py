"""The one value every reader returns, and the errors a reader may raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: How a reading's text was obtained.
Method = Literal["born-digital", "ocr", "none"]


@dataclass(frozen=True)
class Table:
    """One table of a file: a sheet of a workbook, a CSV, a table in a Word document."""

    name: str
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Reading:
    """What a reader got out of one file, as plain values.

    ``units`` are the text by page (PDF, OFD, scans, TIFF frames) or by paragraph block (text,
    Word, sheets); ``head`` is the text where a classification mark is printed (first page,
    headers, first table, document properties) so the review stage can look there first.
    ``confidence`` is the OCR engine's mean line confidence over the whole file and
    ``head_confidence`` over the top of its first page; both are None for born-digital text.
    """

    kind: str  # the format family the file really is (pdf, docx, ofd, doc, sheet, image, text)
    units: tuple[str, ...] = ()
    unit: Literal["page", "paragraph", "sheet"] = "paragraph"
    head: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    count: int | None = None  # pages or sheets
    method: Method = "born-digital"
    confidence: float | None = None
    head_confidence: float | None = None

    @property
    def text(self) -> str:
        """All the text, units separated by blank lines."""
        return "\n\n".join(u for u in self.units if u)

    @property
    def has_text(self) -> bool:
        return any(not ch.isspace() for u in self.units for ch in u)


def property_lines(properties: dict[str, str]) -> list[str]:
    """The head lines of the properties: each value on its own (a bare 机密 is a mark), and one a person named
    (``custom:密级``, a PDF's ``info:Security``) also after its name (密级: 机密, as Word shows it)."""
    lines = []
    for key, value in properties.items():
        lines.append(value)
        if key.startswith(("custom:", "info:", "xmp:")):
            lines.append(f"{key.split(':', 1)[1]}: {value}")
    return lines


class ReadFailed(Exception):
    """A file could not be read. ``code`` is a message key (scan.broken_pdf …), ``detail`` technical."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


class ReaderMissing(ReadFailed):
    """The program or library a format needs is not installed; the message says which."""
