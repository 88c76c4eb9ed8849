"""Plain text from every document type, cached by the file's SHA-256.

The cache holds the RAW text (``.archive-cache/text/<sha[:2]>/<sha>.json``), so an unchanged
file is never opened twice; privacy rules apply on the way out: personal numbers are masked
and a classification mark (秘密★1年 …) in the first lines is reported, every time the text is
read. A file that cannot be read becomes a Problem, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ArchiveError
from .i18n import t
from .model import IMAGE_TYPES, Document, Problem
from .parallel import warm

log = logging.getLogger(__name__)

#: Bump when extraction changes, so cached text from an older extractor is redone.
EXTRACTOR_VERSION = 1
#: A PDF with fewer visible characters than this per page has no usable text layer.
_MIN_CHARS_PER_PAGE = 5
_OCR_TIMEOUT = 300

_CJK_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*\r?\n[ \t]*(?=[\u4e00-\u9fff])")

Progress = Callable[[int, int], None]


@dataclass
class Extracted:
    """The (masked) text of one document and what we learnt while reading it."""

    text: str
    needs_ocr: bool
    from_cache: bool
    masked: int
    classification_mark: str | None


@dataclass
class ExtractReport:
    """Counters and per-document results of one extraction pass."""

    extracted: int = 0
    from_cache: int = 0
    needs_ocr: int = 0
    failed: int = 0
    results: dict[str, Extracted] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class ExtractFailed(Exception):
    """One file could not be read; the message is a short technical detail."""


# --- public API ----------------------------------------------------------------------------

def extract_text(doc: Document, cache_dir: Path, ocr: bool = False) -> Extracted:
    """Text of ``doc`` (masked), from the cache when its hash is known; raises ExtractFailed."""
    if ocr and doc.type in IMAGE_TYPES:
        require_ocr()
    cached = _read_cache(cache_dir, doc.sha256)
    from_cache = cached is not None and not (ocr and cached["needs_ocr"] and doc.type in IMAGE_TYPES)
    if from_cache:
        raw, needs_ocr = cached["text"], cached["needs_ocr"]  # type: ignore[index]
    else:
        raw, needs_ocr = _extract_raw(doc, ocr)
        _write_cache(cache_dir, doc.sha256, raw, needs_ocr)
    return _on_the_way_out(raw, needs_ocr, from_cache)


def extract_all(
    documents: Iterable[Document], cache_dir: Path, ocr: bool = False, progress: Progress | None = None,
) -> ExtractReport:
    """Extract every document; failures become problems, counters say what was done."""
    docs = list(documents)
    if ocr and any(d.type in IMAGE_TYPES for d in docs):
        require_ocr()
    report = ExtractReport()
    # Read uncached files on every core first; the ordered pass below then reads the cache.
    cold = {d.path for d in docs if _read_cache(cache_dir, d.sha256) is None}
    warm(_WarmText(cache_dir, ocr), [d for d in docs if d.path in cold])
    for number, doc in enumerate(docs, 1):
        _extract_one(doc, cache_dir, ocr, report, fresh=doc.path in cold)
        if progress:
            progress(number, len(docs))
    return report


class _WarmText:
    """Worker task: extract one document into the cache (errors are met again in the ordered pass)."""

    def __init__(self, cache_dir: Path, ocr: bool) -> None:
        self.cache_dir, self.ocr = cache_dir, ocr

    def __call__(self, doc: Document) -> None:
        extract_text(doc, self.cache_dir, self.ocr)


def _extract_one(doc: Document, cache_dir: Path, ocr: bool, report: ExtractReport, fresh: bool = False) -> None:
    """Extract one document into ``report``; ``fresh``: it was not cached when this run began."""
    try:
        result = extract_text(doc, cache_dir, ocr)
    except ExtractFailed as exc:
        report.failed += 1
        report.problems.append(Problem(doc.path, "warning", "extract.failed", {"detail": str(exc)}))
        return
    if fresh:
        result.from_cache = False
    report.results[doc.path] = result
    report.from_cache += result.from_cache
    report.extracted += not result.from_cache
    report.needs_ocr += result.needs_ocr


def ocr_available() -> bool:
    """Whether ``tesseract`` with the simplified-Chinese data is installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def require_ocr() -> None:
    """Raise an ArchiveError that says how to install OCR when it is missing."""
    if not ocr_available():
        raise ArchiveError(t("extract.no_ocr"))


# --- privacy on the way out ------------------------------------------------------------------

def _on_the_way_out(raw: str, needs_ocr: bool, from_cache: bool) -> Extracted:
    """Mask personal numbers and detect a classification mark in the raw text."""
    from . import privacy  # written alongside; imported here so this module always imports

    masked_text, count = privacy.mask_text(raw)
    mark = privacy.detect_classification(raw)
    return Extracted(masked_text, needs_ocr, from_cache, count, mark)


# --- the cache -------------------------------------------------------------------------------

def cache_path(cache_dir: Path, sha: str) -> Path:
    """Where the text of the file with hash ``sha`` is kept."""
    return Path(cache_dir) / "text" / sha[:2] / f"{sha}.json"


def _read_cache(cache_dir: Path, sha: str) -> dict[str, Any] | None:
    """The cached entry for ``sha`` if present, readable and from this extractor version."""
    try:
        data = json.loads(cache_path(cache_dir, sha).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != EXTRACTOR_VERSION:
        return None
    if not isinstance(data.get("text"), str):
        return None
    data["needs_ocr"] = bool(data.get("needs_ocr"))
    return data


def _write_cache(cache_dir: Path, sha: str, text: str, needs_ocr: bool) -> None:
    """Write one entry atomically (temp file + os.replace); a failed write only costs time."""
    path = cache_path(cache_dir, sha)
    entry = {"version": EXTRACTOR_VERSION, "needs_ocr": needs_ocr, "text": text}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entry, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("text cache not written for %s: %s", sha, exc)


# --- extractors ------------------------------------------------------------------------------

def _extract_raw(doc: Document, ocr: bool) -> tuple[str, bool]:
    """(raw text, needs_ocr) for one document, by type."""
    kind = doc.type
    try:
        if kind == "md" or kind == "txt":
            return _text_body(doc), False
        if kind == "csv":
            return _csv_text(_text_body(doc)), False
        if kind in IMAGE_TYPES:
            return (_ocr_image(doc.abspath), False) if ocr else ("", True)
        extractor = _EXTRACTORS.get(kind)
        if extractor is None:
            return "", False
        return extractor(doc.abspath)
    except ExtractFailed:
        raise
    except Exception as exc:  # the parsing libraries raise many kinds on damaged files
        raise ExtractFailed(_detail(exc)) from exc


def _detail(exc: BaseException) -> str:
    """A short one-line description of an exception."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return text or type(exc).__name__


def _text_body(doc: Document) -> str:
    """The decoded text the scanner kept; read and decode the file if it did not."""
    if doc.body is not None:
        return doc.body
    from .textio import DecodeFailed, decode_bytes

    try:
        return decode_bytes(Path(doc.abspath).read_bytes())[0]
    except (OSError, DecodeFailed) as exc:
        raise ExtractFailed(_detail(exc)) from exc


def _csv_text(body: str) -> str:
    """CSV as one line per row, cells separated by tabs."""
    rows = csv.reader(io.StringIO(body))
    return "\n".join(_row_line(row) for row in rows if any(str(c).strip() for c in row))


def _row_line(cells: Iterable[Any]) -> str:
    """One table row as text: empty cells dropped, the rest joined by tabs."""
    return "\t".join(_cell(c) for c in cells if _cell(c))


def _cell(value: Any) -> str:
    """A cell value as text (whole floats without .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _pdf_text(path: Path) -> tuple[str, bool]:
    """PDF text via pypdf, pdfminer.six when pypdf yields nothing; no text layer -> needs OCR."""
    pages = 1
    text = ""
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = max(len(reader.pages), 1)
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except Exception as exc:  # fall back below
        log.info("pypdf could not read %s: %s", path, exc)
    if not _has_text(text, pages):
        text = _pdfminer_text(path) or text
    return _join_wrapped_lines(text).strip(), not _has_text(text, pages)


def _join_wrapped_lines(text: str) -> str:
    """Undo PDF line wrapping inside Chinese text (农\n村 -> 农村), so words are found whole."""
    return _CJK_BREAK.sub("", text)


def _pdfminer_text(path: Path) -> str:
    """PDF text via pdfminer.six; raises ExtractFailed when it cannot read the file either."""
    try:
        from pdfminer.high_level import extract_text as pdfminer_extract

        return pdfminer_extract(str(path)) or ""
    except Exception as exc:
        raise ExtractFailed(_detail(exc)) from exc


def _has_text(text: str, pages: int) -> bool:
    """Whether a PDF's text layer holds real text (not just page numbers)."""
    visible = sum(1 for ch in text if not ch.isspace())
    return visible >= _MIN_CHARS_PER_PAGE * max(pages, 1) or visible >= 200


def _docx_text(path: Path) -> tuple[str, bool]:
    """Paragraphs and table cells of a Word document, in order."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            line = _row_line(_unique_cells(row.cells))
            if line:
                lines.append(line)
    return "\n".join(lines), False


def _unique_cells(cells: Iterable[Any]) -> list[str]:
    """Cell texts of a row, merged cells (repeated by python-docx) once."""
    seen: list[Any] = []
    texts = []
    for cell in cells:
        if any(cell._tc is other for other in seen):
            continue
        seen.append(cell._tc)
        texts.append(cell.text)
    return texts


def _xlsx_text(path: Path) -> tuple[str, bool]:
    """Every sheet of an xlsx workbook: its name, then one line per row."""
    import openpyxl

    book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in book.worksheets:
            lines.append(sheet.title)
            lines.extend(_rows_text(sheet.iter_rows(values_only=True)))
        return "\n".join(lines), False
    finally:
        book.close()


def _xls_text(path: Path) -> tuple[str, bool]:
    """Every sheet of an Excel 97-2003 workbook, one line per row."""
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True)
    try:
        lines = []
        for sheet in book.sheets():
            lines.append(sheet.name)
            lines.extend(_rows_text(sheet.row_values(i) for i in range(sheet.nrows)))
        return "\n".join(lines), False
    finally:
        book.release_resources()


def _rows_text(rows: Iterable[Iterable[Any]]) -> list[str]:
    """Non-empty rows as text lines."""
    return [line for line in (_row_line(row) for row in rows) if line]


def _ocr_image(path: Path) -> str:
    """Run tesseract (simplified Chinese + English) on one image."""
    try:
        out = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", "chi_sim+eng"],
            capture_output=True, text=True, timeout=_OCR_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ExtractFailed(_detail(exc)) from exc
    if out.returncode != 0:
        raise ExtractFailed(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "tesseract failed")
    return _join_cjk_spaces(out.stdout)


def _join_cjk_spaces(text: str) -> str:
    """Tesseract puts spaces between Chinese characters; remove them."""
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])", "", text).strip()


_EXTRACTORS: dict[str, Callable[[Path], tuple[str, bool]]] = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "xlsx": _xlsx_text,
    "xls": _xls_text,
}
