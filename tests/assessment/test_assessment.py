"""The assessment library on a small archive: profiles, rules, the school standard, the timeline, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import assessment_archive as A
import pytest

from archive_builder.assessment.profile import load_profile
from archive_builder.core.config import load_config
from archive_builder.core.errors import ConfigError
from archive_builder.pipeline import assess_archive


@pytest.fixture
def archive(make_archive) -> Path:
    return make_archive(A.files())


def assess(root: Path, **kwargs):
    return assess_archive(load_config(root), profile="mini", **kwargs)


def item(readiness, item_id: str):
    return next(i for i in readiness.items if i.item.id == item_id)


def test_each_rule_kind_earns_its_points(archive):
    r = assess(archive)
    assert item(r, "plan-item").earned == 6  # both years of the plan are filed
    assert item(r, "sat-item").earned == 4  # 90 % ≥ 85 %
    assert item(r, "std-item").earned == pytest.approx(5)  # one school of two meets the standard
    assert r.total == 15 and r.points == 20
    assert [c.passed for c in r.criteria] == [True, True, True] and r.passed


def test_editing_one_point_value_changes_the_total_by_exactly_that_amount(archive):
    before = assess(archive).total
    text = A.PROFILE.replace("{points: 6, evidence: [plan]}", "{points: 7.5, evidence: [plan]}")
    A.write(archive, "checklists/assessment/mini.yml", text.replace("total: 20", "total: 21.5"))
    after = assess(archive)
    assert after.total - before == 1.5
    assert after.points == 21.5


def test_editing_the_points_of_a_rule_not_earned_changes_only_the_full_marks(archive):
    (archive / "content/县教科局/发展规划/2017年均衡发展规划.md").unlink()
    before = assess(archive)
    A.write(archive, "checklists/assessment/mini.yml", A.PROFILE.replace("{points: 6,", "{points: 9,"))
    after = assess(archive)
    assert item(before, "plan-item").earned == 0 and after.total == before.total
    assert after.points == before.points + 3


def test_a_missing_year_says_which_department_files_what(archive):
    (archive / "content/县教科局/发展规划/2017年均衡发展规划.md").unlink()
    plan = item(assess(archive), "plan-item")
    assert plan.earned == 0 and plan.state == "not_met"
    (hint,) = plan.hints
    assert "县教科局" in hint and "plan" in hint and "2017" in hint


def test_a_figure_below_its_threshold_earns_nothing_and_names_the_figure(archive):
    A.write(archive, "content/data/satisfaction.csv", "年度,调查人数,满意人数\n2017,100,80\n")
    r = assess(archive)
    sat = item(r, "sat-item")
    assert sat.earned == 0
    assert "80.0%" in sat.hints[0] and "85%" in sat.hints[0] and "satisfaction.csv" in sat.hints[0]
    assert r.criteria[1].passed is False and not r.passed


def test_a_figure_without_its_year_is_not_judged(archive):
    A.write(archive, "content/data/satisfaction.csv", "年度,调查人数,满意人数\n2016,100,90\n")
    r = assess(archive)
    assert item(r, "sat-item").rules[0].state == "unknown"
    assert r.criteria[1].passed is None and not r.passed
    assert "2017" in item(r, "sat-item").hints[0]


def test_the_school_table_reads_the_ledger_cells_not_the_file_names(archive):
    table = assess(archive).table
    rows = {row.school.name: row for row in table.rows}
    assert {k: c.state for k, c in rows["甲小学"].cells.items()} == {"rooms": "met", "books": "met"}
    # 乙初中's ledger is named 全部达标, but its 图书 cell says 未达标 and 6.0 < 6.5
    assert {k: c.state for k, c in rows["乙初中"].cells.items()} == {"rooms": "not_met", "books": "not_met"}
    assert rows["乙初中"].cells["rooms"].value == 6.0 and rows["乙初中"].cells["rooms"].row == 3
    assert [row.meets for row in table.rows] == [True, False]
    assert table.score == pytest.approx(50) and table.share_meeting == 0.5


def test_a_verdict_cell_that_contradicts_the_value_is_reported(archive):
    r = assess(archive)
    (problem,) = [p for p in r.problems if p.code == "assessment.ledger_disagrees"]
    assert problem.path.endswith("乙初中台账（全部达标）.xlsx")
    assert problem.params["value"] == "6" and problem.params["target"] == "6.5" and problem.params["verdict"] == "达标"


def test_a_school_without_a_ledger_is_unknown_and_not_met(archive):
    (archive / A.LEDGER_B_PATH).unlink()
    row = next(r for r in assess(archive).table.rows if r.school.name == "乙初中")
    assert {c.state for c in row.cells.values()} == {"unknown"} and not row.meets
    assert "乙初中" in row.cells["books"].reason


def test_a_ledger_row_that_is_missing_is_named_with_the_fix(archive):
    A.write(archive, "checklists/assessment/mini-standard.yml",
            A.STANDARD + "  - {id: culture, name: 校园文化, points: 5, ledger_row: {aspect: 校园文化, label: [文化]}}\n")
    cell = assess(archive).table.rows[0].cells["culture"]
    assert cell.state == "unknown"
    assert "校园文化" in cell.reason and "mini-standard.yml" in cell.reason


def test_the_quality_standard_reports_the_columns_the_statistics_lack(make_archive):
    root = make_archive(A.files())
    r = assess_archive(load_config(root), profile="quality-2017", year=2017)
    missing = [p for p in r.problems if p.code == "assessment.column_missing"]
    assert {p.params["column"] for p in missing} == {"县级以上骨干教师数", "体育艺术专任教师数", "网络多媒体教室数"}
    assert all(p.params["file"] == "content/data/school_stats.csv" for p in missing)
    cells = r.table.rows[0].cells
    assert cells["backbone-teachers"].state == "unknown"  # never taken as zero
    assert cells["qualified-teachers"].state == "met"  # 20 per 400 pupils = 5 per hundred ≥ 4.2
    junior = next(row for row in r.table.rows if row.school.name == "乙初中").cells["qualified-teachers"]
    assert junior.state == "not_met" and junior.value == pytest.approx(5.0)  # 25 per 500 < 5.3
    assert not r.passed


def test_the_quality_rule_allows_one_indicator_at_85_percent(make_archive):
    header = A.STATS_HEADER + ",县级以上骨干教师数,体育艺术专任教师数,网络多媒体教室数"
    # 乙初中: everything met but qualified teachers (25/500 = 5.0 per hundred, 94 % of 5.3).
    stats = "\n".join([header,
                       "2017,甲小学,小学,400,2000,3200,900000,40,8000,30,20,15,5,4,10",
                       "2017,乙初中,初中,500,3000,5500,1300000,60,15000,40,25,20,6,5,12"]) + "\n"
    files = {**A.files(), "content/data/school_stats.csv": stats}
    r = assess_archive(load_config(make_archive(files)), profile="quality-2017", year=2017)
    rows = {row.school.name: row for row in r.table.rows}
    assert rows["乙初中"].cells["qualified-teachers"].state == "not_met"
    assert rows["乙初中"].cells["qualified-teachers"].near and rows["乙初中"].meets
    assert rows["甲小学"].meets and r.table.share_meeting == 1


def test_a_profile_error_names_its_file_and_line(archive):
    text = A.PROFILE.replace("        number: 2\n", "        number: 2\n        pionts: 3\n")
    A.write(archive, "checklists/assessment/mini.yml", text)
    with pytest.raises(ConfigError) as caught:
        load_profile(load_config(archive), "mini")
    line = A.line_of(text, "pionts")
    assert f"checklists/assessment/mini.yml:{line}:" in caught.value.format_message()
    assert "pionts" in caught.value.format_message() and "points" in caught.value.format_message()


def test_every_error_of_a_profile_and_its_standard_is_reported_at_once(archive):
    profile = A.PROFILE.replace("at_least: 0.85}}\n      - id: std", "at_least: high}}\n      - id: std")
    standard = A.STANDARD.replace("ledger_row: {aspect: 装备配置, label: [图书]}", "statistics: {column: books_total}")
    A.write(archive, "checklists/assessment/mini.yml", profile)
    A.write(archive, "checklists/assessment/mini-standard.yml", standard)
    with pytest.raises(ConfigError) as caught:
        load_profile(load_config(archive), "mini")
    lines = caught.value.format_message().splitlines()
    assert any(line.startswith(f"checklists/assessment/mini.yml:{A.line_of(profile, 'at_least: high')}:")
               for line in lines)
    assert any(line.startswith(f"checklists/assessment/mini-standard.yml:{A.line_of(standard, 'books_total')}:")
               and "books_total" in line for line in lines)


def test_a_rule_naming_an_unknown_checklist_item_is_an_error_with_its_line(archive):
    text = A.PROFILE.replace("evidence: [plan]", "evidence: [plann]")
    A.write(archive, "checklists/assessment/mini.yml", text)
    with pytest.raises(ConfigError) as caught:
        assess(archive)
    message = caught.value.format_message()
    assert f"checklists/assessment/mini.yml:{A.line_of(text, 'plann')}:" in message and "plan" in message


def test_the_shipped_profile_has_four_areas_17_items_and_100_points(archive):
    profile = load_profile(load_config(archive), "basic-2012")
    assert [a.title for a in profile.areas] == ["入学机会", "保障机制", "教师队伍", "质量与管理"]
    assert len(profile.items) == 17 and profile.points == 100 and profile.pass_mark == 85
    assert [i.number for i in profile.items] == [str(n) for n in range(1, 18)]
    assert not profile.verified and all(not i.verified for i in profile.items)
    assert {c.id for c in profile.criteria} == {"school-standard", "balance", "government", "satisfaction"}


def test_the_shipped_quality_standard_has_seven_per_school_standards(archive):
    standard = load_profile(load_config(archive), "quality-2017").standard
    targets = {i.column: dict(i.threshold.levels) for i in standard.indicators}
    assert targets == {
        "qualified_teachers": {"小学": 4.2, "初中": 5.3}, "backbone_teachers": {"小学": 1, "初中": 1},
        "arts_pe_teachers": {"小学": 0.9, "初中": 0.9}, "teaching_area": {"小学": 4.5, "初中": 5.8},
        "sports_area": {"小学": 7.5, "初中": 10.2}, "equipment_value": {"小学": 2000, "初中": 2500},
        "multimedia_rooms": {"小学": 2.3, "初中": 2.4}}
    assert standard.at_least == 6 and standard.others_at_least == 0.85


def test_documents_dated_after_their_stage_are_flagged_and_gaps_are_overdue(archive):
    A.write(archive, "site_config/timeline.yml", A.TIMELINE)
    r = assess(archive)
    (late,) = r.timeline.late
    assert late.path.endswith("2017年均衡发展规划.md") and late.stage.id == "self" and late.date == "2017-05-01"
    assert [p.code for p in r.problems if p.path == late.path] == ["assessment.late_document"]
    assert [(o.result.item.id, o.stage.id) for o in r.timeline.overdue] == [("budget", "province")]
    assert r.timeline.overdue_by_department() == {"caizheng": r.timeline.overdue}


def test_nothing_is_overdue_before_its_stage(archive):
    A.write(archive, "site_config/timeline.yml", A.TIMELINE)
    r = assess(archive, as_of=dt.date(2017, 6, 1))
    assert r.timeline.overdue == [] and len(r.timeline.late) == 1


@pytest.mark.parametrize("old, new, needle", [
    ("due: 2017-06-30", "due: 2017-06-31", "2017-06-31"),  # not a day
    ("due: 2017-06-30", "due: 2017-01-31", "2017-01-31"),  # before the stage above it
    ("  plan: self", "  plam: self", "plam"),  # no such checklist item
    ("  plan: self", "  plan: city", "plan: city"),  # no such stage
    ("title: 省级评估", "titel: 省级评估", "titel"),  # no such key
])
def test_a_timeline_error_names_its_file_and_line(archive, old, new, needle):
    text = A.TIMELINE.replace(old, new)
    A.write(archive, "site_config/timeline.yml", text)
    with pytest.raises(ConfigError) as caught:
        assess(archive)
    assert f"site_config/timeline.yml:{A.line_of(text, needle)}:" in caught.value.format_message()


def test_the_readiness_json_carries_every_point_and_its_proof(archive):
    data = assess(archive).to_dict()
    assert data["total"] == 15 and data["pass"] is True
    rule = data["areas"][0]["items"][0]["rules"][0]
    assert rule["earned"] == 6 and {d["path"] for d in rule["documents"]} == {
        "县教科局/发展规划/2016年均衡发展规划.md", "县教科局/发展规划/2017年均衡发展规划.md"}
    cells = data["school_standard"]["rows"][1]["cells"]
    assert cells["books"]["state"] == "not_met" and cells["books"]["shown"] == "未达标"
