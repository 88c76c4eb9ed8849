"""Warm rebuilds: a build with nothing to do changes nothing, and one after a change equals a clean build.

A build whose inputs (content/, checklists/, site_config/, the root's files, the tool, the options) are
those of the last build, and whose site is as that build left it, does nothing (site/unchanged.py). Any
other rebuild starts from hard links to the previous site's files; these tests hold links of their own
to the previous site's files, so a write through a link into the previous site would show.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site
from archive_builder.site.manifest import verify_site

from conftest import REPO
from site_helpers import DOC_BUDGET, RARE_WORD, archive_files, comparable_tree, tree_state

EXTRA = "content/县教科局/发展规划/2015/2015年均衡发展规划.md"


@pytest.fixture
def archive(make_archive) -> Path:
    root = make_archive({**archive_files(), EXTRA: "---\ntitle: 二〇一五年均衡规划\n---\n# 规划\n\n规划正文写明均衡目标。\n"})
    (root / "checklists").mkdir()
    shutil.copy2(REPO / "checklists" / "county.yml", root / "checklists")  # item pages list documents too
    return root


def _clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a clean build of the same inputs makes, in a copy of the archive without caches or site."""
    clean_root = tmp_path / "clean"
    shutil.rmtree(clean_root, ignore_errors=True)
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns(".archive-cache", "site"))
    clean = build_site(load_config(clean_root))
    assert not clean.reused
    return comparable_tree(clean.output)


def _hold(site: Path, where: Path) -> dict[Path, bytes]:
    """Hard links of our own to every file of ``site``, with the bytes each holds now."""
    held = {}
    for number, path in enumerate(p for p in site.rglob("*") if p.is_file()):
        link = where / f"{number}"
        where.mkdir(parents=True, exist_ok=True)
        os.link(path, link)
        held[link] = path.read_bytes()
    return held


def _assert_same_files(incremental: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(set(incremental) - set(expected)) == []  # nothing left behind
    assert sorted(set(expected) - set(incremental)) == []
    assert [rel for rel in expected if incremental[rel] != expected[rel]] == []


def test_a_build_with_nothing_changed_leaves_the_site_as_it_was(archive: Path):
    first = build_site(load_config(archive))
    before = tree_state(first.output)
    again = build_site(load_config(archive))
    assert tree_state(again.output) == before  # not a byte nor a file time: not even the manifest's built_at
    assert again.reused and again.fingerprint == first.fingerprint
    assert (len(again.documents), again.pages, len(again.withheld)) == (len(first.documents), first.pages,
                                                                       len(first.withheld))
    assert [p.to_dict() for p in again.problems] == [p.to_dict() for p in first.problems]
    assert sorted(d.path for d in again.documents) == sorted(d.path for d in first.documents)


def test_after_one_change_the_site_equals_a_clean_build_and_the_old_site_is_untouched(archive: Path, tmp_path):
    first = build_site(load_config(archive))
    held = _hold(first.output, tmp_path / "held")
    with open(archive / DOC_BUDGET, "a", encoding="utf-8") as handle:
        handle.write("\n补充说明：本文件已按督导组意见修订。\n")
    rebuilt = build_site(load_config(archive))
    assert rebuilt.reused, "the second build must start from the first site, or this test proves nothing"
    assert [link for link, data in held.items() if link.read_bytes() != data] == []  # nothing written through
    _assert_same_files(comparable_tree(rebuilt.output), _clean_build(archive, tmp_path))
    pages = "".join(p.read_text("utf-8") for p in rebuilt.output.rglob("*.html"))
    assert "本文件已按督导组意见修订" in pages and RARE_WORD in pages
    assert verify_site(rebuilt.output).intact


def test_a_removed_document_leaves_no_page_and_the_site_equals_a_clean_build(archive: Path, tmp_path):
    first = build_site(load_config(archive))
    [page] = [p for p in (first.output / "docs").rglob("*.html") if "二〇一五年均衡规划" in p.read_text("utf-8")]
    (archive / EXTRA).unlink()
    rebuilt = build_site(load_config(archive))
    assert "二〇一五年均衡规划" not in "".join(p.read_text("utf-8", errors="replace")
                                          for p in rebuilt.output.rglob("*") if p.is_file())
    assert not page.exists()
    _assert_same_files(comparable_tree(rebuilt.output), _clean_build(archive, tmp_path))


def test_a_configuration_change_rebuilds_every_page(archive: Path, tmp_path):
    assert not build_site(load_config(archive)).reused
    (archive / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: teal\n", "utf-8")
    rebuilt = build_site(load_config(archive))
    assert not rebuilt.reused  # another theme configuration: no page of the previous site is kept
    pages = [p for p in rebuilt.output.rglob("*.html")]
    assert pages and all('data-md-color-primary="teal"' in p.read_text("utf-8") for p in pages
                         if p.name != "404.html" and "<body" in p.read_text("utf-8"))
    _assert_same_files(comparable_tree(rebuilt.output), _clean_build(archive, tmp_path))


def test_a_page_edited_after_the_build_is_built_again(archive: Path, tmp_path):
    first = build_site(load_config(archive))
    index = first.output / "index.html"
    index.write_text(index.read_text("utf-8").replace(RARE_WORD, "改过的") + "<!-- edited -->", "utf-8")
    assert not verify_site(first.output).intact
    rebuilt = build_site(load_config(archive))
    assert verify_site(rebuilt.output).intact
    assert "<!-- edited -->" not in (rebuilt.output / "index.html").read_text("utf-8")
    _assert_same_files(comparable_tree(rebuilt.output), _clean_build(archive, tmp_path))


def test_a_changed_option_builds_again(archive: Path):
    first = build_site(load_config(archive))
    internal = build_site(load_config(archive), include_internal=True)
    assert len(internal.documents) == len(first.documents) + 1
    assert "INTERNALWORD" in "".join(p.read_text("utf-8") for p in internal.output.rglob("*.html"))
    back = build_site(load_config(archive))
    assert len(back.documents) == len(first.documents)
    assert "INTERNALWORD" not in "".join(p.read_text("utf-8") for p in back.output.rglob("*.html"))


def test_a_link_to_a_folder_above_content_does_not_stop_the_build(archive: Path):
    (archive / "content" / "县教科局" / "回环").symlink_to(archive / "content", target_is_directory=True)
    first = build_site(load_config(archive))
    assert build_site(load_config(archive)).fingerprint == first.fingerprint


def test_builds_into_two_folders_in_turn_each_equal_a_clean_build(archive: Path, tmp_path):
    config = load_config(archive)
    build_site(config, tmp_path / "one")
    build_site(config, tmp_path / "two")  # the record now describes this folder, not the first
    with open(archive / DOC_BUDGET, "a", encoding="utf-8") as handle:
        handle.write("\n补充说明：本文件已按督导组意见修订。\n")
    again = build_site(load_config(archive), tmp_path / "one")
    _assert_same_files(comparable_tree(again.output), _clean_build(archive, tmp_path))
    assert verify_site(again.output).intact
