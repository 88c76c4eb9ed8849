"""``archive-builder check``: what is still missing, and whose job it is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..check import check_archive
from ..clihelp import LocalizedCommand
from ..config import load_config
from ..errors import UsageError
from ..i18n import t
from ..present import console, echo_problems
from ..reports import FORMATS, render
from ..reports.labels import summary_text

if TYPE_CHECKING:
    from ..config import ArchiveConfig


@click.command(cls=LocalizedCommand)
@click.option("--department", help="Only this department's items (name, alias or id).")
@click.option("--category", help="Only this category's items (name, alias or id).")
@click.option("--year", type=int, help="Only this year's evidence.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Report format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice(["missing", "partial", "assessment", "never"]), default="missing",
              show_default=True,
              help="Exit 1 when a required item is missing (or, with 'partial', incomplete; with 'assessment', "
                   "also when the assessment falls short of its pass mark).")
@click.pass_context
def command(ctx: click.Context, department: str | None, category: str | None, year: int | None, fmt: str,
            output: Path | None, fail_on: str) -> None:
    """Check every checklist item, year by year and school by school, against the documents.

    Exit status: 0 when nothing required is missing (see --fail-on), 1 otherwise or when a
    checklist is invalid.

    \b
    Example:
      archive-builder check
      archive-builder check --department 财政局 --year 2016
      archive-builder check --format junit --output gaps.xml --fail-on partial
      archive-builder check --format xlsx --output 台账.xlsx
    """
    if fmt == "xlsx" and output is None:
        raise UsageError(t("check.xlsx_needs_output"))
    config = load_config(ctx.obj["root"])
    result = check_archive(config, department=department, category=category, year=year)
    if output is not None:
        echo_problems(result.problems)
        _write(output, render(result, config, fmt))
        click.echo(t("check.written", path=str(output)))
        click.echo(summary_text(result))
    elif fmt == "table":
        echo_problems(result.problems)
        out = console()
        from ..reports.table_report import renderables

        for renderable in renderables(result, config):
            out.print(renderable)
    else:
        click.echo(render(result, config, fmt), nl=False)
    failed = result.fails("missing" if fail_on == "assessment" else fail_on)
    if fail_on == "assessment":
        failed = _assessment_fails(config) or failed
    ctx.exit(1 if failed else 0)


def _assessment_fails(config: ArchiveConfig) -> bool:
    """Whether the archive's assessment (``archive-builder assess``) misses a criterion; one line on stderr says so."""
    from ..assessment import assess_archive

    readiness = assess_archive(config)
    verdict = t("assess.ready") if readiness.passed else t(
        "assess.not_ready", count=sum(c.passed is not True for c in readiness.criteria))
    click.echo(t("assess.check_line", profile=readiness.profile.id, year=readiness.year, verdict=verdict,
                 total=f"{readiness.total:.2f}".rstrip("0").rstrip("."), points=f"{readiness.points:g}"), err=True)
    return not readiness.passed


def _write(path: Path, data: str | bytes) -> None:
    """Write the report; text as UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
