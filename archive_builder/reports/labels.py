"""Names shown in every report: departments, categories, statuses, evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..check import UNASSIGNED
from ..i18n import t, t_in

if TYPE_CHECKING:
    from ..check import CheckResult, Evidence, ItemResult
    from ..config import ArchiveConfig


def tr(key: str, lang: str | None = None, **params: object) -> str:
    """A message in ``lang`` (None: the current language)."""
    return t_in(lang, key, **params) if lang else t(key, **params)


def department_name(config: ArchiveConfig, dept_id: str | None, lang: str | None = None) -> str:
    """A department's full name; a label for items without one."""
    if not dept_id or dept_id == UNASSIGNED:
        return tr("report.unassigned", lang)
    found = config.department(dept_id)
    return found.name if found else dept_id


def category_name(config: ArchiveConfig, cat_id: str | None, lang: str | None = None) -> str:
    """A category's full name; a label for items without one."""
    if not cat_id or cat_id == UNASSIGNED:
        return tr("report.any_category", lang)
    found = config.category(cat_id)
    return found.name if found else cat_id


def status_name(status: str, lang: str | None = None) -> str:
    """complete / partial / missing in the reader's words."""
    return tr(f"report.status.{status}", lang)


def evidence_title(ev: Evidence, lang: str | None = None) -> str:
    """A document's title, or the withheld label for classified documents."""
    return tr("report.withheld", lang) if ev.withheld else ev.title


def gap_text(result: ItemResult, lang: str | None = None) -> str:
    """What is missing, in one line: years, schools, or 'no evidence'."""
    parts = []
    if result.missing_years:
        parts.append(tr("report.missing_years", lang, years=", ".join(map(str, result.missing_years))))
    if result.missing_schools:
        parts.append(tr("report.missing_schools", lang, count=len(result.missing_schools),
                       schools=", ".join(result.missing_schools)))
    if not parts and result.is_gap:
        parts.append(tr("report.no_evidence", lang, min=result.item.min))
    return "; ".join(parts)


def ordered_departments(config: ArchiveConfig, result: CheckResult) -> list[str]:
    """Department ids present in the result, in registry order, unassigned last."""
    present = {r.item.department or UNASSIGNED for r in result.items}
    ordered = [d.id for d in config.departments if d.id in present]
    return ordered + ([UNASSIGNED] if UNASSIGNED in present else [])


def items_of(result: CheckResult, dept_id: str) -> list[ItemResult]:
    """A department's item results, gaps first."""
    return [r for r in result.items if (r.item.department or UNASSIGNED) == dept_id]


def percent(value: float) -> str:
    """0.8734 -> 87.3%."""
    return f"{value * 100:.1f}%"
