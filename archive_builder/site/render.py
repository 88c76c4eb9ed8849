"""Documents and check results -> the Markdown tree the site is built from.

The tree lives in the build folder (``.archive-cache/build/docs``), never in content/. Every path
in it is ASCII: pages are named by ids and short hashes, titles stay Chinese in the pages. Each
document page is rendered again only when its signature (metadata, content hash, the checklist
items it serves) changes; unchanged pages and copied originals are left alone, so their files keep
their times and a rebuild after one change touches one page.

Every text put into a page passes through the privacy masker; raw HTML from Markdown and from
DOCX passes through the sanitiser. Classified documents never get a page, a copy or a search entry.

``render_tree`` writes it top to bottom: the document pages (``document_pages``), the home page and the
checklist items (``completeness_pages``), the listings by category, department, year and school
(``listings``), the data tables (``table_pages``) and the problems page (``problem_pages``), each through
the tree writer (``tree``) and with the state they share (``tree_state``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import t_in
from archive_builder.core.model import Inventory
from archive_builder.review.policy import decide
from archive_builder.site.bodies import SITE_LANG, warm_bodies
from archive_builder.site.completeness_pages import write_home, write_items
from archive_builder.site.document_pages import items_by_document, plan_page, render_document
from archive_builder.site.listings import Listings, write_categories, write_departments, write_schools, write_years
from archive_builder.site.problem_pages import write_problems
from archive_builder.site.table_pages import write_tables
from archive_builder.site.tree import Tree
from archive_builder.site.tree_state import RenderResult, Site

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.statistics.schools import SchoolRegistry


Progress = Callable[[int, int], None]


def render_tree(
    config: ArchiveConfig,
    inventory: Inventory,
    build_dir: Path,
    *,
    check: CheckResult | None = None,
    schools: SchoolRegistry | None = None,
    include_internal: bool = False,
    extra_pages: dict[str, str | bytes] | None = None,
    extra_nav: list[dict[str, Any]] | None = None,
    progress: Progress | None = None,
    archive_numbers: dict[str, str] | None = None,
) -> RenderResult:
    """Write the Markdown tree for ``inventory`` under ``build_dir/docs``; returns what it holds.

    ``extra_pages`` maps more tree paths to their content (indicator pages, stylesheets).
    """
    docs_dir = build_dir / "docs"
    tree = Tree(docs_dir)
    site = Site(
        config, tree, build_dir / "state", check, schools, items_by_document(check),
        RenderResult(docs_dir=docs_dir, nav=[]), Listings(build_dir / "state" / "listings.json", tree),
        archive_numbers=dict(archive_numbers or {}),
        statuses={doc.path: decide(doc).status for doc in inventory.documents},
    )
    site.state_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(site.prepared_dir, ignore_errors=True)  # left over from an interrupted build
    # Documents: one page each (or withheld), originals copied; stale bodies prepared on every core first.
    plans = [plan_page(site, doc, include_internal) for doc in inventory.documents]
    warm_bodies([plan.job for plan in plans if not plan.fresh])
    for number, plan in enumerate(plans, 1):
        render_document(site, plan)
        if progress:
            progress(number, len(plans))
    published = site.result.published
    # Index pages: home, categories, departments, years, schools, checklist items, data, problems.
    write_home(site, inventory)
    nav = [{t_in(SITE_LANG, "site.nav.home"): "index.md"}]
    nav.append(write_categories(site, published))
    nav.append(write_departments(site, published))
    nav.append(write_years(site, published))
    nav.append(write_schools(site, published))
    nav.append(write_items(site))
    nav.append(write_tables(site, inventory.tables))
    nav.extend(extra_nav or [])
    nav.append({t_in(SITE_LANG, "site.nav.problems"): write_problems(site, inventory)})
    for rel_path, text in (extra_pages or {}).items():
        site.tree.write(rel_path, text)
    site.tree.prune()
    site.listings.save()
    site.result.nav = nav
    site.result.pages = sum(1 for p in site.tree.keep if p.endswith(".md"))
    site.result.pages_written = site.tree.written
    site.result.originals_copied = site.tree.copied
    return site.result
