"""``archive-builder verify``: has anything in a built site changed since the build?"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..clihelp import LocalizedCommand
from ..i18n import t
from ..manifest import VerifyReport, verify_site


@click.command(cls=LocalizedCommand)
@click.argument("site", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
@click.pass_context
def command(ctx: click.Context, site: Path | None, as_json: bool) -> None:
    """Check a built site folder or its zip against the manifest written at build time.

    SITE is the site folder or the zip (default: site/ in the archive folder).
    Exit status: 0 intact, 1 any file added, removed or altered (or no manifest).

    \b
    Example:
      archive-builder verify site
      archive-builder verify 示范县督导评估档案.zip
    """
    report = verify_site(site if site is not None else Path(ctx.obj["root"]) / "site")
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    ctx.exit(0 if report.intact else 1)


def _print_report(report: VerifyReport) -> None:
    """One line per changed file, then a summary."""
    if report.intact:
        click.echo(t("verify.intact", count=report.checked, built_at=report.built_at, version=report.version))
        return
    for kind in ("removed", "altered", "added"):
        for rel in getattr(report, kind):
            click.echo(t(f"verify.{kind}", path=rel))
    for rel, target in report.links:
        click.echo(t("verify.link", path=rel, target=target))
    for rel, why in report.unreadable:
        click.echo(t("verify.unreadable", path=rel, reason=why))
    for rel in report.special:
        click.echo(t("verify.not_regular", path=rel))
    click.echo(t("verify.changed", added=len(report.added), removed=len(report.removed),
                 altered=len(report.altered)))
    if report.problems:
        click.echo(t("verify.problems", count=report.problems))
