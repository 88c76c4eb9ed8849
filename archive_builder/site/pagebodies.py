"""Document bodies put into the built site: a pass over the HTML pages after the generator has run.

A body (converted, sanitised, masked HTML: bodies.py, sanitize.py) is stored by the tree writer in the
build folder's body store, and its page's Markdown carries a placeholder in its place
(``tree.BODY_MARKER``), which Markdown passes through untouched. Once the generator has written the
site, ``fill_site`` replaces each placeholder with its stored body. The pass reads only the generator's
output, so the generator is a configuration choice (mkdocs-material now; Zensical reads the same tree).

What it trusts and writes: a body comes only from the body store, named by the placeholder's hex key
(never a path taken from a page), as bodies.py made it (sanitised or escaped); it is never sanitised
again here, so the PDF frame the tool itself adds survives. Only pages of the Markdown tree are
written (``a/b.md`` -> ``a/b.html``, so no original under ``files/`` is ever touched), each through a
temporary file and a rename, so a file hard-linked from the previous site is replaced, not written
through. A placeholder left unfilled, or a body missing from the store, stops the build: a page is
never shipped silently empty.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from archive_builder.core.cache import write_atomic
from archive_builder.core.errors import ArchiveError, message
from archive_builder.site.tree import BODY_MARKER


def fill_site(site_dir: Path, docs_dir: Path, bodies_dir: Path, since_ns: int = 0) -> int:
    """Fill the body placeholders of every page written since ``since_ns``; returns how many pages.

    ``since_ns`` is 0 for a clean build. A build that reused the previous site passes the time the
    generator started: a page older than that was kept from the previous site, filled back then.
    """
    filled = 0
    for source, page in _tree_pages(docs_dir):
        target = site_dir / page
        try:
            written = target.stat().st_mtime_ns
        except FileNotFoundError:
            written = None
        if written is not None and written < since_ns:
            continue
        expected = BODY_MARKER.findall(source.read_text("utf-8"))
        if not expected:
            continue
        # decoded as written, not read as text: the page keeps its own line ends
        text = target.read_bytes().decode("utf-8") if written is not None else ""
        if sorted(BODY_MARKER.findall(text)) != sorted(expected):
            raise ArchiveError(message("build.placeholder_missing", page=page))
        write_atomic(target, fill_page(text, bodies_dir, page).encode("utf-8"))
        filled += 1
    return filled


def fill_page(text: str, bodies_dir: Path, page: str = "") -> str:
    """A page with each body placeholder replaced by its stored body; a missing body is an ArchiveError."""

    def body(match: re.Match[str]) -> str:
        key = match.group(1)  # 24 hex digits: a name in the store, never a path
        try:
            return (bodies_dir / f"{key}.html").read_text("utf-8")
        except OSError as exc:
            raise ArchiveError(message("build.body_missing", page=page, key=key)) from exc

    filled = BODY_MARKER.sub(body, text)
    if BODY_MARKER.search(filled):  # a body holding a placeholder (bodies.py strips comments: never expected)
        raise ArchiveError(message("build.placeholder_missing", page=page))
    return filled


def _tree_pages(docs_dir: Path) -> list[tuple[Path, str]]:
    """Every Markdown page of the tree and the site path of its page (``a/b.md`` -> ``a/b.html``)."""
    pages: list[tuple[Path, str]] = []
    for dirpath, dirs, files in os.walk(docs_dir):
        dirs.sort()
        here = Path(dirpath)
        for name in sorted(files):
            if name.endswith(".md"):
                pages.append((here / name, (here / name).relative_to(docs_dir).with_suffix(".html").as_posix()))
    return pages
