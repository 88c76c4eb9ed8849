"""The pass over the built HTML that puts document bodies into their pages (pagebodies.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import ArchiveError
from archive_builder.pipeline import build_site
from archive_builder.site import pagebodies

from site_helpers import RARE_WORD, archive_files, site_files, tree_state

KEY = "0123456789abcdef01234567"
MARKER = f"<!--ab-body:{KEY}-->"
BODY = '<div class="ab-body-test"><p>正文</p></div>\n'


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A one-page tree, its body store and the page as a generator wrote it (placeholder kept)."""
    docs, bodies, site = tmp_path / "docs", tmp_path / "bodies", tmp_path / "site"
    for folder in (docs / "a", bodies, site / "a"):
        folder.mkdir(parents=True)
    (docs / "a" / "page.md").write_text(f"# 页\n\n{MARKER}\n", "utf-8")
    (docs / "plain.md").write_text("# 无正文\n", "utf-8")
    (bodies / f"{KEY}.html").write_text(BODY, "utf-8")
    (site / "a" / "page.html").write_bytes(f"<html>\r\n<main>{MARKER}</main></html>\n".encode())
    (site / "plain.html").write_text("<html>plain</html>", "utf-8")
    return docs, bodies, site


def test_placeholders_are_replaced_by_their_bodies(built):
    docs, bodies, site = built
    assert pagebodies.fill_site(site, docs, bodies) == 1
    assert (site / "a" / "page.html").read_bytes() == f"<html>\r\n<main>{BODY}</main></html>\n".encode()
    assert (site / "plain.html").read_text("utf-8") == "<html>plain</html>"


def test_a_page_is_replaced_not_written_through_a_hard_link(built, tmp_path):
    docs, bodies, site = built
    previous = tmp_path / "previous.html"
    os.link(site / "a" / "page.html", previous)
    pagebodies.fill_site(site, docs, bodies)
    assert MARKER in previous.read_text("utf-8")  # the previous site's copy is untouched
    assert not [p for p in site_files(site) if ".part-" in p.name]


def test_a_missing_body_fails_loudly_and_leaves_the_page(built):
    docs, bodies, site = built
    (bodies / f"{KEY}.html").unlink()
    before = tree_state(site)
    with pytest.raises(ArchiveError, match=r"a/page\.html") as caught:
        pagebodies.fill_site(site, docs, bodies)
    assert KEY in caught.value.format_message()
    assert tree_state(site) == before


def test_a_page_written_without_its_placeholder_fails_loudly(built):
    docs, bodies, site = built
    (site / "a" / "page.html").write_text("<html><main></main></html>", "utf-8")  # the generator dropped it
    with pytest.raises(ArchiveError, match=r"a/page\.html"):
        pagebodies.fill_site(site, docs, bodies)


def test_a_page_with_a_body_the_generator_did_not_write_fails_loudly(built):
    docs, bodies, site = built
    (site / "a" / "page.html").unlink()
    with pytest.raises(ArchiveError, match=r"a/page\.html"):
        pagebodies.fill_site(site, docs, bodies)


def test_pages_kept_from_the_previous_site_are_left_as_they_are(built):
    docs, bodies, site = built
    page = site / "a" / "page.html"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    assert pagebodies.fill_site(site, docs, bodies, since_ns=2_000_000_000) == 0
    assert MARKER in page.read_text("utf-8")


def test_a_placeholder_key_is_never_a_path(built):
    docs, bodies, site = built
    (docs / "a" / "page.md").write_text("<!--ab-body:../../etc/passwd-->\n", "utf-8")
    (site / "a" / "page.html").write_text("<!--ab-body:../../etc/passwd-->", "utf-8")
    assert pagebodies.fill_site(site, docs, bodies) == 0  # not a placeholder: nothing is read or written
    assert (site / "a" / "page.html").read_text("utf-8") == "<!--ab-body:../../etc/passwd-->"


def test_built_pages_hold_their_bodies_and_no_placeholder(make_archive):
    archive = make_archive(archive_files())
    build_site(load_config(archive))
    pages = {p: p.read_text("utf-8") for p in site_files(archive / "site") if p.suffix == ".html"}
    assert not [p for p, text in pages.items() if "<!--ab-body:" in text]
    budget = next(text for text in pages.values() if 'class="ab-body"' in text and RARE_WORD in text)
    assert "按时足额拨付" in budget
    assert "window.__pwned" not in budget  # the script and the handler were sanitised away on the way in
    assert not list((archive / "content").rglob("*.html"))


def test_a_build_whose_body_went_missing_fails_and_keeps_the_previous_site(make_archive, monkeypatch):
    archive = make_archive(archive_files())
    config = load_config(archive)
    build_site(config)
    before = tree_state(archive / "site")
    (archive / "content/县教科局/发展规划/2016/2016年均衡发展规划.txt").write_text("改后的规划。\n", "utf-8")
    fill = pagebodies.fill_site

    def bodies_lost(site_dir, docs_dir, bodies_dir, since_ns=0):
        for body in bodies_dir.iterdir():
            body.unlink()
        return fill(site_dir, docs_dir, bodies_dir, since_ns)

    monkeypatch.setattr(pagebodies, "fill_site", bodies_lost)
    with pytest.raises(ArchiveError, match=r"\.html is missing from the build cache"):
        build_site(config)
    assert tree_state(archive / "site") == before
