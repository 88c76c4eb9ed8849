"""``archive-builder indicators``: balance indicators and the other numeric targets from school statistics."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import console, echo_problems, is_interactive
from archive_builder.core.buildfs import refuse_overwriting_archive, write_output
from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import printable_json, t, tn
from archive_builder.statistics.stats import COMPOSITE, compute_indicators
from archive_builder.statistics.workbook import funding_note, report_workbook

if TYPE_CHECKING:
    from archive_builder.statistics.stats import BalanceRow, IndicatorReport

_VERDICT_STYLE = {True: "green", False: "bold red", None: "yellow"}


@click.command(cls=LocalizedCommand)
@click.option("--year", type=int, default=None, help="Only this year (default: every year in the tables).")
@click.option("--profile", default=None,
              help="Indicator profile: basic-2012 or quality-2017 (default: indicator_profile in archive.yml).")
@click.option("--json", "as_json", is_flag=True, help="Print every section as JSON.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the figures to this Excel workbook (.xlsx, Chinese headers).")
@click.pass_context
def command(ctx: click.Context, year: int | None, profile: str | None, as_json: bool, output: Path | None) -> None:
    """Compute the inter-school difference coefficients (差异系数) and the other targets.

    Reads the statistics tables in content/data/ (school_stats, classes, teacher_exchange,
    consolidation, satisfaction) and shows, per year and school level, each indicator's
    student-weighted CV, the composite against its threshold, the schools that widen the gap
    most, class sizes, teacher exchange, consolidation, satisfaction and small schools.

    A school missing from a year, a row that contradicts the school registry, a missing column or
    an empty cell is a problem naming file, row and fix; the figures it touches are shown but not
    judged. --json gives every figure at full precision.

    Exit status: 0 figures computed, 1 a table has errors or there is nothing to compute.

    \b
    Example:
      archive-builder indicators
      archive-builder indicators --year 2016 --profile quality-2017
      archive-builder indicators --json > indicators.json
      archive-builder indicators --output 差异系数.xlsx
    """

    if output is not None and output.suffix.lower() != ".xlsx":
        raise UsageError(message("indicators.bad_output", path=str(output)))
    config = load_config(ctx.obj["root"])
    if output is not None:
        refuse_overwriting_archive(config, output)  # a report never lands on the archive's own files
    report = compute_indicators(config, year=year, profile=profile)
    if as_json:
        click.echo(printable_json(report.to_dict(), indent=2))
    else:
        echo_problems(report.problems)
        _print_report(report)
    if output is not None:
        write_output(output, report_workbook(report))
        click.echo(t("indicators.wrote", path=str(output)), err=True)
    if not report.balance:
        click.echo(t("indicators.nothing"), err=True)
    ctx.exit(1 if (not report.balance or any(p.severity == "error" for p in report.problems)) else 0)


def _print_report(report: IndicatorReport) -> None:
    """Balance tables per year and level, then one line per other target."""
    out = console()
    if not is_interactive():  # a pipe or a log: wide enough that the Chinese names stay on one line
        out.width = max(out.width, 160)
    out.print(t("indicators.profile", title=report.profile_title, profile=report.profile), style="bold")
    groups: dict[tuple[int, str], list[BalanceRow]] = {}
    for row in report.balance:
        groups.setdefault((row.year, row.level), []).append(row)
    top = _top_names(report)
    for (year, level), rows in groups.items():
        out.print(_balance_table(year, level, rows, top))
    for line in _target_lines(report):
        out.print(line)


def _top_names(report: IndicatorReport) -> dict[tuple[int, str, str], str]:
    """(year, level, indicator) -> the names of the schools that widen the gap most."""
    names: dict[tuple[int, str, str], list[str]] = {}
    for value in report.contributors():
        names.setdefault((value.year, value.level, value.indicator), []).append(value.school)
    return {key: "、".join(v) for key, v in names.items()}


def _balance_table(year: int, level: str, rows: list[BalanceRow], top: dict[tuple[int, str, str], str]) -> Any:
    """One rich table: indicator, X̄, S, CV, threshold, verdict, top schools."""
    from rich.table import Table


    table = Table(title=t("indicators.balance_title", year=year, level=level), title_justify="left")
    for key in ("indicator", "mean", "std", "cv", "threshold", "result", "top"):
        table.add_column(t(f"indicators.col_{key}"), overflow="fold", no_wrap=key == "indicator",
                         justify="right" if key in ("mean", "std", "cv", "threshold") else "left")
    for row in rows:
        table.add_row(row.indicator, _num(row.mean), _num(row.std), _num(row.cv, 3),
                      t("indicators.no_threshold") if row.threshold is None else f"≤ {row.threshold:.2f}",
                      _verdict_text(row),
                      top.get((row.year, row.level, row.indicator), ""),
                      style="bold" if row.indicator == COMPOSITE else None)
    return table


def _verdict_text(row: BalanceRow) -> Any:
    """The verdict of a balance row, coloured; rows without a threshold of their own are not judged."""
    from rich.text import Text

    if not row.complete:
        return Text(t("indicators.incomplete"), style="bold yellow")
    if row.threshold is None and row.passed is None and row.cv is not None:
        return Text(t("indicators.not_judged"), style="dim")
    return Text(verdict(row.passed), style=_VERDICT_STYLE[row.passed])


def verdict(passed: bool | None, complete: bool = True) -> str:
    """met / not met / no data (or incomplete, not judged), in the current language."""
    if not complete:
        return t("indicators.incomplete")
    return t({True: "indicators.pass", False: "indicators.fail", None: "indicators.unknown"}[passed])


def _num(value: float | None, digits: int | None = None) -> str:
    """A figure for the terminal: '-' when unknown, small values with more decimals."""
    if value is None:
        return "-"
    if digits is None:
        digits = 4 if abs(value) < 1 else 2
    return f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _target_lines(report: IndicatorReport) -> list[str]:
    """One sentence per year for class sizes, exchange, consolidation, satisfaction and small schools."""

    lines = [tn("indicators.class_size_line", r.classes, year=r.year, classes=r.classes, large=r.large,
                large_share=_pct(r.large_share), very_large=r.very_large,
                very_large_share=_pct(r.very_large_share), max_size=r.max_size) for r in report.class_size_totals]
    lines += [t("indicators.exchange_line", year=r.year, rate=_pct(r.rate), verdict=verdict(r.rate_pass, r.complete),
                share=_pct(r.backbone_share), verdict2=verdict(r.backbone_pass, r.complete)) for r in report.exchange]
    lines += [t("indicators.consolidation_line", year=r.year, level=r.level, rate=_pct(r.rate),
                verdict=verdict(r.passed, r.complete)) for r in report.consolidation]
    lines += [t("indicators.satisfaction_line", year=r.year, rate=_pct(r.rate), respondents=r.respondents,
                verdict=verdict(r.passed, r.complete)) for r in report.satisfaction]
    by_year: dict[int, list[float]] = {}
    for r in report.small_schools:
        by_year.setdefault(r.year, []).append(r.owed)
    size = (report.funding.get("small_school") or {}).get("size", "")
    lines += [tn("indicators.small_schools_line", len(v), year=y, count=len(v), owed=f"{sum(v):,.0f}", size=size)
              for y, v in sorted(by_year.items())]
    lines += funding_note(report)
    unjudged = sum(not r.complete for r in report.balance)
    if unjudged:
        lines.append(tn("indicators.gaps_line", unjudged, count=unjudged))
    return lines
