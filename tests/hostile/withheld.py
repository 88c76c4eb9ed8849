"""The check the hostile-file tests share: one file put into a fresh archive is classified, its words cached nowhere."""

from __future__ import annotations

import json
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


def build_and_judge(root: Path) -> tuple[bytes, dict[str, str]]:
    """Build and index the archive at ``root``: every file of the site as one bytes, and the policy's status of
    each document by its path below FOLDER."""
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory
    from archive_builder.review.policy import decide

    run(root, "build")
    run(root, "index")
    site = b"\n".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    folder = FOLDER.removeprefix("content/") + "/"
    return site, {doc.path.removeprefix(folder): decide(doc).status
                  for doc in load_inventory(load_config(root), ocr=False).documents}


def found(root: Path, word: str) -> list[str]:
    """The paths ``archive-builder search word`` finds."""
    return [result["path"] for result in json.loads(run(root, "search", word, "--json"))["results"]]


def run(root: Path, *args: str) -> str:
    """The output of one command of the CLI on ``root``, which succeeded."""
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output
