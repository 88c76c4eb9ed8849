"""``archive-builder verify``: has anything in a built site changed since the build?"""

from __future__ import annotations

from pathlib import Path

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.core.i18n import Verbatim, printable_json, t, tn
from archive_builder.site.manifest import VerifyReport, verify_site
from archive_builder.site.provenance import expected_fingerprint, load_public_key


@click.command(cls=LocalizedCommand)
@click.argument("site", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
@click.option("--fingerprint", "fingerprint", default=None, metavar="HEX|FILE",
              help="The manifest fingerprint recorded at build time, or the .fingerprint.txt file holding it.")
@click.option("--public-key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The bureau's Ed25519 public key: the manifest's signature (manifest.sig) must be valid.")
@click.pass_context
def command(ctx: click.Context, site: Path | None, as_json: bool, fingerprint: str | None,
            public_key: Path | None) -> None:
    """Check a built site folder or its zip against the manifest written at build time.

    SITE is the site folder or the zip (default: site/ in the archive folder).
    Exit status: 0 intact, 1 any file added, removed or altered (or no manifest).

    A site whose pages and manifest were both edited still matches itself: give the fingerprint
    recorded at build time (--fingerprint) or the bureau's public key (--public-key), and the
    manifest must be that one (exit status 1 otherwise).

    \b
    Example:
      archive-builder verify site
      archive-builder verify 示范县督导评估档案.zip
      archive-builder verify 迎检档案.zip --fingerprint 迎检档案.fingerprint.txt
      archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem
    """

    expected = expected_fingerprint(fingerprint) if fingerprint is not None else None
    key = load_public_key(public_key) if public_key is not None else None
    report = verify_site(site if site is not None else Path(ctx.obj["root"]) / "site",
                         expected_fingerprint=expected, public_key=key)
    if as_json:
        click.echo(printable_json(report.to_dict(), indent=2))
    else:
        _print_report(report)
    ctx.exit(0 if report.intact else 1)


def _print_report(report: VerifyReport) -> None:
    """One line per changed file, then a summary; then the fingerprint and the signature, when asked."""
    if report.files_intact:
        key = "verify.intact" if report.intact else "verify.files_match_only"
        click.echo(tn(key, report.checked, count=report.checked, built_at=report.built_at, version=report.version))
    else:
        _print_differences(report)
    if report.expected_fingerprint:
        key = "verify.fingerprint_ok" if report.fingerprint_ok else "verify.fingerprint_differs"
        click.echo(t(key, fingerprint=Verbatim(report.fingerprint or ""),
                     expected=Verbatim(report.expected_fingerprint or "")))
    if report.signature is not None:
        check = report.signature
        click.echo(t(f"verify.signature_{check.status}", key=Verbatim(check.key or ""),
                     signed_with=Verbatim(check.signed_with or "?")))


def _print_differences(report: VerifyReport) -> None:
    for kind in ("removed", "altered", "added"):
        for rel in getattr(report, kind):
            click.echo(t(f"verify.{kind}", path=rel))
    for rel, target in report.links:
        click.echo(t("verify.link", path=rel, target=target))
    for rel, why in report.unreadable:
        click.echo(t("verify.unreadable", path=rel, reason=why))
    for rel in report.special:
        click.echo(t("verify.not_regular", path=rel))
    for rel in report.duplicates:
        click.echo(t("verify.duplicate", path=rel))
    click.echo(t("verify.changed", added=len(report.added), removed=len(report.removed),
                 altered=len(report.altered)))
    if report.problems:
        click.echo(tn("verify.problems", report.problems, count=report.problems))
