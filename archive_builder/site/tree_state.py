"""What the page writers of one Markdown tree share: its state while rendering, what it yields, and the
names the pages give departments, categories, schools and 档号.

Also what a cached page or listing is checked by: the render version, the digest of the templates and
messages, and the small state files kept under ``state/``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core import cache
from archive_builder.core.messages import digest as messages_digest
from archive_builder.core.model import Document, Problem
from archive_builder.core.sitepaths import short_hash, slug

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.site.listings import Listings
    from archive_builder.site.tree import Tree
    from archive_builder.statistics.schools import SchoolRegistry


#: Bump when page layout changes, so every cached page is rendered again.
RENDER_VERSION = 3


@dataclass
class RenderResult:
    """What the tree holds: its folder, the navigation, the published documents and search entries."""

    docs_dir: Path
    nav: list[Any]
    published: list[Document] = field(default_factory=list)
    withheld: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    search_entries: list[Any] = field(default_factory=list)
    pages: int = 0
    pages_written: int = 0
    originals_copied: int = 0


@dataclass
class Site:
    """Shared state while rendering one tree."""

    config: ArchiveConfig
    tree: Tree
    state_dir: Path
    check: CheckResult | None
    schools: SchoolRegistry | None
    doc_items: dict[str, list[ItemResult]]
    result: RenderResult
    listings: Listings
    masked_total: int = 0
    archive_numbers: dict[str, str] = field(default_factory=dict)  # document path -> 档号
    statuses: dict[str, str] = field(default_factory=dict)  # document path -> its publication status

    @property
    def prepared_dir(self) -> Path:
        """Bodies prepared on every core, waiting for the ordered render pass."""
        return self.state_dir.parent / "prepared"


@lru_cache(maxsize=1)
def templates_digest() -> str:
    """Changes whenever a page template or message changes, so cached pages are rendered again."""
    from importlib import resources

    digest = hashlib.sha256(messages_digest().encode())  # pages say archival and policy words too
    for entry in sorted(resources.files("archive_builder").joinpath("templates").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".j2"):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


def load_state(path: Path) -> dict[str, Any]:
    """A render state file under ``state/`` (a page's or the listings'), empty when missing or unreadable."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}


def save_state(path: Path, data: dict[str, Any]) -> None:
    """Keep a page's render state, through the one atomic writer."""
    cache.write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def archive_number(site: Site, doc: Document) -> str:
    """The document's 档号: the one the catalogue assigned, else the one its metadata gives."""
    return site.archive_numbers.get(doc.path) or doc.archive_no or ""


def dept_name(site: Site, dept_id: str) -> str:
    dept = next((d for d in site.config.departments if d.id == dept_id), None)
    return dept.name if dept else dept_id


def cat_name(site: Site, cat_id: str) -> str:
    cat = next((c for c in site.config.categories if c.id == cat_id), None)
    return cat.name if cat else cat_id


def school_slug(site: Site, name: str) -> str:
    school = site.schools.find(name) if site.schools else None
    return slug(school.id) if school else "x" + short_hash(name)
