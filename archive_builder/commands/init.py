"""``archive-builder init``: start a new county archive in one step."""

from __future__ import annotations

from pathlib import Path

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.scaffold import init_archive
from archive_builder.core.buildfs import unwritten_is_one_line
from archive_builder.core.i18n import counted, t


@click.command(cls=LocalizedCommand)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--county", required=True, help="The county's name, e.g. 示范县.")
@click.option("--years", default="2014-2017", show_default=True, help="Assessment years.")
def command(directory: Path, county: str, years: str) -> None:
    """Create a ready archive project in DIRECTORY.

    It makes a folder for every department and category, copies the shipped checklists,
    adds a school registry template, the archive's configuration, a Chinese guide for clerks
    (使用说明.md) and CI examples. An existing archive is never overwritten.

    \b
    Example:
      archive-builder init 测试县档案 --county 测试县
      archive-builder --root 测试县档案 --lang zh check
    """
    with unwritten_is_one_line(directory):  # a folder that cannot be written, a full disk: one line
        report = init_archive(directory, county, years)
    click.echo(t("init.done", root=str(directory), folders=counted("init.done.folders", report.folders),
                  files=counted("init.done.files", len(report.files))))
    click.echo(t("init.next", root=str(directory)))
