"""What the check gives: its vocabulary of statuses and the result types every output reads.

Evidence statuses (complete / partial / missing / waived), target statuses (met / not met / no data /
trend), file-problem kinds, and the dataclasses ``CheckResult``, ``ItemResult``, ``TargetResult``,
``FileProblem`` and ``Totals``. Plain values: made by ``checking.check``, read by reports, status and
the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import t
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text

if TYPE_CHECKING:
    from archive_builder.checking.checklist import ChecklistItem
    from archive_builder.checking.waivers import Waiver
    from archive_builder.core.model import Inventory

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
    internal: bool = False  # 内部: counted, named in reports only by its folder and reference

    @property
    def veiled(self) -> bool:
        """Whether reports name it only by its folder and a short reference (classified or 内部)."""
        return self.withheld or self.internal

    @property
    def shown_path(self) -> str:
        """The path as reports print it: a withheld or 内部 document's file name (often its title) is hidden."""
        if self.veiled:
            return masked_path(self.path, self.sha256, "report.internal_file" if not self.withheld else None)
        return mask_text(self.path)[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.shown_path, "title": "" if self.veiled else mask_text(self.title)[0],
            "matched_by": self.matched_by, "withheld": self.withheld, "internal": self.internal,
            "years": list(self.years), "school": self.school,
            **({"sha256": self.sha256} if self.veiled else {}),
        }


def masked_path(path: str, sha256: str, label: str | None = None) -> str:
    """A withheld document's folder and a short hash instead of its file name."""

    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    return mask_text(folder)[0] + t(label or "report.withheld_file", ref=sha256[:8] or "-")


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
        """The path as every report and ``status`` print it, personal numbers masked (``problem.path`` is the raw one)."""
        return self.problem.shown_path

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


