"""A document classified by its metadata (密级 in front matter or a sidecar): its words are stored nowhere.

The tool's caches (.archive-cache/) may know that the file is held (its hash, the decision); they never hold
its text, masked or not. When a person lowers the 密级 to 公开, the text is read again and published.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli

FOLDER = "content/县教科局/发展规划/2016"
WORDS = ("绝不外传的方案正文", "第二份绝不外传的附件")


def _docx(path: Path, text: str) -> None:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))


def _archive(root: Path) -> None:
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "方案.md").write_text(f"---\n标题: 方案\n密级: 机密\n---\n# 方案\n\n{WORDS[0]}\n", "utf-8")
    _docx(folder / "附件.docx", WORDS[1])
    (folder / "附件.docx.yml").write_text("标题: 附件\n密级: 秘密\n", "utf-8")


def _stored(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for folder in (root / ".archive-cache", root / "site") if folder.exists()
            for p in folder.rglob("*") if p.is_file()]


def _run(root: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("commands", [(["scan"],), (["build"], ["index"])])
def test_the_text_of_a_document_classified_by_its_metadata_is_cached_nowhere(tmp_path, commands):
    root = tmp_path / "archive"
    _archive(root)
    for command in commands:
        _run(root, *command)
    entries = [json.loads(p.read_text("utf-8")) for p in (root / ".archive-cache" / "text").rglob("*.json")]
    assert len(entries) == 2 and all(entry["text"] == "" and entry["text_withheld"] for entry in entries)
    for path, data in _stored(root):
        for words in WORDS:
            assert words.encode() not in data and words.encode("utf-16-le") not in data, path


def test_a_document_whose_secret_level_is_lowered_is_read_again(tmp_path):
    root = tmp_path / "archive"
    _archive(root)
    _run(root, "scan")
    (root / FOLDER / "附件.docx.yml").write_text("标题: 附件\n密级: 公开\n", "utf-8")
    _run(root, "build")
    entries = [json.loads(p.read_text("utf-8")) for p in (root / ".archive-cache" / "text").rglob("*.json")]
    assert any(WORDS[1] in entry["text"] and not entry["text_withheld"] for entry in entries)
    pages = [p for p in (root / "site").rglob("*.html") if WORDS[1] in p.read_text("utf-8", "replace")]
    assert pages, "the document lowered to 公开 is published with its text"
    assert not any(WORDS[0].encode() in data for _, data in _stored(root))


@pytest.mark.parametrize("command", ["scan", "check", "index", "build"])
def test_a_document_classified_after_it_was_read_loses_its_cached_text_at_the_next_review(tmp_path, command):
    """Whichever command reviews the archive next (they all run the review stage) empties the cached text."""
    root = tmp_path / "archive"
    _archive(root)
    (root / FOLDER / "附件.docx.yml").write_text("标题: 附件\n密级: 公开\n", "utf-8")
    _run(root, "scan")
    assert any(WORDS[1].encode() in data for _, data in _stored(root))  # public: its text is cached
    (root / FOLDER / "附件.docx.yml").write_text("标题: 附件\n密级: 秘密\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), command], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # check fails on the archive's gaps; it still reviews
    assert not any(words.encode() in data for _, data in _stored(root) for words in WORDS)
