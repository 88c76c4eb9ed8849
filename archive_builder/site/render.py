"""Documents and check results -> the Markdown tree the site is built from.

The tree lives in the build folder (``.archive-cache/build/docs``), never in content/. Every path
in it is ASCII: pages are named by ids and short hashes, titles stay Chinese in the pages. Each
document page is rendered again only when its signature (metadata, content hash, the checklist
items it serves) changes; unchanged pages and copied originals are left alone, so their files keep
their times and a rebuild after one change touches one page.

Every text put into a page passes through the privacy masker; raw HTML from Markdown and from
DOCX passes through the sanitiser. Classified documents never get a page, a copy or a search entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.archival.catalogue import catalogue_link
from archive_builder.checking.results import problem_kind
from archive_builder.core import cache
from archive_builder.core.cells import neutral_csv
from archive_builder.core.i18n import has, lookup, t_in
from archive_builder.core.messages import digest as messages_digest
from archive_builder.core.model import TEXT_TYPES, Document, Inventory, Problem, SourceTable
from archive_builder.core.privacy import mark_rules_version
from archive_builder.core.sitepaths import doc_page, original_path, rel, short_hash, slug, url_of
from archive_builder.core.textio import decode_bytes
from archive_builder.inventory.readers.cells import masked_figures
from archive_builder.review.policy import decide, hidden_numbers, original_kept, shown_path
from archive_builder.site.bodies import (
    SITE_LANG,
    BodyJob,
    csv_rows,
    mask,
    prepare_body,
    sheet_html,
    table_html,
    take_prepared,
    warm_bodies,
    workbook_sheets,
)
from archive_builder.site.mkdocs_adapter import user_config
from archive_builder.site.search import SearchEntry
from archive_builder.site.target_pages import item_groups, write_target_pages
from archive_builder.site.templates import markup, render_template

if TYPE_CHECKING:

    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

#: Bump when page layout changes, so every cached page is rendered again.
RENDER_VERSION = 2
LIST_PAGE_SIZE = 200  # documents per index page: keeps every page well under 150 KB of HTML

Progress = Callable[[int, int], None]


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


# --- names ------------------------------------------------------------------------------------------














def human_size(size: int) -> str:
    """1.2 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


# --- the tree writer ----------------------------------------------------------------------------------


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

    def copy(self, source: Path, rel_path: str, size: int) -> None:
        """Copy an original unless a copy of the same size is there (the name carries its hash)."""
        self.keep.add(rel_path)
        path = self.root / rel_path
        if path.is_file() and path.stat().st_size == size:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        self.copied += 1

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


# --- templates ------------------------------------------------------------------------------------------










# --- the whole tree -----------------------------------------------------------------------------------


@dataclass
class _Site:
    """Shared state while rendering one tree."""

    config: ArchiveConfig
    tree: Tree
    state_dir: Path
    check: CheckResult | None
    schools: SchoolRegistry | None
    doc_items: dict[str, list[ItemResult]]
    result: RenderResult
    listings: _Listings
    masked_total: int = 0
    archive_numbers: dict[str, str] = field(default_factory=dict)  # document path -> 档号
    statuses: dict[str, str] = field(default_factory=dict)  # document path -> its publication status

    @property
    def prepared_dir(self) -> Path:
        """Bodies prepared on every core, waiting for the ordered render pass."""
        return self.state_dir.parent / "prepared"


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
    site = _Site(
        config, tree, build_dir / "state", check, schools, _items_by_document(check),
        RenderResult(docs_dir=docs_dir, nav=[]), _Listings(build_dir / "state" / "listings.json", tree),
        archive_numbers=dict(archive_numbers or {}),
        statuses={doc.path: decide(doc).status for doc in inventory.documents},
    )
    site.state_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(site.prepared_dir, ignore_errors=True)  # left over from an interrupted build
    # Documents: one page each (or withheld), originals copied; stale bodies prepared on every core first.
    plans = [_plan_page(site, doc, include_internal) for doc in inventory.documents]
    warm_bodies([plan.job for plan in plans if not plan.fresh])
    for number, plan in enumerate(plans, 1):
        _render_document(site, plan)
        if progress:
            progress(number, len(plans))
    published = site.result.published
    # Index pages: home, categories, departments, years, schools, checklist items, data, problems.
    _write_home(site, inventory)
    nav = [{t_in(SITE_LANG, "site.nav.home"): "index.md"}]
    nav.append(_write_categories(site, published))
    nav.append(_write_departments(site, published))
    nav.append(_write_years(site, published))
    nav.append(_write_schools(site, published))
    nav.append(_write_items(site))
    nav.append(_write_tables(site, inventory.tables))
    nav.extend(extra_nav or [])
    nav.append({t_in(SITE_LANG, "site.nav.problems"): _write_problems(site, inventory)})
    for rel_path, text in (extra_pages or {}).items():
        site.tree.write(rel_path, text)
    site.tree.prune()
    site.listings.save()
    site.result.nav = nav
    site.result.pages = sum(1 for p in site.tree.keep if p.endswith(".md"))
    site.result.pages_written = site.tree.written
    site.result.originals_copied = site.tree.copied
    return site.result


def _items_by_document(check: CheckResult | None) -> dict[str, list[ItemResult]]:
    """Document path -> the checklist items it is evidence for."""
    found: dict[str, list[ItemResult]] = defaultdict(list)
    for result in check.items if check else []:
        for evidence in result.evidence:
            found[evidence.path].append(result)
    return found


# --- document pages -------------------------------------------------------------------------------------


def _signature(site: _Site, doc: Document, include_internal: bool) -> str:
    """What a document page depends on; equal signatures mean an unchanged page."""
    items = [(r.item.id, r.item.title) for r in site.doc_items.get(doc.path, [])]
    dept = site.config.department_by_id(doc.department).name if _known_dept(site, doc) else doc.department
    # The metadata as read, with the masking rules' digest instead of the masked values: masking every
    # field of every document (doc.to_dict) was most of a warm build's render pass.
    metadata = [getattr(doc, name) for name in _SIGNED_FIELDS]
    basis = [RENDER_VERSION, _templates_digest(), mark_rules_version(), SITE_LANG, include_internal, metadata,
             items, dept, _archive_no(site, doc)]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


#: The document fields a page shows or is decided by (not its path on disk, nor its text: sha256 covers that).
_SIGNED_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("abspath", "body", "body_mark"))


def _archive_no(site: _Site, doc: Document) -> str:
    """The document's 档号: the one the catalogue assigned, else the one its metadata gives."""
    return site.archive_numbers.get(doc.path) or doc.archive_no or ""


@lru_cache(maxsize=1)
def _templates_digest() -> str:
    """Changes whenever a page template or message changes, so cached pages are rendered again."""
    from importlib import resources

    digest = hashlib.sha256(messages_digest().encode())  # pages say archival and policy words too
    for entry in sorted(resources.files("archive_builder").joinpath("templates").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".j2"):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


def _known_dept(site: _Site, doc: Document) -> bool:
    return any(d.id == doc.department for d in site.config.departments)


@dataclass
class _PagePlan:
    """One document's page before rendering: where it goes, what it depends on, what was cached."""

    doc: Document
    page: str
    state_file: Path
    cached: dict[str, Any]
    job: BodyJob
    fresh: bool  # the cached page is still right: nothing to render


def _plan_page(site: _Site, doc: Document, include_internal: bool) -> _PagePlan:
    page = doc_page(doc)
    state_file = site.state_dir / f"{short_hash(doc.path, 16)}.json"
    signature = _signature(site, doc, include_internal)
    cached = _load_state(state_file)
    fresh = cached.get("sig") == signature and bool(cached.get("withheld") or (site.tree.root / page).is_file())
    original = rel(page, original_path(doc.department, doc.sha256, doc.type))
    job = BodyJob(doc, original, signature, site.config.cache_dir, site.prepared_dir / state_file.name,
                  include_internal)
    return _PagePlan(doc, page, state_file, cached, job, fresh)


def _render_document(site: _Site, plan: _PagePlan) -> None:
    """Page, original and search entry of one document, reusing the cached page when unchanged."""
    doc, page, signature = plan.doc, plan.page, plan.job.signature
    if plan.fresh:
        _reuse(site, doc, page, plan.cached)
        return
    prepared = take_prepared(plan.job) or prepare_body(plan.job)
    if prepared.withheld:
        _withhold(site, doc, prepared.withheld)
        _save_state(plan.state_file, {"sig": signature, "withheld": prepared.withheld})
        return
    if prepared.failed:
        log.debug("cannot render %s: %s", doc.path, prepared.failed)  # the problem line says it
        site.result.problems.append(Problem(doc.path, "warning", "render.convert_failed", {"detail": prepared.failed}))
    kept = None if doc.type in TEXT_TYPES else original_kept(prepared.masked, prepared.active)
    original = _place_original(site, doc, kept)
    text = _document_page(site, doc, page, prepared.body, prepared.masked, original, kept)
    site.tree.write(page, text)
    _publish(site, doc, page, prepared.text)
    _save_state(plan.state_file, {"sig": signature, "text": prepared.text, "original": original,
                                  "bodies": BODY_MARKER.findall(text)})


def _reuse(site: _Site, doc: Document, page: str, cached: dict[str, Any]) -> None:
    """An unchanged document: keep its page and copy, republish its search text."""
    if cached.get("withheld"):
        _withhold(site, doc, cached["withheld"])
        return
    bodies = cached.get("bodies")
    site.tree.mark(page, bodies if isinstance(bodies, list) else None)
    if cached.get("original"):
        site.tree.mark(cached["original"])
    _publish(site, doc, page, cached.get("text", ""))


def _load_state(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}


def _save_state(path: Path, data: dict[str, Any]) -> None:
    cache.write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _withhold(site: _Site, doc: Document, reason: str) -> None:
    site.result.withheld.append(Problem(shown_path(doc), "warning", "render.withheld", {"reason": reason}))


def _publish(site: _Site, doc: Document, page: str, text: str) -> None:
    """Count the document as published and give it a search entry."""

    site.result.published.append(doc)
    dept = next((d for d in site.config.departments if d.id == doc.department), None)
    site.result.search_entries.append(SearchEntry(
        url=url_of(page), title=mask(doc.title)[0], department=_dept_name(site, doc.department),
        category=_cat_name(site, doc.category), years=list(doc.years), school=mask(doc.school)[0] if doc.school else None,
        type=doc.type, text=text, doc_no=mask(doc.doc_no or "")[0], archive_no=_archive_no(site, doc),
        file_name=mask(doc.path.rsplit("/", 1)[-1])[0], aliases=tuple(dept.aliases) if dept else (),
    ))


def _place_original(site: _Site, doc: Document, kept: str | None) -> str | None:
    """Put the original in the site: text files masked, binaries copied unless the policy keeps them out
    (``kept``: why, from ``policy.original_kept``: personal numbers, or a PDF's scripts and actions).

    Returns the tree path of the copy, or None when the original is kept out of the site.
    """
    target = original_path(doc.department, doc.sha256, doc.type)
    if doc.type in TEXT_TYPES:
        raw = doc.abspath.read_bytes()
        try:
            text = raw.decode(doc.encoding or "utf-8")
        except (LookupError, UnicodeDecodeError):
            text = doc.body or ""
        site.tree.write(target, _text_copy(text, doc.type))
        return target
    if kept:
        return None  # a PDF or workbook with ID numbers cannot be masked, a PDF's script would run: the text stands in
    site.tree.copy(doc.abspath, target, doc.size)
    return target


def _dept_name(site: _Site, dept_id: str) -> str:
    dept = next((d for d in site.config.departments if d.id == dept_id), None)
    return dept.name if dept else dept_id


def _cat_name(site: _Site, cat_id: str) -> str:
    cat = next((c for c in site.config.categories if c.id == cat_id), None)
    return cat.name if cat else cat_id


def table_page(table: SourceTable) -> str:
    """Tree path of a source table's page, e.g. ``data/1a2b3c4d5e.md``."""
    return f"data/{short_hash(table.path)}.md"


def _document_page(site: _Site, doc: Document, page: str, body_html: str, masked: int,
                   original: str | None, kept: str | None = None) -> str:
    """The Markdown page of one document: metadata table, original link, body."""
    school = _school_link(site, page, doc.school)
    download = download_name(doc.path.rsplit("/", 1)[-1])
    items = [(rel(page, f"items/{slug(r.item.id)}.md"), r.item.title) for r in site.doc_items.get(doc.path, [])]
    return render_template(
        "document.md.j2",
        title=mask(doc.title)[0], doc=doc, page=page, tags=[mask(str(tag))[0] for tag in doc.tags],
        department=(_dept_name(site, doc.department), rel(page, f"departments/{doc.department}.md")),
        category=(_cat_name(site, doc.category), rel(page, f"categories/{doc.category}.md")),
        years=[(y, rel(page, f"years/{y}.md")) for y in doc.years], school=school, items=items,
        original=rel(page, original) if original else None, download=download,
        original_label=t_in(SITE_LANG, "site.original_file", name=download, size=human_size(doc.size)),
        body=markup(site.tree.body(body_html)), masked=masked, kept=kept or "site.original_kept",
        archive_no=_archive_no(site, doc), box=catalogue_link(site.config, page, _archive_no(site, doc)),
        text=lambda value: mask(str(value))[0] if value is not None else "",
    )


_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def download_name(name: str) -> str:
    """The name a downloaded original is saved under: its own (Chinese) name, masked, safe on Windows.

    The copy in the site keeps its ASCII name; the link's ``download`` attribute carries this one.
    """
    return _UNSAFE_IN_NAMES.sub("_", mask(name)[0]).strip(" .") or "original"


def _school_link(site: _Site, page: str, name: str | None) -> tuple[str, str] | None:
    if not name:
        return None
    return mask(name)[0], rel(page, f"schools/{_school_slug(site, name)}.md")


def _school_slug(site: _Site, name: str) -> str:
    school = site.schools.find(name) if site.schools else None
    return slug(school.id) if school else "x" + short_hash(name)


# --- listings -----------------------------------------------------------------------------------------


def _rows(site: _Site, page: str, docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Listing rows for a page: link, title and the main metadata."""
    return [{
        "url": rel(page, doc_page(d)), "title": _masked_name(d.title), "doc_no": _masked_name(d.doc_no or ""),
        "date": d.date or "", "department": _dept_name(site, d.department),
        "category": _cat_name(site, d.category), "years": "、".join(str(y) for y in d.years),
    } for d in sorted(docs, key=lambda d: (d.date or "", d.path))]


@lru_cache(maxsize=1 << 16)
def _masked_name(text: str) -> str:
    """A title or 文号 masked, once per build for the four listings that show it."""
    return mask(text)[0]


#: Pages without a useful table of contents (Material's right column), so tables get its room.
NO_TOC = ("toc",)
#: Listing columns a page leaves out because the page itself names them.
OMITTED_COLUMNS = {"departments": ("department",), "categories": ("category",)}


def _write_listing(site: _Site, base: str, title: str, docs: list[Document], intro: str = "",
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


def _listing_key(site: _Site, title: str, intro: str, docs: list[Document], pager: dict[str, Any],
                 omit: tuple[str, ...]) -> str:
    """What a listing page shows, before masking and rendering: equal keys mean an unchanged page."""
    rows = [(d.path, d.title, d.doc_no, d.date, _dept_name(site, d.department), _cat_name(site, d.category),
             d.years) for d in docs]
    basis = [RENDER_VERSION, _templates_digest(), mark_rules_version(), title, intro, rows, pager, omit]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


class _Listings:
    """The key each listing page of the tree was last made from (``state/listings.json``).

    A page whose key is unchanged and whose file the tree still holds is kept as it is: one changed
    document renders only the listings it appears in.
    """

    def __init__(self, path: Path, tree: Tree) -> None:
        self.path = path
        self.tree = tree
        self.known: dict[str, str] = _load_state(path).get("pages", {})
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


def _section(site: _Site, key: str, folder: str, entries: list[tuple[str, str, list[Document]]],
             in_nav: bool = True) -> dict[str, Any]:
    """An index page listing ``entries`` (id, title, docs) and a listing per entry; returns its nav."""
    label = t_in(SITE_LANG, key)
    index = f"{folder}/index.md"
    links = []
    children: list[Any] = [index]
    for entry_id, title, docs in entries:
        first = _write_listing(site, f"{folder}/{entry_id}", title, docs, _status_intro(site, folder, entry_id),
                               OMITTED_COLUMNS.get(folder, ()))
        links.append({"url": rel(index, first), "title": title, "count": len(docs),
                      "status": _status_of(site, folder, entry_id)})
        children.append({title: first})
    site.tree.write(index, render_template("section.md.j2", title=label, links=links, hide=NO_TOC))
    return {label: children if in_nav else [index]}


def _write_categories(site: _Site, docs: list[Document]) -> dict[str, Any]:
    by_cat = _group(docs, lambda d: [d.category])
    entries = [(c.id, c.name, by_cat.get(c.id, [])) for c in site.config.categories]
    return _section(site, "site.nav.categories", "categories", entries)


def _write_departments(site: _Site, docs: list[Document]) -> dict[str, Any]:
    by_dept = _group(docs, lambda d: [d.department])
    entries = [(d.id, d.name, by_dept.get(d.id, [])) for d in site.config.departments]
    return _section(site, "site.nav.departments", "departments", entries)


def _write_years(site: _Site, docs: list[Document]) -> dict[str, Any]:
    by_year = _group(docs, lambda d: d.years)
    years = sorted(set(site.config.years) | set(by_year))
    entries = [(str(y), t_in(SITE_LANG, "site.year_title", year=y), by_year.get(y, [])) for y in years]
    return _section(site, "site.nav.years", "years", entries)


def _write_schools(site: _Site, docs: list[Document]) -> dict[str, Any]:
    """A page per registry school and per school name found only in metadata; the nav shows the index."""
    by_school = _group([d for d in docs if d.school], lambda d: [_school_slug(site, d.school or "")])
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


# --- completeness: statuses, item pages, the home page ---------------------------------------------------


def status_class(totals: Any) -> str:
    """complete | partial | missing | none, for a Totals."""
    if totals is None or totals.items == 0:
        return "none"
    if totals.slots_total and totals.slots_filled == totals.slots_total or (not totals.slots_total and
                                                                            totals.missing == 0):
        return "complete" if totals.partial == 0 and totals.missing == 0 else "partial"
    return "missing" if totals.slots_filled == 0 else "partial"


def _status_of(site: _Site, folder: str, entry_id: str) -> str | None:
    if site.check is None:
        return None
    if folder == "departments":
        return status_class(site.check.by_department.get(entry_id))
    if folder == "categories":
        return status_class(site.check.by_category.get(entry_id))
    return None


def _status_intro(site: _Site, folder: str, entry_id: str) -> str:
    """For a department or category: its checklist items and their statuses."""
    if site.check is None or folder not in ("departments", "categories"):
        return ""
    key = "department" if folder == "departments" else "category"
    results = [r for r in site.check.items if getattr(r.item, key) == entry_id]
    if not results:
        return ""
    page = f"{folder}/{entry_id}.md"
    return render_template("item_table.md.j2", results=_item_rows(page, results))


def _item_rows(page: str, results: list[ItemResult]) -> list[dict[str, Any]]:
    return [{
        "url": rel(page, f"items/{slug(r.item.id)}.md"), "id": r.item.id, "title": r.item.title,
        "status": r.status, "filled": r.slots_filled, "total": r.slots_total,
        "missing": _missing_text(r),
    } for r in results]


def _missing_text(result: ItemResult) -> str:
    parts = [t_in(SITE_LANG, "site.year_title", year=y) for y in result.missing_years]
    schools = result.missing_schools
    parts += schools[:5] + (["…"] if len(schools) > 5 else [])
    return "、".join(parts)


def _write_items(site: _Site) -> dict[str, Any]:
    """A page per checklist item and the checklist index; the nav shows only the index."""
    label = t_in(SITE_LANG, "site.nav.items")
    results = site.check.items if site.check else []
    published = {d.path: d for d in site.result.published}
    for result in results:
        page = f"items/{slug(result.item.id)}.md"
        site.tree.write(page, render_template("item.md.j2", **_item_context(site, page, result, published),
                                              hide=NO_TOC))
    rows = _item_rows("items/index.md", results)

    targets = write_target_pages(site.tree.write, site.check, site.config.assessment_year)
    site.tree.write("items/index.md", render_template("items.md.j2", title=label, results=rows,
                                                      has_check=site.check is not None, targets=targets,
                                                      groups=item_groups(site.config, site.check, rows)))
    return {label: ["items/index.md"]}


def _withheld_label(site: _Site, path: str, link: str | None) -> str:
    """How an item page names evidence it does not link: 涉密, 内部 or held for review, as the document is."""
    if link is not None:
        return ""
    status = site.statuses.get(path)
    return t_in(SITE_LANG, f"site.item.withheld.{ {'internal': 'internal', 'classified': 'classified'}.get(status or '', 'held')}")


def _item_context(site: _Site, page: str, result: ItemResult, published: dict[str, Document]) -> dict[str, Any]:
    """What an item page shows: status, evidence (withheld ones without title), what is missing."""
    evidence = []
    for ev in result.evidence:
        doc = published.get(ev.path)
        link = rel(page, doc_page(doc)) if doc is not None else None
        evidence.append({"url": link, "title": mask(ev.title)[0] if link else "",
                         "years": "、".join(map(str, ev.years)), "withheld": _withheld_label(site, ev.path, link)})
    item = result.item
    return {
        "title": f"{item.id} {item.title}", "result": result, "item": item, "evidence": evidence,
        "department": _dept_name(site, item.department) if item.department else "",
        "category": _cat_name(site, item.category) if item.category else "",
        "missing_years": [t_in(SITE_LANG, "site.year_title", year=y) for y in result.missing_years],
        "missing_schools": result.missing_schools,
        "waived": [{
            "slot": "、".join(str(part) for part in (w.slot.year, w.school_name) if part),
            "reason": w.waiver.reason, "approved_by": w.waiver.approved_by, "date": w.waiver.date or "",
        } for w in result.waived],
        "figure": result.detail.get("message") if result.detail.get("kind") == "indicator" else None,
    }


def _write_home(site: _Site, inventory: Inventory) -> None:
    """The home page: name, dashboard (overall share, matrix, gaps), counts and how to use the site."""
    check = site.check
    context: dict[str, Any] = {
        "title": site_title(site.config), "county": site.config.county, "check": check, "hide": ("navigation", "toc"),
        "counts": {"documents": len(site.result.published),
                   "departments": len({d.department for d in site.result.published}),
                   "problems": len({p.path for p in inventory.problems}),
                   "withheld": len(site.result.withheld)},
    }
    if check is not None:
        summary = check.summary
        context["overall"] = {**summary.to_dict(), "share": f"{summary.completeness:.0%}"}
        context["categories"] = [(c.id, c.name) for c in site.config.categories]
        context["matrix"] = _matrix_rows(site)
        context["gaps"] = _item_rows("index.md", [r for r in check.items if r.is_gap])
    site.tree.write("index.md", render_template("home.md.j2", **context))


def site_title(config: ArchiveConfig) -> str:
    """The archive's name as the header shows it: the archive's mkdocs.yml site_name, else archive.yml's name."""

    return str(user_config(config).get("site_name") or config.name)


def _matrix_rows(site: _Site) -> list[dict[str, Any]]:
    """Department rows of the matrix: a cell per category with its status and counts."""
    assert site.check is not None
    rows = []
    for dept in site.config.departments:
        cells_by_cat = site.check.matrix.get(dept.id)
        if not cells_by_cat:
            continue
        cells = []
        for cat in site.config.categories:
            totals = cells_by_cat.get(cat.id)
            cells.append({"status": status_class(totals),
                          "text": f"{totals.slots_filled}/{totals.slots_total}" if totals and totals.items else "–"})
        rows.append({"name": dept.name, "url": f"departments/{dept.id}.html", "cells": cells})
    return rows


# --- source tables and problems ------------------------------------------------------------------------------


def _write_tables(site: _Site, tables: list[SourceTable]) -> dict[str, Any]:
    """A page per table under content/data (masked cells) with its original copied."""
    label = t_in(SITE_LANG, "site.nav.data")
    links = []
    for table in tables:
        page = table_page(table)
        try:
            body = _source_table_html(table)
            target = _place_table(site, table)
        except Exception as exc:  # a bad table must not stop the build
            site.result.problems.append(Problem(table.path, "warning", "render.convert_failed",
                                                {"detail": str(exc)[:200]}))
            body, target = "", None
        body, masked = mask(body)
        title = table_title(table)
        download = download_name(f"{title}.{table.type}")
        site.tree.write(page, render_template(
            "table.md.j2", title=title, path=table.path, body=markup(site.tree.body(body)),
            masked=masked, hide=NO_TOC, download=download,
            original=rel(page, target) if target else None,
            original_label=t_in(SITE_LANG, "site.original_file", name=download, size=human_size(table.size)),
        ))
        links.append({"url": rel("data/index.md", page), "title": title, "count": None, "status": None})
    site.tree.write("data/index.md", render_template("section.md.j2", title=label, links=links, hide=NO_TOC))
    return {label: ["data/index.md"]}


def table_title(table: SourceTable) -> str:
    """A data table's name on the site: the Chinese name of a table the tool knows, else its file's name."""
    key = f"site.table.{posixpath.splitext(posixpath.basename(table.path))[0]}"
    return t_in(SITE_LANG, key) if has(key) else mask(table.title)[0]


def _text_copy(text: str, kind: str) -> bytes:
    """A text original as the site keeps it: numbers masked, a CSV's formula-like cells written as text."""

    masked = mask(text)[0]
    return (neutral_csv(csv_rows(masked)) if kind == "csv" else masked).encode("utf-8")


def _place_table(site: _Site, table: SourceTable) -> str | None:
    """A table's original in the site: CSV masked, workbooks only when they hold no personal number."""
    target = original_path("data", table.sha256, table.type)
    if table.type == "csv":

        text, _ = decode_bytes(table.abspath.read_bytes())
        site.tree.write(target, _text_copy(text, "csv"))
        return target
    cells = "\n".join("\t".join(map(str, row)) for _, rows in workbook_sheets(table.abspath, table.type, None)
                      for row in rows)
    if mask(cells)[1] or masked_figures(cells) or hidden_numbers(table.abspath):
        return None  # a number in a cell, a sheet name or the workbook's properties keeps it out
    site.tree.copy(table.abspath, target, table.size)
    return target


def _source_table_html(table: SourceTable) -> str:
    if table.type == "csv":

        text, _ = decode_bytes(table.abspath.read_bytes())
        return table_html(csv_rows(text))
    return "".join(sheet_html(name, rows) for name, rows in workbook_sheets(table.abspath, table.type))


def _write_problems(site: _Site, inventory: Inventory) -> str:
    """Every problem found by scan, check and rendering: path, problem, how to fix it.

    A file the tool could not read, or whose metadata it could not parse, may be classified: the page names
    it only by its 档号, or by its department and category (the clerk's own scan and check name the file).
    """
    problems = [*inventory.problems, *(site.check.problems if site.check else []), *site.result.problems]

    files = len(inventory.problems)
    unread = _unread_files(site, inventory)
    withheld = _WithheldNames(inventory)
    rows = []
    for n, p in enumerate(problems):
        shown = p if p.path not in unread else replace(p, path=unread[p.path], params=_veiled(p.params))
        shown = withheld.in_site_language(shown)
        rows.append({"path": mask(shown.path)[0], "severity": t_in(SITE_LANG, f"severity.{p.severity}"),
                     "message": mask(t_in(SITE_LANG, p.code, **shown.params))[0], "hint": mask(_hint(shown))[0],
                     "kind": t_in(SITE_LANG, f"report.problem_kind.{problem_kind(p.code)}") if n < files else ""})
    site.tree.write("problems.md", render_template("problems.md.j2", title=t_in(SITE_LANG, "site.nav.problems"),
                                                   rows=rows, hide=NO_TOC))
    return "problems.md"


def _unread_files(site: _Site, inventory: Inventory) -> dict[str, str]:
    """Each file of content/ with a problem that is neither a document read and decided on nor a data table
    (skipped, unreadable, or held for review), and how the public problems page names it."""

    decided = {doc.path for doc in inventory.documents if decide(doc).status in ("published", "internal")}
    decided.update(table.path for table in inventory.tables)
    numbers = {doc.path: _archive_no(site, doc) for doc in inventory.documents}
    named: dict[str, str] = {}
    for problem in [*inventory.problems, *(site.check.problems if site.check else []), *site.result.problems]:
        path = problem.path
        if path in decided or path in named or not _content_file(site.config.content_dir, path):
            continue
        named[path] = site.archive_numbers.get(path) or numbers.get(path) or _under_review_name(path)
    return named


def _content_file(content: Path, path: str) -> bool:
    """Whether ``path`` names a file (or a link, or anything but a folder) under content/."""
    if not path or path.startswith(("/", "..")):
        return False
    where = content / path
    return os.path.lexists(where) and not (where.is_dir() and not where.is_symlink())


def _under_review_name(path: str) -> str:
    """A file named by its department and category only: 县教科局 / 发展规划：1 个文件待复核."""
    parts = path.split("/")
    folder = " / ".join(parts[:2]) if len(parts) >= 3 else ""
    return t_in(SITE_LANG, "site.problems.unread_file", folder=folder) if folder \
        else t_in(SITE_LANG, "site.problems.unread_file_top")


class _WithheldNames:
    """The name scan and check give a withheld file's problem (its folder and a short hash, in the language of
    the command line), as the site names it: in the site's language, 涉密 or 内部 as the document is, and a
    file the scan skipped (unread: it may be either) by its department and category only."""

    def __init__(self, inventory: Inventory) -> None:

        self.status = {doc.sha256[:8]: decide(doc).status for doc in inventory.documents if doc.sha256}
        self.patterns = []
        for template in (lookup("report.withheld_file") or {}).values():  # either language of the command line
            before, _, after = template.partition("{ref}")
            self.patterns.append(re.compile(f"(.*?){re.escape(before)}(.*?){re.escape(after)}", re.DOTALL))

    def in_site_language(self, problem: Problem) -> Problem:
        for pattern in self.patterns:
            found = pattern.fullmatch(problem.path)
            if found:
                return self._renamed(problem, found.group(1), found.group(2))
        return problem

    def _renamed(self, problem: Problem, folder: str, ref: str) -> Problem:
        status = self.status.get(ref)
        if status in ("classified", "internal"):
            name = folder + t_in(SITE_LANG, f"site.withheld_file.{status}", ref=ref)
            return replace(problem, path=name)
        return replace(problem, path=_under_review_name(folder + "-"), params=_veiled(problem.params))


def _veiled(params: dict[str, Any]) -> dict[str, Any]:
    """A problem's details without their words (a parser's message may quote the file's 密级 or title)."""
    return {key: "…" if isinstance(value, str) else value for key, value in params.items()}


def _hint(problem: Problem) -> str:
    hint = t_in(SITE_LANG, f"{problem.code}.hint", **problem.params)
    return "" if hint == f"{problem.code}.hint" else hint
