"""Names shown in every report: departments, categories, statuses, evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive_builder.checking.results import UNASSIGNED
from archive_builder.core.i18n import language, t, t_in, tn, tn_in

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, Evidence, FileProblem, ItemResult, TargetResult
    from archive_builder.core.config import ArchiveConfig


def tr(key: str, lang: str | None = None, /, **params: object) -> str:
    """A message in ``lang`` (None: the current language)."""
    return t_in(lang, key, **params) if lang else t(key, **params)


def trn(key: str, n: int, lang: str | None = None, /, **params: object) -> str:
    """A counting message in ``lang`` (None: the current language), in the plural form for ``n``."""
    return tn_in(lang, key, n, **params) if lang else tn(key, n, **params)


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
    """A document's title, or the withheld label for classified (and 内部) documents."""
    if ev.withheld:
        return tr("report.withheld", lang)
    return tr("report.internal", lang) if ev.internal else ev.title


def gap_text(result: ItemResult, lang: str | None = None) -> str:
    """What evidence is missing, in one line: years, schools, or 'no evidence'."""
    parts = []
    if result.missing_years:
        parts.append(tr("report.missing_years", lang, years=", ".join(map(str, result.missing_years))))
    if result.missing_schools:
        parts.append(trn("report.missing_schools", len(result.missing_schools), lang, count=len(result.missing_schools),
                        schools=", ".join(result.missing_schools)))
    if not parts and result.is_gap:
        parts.append(trn("report.no_evidence", result.item.min, lang, min=result.item.min))
    return "; ".join(parts)


def target_message(target: TargetResult, lang: str | None = None) -> str:
    """A figure against its threshold in one line: '0.76 > 0.65', '0.56 ≤ 0.65', 'no data …'."""
    if target.gaps:
        return trn("indicator.incomplete_short", len(target.gaps), lang, value=target.shown, count=len(target.gaps),
                   file=target.gaps[0]["path"])
    if target.value is None:
        return tr("indicator.no_value", lang)
    if target.would_pass:
        return f"{target.shown} {target.op} {target.shown_threshold}"
    key = {"≤": "indicator.not_met_cv", "≥": "indicator.not_met_rate", "=": "indicator.not_met_count"}[target.op]
    return tr(key, lang, value=target.shown, threshold=target.shown_threshold)


def judged_text(target: TargetResult, lang: str | None = None) -> str:
    """'every year from 2018' / 'assessment year only, from 2012'."""
    return tr(f"report.judged.{target.judged}", lang, due=target.due_from)


def trend_reason(target: TargetResult, assessment_year: int, lang: str | None = None) -> str:
    """Why a year is trend: before the target is due, or not the assessment year."""
    if target.year < target.due_from:
        return tr("report.trend_before_due", lang, due=target.due_from)
    return tr("report.trend_not_assessment", lang, year=assessment_year)


def problem_kind_name(kind: str, lang: str | None = None) -> str:
    """unknown folder / no year / … in the reader's words."""
    return tr(f"report.problem_kind.{kind}", lang)


def problem_text(problem: FileProblem, config: ArchiveConfig, lang: str | None = None, files: bool = True) -> str:
    """The problem's message, the guessed department of a misspelt folder and the files it holds."""

    p = problem.problem
    text = tr(p.code, lang, **p.params)
    sep = "" if (lang or language()) == "zh" else " "
    if problem.guessed:
        text += sep + tr("report.guessed_department", lang, department=department_name(config, problem.department,
                                                                                         lang))
    if problem.files and files:
        shown = ", ".join(problem.files[:5]) + (" …" if len(problem.files) > 5 else "")
        text += sep + trn("report.folder_files", len(problem.files), lang, count=len(problem.files), files=shown)
    return text


def problem_fix(problem: FileProblem, lang: str | None = None) -> str:
    """How to fix it ('' when the catalogue has no fix)."""
    p = problem.problem
    key = f"{p.code}.hint"
    hint = tr(key, lang, **p.params)
    return "" if hint == key else hint


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
    """The one-line evidence summary, with the waived items when there are any."""
    s = result.summary
    text = trn("report.summary_line", s.items, lang, items=s.items, complete=s.complete, partial=s.partial,
               missing=s.missing, completeness=percent(s.completeness))
    return text + (" " + tr("report.waived_count", lang, count=s.waived) if s.waived else "")


def targets_text(result: CheckResult, config: ArchiveConfig, lang: str | None = None) -> str:
    """The one-line targets summary."""
    s = result.summary
    return trn("report.targets_line", s.targets_trend, lang, year=config.assessment_year, met=s.targets_met,
               not_met=s.targets_not_met, no_data=s.targets_no_data, trend=s.targets_trend)


def problems_text(result: CheckResult, lang: str | None = None) -> str:
    """The one-line file problems summary."""
    return tr("report.problems_line", lang, count=result.summary.problems, held=result.summary.held)


def summary_lines(result: CheckResult, config: ArchiveConfig, lang: str | None = None) -> list[str]:
    """Evidence, targets and file problems: one line each (targets only when there are any)."""
    lines = [summary_text(result, lang)]
    if result.targets:
        lines.append(targets_text(result, config, lang))
    lines.append(problems_text(result, lang))
    return lines


def ordered_departments(config: ArchiveConfig, result: CheckResult) -> list[str]:
    """Department ids with evidence items, targets or file problems, in registry order, unassigned last."""
    present = {r.item.department or UNASSIGNED for r in result.items}
    present |= {r.item.department or UNASSIGNED for r in result.targets}
    present |= {p.department for p in result.file_problems}
    ordered = [d.id for d in config.departments if d.id in present]
    return ordered + ([UNASSIGNED] if UNASSIGNED in present else [])


def items_of(result: CheckResult, dept_id: str) -> list[ItemResult]:
    """A department's item results, gaps first."""
    return [r for r in result.items if (r.item.department or UNASSIGNED) == dept_id]


def targets_of(result: CheckResult, dept_id: str) -> list[TargetResult]:
    """A department's target results, gaps first."""
    return [r for r in result.targets if (r.item.department or UNASSIGNED) == dept_id]


def problems_of(result: CheckResult, dept_id: str) -> list[FileProblem]:
    """A department's file problems (a misspelt folder counts for the closest department)."""
    return [p for p in result.file_problems if p.department == dept_id]


def show_ids(lang: str | None = None) -> bool:
    """Checklist ids are shown in English reports only: a Chinese report names items by title."""

    return (lang or language()) != "zh"


def percent(value: float) -> str:
    """0.8734 -> 87.3%."""
    return f"{value * 100:.1f}%"
