"""``archive-builder check`` end to end: formats, output files, exit codes, config errors."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

CHECKLIST = """\
items:
  - id: plan
    title: 均衡发展规划
    department: 教育局
    category: 发展规划
    years: 2014-2015
    match: {keywords: [规划]}
  - id: fund
    title: 经费保障文件
    department: 财政局
    category: 保障机制
    years: 2016
    match: {keywords: [经费]}
  - id: charter
    title: 学校章程
    department: 教育局
    category: 规范办学行为
    per_school: {level: [小学, 初中]}
    match: {keywords: [章程]}
  - id: extra
    title: 建议材料
    severity: recommended
    match: {keywords: [不存在的材料]}
"""
SCHOOLS = "学校名称,学校代码,学段,寄宿\n一小,S1,小学,否\n二中,S2,初中,是\n"
FILES = {
    "checklists/main.yml": CHECKLIST,
    "content/data/schools.csv": SCHOOLS,
    "content/县教科局/发展规划/2014年均衡发展规划.md": "# 2014年均衡发展规划\n",
    "content/县教科局/发展规划/2015年工作规划.md": "# 2015年工作规划\n",
    "content/县财政局/保障机制/2016年教育经费保障.md": "# 2016年教育经费保障\n",
    "content/县教科局/规范办学行为/一小章程.md": "---\nschool: 一小\nyear: 2017\n---\n# 一小章程\n",
    "content/县教科局/规范办学行为/二中章程.md": "---\nschool: S2\nyear: 2017\n---\n# 二中章程\n",
}


@pytest.fixture
def archive(make_archive):
    return make_archive(FILES)


def run_json(run_cli, root, *args):
    result = run_cli(root, "check", "--format", "json", *args)
    return result, json.loads(result.stdout)


def test_all_required_complete_exits_0(run_cli, archive):
    result, data = run_json(run_cli, archive)
    assert result.exit_code == 0
    statuses = {i["id"]: i["status"] for i in data["items"]}
    assert statuses == {"plan": "complete", "fund": "complete", "charter": "complete", "extra": "missing"}
    assert data["summary"]["completeness"] == 1.0


def test_missing_required_item_exits_3(run_cli, archive):
    (archive / "content/县财政局/保障机制/2016年教育经费保障.md").unlink()
    result, data = run_json(run_cli, archive)
    assert result.exit_code == 3
    assert "Failed (exit 3)" in result.stderr
    assert {i["id"]: i["status"] for i in data["items"]}["fund"] == "missing"
    assert run_cli(archive, "check", "--format", "json", "--fail-on", "never").exit_code == 0


def test_partial_fails_only_with_fail_on_partial(run_cli, archive):
    (archive / "content/县教科局/规范办学行为/二中章程.md").unlink()
    result, data = run_json(run_cli, archive)
    charter = next(i for i in data["items"] if i["id"] == "charter")
    assert charter["status"] == "partial" and charter["missing_schools"] == ["二中"]
    assert result.exit_code == 0
    assert run_cli(archive, "check", "--format", "json", "--fail-on", "partial").exit_code == 4


def test_moving_one_evidence_file_out_flips_exactly_its_items(run_cli, archive, tmp_path):
    _, before = run_json(run_cli, archive)
    shutil.move(archive / "content/县教科局/发展规划/2015年工作规划.md", tmp_path / "moved.md")
    _, after = run_json(run_cli, archive)
    status_before = {i["id"]: i["status"] for i in before["items"]}
    status_after = {i["id"]: i["status"] for i in after["items"]}
    changed = {key for key in status_before if status_before[key] != status_after[key]}
    assert changed == {"plan"}
    plan = next(i for i in after["items"] if i["id"] == "plan")
    assert plan["status"] == "partial" and plan["missing_years"] == [2015]


def test_explicit_and_keyword_matches_are_named(run_cli, make_archive):
    files = dict(FILES)
    files["content/县教科局/发展规划/2015年工作规划.md"] = "---\nchecklist: [plan]\ntitle: 2015年工作安排\n---\n"
    _, data = run_json(run_cli, make_archive(files))
    plan = next(i for i in data["items"] if i["id"] == "plan")
    assert {e["path"].rsplit("/", 1)[-1]: e["matched_by"] for e in plan["evidence"]} == {
        "2015年工作规划.md": "explicit", "2014年均衡发展规划.md": "keyword"}


def test_junit_output_file(run_cli, archive, tmp_path):
    out = tmp_path / "reports" / "gaps.xml"
    result = run_cli(archive, "check", "--format", "junit", "--output", str(out))
    assert result.exit_code == 0
    assert "Report written to" in result.output
    root = ET.parse(out).getroot()
    assert len(root.findall(".//testcase")) == 4
    assert [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None] == ["extra 建议材料"]


def test_xlsx_output_and_needs_output(run_cli, archive, tmp_path):
    from openpyxl import load_workbook

    refused = run_cli(archive, "check", "--format", "xlsx")
    assert refused.exit_code == 2 and "--output" in refused.output
    out = tmp_path / "台账.xlsx"
    assert run_cli(archive, "check", "--format", "xlsx", "--output", str(out)).exit_code == 0
    assert load_workbook(out).sheetnames[0] == "汇总"


def test_markdown_and_table_formats(run_cli, archive):
    markdown = run_cli(archive, "check", "--format", "markdown")
    assert markdown.exit_code == 0 and "## 县教科局" in markdown.output
    table = run_cli(archive, "check")
    assert table.exit_code == 0 and "县财政局" in table.output and "Evidence: 4 items, 3 complete" in table.output


def test_filters(run_cli, archive):
    _, data = run_json(run_cli, archive, "--department", "县财政局")
    assert [i["id"] for i in data["items"]] == ["fund"]
    _, data = run_json(run_cli, archive, "--category", "发展规划", "--year", "2015")
    assert [(i["id"], i["status"]) for i in data["items"]] == [("plan", "complete")]
    bad = run_cli(archive, "check", "--department", "县财政厅")
    assert bad.exit_code == 2 and "县财政局" in bad.output
    assert run_cli(archive, "check", "--year", "2010").exit_code == 2


def test_invalid_checklist_exits_1_with_file_and_line(run_cli, make_archive):
    files = dict(FILES)
    files["checklists/more.yml"] = "items:\n  - id: plan\n    title: again\n  - {id: x, title: y, department: 县财政厅}\n"
    result = run_cli(make_archive(files), "check")
    assert result.exit_code == 1
    assert "checklists/more.yml:2: item id 'plan' is already used at checklists/main.yml:2" in result.output
    assert "checklists/more.yml:4: item 'x': unknown department '县财政厅'" in result.output


def test_unknown_school_is_reported(run_cli, make_archive):
    files = dict(FILES)
    files["content/县教科局/规范办学行为/三小章程.md"] = "---\nschool: 三小\nyear: 2017\n---\n# 三小章程\n"
    result, data = run_json(run_cli, make_archive(files))
    assert any(p["code"] == "check.unknown_school" and "三小" in p["message"] for p in data["warnings"])


def test_help_has_example(run_cli):
    result = run_cli(None, "check", "--help")
    assert result.exit_code == 0 and "Example:" in result.output and "--fail-on" in result.output


def test_ci_examples_run_the_check_and_publish_junit():
    import yaml

    from conftest import REPO

    gitlab = yaml.safe_load((REPO / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["completeness"]
    assert any("check --format junit --output reports/check-junit.xml" in line for line in job["script"])
    assert job["artifacts"]["reports"]["junit"] == "reports/check-junit.xml"
    github = yaml.safe_load((REPO / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["check"]["steps"]
    assert any("--format junit" in step.get("run", "") for step in steps)
    assert any(step.get("with", {}).get("report_paths") == "reports/check-junit.xml" for step in steps)


def _needed(item: dict) -> set[str]:
    """Evidence paths without which some (school, year) slot of a complete item would lack documents."""
    if item["status"] != "complete":
        return set()
    fillers: dict[tuple, set[str]] = {}
    for ev in item["evidence"]:
        for year in ev["years"] or [None]:
            fillers.setdefault((ev["school"], year), set()).add(ev["path"])
    return {path for paths in fillers.values() if len(paths) == item["min"] for path in paths}


def test_demo_moving_one_evidence_file_flips_exactly_the_items_it_satisfied(run_cli, demo_copy, tmp_path):
    _, before = run_json(run_cli, demo_copy, "--fail-on", "never")
    candidates = sorted({path for item in before["items"] for path in _needed(item)})
    assert candidates, "the demo should have complete items whose evidence can be taken away"
    path = candidates[0]
    shutil.move(demo_copy / "content" / path, tmp_path / "moved")
    _, after = run_json(run_cli, demo_copy, "--fail-on", "never")
    status_after = {i["id"]: i["status"] for i in after["items"]}
    changed = {i["id"] for i in before["items"] if status_after[i["id"]] != i["status"]}
    assert changed == {i["id"] for i in before["items"] if path in _needed(i)}


# --- calendar years and withheld documents -----------------------------------------------------------

CALENDAR_CHECKLIST = """\
items:
  - id: final-accounts
    title: 教育经费决算
    department: 财政局
    category: 保障机制
    years: 2015-2016
    calendar_years: true
    match: {keywords: [决算]}
"""


def test_school_year_evidence_for_calendar_item_warns_with_the_fix(run_cli, make_archive):
    root = make_archive({
        "checklists/main.yml": CALENDAR_CHECKLIST,
        "content/县财政局/保障机制/教育经费决算.txt": "教育经费决算说明\n",
        "content/县财政局/保障机制/教育经费决算.txt.yml": "年度: 2015-2016\n",
    })
    result, data = run_json(run_cli, root)
    assert result.exit_code == 0
    assert data["items"][0]["status"] == "complete"
    (problem,) = [p for p in data["warnings"] if p["code"] == "check.school_year_evidence"]
    assert problem["path"] == "县财政局/保障机制/教育经费决算.txt"
    assert "'教育经费决算' covers the school year 2015-2016" in problem["message"]
    assert "item '教育经费决算' needs calendar-year evidence" in problem["message"] and "年度: 2016" in problem["hint"]


def test_calendar_year_list_gives_no_warning(run_cli, make_archive):
    root = make_archive({
        "checklists/main.yml": CALENDAR_CHECKLIST,
        "content/县财政局/保障机制/教育经费决算.txt": "教育经费决算说明\n",
        "content/县财政局/保障机制/教育经费决算.txt.yml": "年度: [2015, 2016]\n",
    })
    result, data = run_json(run_cli, root)
    assert result.exit_code == 0
    assert not [p for p in data["warnings"] if p["code"] == "check.school_year_evidence"]


SECRET_TITLE = "县委均衡发展专题会议纪要"
SECRET_FILES = {
    "checklists/main.yml": "items:\n  - id: minutes\n    title: 会议纪要\n    department: 教育局\n"
                           "    years: 2016\n    match: {keywords: [会议纪要]}\n",
    "content/县教科局/发展规划/2016/会议纪要1.txt": f"秘密★1年\n\n{SECRET_TITLE}\n正文。\n",
    "content/县教科局/发展规划/2016/会议纪要1.txt.yml": f"title: {SECRET_TITLE}\n",
}


def test_text_mark_withholds_evidence_in_every_format(run_cli, make_archive, tmp_path):
    root = make_archive(SECRET_FILES)
    result, data = run_json(run_cli, root)
    assert result.exit_code == 0
    (evidence,) = data["items"][0]["evidence"]
    assert evidence["withheld"] is True and evidence["title"] == ""
    assert data["withheld"] and "正文标有密级" in data["withheld"][0]["reason"]
    for fmt in ("json", "junit", "markdown", "table"):
        output = run_cli(root, "check", "--format", fmt).output
        assert SECRET_TITLE not in output, fmt
        assert "会议纪要1" not in output, fmt  # the file name is hidden too
    out = tmp_path / "台账.xlsx"
    assert run_cli(root, "check", "--format", "xlsx", "--output", str(out)).exit_code == 0
    from openpyxl import load_workbook

    cells = [str(c.value) for sheet in load_workbook(out) for row in sheet.iter_rows() for c in row if c.value]
    assert not [c for c in cells if SECRET_TITLE in c or "会议纪要1" in c]
    assert any("classified" in c or "涉密" in c for c in cells)


def test_school_year_set_by_a_folder_default_warns_for_a_calendar_year_item(make_archive, run_cli):
    import json

    root = make_archive({
        "checklists/a.yml": (
            "items:\n  - id: final\n    title: 经费决算\n    department: caizheng\n    category: baozhang\n"
            "    years: 2015-2016\n    calendar_years: true\n    match: {keywords: [决算]}\n"
        ),
        "content/县财政局/保障机制/决算/_meta.yml": "年度: 2015-2016\n",
        "content/县财政局/保障机制/决算/经费决算.md": "# 经费决算\n",
    })
    data = json.loads(run_cli(root, "check", "--format", "json").stdout)
    assert any("经费决算.md" in p["path"] and "2015-2016" in p["message"] for p in data["warnings"])
