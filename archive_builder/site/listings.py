"""Listings: the paginated document lists of each category, department, year and school, and their index pages.

A listing page is written again only when what it shows changes (its key, kept in ``state/listings.json``),
so one changed document renders only the listings it appears in.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core import cache
from archive_builder.core.i18n import t_in
from archive_builder.core.model import Document
from archive_builder.core.privacy import mark_rules_version
from archive_builder.core.sitepaths import doc_page, rel, slug
from archive_builder.site.bodies import SITE_LANG, mask
from archive_builder.site.completeness_pages import status_intro, status_of
from archive_builder.site.templates import NO_TOC, markup, render_template
from archive_builder.site.tree_state import (
    RENDER_VERSION,
    Site,
    cat_name,
    dept_name,
    load_state,
    school_slug,
    templates_digest,
)

if TYPE_CHECKING:
    from archive_builder.site.tree import Tree


LIST_PAGE_SIZE = 200  # documents per index page: keeps every page well under 150 KB of HTML


def _rows(site: Site, page: str, docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Listing rows for a page: link, title and the main metadata."""
    return [{
        "url": rel(page, doc_page(d)), "title": _masked_name(d.title), "doc_no": _masked_name(d.doc_no or ""),
        "date": d.date or "", "department": dept_name(site, d.department),
        "category": cat_name(site, d.category), "years": "、".join(str(y) for y in d.years),
    } for d in sorted(docs, key=lambda d: (d.date or "", d.path))]


@lru_cache(maxsize=1 << 16)
def _masked_name(text: str) -> str:
    """A title or 文号 masked, once per build for the four listings that show it."""
    return mask(text)[0]


#: Listing columns a page leaves out because the page itself names them.
OMITTED_COLUMNS = {"departments": ("department",), "categories": ("category",)}


def _write_listing(site: Site, base: str, title: str, docs: list[Document], intro: str = "",
                   omit: tuple[str, ...] = ()) -> str:
    """Paginated document listing at ``base.md``, ``base-2.md`` …; returns the first page.

    ``omit``: the columns every row would repeat (the department on a department's page).
    """
    chunks = [docs[i:i + LIST_PAGE_SIZE] for i in range(0, len(docs), LIST_PAGE_SIZE)] or [[]]
    names = [f"{base}.md" if n == 1 else f"{base}-{n}.md" for n in range(1, len(chunks) + 1)]
    for number, (name, chunk) in enumerate(zip(names, chunks), 1):
        pager = {
            "page": number, "pages": len(names),
            "previous": rel(name, names[number - 2]) if number > 1 else None,
            "next": rel(name, names[number]) if number < len(names) else None,
        }
        key = _listing_key(site, title, intro, chunk, pager, omit)
        if site.listings.unchanged(name, key):
            continue
        site.tree.write(name, render_template(
            "listing.md.j2", title=title, intro=markup(intro), rows=_rows(site, name, chunk), pager=pager,
            omit=omit, hide=NO_TOC,
        ))
        site.listings.made(name, key)
    return names[0]


def _listing_key(site: Site, title: str, intro: str, docs: list[Document], pager: dict[str, Any],
                 omit: tuple[str, ...]) -> str:
    """What a listing page shows, before masking and rendering: equal keys mean an unchanged page."""
    rows = [(d.path, d.title, d.doc_no, d.date, dept_name(site, d.department), cat_name(site, d.category),
             d.years) for d in docs]
    basis = [RENDER_VERSION, templates_digest(), mark_rules_version(), title, intro, rows, pager, omit]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


class Listings:
    """The key each listing page of the tree was last made from (``state/listings.json``).

    A page whose key is unchanged and whose file the tree still holds is kept as it is: one changed
    document renders only the listings it appears in.
    """

    def __init__(self, path: Path, tree: Tree) -> None:
        self.path = path
        self.tree = tree
        self.known: dict[str, str] = load_state(path).get("pages", {})
        self.keys: dict[str, str] = {}

    def unchanged(self, name: str, key: str) -> bool:
        if self.known.get(name) != key or not (self.tree.root / name).is_file():
            return False
        self.tree.mark(name, bodies=())  # a listing refers to no stored body
        self.keys[name] = key
        return True

    def made(self, name: str, key: str) -> None:
        self.keys[name] = key

    def save(self) -> None:
        if self.keys != self.known:
            cache.write_atomic(self.path, json.dumps({"pages": self.keys}, ensure_ascii=False).encode("utf-8"))


def _section(site: Site, key: str, folder: str, entries: list[tuple[str, str, list[Document]]],
             in_nav: bool = True) -> dict[str, Any]:
    """An index page listing ``entries`` (id, title, docs) and a listing per entry; returns its nav."""
    label = t_in(SITE_LANG, key)
    index = f"{folder}/index.md"
    links = []
    children: list[Any] = [index]
    for entry_id, title, docs in entries:
        first = _write_listing(site, f"{folder}/{entry_id}", title, docs, status_intro(site, folder, entry_id),
                               OMITTED_COLUMNS.get(folder, ()))
        links.append({"url": rel(index, first), "title": title, "count": len(docs),
                      "status": status_of(site, folder, entry_id)})
        children.append({title: first})
    site.tree.write(index, render_template("section.md.j2", title=label, links=links, hide=NO_TOC))
    return {label: children if in_nav else [index]}


def write_categories(site: Site, docs: list[Document]) -> dict[str, Any]:
    by_cat = _group(docs, lambda d: [d.category])
    entries = [(c.id, c.name, by_cat.get(c.id, [])) for c in site.config.categories]
    return _section(site, "site.nav.categories", "categories", entries)


def write_departments(site: Site, docs: list[Document]) -> dict[str, Any]:
    by_dept = _group(docs, lambda d: [d.department])
    entries = [(d.id, d.name, by_dept.get(d.id, [])) for d in site.config.departments]
    return _section(site, "site.nav.departments", "departments", entries)


def write_years(site: Site, docs: list[Document]) -> dict[str, Any]:
    by_year = _group(docs, lambda d: d.years)
    years = sorted(set(site.config.years) | set(by_year))
    entries = [(str(y), t_in(SITE_LANG, "site.year_title", year=y), by_year.get(y, [])) for y in years]
    return _section(site, "site.nav.years", "years", entries)


def write_schools(site: Site, docs: list[Document]) -> dict[str, Any]:
    """A page per registry school and per school name found only in metadata; the nav shows the index."""
    by_school = _group([d for d in docs if d.school], lambda d: [school_slug(site, d.school or "")])
    entries: list[tuple[str, str, list[Document]]] = []
    known: set[str] = set()
    for school in site.schools.schools if site.schools else []:
        key = slug(school.id)
        known.add(key)
        entries.append((key, school.name, by_school.get(key, [])))
    for key, group in sorted(by_school.items()):
        if key not in known:
            entries.append((key, mask(group[0].school or "")[0], group))
    return _section(site, "site.nav.schools", "schools", entries, in_nav=False)


def _group(docs: list[Document], keys: Callable[[Document], list[Any]]) -> dict[Any, list[Document]]:
    groups: dict[Any, list[Document]] = defaultdict(list)
    for doc in docs:
        for key in keys(doc):
            groups[key].append(doc)
    return groups
