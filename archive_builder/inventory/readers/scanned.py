"""OCR of page images for the readers of scans: PDF pages without text, photos, TIFF frames."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from archive_builder.inventory.readers import ocr


@dataclass(frozen=True)
class OcrSummary:
    """The recognised text of several page images and how sure the engine was."""

    texts: list[str] = field(default_factory=list)
    confidence: float | None = None  # over all pages, weighted by characters
    head_confidence: float | None = None  # over the top of the first page (None: nothing read there)

    @property
    def pages(self) -> int:
        return len(self.texts)


def recognise_images(images: Iterable[Any]) -> OcrSummary:
    """OCR every image in order; the first image's top decides the head confidence."""

    texts: list[str] = []
    weighted = chars = 0.0
    head: float | None = None
    for number, image in enumerate(images):
        page = ocr.recognise(image)
        texts.append(page.text)
        count = sum(len(line.text) for line in page.lines)
        weighted += page.confidence * count
        chars += count
        if number == 0:
            head = page.head_confidence
    return OcrSummary(texts, (weighted / chars) if chars else 0.0, head)
