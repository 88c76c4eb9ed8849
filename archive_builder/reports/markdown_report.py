"""The check as Markdown: summary, department x category matrix, then each department's gaps first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..check import UNASSIGNED
from ..i18n import t
from .labels import (category_name, department_name, evidence_title, figure_text, gap_text, items_of,
                     ordered_departments, status_name, summary_text, waived_lines)

if TYPE_CHECKING:
    from ..check import CheckResult, ItemResult
    from ..config import ArchiveConfig


def _cell(text: object) -> str:
    """Table cell text with pipes and line breaks escaped."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """A Markdown report."""
    lines = [f"# {t('report.title')}", "", summary_text(result), ""]
    lines += _matrix(result, config)
    for dept_id in ordered_departments(config, result):
        lines += ["", f"## {department_name(config, dept_id)}", ""]
        lines += [_row([t("report.col.id"), t("report.col.title"), t("report.col.category"),
                        t("report.col.status"), t("report.col.gap"), t("report.col.evidence"),
                        t("report.col.waived")]),
                  _row(["---"] * 7)]
        lines += [_item_row(r, config) for r in items_of(result, dept_id)]
    if result.problems:
        lines += ["", f"## {t('report.problems')}", ""]
        lines += [f"- {p.path}: {p.message}" for p in result.problems]
    if result.withheld:
        lines += ["", f"## {t('report.withheld_heading')}", ""]
        lines += [f"- {w['path']}: {w['reason']}" for w in result.withheld]
    return "\n".join(lines) + "\n"


def _item_row(result: ItemResult, config: ArchiveConfig) -> str:
    """One item as a table row."""
    shown = [f"{ev.shown_path} ({evidence_title(ev)})" for ev in result.evidence]
    if figure_text(result):
        shown.insert(0, figure_text(result))
    return _row([result.item.id, result.item.title, category_name(config, result.item.category),
                 status_name(result.status), gap_text(result) or "-", "<br>".join(shown) or "-",
                 "<br>".join(waived_lines(result)) or "-"])


def _matrix(result: CheckResult, config: ArchiveConfig) -> list[str]:
    """Department x category: filled/required slots per cell."""
    cats = [c.id for c in config.categories if any(c.id in row for row in result.matrix.values())]
    if any(UNASSIGNED in row for row in result.matrix.values()):
        cats.append(UNASSIGNED)
    lines = [f"## {t('report.matrix')}", "",
             _row([t("report.col.department"), *(category_name(config, c) for c in cats)]),
             _row(["---"] * (len(cats) + 1))]
    for dept_id in ordered_departments(config, result):
        row = result.matrix.get(dept_id, {})
        lines.append(_row([department_name(config, dept_id),
                           *(_matrix_cell(row[c]) if c in row else "" for c in cats)]))
    return lines


def _matrix_cell(totals) -> str:
    """'3/4 (75.0%)' of required slots, with the gap count."""
    gaps = totals.partial + totals.missing
    text = f"{totals.slots_filled}/{totals.slots_total}"
    return text + (f" ⚠{gaps}" if gaps else " ✓")
