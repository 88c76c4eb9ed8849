"""The check as a terminal report (rich): summary, then one table per department, gaps first."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ..check import COMPLETE, MISSING, WAIVED
from ..i18n import printable, t
from .labels import (category_name, department_name, evidence_title, figure_text, gap_text, items_of,
                     ordered_departments, percent, status_name, summary_text, waived_lines)

if TYPE_CHECKING:
    from ..check import CheckResult, ItemResult
    from ..config import ArchiveConfig

_STYLE = {MISSING: "bold red", COMPLETE: "green", WAIVED: "cyan"}


def renderables(result: CheckResult, config: ArchiveConfig) -> list[Any]:
    """Rich objects to print: a summary line and a table per department."""
    from rich.table import Table
    from rich.text import Text

    out: list[Any] = []
    for dept_id in ordered_departments(config, result):
        results = items_of(result, dept_id)
        totals = result.by_department.get(dept_id)
        table = Table(title=f"{department_name(config, dept_id)}  {percent(totals.completeness) if totals else ''}",
                      title_justify="left", show_lines=False, expand=False)
        for key in ("id", "title", "category", "status", "gap", "evidence"):
            table.add_column(t(f"report.col.{key}"), overflow="fold")
        for r in results:
            table.add_row(r.item.id, r.item.title, category_name(config, r.item.category),
                          Text(status_name(r.status), style=_STYLE.get(r.status, "yellow")),
                          _gap(r), _evidence(r))
        out.append(table)
    out.append(Text(summary_text(result), style="bold"))
    return out


def _gap(result: ItemResult) -> str:
    """What is missing, then each waived slot with its reason and approver."""
    lines = [gap_text(result)] if gap_text(result) else []
    lines += [f"{status_name(WAIVED)}: {line}" for line in waived_lines(result)]
    return "\n".join(lines) or "-"


def _evidence(result: ItemResult, limit: int = 3) -> str:
    """The first few evidence files, and how many more."""
    shown = [f"{printable(evidence_title(ev))} [{t('report.matched.' + ev.matched_by)}]" for ev in result.evidence[:limit]]
    if figure_text(result):
        shown.insert(0, figure_text(result))
    if len(result.evidence) > limit:
        shown.append(t("report.more", count=len(result.evidence) - limit))
    return "\n".join(shown) or "-"


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """Plain text of the same report, for --output."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=160, no_color=True, force_terminal=False, highlight=False)
    for renderable in renderables(result, config):
        console.print(renderable)
    return buffer.getvalue()
