"""Where things live in the built site: the ASCII names and relative links of pages and originals.

Shared by the catalogue (links to each 件's page), the search index and the site, so every output
names a document's page the same way.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from archive_builder.core.model import Document
from archive_builder.core.privacy import mask_text

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$")


def short_hash(text: str, length: int = 10) -> str:
    """A short, stable ASCII name for any text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str) -> str:
    """``text`` itself when it is a safe ASCII id, else a short hash of it."""
    return text if _SAFE_ID.match(text) and not mask_text(text)[1] else "h" + short_hash(text)


def doc_page(doc: Document) -> str:
    """Tree path of a document's page, e.g. ``docs/caizheng/1a2b3c4d5e.md``."""
    return f"docs/{doc.department}/{short_hash(doc.path)}.md"


def original_path(folder: str, sha256: str, ext: str) -> str:
    """Tree path of an original's copy, named by content so unchanged copies are never redone."""
    ext = ext if re.fullmatch(r"[a-z0-9]{1,5}", ext) else "bin"
    ext = "md.txt" if ext == "md" else ext  # a .md copy would be built as a page
    return f"files/{folder}/{sha256[:16]}.{ext}"


def url_of(page: str) -> str:
    """The built URL of a tree page (``use_directory_urls: false``)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def rel(from_page: str, target: str) -> str:
    """Relative link from one tree page to another page or file."""
    return posixpath.relpath(url_of(target), posixpath.dirname(from_page) or ".")
