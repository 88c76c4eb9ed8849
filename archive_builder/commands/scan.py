"""``archive-builder scan``: the inventory of content/ and every problem found."""

from __future__ import annotations

from typing import Any

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import echo_problems
from archive_builder.core.config import load_config
from archive_builder.core.i18n import counted, printable_json, t, tn
from archive_builder.core.model import Document, Inventory
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide, shown_path


@click.command(cls=LocalizedCommand)
@click.option("--json", "as_json", is_flag=True, help="Print the inventory as JSON.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-ocr", is_flag=True, help="Do not run text recognition on scans without text (they are held back).")
@click.pass_context
def command(ctx: click.Context, as_json: bool, strict: bool, no_ocr: bool) -> None:
    """List every document under content/ and every problem with a file.

    Scans without a text layer are read by text recognition (OCR) unless --no-ocr. A file whose text
    cannot be read is held for review: listed here with the fix, never published.

    Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict).

    \b
    Example:
      archive-builder scan
      archive-builder --root 示范县档案 scan --json > inventory.json
    """
    config = load_config(ctx.obj["root"])
    inventory = load_inventory(config, ocr=not no_ocr)
    if as_json:
        click.echo(printable_json(inventory_report(inventory), indent=2))
    else:
        _print_summary(inventory)
    failed = inventory.errors or (strict and inventory.warnings)
    ctx.exit(1 if failed else 0)


def _print_summary(inventory: Inventory) -> None:
    echo_problems(inventory.problems, err=False)
    for doc in inventory.documents:
        verdict = decide(doc)
        if verdict.classified:
            click.echo(t("scan.withheld", path=shown_path(doc), reason=t(verdict.reason, **verdict.params)))
        elif verdict.status == "internal":
            click.echo(t("scan.internal", path=shown_path(doc)))
        if doc.personal_numbers:
            click.echo(tn("scan.personal_numbers", doc.personal_numbers, path=shown_path(doc), count=doc.personal_numbers))
        if doc.needs_ocr:
            click.echo(t("scan.needs_ocr", path=shown_path(doc)))
    click.echo(t("scan.summary", documents=counted("scan.summary.documents", len(inventory.documents)),
                 tables=counted("scan.summary.tables", len(inventory.tables)),
                 errors=counted("scan.summary.errors", len(inventory.errors)),
                 warnings=counted("scan.summary.warnings", len(inventory.warnings))))


def _withheld(doc: Document, label: str = "涉密") -> dict[str, Any]:
    """A classified (or 内部) document as a report names it: where it is filed and its short reference, no
    title, 文号, 责任者 or file name."""
    return {"path": shown_path(doc), "title": label, "department": doc.department, "category": doc.category,
            "years": doc.years, "type": doc.type, "sha256": doc.sha256, "size": doc.size, "classification": label}


def inventory_report(inventory: Inventory) -> dict[str, Any]:
    """The inventory as ``scan --json`` prints it: personal numbers masked, held documents with their fix."""
    verdicts = [(d, decide(d)) for d in inventory.documents]
    return {
        "documents": [_withheld(d) if v.classified else _withheld(d, "内部") if v.status == "internal" else d.to_dict()
                      for d, v in verdicts],
        "withheld": [{"path": shown_path(d), "reason": d.withheld_reason or t(v.reason, **v.params)}
                     for d, v in verdicts if v.classified],
        "held": [
            {"path": d.to_dict()["path"], "reason": t(v.reason, **v.params), "fix": t(v.reason + ".hint", **v.params)}
            for d, v in verdicts if v.held
        ],
        "tables": [tb.to_dict() for tb in inventory.tables],
        "problems": [p.to_dict() for p in inventory.problems],
    }
