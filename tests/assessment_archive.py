"""A small archive for the assessment tests: two schools, their ledgers, statistics, a profile and a standard."""

from __future__ import annotations

import io
from pathlib import Path

CHECKLIST = """\
items:
  - id: plan
    title: 均衡发展规划
    department: 县教科局
    category: 发展规划
    years: 2016-2017
    match: {keywords: [规划]}
  - id: ledger
    title: 学校标准化建设台账
    department: 县教科局
    category: 学校标准化建设
    per_school: {level: [小学, 初中]}
    match: {keywords: [台账]}
  - id: budget
    title: 经费预算
    department: 县财政局
    category: 保障机制
    years: 2017
    match: {keywords: [预算]}
"""
SCHOOLS = "学校名称,学校代码,学段\n甲小学,S1,小学\n乙初中,S2,初中\n"
STATS_HEADER = ("年度,学校,学段,学生数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,计算机台数,图书册数,"
                "专任教师数,高于规定学历教师数,中级及以上专业技术职务教师数")
STATS = "\n".join([
    STATS_HEADER,
    "2016,甲小学,小学,380,1800,3000,850000,38,7600,28,19,14",
    "2016,乙初中,初中,480,2800,5200,1200000,58,14000,38,24,19",
    "2017,甲小学,小学,400,2000,3200,900000,40,8000,30,20,15",
    "2017,乙初中,初中,500,3000,5500,1300000,60,15000,40,25,20",
]) + "\n"
SATISFACTION = "年度,调查人数,满意人数\n2016,100,88\n2017,100,90\n"
PROFILE = """\
id: mini
title: 测试评分方案
indicators: basic-2012
standard: mini-standard
pass_mark: 15
total: 20
criteria:
  - {id: standard, title: 学校达标, figure: {name: standard_score, at_least: 40}}
  - {id: satisfaction, title: 满意度, figure: {name: satisfaction, at_least: 0.85}}
  - {id: work, title: 工作得分, score: {at_least: 15}}
areas:
  - id: area
    title: 测试方面
    items:
      - id: plan-item
        number: 1
        title: 规划
        rules:
          - {points: 6, evidence: [plan]}
      - id: sat-item
        number: 2
        title: 满意度
        rules:
          - {points: 4, figure: {name: satisfaction, at_least: 0.85}}
      - id: std-item
        number: 3
        title: 标准化
        rules:
          - {points: 10, share: {}}
"""
STANDARD = """\
id: mini-standard
title: 测试办学标准
schools: {level: [小学, 初中]}
ledger: {item: ledger}
indicators:
  - {id: rooms, name: 生均教学及辅助用房, points: 60, ledger_row: {aspect: 校舍建设, label: [教学及辅助用房]},
     at_least: {小学: 4.5, 初中: 6.5}}
  - {id: books, name: 生均图书, points: 40, ledger_row: {aspect: 装备配置, label: [图书]}}
"""
TIMELINE = """\
year: 2017
as_of: 2017-07-01
stages:
  - {id: self, title: 县级自查, due: 2017-03-31}
  - {id: province, title: 省级评估, due: 2017-06-30}
default_stage: province
items:
  plan: self
"""
LEDGER_HEADER = ["建设项目", "指标", "2016年", "2017年", "达标情况"]


def ledger_xlsx(rows: list[list[object]], title: str = "标准化建设台账") -> bytes:
    """A ledger workbook: a title row, the header, the rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([title])
    sheet.append(LEDGER_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LEDGER_A = [["校舍建设", "生均教学及辅助用房(㎡)", 4.8, 5.0, "达标"], ["装备配置", "生均图书(册)", 20, 22, "达标"]]
# The file name says 达标; the cells say otherwise for 图书, and 6.0 misses the 初中 threshold of 6.5.
LEDGER_B = [["校舍建设", "生均教学及辅助用房(㎡)", 5.5, 6.0, "达标"], ["装备配置", "生均图书(册)", 20, 25, "未达标"]]
LEDGER_B_PATH = "content/县教科局/学校标准化建设/乙初中/乙初中台账（全部达标）.xlsx"


def files() -> dict[str, str | bytes]:
    """Every file of the archive, by path relative to its root."""
    return {
        "site_config/archive.yml": "years: 2016-2017\n",
        "checklists/main.yml": CHECKLIST,
        "checklists/assessment/mini.yml": PROFILE,
        "checklists/assessment/mini-standard.yml": STANDARD,
        "content/data/schools.csv": SCHOOLS,
        "content/data/school_stats.csv": STATS,
        "content/data/satisfaction.csv": SATISFACTION,
        "content/县教科局/发展规划/2016年均衡发展规划.md": "---\n日期: 2016-03-01\n---\n# 2016年均衡发展规划\n",
        "content/县教科局/发展规划/2017年均衡发展规划.md": "---\n日期: 2017-05-01\n---\n# 2017年均衡发展规划\n",
        "content/县教科局/学校标准化建设/甲小学/甲小学标准化建设台账.xlsx": ledger_xlsx(LEDGER_A),
        "content/县教科局/学校标准化建设/甲小学/_meta.yml": "学校: 甲小学\n年度: 2017\n",
        LEDGER_B_PATH: ledger_xlsx(LEDGER_B, "乙初中"),
        LEDGER_B_PATH + ".yml": "学校: 乙初中\n年度: 2017\n清单: [ledger]\n",
    }


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
