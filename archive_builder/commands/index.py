"""``archive-builder index``: build or refresh the full-text search index."""

from __future__ import annotations

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import StageProgress, echo_problems
from archive_builder.core.config import load_config
from archive_builder.core.i18n import printable_json, t, tn
from archive_builder.pipeline import refresh_index


@click.command(cls=LocalizedCommand)
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again from every file.")
@click.option("--include-internal", is_flag=True, help="Also index documents classified 内部 (internal).")
@click.option("--no-ocr", is_flag=True, help="Do not run text recognition on scans without text (they are held back).")
@click.option("--json", "as_json", is_flag=True, help="Print the counters as JSON.")
@click.pass_context
def command(ctx: click.Context, rebuild: bool, include_internal: bool, no_ocr: bool, as_json: bool) -> None:
    """Extract the text of every document and bring the search index up to date.

    Only new and changed files are read and indexed; removed files leave the index.
    Documents classified 秘密/机密/绝密, and those held for review, are never indexed.
    Scans without a text layer are read by text recognition (OCR) unless --no-ocr.

    \b
    Example:
      archive-builder index
      archive-builder index --rebuild --include-internal
    """

    config = load_config(ctx.obj["root"])
    with StageProgress(enabled=not as_json) as progress:
        report = refresh_index(config, include_internal, rebuild, ocr=not no_ocr,
                               progress=lambda done, total: progress("index.progress", done, total))
    if as_json:
        click.echo(printable_json(report.to_dict(), indent=2))
        return
    _print_report(report)


def _print_report(report) -> None:
    """Notices, problems, then the counters."""
    if report.rebuilt is not None:
        click.echo(t("index.rebuilt_corrupt", detail=report.rebuilt), err=True)
    echo_problems(report.problems, err=False)
    if report.withheld:
        click.echo(tn("index.withheld", report.withheld, count=report.withheld))
    if report.needs_ocr:
        click.echo(tn("index.needs_ocr", report.needs_ocr, count=report.needs_ocr))
    click.echo(t("index.summary", extracted=report.extracted, indexed=report.indexed, added=report.added,
                 updated=report.updated, removed=report.removed, unchanged=report.unchanged))
