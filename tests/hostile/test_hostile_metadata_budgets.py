"""Budgets of one file before it is read, and of its metadata: a link out of content/ where a _meta.yml or a
sidecar belongs, a metadata value of millions of characters, thousands of unknown keys, a file of gigabytes,
a CSV of millions of cells, a Markdown body that Python-Markdown takes minutes over.

Each is one problem line naming the file (the ordinary document beside it still scanned or published).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive_builder.core import budgets
from archive_builder.core.config import load_config
from archive_builder.core.model import Inventory
from archive_builder.inventory.readers import text as text_reader
from archive_builder.inventory.readers.base import ReadFailed
from archive_builder.inventory.readers.budget import MAX_CSV_CELLS
from archive_builder.inventory.scan import scan_archive

FOLDER = "content/县财政局/保障机制/2016"
REL = "县财政局/保障机制/2016"
ORDINARY = f"{FOLDER}/普通通知.md"
ORDINARY_TEXT = "---\n标题: 普通通知\n---\n这是普通通知的正文，蓝鲸计划。\n"


def _scan(root: Path) -> Inventory:
    return scan_archive(load_config(root), use_cache=False)


def _problems(inventory: Inventory, name: str) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in inventory.problems if name in p.path]


def _documents(inventory: Inventory) -> list[str]:
    return [d.path for d in inventory.documents]


# --- links out of content/ -------------------------------------------------------------------------


def test_a_meta_file_linked_outside_content_is_refused_and_the_documents_below_held(make_archive, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "meta.yml").write_text("责任者: OUTSIDEMETAMARK\n", encoding="utf-8")
    root = make_archive({ORDINARY: ORDINARY_TEXT})
    os.symlink(outside / "meta.yml", root / FOLDER / "_meta.yml")
    inventory = _scan(root)
    assert _problems(inventory, "_meta.yml") == [(f"{REL}/_meta.yml", "scan.symlink_outside")]
    assert _documents(inventory) == []  # unread, so its defaults (a 密级 perhaps) are not guessed
    assert "OUTSIDEMETAMARK" not in repr(inventory)


def test_a_sidecar_linked_outside_content_is_refused_and_its_document_held(make_archive, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "side.yml").write_text("标题: OUTSIDESIDEMARK\n", encoding="utf-8")
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/附件.txt": "附件正文\n"})
    os.symlink(outside / "side.yml", root / FOLDER / "附件.txt.yml")
    inventory = _scan(root)
    assert sorted(_problems(inventory, "附件")) == [(f"{REL}/附件.txt", "scan.skipped_for_sidecar"),
                                                   (f"{REL}/附件.txt.yml", "scan.symlink_outside")]
    assert _documents(inventory) == [f"{REL}/普通通知.md"]
    assert "OUTSIDESIDEMARK" not in repr(inventory)


# --- metadata values and blocks ----------------------------------------------------------------------


def test_a_frontmatter_value_over_the_budget_holds_its_file_with_one_line(make_archive):
    long_title = "长" * (budgets.MAX_METADATA_VALUE + 1)
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/长标题.md": f"---\n标题: {long_title}\n---\n正文\n"})
    inventory = _scan(root)
    assert _problems(inventory, "长标题") == [(f"{REL}/长标题.md", "scan.frontmatter_value_too_long")]
    assert _documents(inventory) == [f"{REL}/普通通知.md"]


def test_a_frontmatter_block_over_the_budget_is_not_parsed(make_archive):
    lines = "".join(f"备注{i}: {'字' * 100}\n" for i in range(budgets.MAX_METADATA_BYTES // 300 + 1))
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/大块.md": f"---\n{lines}---\n正文\n"})
    inventory = _scan(root)
    assert _problems(inventory, "大块") == [(f"{REL}/大块.md", "scan.frontmatter_too_large")]
    assert _documents(inventory) == [f"{REL}/普通通知.md"]


def test_a_sidecar_value_over_the_budget_holds_its_document(make_archive):
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/附件.txt": "附件正文\n",
                         f"{FOLDER}/附件.txt.yml": "文号: " + "1" * (budgets.MAX_METADATA_VALUE + 1) + "号\n"})
    inventory = _scan(root)
    assert sorted(_problems(inventory, "附件")) == [(f"{REL}/附件.txt", "scan.skipped_for_sidecar"),
                                                   (f"{REL}/附件.txt.yml", "scan.metadata_value_too_long")]


def test_a_meta_file_over_the_budget_is_not_read_and_the_documents_below_are_held(make_archive):
    root = make_archive({ORDINARY: ORDINARY_TEXT})
    meta = root / FOLDER / "_meta.yml"
    meta.write_text("责任者: 大文件\n", encoding="utf-8")
    os.truncate(meta, 1 << 30)  # sparse: a gigabyte of nothing, refused by its size before it is read
    inventory = _scan(root)
    assert _problems(inventory, "_meta.yml") == [(f"{REL}/_meta.yml", "scan.metadata_too_large")]
    assert inventory.documents == []  # its defaults may have carried a 密级: not guessed
    assert "scan.skipped_for_sidecar" in {p.code for p in inventory.problems}


def test_many_unknown_keys_are_one_line_naming_how_many(make_archive):
    keys = "".join(f"k{i}: v\n" for i in range(2000))
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/多键.md": f"---\n标题: 多键\n{keys}---\n正文\n"})
    inventory = _scan(root)
    problems = [p for p in inventory.problems if "多键" in p.path]
    assert [p.code for p in problems] == ["scan.unknown_keys"]
    assert problems[0].params["count"] == "2,000" and problems[0].params["more"] == "1,995"
    assert "'k0'" in problems[0].params["keys"] and "k5'" not in problems[0].params["keys"]
    assert f"{REL}/多键.md" in _documents(inventory)  # kept, as with one unknown key


def test_a_few_unknown_keys_are_still_a_line_each(make_archive):
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/两键.md": "---\n标题: 两键\n甲: 1\n乙: 2\n---\n正文\n"})
    inventory = _scan(root)
    assert [(p.code, p.params["key"]) for p in inventory.problems if "两键" in p.path] == [
        ("scan.unknown_key", "甲"), ("scan.unknown_key", "乙")]


# --- a file's size, before it is read ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "size"), [("大扫描件.pdf", budgets.MAX_FILE_BYTES + 1),
                                            ("大文本.md", budgets.MAX_TEXT_BYTES + 1)])
def test_a_file_over_its_size_budget_is_one_line_and_unread(make_archive, name, size):
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/{name}": b"%PDF-1.4\n"})
    os.truncate(root / FOLDER / name, size)  # sparse: no disk is used
    inventory = _scan(root)
    problems = [p for p in inventory.problems if name in p.path]
    assert [p.code for p in problems] == ["scan.too_large"] and " MB" in problems[0].params["detail"]
    assert _documents(inventory) == [f"{REL}/普通通知.md"]


# --- CSV cells -------------------------------------------------------------------------------------------


def test_a_csv_of_one_line_with_too_many_cells_is_one_line(make_archive):
    root = make_archive({ORDINARY: ORDINARY_TEXT, f"{FOLDER}/单行.csv": "a," * (MAX_CSV_CELLS + 1) + "\n"})
    inventory = _scan(root)
    assert _problems(inventory, "单行") == [(f"{REL}/单行.csv", "scan.too_large")]
    assert _documents(inventory) == [f"{REL}/普通通知.md"]


def test_a_csv_within_the_budget_is_read_as_before():
    text = "学校,学生数\n一中,1200\n\"二中, 东校\",800\n"
    text_reader.check_csv_cells(text)
    assert text_reader.csv_rows(text) == [["学校", "学生数"], ["一中", "1200"], ["二中, 东校", "800"]]
    with pytest.raises(ReadFailed):
        text_reader.csv_rows("a,b\n" * (MAX_CSV_CELLS // 2 + 1))


# --- Markdown bodies: every one within the time budget ----------------------------------------------------


def test_a_body_of_entities_and_backslashes_is_stopped_at_its_budget(make_archive, run_cli, monkeypatch):
    """'&amp;' and '\\' runs (no link or emphasis opener) took Python-Markdown minutes in the main process."""
    monkeypatch.setattr(budgets, "MARKDOWN_SECONDS", 1.0)
    slow = "---\n标题: 反斜杠\n---\n" + ("&amp;" * 200 + "\\" * 200 + "\n") * 300
    root = make_archive({f"{FOLDER}/反斜杠.md": slow, ORDINARY: ORDINARY_TEXT})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    problems = [line for line in result.output.splitlines() if "反斜杠.md" in line and line.startswith("warning")]
    assert len(problems) == 1 and "1 s" in problems[0], result.output
    published = "".join(p.read_text("utf-8") for p in (root / "site" / "docs").rglob("*.html"))
    assert "蓝鲸计划" in published
