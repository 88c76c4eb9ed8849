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
    """What is missing, in one line: years, schools, a figure that misses its target, or 'no evidence'."""
    if result.detail.get("kind") == "indicator":
        return _figure_message(result, lang) if result.is_gap else ""
    parts = []
    if result.missing_years:
        parts.append(tr("report.missing_years", lang, years=", ".join(map(str, result.missing_years))))
    if result.missing_schools:
        parts.append(tr("report.missing_schools", lang, count=len(result.missing_schools),
                       schools=", ".join(result.missing_schools)))
    if not parts and result.is_gap:
        parts.append(tr("report.no_evidence", lang, min=result.item.min))
    return "; ".join(parts)


def _figure_message(result: ItemResult, lang: str | None) -> str:
    """An indicator figure against its target: '0.71 > 0.65' (or 'no figure')."""
    detail = result.detail
    if detail.get("gaps"):  # the statistics leave the figure incomplete: say which problem to fix
        return tr("indicator.incomplete_short", lang, value=detail.get("shown", "-"), count=len(detail["gaps"]),
                  file=detail["gaps"][0]["path"])
    if detail.get("passed") is None:
        return tr("indicator.no_value", lang)
    key = {"≤": "indicator.not_met_cv", "≥": "indicator.not_met_rate", "=": "indicator.not_met_count"}[detail["op"]]
    return tr(key, lang, value=detail["shown"], threshold=detail["shown_threshold"])


def figure_text(result: ItemResult, lang: str | None = None) -> str:
    """A met figure as evidence: 'Figure: 0.43 (target ≤ 0.65)'; '' for document items."""
    detail = result.detail
    if detail.get("kind") != "indicator" or detail.get("passed") is None:
        return ""
    return tr("report.figure", lang, value=detail["shown"], op=detail["op"], threshold=detail["shown_threshold"])


def slot_label(year: int | None, school: str | None, lang: str | None = None) -> str:
    """'2015', '2015 一小', '一小' or 'county' for a slot."""
    parts = [str(year)] if year is not None else []
    if school:
        parts.append(school)
    return " ".join(parts) or tr("report.slot_county", lang)


def waived_lines(result: ItemResult, lang: str | None = None) -> list[str]:
    """Each waived slot with its reason, approver and date."""
    lines = []
    for waived in result.waived:
        w = waived.waiver
        lines.append(tr("report.waived_slot", lang, slot=slot_label(waived.slot.year, waived.school_name, lang),
                        reason=w.reason, approved_by=w.approved_by, date=f", {w.date}" if w.date else ""))
    return lines


def summary_text(result: CheckResult, lang: str | None = None) -> str:
    """The one-line summary, with the waived items when there are any."""
    s = result.summary
    text = tr("report.summary_line", lang, items=s.items, complete=s.complete, partial=s.partial, missing=s.missing,
              completeness=percent(s.completeness))
    return text + (" " + tr("report.waived_count", lang, count=s.waived) if s.waived else "")


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
