"""The review stage: read every document's text once (cached) to learn what the policy needs.

For each document it records the classification mark printed in it (秘密★…), how many personal
numbers it holds (masked in every output), how its text was obtained (born digital, OCR with the
engine's confidence, or not at all) and whether it could be read. ``policy.decide`` then turns
that into published / internal / classified / held. Every command that publishes or reports runs
it through ``load_inventory``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive_builder.core import cache
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.model import CLASSIFICATIONS, Document, Inventory, Problem
from archive_builder.review.extract import (
    Extracted,
    extract_all,
    prune_texts,
    rules_version,
    withhold_texts,
)
from archive_builder.review.policy import decide, withheld_problem_paths

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
_REVIEW_FILE = "review.json"
_FIELDS = ("classification_mark", "personal_numbers", "needs_ocr", "text_method", "ocr_confidence",
           "head_confidence", "read_error", "ocr_tried")


def review_inventory(config: ArchiveConfig, inventory: Inventory, progress: Progress | None = None,
                     *, ocr: bool = True) -> Inventory:
    """A new inventory whose documents carry the review's findings from their text (OCR'd when a
    document has none, unless ``ocr`` is False); ``inventory`` itself is left as it was."""
    # one file filed twice is one document: the strictest 密级 any of its copies states holds for every copy
    inventory = replace(inventory, documents=_copies_share_the_strictest(inventory.documents, _stated_level))
    withhold_texts(config.cache_dir, inventory.documents)  # classified since its text was cached: keep it nowhere
    known = _load_review(config.cache_dir)
    unknown = [doc for doc in inventory.documents if _stale(known.get(doc.sha256), ocr)]
    report = extract_all(unknown, config.cache_dir, ocr=ocr, progress=progress)
    for doc in unknown:
        extracted = report.results.get(doc.path)
        if extracted is not None:
            known[doc.sha256] = _findings(extracted)
        elif doc.path in report.errors:
            known[doc.sha256] = _unreadable(report.errors[doc.path], ocr)
    documents = [_reviewed(doc, known[doc.sha256]) if doc.sha256 in known else doc for doc in inventory.documents]
    documents = _copies_share_the_strictest(documents, _decided_level)  # and the strictest mark its name carries
    reviewed = replace(inventory, documents=documents, problems=[*inventory.problems, *_held_problems(documents)],
                       texts_read=inventory.texts_read + report.extracted)
    # a mark the review found hides the file's name in its problems too
    reviewed = replace(reviewed, problems=withheld_problem_paths(reviewed))
    current = {doc.sha256: known[doc.sha256] for doc in documents if doc.sha256 in known}
    if unknown or len(current) != len(known):  # a file read, changed or gone
        _save_review(config.cache_dir, current)
    return reviewed


def _stated_level(doc: Document) -> str:
    return doc.classification if doc.classification in CLASSIFICATIONS else "公开"


def _decided_level(doc: Document) -> str:
    verdict = decide(doc)
    if verdict.classified:
        return str(verdict.params.get("level") or doc.classification)
    return "内部" if verdict.status == "internal" else "公开"


def _copies_share_the_strictest(documents: list[Document], level: Callable[[Document], str]) -> list[Document]:
    """The documents, each copy of a file (the same bytes filed under two paths, or linked) carrying the
    strictest level ``level`` finds among its copies: what classifies one copy classifies them all."""
    copies = Counter(doc.sha256 for doc in documents if doc.sha256)
    strictest: dict[str, str] = {}
    for doc in (doc for doc in documents if copies[doc.sha256] > 1):
        if doc.sha256:
            found = level(doc)
            if CLASSIFICATIONS.index(found) > CLASSIFICATIONS.index(strictest.get(doc.sha256, "公开")):
                strictest[doc.sha256] = found
    return [replace(doc, classification=strictest[doc.sha256], classification_stated=True)
            if doc.sha256 in strictest and CLASSIFICATIONS.index(strictest[doc.sha256])
            > CLASSIFICATIONS.index(_stated_level(doc)) else doc
            for doc in documents]


def _held_problems(documents: list[Document]) -> list[Problem]:
    """One problem per document the policy holds for review: the reason and what a person can do."""
    problems = []
    for doc in documents:
        verdict = decide(doc)
        if verdict.held:
            problems.append(Problem(doc.path, "warning", verdict.reason, dict(verdict.params)))
    return problems


def _stale(findings: dict[str, Any] | None, ocr: bool) -> bool:
    """No findings yet, or findings of a scan read without OCR when OCR is now allowed."""
    return findings is None or (ocr and bool(findings.get("needs_ocr")) and not findings.get("ocr_tried"))


def _findings(extracted: Extracted) -> dict[str, Any]:
    return {"classification_mark": extracted.classification_mark, "personal_numbers": extracted.masked,
            "needs_ocr": extracted.needs_ocr, "text_method": extracted.method,
            "ocr_confidence": extracted.confidence, "head_confidence": extracted.head_confidence,
            "read_error": None, "ocr_tried": extracted.ocr_tried}


def _unreadable(code: str, ocr: bool) -> dict[str, Any]:
    return {"classification_mark": None, "personal_numbers": 0, "needs_ocr": False, "text_method": "none",
            "ocr_confidence": None, "head_confidence": None, "read_error": code, "ocr_tried": ocr}


def _reviewed(doc: Document, findings: dict[str, Any]) -> Document:
    """``doc`` with the review's findings."""
    found: dict[str, Any] = {name: findings.get(name) for name in _FIELDS if name != "ocr_tried"}
    found["personal_numbers"] = int(findings.get("personal_numbers") or 0)
    found["needs_ocr"] = bool(findings.get("needs_ocr"))
    return replace(doc, **found)


def _load_review(cache_dir: Path) -> dict[str, dict[str, Any]]:
    """Findings by file hash from earlier runs (a missing, damaged or stale cache is simply empty)."""
    entry = cache.read_entry(cache_dir / _REVIEW_FILE, rules_version(), valid=_is_review)
    return {sha: dict(found) for sha, found in entry["docs"].items()} if entry is not None else {}


def _is_review(entry: dict[str, Any]) -> bool:
    return all(isinstance(found, dict) for found in entry["docs"].values())


def _save_review(cache_dir: Path, docs: dict[str, dict[str, Any]]) -> None:
    """Keep the findings, and only the texts of these files (a failed write only costs time next run)."""
    cache.write_entry(cache_dir / _REVIEW_FILE, rules_version(), {"docs": docs})
    prune_texts(cache_dir, docs)
