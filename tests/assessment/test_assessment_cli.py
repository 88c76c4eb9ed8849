"""``archive-builder assess`` and ``check --fail-on assessment`` end to end on a small archive."""

from __future__ import annotations

import json
from pathlib import Path

import assessment_archive as A
import pytest
from openpyxl import load_workbook


@pytest.fixture
def archive(make_archive) -> Path:
    return make_archive(A.files())


def test_assess_prints_the_criteria_the_items_and_the_total(archive, run_cli):
    result = run_cli(archive, "assess", "--profile", "mini")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in ("学校达标", "满意度", "工作得分", "规划", "标准化"):
        assert title in out
    assert "Total 15 of 20 points (pass mark 15)." in out
    assert "Ready: every criterion is met." in out
    assert "school standard score: 50 ≥ 40" in out


def test_assess_in_chinese(archive, run_cli):
    result = run_cli(archive, "--lang", "zh", "assess", "--profile", "mini")
    assert "总分 15 分（满分 20 分，15 分以上为通过）。" in result.stdout
    assert "认定条件" in result.stdout and "可以通过" in result.stdout


def test_assess_exits_1_and_says_what_would_raise_it_when_a_criterion_is_missed(archive, run_cli):
    (archive / "content/县教科局/发展规划/2017年均衡发展规划.md").unlink()
    result = run_cli(archive, "assess", "--profile", "mini")
    assert result.exit_code == 1
    assert "Total 9 of 20 points" in result.stdout and "Not ready: 1 criterion is not met." in result.stdout
    assert "县教科局: file 均衡发展规划 (plan) for 2017" in result.stdout


def test_assess_json_is_the_whole_readiness(archive, run_cli):
    result = run_cli(archive, "assess", "--profile", "mini", "--format", "json")
    data = json.loads(result.stdout)
    assert data["total"] == 15 and data["points"] == 20 and data["pass"] is True
    assert [c["id"] for c in data["criteria"]] == ["standard", "satisfaction", "work"]
    assert [i["earned"] for i in data["areas"][0]["items"]] == [6, 4, 5]
    assert data["school_standard"]["share_meeting"] == 0.5


def test_assess_writes_an_excel_workbook_with_the_school_table_shaded(archive, run_cli, tmp_path):
    target = tmp_path / "评估.xlsx"
    result = run_cli(archive, "assess", "--profile", "mini", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0 and f"Wrote {target}" in result.output
    book = load_workbook(target)
    assert book.sheetnames == ["认定条件", "县政府工作评分", "学校达标", "问题"]
    sheet = book["学校达标"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["学校", "学校代码", "学段", "生均教学及辅助用房", "生均图书"]
    junior = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "乙初中")
    assert junior[3].value == "未达标 6" and junior[4].value == "未达标"
    assert junior[4].fill.fgColor.rgb.endswith("FFCDD2")
    items = book["县政府工作评分"]
    assert [r[5] for r in items.iter_rows(min_row=2, values_only=True) if r[0] == "合计"] == [15]


def test_xlsx_needs_an_output_file(archive, run_cli):
    result = run_cli(archive, "assess", "--format", "xlsx")
    assert result.exit_code == 2 and "--output" in result.output


def test_a_bad_as_of_day_is_a_usage_error(archive, run_cli):
    result = run_cli(archive, "assess", "--profile", "mini", "--as-of", "2017-13-01")
    assert result.exit_code == 2 and "2017-06-30" in result.output


def test_an_unknown_profile_names_the_folder_and_the_known_ones(archive, run_cli):
    result = run_cli(archive, "assess", "--profile", "basic-2021")
    assert result.exit_code == 1
    assert "checklists/assessment/" in result.output and "basic-2012" in result.output and "mini" in result.output


def test_a_profile_error_fails_with_its_file_and_line(archive, run_cli):
    text = A.PROFILE.replace("pass_mark: 15", "pass_mark: many")
    A.write(archive, "checklists/assessment/mini.yml", text)
    result = run_cli(archive, "assess", "--profile", "mini")
    assert result.exit_code == 1
    assert f"checklists/assessment/mini.yml:{A.line_of(text, 'pass_mark')}:" in result.output


def test_the_timeline_is_summarised_and_late_documents_listed(archive, run_cli):
    A.write(archive, "site_config/timeline.yml", A.TIMELINE)
    result = run_cli(archive, "assess", "--profile", "mini")
    assert "Timeline (site_config/timeline.yml, as of 2017-07-01): 1 item overdue, 1 document dated after" in \
        result.stdout
    assert "2017年均衡发展规划.md: dated 2017-05-01, after the stage it serves (县级自查, due 2017-03-31" in \
        result.stderr


def test_check_fail_on_assessment_fails_when_a_criterion_is_missed(archive, run_cli):
    profile = A.PROFILE.replace("id: mini", "id: basic-2012")
    A.write(archive, "checklists/assessment/basic-2012.yml", profile)
    assert run_cli(archive, "check", "--fail-on", "missing,assessment").exit_code == 3  # 经费预算 (budget) is missing
    assert run_cli(archive, "check", "--fail-on", "assessment").exit_code == 0  # one condition, its own status
    A.write(archive, "checklists/main.yml", A.CHECKLIST.split("  - id: budget")[0])
    passing = run_cli(archive, "check", "--fail-on", "assessment")
    assert passing.exit_code == 0, passing.output
    assert "Assessment (basic-2012, 2017): total 15 of 20. Ready: every criterion is met." in passing.stderr
    A.write(archive, "checklists/assessment/basic-2012.yml", profile.replace("at_least: 40", "at_least: 60"))
    assert run_cli(archive, "check", "--fail-on", "missing").exit_code == 0
    failing = run_cli(archive, "check", "--fail-on", "assessment")
    assert failing.exit_code == 8
    assert "Assessment (basic-2012, 2017): total 15 of 20. Not ready: 1 criterion is not met." in failing.stderr


def _resident_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def test_personal_numbers_in_evidence_titles_never_reach_the_report(archive, run_cli, tmp_path):
    number = _resident_id("11010519491231002")
    A.write(archive, "content/县教科局/发展规划/2016年补充规划.md",
            f"---\n标题: 2016年补充规划（联系人身份证{number}）\n---\n# 补充规划\n")
    result = run_cli(archive, "assess", "--profile", "mini", "--format", "json")
    assert "2016年补充规划" in result.stdout and number not in result.stdout
    run_cli(archive, "assess", "--profile", "mini", "--format", "xlsx", "--output", str(tmp_path / "a.xlsx"))
    cells = [str(c) for sheet in load_workbook(tmp_path / "a.xlsx") for row in sheet.iter_rows(values_only=True)
             for c in row if c]
    assert any("2016年补充规划" in c for c in cells) and not any(number in c for c in cells)


def test_an_unreadable_statistics_table_is_named_as_unreadable_not_as_missing(make_archive, run_cli):
    files = A.files()
    del files["content/data/satisfaction.csv"]
    files["content/data/satisfaction.xlsx"] = b"PK\x03\x04 not really a workbook"
    archive = make_archive(files)
    result = run_cli(archive, "assess", "--profile", "mini")
    out = result.output
    assert "content/data/satisfaction.xlsx is there but cannot be read" in out
    assert "there is no statistics table content/data/satisfaction.csv" not in out
    chinese = run_cli(archive, "--lang", "zh", "assess", "--profile", "mini")
    assert "统计表 content/data/satisfaction.xlsx 存在但无法读取" in chinese.output
