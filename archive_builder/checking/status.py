"""One department's situation for the person responsible: filed, missing, targets, file problems.

It reads the very CheckResult ``check`` reports (``check.check_archive``), so the two never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archive_builder.checking.results import UNASSIGNED, CheckResult, FileProblem, ItemResult, TargetResult, Totals
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.i18n import t
from archive_builder.core.model import Inventory


@dataclass
class DepartmentStatus:
    """What one department has filed, what it still owes and which of its files have problems."""

    department: str  # id
    name: str
    documents: int
    by_category: dict[str, int]  # category name -> documents
    by_year: dict[int, int]
    totals: Totals
    gaps: list[ItemResult] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)  # judged targets not met or without data
    problems: list[FileProblem] = field(default_factory=list)


def department_statuses(config: ArchiveConfig, inventory: Inventory, result: CheckResult,
                        only: str | None = None) -> list[DepartmentStatus]:
    """A status per department (or only the one asked for), in registry order; file problems no
    department can claim (a folder name close to none) come last as "not assigned"."""

    wanted = [(d.id, d.name) for d in config.departments if only is None or d.id == only]
    if only is None and any(p.department == UNASSIGNED for p in result.file_problems):

        wanted.append((UNASSIGNED, t("status.not_assigned")))
    return [_status(config, inventory, result, dept_id, name) for dept_id, name in wanted]


def _status(config: ArchiveConfig, inventory: Inventory, result: CheckResult, dept_id: str, name: str) -> DepartmentStatus:
    docs = [d for d in inventory.documents if d.department == dept_id]
    categories = Counter(config.category_by_id(d.category).name for d in docs)
    years = Counter(y for d in docs for y in d.years)
    return DepartmentStatus(
        department=dept_id, name=name, documents=len(docs),
        by_category={c.name: categories.get(c.name, 0) for c in config.categories},
        by_year={y: years.get(y, 0) for y in config.years},
        totals=result.by_department.get(dept_id, Totals()),
        gaps=[r for r in result.items if (r.item.department or "") == dept_id and r.is_gap],
        targets=[r for r in result.targets if (r.item.department or "") == dept_id and r.is_gap],
        problems=[p for p in result.file_problems if p.department == dept_id],
    )
