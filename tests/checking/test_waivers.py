"""Waivers: checklists/waivers.yml validation, waived slots in the check, every report, and the CLI."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archive_builder.checking.check import run_check
from archive_builder.checking.checklist import ChecklistItem
from archive_builder.checking.results import COMPLETE, MISSING, PARTIAL, WAIVED
from archive_builder.checking.waivers import Waiver, load_waivers
from archive_builder.core.config import load_config
from archive_builder.core.errors import ConfigError
from archive_builder.core.model import Document, Inventory
from archive_builder.reports import render
from archive_builder.statistics.schools import School, SchoolRegistry

SCHOOLS = SchoolRegistry([
    School("城关一小", "S1", "小学"), School("东乡中学", "S2", "初中", boarding=True),
    School("西山教学点", "S3", "教学点"),
])
ITEMS = [
    ChecklistItem("plan", "均衡发展规划", "jiaoke", "guihua", (2014, 2015, 2016, 2017), keywords=("规划",)),
    ChecklistItem("dorm", "寄宿制学校十有", "jiaoke", "biaozhunhua", per_school=(("level", ("小学", "初中")),),
                  keywords=("十有",)),
    ChecklistItem("any", "不分年度的材料", "jiaoke", "guihua", keywords=("材料",)),
    ChecklistItem("ledger", "标准化建设台账", "jiaoke", "biaozhunhua", (2016, 2017), per_school=(),
                  keywords=("台账",)),
]


def doc(path: str, years=(2016,), **kw) -> Document:
    """A document as the scanner would give it."""
    return Document(path=path, abspath=Path(path), type="pdf", title=Path(path).stem, department="jiaoke",
                    category=kw.pop("category", "guihua"), years=list(years), sha256="0" * 64, size=1, **kw)


@pytest.fixture
def config(make_archive):
    return load_config(make_archive({}))


def write_waivers(config, text: str) -> Path:
    path = config.checklists_dir / "waivers.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- loading and validation ------------------------------------------------------------------------

def test_no_waiver_file_means_no_waivers(config):
    assert load_waivers(config, ITEMS, SCHOOLS) == []


def test_valid_waivers_load_with_years_schools_and_dates(config):
    write_waivers(config, """\
waivers:
  - item: plan
    year: 2015
    reason: 当年规划由市级统一编制
    approved_by: 县教科局 张三
    date: 2017-03-01
  - item: dorm
    school: 东乡中学
    reason: 该校2016年起停办寄宿
    approved_by: 县政府办
  - item: ledger
    schools: [S1]
    years: 2016-2017
    reason: 不寄宿
    approved_by: 李四
""")
    first, second, third = load_waivers(config, ITEMS, SCHOOLS)
    assert first == Waiver("plan", (2015,), None, "当年规划由市级统一编制", "县教科局 张三", "2017-03-01",
                           "checklists/waivers.yml", 2)
    assert second.schools == ("S2",) and second.years is None and second.line == 7
    assert third.schools == ("S1",) and third.years == (2016, 2017)


def test_waiver_without_reason_names_file_and_line(config):
    write_waivers(config, "waivers:\n  - item: plan\n    year: 2015\n    approved_by: 张三\n")
    with pytest.raises(ConfigError) as err:
        load_waivers(config, ITEMS, SCHOOLS)
    assert str(err.value.format_message()) == (
        "checklists/waivers.yml:2: waiver for 'plan' gives no reason. "
        "Write why the item does not apply ('reason: …').")


def test_empty_reason_is_an_error_too(config):
    write_waivers(config, "waivers:\n  - item: plan\n    year: 2015\n    reason: '  '\n    approved_by: 张三\n")
    with pytest.raises(ConfigError, match=r"waivers.yml:2: waiver for 'plan' gives no reason"):
        load_waivers(config, ITEMS, SCHOOLS)


def test_every_error_is_reported_at_once(config):
    write_waivers(config, """\
waivers:
  - item: plan
    year: 2013
    reason: 不适用
  - item: plann
    year: 2015
    reason: x
    approved_by: y
  - item: dorm
    school: 不存在的学校
    reason: x
    approved_by: y
  - item: dorm
    school: 西山教学点
    reason: x
    approved_by: y
  - item: plan
    reason: x
    approved_by: y
  - item: plan
    year: 2015
    reason: x
    approved_by: y
    approver: z
  - item: plan
    school: 城关一小
    reason: x
    approved_by: y
  - item: any
    year: 2016
    reason: x
    approved_by: y
  - item: plan
    year: 2016
    reason: x
    approved_by: y
    date: 明天
""")
    with pytest.raises(ConfigError) as err:
        load_waivers(config, ITEMS, SCHOOLS)
    lines = str(err.value.format_message()).splitlines()
    expected = [
        ":2: waiver for 'plan' does not say who approved it",
        ":2: waiver for 'plan': year 2013 is not among the item's years (2014-2017)",
        ":5: waiver for 'plann': no checklist has an item with this id. Closest ids: plan",
        ":9: waiver for 'dorm': school '不存在的学校' is not in the school registry",
        ":13: waiver for 'dorm': school '西山教学点' is not one of the schools this item applies to",
        ":17: waiver for 'plan' names neither a year nor a school",
        ":20: waiver for 'plan': unknown key 'approver'",
        ":25: waiver for 'plan': the item is not required per school",
        ":29: waiver for 'any': the item asks for evidence from any one year",
        ":33: waiver for 'plan': date '明天' is not a date",
    ]
    assert len(lines) == len(expected)
    for line, part in zip(lines, expected):
        assert line.startswith("checklists/waivers.yml:") and part in line, (line, part)


def test_bad_yaml_names_the_line(config):
    write_waivers(config, "waivers:\n  - item: plan\n   year: [2015\n")
    with pytest.raises(ConfigError, match=r"checklists/waivers.yml:\d+: the waiver file is not valid YAML"):
        load_waivers(config, ITEMS, SCHOOLS)


def test_checklist_loader_skips_the_waiver_file(config):
    from archive_builder.checking.checklist import load_checklists

    write_waivers(config, "waivers:\n  - item: plan\n    year: 2015\n    reason: x\n    approved_by: y\n")
    assert load_checklists(config) == []


# --- waived slots in the check ------------------------------------------------------------------------

def waiver(item: str, years=None, schools=None, reason="不适用", approved_by="县教科局", date=None) -> Waiver:
    return Waiver(item, years, schools, reason, approved_by, date, "checklists/waivers.yml", 3)


def check(config, docs, waivers, **kw):
    return run_check(config, Inventory(documents=docs), ITEMS[:3], SCHOOLS, waivers=waivers, **kw)


def by_id(result):
    return {r.item.id: r for r in result.items}


def test_waived_year_is_reported_apart_and_leaves_the_count(config):
    docs = [doc("a/2014规划.pdf", [2014]), doc("a/2016规划.pdf", [2016]), doc("a/2017规划.pdf", [2017])]
    plan = by_id(check(config, docs, [waiver("plan", years=(2015,))]))["plan"]
    assert plan.status == WAIVED and not plan.is_gap
    assert (plan.slots_total, plan.slots_filled) == (3, 3)
    assert [(w.slot.year, w.waiver.reason) for w in plan.waived] == [(2015, "不适用")]
    assert plan.missing_years == []


def test_waived_slots_are_never_counted_complete(config):
    result = check(config, [doc("a/2014规划.pdf", [2014]), doc("a/2016规划.pdf", [2016]),
                            doc("a/2017规划.pdf", [2017])], [waiver("plan", years=(2015,))])
    assert result.summary.waived == 1 and result.summary.complete == 0
    assert result.summary.slots_waived == 1


def test_other_gaps_keep_the_item_partial(config):
    plan = by_id(check(config, [doc("a/2014规划.pdf", [2014])], [waiver("plan", years=(2015,))]))["plan"]
    assert plan.status == PARTIAL and plan.missing_years == [2016, 2017]
    assert (plan.slots_total, plan.slots_filled) == (3, 1)


def test_filled_slot_is_not_waived(config):
    docs = [doc(f"a/{y}规划.pdf", [y]) for y in (2014, 2015, 2016, 2017)]
    plan = by_id(check(config, docs, [waiver("plan", years=(2015,))]))["plan"]
    assert plan.status == COMPLETE and plan.waived == []


def test_school_waiver_covers_that_school_only(config):
    docs = [doc("b/一小十有.pdf", school="S1", category="biaozhunhua")]
    result = check(config, docs, [waiver("dorm", schools=("S2",))])
    dorm = by_id(result)["dorm"]
    assert dorm.status == WAIVED
    assert [(w.slot.school, w.school_name) for w in dorm.waived] == [("S2", "东乡中学")]
    assert dorm.missing_schools == [] and (dorm.slots_total, dorm.slots_filled) == (1, 1)


def test_all_slots_waived_is_waived_not_complete(config):
    dorm = by_id(check(config, [], [waiver("dorm", schools=("S1", "S2"))]))["dorm"]
    assert dorm.status == WAIVED and dorm.slots_total == 0 and dorm.slots_filled == 0


def test_waived_items_do_not_fail_the_check_and_completeness_ignores_them(config):
    docs = [doc(f"a/{y}规划.pdf", [y]) for y in (2014, 2016, 2017)] + [doc("a/材料.pdf", [2016])]
    docs.append(doc("b/一小十有.pdf", school="S1", category="biaozhunhua"))
    result = check(config, docs, [waiver("plan", years=(2015,)), waiver("dorm", schools=("S2",))])
    assert not result.fails("partial")
    assert result.summary.completeness == 1.0
    assert check(config, docs, []).fails("missing") is False and check(config, docs, []).fails("partial")


def test_year_waiver_on_a_missing_item_with_year_filter(config):
    result = check(config, [], [waiver("plan", years=(2015,))], year=2015)
    assert by_id(result)["plan"].status == WAIVED
    assert by_id(check(config, [], [waiver("plan", years=(2015,))], year=2016))["plan"].status == MISSING


# --- reports ------------------------------------------------------------------------------------------

@pytest.fixture
def waived_result(config):
    docs = [doc(f"a/{y}规划.pdf", [y]) for y in (2014, 2016, 2017)]
    waivers = [waiver("plan", years=(2015,), reason="市级统一编制", approved_by="张三", date="2017-03-01")]
    return run_check(config, Inventory(documents=docs), ITEMS[:1], SCHOOLS, waivers=waivers), config


def test_json_reports_waived_slots_with_reason_and_approver(waived_result):
    result, config = waived_result
    data = json.loads(render(result, config, "json"))
    assert data["summary"]["waived"] == 1 and data["summary"]["complete"] == 0
    (plan,) = data["items"]
    assert plan["status"] == "waived"
    assert plan["waived"] == [{"year": 2015, "school": None, "school_id": None, "reason": "市级统一编制",
                               "approved_by": "张三", "date": "2017-03-01", "file": "checklists/waivers.yml",
                               "line": 3}]


def test_junit_waived_item_is_skipped_not_passed_or_failed(waived_result):
    result, config = waived_result
    root = ET.fromstring(render(result, config, "junit").encode("utf-8"))
    (case,) = root.findall("./testsuite/testcase")
    assert case.find("failure") is None
    skipped = case.find("skipped")
    assert skipped is not None and "市级统一编制" in skipped.get("message") and "张三" in skipped.get("message")
    assert root.get("failures") == "0" and root.get("skipped") == "1"
    assert root.find("testsuite").get("skipped") == "1"


def test_markdown_and_table_show_reason_and_approver(waived_result):
    result, config = waived_result
    markdown = render(result, config, "markdown")
    assert "| plan | 均衡发展规划 | 发展规划 | waived | - |" in markdown
    assert "2015: 市级统一编制 (approved by 张三, 2017-03-01)" in markdown
    assert "1 waived" in markdown
    table = render(result, config, "table")
    assert "市级统一编制" in table and "张三" in table


def test_xlsx_has_a_waived_column(waived_result):
    from openpyxl import load_workbook

    result, config = waived_result
    workbook = load_workbook(io.BytesIO(render(result, config, "xlsx")))
    sheet = workbook["县教科局"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("状态")] == "已豁免"
    assert row[header.index("豁免（理由；批准人）")] == "2015：市级统一编制（批准人：张三, 2017-03-01）"
    summary = workbook["汇总"]
    assert summary.cell(row=summary.max_row, column=7).value == 1


# --- through the CLI ----------------------------------------------------------------------------------

CHECKLIST = """\
items:
  - id: plan
    title: 均衡发展规划
    department: 教育局
    category: 发展规划
    years: 2014-2015
    match: {keywords: [规划]}
"""
FILES = {
    "checklists/main.yml": CHECKLIST,
    "content/县教科局/发展规划/2014年均衡发展规划.md": "# 2014年均衡发展规划\n",
}


def test_cli_waiver_without_reason_fails_naming_file_and_line(make_archive, run_cli):
    root = make_archive({**FILES, "checklists/waivers.yml": (
        "waivers:\n  - item: plan\n    year: 2015\n    approved_by: 张三\n")})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "checklists/waivers.yml:2: waiver for 'plan' gives no reason" in result.output


def test_cli_waiver_turns_a_failing_check_into_a_passing_one(make_archive, run_cli):
    root = make_archive(FILES)
    assert run_cli(root, "check", "--fail-on", "partial").exit_code == 4
    (root / "checklists/waivers.yml").write_text(
        "waivers:\n  - item: plan\n    year: 2015\n    reason: 2015年规划并入市级规划\n    approved_by: 县政府办\n",
        encoding="utf-8")
    result = run_cli(root, "check", "--format", "json", "--fail-on", "partial")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["items"][0]["status"] == "waived"
    assert data["items"][0]["waived"][0]["reason"] == "2015年规划并入市级规划"
    table = run_cli(root, "check", "--fail-on", "partial")
    assert table.exit_code == 0 and "1 waived" in table.output
    assert "县政府办" in table.output.replace("\n", "").replace("│", "").replace(" ", "")


def test_cli_junit_output_file_marks_the_waived_item_skipped(make_archive, run_cli, tmp_path):
    root = make_archive({**FILES, "checklists/waivers.yml": (
        "waivers:\n  - item: plan\n    year: 2015\n    reason: 并入市级规划\n    approved_by: 县政府办\n")})
    out = tmp_path / "junit.xml"
    result = run_cli(root, "check", "--format", "junit", "--output", str(out), "--fail-on", "partial")
    assert result.exit_code == 0
    assert "1 waived" in result.output
    case = ET.parse(out).getroot().find("./testsuite/testcase")
    assert case.find("skipped") is not None and case.find("failure") is None
