"""Completeness pages: the status of a department, category or item, a page per checklist item, the
checklist index, and the home page with its dashboard (overall share, the department × category matrix, gaps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import t_in
from archive_builder.core.model import Document, Inventory
from archive_builder.core.sitepaths import doc_page, rel, slug
from archive_builder.site.bodies import SITE_LANG, mask
from archive_builder.site.mkdocs_adapter import user_config
from archive_builder.site.target_pages import item_groups, write_target_pages
from archive_builder.site.templates import NO_TOC, render_template
from archive_builder.site.tree_state import Site, cat_name, dept_name

if TYPE_CHECKING:
    from archive_builder.checking.results import ItemResult
    from archive_builder.core.config import ArchiveConfig


def status_class(totals: Any) -> str:
    """complete | partial | missing | none, for a Totals."""
    if totals is None or totals.items == 0:
        return "none"
    if totals.slots_total and totals.slots_filled == totals.slots_total or (not totals.slots_total and
                                                                            totals.missing == 0):
        return "complete" if totals.partial == 0 and totals.missing == 0 else "partial"
    return "missing" if totals.slots_filled == 0 else "partial"


def status_of(site: Site, folder: str, entry_id: str) -> str | None:
    if site.check is None:
        return None
    if folder == "departments":
        return status_class(site.check.by_department.get(entry_id))
    if folder == "categories":
        return status_class(site.check.by_category.get(entry_id))
    return None


def status_intro(site: Site, folder: str, entry_id: str) -> str:
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


def write_items(site: Site) -> dict[str, Any]:
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


def _withheld_label(site: Site, path: str, link: str | None) -> str:
    """How an item page names evidence it does not link: 涉密, 内部 or held for review, as the document is."""
    if link is not None:
        return ""
    status = site.statuses.get(path)
    return t_in(SITE_LANG, f"site.item.withheld.{ {'internal': 'internal', 'classified': 'classified'}.get(status or '', 'held')}")


def _item_context(site: Site, page: str, result: ItemResult, published: dict[str, Document]) -> dict[str, Any]:
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
        "department": dept_name(site, item.department) if item.department else "",
        "category": cat_name(site, item.category) if item.category else "",
        "missing_years": [t_in(SITE_LANG, "site.year_title", year=y) for y in result.missing_years],
        "missing_schools": result.missing_schools,
        "waived": [{
            "slot": "、".join(str(part) for part in (w.slot.year, w.school_name) if part),
            "reason": w.waiver.reason, "approved_by": w.waiver.approved_by, "date": w.waiver.date or "",
        } for w in result.waived],
        "figure": result.detail.get("message") if result.detail.get("kind") == "indicator" else None,
    }


def write_home(site: Site, inventory: Inventory) -> None:
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


def _matrix_rows(site: Site) -> list[dict[str, Any]]:
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
