"""One department's situation for the person responsible: filed, missing, problems."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .check import CheckResult, ItemResult, Totals
from .config import ArchiveConfig
from .model import Inventory, Problem


@dataclass
class DepartmentStatus:
    """What one department has filed and what it still owes."""

    department: str  # id
    name: str
    documents: int
    by_category: dict[str, int]  # category name -> documents
    by_year: dict[int, int]
    totals: Totals
    gaps: list[ItemResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def department_statuses(config: ArchiveConfig, inventory: Inventory, result: CheckResult,
                        only: str | None = None) -> list[DepartmentStatus]:
    """A status per department (or only the one asked for), in registry order."""
    wanted = [d for d in config.departments if only is None or d.id == only]
    return [_status(config, inventory, result, dept.id, dept.name) for dept in wanted]


def _status(config: ArchiveConfig, inventory: Inventory, result: CheckResult, dept_id: str, name: str) -> DepartmentStatus:
    docs = [d for d in inventory.documents if d.department == dept_id]
    categories = Counter(config.category_by_id(d.category).name for d in docs)
    years = Counter(y for d in docs for y in d.years)
    return DepartmentStatus(
        department=dept_id, name=name, documents=len(docs),
        by_category={c.name: categories.get(c.name, 0) for c in config.categories},
        by_year={y: years.get(y, 0) for y in config.years},
        totals=result.by_department.get(dept_id, Totals()),
        gaps=[r for r in result.items if r.item.department == dept_id and r.is_gap],
        problems=[p for p in inventory.problems if _belongs(config, p.path, dept_id)],
    )


def _belongs(config: ArchiveConfig, path: str, dept_id: str) -> bool:
    """Whether a problem's path lies in one of the department's folders (name, alias or id)."""
    found = config.department(path.split("/", 1)[0])
    return found is not None and found.id == dept_id
