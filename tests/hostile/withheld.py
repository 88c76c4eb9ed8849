"""The check the hostile-file tests share: one file put into a fresh archive is classified, its words cached nowhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FOLDER = "content/县教科局/发展规划/2016"


def assert_classified_and_unstored(root: Path, name: str, make: Callable[[Path], object], word: str = "SLIPWORD",
                                   ocr: bool = False) -> None:
    """Make the file ``name`` in ``root``'s content with ``make`` and scan (without OCR unless asked): the policy
    classifies it and no cached text holds ``word``."""
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory
    from archive_builder.review.policy import decide

    path = root / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    config = load_config(root)
    [doc] = load_inventory(config, ocr=ocr).documents
    assert decide(doc).classified
    cached = [p.read_text("utf-8") for p in (config.cache_dir / "text").rglob("*.json")]
    assert cached and not [text for text in cached if word in text]  # its words are kept nowhere
