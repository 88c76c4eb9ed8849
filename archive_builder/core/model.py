"""Plain data passed forward through the pipeline: scan -> extract -> check -> render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from archive_builder.core.i18n import t
from archive_builder.core.privacy import mask_text, mask_value

Severity = Literal["error", "warning"]

#: Classification levels (密级), lowest first. The last three are never published.
CLASSIFICATIONS = ("公开", "内部", "秘密", "机密", "绝密")
SECRET_LEVELS = frozenset({"秘密", "机密", "绝密"})

#: File types the scanner accepts, by lower-case extension.
SUPPORTED_TYPES = (
    "md", "txt", "pdf", "docx", "doc", "wps", "xlsx", "xls", "et", "csv", "ofd", "jpg", "jpeg", "png", "tif", "tiff",
)
TEXT_TYPES = frozenset({"md", "txt", "csv"})
IMAGE_TYPES = frozenset({"jpg", "jpeg", "png", "tif", "tiff"})


@dataclass(frozen=True)
class Department:
    """A unit that delivers evidence (县财政局 …), with an ASCII id for URLs."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    code: str = ""  # 机构代码 used in 档号, e.g. CZJ


@dataclass(frozen=True)
class Category:
    """One of the six archive categories (发展规划 …)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class Problem:
    """Something wrong with one file or folder: where, what, how to fix it.

    ``code`` is a catalogue key; ``message`` and ``hint`` render it in the current language.
    """

    path: str
    severity: Severity
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def shown_path(self) -> str:
        """The path as every output prints it (console, reports, JSON, pages): personal numbers masked.

        ``path`` itself stays as found, so a problem can still be matched to its file and folder;
        masking a path twice changes nothing (a masked number's stars are no digits).
        """
        return mask_text(self.path)[0]

    @property
    def message(self) -> str:
        return t(f"{self.code}", **self.params)

    @property
    def hint(self) -> str:
        return t(f"{self.code}.hint", **self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.shown_path,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Document:
    """One evidence file with its merged metadata."""

    path: str  # relative to content/, POSIX separators, NFC
    abspath: Path
    type: str  # lower-case extension without dot
    title: str
    department: str  # department id
    category: str  # category id
    years: list[int]
    sha256: str
    size: int
    date: str | None = None  # ISO yyyy-mm-dd
    doc_no: str | None = None  # 文号
    author: str | None = None  # 责任者, when not the department
    school: str | None = None
    checklist: list[str] = field(default_factory=list)
    classification: str = "公开"
    classification_stated: bool = False  # 密级 written in metadata by a person (frontmatter, sidecar, _meta.yml)
    retention: str | None = None
    tags: list[str] = field(default_factory=list)
    pages: int | None = None  # stated 页数, else counted from the file
    file_pages: int | None = None  # counted from the file (PDF pages, DOCX app.xml)
    body: str | None = None  # Markdown body or decoded text, for text types
    encoding: str | None = None  # detected encoding of text files
    archive_no: str | None = None  # 档号 given by the clerk
    year_text: str | None = None  # the year as written where it came from ("2015-2016学年", a folder name)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown metadata keys, kept verbatim
    body_mark: str | None = None  # the mark the scan found atop ``body`` ("" for none); None: not looked for
    # Filled by the review stage (review.py) from the document's text:
    classification_mark: str | None = None  # 秘密/机密/绝密 (or 内部) printed in the first lines or naming a folder
    personal_numbers: int = 0  # ID, mobile and bank card numbers found (masked in every output)
    needs_ocr: bool = False  # a scan or image whose text could not be read (no OCR run, or nothing found)
    text_method: str | None = None  # born-digital, ocr or none (readers.Reading.method)
    ocr_confidence: float | None = None  # the OCR engine's mean confidence over the file
    head_confidence: float | None = None  # ... over the top of the first page, where a 密级 mark is printed
    read_error: str | None = None  # message key when the text could not be read at all

    @property
    def is_secret(self) -> bool:
        """Classified 秘密/机密/绝密 by metadata or by a mark in the text: never published."""
        return self.classification in SECRET_LEVELS or self.classification_mark in SECRET_LEVELS

    @property
    def is_internal(self) -> bool:
        """内部 (stated, or printed atop it): published only when the build asks for it."""
        return (self.classification == "内部" or self.classification_mark == "内部") and not self.is_secret

    @property
    def withheld_reason(self) -> str | None:
        """Why the document is never published, in the archive's own terms, or None."""
        if self.classification in SECRET_LEVELS:
            return f"密级: {self.classification}"
        if self.classification_mark in SECRET_LEVELS:
            return f"正文标有密级: {self.classification_mark}"
        return None

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def shown_path(self) -> str:
        """The path as the command line and reports print it: personal numbers in names masked."""
        return mask_text(self.path)[0]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (no body, no absolute path); personal numbers in names and fields masked."""

        data = asdict(self)
        data.pop("abspath")
        data.pop("body")
        data.pop("body_mark")  # the scan's reading of the body; the review's finding is classification_mark
        # every field, extra metadata too; a hash is no number of a person (and must stay exact)
        data = {key: value if key == "sha256" else mask_value(value) for key, value in data.items()}
        data["withheld"] = self.is_secret
        data["withheld_reason"] = self.withheld_reason
        return data


@dataclass
class SourceTable:
    """A data table under content/data/ (school registry, statistics)."""

    path: str
    abspath: Path
    type: str
    title: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; personal numbers in its path and title masked."""

        data = asdict(self)
        data.pop("abspath")
        return {key: value if key == "sha256" else mask_value(value) for key, value in data.items()}


@dataclass
class Inventory:
    """Everything the scan found: documents, source tables and problems."""

    documents: list[Document] = field(default_factory=list)
    tables: list[SourceTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suspected: list[str] = field(default_factory=list)  # files whose metadata states or may state a secret level
    texts_read: int = 0  # documents whose text the review read from their files (not from the cache)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
