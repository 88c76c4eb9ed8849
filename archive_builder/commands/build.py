"""``archive-builder build``: the inspectors' offline site (and optionally its zip)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import StageProgress, echo_problems
from archive_builder.core.config import load_config
from archive_builder.core.i18n import Verbatim, counted, t
from archive_builder.pipeline import build_site

if TYPE_CHECKING:
    from archive_builder.site.build import BuildResult


@click.command(cls=LocalizedCommand)
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the built site (default: site/ in the archive).")
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the site as a zip file for inspectors' laptops.")
@click.option("--strict", is_flag=True, help="Fail on any problem instead of listing it on the problems page.")
@click.option("--include-internal", is_flag=True, help="Publish documents classified 内部 (internal) too.")
@click.option("--no-ocr", is_flag=True, help="Do not run text recognition on scans without text (they are held back).")
@click.option("--sign-key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sign the manifest with this Ed25519 private key (from 'archive-builder keygen').")
@click.pass_context
def command(ctx: click.Context, output: Path | None, zip_path: Path | None, strict: bool,
            include_internal: bool, no_ocr: bool, sign_key: Path | None) -> None:
    """Build the offline site: dashboard, pages per category, department, year, school and item.

    Files with problems are skipped and listed on the site's problems page; with --strict the
    build fails instead and the previous site stays as it was. Classified documents are never
    published, nor are files whose text could not be read (held for review; scans are read by OCR
    unless --no-ocr).

    The build prints the manifest's fingerprint and, with --zip, writes it beside the zip; with
    --sign-key the bureau's key signs the manifest. 'archive-builder verify' checks both.

    \b
    Example:
      archive-builder build
      archive-builder build --zip 迎检档案.zip
      archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem
      archive-builder --root demo-county build --output /tmp/site --strict
    """
    config = load_config(ctx.obj["root"])
    with StageProgress() as progress:
        result = build_site(config, output, zip_path=zip_path, strict=strict,
                            include_internal=include_internal, progress=progress, ocr=not no_ocr,
                            sign_key=sign_key)
    echo_problems(result.problems)
    click.echo(build_summary(result))
    if result.zip_path is not None:
        click.echo(t("build.zip_written", zip=str(result.zip_path)))
    click.echo(t("build.fingerprint", fingerprint=Verbatim(result.fingerprint)))
    if result.fingerprint_path is not None:
        click.echo(t("build.fingerprint_written", path=str(result.fingerprint_path)))
    if result.signed_with:
        click.echo(t("build.signed", key=Verbatim(result.signed_with)))


def build_summary(result: BuildResult) -> str:
    """The line that ends a build (and each rebuild of ``serve``): what was built, in how long."""
    return t("build.summary", output=str(result.output),
             documents=counted("build.summary.documents", len(result.documents)), pages=counted("build.summary.pages", result.pages),
             problems=counted("build.summary.problems", len(result.problems)), withheld=len(result.withheld),
             seconds=result.seconds)
