"""``archive-builder catalogue``: the 归档文件目录 with stable 档号."""

from __future__ import annotations

from pathlib import Path

import click

from archive_builder.archival.catalogue import CatalogueRow, write_csv, write_markdown, write_xlsx
from archive_builder.archival.numbers import RECORD_FILE, write_record
from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import echo_problems
from archive_builder.core.buildfs import refuse_overwriting_archive, unwritten_is_one_line, write_output
from archive_builder.core.config import ArchiveConfig, load_config
from archive_builder.core.errors import UsageError, message
from archive_builder.core.i18n import t
from archive_builder.pipeline import catalogue_archive


@click.command(cls=LocalizedCommand)
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv", "markdown"]), default="markdown",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (required for xlsx; default for others: print).")
@click.option("--no-record", is_flag=True, help=f"Do not update {RECORD_FILE} (numbers are then provisional).")
@click.option("--include-internal", is_flag=True,
              help="List the 文号, 责任者 and title of documents classified 内部 (internal) too.")
@click.pass_context
def command(ctx: click.Context, fmt: str, output: Path | None, no_record: bool, include_internal: bool) -> None:
    """Write the 归档文件目录 and record every document's 档号.

    Each document gets a stable code 全宗号-门类代码·年度-保管期限-机构代码-件号; the assignment is
    kept in archive_numbers.csv at the archive root, so adding documents never renumbers earlier ones.
    A classified document's row shows only its 档号 and 涉密; a 内部 one's likewise, unless
    --include-internal.

    \b
    Example:
      archive-builder catalogue --format xlsx --output 归档文件目录.xlsx
      archive-builder catalogue --format csv --output catalogue.csv
    """
    root = ctx.obj["root"]
    config = load_config(root)
    if output is not None:
        refuse_overwriting_archive(config, output)  # a report never lands on the archive's own files
    numbering, rows = catalogue_archive(config, include_internal)
    echo_problems(numbering.problems)
    _write(config, rows, fmt, output)
    if not no_record:
        with unwritten_is_one_line(root / RECORD_FILE):
            write_record(root, numbering)
        click.echo(t("archival.recorded", count=len(numbering.record), file=RECORD_FILE,
                     new=len(numbering.new)), err=True)
    ctx.exit(1 if any(p.severity == "error" for p in numbering.problems) else 0)


def _write(config: ArchiveConfig, rows: list[CatalogueRow], fmt: str, output: Path | None) -> None:
    if fmt == "xlsx":
        if output is None:
            raise UsageError(message("archival.xlsx_needs_output"))
        write_output(output, write_xlsx(config, rows))
    elif fmt == "csv":
        data = write_csv(rows)
        if output is None:
            click.echo(data.decode("utf-8-sig"), nl=False)
            return
        write_output(output, data)
    else:
        text = write_markdown(config, rows)
        if output is None:
            click.echo(text)
            return
        write_output(output, text.encode("utf-8"))
    click.echo(t("archival.written", file=str(output)), err=True)
