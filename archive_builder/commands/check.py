"""``archive-builder check``: what is still missing, and whose job it is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_builder.checking.labels import summary_lines
from archive_builder.checking.results import FAIL_CONDITIONS
from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import console, echo_problems
from archive_builder.core.buildfs import refuse_overwriting_archive, write_output
from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import t
from archive_builder.pipeline import assess_archive, check_archive
from archive_builder.reports import FORMATS, render
from archive_builder.reports.table_report import renderables

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

DEFAULT_FAIL_ON = ("missing", "targets")


#: Exit status of each --fail-on condition (the lowest one that holds is returned); 1 is an invalid
#: checklist or configuration, 2 a wrong option.
EXIT_STATUS = {"missing": 3, "partial": 4, "targets": 5, "problems": 6, "held": 7, "assessment": 8}
FAIL_ON_CHOICES = (*FAIL_CONDITIONS, "assessment", "never")


def _fail_on(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated options and comma lists alike: ``--fail-on missing,targets --fail-on problems``."""
    names = tuple(name.strip() for value in values for name in value.split(",") if name.strip())
    for name in names:
        if name not in FAIL_ON_CHOICES:
            raise click.BadParameter(t("check.bad_fail_on", value=name, choices=", ".join(FAIL_ON_CHOICES)))
    return names or DEFAULT_FAIL_ON


@click.command(cls=LocalizedCommand)
@click.option("--department", help="Only this department's items (name, alias or id).")
@click.option("--category", help="Only this category's items (name, alias or id).")
@click.option("--year", type=int, help="Only this year's evidence and figures.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Report format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--fail-on", "fail_on", multiple=True, callback=_fail_on, metavar="CONDITION[,CONDITION]",
              help="What makes the check fail (repeat or separate by commas): missing (exit 3), partial (4), "
                   "targets (5), problems (6), held (7), assessment (8), never. Default: missing,targets.")
@click.pass_context
def command(ctx: click.Context, department: str | None, category: str | None, year: int | None, fmt: str,
            output: Path | None, fail_on: tuple[str, ...]) -> None:
    """Check the evidence, the targets and the files: what is missing, not met or unreadable, and whose job it is.

    Three kinds of result, each for what it is: evidence (documents filed per item, year and
    school: complete, partial, missing, waived), targets (figures of the statistics: met, not met,
    no data; years before a target is due are trend) and file problems (unreadable, held for
    review, unknown folder, no year ...).

    \b
    Exit status (the lowest that applies):
      0  nothing named by --fail-on holds
      1  a checklist, targets file or the configuration is invalid
      2  a wrong option
      3  missing:  a required item has no evidence at all
      4  partial:  a required item lacks evidence for some years or schools
      5  targets:  a target due in a judged year is not met or has no data
      6  problems: a file could not be taken in (unreadable, unknown folder, no year, broken metadata)
      7  held:     a file is held for review (its text could not vouch for it)
      8  assessment: the assessment falls short of its pass mark

    \b
    Example:
      archive-builder check
      archive-builder check --department 财政局 --year 2016
      archive-builder check --format junit --output gaps.xml --fail-on problems
      archive-builder check --format xlsx --output 台账.xlsx --fail-on never
    """
    if fmt == "xlsx" and output is None:
        raise UsageError(message("check.xlsx_needs_output"))
    config = load_config(ctx.obj["root"])
    if output is not None:
        refuse_overwriting_archive(config, output)  # a report never lands on the archive's own files
    result = check_archive(config, department=department, category=category, year=year)
    if output is not None:
        echo_problems(result.problems)
        _write(output, render(result, config, fmt))
        click.echo(t("check.written", path=str(output)))
        for line in summary_lines(result, config):
            click.echo(line)
    elif fmt == "table":
        echo_problems(result.problems)
        out = console()

        for renderable in renderables(result, config):
            out.print(renderable)
    else:
        click.echo(render(result, config, fmt), nl=False)
    if "never" in fail_on:
        ctx.exit(0)
    failed = result.failures(fail_on)
    if "assessment" in fail_on and _assessment_fails(config):
        failed.append("assessment")
    for name in failed:
        click.echo(t(f"check.failed.{name}"), err=True)
    ctx.exit(EXIT_STATUS[failed[0]] if failed else 0)


def _assessment_fails(config: ArchiveConfig) -> bool:
    """Whether the archive's assessment (``archive-builder assess``) misses a criterion; one line on stderr says so."""

    readiness = assess_archive(config)
    click.echo(t("assess.check_line", profile=readiness.profile.id, year=readiness.year, verdict=readiness.verdict,
                 total=f"{readiness.total:.2f}".rstrip("0").rstrip("."), points=f"{readiness.points:g}"), err=True)
    return not readiness.passed


def _write(path: Path, data: str | bytes) -> None:
    """Write the report in one step; text as UTF-8."""
    write_output(path, data if isinstance(data, bytes) else data.encode("utf-8"))
