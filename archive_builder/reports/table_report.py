"""The check as a terminal report (rich): per department its evidence, its targets and its file problems."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from archive_builder.checking.labels import (
    category_name,
    department_name,
    evidence_title,
    gap_text,
    items_of,
    judged_text,
    ordered_departments,
    percent,
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
from archive_builder.checking.results import COMPLETE, MET, MISSING, NO_DATA, NOT_MET, TREND, WAIVED
from archive_builder.core.i18n import printable, t

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, FileProblem, ItemResult, TargetResult
    from archive_builder.core.config import ArchiveConfig

_STYLE = {MISSING: "bold red", COMPLETE: "green", WAIVED: "cyan", MET: "green", NOT_MET: "bold red",
          NO_DATA: "bold red"}


def renderables(result: CheckResult, config: ArchiveConfig) -> list[Any]:
    """Rich objects to print: per department its tables, then the summary lines."""
    from rich.text import Text

    out: list[Any] = []
    for dept_id in ordered_departments(config, result):
        out.extend(_department(result, config, dept_id))
    out.extend(Text(line, style="bold") for line in summary_lines(result, config))
    return out


def _department(result: CheckResult, config: ArchiveConfig, dept_id: str) -> list[Any]:
    """A department's evidence table, targets table and file problems table (those it has)."""
    name = department_name(config, dept_id)
    totals = result.by_department.get(dept_id)
    tables = []
    items = items_of(result, dept_id)
    if items:
        tables.append(_evidence_table(f"{name}  {percent(totals.completeness) if totals else ''}", items, config))
    targets = targets_of(result, dept_id)
    if targets:
        tables.append(_targets_table(f"{name} · {t('report.targets')}", targets))
    problems = problems_of(result, dept_id)
    if problems:
        tables.append(_problems_table(f"{name} · {t('report.file_problems')}", problems, config))
    return tables


def _table(title: str, columns: list[str]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for key in columns:
        table.add_column(t(f"report.col.{key}"), overflow="fold")
    return table


def _evidence_table(title: str, results: list[ItemResult], config: ArchiveConfig) -> Any:
    from rich.text import Text

    ids = show_ids()
    table = _table(title, [*(["id"] if ids else []), "title", "category", "status", "gap", "evidence"])
    for r in results:
        table.add_row(*([r.item.id] if ids else []), r.item.title, category_name(config, r.item.category),
                      Text(status_name(r.status), style=_STYLE.get(r.status, "yellow")), _gap(r), _evidence(r))
    return table


def _targets_table(title: str, targets: list[TargetResult]) -> Any:
    from rich.text import Text

    table = _table(title, ["target", "year", "value", "status", "due", "source"])
    for r in [target for target in targets if target.status != TREND]:
        table.add_row(r.item.title, str(r.year), _figure(r), Text(status_name(r.status), style=_STYLE.get(r.status, "")),
                      judged_text(r), r.source and f"content/{r.source}")
    for series in _trend_series(targets):  # the years not judged: one row per figure, so the judged ones stand out
        first = series[0]
        years = f"{first.year}–{series[-1].year}" if len(series) > 1 else str(first.year)
        table.add_row(first.item.title, years, "\n".join(f"{r.year}: {r.shown}" for r in series),
                      Text(status_name(TREND), style="dim"), judged_text(first),
                      first.source and f"content/{first.source}")
    return table


def _trend_series(targets: list[TargetResult]) -> list[list[TargetResult]]:
    """The trend years of each figure, year by year, in the order the figures come."""
    found: dict[str, list[TargetResult]] = {}
    for target in targets:
        if target.status == TREND:
            found.setdefault(target.series, []).append(target)
    return [sorted(years, key=lambda r: r.year) for years in found.values()]


def _problems_table(title: str, problems: list[FileProblem], config: ArchiveConfig) -> Any:
    """File problems as a list, not a table: a path must stay whole to be found and fixed."""
    from rich.text import Text

    lines = [Text(title, style="italic")]
    for p in problems:
        lines.append(Text(f"  • [{problem_kind_name(p.kind)}] {printable(p.path)}: {printable(problem_text(p, config, files=False))}",
                          style="bold red"))
        fix = problem_fix(p)
        if fix:
            lines.append(Text(f"    {t('present.fix')}: {printable(fix)}"))
        lines += [Text(f"    - {printable(path)}") for path in p.files]
    return Text("\n").join(lines)


def _figure(target: TargetResult) -> str:
    """The figure against its threshold (the message of a figure the statistics leave incomplete)."""

    return target_message(target)


def _gap(result: ItemResult) -> str:
    """What is missing, then each waived slot with its reason and approver."""
    lines = [gap_text(result)] if gap_text(result) else []
    lines += [f"{status_name(WAIVED)}: {line}" for line in waived_lines(result)]
    return "\n".join(lines) or "-"


def _evidence(result: ItemResult, limit: int = 3) -> str:
    """The first few evidence files, and how many more."""
    shown = [f"{printable(evidence_title(ev))} [{t('report.matched.' + ev.matched_by)}]" for ev in result.evidence[:limit]]
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
