"""``archive-builder build``: the inspectors' offline site (and optionally its zip)."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import load_config
from ..i18n import t
from ..present import echo_problems, is_interactive
from ..site import build_site


@click.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the built site (default: site/ in the archive).")
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the site as a zip file for inspectors' laptops.")
@click.option("--strict", is_flag=True, help="Fail on any problem instead of listing it on the problems page.")
@click.option("--include-internal", is_flag=True, help="Publish documents classified 内部 (internal) too.")
@click.pass_context
def command(ctx: click.Context, output: Path | None, zip_path: Path | None, strict: bool,
            include_internal: bool) -> None:
    """Build the offline site: dashboard, pages per category, department, year, school and item.

    Files with problems are skipped and listed on the site's problems page; with --strict the
    build fails instead and the previous site stays as it was. Classified documents are never
    published.

    \b
    Example:
      archive-builder build
      archive-builder build --zip 迎检档案.zip
      archive-builder --root demo-county build --output /tmp/site --strict
    """
    config = load_config(ctx.obj["root"])
    with _Progress() as progress:
        result = build_site(config, output, zip_path=zip_path, strict=strict,
                            include_internal=include_internal, progress=progress)
    echo_problems(result.problems)
    click.echo(t("build.summary", output=str(result.output), documents=len(result.documents), pages=result.pages,
                 problems=len(result.problems), withheld=len(result.withheld), seconds=result.seconds))
    if result.zip_path is not None:
        click.echo(t("build.zip_written", zip=str(result.zip_path)))


class _Progress:
    """A rich progress bar on a terminal; nothing under CI or when output is not a terminal."""

    def __init__(self) -> None:
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> _Progress:
        if is_interactive():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            from ..present import console

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console(stderr=True), transient=True)
            self._bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(t(stage), total=total or None)
        self._bar.update(self._tasks[stage], completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
