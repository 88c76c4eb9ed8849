"""The assessment as an Excel workbook (Chinese headers): criteria, items, the school table, the timeline.

Every cell goes through ``reports.cells.append_row``, so no title or file name opens as a formula.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from archive_builder.core.cells import append_row
from archive_builder.core.i18n import t, t_in, tn, using_language
from archive_builder.core.privacy import mask_text

if TYPE_CHECKING:
    from archive_builder.assessment.readiness import Readiness

#: Cell fills of the school table, by cell state (the site's shading).
FILLS = {"met": "C8E6C9", "not_met": "FFCDD2", "unknown": "FFF59D", "na": "EEEEEE"}
STATE_WORDS = {"met": "达标", "not_met": "未达标", "unknown": "无法判断", "na": "不适用"}


def readiness_workbook(readiness: Readiness) -> bytes:
    """The whole assessment as .xlsx bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    with using_language("zh"):
        _criteria(workbook.create_sheet("认定条件"), readiness)
        _items(workbook.create_sheet("县政府工作评分"), readiness)
        if readiness.table is not None:
            _schools(workbook.create_sheet("学校达标"), readiness)
        if readiness.timeline is not None:
            _timeline(workbook.create_sheet("时间节点"), readiness)
        _problems(workbook.create_sheet("问题"), readiness)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, names: list[str]) -> None:
    from openpyxl.styles import Font


    append_row(sheet, names)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _verdict(passed: bool | None) -> str:
    return t({True: "assess.pass", False: "assess.fail", None: "assess.unknown"}[passed])


def _criteria(sheet: Any, r: Readiness) -> None:

    _header(sheet, ["条件", "数值", "结论", "如何达到", "依据"])
    for c in r.criteria:
        append_row(sheet, [c.criterion.title, c.text, _verdict(c.passed), "；".join(c.hints), c.criterion.basis])
    append_row(sheet, [])
    append_row(sheet, [tn("assess.total", r.points, total=f"{r.total:g}", points=f"{r.points:g}",
                         mark=f"{r.profile.pass_mark:g}" if r.profile.pass_mark is not None else "-")])
    append_row(sheet, [r.verdict])
    append_row(sheet, [f"评分方案：{r.profile.file}（{r.profile.source}）", r.profile.note])


def _items(sheet: Any, r: Readiness) -> None:

    _header(sheet, ["方面", "序号", "评估项目", "规则", "分值", "得分", "得分依据", "材料", "如何提高", "依据",
                    "分值已核实", "评分方案行号"])
    for area in r.areas:
        for item in area.items:
            for number, rule in enumerate(item.rules, 1):
                documents = "；".join(e.shown_path for e in rule.evidence if not e.withheld)
                append_row(sheet, [area.area.title, item.item.number, item.item.title, f"{number}（{rule.rule.kind}）",
                                   rule.rule.points, round(rule.earned, 4), rule.text, documents,
                                   "；".join(rule.hints), rule.rule.basis or item.item.basis,
                                   "是" if item.item.verified else "否", rule.rule.line])
    append_row(sheet, ["合计", "", "", "", r.points, r.total])


def _schools(sheet: Any, r: Readiness) -> None:
    from openpyxl.styles import PatternFill


    table = r.table
    assert table is not None
    indicators = table.standard.indicators
    _header(sheet, ["学校", "学校代码", "学段", *[i.name for i in indicators], "达到标准", "本校得分", "台账"])
    for row in table.rows:
        cells = [row.cells[i.id] for i in indicators]
        append_row(sheet, [row.school.name, row.school.id, row.school.level,
                           *[_cell_text(c) for c in cells],
                           "是" if row.meets else "否", round(row.score, 2) if row.score is not None else None,
                           mask_text(row.ledger)[0] if row.ledger and row.ledger_visible else ""])
        for offset, cell in enumerate(cells, start=4):
            sheet.cell(sheet.max_row, offset).fill = PatternFill("solid", fgColor=FILLS[cell.state])
    append_row(sheet, ["达标学校比例", "", "", *[f"{s.met}/{s.judged}" for s in table.shares],
                       f"{len(table.meeting)}/{len(table.rows)}"])
    append_row(sheet, ["分值", "", "", *[s.indicator.points for s in table.shares]])
    append_row(sheet, ["得分", "", "", *[round(s.earned, 4) if s.earned is not None else None for s in table.shares],
                       round(table.score, 4) if table.score is not None else None])


def _timeline(sheet: Any, r: Readiness) -> None:

    status = r.timeline
    assert status is not None
    _header(sheet, ["阶段", "完成时限", f"截至 {status.as_of.isoformat()}", "依据"])
    for stage in status.timeline.stages:
        append_row(sheet, [stage.title, stage.due.isoformat(), "已过" if status.passed(stage) else "未到",
                           stage.basis])
    append_row(sheet, [])
    append_row(sheet, ["逾期未完成", "单位", "清单项", "阶段", "时限", "缺少"])
    departments = r.departments
    for entry in status.overdue:
        item = entry.result.item
        missing = "、".join([*map(str, entry.result.missing_years), *entry.result.missing_schools])
        append_row(sheet, ["", departments.get(item.department or "", item.department or ""), f"{item.id} {item.title}",
                           entry.stage.title, entry.stage.due.isoformat(), missing])
    append_row(sheet, [])
    append_row(sheet, ["成文日期晚于所服务阶段的材料", "成文日期", "阶段", "时限", "清单项"])
    for late in status.late:
        append_row(sheet, [late.path, late.date, late.stage.title, late.stage.due.isoformat(), "、".join(late.items)])


def _problems(sheet: Any, r: Readiness) -> None:

    _header(sheet, ["文件", "级别", "问题", "处理办法"])
    for p in r.problems:
        hint = t_in("zh", f"{p.code}.hint", **p.params)
        append_row(sheet, [p.shown_path, t_in("zh", f"severity.{p.severity}"), t_in("zh", p.code, **p.params),
                           "" if hint == f"{p.code}.hint" else hint])


def _cell_text(cell: Any) -> str:
    """达标 3.4 for a value judged against a threshold; the verdict cell as written otherwise."""
    if cell.value is not None:
        return f"{STATE_WORDS[cell.state]} {cell.shown}"
    return cell.shown or STATE_WORDS[cell.state]
