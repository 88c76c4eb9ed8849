"""``archive-builder status``: one screen per department, in plain words."""

from __future__ import annotations

import click

from ..check import run_check
from ..checklist import load_checklists
from ..clihelp import LocalizedCommand
from ..config import load_config
from ..errors import UsageError
from ..i18n import t
from ..present import console, printable
from ..reports.labels import gap_text, percent, status_name
from ..review import load_inventory
from ..schools import load_schools
from ..status import DepartmentStatus, department_statuses

_MAX_GAPS = 40


@click.command(cls=LocalizedCommand)
@click.option("--department", help="Only this department (name, alias or id).")
@click.pass_context
def command(ctx: click.Context, department: str | None) -> None:
    """Show each department what it has filed, what is missing and which files have problems.

    \b
    Example:
      archive-builder --lang zh status --department 县财政局
      archive-builder status
    """
    config = load_config(ctx.obj["root"])
    dept_id = None
    if department:
        found = config.department(department)
        if found is None:
            raise UsageError(t("status.unknown_department", value=department))
        dept_id = found.id
    inventory = load_inventory(config)
    result = run_check(config, inventory, load_checklists(config), load_schools(config))
    out = console()
    for status in department_statuses(config, inventory, result, dept_id):
        _show(out, status)


def _show(out, status: DepartmentStatus) -> None:
    from rich.rule import Rule

    out.print(Rule(status.name))
    filed = "、".join(f"{name} {count}" for name, count in status.by_category.items() if count) or "—"
    years = "、".join(f"{year}: {count}" for year, count in status.by_year.items())
    out.print(t("status.filed", count=status.documents, categories=filed))
    out.print(t("status.by_year", years=years))
    totals = status.totals
    out.print(t("status.totals", items=totals.items, complete=totals.complete, partial=totals.partial,
                missing=totals.missing, completeness=percent(totals.completeness)))
    if status.gaps:
        out.print(t("status.gaps_heading"))
        for gap in status.gaps[:_MAX_GAPS]:
            out.print(f"  • [{status_name(gap.status)}] {printable(gap.item.title)} — {printable(gap_text(gap))}", markup=False)
        if len(status.gaps) > _MAX_GAPS:
            out.print(t("status.more", count=len(status.gaps) - _MAX_GAPS))
    else:
        out.print(t("status.no_gaps"))
    if status.problems:
        out.print(t("status.problems_heading"))
        for problem in status.problems:
            out.print(f"  • {printable(problem.path)}: {problem.message} {problem.hint}", markup=False)
    out.print()
