"""The indicators as a workbook (``indicators --output FILE.xlsx``): one sheet per section, Chinese headers.

Every cell goes through the one cell writer (core/cells), so a text that starts like a formula stays text.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from archive_builder.core.cells import append_row
from archive_builder.core.i18n import t, t_in

if TYPE_CHECKING:
    from archive_builder.statistics.stats import IndicatorReport


_SHEETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("差异系数", ("年度", "学段", "指标", "全县值X̄", "标准差S", "差异系数", "标准", "是否达标", "学校数", "学生数",
                 "数据缺口", "未计入的学校")),
    ("拉大差距的学校", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "占方差比例")),
    ("各校指标值", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "加权离差平方")),
    ("班额", ("年度", "学校", "学校代码", "班级数", "大班额(56-65人)", "超大班额(66人及以上)", "大班额占比",
              "超大班额占比", "最大班额")),
    ("教师交流", ("年度", "应交流教师数", "实际交流教师数", "其中骨干及中高级教师数", "交流比例", "交流达标(≥10%)",
                  "骨干及中高级占比", "骨干达标(≥20%)")),
    ("巩固率", ("年度", "学段", "毕业人数", "入学时人数", "转入人数", "转出人数", "巩固率", "是否达标(≥98.8%)")),
    ("满意度", ("年度", "调查人数", "满意人数", "满意度", "是否达标(≥85%)")),
    ("不足{size}人学校", ("年度", "学校", "学校代码", "学段", "学生数", "生均公用经费基准定额(元)", "按实际人数(元)",
                          "按{size}人核定(元)", "应补足(元)", "定额依据")),
    ("问题", ("文件", "级别", "问题", "处理办法")),
)


def _verdict(value: bool | None, judged: bool = True, complete: bool = True) -> str:
    if not complete:
        return "数据不全，不评判"
    if not judged:
        return "不单独评判"
    return {True: "达标", False: "未达标", None: "无数据"}[value]


def funding_note(report: IndicatorReport, lang: str | None = None) -> list[str]:
    """The funding rules the small-school figures use, one sentence each, with their sources."""
    funding = report.funding or {}
    small = funding.get("small_school", {})
    render = (lambda key, **kw: t_in(lang, key, **kw)) if lang else t
    lines = [render("indicators.benchmark_note", years=_span(b["years"]), primary=_yuan(b["per_pupil_yuan"]["小学"]),
                    junior=_yuan(b["per_pupil_yuan"]["初中"]), source=b["source"], region=funding.get("region", ""))
             for b in funding.get("benchmark", [])]
    if small:
        lines.append(render("indicators.small_school_note", size=small["size"], source=small["source"]))
    lines += [render("indicators.transfer_floor_note", years=_span(f["years"]), primary=_yuan(f["per_pupil_yuan"]["小学"]),
                     junior=_yuan(f["per_pupil_yuan"]["初中"]), source=f["source"])
              for f in funding.get("transfer_floor", [])]
    return lines


def _span(years: list[int]) -> str:
    return f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0]) if years else "-"


def _yuan(value: float) -> str:
    return f"{value:g}"


def _sheet_rows(report: IndicatorReport) -> list[list[list[Any]]]:
    """The rows of each sheet of _SHEETS, in order (full precision; the workbook formats them)."""
    county = "全县"
    return [
        [[r.year, r.level, r.indicator, r.mean, r.std, r.cv, r.threshold,
          _verdict(r.passed, judged=r.threshold is not None or r.cv is None, complete=r.complete), r.schools,
          r.students, len(r.gaps), "、".join(r.left_out)]
         for r in report.balance],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.share]
         for v in report.contributors()],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.term]
         for v in report.school_values],
        [[r.year, r.school or county, r.school_id, r.classes, r.large, r.very_large, r.large_share,
          r.very_large_share, r.max_size] for r in [*report.class_sizes, *report.class_size_totals]],
        [[r.year, r.eligible, r.exchanged, r.backbone, r.rate, _verdict(r.rate_pass, complete=r.complete),
          r.backbone_share, _verdict(r.backbone_pass, complete=r.complete)] for r in report.exchange],
        [[r.year, r.level, r.graduates, r.intake, r.transfers_in, r.transfers_out, r.rate,
          _verdict(r.passed, complete=r.complete)] for r in report.consolidation],
        [[r.year, r.respondents, r.satisfied, r.rate, _verdict(r.passed, complete=r.complete)]
         for r in report.satisfaction],
        [[r.year, r.school, r.school_id, r.levels, r.students, r.rate, r.funding_actual, r.funding_floor,
          r.owed, r.source] for r in report.small_schools]
        + [[line] for line in funding_note(report, "zh")],
        [[p.shown_path, t_in("zh", f"severity.{p.severity}"), t_in("zh", p.code, **p.params),
          t_in("zh", f"{p.code}.hint", **p.params)] for p in report.problems],
    ]


def report_workbook(report: IndicatorReport) -> bytes:
    """The whole report as .xlsx bytes, one sheet per section with Chinese headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font


    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    size = (report.funding.get("small_school") or {}).get("size", 100)
    for (title, header), rows in zip(_SHEETS, _sheet_rows(report)):
        sheet = workbook.create_sheet(title.format(size=size))
        sheet.append([h.format(size=size) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_row(sheet, row)
            for cell in sheet[sheet.max_row]:  # full precision kept; shown with a sensible number of digits
                if isinstance(cell.value, float):
                    cell.number_format = "0.0000" if abs(cell.value) < 10 else "#,##0.00"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
