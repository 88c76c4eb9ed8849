"""The review stage: read every document's text once (cached) to find what must not leak.

It marks documents whose first lines carry a classification mark (秘密★…), counts the
personal numbers each holds (masked in every output), and flags scans without a text
layer. Every command that publishes or reports runs it through ``load_inventory``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .config import ArchiveConfig
from .model import Inventory
from .scan import scan_archive

Progress = Callable[[int, int], None]
_REVIEW_FILE = "review.json"


def review_inventory(config: ArchiveConfig, inventory: Inventory, progress: Progress | None = None) -> Inventory:
    """Fill each document's classification mark, personal-number count and OCR need."""
    from .extract import extract_all

    known = _load_review(config.cache_dir)
    unknown = [doc for doc in inventory.documents if doc.sha256 not in known]
    report = extract_all(unknown, config.cache_dir, progress=progress)
    for doc in unknown:
        extracted = report.results.get(doc.path)
        if extracted is not None:
            known[doc.sha256] = [extracted.classification_mark, extracted.masked, extracted.needs_ocr]
    for doc in inventory.documents:
        if doc.sha256 in known:
            doc.classification_mark, doc.personal_numbers, doc.needs_ocr = known[doc.sha256]
    inventory.problems.extend(report.problems)
    if unknown:
        _save_review(config.cache_dir, {doc.sha256: known[doc.sha256] for doc in inventory.documents
                                        if doc.sha256 in known})
    return inventory


def _rules_version() -> str:
    """Changes whenever the masking or marking rules (or the tool) change, so old findings are dropped."""
    from . import __version__, privacy

    source = Path(privacy.__file__).read_bytes()
    return f"{__version__}-{hashlib.sha256(source).hexdigest()[:16]}"


def _load_review(cache_dir: Path) -> dict[str, list]:
    """Findings by file hash from earlier runs (a missing or stale cache is simply empty)."""
    try:
        data = json.loads((cache_dir / _REVIEW_FILE).read_text("utf-8"))
        if data.get("version") == _rules_version():
            return dict(data["docs"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


def _save_review(cache_dir: Path, docs: dict[str, list]) -> None:
    """Write the findings atomically; a failed write only costs time next run."""
    payload = json.dumps({"version": _rules_version(), "docs": docs}, ensure_ascii=False)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".review-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, cache_dir / _REVIEW_FILE)
    except OSError:
        pass


def load_inventory(config: ArchiveConfig, *, review: bool = True, progress: Progress | None = None) -> Inventory:
    """Scan content/ and, unless told not to, review every document's text."""
    inventory = scan_archive(config)
    return review_inventory(config, inventory, progress) if review else inventory
