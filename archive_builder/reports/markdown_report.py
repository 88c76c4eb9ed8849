"""The check as Markdown: summary, department x category matrix, then per department its evidence,
its targets and its file problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive_builder.checking.labels import (
    category_name,
    department_name,
    evidence_title,
    gap_text,
    items_of,
    judged_text,
    ordered_departments,
    problem_fix,
    problem_kind_name,
    problem_text,
    problems_of,
    show_ids,
    status_name,
    summary_lines,
    target_message,
    targets_of,
    waived_lines,
)
from archive_builder.checking.results import UNASSIGNED
from archive_builder.core.i18n import printable, t

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig


def _cell(text: object) -> str:
    """Table cell text with pipes and line breaks escaped."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _header(keys: list[str]) -> list[str]:
    return [_row([t(f"report.col.{key}") for key in keys]), _row(["---"] * len(keys))]


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """A Markdown report."""
    lines = [f"# {t('report.title')}", "", *summary_lines(result, config), ""]
    lines += _matrix(result, config)
    ids = show_ids()
    for dept_id in ordered_departments(config, result):
        lines += ["", f"## {department_name(config, dept_id)}", ""]
        items = items_of(result, dept_id)
        if items:
            lines += _header([*(["id"] if ids else []), "title", "category", "status", "gap", "evidence", "waived"])
            lines += [_item_row(r, config, ids) for r in items]
        targets = targets_of(result, dept_id)
        if targets:
            lines += ["", f"### {t('report.targets')}", ""]
            lines += _header(["target", "year", "value", "status", "due", "source"])
            lines += [_row([r.item.title, r.year, target_message(r), status_name(r.status), judged_text(r),
                            f"content/{r.source}" if r.source else "-"]) for r in targets]
        problems = problems_of(result, dept_id)
        if problems:
            lines += ["", f"### {t('report.file_problems')}", ""]
            lines += _header(["path", "kind", "message", "fix"])
            lines += [_row([p.path, problem_kind_name(p.kind), problem_text(p, config), problem_fix(p) or "-"])
                      for p in problems]
    if result.problems:
        lines += ["", f"## {t('report.check_warnings')}", ""]
        lines += [f"- {p.shown_path}: {p.message}" for p in result.problems]
    if result.withheld:
        lines += ["", f"## {t('report.withheld_heading')}", ""]
        lines += [f"- {w['path']}: {w['reason']}" for w in result.withheld]
    return "\n".join(map(printable, lines)) + "\n"  # a name's control characters shown as escapes, as in messages


def _item_row(result: ItemResult, config: ArchiveConfig, ids: bool) -> str:
    """One item as a table row."""
    shown = [f"{ev.shown_path} ({evidence_title(ev)})" for ev in result.evidence]
    return _row([*([result.item.id] if ids else []), result.item.title, category_name(config, result.item.category),
                 status_name(result.status), gap_text(result) or "-", "<br>".join(shown) or "-",
                 "<br>".join(waived_lines(result)) or "-"])


def _matrix(result: CheckResult, config: ArchiveConfig) -> list[str]:
    """Department x category: filled/required evidence slots per cell."""
    cats = [c.id for c in config.categories if any(c.id in row for row in result.matrix.values())]
    if any(UNASSIGNED in row for row in result.matrix.values()):
        cats.append(UNASSIGNED)
    lines = [f"## {t('report.matrix')}", "",
             _row([t("report.col.department"), *(category_name(config, c) for c in cats)]),
             _row(["---"] * (len(cats) + 1))]
    for dept_id in ordered_departments(config, result):
        row = result.matrix.get(dept_id, {})
        if row:
            lines.append(_row([department_name(config, dept_id),
                               *(_matrix_cell(row[c]) if c in row else "" for c in cats)]))
    return lines


def _matrix_cell(totals) -> str:
    """'3/4' of required slots, with the gap count."""
    gaps = totals.partial + totals.missing
    text = f"{totals.slots_filled}/{totals.slots_total}"
    return text + (f" ⚠{gaps}" if gaps else " ✓")
