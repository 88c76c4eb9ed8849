"""Document pages: one page per document, its original copied and its search entry, or the reason it is withheld.

A page is planned first (``plan_page``: where it goes, its signature, the cached state); when the
signature is unchanged the page, its stored bodies and its copy are kept as they are (``render_document``
reuses them), else the body prepared on every core is taken and the page written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.archival.catalogue import catalogue_link
from archive_builder.core.i18n import t_in
from archive_builder.core.model import TEXT_TYPES, Document, Problem
from archive_builder.core.sitepaths import doc_page, original_path, rel, short_hash, slug, url_of
from archive_builder.review.extract import rules_version
from archive_builder.review.policy import original_kept, shown_path
from archive_builder.site.bodies import SITE_LANG, BodyJob, mask, prepare_body, take_prepared
from archive_builder.site.originals import download_name, human_size, text_copy
from archive_builder.site.search import SearchEntry
from archive_builder.site.templates import markup, render_template
from archive_builder.site.tree import BODY_MARKER
from archive_builder.site.tree_state import (
    RENDER_VERSION,
    Site,
    archive_number,
    cat_name,
    dept_name,
    load_state,
    save_state,
    school_slug,
    templates_digest,
)

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult

log = logging.getLogger(__name__)


def items_by_document(check: CheckResult | None) -> dict[str, list[ItemResult]]:
    """Document path -> the checklist items it is evidence for."""
    found: dict[str, list[ItemResult]] = defaultdict(list)
    for result in check.items if check else []:
        for evidence in result.evidence:
            found[evidence.path].append(result)
    return found


def _signature(site: Site, doc: Document, include_internal: bool) -> str:
    """What a document page depends on; equal signatures mean an unchanged page."""
    items = [(r.item.id, r.item.title) for r in site.doc_items.get(doc.path, [])]
    dept = site.config.department_by_id(doc.department).name if _known_dept(site, doc) else doc.department
    # The metadata as read, with the masking rules' digest instead of the masked values: masking every
    # field of every document (doc.to_dict) was most of a warm build's render pass.
    metadata = [getattr(doc, name) for name in _SIGNED_FIELDS]
    # rules_version: the readers' (a Word page's HTML is theirs) and the masking and marking rules
    basis = [RENDER_VERSION, templates_digest(), rules_version(), SITE_LANG, include_internal, metadata,
             items, dept, archive_number(site, doc)]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


#: The document fields a page shows or is decided by (not its path on disk, nor its text: sha256 covers that).
_SIGNED_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("abspath", "body", "body_mark"))


def _known_dept(site: Site, doc: Document) -> bool:
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


def plan_page(site: Site, doc: Document, include_internal: bool) -> _PagePlan:
    page = doc_page(doc)
    state_file = site.state_dir / f"{short_hash(doc.path, 16)}.json"
    signature = _signature(site, doc, include_internal)
    cached = load_state(state_file)
    fresh = cached.get("sig") == signature and bool(cached.get("withheld") or (site.tree.root / page).is_file())
    original = rel(page, original_path(doc.department, doc.sha256, doc.type))
    job = BodyJob(doc, original, signature, site.config.cache_dir, site.prepared_dir / state_file.name,
                  include_internal)
    return _PagePlan(doc, page, state_file, cached, job, fresh)


def render_document(site: Site, plan: _PagePlan) -> None:
    """Page, original and search entry of one document, reusing the cached page when unchanged."""
    doc, page, signature = plan.doc, plan.page, plan.job.signature
    if plan.fresh:
        _reuse(site, doc, page, plan.cached)
        return
    prepared = take_prepared(plan.job) or prepare_body(plan.job)
    if prepared.withheld:
        _withhold(site, doc, prepared.withheld)
        save_state(plan.state_file, {"sig": signature, "withheld": prepared.withheld})
        return
    if prepared.failed:
        log.debug("cannot render %s: %s", doc.path, prepared.failed)  # the problem line says it
        site.result.problems.append(Problem(doc.path, "warning", "render.convert_failed", {"detail": prepared.failed}))
    kept = None if doc.type in TEXT_TYPES else original_kept(prepared.masked, prepared.active)
    original = _place_original(site, doc, kept)
    text = _document_page(site, doc, page, prepared.body, prepared.masked, original, kept)
    site.tree.write(page, text)
    _publish(site, doc, page, prepared.text)
    save_state(plan.state_file, {"sig": signature, "text": prepared.text, "original": original,
                                 "bodies": BODY_MARKER.findall(text)})


def _reuse(site: Site, doc: Document, page: str, cached: dict[str, Any]) -> None:
    """An unchanged document: keep its page and copy, republish its search text."""
    if cached.get("withheld"):
        _withhold(site, doc, cached["withheld"])
        return
    bodies = cached.get("bodies")
    site.tree.mark(page, bodies if isinstance(bodies, list) else None)
    if cached.get("original"):
        site.tree.mark(cached["original"])
    _publish(site, doc, page, cached.get("text", ""))


def _withhold(site: Site, doc: Document, reason: str) -> None:
    site.result.withheld.append(Problem(shown_path(doc), "warning", "render.withheld", {"reason": reason}))


def _publish(site: Site, doc: Document, page: str, text: str) -> None:
    """Count the document as published and give it a search entry."""

    site.result.published.append(doc)
    dept = next((d for d in site.config.departments if d.id == doc.department), None)
    site.result.search_entries.append(SearchEntry(
        url=url_of(page), title=mask(doc.title)[0], department=dept_name(site, doc.department),
        category=cat_name(site, doc.category), years=list(doc.years), school=mask(doc.school)[0] if doc.school else None,
        type=doc.type, text=text, doc_no=mask(doc.doc_no or "")[0], archive_no=archive_number(site, doc),
        file_name=mask(doc.path.rsplit("/", 1)[-1])[0], aliases=tuple(dept.aliases) if dept else (),
    ))


def _place_original(site: Site, doc: Document, kept: str | None) -> str | None:
    """Put the original in the site: text files masked, binaries copied unless the policy keeps them out
    (``kept``: why, from ``policy.original_kept``: personal numbers, or a PDF's scripts and actions).

    Returns the tree path of the copy, or None when the original is kept out of the site.
    """
    target = original_path(doc.department, doc.sha256, doc.type)
    if doc.type in TEXT_TYPES:
        raw = doc.abspath.read_bytes()
        try:  # as written (its own line ends), unless it changed since the scan read and reviewed it
            text = raw.decode(doc.encoding or "utf-8") if hashlib.sha256(raw).hexdigest() == doc.sha256 else doc.body or ""
        except (LookupError, UnicodeDecodeError):
            text = doc.body or ""
        site.tree.write(target, text_copy(text, doc.type))
        return target
    if kept:
        return None  # a PDF or workbook with ID numbers cannot be masked, a PDF's script would run: the text stands in
    if not site.tree.copy(doc.abspath, target, doc.size, doc.sha256):
        return None  # replaced since it was read: what is there now was never reviewed, so it is not copied
    return target


def _document_page(site: Site, doc: Document, page: str, body_html: str, masked: int,
                   original: str | None, kept: str | None = None) -> str:
    """The Markdown page of one document: metadata table, original link, body."""
    school = _school_link(site, page, doc.school)
    download = download_name(doc.path.rsplit("/", 1)[-1])
    items = [(rel(page, f"items/{slug(r.item.id)}.md"), r.item.title) for r in site.doc_items.get(doc.path, [])]
    return render_template(
        "document.md.j2",
        title=mask(doc.title)[0], doc=doc, page=page, tags=[mask(str(tag))[0] for tag in doc.tags],
        department=(dept_name(site, doc.department), rel(page, f"departments/{doc.department}.md")),
        category=(cat_name(site, doc.category), rel(page, f"categories/{doc.category}.md")),
        years=[(y, rel(page, f"years/{y}.md")) for y in doc.years], school=school, items=items,
        original=rel(page, original) if original else None, download=download,
        original_label=t_in(SITE_LANG, "site.original_file", name=download, size=human_size(doc.size)),
        body=markup(site.tree.body(body_html)), masked=masked, kept=kept or "site.original_kept",
        archive_no=archive_number(site, doc), box=catalogue_link(site.config, page, archive_number(site, doc)),
        text=lambda value: mask(str(value))[0] if value is not None else "",
    )


def _school_link(site: Site, page: str, name: str | None) -> tuple[str, str] | None:
    if not name:
        return None
    return mask(name)[0], rel(page, f"schools/{school_slug(site, name)}.md")
