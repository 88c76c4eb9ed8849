"""``archive-builder status``: one screen per department, in plain words."""

from __future__ import annotations

import click

from archive_builder.checking.labels import (
    gap_text,
    percent,
    problem_fix,
    problem_kind_name,
    problem_text,
    status_name,
    target_message,
)
from archive_builder.checking.status import DepartmentStatus, department_statuses
from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import console, printable
from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import t, tn
from archive_builder.pipeline import check_archive

_MAX_GAPS = 40


@click.command(cls=LocalizedCommand)
@click.option("--department", help="Only this department (name, alias or id).")
@click.pass_context
def command(ctx: click.Context, department: str | None) -> None:
    """Show each department what it has filed, what is missing and which files have problems.

    The counts are those of 'archive-builder check --department' (one computation for both).

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
            raise UsageError(message("status.unknown_department", value=department))
        dept_id = found.id
    result = check_archive(config, department=dept_id)
    assert result.inventory is not None
    out = console()
    for status in department_statuses(config, result.inventory, result, dept_id):
        _show(out, config, status)


def _show(out, config, status: DepartmentStatus) -> None:
    from rich.rule import Rule

    out.print(Rule(status.name))
    if status.department:
        filed = "、".join(f"{name} {count}" for name, count in status.by_category.items() if count) or "—"
        years = "、".join(f"{year}: {count}" for year, count in status.by_year.items())
        out.print(tn("status.filed", status.documents, count=status.documents, categories=filed))
        out.print(t("status.by_year", years=years))
        _evidence(out, status)
        _targets(out, status)
    _problems(out, config, status)
    out.print()


def _evidence(out, status: DepartmentStatus) -> None:
    totals = status.totals
    out.print(tn("status.totals", totals.items, items=totals.items, complete=totals.complete, partial=totals.partial,
                 missing=totals.missing, waived=totals.waived, completeness=percent(totals.completeness)))
    if not status.gaps:
        out.print(t("status.no_gaps"))
        return
    out.print(t("status.gaps_heading"))
    for gap in status.gaps[:_MAX_GAPS]:
        out.print(f"  • [{status_name(gap.status)}] {printable(gap.item.title)} — {printable(gap_text(gap))}",
                  markup=False)
    if len(status.gaps) > _MAX_GAPS:
        out.print(t("status.more", count=len(status.gaps) - _MAX_GAPS))


def _targets(out, status: DepartmentStatus) -> None:
    totals = status.totals
    if not totals.targets_judged and not totals.targets_trend:
        return
    out.print(tn("status.targets", totals.targets_trend, met=totals.targets_met, not_met=totals.targets_not_met,
                 no_data=totals.targets_no_data, trend=totals.targets_trend))
    for target in status.targets:
        out.print(f"  • [{status_name(target.status)}] {target.year} {printable(target.item.title)} — "
                  f"{printable(target_message(target))}", markup=False)


def _problems(out, config, status: DepartmentStatus) -> None:
    out.print(t("status.problems", count=status.totals.problems, held=status.totals.held))
    for problem in status.problems:
        out.print(f"  • [{problem_kind_name(problem.kind)}] {printable(problem.path)}: "
                  f"{printable(problem_text(problem, config, files=False))}", markup=False)
        fix = problem_fix(problem)
        if fix:
            out.print(f"    {t('present.fix')}: {printable(fix)}", markup=False)
        for path in problem.files:
            out.print(f"    - {printable(path)}", markup=False)
