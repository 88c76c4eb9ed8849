"""The site's assessment section: the readiness page, a page per item, the school standard and the timeline.

Every point on an item's page links to what earned it: the document pages of its evidence (a
document the site does not publish is named as withheld, never linked), the checklist item's
page, the indicator page and the statistics table of its figures, the school table of its share.
Pages live under ``assessment/`` with ASCII names; they are Chinese, as the rest of the site.
"""

from __future__ import annotations

import logging
import posixpath
from typing import TYPE_CHECKING, Any

from archive_builder.assessment import files
from archive_builder.assessment.readiness import assess_inventory, checklist_ids, load_assessment
from archive_builder.core.errors import ConfigError
from archive_builder.core.i18n import t, t_in, using_language
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.core.sitepaths import doc_page, rel, slug
from archive_builder.review.policy import visible
from archive_builder.site.bodies import SITE_LANG
from archive_builder.site.table_pages import table_page
from archive_builder.site.templates import render_template

if TYPE_CHECKING:
    from archive_builder.assessment.figures import FigureResult
    from archive_builder.assessment.readiness import Readiness
    from archive_builder.assessment.scoring import ItemScore, RuleScore
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document, Inventory
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

SECTION = "assessment"
INDEX = f"{SECTION}/index.md"
SCHOOLS = f"{SECTION}/schools.md"
TIMELINE = f"{SECTION}/timeline.md"
STATE_CLASS = {"met": "complete", "partial": "partial", "not_met": "missing", "unknown": "partial"}
CELL_CLASS = {"met": "complete", "not_met": "missing", "unknown": "partial", "na": "none"}
LEVEL_SLUGS = {"小学": "primary", "初中": "junior"}


def item_page(item_id: str) -> str:
    """Tree path of an item's page."""

    return f"{SECTION}/items/{slug(item_id)}.md"


def assessment_section(config: ArchiveConfig, inventory: Inventory, check: CheckResult | None,
                       schools: SchoolRegistry, known_pages: set[str], include_internal: bool = False,
                       ) -> tuple[dict[str, str], list[dict[str, Any]], list[Problem]]:
    """Pages, nav entry and problems of the section ({} when the archive has no checklists to score).

    The shipped profile is left out quietly when the archive's checklists are not the ones it
    scores; an archive's own profile or timeline with errors stops the build (ConfigError).
    """

    if check is None:
        return {}, [], []
    ids = checklist_ids([r.item for r in check.items])
    try:
        profile, timeline = load_assessment(config, None, ids)
    except ConfigError as exc:
        if _own_files(config):
            raise
        log.info("assessment left out of the site: %s", exc.format_message())
        return {}, [], []
    with using_language(SITE_LANG):  # scores, hints and figures in the site's language
        readiness = assess_inventory(config, inventory, check, schools, profile=profile, timeline=timeline,
                                     include_internal=include_internal)
        pages = render_pages(readiness, inventory.documents, inventory.tables, known_pages, include_internal)
    nav = [{t_in(SITE_LANG, "assessment.site.nav"): [INDEX]}]
    return pages, nav, list(readiness.problems)


def _own_files(config: ArchiveConfig) -> bool:
    """Whether the archive has profiles of its own or a timeline (their errors are the archive's to fix)."""

    folder = files.archive_folder(config)
    return (folder.is_dir() and any(folder.glob("*.yml"))) or (config.root / files.TIMELINE_FILE).is_file()


def render_pages(readiness: Readiness, documents: list[Document], tables: list[Any], known_pages: set[str],
                 include_internal: bool = False) -> dict[str, str]:
    """Tree path -> Markdown for every page of the section."""
    links = _Links(documents, tables, known_pages, include_internal)
    links.titles = _item_titles(readiness.check)
    pages = {INDEX: _index(readiness, links)}
    for item in readiness.items:
        pages[item_page(item.item.id)] = _item(readiness, item, links)
    if readiness.table is not None:
        pages[SCHOOLS] = _schools(readiness, links)
    if readiness.timeline is not None:
        pages[TIMELINE] = _timeline(readiness, links)
    assert all(posixpath.normpath(p).isascii() for p in pages)
    return pages


def _item_titles(check: Any) -> dict[str, str]:
    """Checklist id -> title, the written id of items expanded per kind too: pages name items by title."""
    items = [r.item for r in check.items] if check is not None else []
    return {i.id: i.title for i in items} | {i.parent: i.title.split("（")[0] for i in items if i.parent}


class _Links:
    """Relative links from a section page to documents, items, indicator pages and tables."""

    def __init__(self, documents: list[Document], tables: list[Any], known_pages: set[str],
                 include_internal: bool) -> None:

        self.documents = {d.path: d for d in documents}
        self.visible = {d.path for d in documents if visible(d, include_internal)}
        self.tables = {tb.path: table_page(tb) for tb in tables}
        self.known = set(known_pages)
        self.titles: dict[str, str] = {}

    def rel(self, page: str, target: str) -> str:

        return rel(page, target)

    def document(self, page: str, path: str) -> str | None:
        """The link to a published document's page, None for one the site does not publish."""

        doc = self.documents.get(path)
        if doc is None or path not in self.visible:
            return None
        return self.rel(page, doc_page(doc))

    def checklist_item(self, page: str, item_id: str) -> str:

        return self.rel(page, f"items/{slug(item_id)}.md")

    def table(self, page: str, source: str) -> str | None:
        target = self.tables.get(source)
        return self.rel(page, target) if target else None

    def indicator_page(self, page: str, name: str, year: int, level: str | None) -> str | None:
        """The indicators section's page for a figure, when the build has one."""
        if name.startswith("standard_"):
            return self.rel(page, SCHOOLS)
        if name in ("composite", "indicator_cv"):
            target = f"indicators/{year}-{LEVEL_SLUGS.get(level or '', 'level')}.md"
        elif name in ("very_large_classes", "large_classes"):
            target = "indicators/class-size.md"
        else:
            target = "indicators/targets.md"
        if target not in self.known:
            target = "indicators/index.md"
        return self.rel(page, target) if target in self.known else None

    def school(self, page: str, school_id: str) -> str:

        return self.rel(page, f"schools/{slug(school_id)}.md")


def _render(name: str, **context: Any) -> str:

    return render_template(name, **context)


def _verdict(passed: bool | None) -> tuple[str, str]:
    """(css class, word) of a verdict."""
    if passed is None:
        return "partial", t("assess.unknown")
    return ("complete", t("assess.pass")) if passed else ("missing", t("assess.fail"))


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _figure_rows(page: str, figure: FigureResult | None, links: _Links) -> list[dict[str, Any]]:
    """One row per value of a figure: its text, verdict, and links to its indicator page and table."""
    if figure is None:
        return []
    rows = []
    for value in figure.values:
        css, word = _verdict(value.passed)
        label = "assessment.site.schools_link" if value.name.startswith("standard_") else "assessment.site.figure_page"
        rows.append({"text": value.text, "css": css, "word": word, "page_label": t(label),
                     "page": links.indicator_page(page, value.name, value.year, value.level),
                     "table": links.table(page, value.source) if value.source else None,
                     "source": f"content/{value.source}" if value.source else ""})
    return rows


def _index(r: Readiness, links: _Links) -> str:
    page = INDEX
    criteria = []
    for c in r.criteria:
        css, word = _verdict(c.passed)
        target = None
        if c.criterion.kind == "score":
            target = "#items"
        criteria.append({"title": c.criterion.title, "text": c.text, "css": css, "word": word,
                         "basis": c.criterion.basis, "anchor": target,
                         "figures": _figure_rows(page, c.figure, links), "hints": c.hints})
    areas = [{"title": a.area.title, "earned": _num(a.earned), "points": _num(a.points), "rows": [{
        "number": i.item.number, "title": i.item.title, "url": links.rel(page, item_page(i.item.id)),
        "earned": _num(i.earned), "points": _num(i.points), "css": STATE_CLASS[i.state],
        "word": t(f"assessment.site.state.{i.state}")} for i in a.items]} for a in r.areas]
    raise_rows = [{"number": i.item.number, "title": i.item.title, "url": links.rel(page, item_page(i.item.id)),
                   "earned": _num(i.earned), "points": _num(i.points), "hints": i.hints}
                  for i in r.items if i.hints]
    return _render(
        "assessment.md.j2", title=t("assessment.site.title"), r=r, criteria=criteria, areas=areas,
        raise_rows=raise_rows, total=_num(r.total), points=_num(r.points),
        mark=_num(r.profile.pass_mark) if r.profile.pass_mark is not None else "-",
        verdict=r.verdict,
        verdict_css="complete" if r.passed else "missing",
        schools_url=links.rel(page, SCHOOLS) if r.table is not None else None,
        timeline_url=links.rel(page, TIMELINE) if r.timeline is not None else None,
        table=_standard_summary(r),
    )


def _standard_summary(r: Readiness) -> dict[str, Any] | None:
    table = r.table
    if table is None:
        return None
    return {"title": table.standard.title, "meeting": len(table.meeting), "schools": len(table.rows),
            "score": _num(table.score) if table.score is not None else "-",
            "missing": "、".join(table.missing_headers)}


def _item(r: Readiness, item: ItemScore, links: _Links) -> str:
    page = item_page(item.item.id)
    rules = [_rule(page, number, rule, links) for number, rule in enumerate(item.rules, 1)]
    return _render(
        "assessment_item.md.j2", title=f"{item.item.number} {item.item.title}".strip(), item=item.item,
        area=next(a.area.title for a in r.areas if a.area.id == item.item.area), rules=rules,
        earned=_num(item.earned), points=_num(item.points), css=STATE_CLASS[item.state],
        word=t(f"assessment.site.state.{item.state}"), hints=item.hints, profile=r.profile,
        index_url=links.rel(page, INDEX),
    )


def _rule(page: str, number: int, rule: RuleScore, links: _Links) -> dict[str, Any]:
    documents = []
    for ev in rule.evidence:
        url = links.document(page, ev.path)
        documents.append({"url": url, "title": ev.shown_title if url else t("assessment.site.withheld"),
                          "years": "、".join(map(str, ev.years)), "item": ev.item,
                          "item_url": links.checklist_item(page, ev.item)})
    css = STATE_CLASS[rule.state]
    return {
        "number": number, "kind": t(f"assessment.site.kind.{rule.rule.kind}"), "points": _num(rule.rule.points),
        "earned": _num(rule.earned), "css": css, "word": t(f"assessment.site.state.{rule.state}"),
        "text": rule.text, "basis": rule.rule.basis, "note": rule.rule.note, "documents": documents,
        "checklist": [{"id": i, "title": links.titles.get(i, i), "url": links.checklist_item(page, i)}
                      for i in rule.checklist],
        "figures": _figure_rows(page, rule.figure, links),
        "schools_url": links.rel(page, SCHOOLS) if rule.rule.kind == "share" else None,
        "hints": rule.hints, "line": rule.rule.line,
    }


def _merged(cells: list[dict[str, object]]) -> list[dict[str, object]]:
    """Neighbouring cells not judged for the same reason (a school without a ledger) as one cell spanning them.

    Keeps the page small at hundreds of schools: the reason is written once a row, not once a cell.
    """
    out: list[dict[str, object]] = []
    for cell in cells:
        last = out[-1] if out else None
        if last is not None and cell["why"] and all(last[k] == cell[k] for k in ("css", "text", "title", "why")):
            span = last.get("span", 1)
            last["span"] = (span if isinstance(span, int) else 1) + 1
            continue
        out.append({**cell, "span": 1})
    return out


def _schools(r: Readiness, links: _Links) -> str:
    page = SCHOOLS
    table = r.table
    assert table is not None
    indicators = table.standard.indicators
    rows = []
    for row in table.rows:
        cells = []
        for indicator in indicators:
            cell = row.cells[indicator.id]
            word = t(f"assessment.site.cell.{cell.state}")
            cells.append({"css": CELL_CLASS[cell.state], "text": cell.shown or word, "word": word,
                          "why": bool(cell.reason),
                          "title": cell.reason or (f"{cell.shown} / {_num(cell.target)}" if cell.target is not None
                                                   else word)})
        rows.append({"name": row.school.name, "level": row.school.level,
                     "url": links.school(page, row.school.id), "cells": _merged(cells),
                     "ledger": links.document(page, row.ledger) if row.ledger else None,
                     "meets": row.meets, "score": _num(row.score) if row.score is not None else "-"})
    shares = [{"share": f"{(s.share or 0) * 100:.1f}%", "met": s.met, "judged": s.judged,
               "points": _num(s.indicator.points) if s.indicator.points is not None else "-",
               "earned": _num(s.earned) if s.earned is not None else "-"} for s in table.shares]
    problems = [{"path": p.shown_path, "message": p.message, "hint": p.hint if p.hint != f"{p.code}.hint" else ""}
                for p in table.problems]
    return _render(
        "assessment_schools.md.j2", title=t("assessment.site.schools_title"), table=table, rows=rows,
        indicators=indicators, shares=shares, summary=_standard_summary(r), problems=problems,
        index_url=links.rel(page, INDEX), year=table.year,
        statistics_url=links.table(page, table.statistics_source) if table.statistics_source else None,
    )


def _timeline(r: Readiness, links: _Links) -> str:

    page = TIMELINE
    status = r.timeline
    assert status is not None
    stages = [{"title": s.title, "due": s.due.isoformat(), "passed": status.passed(s), "basis": s.basis}
              for s in status.timeline.stages]
    departments = []
    for dept_id, entries in sorted(status.overdue_by_department().items()):
        departments.append({"name": r.departments.get(dept_id, dept_id) or t("assessment.any_department"),
                            "url": links.rel(page, f"departments/{dept_id}.md") if dept_id else None,
                            "entries": [{"id": e.result.item.id, "title": e.result.item.title,
                                       "url": links.checklist_item(page, e.result.item.id), "stage": e.stage.title,
                                       "due": e.stage.due.isoformat(),
                                       "missing": "、".join([*map(str, e.result.missing_years),
                                                            *e.result.missing_schools[:5]])} for e in entries]})
    late = [{"title": (mask_text(late.document.title)[0] if late.document and links.document(page, late.document.path)
                       else t("assessment.site.withheld")),
             "url": links.document(page, late.document.path) if late.document else None,
             "date": late.date, "stage": late.stage.title, "due": late.stage.due.isoformat(),
             "checklist": [{"id": i, "title": links.titles.get(i, i), "url": links.checklist_item(page, i)}
                           for i in late.items]}
            for late in status.late]
    return _render("assessment_timeline.md.j2", title=t("assessment.site.timeline_title"), status=status,
                   stages=stages, departments=departments, late=late, index_url=links.rel(page, INDEX))
