"""The 归档文件目录: rows per class, written as CSV, Excel, Markdown or a site page per class.

On the site each class (年度 · 保管期限 · 机构) has one page, ``catalogue/<year>-<retention>-<org>.html``:
every published 件 links to its document page and every row carries the anchor ``#j<件号>``, so a
document page links back to its row. Classified documents stay 档号 and 涉密 only, without a link.
"""

from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from archive_builder.archival.numbers import RETENTION_NAMES, ArchiveClass, Numbering, parse_code
from archive_builder.core.cells import append_row, csv_row, sheet_name
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.i18n import printable, t
from archive_builder.core.model import Document
from archive_builder.core.privacy import mask_text
from archive_builder.core.sitepaths import doc_page
from archive_builder.review.policy import decide
from archive_builder.review.sanitize import escape_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

COLUMNS = ("序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注")
_WIDTHS = (6, 28, 22, 20, 50, 11, 7, 6, 18)


@dataclass
class CatalogueRow:
    """One 件 in the catalogue."""

    cls: ArchiveClass
    number: int  # 序号 within its class
    code: str
    doc_no: str
    author: str
    title: str
    date: str  # YYYYMMDD or empty
    classification: str
    pages: int | None
    note: str
    path: str
    page: str = ""  # tree path of its document page when the site publishes it, else ""

    def values(self) -> tuple[object, ...]:
        return (self.number, self.code, self.doc_no, self.author, self.title, self.date,
                self.classification, self.pages if self.pages else "", self.note)


def catalogue_rows(config: ArchiveConfig, documents: list[Document], numbering: Numbering,
                   include_internal: bool = False) -> list[CatalogueRow]:
    """Rows sorted by 档号; classified documents (and 内部 ones when not included) only as 档号 and 密级."""
    ordered = sorted(documents, key=lambda d: numbering.codes[d.path])
    rows = []
    for cls, docs in groupby(ordered, key=lambda d: numbering.classes[d.path]):
        for index, doc in enumerate(docs, start=1):
            rows.append(_row(config, doc, cls, index, numbering.codes[doc.path], include_internal))
    return rows


def _row(config: ArchiveConfig, doc: Document, cls: ArchiveClass, index: int, code: str,
         include_internal: bool) -> CatalogueRow:
    verdict = decide(doc)
    if verdict.status == "internal" and not include_internal:
        return CatalogueRow(
            cls=cls, number=index, code=code, doc_no="", author="", title=t("archival.internal_title"),
            date=(doc.date or "").replace("-", ""), classification=doc.classification,
            pages=doc.pages, note=t("archival.internal_note"), path="",
        )
    if verdict.classified:  # only its 档号 and 涉密: no 文号, 责任者, title or file name
        return CatalogueRow(
            cls=cls, number=index, code=code, doc_no="", author="", title=t("archival.withheld_title"),
            date=(doc.date or "").replace("-", ""), classification=t("policy.status.classified"),
            pages=doc.pages, note=t("archival.withheld_note"), path="",
        )
    if verdict.status == "held":  # not read, so not reviewed: it may be classified, so nothing but its 档号
        return CatalogueRow(
            cls=cls, number=index, code=code, doc_no="", author="", title=t("archival.held_title"),
            date=(doc.date or "").replace("-", ""), classification="", pages=doc.pages,
            note=t("policy.status.held"), path="",
        )
    author = mask_text(doc.author or config.department_by_id(doc.department).name)[0]
    note = t("archival.internal_note") if verdict.status == "internal" else ""
    return CatalogueRow(
        cls=cls, number=index, code=code, doc_no=mask_text(doc.doc_no or "")[0], author=author,
        title=mask_text(doc.title)[0], date=(doc.date or "").replace("-", ""), classification=doc.classification,
        pages=doc.pages, note=note, path=doc.path,
        page=_site_page(doc) if verdict.visible(include_internal) else "",
    )


def _site_page(doc: Document) -> str:
    """Tree path of the page the site gives a published document (the render stage names it)."""

    return doc_page(doc)


def write_csv(rows: list[CatalogueRow]) -> bytes:
    """One table, one header row with exactly the catalogue's column names; UTF-8 with BOM for Excel.

    Control characters of a title or 文号 (a file name's ESC, DEL, U+202E) are written escaped: the CSV is
    printed to the terminal as it is written to a file, and ``cat``-ed or ``head``-ed there later, where a raw
    escape sequence would move the cursor and rewrite lines. The workbook keeps the value itself.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_row(_printable_values(row)))
    return buffer.getvalue().encode("utf-8-sig")


def write_markdown(config: ArchiveConfig, rows: list[CatalogueRow]) -> str:
    """A Markdown section per class, for the terminal."""
    lines = [f"# {t('archival.cover_title')}", "", _fonds_line(config), ""]
    for cls, group in groupby(rows, key=lambda r: r.cls):
        lines += [f"## {cls.label}", "", class_table(config, cls, list(group)), ""]
    return "\n".join(lines)


def class_table(config: ArchiveConfig, cls: ArchiveClass, rows: list[CatalogueRow]) -> str:
    """One class's caption and its rows as a Markdown table, for the terminal."""
    lines = [_class_caption(config, cls), "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = [str(v).replace("|", "\\|") for v in _printable_values(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _printable_values(row: CatalogueRow) -> list[object]:
    """A row's values for a text table, every string's control characters escaped (numbers as they are)."""
    return [printable(value) if isinstance(value, str) else value for value in row.values()]


def catalogue_page(cls: ArchiveClass) -> str:
    """Tree path of a class's page on the site, e.g. ``catalogue/2016-y-jkj.md`` (ASCII)."""
    return f"catalogue/{cls.year}-{cls.retention}-{cls.org}.md".lower()


def row_anchor(code: str) -> str:
    """The id of a 件's row on its class page: ``j`` and its 件号, e.g. ``j0007``."""
    return "j" + code.rsplit("-", 1)[-1]


def catalogue_link(config: ArchiveConfig, from_page: str, code: str) -> dict[str, object] | None:
    """Where a page showing the 档号 ``code`` links to its row: the class (label, year, retention, org)
    and ``url``, relative to ``from_page``; None when the code is not in the standard form."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    cls = parsed[0]
    target = catalogue_page(cls)[:-3] + ".html"
    url = posixpath.relpath(target, posixpath.dirname(from_page) or ".") + "#" + row_anchor(code)
    year, retention, org = class_summary(config, cls)
    return {"label": cls.label, "year": year, "retention": retention, "org": org, "url": url}


def class_page(config: ArchiveConfig, cls: ArchiveClass, rows: list[CatalogueRow]) -> str:
    """A class's page body: the DA/T 22 heading, caption and table, each published 件's title a link."""
    page = catalogue_page(cls)
    head = "".join(f"<th>{escape_text(name)}</th>" for name in COLUMNS)
    body = "\n".join(_site_row(page, row) for row in rows)
    return (f'<p class="ab-catalogue-title">{escape_text(t("archival.cover_title"))}</p>\n'
            f'<p class="ab-catalogue-caption">{escape_text(_fonds_line(config))}　'
            f'{escape_text(_class_caption(config, cls))}</p>\n'
            f'<div class="ab-table"><table class="ab-catalogue">\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody>\n{body}\n</tbody>\n</table></div>\n')


def _site_row(page: str, row: CatalogueRow) -> str:
    """One row: every value inert text, the title a link to the document page when there is one."""
    cells = [f"<td>{escape_text(value)}</td>" for value in row.values()]
    if row.page:
        href = posixpath.relpath(row.page[:-3] + ".html", posixpath.dirname(page))
        cells[COLUMNS.index("题名")] = f'<td><a href="{href}">{escape_text(row.title)}</a></td>'
    return f'<tr id="{row_anchor(row.code)}">{"".join(cells)}</tr>'


def _fonds_line(config: ArchiveConfig) -> str:
    return f"全宗名称：{config.name}"


def by_class(rows: list[CatalogueRow]) -> list[tuple[ArchiveClass, list[CatalogueRow]]]:
    """Rows grouped by class, in 档号 order."""
    return [(cls, list(group)) for cls, group in groupby(rows, key=lambda r: r.cls)]


def class_summary(config: ArchiveConfig, cls: ArchiveClass) -> tuple[int, str, str]:
    """(年度, 保管期限, 机构) of a class in words."""
    org = next((d.name for d in config.departments if d.code == cls.org), cls.org)
    return cls.year, RETENTION_NAMES.get(cls.retention, cls.retention), org


def _class_caption(config: ArchiveConfig, cls: ArchiveClass) -> str:
    year, retention, org = class_summary(config, cls)
    return f"年度：{year}　保管期限：{retention}　机构：{org}"


def write_xlsx(config: ArchiveConfig, rows: list[CatalogueRow]) -> bytes:
    """A cover sheet and one sheet per class, A4 landscape, header row frozen and repeated (the workbook's
    bytes: the command writes them in one step, so a full disk leaves an earlier workbook whole)."""
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.worksheets[0]  # the one sheet a new workbook starts with
    cover.title = "封面"
    _write_cover(config, rows, cover)
    used = {cover.title}
    for cls, group in groupby(rows, key=lambda r: r.cls):
        sheet = workbook.create_sheet(sheet_name(f"{cls.year}-{cls.retention}-{cls.org}", used))
        sheet.append(COLUMNS)
        for row in group:
            append_row(sheet, row.values())
        _format_sheet(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_cover(config: ArchiveConfig, rows: list[CatalogueRow], sheet: Worksheet) -> None:
    from openpyxl.styles import Font

    sheet.append([t("archival.cover_title")])
    sheet["A1"].font = Font(size=16, bold=True)
    append_row(sheet, ["全宗名称", config.name])
    append_row(sheet, ["全宗号", config.fonds])
    sheet.append([])
    sheet.append(["年度", "保管期限", "机构", "件数", "起止档号"])
    for cls, group in groupby(rows, key=lambda r: r.cls):
        items = list(group)
        org = next((d.name for d in config.departments if d.code == cls.org), cls.org)
        append_row(sheet, [cls.year, RETENTION_NAMES.get(cls.retention, cls.retention), org, len(items),
                           f"{items[0].code} — {items[-1].code}"])
    for column, width in zip("ABCDE", (10, 40, 16, 8, 60)):
        sheet.column_dimensions[column].width = width
    _print_setup(sheet)


def _format_sheet(sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _print_setup(sheet)


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit = sheet.sheet_properties.pageSetUpPr
    if fit is None:  # openpyxl gives every new sheet one; the stubs allow none
        from openpyxl.worksheet.properties import PageSetupProperties

        fit = sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    fit.fitToPage = True
