"""Data table pages: a page per table under content/data (masked cells), its original copied when it may be."""

from __future__ import annotations

import posixpath
from typing import Any

from archive_builder.core.i18n import has, t_in
from archive_builder.core.model import Problem, SourceTable
from archive_builder.core.sitepaths import original_path, rel, short_hash
from archive_builder.core.textio import decode_bytes
from archive_builder.inventory.readers.cells import masked_figures
from archive_builder.review.policy import hidden_numbers, scripted
from archive_builder.site.bodies import SITE_LANG, csv_rows, mask, sheet_html, table_html, workbook_sheets
from archive_builder.site.originals import download_name, human_size, text_copy
from archive_builder.site.templates import NO_TOC, markup, render_template
from archive_builder.site.tree_state import Site


def table_page(table: SourceTable) -> str:
    """Tree path of a source table's page, e.g. ``data/1a2b3c4d5e.md``."""
    return f"data/{short_hash(table.path)}.md"


def write_tables(site: Site, tables: list[SourceTable]) -> dict[str, Any]:
    """A page per table under content/data (masked cells) with its original copied."""
    label = t_in(SITE_LANG, "site.nav.data")
    links = []
    for table in tables:
        page = table_page(table)
        try:
            body = _source_table_html(table)
            target = _place_table(site, table)
        except Exception as exc:  # a bad table must not stop the build
            site.result.problems.append(Problem(table.path, "warning", "render.convert_failed",
                                                {"detail": str(exc)[:200]}))
            body, target = "", None
        body, masked = mask(body)
        title = table_title(table)
        download = download_name(f"{title}.{table.type}")
        site.tree.write(page, render_template(
            "table.md.j2", title=title, path=table.path, body=markup(site.tree.body(body)),
            masked=masked, hide=NO_TOC, download=download,
            original=rel(page, target) if target else None,
            original_label=t_in(SITE_LANG, "site.original_file", name=download, size=human_size(table.size)),
        ))
        links.append({"url": rel("data/index.md", page), "title": title, "count": None, "status": None})
    site.tree.write("data/index.md", render_template("section.md.j2", title=label, links=links, hide=NO_TOC))
    return {label: ["data/index.md"]}


def table_title(table: SourceTable) -> str:
    """A data table's name on the site: the Chinese name of a table the tool knows, else its file's name."""
    key = f"site.table.{posixpath.splitext(posixpath.basename(table.path))[0]}"
    return t_in(SITE_LANG, key) if has(key) else mask(table.title)[0]


def _place_table(site: Site, table: SourceTable) -> str | None:
    """A table's original in the site: CSV masked, workbooks only when they hold no personal number."""
    target = original_path("data", table.sha256, table.type)
    if table.type == "csv":

        text, _ = decode_bytes(table.abspath.read_bytes())
        site.tree.write(target, text_copy(text, "csv"))
        return target
    cells = "\n".join("\t".join(map(str, row)) for _, rows in workbook_sheets(table.abspath, table.type, None)
                      for row in rows)
    if mask(cells)[1] or masked_figures(cells) or hidden_numbers(table.abspath) or scripted(table.abspath, "sheet"):
        return None  # a number in a cell, a sheet name or the workbook's properties, or a live formula, keeps it out
    site.tree.copy(table.abspath, target, table.size)
    return target


def _source_table_html(table: SourceTable) -> str:
    if table.type == "csv":

        text, _ = decode_bytes(table.abspath.read_bytes())
        return table_html(csv_rows(text))
    return "".join(sheet_html(name, rows) for name, rows in workbook_sheets(table.abspath, table.type))
