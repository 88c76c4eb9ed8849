"""The text of every document, through the readers, cached by the file's SHA-256 — masked.

The cache (``.archive-cache/text/<sha[:2]>/<sha>.json``) never holds a personal number: the text is
masked, and what the review needs from the raw text (the classification mark, how many numbers
were masked, how the text was obtained and how sure OCR was) is worked out once, when the file is
read, and stored beside it. An entry is valid for one file hash and one version of the readers and
the privacy rules. A file that cannot be read becomes a Problem, never a traceback.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from archive_builder.core import budgets, cache, privacy
from archive_builder.core.cache import Store
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t
from archive_builder.core.model import CLASSIFICATIONS, SECRET_LEVELS, Document, Problem
from archive_builder.core.parallel import warm
from archive_builder.inventory import metadata as meta
from archive_builder.inventory import readers
from archive_builder.inventory.readers import ocr, text
from archive_builder.inventory.readers.base import property_lines
from archive_builder.inventory.readers.cells import masked_figures
from archive_builder.review.policy import hidden_numbers, name_mark, scripted

log = logging.getLogger(__name__)

#: Bump when extraction changes, so cached text from an older reader is redone.
EXTRACTOR_VERSION = 30

Progress = Callable[[int, int], None]


@dataclass
class Extracted:
    """The masked text of one document and what was learnt from its raw text."""

    text: str
    needs_ocr: bool  # a scan whose text could not be read (OCR not run, or it found nothing)
    from_cache: bool
    masked: int
    classification_mark: str | None
    method: str = "born-digital"
    confidence: float | None = None
    head_confidence: float | None = None
    ocr_tried: bool = False  # whether OCR was allowed when the text was read
    text_withheld: bool = False  # a classified document's: its words are kept nowhere, only that it is held
    active: bool = False  # a PDF with scripts or actions: its original is never copied into the site


@dataclass
class ExtractReport:
    """Counters and per-document results of one extraction pass."""

    extracted: int = 0
    from_cache: int = 0
    needs_ocr: int = 0
    failed: int = 0
    results: dict[str, Extracted] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # path -> why its text could not be read
    problems: list[Problem] = field(default_factory=list)


class ExtractFailed(Exception):
    """One file could not be read; ``code`` is the reader's message key, the message a short detail."""

    def __init__(self, detail: str, code: str = "extract.failed") -> None:
        super().__init__(detail)
        self.code = code

    def __reduce__(self) -> tuple[Any, ...]:  # raised in the reader worker, re-raised here with its code
        return type(self), (str(self), self.code)


# --- public API ----------------------------------------------------------------------------

def extract_text(doc: Document, cache_dir: Path, ocr: bool = True) -> Extracted:
    """Text of ``doc`` (masked), from the cache when its hash is known; raises ExtractFailed.

    A document whose metadata classifies it (密级 秘密/机密/绝密 in its front matter or sidecar) has no text:
    neither the cache nor the caller gets its words, only the findings that show it is held.
    """
    cached = _usable_cache(cache_dir, doc, ocr)
    if cached is not None:
        if _secret_by_metadata(doc) and not cached.text_withheld:  # read before its metadata classified it
            cached.text, cached.text_withheld = "", True
            _write_cache(cache_dir, doc.sha256, cached)
        cached.from_cache = True
        return cached
    result = _extract_within_budget(doc, ocr, cache_dir)
    if _secret_by_metadata(doc):
        result.text, result.text_withheld = "", True
    _write_cache(cache_dir, doc.sha256, result)
    return result


def withhold_texts(cache_dir: Path, documents: Iterable[Document]) -> None:
    """Drop the cached text of each document whose metadata now classifies it (read while it was 公开)."""
    for doc in documents:
        if not _secret_by_metadata(doc):
            continue
        cached = _read_cache(cache_dir, doc.sha256)
        if cached is not None and not cached.text_withheld:
            cached.text, cached.text_withheld = "", True
            _write_cache(cache_dir, doc.sha256, cached)


def _secret_by_metadata(doc: Document) -> bool:
    return doc.classification in SECRET_LEVELS


def _usable_cache(cache_dir: Path, doc: Document, ocr: bool) -> Extracted | None:
    """The cached entry of ``doc`` unless it must be read again: OCR now allowed for a scan it could not
    read, or its text withheld while the metadata that classified it has since been changed."""
    cached = _read_cache(cache_dir, doc.sha256)
    if cached is None or (ocr and cached.needs_ocr and not cached.ocr_tried):
        return None
    if cached.text_withheld and not _secret_by_metadata(doc):
        return None
    return cached


def extract_all(
    documents: Iterable[Document], cache_dir: Path, ocr: bool = True, progress: Progress | None = None,
) -> ExtractReport:
    """Extract every document; failures become problems, counters say what was done."""
    docs = list(documents)
    report = ExtractReport()
    # Read uncached files on every core first; the ordered pass below then reads the cache.
    cold = {d.path for d in docs if _needs_reading(cache_dir, d, ocr)}
    warm(_WarmText(cache_dir, ocr), [d for d in docs if d.path in cold], min_items=_min_items(docs, cold))
    for number, doc in enumerate(docs, 1):
        _extract_one(doc, cache_dir, ocr, report, fresh=doc.path in cold)
        if progress:
            progress(number, len(docs))
    budgets.stop_worker()  # what it read is cached: give its memory back for the rest of the build
    return report


def _needs_reading(cache_dir: Path, doc: Document, ocr: bool) -> bool:
    return _usable_cache(cache_dir, doc, ocr) is None


def _min_items(docs: list[Document], cold: set[str]) -> int | None:
    """Scans are worth a worker each (seconds of OCR); other files only in bulk."""
    scans = sum(1 for d in docs if d.path in cold and readers.family_of(d.type) in readers.SCANNED_FAMILIES)
    return 2 if scans >= 2 else None


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
        report.errors[doc.path] = str(exc) or t(exc.code)
        report.problems.append(Problem(doc.path, "warning", "extract.failed", {"detail": str(exc)}))
        return
    if fresh:
        result.from_cache = False
    report.results[doc.path] = result
    report.from_cache += result.from_cache
    report.extracted += not result.from_cache
    report.needs_ocr += result.needs_ocr


def ocr_available() -> bool:
    """Whether the OCR engine (rapidocr, models inside its wheel) can be loaded."""

    return bool(ocr.available())


def require_ocr() -> None:
    """Raise an ArchiveError that says how to install OCR when it is missing."""
    if not ocr_available():
        raise ArchiveError(message("extract.no_ocr"))


# --- reading, and privacy on the way into the cache ------------------------------------------------

def _extract_within_budget(doc: Document, ocr: bool, cache_dir: Path) -> Extracted:
    """``_extract`` in the reader worker, within the time and memory one file may take (budgets.py).

    Text the scan decoded goes there too: turning Markdown into plain words and finding marks and
    numbers are regular expressions, and one pathological body must not stall the build.
    """
    known = _over_budget_before(cache_dir, doc.sha256)
    if known is not None:
        raise ExtractFailed(str(known), "scan.too_large")
    scanned = ocr and readers.family_of(doc.type) in readers.SCANNED_FAMILIES
    try:
        return budgets.bounded(_extract, doc, ocr, seconds=budgets.read_seconds(doc.file_pages, scanned))
    except budgets.OverBudget as exc:
        _remember_over_budget(cache_dir, doc.sha256, exc)
        raise ExtractFailed(str(exc), "scan.too_large") from exc


def _extract(doc: Document, ocr: bool) -> Extracted:
    """Read the file (or the scanned body of a text file) and keep only what may be stored."""
    try:
        reading = _reading(doc, ocr)
    except readers.ReaderMissing as exc:
        raise ExtractFailed(str(exc), exc.code) from exc
    except readers.ReadFailed as exc:
        raise ExtractFailed(exc.detail or t(exc.code), exc.code) from exc
    except Exception as exc:
        raise ExtractFailed(_detail(exc)) from exc

    result = _reviewed(reading, ocr, _hidden_numbers(doc))
    result.active = doc.body is None and scripted(doc.abspath, reading.kind)
    named = None if result.classification_mark in SECRET_LEVELS else name_mark(doc)
    if named in SECRET_LEVELS:  # the file's or a folder's name carries the mark: its words are kept nowhere either
        result.classification_mark, result.text = named, ""
    elif named and not result.classification_mark:  # a folder named 内部资料: internal, its words kept as such
        result.classification_mark = named
    return result


def _hidden_numbers(doc: Document) -> int:
    """Personal numbers in the parts of a file no reader shows (properties, comments, annotations, XMP …)."""

    if doc.body is not None:
        return 0  # a text file's original is its masked text
    return hidden_numbers(doc.abspath)


def _reading(doc: Document, ocr: bool) -> readers.Reading:
    """The reader's view of the document; text types reuse the body the scan decoded."""

    if doc.body is not None and doc.type == "md":
        return text.reading_of_markdown(doc.body)
    if doc.body is not None and doc.type == "txt":
        return text.reading_of_text(doc.body)
    if doc.body is not None and doc.type == "csv":
        return text.reading_of_csv(doc.body)
    return readers.read(doc.abspath, doc.type, ocr=ocr)


def _reviewed(reading: readers.Reading, ocr: bool, hidden: int = 0) -> Extracted:
    """Masked text, the classification mark and the counts, from a raw reading.

    ``masked`` counts every personal number the file holds, shown or hidden (properties, package
    parts), so an original with any of them is never copied into the site.
    """
    raw = reading.text
    masked_text, count = privacy.mask_text(raw)
    count += masked_figures(raw)  # an ID or card stored as a number, masked by the reader (readers/cells.py)
    head_count = sum(privacy.mask_text(value)[1] for value in reading.properties.values())
    head_count = max(head_count, hidden - count)
    properties = "\n".join(property_lines(reading.properties))
    mark = (privacy.detect_classification(reading.head, lines=60) or privacy.detect_classification(raw)
            or privacy.detect_classification(properties, lines=400)  # 机密★5年
            or _property_level(reading.properties)  # Classification: Secret, a sensitivity label's Confidential
            or privacy.detect_internal_mark(reading.head, lines=60) or privacy.detect_internal_mark(raw)
            or privacy.detect_internal_mark(properties, lines=400))  # 内部资料: published only when asked
    scanned = reading.method == "none"
    return Extracted(
        text="" if mark in SECRET_LEVELS else masked_text,  # a classified document's words are kept nowhere
        needs_ocr=scanned, from_cache=False, masked=count + head_count, classification_mark=mark,
        method=reading.method, confidence=reading.confidence, head_confidence=reading.head_confidence,
        ocr_tried=ocr,
    )


def _property_level(properties: dict[str, str]) -> str | None:
    """The strictest level above 公开 that a file property is, in any spelling metadata accepts (an Office
    sensitivity label writes Confidential, a template's custom 密级 property Secret)."""
    levels = [meta.normalise_classification(value) for value in properties.values()]
    found = [level for level in levels if level is not None and level != "公开"]
    return max(found, key=CLASSIFICATIONS.index) if found else None


def _detail(exc: BaseException) -> str:
    """A short one-line description of an exception."""
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return text or type(exc).__name__


# --- the cache -------------------------------------------------------------------------------

def rules_version() -> str:
    """Changes with the readers, the masking and marking rules, so old entries are redone."""
    return f"{EXTRACTOR_VERSION}-{_privacy_digest()}"


@lru_cache(maxsize=1)
def _privacy_digest() -> str:
    return hashlib.sha256(Path(privacy.__file__).read_bytes()).hexdigest()[:16]


def _store(cache_dir: Path) -> Store:
    """The text cache: one entry per file hash, under these rules."""
    return Store(Path(cache_dir) / "text", rules_version(), valid=_is_entry)


def _is_entry(entry: dict[str, Any]) -> bool:
    """An entry this tool writes: every field of Extracted there, each of its type (``"text": 12345`` is not)."""
    return cache.fields_of(Extracted)(entry) and isinstance(Extracted(**entry), Extracted)


def cache_path(cache_dir: Path, sha: str) -> Path:
    """Where the text of the file with hash ``sha`` is kept."""
    return _store(cache_dir).path(sha)


def prune_texts(cache_dir: Path, shas: Collection[str]) -> int:
    """Remove the text (and over-budget notes) of every file whose hash is not in ``shas``; how many."""
    return _store(cache_dir).prune(shas)


def _read_cache(cache_dir: Path, sha: str) -> Extracted | None:
    """The cached entry for ``sha`` if present, readable and from these rules; a damaged one is dropped."""
    entry = _store(cache_dir).get(sha)
    return Extracted(**entry) if entry is not None else None


def _over_path(cache_dir: Path, sha: str) -> Path:
    return cache_path(cache_dir, sha).with_suffix(".over-budget")


def _budget_key() -> list[Any]:
    return [rules_version(), budgets.READ_SECONDS, budgets.OCR_SECONDS_PER_PAGE, budgets.READ_MEMORY]


def _over_budget_before(cache_dir: Path, sha: str) -> budgets.OverBudget | None:
    """The overrun of an earlier attempt at this file under the same budgets (the warm-up's), if any."""
    data = cache.read_entry(_over_path(cache_dir, sha), _budget_key(),
                            valid=lambda e: isinstance(e["code"], str) and isinstance(e["params"], dict))
    return budgets.OverBudget(data["code"], **data["params"]) if data is not None else None


def _remember_over_budget(cache_dir: Path, sha: str, exc: budgets.OverBudget) -> None:
    """Note an overrun, so the ordered pass does not spend the budget again after the warm-up."""
    cache.write_entry(_over_path(cache_dir, sha), _budget_key(), {"code": exc.code, "params": dict(exc.params)})


def _write_cache(cache_dir: Path, sha: str, result: Extracted) -> None:
    """Keep one entry (a failed write only costs time; a full disk is reported once, by the build)."""
    _store(cache_dir).put(sha, {**asdict(result), "from_cache": False})
