"""The review stage: read every document's text once (cached) to find what must not leak.

It marks documents whose first lines carry a classification mark (秘密★…), counts the
personal numbers each holds (masked in every output), and flags scans without a text
layer. Every command that publishes or reports runs it through ``load_inventory``.
"""

from __future__ import annotations

from collections.abc import Callable

from .config import ArchiveConfig
from .model import Inventory
from .scan import scan_archive

Progress = Callable[[int, int], None]


def review_inventory(config: ArchiveConfig, inventory: Inventory, progress: Progress | None = None) -> Inventory:
    """Fill each document's classification mark, personal-number count and OCR need."""
    from .extract import extract_all

    report = extract_all(inventory.documents, config.cache_dir, progress=progress)
    for doc in inventory.documents:
        extracted = report.results.get(doc.path)
        if extracted is None:
            continue
        doc.classification_mark = extracted.classification_mark
        doc.personal_numbers = extracted.masked
        doc.needs_ocr = extracted.needs_ocr
    inventory.problems.extend(report.problems)
    return inventory


def load_inventory(config: ArchiveConfig, *, review: bool = True, progress: Progress | None = None) -> Inventory:
    """Scan content/ and, unless told not to, review every document's text."""
    inventory = scan_archive(config)
    return review_inventory(config, inventory, progress) if review else inventory
