"""Every report format: JSON shape, JUnit XML, Markdown, the workbook, the terminal table."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archive_builder.checking.check import run_check
from archive_builder.checking.checklist import ChecklistItem
from archive_builder.core.config import load_config
from archive_builder.core.model import Document, Inventory
from archive_builder.reports import render
from archive_builder.statistics.schools import School, SchoolRegistry


def doc(path: str, dept: str, cat: str, years, **kw) -> Document:
    return Document(path=path, abspath=Path(path), type="pdf", title=Path(path).stem, department=dept,
                    category=cat, years=list(years), sha256="0" * 64, size=1, **kw)


@pytest.fixture
def setup(make_archive):
    config = load_config(make_archive({}))
    items = [
        ChecklistItem("plan", "均衡发展规划", "jiaoke", "guihua", (2014, 2015), keywords=("规划",), basis="附件2"),
        ChecklistItem("fund", "经费保障", "caizheng", "baozhang", (2016,), keywords=("经费",)),
        ChecklistItem("charter", "学校章程", "jiaoke", "guifan", keywords=("章程",), per_school=()),
        ChecklistItem("roster", "残疾儿童名册", "canlian", None, keywords=("名册",), severity="recommended"),
    ]
    schools = SchoolRegistry([School("一小", "S1", "小学"), School("二中", "S2", "初中")])
    docs = [doc("a/2014规划.pdf", "jiaoke", "guihua", [2014]), doc("c/一小章程.pdf", "jiaoke", "guifan", [], school="S1"),
            doc("d/名册.pdf", "canlian", "zhiliang", [2015], classification="机密")]
    result = run_check(config, Inventory(documents=docs), items, schools)
    return result, config


def test_json_shape(setup):
    result, config = setup
    data = json.loads(render(result, config, "json"))
    assert data["summary"] == {"items": 4, "complete": 1, "partial": 2, "missing": 1, "waived": 0,
                               "completeness": round(2 / 5, 4), "assessment_year": 2017,
                               "targets": {"met": 0, "not_met": 0, "no_data": 0, "trend": 0},
                               "problems": 0, "held": 0}
    by_id = {i["id"]: i for i in data["items"]}
    required = {"id", "title", "department", "category", "severity", "status", "missing_years",
                "missing_schools", "evidence"}
    assert all(required <= set(i) for i in data["items"])
    assert by_id["plan"]["status"] == "partial" and by_id["plan"]["missing_years"] == [2015]
    assert by_id["charter"]["missing_schools"] == ["二中"]
    assert by_id["fund"]["status"] == "missing" and by_id["fund"]["department"] == "caizheng"
    assert by_id["plan"]["evidence"] == [{"path": "a/2014规划.pdf", "title": "2014规划", "matched_by": "keyword",
                                          "withheld": False, "internal": False, "years": [2014], "school": None}]
    roster_ev = by_id["roster"]["evidence"][0]
    assert roster_ev["withheld"] is True and roster_ev["title"] == ""
    assert data["matrix"]["jiaoke"]["guihua"]["partial"] == 1
    assert data["problems"] == []


def test_junit_one_case_per_item_failures_for_gaps(setup):
    result, config = setup
    root = ET.fromstring(render(result, config, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 4 == int(root.get("tests"))
    failed = {c.get("name").split()[0] for c in cases if c.find("failure") is not None}
    assert failed == {"plan", "fund", "charter"}
    assert int(root.get("failures")) == 3
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    plan = next(c for c in cases if c.get("name").startswith("plan "))
    assert "2015" in plan.find("failure").get("message")
    assert plan.get("classname") == "evidence.jiaoke"


def test_junit_hides_withheld_titles(setup):
    result, config = setup
    assert "名册.pdf (名册" not in render(result, config, "junit")


def test_markdown_report(setup):
    result, config = setup
    text = render(result, config, "markdown")
    assert text.startswith("# Archive completeness check")
    assert "## 县教科局" in text and "## 县财政局" in text
    assert "| plan | 均衡发展规划 | 发展规划 | partial | missing years: 2015 |" in text
    assert "missing for 1 school: 二中" in text


def test_xlsx_workbook(setup):
    from openpyxl import load_workbook

    result, config = setup
    workbook = load_workbook(io.BytesIO(render(result, config, "xlsx")))
    assert workbook.sheetnames == ["汇总", "县教科局", "县财政局", "县残联"]
    summary = workbook["汇总"]
    assert [c.value for c in summary[1]] == ["单位", "条目数", "完整", "部分缺失", "缺失", "齐全率", "已豁免",
                                             "未达标指标", "文件问题"]
    assert summary.freeze_panes == "A2"
    assert summary.cell(row=summary.max_row, column=1).value == "合计"
    assert summary.cell(row=summary.max_row, column=2).value == 4
    sheet = workbook["县教科局"]
    # a Chinese ledger: no checklist id, the title names the item
    assert [c.value for c in sheet[1]][:6] == ["条目名称", "类别", "要求", "年度", "状态", "缺少内容"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 40
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert not {"plan", "charter"} & {cell for row in rows.values() for cell in row}
    assert rows["均衡发展规划"][4] == "部分缺失" and "2015" in rows["均衡发展规划"][5]
    assert rows["学校章程"][5] == "缺少 1 所学校：二中"
    assert "（涉密，不公开）" in workbook["县残联"].cell(row=2, column=7).value


def test_table_report_groups_by_department(setup):
    result, config = setup
    text = render(result, config, "table")
    assert text.index("县教科局") < text.index("县财政局") < text.index("县残联")
    assert "Evidence: 4 items, 1 complete, 2 partial, 1 missing; 40.0% of required evidence in place." in text


def test_unknown_format_is_refused(setup):
    result, config = setup
    with pytest.raises(ValueError):
        render(result, config, "pdf")
