"""The tree writer: files under the Markdown tree written only when they change, the rest removed.

Large pre-rendered HTML bodies are stored beside the tree (``bodies/``); a page carries a marker
(``BODY_MARKER``) in their place, which ``pagebodies.py`` replaces in the built pages once the generator
has run, and ``fill_bodies`` in a page of the tree.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from archive_builder.core import cache

BODY_MARKER = re.compile(r"<!--ab-body:([0-9a-f]{24})-->")


def fill_bodies(text: str, bodies: Path) -> str:
    """A page (Markdown or HTML) with each body marker replaced by its stored body."""
    if "<!--ab-body:" not in text:
        return text
    return BODY_MARKER.sub(lambda match: (bodies / f"{match.group(1)}.html").read_text("utf-8"), text)


class Tree:
    """Writes files under the docs folder only when they change, and removes what was not written.

    Large pre-rendered HTML bodies live beside the tree (``bodies/``) and the page carries a marker
    that the pass over the built pages (``pagebodies.py``) replaces once the generator has run.
    """

    def __init__(self, root: Path, bodies: Path | None = None) -> None:
        self.root = root
        self.bodies = bodies or root.parent / "bodies"
        self.keep: set[str] = set()
        self.used_bodies: set[str] = set()  # the stored bodies the kept pages refer to
        self.written = 0
        self.copied = 0
        root.mkdir(parents=True, exist_ok=True)
        self.bodies.mkdir(parents=True, exist_ok=True)

    def body(self, html_text: str) -> str:
        """Store a finished HTML body; return the marker that stands for it in the page."""
        key = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:24]
        path = self.bodies / f"{key}.html"
        if not path.is_file():
            cache.write_atomic(path, html_text.encode("utf-8"))
        return f"<!--ab-body:{key}-->"

    def write(self, rel_path: str, text: str | bytes) -> None:
        """Write a page (or any small file) unless the same content is already there."""
        self.keep.add(rel_path)
        path = self.root / rel_path
        if isinstance(text, str) and rel_path.endswith(".md"):
            self.used_bodies.update(BODY_MARKER.findall(text))
        data = text.encode("utf-8") if isinstance(text, str) else text
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
        cache.write_atomic(path, data)
        self.written += 1

    def copy(self, source: Path, rel_path: str, size: int, sha256: str = "") -> bool:
        """Copy an original unless a copy of the same size is there (the name carries its hash). With ``sha256``
        (the bytes the review read) a file that has changed since is not copied: False, nothing written."""
        path = self.root / rel_path
        if path.is_file() and path.stat().st_size == size:
            self.keep.add(rel_path)
            return True
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        if sha256 and cache.file_sha256(path) != sha256:
            path.unlink()
            return False
        self.keep.add(rel_path)
        self.copied += 1
        return True

    def mark(self, rel_path: str, bodies: Iterable[str] | None = None) -> None:
        """Keep a file written earlier and still valid; ``bodies``: the stored bodies a page refers to
        (read from the page when not known)."""
        self.keep.add(rel_path)
        if bodies is None and rel_path.endswith(".md"):
            bodies = BODY_MARKER.findall((self.root / rel_path).read_text("utf-8"))
        self.used_bodies.update(bodies or ())

    def prune(self) -> None:
        """Delete files not written or kept in this run, then empty folders."""
        top = str(self.root)
        for dirpath, _dirs, files in os.walk(top, topdown=False):
            rel_dir = dirpath[len(top) + 1:].replace(os.sep, "/") if dirpath != top else ""
            for name in files:
                if (rel_dir + "/" + name if rel_dir else name) not in self.keep:
                    os.unlink(os.path.join(dirpath, name))
            if dirpath != top and not os.listdir(dirpath):
                os.rmdir(dirpath)
        self._prune_bodies()

    def _prune_bodies(self) -> None:
        """Delete stored bodies that no kept page refers to."""
        for path in self.bodies.glob("*.html"):
            if path.stem not in self.used_bodies:
                path.unlink()
