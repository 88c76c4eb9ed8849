"""The check as a workbook clerks can print (台账): a summary sheet and one sheet per department."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from archive_builder.checking.labels import (
    category_name,
    department_name,
    evidence_title,
    gap_text,
    items_of,
    judged_text,
    ordered_departments,
    problem_fix,
    problem_kind_name,
    problem_text,
    status_name,
    target_message,
    waived_lines,
)
from archive_builder.core.cells import append_row, sheet_name
from archive_builder.core.i18n import has, t_in

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig

ZH = "zh"  # the ledger is always in Chinese
TARGET_COLUMNS = (("department", 16), ("target", 40), ("year", 8), ("value", 20), ("status", 14), ("due", 24),
                  ("source", 30), ("basis", 50))
PROBLEM_COLUMNS = (("department", 16), ("path", 50), ("kind", 16), ("message", 60), ("fix", 60))
SUMMARY_COLUMNS = (("department", 24), ("items", 10), ("complete", 10), ("partial", 10), ("missing", 10),
                   ("completeness", 12), ("waived_items", 10), ("targets_not_met", 12), ("file_problems", 10))
#: No checklist id in the ledger: it is Chinese, and the item's title names it (ids stay in JSON and JUnit).
ITEM_COLUMNS = (("title", 40), ("category", 16), ("severity", 10), ("years", 14), ("status", 10),
                ("gap", 40), ("evidence", 60), ("matched", 12), ("basis", 40), ("waived", 50))


def render(result: CheckResult, config: ArchiveConfig) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.worksheets[0]  # a new workbook's only sheet (typed, unlike .active)
    _summary_sheet(summary, result, config)
    used = {summary.title}
    for dept_id in ordered_departments(config, result):
        items = items_of(result, dept_id)
        if items:
            name = sheet_name(department_name(config, dept_id, ZH), used)
            _department_sheet(workbook.create_sheet(name), items, config)
    if result.targets:
        _targets_sheet(workbook.create_sheet(sheet_name(t_in(ZH, "report.xlsx.targets_sheet"), used)), result, config)
    if result.file_problems:
        _problems_sheet(workbook.create_sheet(sheet_name(t_in(ZH, "report.xlsx.problems_sheet"), used)), result,
                        config)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, columns: tuple[tuple[str, int], ...]) -> None:
    """Bold Chinese header row, column widths, frozen header, printable on A4 landscape."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([_column_title(key) for key, _ in columns])
    for index, (_key, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"


def _column_title(key: str) -> str:
    """A column header in Chinese: the ledger's own words, else the report's column words."""

    return t_in(ZH, f"report.xlsx.{key}") if has(f"report.xlsx.{key}") else t_in(ZH, f"report.col.{key}")


def _summary_sheet(sheet: Any, result: CheckResult, config: ArchiveConfig) -> None:
    """汇总: one row per department, then the county total."""
    sheet.title = t_in(ZH, "report.xlsx.summary_sheet")
    _header(sheet, SUMMARY_COLUMNS)
    rows = [(department_name(config, d, ZH), result.by_department[d]) for d in ordered_departments(config, result)]
    rows.append((t_in(ZH, "report.xlsx.total"), result.summary))
    for name, totals in rows:
        append_row(sheet, [name, totals.items, totals.complete, totals.partial, totals.missing,
                           round(totals.completeness, 4), totals.waived, totals.targets_not_met + totals.targets_no_data,
                           totals.problems])
        sheet.cell(row=sheet.max_row, column=6).number_format = "0.0%"


def _department_sheet(sheet: Any, results: list[ItemResult], config: ArchiveConfig) -> None:
    """One department: its items, gaps first, with what is missing and the evidence found."""
    from openpyxl.styles import Alignment, PatternFill

    _header(sheet, ITEM_COLUMNS)
    gap_fill = PatternFill("solid", fgColor="FCE4D6")
    for r in results:
        item = r.item
        years = f"{item.years[0]}-{item.years[-1]}" if item.years else ""
        append_row(sheet, [
            item.title, category_name(config, item.category, ZH), t_in(ZH, f"report.severity.{item.severity}"),
            years, status_name(r.status, ZH), gap_text(r, lang=ZH),
            "\n".join(f"{ev.shown_path}（{evidence_title(ev, lang=ZH)}）" for ev in r.evidence),
            "、".join(sorted({t_in(ZH, f"report.matched.{ev.matched_by}") for ev in r.evidence})),
            item.basis, "\n".join(waived_lines(r, lang=ZH)),
        ])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r.is_gap:
                cell.fill = gap_fill


def _wrap_last_row(sheet: Any, highlight: bool) -> None:
    from openpyxl.styles import Alignment, PatternFill

    for cell in sheet[sheet.max_row]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if highlight:
            cell.fill = PatternFill("solid", fgColor="FCE4D6")


def _targets_sheet(sheet: Any, result: CheckResult, config: ArchiveConfig) -> None:
    """指标目标: every figure of every year, the judged ones first."""
    _header(sheet, TARGET_COLUMNS)
    for r in result.targets:
        append_row(sheet, [department_name(config, r.item.department, ZH), r.item.title, r.year,
                           target_message(r, ZH), status_name(r.status, ZH), judged_text(r, ZH),
                           f"content/{r.source}" if r.source else "", r.basis])
        _wrap_last_row(sheet, r.is_gap)


def _problems_sheet(sheet: Any, result: CheckResult, config: ArchiveConfig) -> None:
    """文件问题: what kept each file out, and the fix."""
    _header(sheet, PROBLEM_COLUMNS)
    for p in result.file_problems:
        append_row(sheet, [department_name(config, p.department, ZH), p.path, problem_kind_name(p.kind, ZH),
                           problem_text(p, config, ZH), problem_fix(p, ZH)])
        _wrap_last_row(sheet, True)
