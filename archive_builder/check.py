"""The completeness check: checklist items x years x schools -> slots, filled by documents."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Problem

if TYPE_CHECKING:
    from .checklist import ChecklistItem
    from .config import ArchiveConfig
    from .model import Document, Inventory
    from .schools import SchoolRegistry

log = logging.getLogger(__name__)

#: Item statuses. Later stages (waivers, indicator thresholds) add their own values.
COMPLETE = "complete"
PARTIAL = "partial"
MISSING = "missing"
STATUSES = (MISSING, PARTIAL, COMPLETE)
#: Gaps first when sorting.
STATUS_ORDER = {MISSING: 0, PARTIAL: 1, COMPLETE: 2}

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "title": "" if self.withheld else self.title,
            "matched_by": self.matched_by, "withheld": self.withheld,
            "years": list(self.years), "school": self.school,
        }


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

    @property
    def is_gap(self) -> bool:
        return self.status != COMPLETE

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
    slots_total: int = 0  # required slots only
    slots_filled: int = 0

    @property
    def completeness(self) -> float:
        """Share of required slots filled, 0-1 (1 when nothing is required)."""
        return self.slots_filled / self.slots_total if self.slots_total else 1.0

    def add(self, result: ItemResult) -> None:
        """Count one item result."""
        self.items += 1
        if result.status in (COMPLETE, PARTIAL, MISSING):
            setattr(self, result.status, getattr(self, result.status) + 1)
        if result.required:
            self.slots_total += result.slots_total
            self.slots_filled += result.slots_filled

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items, "complete": self.complete, "partial": self.partial,
            "missing": self.missing, "completeness": round(self.completeness, 4),
            "slots_total": self.slots_total, "slots_filled": self.slots_filled,
        }


@dataclass
class CheckResult:
    """The whole check: item results (gaps first), totals, the department x category matrix, problems."""

    items: list[ItemResult]
    summary: Totals
    matrix: dict[str, dict[str, Totals]]  # department id -> category id -> totals
    problems: list[Problem] = field(default_factory=list)
    by_department: dict[str, Totals] = field(default_factory=dict)
    by_category: dict[str, Totals] = field(default_factory=dict)

    def fails(self, fail_on: str) -> bool:
        """Whether a required item has a gap at least as bad as ``fail_on`` (missing | partial | never)."""
        if fail_on == "never":
            return False
        bad = {MISSING} if fail_on == MISSING else {MISSING, PARTIAL}
        return any(r.required and r.status in bad for r in self.items)
