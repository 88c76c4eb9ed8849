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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.review.policy import shown_path

if TYPE_CHECKING:
    from archive_builder.checking.checklist import ChecklistItem
    from archive_builder.checking.waivers import Waiver
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document, Inventory
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

#: Item statuses. ``waived``: every slot without evidence is waived (never counted as complete).
COMPLETE = "complete"
PARTIAL = "partial"
MISSING = "missing"
WAIVED = "waived"
STATUSES = (MISSING, PARTIAL, WAIVED, COMPLETE)
#: Gaps first when sorting.
STATUS_ORDER = {MISSING: 0, PARTIAL: 1, WAIVED: 2, COMPLETE: 3}

#: Target statuses. ``trend``: a year before the target is due, or one it is not judged on.
MET = "met"
NOT_MET = "not_met"
NO_DATA = "no_data"
TREND = "trend"
TARGET_STATUSES = (NOT_MET, NO_DATA, MET, TREND)
TARGET_ORDER = {NOT_MET: 0, NO_DATA: 1, MET: 2, TREND: 3}

#: What ``--fail-on`` may name, in the order their exit statuses rise (see commands/check.py).
FAIL_CONDITIONS = ("missing", "partial", "targets", "problems", "held")

#: How a document satisfied an item.
EXPLICIT = "explicit"
KEYWORD = "keyword"

#: Key used for items without a department or category in totals and the matrix.
UNASSIGNED = ""


@dataclass(frozen=True)
class Slot:
    """One thing that needs evidence: an item for one year (None: any year) and one school (None: county)."""

    year: int | None
    school: str | None  # school id


@dataclass
class Evidence:
    """A document that filled at least one slot of an item."""

    path: str
    title: str
    matched_by: str  # EXPLICIT | KEYWORD
    withheld: bool  # classified: counted, never published
    years: list[int] = field(default_factory=list)  # the slot years it filled
    school: str | None = None  # school id it filled, for per-school items
    sha256: str = ""  # identifies a withheld document without naming it

    @property
    def shown_path(self) -> str:
        """The path as reports print it: a withheld document's file name (often its title) is hidden."""
        return masked_path(self.path, self.sha256) if self.withheld else mask_text(self.path)[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.shown_path, "title": "" if self.withheld else mask_text(self.title)[0],
            "matched_by": self.matched_by, "withheld": self.withheld,
            "years": list(self.years), "school": self.school,
            **({"sha256": self.sha256} if self.withheld else {}),
        }


def masked_path(path: str, sha256: str) -> str:
    """A withheld document's folder and a short hash instead of its file name."""
    from archive_builder.core.i18n import t

    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    return mask_text(folder)[0] + t("report.withheld_file", ref=sha256[:8] or "-")


@dataclass
class WaivedSlot:
    """A slot without evidence that an approved waiver marks not applicable."""

    slot: Slot
    waiver: Waiver
    school_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.slot.year, "school": self.school_name, "school_id": self.slot.school,
                "reason": self.waiver.reason, "approved_by": self.waiver.approved_by, "date": self.waiver.date,
                "file": self.waiver.file, "line": self.waiver.line}


@dataclass
class ItemResult:
    """One checklist item's status over all its slots."""

    item: ChecklistItem
    status: str
    slots_total: int
    slots_filled: int
    missing_years: list[int] = field(default_factory=list)
    missing_schools: list[str] = field(default_factory=list)  # school names
    evidence: list[Evidence] = field(default_factory=list)
    missing_slots: list[Slot] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)  # extra facts (e.g. a figure) from later rules
    waived: list[WaivedSlot] = field(default_factory=list)  # not counted in slots_total

    @property
    def is_gap(self) -> bool:
        return self.status not in (COMPLETE, WAIVED)

    @property
    def required(self) -> bool:
        return self.item.severity == "required"


@dataclass
class Totals:
    """Counts of items by status and of required slots filled."""

    items: int = 0
    complete: int = 0
    partial: int = 0
    missing: int = 0
    waived: int = 0  # items whose every unfilled slot is waived
    slots_total: int = 0  # required, non-waived slots only
    slots_filled: int = 0
    slots_waived: int = 0
    targets_met: int = 0  # judged targets only; trend years are counted apart
    targets_not_met: int = 0
    targets_no_data: int = 0
    targets_trend: int = 0
    problems: int = 0  # file problems of the department's folders
    held: int = 0  # of which: held for review

    @property
    def targets_judged(self) -> int:
        return self.targets_met + self.targets_not_met + self.targets_no_data

    @property
    def completeness(self) -> float:
        """Share of required slots filled, 0-1 (1 when nothing is required)."""
        return self.slots_filled / self.slots_total if self.slots_total else 1.0

    def add(self, result: ItemResult) -> None:
        """Count one item result."""
        self.items += 1
        if result.status in (COMPLETE, PARTIAL, MISSING, WAIVED):
            setattr(self, result.status, getattr(self, result.status) + 1)
        if result.required:
            self.slots_total += result.slots_total
            self.slots_filled += result.slots_filled
            self.slots_waived += len(result.waived)

    def add_target(self, target: TargetResult) -> None:
        """Count one target result."""
        name = f"targets_{target.status}"
        setattr(self, name, getattr(self, name) + 1)

    def add_problem(self, problem: FileProblem) -> None:
        """Count one file problem."""
        self.problems += 1
        self.held += problem.kind == HELD

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items, "complete": self.complete, "partial": self.partial,
            "missing": self.missing, "waived": self.waived, "completeness": round(self.completeness, 4),
            "slots_total": self.slots_total, "slots_filled": self.slots_filled, "slots_waived": self.slots_waived,
            "targets": {"met": self.targets_met, "not_met": self.targets_not_met, "no_data": self.targets_no_data,
                        "trend": self.targets_trend},
            "problems": self.problems, "held": self.held,
        }


@dataclass
class TargetResult:
    """One figure of one year against its target: met, not met, no data, or trend (not judged that year)."""

    item: ChecklistItem  # the target as an item: id, title, department, category, basis, years=(year,)
    target: str  # the target's id in targets.yml (composite-cv, exchange-rate …)
    series: str  # the figure across years (primary-composite, exchange-rate …): one page per series
    year: int
    status: str  # MET | NOT_MET | NO_DATA | TREND
    value: float | None
    threshold: float
    op: str  # "≤", "≥" or "="
    shown: str  # the value as printed
    shown_threshold: str
    source: str  # the statistics table, relative to content/
    page: str  # the statistics page of the site (indicators/…)
    due_from: int
    judged: str  # assessment_year | every_year
    basis: str
    message: str  # what the figure says in one line (0.76 > 0.65, 无数据 …)
    would_pass: bool | None = None  # for trend years: whether the figure reaches the target
    gaps: list[dict[str, str]] = field(default_factory=list)  # statistics problems leaving it incomplete

    @property
    def is_gap(self) -> bool:
        return self.status in (NOT_MET, NO_DATA)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item.id, "target": self.target, "series": self.series, "title": self.item.title,
            "year": self.year, "department": self.item.department, "category": self.item.category,
            "status": self.status, "value": self.value, "threshold": self.threshold, "op": self.op,
            "shown": self.shown, "shown_threshold": self.shown_threshold, "source": self.source,
            "due_from": self.due_from, "judged": self.judged, "basis": self.basis, "message": self.message,
            "would_pass": self.would_pass, "gaps": list(self.gaps),
        }


#: File problem kinds: what kept a file out of the check.
UNREADABLE = "unreadable"
HELD = "held"
UNKNOWN_FOLDER = "unknown_folder"
NO_YEAR = "no_year"
BAD_METADATA = "bad_metadata"
OTHER = "other"
PROBLEM_KINDS = (UNKNOWN_FOLDER, NO_YEAR, BAD_METADATA, UNREADABLE, HELD, OTHER)
_KIND_OF_CODE = {
    UNKNOWN_FOLDER: ("scan.unknown_department_folder", "scan.unknown_category_folder", "scan.not_in_category_folder",
                     "scan.meta_department_unknown", "scan.meta_category_unknown", "scan.folder_conflict"),
    NO_YEAR: ("scan.no_year", "scan.bad_year", "scan.year_conflict"),
    BAD_METADATA: ("scan.bad_frontmatter", "scan.frontmatter_not_mapping", "scan.bad_meta_file", "scan.bad_sidecar",
                   "scan.bad_classification", "scan.bad_date", "scan.bad_retention", "scan.bad_pages",
                   "scan.bad_list", "scan.unknown_key", "scan.unclear_classification_key"),
    UNREADABLE: ("scan.unreadable", "scan.undecodable", "scan.zero_bytes", "scan.encrypted_pdf", "scan.too_large",
                 "scan.reader_missing", "scan.bad_name_encoding", "scan.unsupported_type", "extract.failed"),
}


def problem_kind(code: str) -> str:
    """Which kind of file problem a problem code is."""
    if code.startswith("policy.held"):
        return HELD
    if code.startswith(("scan.broken_", "reader.")):
        return UNREADABLE
    return next((kind for kind, codes in _KIND_OF_CODE.items() if code in codes), OTHER)


@dataclass
class FileProblem:
    """A file (or folder) the check could not take in, with the department it belongs to.

    ``department`` is the folder's department, or for a misspelt department folder the closest
    department (``guessed``), or UNASSIGNED when none is close; ``files`` lists the files under
    a folder the scan skipped, so they are named and not only counted.
    """

    problem: Problem
    kind: str
    department: str = UNASSIGNED
    guessed: bool = False
    files: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def keeps_file_out(self) -> bool:
        """Whether the file (or folder) is missing from the check: every error, and every kind but notes."""
        if self.kind == HELD:
            return False
        return self.problem.severity == "error" or self.kind != OTHER

    def to_dict(self) -> dict[str, Any]:
        return {**self.problem.to_dict(), "kind": self.kind, "department": self.department or None,
                "department_guessed": self.guessed, "files": list(self.files)}


@dataclass
class CheckResult:
    """The whole check: item results (gaps first), totals, the department x category matrix, problems."""

    items: list[ItemResult]
    summary: Totals
    matrix: dict[str, dict[str, Totals]]  # department id -> category id -> totals
    problems: list[Problem] = field(default_factory=list)
    by_department: dict[str, Totals] = field(default_factory=dict)
    by_category: dict[str, Totals] = field(default_factory=dict)
    withheld: list[dict[str, str]] = field(default_factory=list)  # classified evidence: masked path, hash, reason
    targets: list[TargetResult] = field(default_factory=list)  # figures against targets, gaps first
    file_problems: list[FileProblem] = field(default_factory=list)
    inventory: Inventory | None = field(default=None, repr=False)  # what was checked (status counts its files)

    def failures(self, conditions: tuple[str, ...] | list[str]) -> list[str]:
        """The named conditions (FAIL_CONDITIONS) that hold, in FAIL_CONDITIONS order.

        missing: a required item has no evidence at all; partial: a required item lacks some;
        targets: a due target is not met or has no data; problems: a file the check could not
        take in (not a note about a file it did count, such as a date or a duplicate); held: a
        file held for review.
        """
        found = {
            "missing": any(r.required and r.status == MISSING for r in self.items),
            "partial": any(r.required and r.status == PARTIAL for r in self.items),
            "targets": any(t.item.required and t.is_gap for t in self.targets),
            "problems": any(p.keeps_file_out for p in self.file_problems),
            "held": any(p.kind == HELD for p in self.file_problems),
        }
        return [name for name in FAIL_CONDITIONS if name in conditions and found[name]]

    def fails(self, fail_on: str) -> bool:
        """Whether a required item has a gap at least as bad as ``fail_on`` (missing | partial | never)."""
        if fail_on == "never":
            return False
        return bool(self.failures(("missing",) if fail_on == MISSING else ("missing", "partial")))


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

    from archive_builder.core.errors import UsageError
    from archive_builder.core.i18n import t

    if not name:
        return None
    found = config.department(name) if kind == "department" else config.category(name)
    if found is not None:
        return found.id
    entries = config.departments if kind == "department" else config.categories
    names = [n for e in entries for n in (e.name, *e.aliases, e.id)]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4) or [e.name for e in entries]
    raise UsageError(t(f"check.unknown_{kind}_option", value=name, suggest=", ".join(close)))


def _norm(text: str | None) -> str:
    """NFC and case-folded, for keyword comparison."""
    import unicodedata

    return unicodedata.normalize("NFC", text or "").casefold()


def _document_schools(documents: list[Document], schools: SchoolRegistry, problems: list[Problem]) -> dict[str, str]:
    """document path -> school id, for documents whose ``school`` is in the registry."""
    found: dict[str, str] = {}
    for doc in documents:
        if not doc.school:
            continue
        school = schools.find(doc.school)
        if school is None:
            problems.append(Problem(doc.path, "warning", "check.unknown_school", {"school": doc.school}))
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
                problems.append(Problem(doc.path, "warning", "check.unknown_item",
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
                problems.append(Problem(doc.path, "warning", f"check.explicit_{reason}", {
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
    from archive_builder.checking.registers import kind_matches

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


def school_matches(item: ChecklistItem, school: Any) -> bool:
    """Whether a school passes an item's per_school filter."""
    from archive_builder.checking.checklist import YEARLY_FILTERS

    for key, allowed in item.per_school or ():
        if key in YEARLY_FILTERS:  # decided year by year in item_slots
            continue
        value = school.value("students") if key.endswith("_students") else school.value(key)
        if key == "min_students" and (value is None or value < allowed):
            return False
        if key == "max_students" and (value is None or value > allowed):
            return False
        if isinstance(allowed, bool) and bool(value) is not allowed:  # boarding, canteen
            return False
        if isinstance(allowed, tuple) and _norm(value) not in {_norm(a) for a in allowed}:
            return False
    return True


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
                                    {"id": item.id, "years": _span(config.years)}))
        return None
    matches = [(doc, how) for doc in documents if (how := match_document(item, doc))]
    matches.sort(key=lambda pair: (pair[1] != EXPLICIT, pair[0].path))
    registered: dict[Any, list[tuple[Document, str]]] = {}
    detail: dict[str, Any] = {}
    if item.register:  # a register's rows fill the slots of the schools it lists
        from archive_builder.checking.registers import register_fill

        registered, detail = register_fill(item, matches, slots, schools, problems)
    evidence: dict[str, Evidence] = {}
    missing: list[Slot] = []
    for slot in slots:
        fillers = [(doc, how) for doc, how in matches if _covers(doc, slot, doc_schools)]
        fillers += [pair for pair in registered.get(slot, ()) if all(pair[0] is not f[0] for f in fillers)]
        for doc, how in fillers:
            ev = evidence.setdefault(doc.path, Evidence(doc.path, doc.title, how, doc.is_secret,
                                                        school=slot.school, sha256=doc.sha256))
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
    from archive_builder.checking.registers import YEARLY_TABLES

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


def _span(years: tuple[int, ...]) -> str:
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


def school_year_warnings(item: ChecklistItem, documents: list[Document]) -> list[Problem]:
    """A warning for each evidence document that covers a school year where the item needs calendar years."""
    from archive_builder.core.i18n import t

    problems = []
    for doc in documents:
        span = school_year_of(doc)
        if span is None:
            continue
        title = t("report.withheld") if doc.is_secret else mask_text(doc.title)[0]
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


def check_archive(
    config: ArchiveConfig, *, department: str | None = None, category: str | None = None, year: int | None = None,
) -> CheckResult:
    """Load checklists, waivers and the school registry, scan and review content/, and run the whole check."""
    from archive_builder.checking.checklist import load_checklists
    from archive_builder.checking.waivers import load_waivers
    from archive_builder.core.errors import UsageError
    from archive_builder.core.i18n import t
    from archive_builder.review.stage import load_inventory
    from archive_builder.statistics.schools import load_schools

    if year is not None and year not in config.years:
        raise UsageError(t("check.year_outside_option", year=year, years=_span(config.years)))
    # Validate the configuration first: checklists, targets, registry, waivers (all errors at once).
    from archive_builder.checking.targets import load_targets

    items = load_checklists(config)
    load_targets(config)
    schools = load_schools(config)
    waivers = load_waivers(config, items, schools)
    # The review reads each document's text, so a 秘密★ mark in its first lines withholds it.
    inventory = load_inventory(config)
    result = check_inventory(config, inventory, items, schools, waivers, department=department, category=category,
                             year=year)
    if not items:
        result.problems.insert(0, Problem("checklists", "warning", "check.no_checklists", {}))
    return result


def check_inventory(
    config: ArchiveConfig, inventory: Inventory, items: list[ChecklistItem], schools: SchoolRegistry,
    waivers: list[Waiver] | None = None, *, department: str | None = None, category: str | None = None,
    year: int | None = None,
) -> CheckResult:
    """The whole check on a scanned (and reviewed) inventory: documents, waivers and indicator figures.

    For callers that already hold an inventory (the site build); ``waivers`` None reads
    checklists/waivers.yml.
    """
    from archive_builder.checking.targets import indicator_results
    from archive_builder.checking.waivers import load_waivers

    if waivers is None:
        waivers = load_waivers(config, items, schools)
    if any(i.yearly_filters for i in items):
        from archive_builder.checking.registers import yearly_schools

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
