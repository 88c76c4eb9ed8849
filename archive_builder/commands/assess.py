"""``archive-builder assess``: the national assessment, scored, with the proof of every point."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from archive_builder.assessment.workbook import readiness_workbook
from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import console, echo_problems, is_interactive
from archive_builder.core.buildfs import refuse_overwriting_archive, unwritten_is_one_line, write_output
from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import counted, printable_json, t, tn
from archive_builder.pipeline import assess_archive

if TYPE_CHECKING:
    from archive_builder.assessment.readiness import Readiness

FORMATS = ("table", "json", "xlsx")
_STYLE = {True: "green", False: "bold red", None: "yellow"}


@click.command(cls=LocalizedCommand)
@click.option("--profile", default=None,
              help="Scoring profile: a name (basic-2012, quality-2017) or a YAML file (default: indicator_profile).")
@click.option("--year", type=int, default=None,
              help="The year assessed (default: the timeline's, else the archive's last year).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to FILE (needed for xlsx).")
@click.option("--as-of", "as_of", default=None,
              help="Judge deadlines as of this day, e.g. 2017-06-15 (default: the timeline's as_of, else today).")
@click.pass_context
def command(ctx: click.Context, profile: str | None, year: int | None, fmt: str, output: Path | None,
            as_of: str | None) -> None:
    """Score the archive against the national assessment: will the county pass, and on what proof?

    Reads the scoring profile (checklists/assessment/<name>.yml, else the shipped one named like
    indicator_profile in archive.yml), checks the archive, and shows the method's criteria with
    each figure, threshold and verdict, every item's points with what earned them, the school
    standard school by school, what would raise each item that lost points, and the timeline
    (site_config/timeline.yml) when there is one.

    Exit status: 0 when every criterion is met, 1 otherwise or when a profile is invalid.

    \b
    Example:
      archive-builder assess
      archive-builder assess --format json > assessment.json
      archive-builder assess --format xlsx --output 评估.xlsx
      archive-builder assess --profile quality-2017 --year 2017
    """

    if fmt == "xlsx" and output is None:
        raise UsageError(message("assess.xlsx_needs_output"))
    day = _day(as_of)
    config = load_config(ctx.obj["root"])
    if output is not None:
        refuse_overwriting_archive(config, output)  # a report never lands on the archive's own files
    readiness = assess_archive(config, profile=profile, year=year, as_of=day)
    echo_problems(readiness.problems)
    if fmt == "xlsx":

        assert output is not None
        _write(output, readiness_workbook(readiness))
        click.echo(t("assess.written", path=str(output)), err=True)
    elif fmt == "json":
        text = printable_json(readiness.to_dict(), indent=2) + "\n"
        if output is None:
            click.echo(text, nl=False)
        else:
            _write(output, text)
            click.echo(t("assess.written", path=str(output)), err=True)
    else:
        _print(readiness, output)
    ctx.exit(0 if readiness.passed else 1)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(message("assess.bad_as_of", value=value)) from None


def _write(path: Path, data: str | bytes) -> None:
    """The report in one step: a full disk or a folder that cannot be written is one line, the earlier report kept."""
    with unwritten_is_one_line(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, data if isinstance(data, bytes) else data.encode("utf-8"))


def _print(readiness: Readiness, output: Path | None) -> None:
    """The criteria, the items, the total and what would raise it, on the terminal (or into FILE)."""
    from rich.console import Console

    if output is None:
        out = console()
        if not is_interactive():  # a pipe or a log: wide enough that the Chinese titles stay on one line
            out.width = max(out.width, 160)
        _render(out, readiness)
        return
    buffer = io.StringIO()
    _render(Console(file=buffer, width=160, no_color=True, highlight=False), readiness)
    _write(output, buffer.getvalue())
    click.echo(t("assess.written", path=str(output)), err=True)


def _render(out: Any, r: Readiness) -> None:
    from rich.table import Table
    from rich.text import Text

    out.print(t("assess.title", title=r.profile.title, year=r.year, file=r.profile.file), style="bold")
    criteria = Table(title=t("assess.criteria"), title_justify="left")
    for key in ("criterion", "figure", "result"):
        criteria.add_column(t(f"assess.col_{key}"), overflow="fold")
    for c in r.criteria:
        criteria.add_row(c.criterion.title, c.text, Text(_verdict(c.passed), style=_STYLE[c.passed]))
    out.print(criteria)
    if r.areas:
        out.print(_items_table(r))
        mark = f"{r.profile.pass_mark:g}" if r.profile.pass_mark is not None else "-"
        out.print(tn("assess.total", r.points, total=_points(r.total), points=f"{r.points:g}", mark=mark), style="bold")
    out.print(r.verdict, style=_STYLE[r.passed])
    for line in _standard_lines(r):
        out.print(line)
    hints = [(item, hint) for item in r.items for hint in item.hints]
    hints += [(None, hint) for c in r.criteria for hint in c.hints if c.criterion.kind == "figure"]
    if hints:
        out.print(t("assess.raise"), style="bold")
        for item, hint in hints:
            if item is None:
                out.print(f"- {hint}")
            else:
                out.print("- " + t("assess.raise_line", no=item.item.number, title=item.item.title,
                                   earned=_points(item.earned), points=f"{item.points:g}",
                                   hint=hint))
    for line in _timeline_lines(r):
        out.print(line)


def _items_table(r: Readiness) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=tn("assess.items", len(r.items), count=len(r.items)), title_justify="left")
    for key in ("area", "no", "item", "points", "found"):
        table.add_column(t(f"assess.col_{key}"), overflow="fold", justify="right" if key in ("no", "points") else "left")
    style = {"met": "green", "partial": "yellow", "not_met": "bold red", "unknown": "yellow"}
    for area in r.areas:
        for item in area.items:
            earned = _points(item.earned)
            found = "；".join(rule.text for rule in item.rules)
            table.add_row(area.area.title, item.item.number, item.item.title,
                          Text(f"{earned}/{item.points:g}", style=style[item.state]), found)
    return table


def _standard_lines(r: Readiness) -> list[str]:
    table = r.table
    if table is None:
        return []
    score = f"{table.score:.2f}" if table.score is not None else "-"
    lines = [tn("assess.standard", len(table.rows), title=table.standard.title, meeting=len(table.meeting),
                schools=len(table.rows), score=score)]
    if table.missing_columns:
        lines.append(t("assess.standard_missing_columns", columns="、".join(table.missing_headers)))
    return lines


def _timeline_lines(r: Readiness) -> list[str]:
    status = r.timeline
    if status is None:
        return []
    lines = [t("assess.timeline", file=status.timeline.file, as_of=status.as_of.isoformat(),
               overdue=counted("assess.timeline.overdue", len(status.overdue)),
               late=counted("assess.timeline.late", len(status.late)))]
    for stage in status.timeline.stages:
        lines.append(t("assess.stage_line", due=stage.due.isoformat(), title=stage.title,
                       passed=t("assess.stage_passed") if status.passed(stage) else ""))
    return lines


def _verdict(passed: bool | None) -> str:
    return t({True: "assess.pass", False: "assess.fail", None: "assess.unknown"}[passed])


def _points(value: float) -> str:
    """91.7419 -> 91.74, 6.0 -> 6 (the JSON keeps four decimals)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
