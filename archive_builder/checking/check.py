"""The check: three kinds of result, kept apart.

*Evidence* — checklist items × years × schools expanded into slots and filled by documents
(complete / partial / missing / waived); *targets* — figures from the statistics against their
thresholds (met / not met / no data, or trend for a year the target is not judged on); *file
problems* — files the scan could not take in (unreadable, held for review, unknown folder, no
year …), each assigned to a department. ``check`` and ``status`` read the same CheckResult.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from archive_builder.checking.checklist import _norm, school_matches
from archive_builder.checking.registers import YEARLY_TABLES, kind_matches, register_fill, yearly_schools
from archive_builder.checking.results import (
    COMPLETE,
    EXPLICIT,
    KEYWORD,
    MISSING,
    PARTIAL,
    STATUS_ORDER,
    TARGET_ORDER,
    UNASSIGNED,
    WAIVED,
    CheckResult,
    Evidence,
    FileProblem,
    ItemResult,
    Slot,
    TargetResult,
    Totals,
    WaivedSlot,
    masked_path,
    problem_kind,
)
from archive_builder.checking.targets import indicator_results
from archive_builder.checking.waivers import load_waivers
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import t
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.review.policy import decide, shown_path

if TYPE_CHECKING:
    from archive_builder.checking.checklist import ChecklistItem
    from archive_builder.checking.waivers import Waiver
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document, Inventory
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

def run_check(
    config: ArchiveConfig,
    inventory: Inventory,
    items: list[ChecklistItem],
    schools: SchoolRegistry,
    *,
    department: str | None = None,
    category: str | None = None,
    year: int | None = None,
    waivers: list[Waiver] | None = None,
    targets: list[TargetResult] | None = None,
    file_problems: list[FileProblem] | None = None,
) -> CheckResult:
    """Expand every item into (year, school) slots, fill them with documents, and total the result.

    ``department`` and ``category`` (name, alias or id) keep only the items that name them;
    ``year`` keeps only that year's slots (items for any year stay). ``waivers`` mark unfilled
    slots not applicable; ``targets`` (figures against thresholds) and ``file_problems`` are
    filtered like the items and totalled apart from the evidence.
    """
    # Narrow the checklist to what was asked for.
    dept_id = _resolve(config, department, "department")
    cat_id = _resolve(config, category, "category")

    def wanted(i: ChecklistItem) -> bool:
        return (not dept_id or i.department == dept_id) and (not cat_id or i.category == cat_id)

    selected = [i for i in items if wanted(i)]
    # Know each document's school once, and warn about metadata that points nowhere.
    problems: list[Problem] = list(schools.problems)
    doc_schools = _document_schools(inventory.documents, schools, problems)
    problems.extend(_unknown_ids(inventory.documents, items))
    problems.extend(_explicit_mismatches(inventory.documents, items))
    # Evaluate each item, gaps first.
    by_item: dict[str, list[Waiver]] = {}
    for waiver in waivers or ():
        by_item.setdefault(waiver.item, []).append(waiver)
    results = []
    for item in selected:
        result = _evaluate(config, item, inventory.documents, doc_schools, schools, year, problems,
                           by_item.get(item.id, []))
        if result is not None:
            results.append(result)
    results.sort(key=lambda r: STATUS_ORDER.get(r.status, 0))
    judged = [r for r in targets or () if wanted(r.item) and (year is None or r.year == year)]
    judged.sort(key=lambda r: (TARGET_ORDER.get(r.status, 0), r.series, r.year))
    files = [p for p in file_problems or () if not dept_id or p.department == dept_id]
    _name_items(problems, items)
    # Total per department, per category and in the matrix; targets and file problems beside.
    checked = _totals(results, problems)
    _count_apart(checked, judged, files)
    return checked


def _count_apart(result: CheckResult, targets: list[TargetResult], files: list[FileProblem]) -> None:
    """Keep the targets and file problems in the result and count them in its totals (never as evidence)."""
    result.targets, result.file_problems = targets, files
    for target in targets:
        for totals in (result.summary, result.by_department.setdefault(target.item.department or UNASSIGNED, Totals()),
                       result.by_category.setdefault(target.item.category or UNASSIGNED, Totals())):
            totals.add_target(target)
    for problem in files:
        for totals in (result.summary, result.by_department.setdefault(problem.department, Totals())):
            totals.add_problem(problem)


def _name_items(problems: list[Problem], items: list[ChecklistItem]) -> None:
    """Give each problem about an item the item's title (``item_title``): Chinese messages name items by title."""
    titles = {i.id: i.title for i in items} | {i.parent: i.title.split("（")[0] for i in items if i.parent}
    for problem in problems:
        item_id = problem.params.get("id")
        if isinstance(item_id, str) and item_id in titles:
            problem.params.setdefault("item_title", titles[item_id])


def _resolve(config: ArchiveConfig, name: str | None, kind: str) -> str | None:
    """A --department / --category value to its id; UsageError with suggestions when unknown."""
    import difflib


    if not name:
        return None
    found = config.department(name) if kind == "department" else config.category(name)
    if found is not None:
        return found.id
    entries = config.departments if kind == "department" else config.categories
    names = [n for e in entries for n in (e.name, *e.aliases, e.id)]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4) or [e.name for e in entries]
    raise UsageError(message(f"check.unknown_{kind}_option", value=name, suggest=", ".join(close)))


def _document_schools(documents: list[Document], schools: SchoolRegistry, problems: list[Problem]) -> dict[str, str]:
    """document path -> school id, for documents whose ``school`` is in the registry."""
    found: dict[str, str] = {}
    for doc in documents:
        if not doc.school:
            continue
        school = schools.find(doc.school)
        if school is None:
            problems.append(Problem(shown_path(doc), "warning", "check.unknown_school", {"school": mask_text(doc.school)[0]}))
            continue
        found[doc.path] = school.id
    return found


def _unknown_ids(documents: list[Document], items: list[ChecklistItem]) -> list[Problem]:
    """A warning for each checklist id named in metadata that no checklist defines."""
    import difflib

    known = {i.id for i in items} | {i.parent for i in items if i.parent}
    problems = []
    for doc in documents:
        for item_id in doc.checklist:
            if item_id not in known:
                close = difflib.get_close_matches(str(item_id), sorted(known), n=3, cutoff=0.5)
                problems.append(Problem(shown_path(doc), "warning", "check.unknown_item",
                                        {"id": item_id, "suggest": ", ".join(close) or "-"}))
    return problems


def _explicit_mismatches(documents: list[Document], items: list[ChecklistItem]) -> list[Problem]:
    """A warning when a document names an item but its department, category or years rule it out."""
    by_id = {i.id: i for i in items}
    by_id.update({i.parent: i for i in items if i.parent and i.parent not in by_id})  # kinds share their rules
    problems = []
    for doc in documents:
        for item_id in doc.checklist:
            item = by_id.get(item_id)
            if item is None:
                continue
            reason = _mismatch(item, doc)
            if reason:
                problems.append(Problem(shown_path(doc), "warning", f"check.explicit_{reason}", {
                    "id": item.id, "item_department": item.department or "", "item_category": item.category or "",
                    "department": doc.department, "category": doc.category,
                    "years": ", ".join(map(str, item.years or ())),
                }))
    return problems


def _mismatch(item: ChecklistItem, doc: Document) -> str | None:
    """Which condition keeps a document from counting for an item: department, category, years or None."""
    if item.department and doc.department != item.department:
        return "department"
    if item.category and doc.category != item.category:
        return "category"
    if item.years and not set(item.years) & set(doc.years):
        return "years"
    return None


def match_document(item: ChecklistItem, doc: Document) -> str | None:
    """How a document satisfies an item's rules (EXPLICIT, KEYWORD) or None; years and schools aside."""
    if item.department and doc.department != item.department:
        return None
    if item.category and doc.category != item.category:
        return None
    if item.id in doc.checklist:
        return EXPLICIT

    if item.parent and item.parent in doc.checklist:  # one kind of the named item: the kind's words decide
        return EXPLICIT if kind_matches(item, doc) else None
    if item.types and doc.type not in item.types:
        return None
    if not item.keywords:
        return KEYWORD if item.types and kind_matches(item, doc) else None
    haystack = _norm(doc.title) + "\n" + _norm(doc.path.rsplit("/", 1)[-1])
    return KEYWORD if any(_norm(k) in haystack for k in item.keywords) and kind_matches(item, doc) else None


def item_slots(config: ArchiveConfig, item: ChecklistItem, schools: SchoolRegistry, year: int | None) -> list[Slot]:
    """Every (year, school) an item needs evidence for: item years ∩ archive years, × matching schools."""
    if item.years is None:
        years: list[int | None] = [None]
    else:
        years = [y for y in item.years if y in config.years and (year is None or y == year)]
    targets: list[str | None] = [None]
    if item.per_school is not None:
        targets = [s.id for s in schools.schools if school_matches(item, s)]
    yearly = getattr(schools, "yearly", None)
    if item.yearly_filters:  # schools the statistics name that year (a class of 56+, under 100 pupils …)
        return [Slot(y, s) for y in years for s in targets
                if yearly is not None and all(s in yearly.schools(key, y) for key in item.yearly_filters)]
    return [Slot(y, s) for y in years for s in targets]


def _covers(doc: Document, slot: Slot, doc_schools: dict[str, str]) -> bool:
    """Whether a matching document counts for one slot (its years and school)."""
    if slot.year is not None and slot.year not in doc.years:
        return False
    return slot.school is None or doc_schools.get(doc.path) == slot.school


def _evaluate(config: ArchiveConfig, item: ChecklistItem, documents: list[Document], doc_schools: dict[str, str],
              schools: SchoolRegistry, year: int | None, problems: list[Problem],
              waivers: list[Waiver]) -> ItemResult | None:
    """One item's slots, the documents filling them and its status; None when it has no year in scope."""
    slots = item_slots(config, item, schools, year)
    if not slots and item.yearly_filters:
        return _yearly_without_slots(config, item, schools, year, problems)
    if not slots:
        if item.per_school is not None and (item.years is None or _years_in_scope(config, item, year)):
            problems.append(Problem(item.file, "warning", "check.no_schools", {"id": item.id}))
            return ItemResult(item, MISSING, 0, 0)
        if year is None:
            problems.append(Problem(item.file, "warning", "check.years_outside",
                                    {"id": item.id, "years": year_span(config.years)}))
        return None
    matches = [(doc, how) for doc in documents if (how := match_document(item, doc))]
    matches.sort(key=lambda pair: (pair[1] != EXPLICIT, pair[0].path))
    registered: dict[Any, list[tuple[Document, str]]] = {}
    detail: dict[str, Any] = {}
    if item.register:  # a register's rows fill the slots of the schools it lists

        registered, detail = register_fill(item, matches, slots, schools, problems)
    evidence: dict[str, Evidence] = {}
    missing: list[Slot] = []
    for slot in slots:
        fillers = [(doc, how) for doc, how in matches if _covers(doc, slot, doc_schools)]
        fillers += [pair for pair in registered.get(slot, ()) if all(pair[0] is not f[0] for f in fillers)]
        for doc, how in fillers:
            ev = evidence.setdefault(doc.path, _evidence(doc, how, slot.school))
            if slot.year is not None and slot.year not in ev.years:
                ev.years.append(slot.year)
        if len(fillers) < item.min:
            missing.append(slot)
    ordered = sorted(evidence.values(), key=lambda ev: (ev.matched_by != EXPLICIT, ev.path))
    if item.calendar_years:
        problems.extend(school_year_warnings(item, [d for d, _ in matches if d.path in evidence]))
    result = _result(item, slots, missing, ordered, schools, waivers)
    result.detail.update(detail)
    return result


def _yearly_without_slots(config: ArchiveConfig, item: ChecklistItem, schools: SchoolRegistry, year: int | None,
                          problems: list[Problem]) -> ItemResult | None:
    """An item whose schools the statistics name: none that year is nothing to file; no table is a gap."""

    if item.years is not None and not _years_in_scope(config, item, year):
        return None
    yearly = getattr(schools, "yearly", None)
    absent = [key for key in item.yearly_filters if yearly is None or not yearly.available(key)]
    if absent:
        problems.append(Problem(item.file, "warning", "check.needs_statistics",
                                {"id": item.id, "table": f"content/data/{YEARLY_TABLES[absent[0]]}"}))
        return ItemResult(item, MISSING, 0, 0)
    return ItemResult(item, COMPLETE, 0, 0)


def _years_in_scope(config: ArchiveConfig, item: ChecklistItem, year: int | None) -> bool:
    """Whether some item year is an archive year (and the asked year)."""
    return any(y in config.years and (year is None or y == year) for y in item.years or ())


def year_span(years: tuple[int, ...]) -> str:
    """2014-2017."""
    return f"{min(years)}-{max(years)}" if years else "-"


def _result(item: ChecklistItem, slots: list[Slot], unfilled: list[Slot], evidence: list[Evidence],
            schools: SchoolRegistry, waivers: list[Waiver]) -> ItemResult:
    """Status and the missing years and schools, in order; waived slots leave the count."""
    waived = [_waive(slot, waivers, schools) for slot in unfilled]
    waived_slots = [w for w in waived if w is not None]
    missing = [slot for slot, w in zip(unfilled, waived) if w is None]
    total = len(slots) - len(waived_slots)
    filled = len(slots) - len(unfilled)
    if missing:
        status = MISSING if filled == 0 else PARTIAL
    else:
        status = WAIVED if waived_slots else COMPLETE
    missing_years = sorted({s.year for s in missing if s.year is not None})
    missing_ids = {s.school for s in missing if s.school is not None}
    missing_schools = [s.name for s in schools.schools if s.id in missing_ids]
    return ItemResult(item, status, total, filled, missing_years, missing_schools, evidence, missing,
                      waived=waived_slots)


def _waive(slot: Slot, waivers: list[Waiver], schools: SchoolRegistry) -> WaivedSlot | None:
    """The first waiver covering an unfilled slot, as a WaivedSlot, or None."""
    for waiver in waivers:
        if waiver.covers(slot.year, slot.school):
            school = schools.by_id(slot.school) if slot.school else None
            return WaivedSlot(slot, waiver, school.name if school else slot.school)
    return None


#: A school year written as two consecutive years: 2015-2016, 2015—2016学年, 2015～2016学年度.
_SCHOOL_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-–—~～至到]\s*((?:19|20)\d{2})")


def school_year_of(doc: Document) -> str | None:
    """The school year a document covers ('2015-2016'), or None when it reports on calendar years.

    A document covers a school year when its years are exactly two consecutive years named
    together as one span (2015-2016) — in its title, file name or folders, or the year as the
    clerk wrote it (``year_text``, kept by the scan from any metadata layer) — or when any of
    these says 学年. Two years listed apart ([2015, 2016]) are calendar years.
    """
    if len(doc.years) != 2 or doc.years[1] != doc.years[0] + 1:
        return None
    span = f"{doc.years[0]}-{doc.years[1]}"
    for text in (doc.title, doc.path, doc.year_text or ""):
        text = _norm(text)
        if "学年" in text:
            return span
        if any((int(a), int(b)) == tuple(doc.years) for a, b in _SCHOOL_YEAR_RE.findall(text)):
            return span
    return None


def _evidence(doc: Document, how: str, school: str | None) -> Evidence:
    """A document as evidence, veiled in reports as the publication policy names it (classified or 内部)."""
    status = decide(doc).status
    return Evidence(doc.path, doc.title, how, status == "classified", school=school, sha256=doc.sha256,
                    internal=status == "internal")


def school_year_warnings(item: ChecklistItem, documents: list[Document]) -> list[Problem]:
    """A warning for each evidence document that covers a school year where the item needs calendar years."""

    problems = []
    for doc in documents:
        span = school_year_of(doc)
        if span is None:
            continue
        status = decide(doc).status
        title = t("report.withheld") if status == "classified" else t("report.internal") if status == "internal" \
            else mask_text(doc.title)[0]
        path = shown_path(doc)
        problems.append(Problem(path, "warning", "check.school_year_evidence", {
            "title": title, "years": span, "id": item.id, "item_title": item.title,
            "first": doc.years[0], "last": doc.years[1]}))
    return problems


def _totals(results: list[ItemResult], problems: list[Problem]) -> CheckResult:
    """Summary, per department, per category and department × category counts."""
    summary = Totals()
    by_department: dict[str, Totals] = {}
    by_category: dict[str, Totals] = {}
    matrix: dict[str, dict[str, Totals]] = {}
    for result in results:
        dept = result.item.department or UNASSIGNED
        cat = result.item.category or UNASSIGNED
        summary.add(result)
        by_department.setdefault(dept, Totals()).add(result)
        by_category.setdefault(cat, Totals()).add(result)
        matrix.setdefault(dept, {}).setdefault(cat, Totals()).add(result)
    return CheckResult(results, summary, matrix, problems, by_department, by_category)


def withheld_documents(documents: list[Document]) -> list[dict[str, str]]:
    """Classified documents (by metadata or a mark in the text) and why, without their names."""
    return [{"path": masked_path(d.path, d.sha256), "sha256": d.sha256, "reason": d.withheld_reason or ""}
            for d in documents if d.is_secret]




def check_inventory(
    config: ArchiveConfig, inventory: Inventory, items: list[ChecklistItem], schools: SchoolRegistry,
    waivers: list[Waiver] | None = None, *, department: str | None = None, category: str | None = None,
    year: int | None = None,
) -> CheckResult:
    """The whole check on a scanned (and reviewed) inventory: documents, waivers and indicator figures.

    For callers that already hold an inventory (the site build); ``waivers`` None reads
    checklists/waivers.yml.
    """

    if waivers is None:
        waivers = load_waivers(config, items, schools)
    if any(i.yearly_filters for i in items):

        schools.yearly = yearly_schools(config, items)
    targets, figure_problems = indicator_results(config, year=year)
    result = run_check(config, inventory, items, schools, department=department, category=category, year=year,
                       waivers=waivers, targets=targets, file_problems=file_problems(config, inventory))
    result.problems.extend(figure_problems)
    result.withheld = withheld_documents(inventory.documents)
    result.inventory = inventory
    return result


def file_problems(config: ArchiveConfig, inventory: Inventory) -> list[FileProblem]:
    """Every problem the scan and the review found in content/, as file problems assigned to departments."""
    found = []
    for problem in inventory.problems:
        dept, guessed = problem_department(config, problem.path)
        files = []
        if problem.code == "scan.unknown_department_folder":
            files = _files_under(config, problem.path)
        found.append(FileProblem(problem, problem_kind(problem.code), dept, guessed, files))
    return found


def problem_department(config: ArchiveConfig, path: str) -> tuple[str, bool]:
    """The department a path's first folder names (id, False), else the closest one (id, True), else unassigned."""
    import difflib

    folder = path.split("/", 1)[0]
    found = config.department(folder)
    if found is not None:
        return found.id, False
    names = {name: d.id for d in config.departments for name in (d.name, *d.aliases)}
    close = difflib.get_close_matches(folder, list(names), n=1, cutoff=0.7)
    return (names[close[0]], True) if close else (UNASSIGNED, False)


_MAX_FOLDER_FILES = 200


def _files_under(config: ArchiveConfig, folder: str) -> list[str]:
    """The files of a folder the scan skipped, relative to content/ (masked, at most a few hundred)."""
    root = config.content_dir / folder
    if not root.is_dir() or root.is_symlink():
        return []
    files = sorted(p.relative_to(config.content_dir).as_posix() for p in root.rglob("*") if p.is_file())
    return [mask_text(f)[0] for f in files[:_MAX_FOLDER_FILES]]
