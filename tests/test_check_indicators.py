"""Indicator thresholds as checklist items: met figures complete, missed ones fail with the figure."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from archive_builder.check import COMPLETE, MISSING
from archive_builder.config import load_config
from archive_builder.indicator_items import figure_result, indicator_results, report_figures
from archive_builder.stats import COMPOSITE, BalanceRow, ExchangeRow, IndicatorReport

RESOURCES = ("教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,计算机台数,图书册数,专任教师数,"
             "高于规定学历教师数,中级及以上专业技术职务教师数")


def stats_row(year: int, school: str, level: str, students: int, per_student: int) -> str:
    """Every resource at the same per-student value, so each CV (and the composite) is the same."""
    return ",".join([str(year), school, level, str(students)] + [str(students * per_student)] * 8)


# Two schools of 100 pupils: per-student values 1 and 5 give X̄ = 3, S = 2, CV = 0.667 > 0.65;
# values 1 and 3 give X̄ = 2, S = 1, CV = 0.5.
SCHOOL_STATS = "\n".join([
    "年度,学校,学段,学生数," + RESOURCES,
    stats_row(2013, "一小", "小学", 100, 1), stats_row(2013, "二小", "小学", 100, 9),
    stats_row(2016, "一小", "小学", 100, 1), stats_row(2016, "二小", "小学", 100, 5),
    stats_row(2017, "一小", "小学", 100, 1), stats_row(2017, "二小", "小学", 100, 3),
]) + "\n"
EXCHANGE_HEADER = "年度,应交流教师数,实际交流教师数,其中骨干及中高级教师数\n"
TABLES = {
    "content/data/school_stats.csv": SCHOOL_STATS,
    "content/data/teacher_exchange.csv": EXCHANGE_HEADER + "2016,100,8,2\n2017,100,12,3\n",
    "content/data/satisfaction.csv": "年度,调查人数,满意人数\n2016,200,180\n",
    "content/data/consolidation.csv": ("年度,学段,毕业人数,入学时人数,转入人数,转出人数\n2016,小学,990,1000,10,10\n"
                                       "2017,小学,995,1000,5,5\n"),
    "content/data/classes.csv": ("年度,学校,班级,学生数\n2016,一小,一(1)班,70\n2016,二小,一(1)班,45\n"
                                 "2017,一小,一(1)班,50\n2017,二小,一(1)班,45\n"),
}
CHECKLIST = """\
items:
  - id: plan
    title: 均衡发展规划
    department: 教育局
    category: 发展规划
    years: 2016
    match: {keywords: [规划]}
"""
FILES = {"checklists/main.yml": CHECKLIST, "content/县教科局/发展规划/2016年均衡发展规划.md": "# 2016年均衡发展规划\n",
         "site_config/archive.yml": "years: 2016-2017\n"}


@pytest.fixture
def archive(make_archive):
    return make_archive({**FILES, **TABLES})


def by_id(results):
    return {r.item.id: r for r in results}


# --- the figures as item results ----------------------------------------------------------------------

def test_composite_per_year_and_level_against_the_threshold(archive):
    results, problems = indicator_results(load_config(archive))
    found = by_id(results)
    failing = found["indicator-2016-primary-composite"]
    assert failing.item.title == "2016 小学综合差异系数 ≤ 0.65"
    assert failing.status == MISSING and failing.is_gap and failing.required
    assert failing.detail["message"] == "0.67 > 0.65"
    assert failing.detail["value"] == pytest.approx(2 / 3)
    assert failing.detail["threshold"] == 0.65
    assert (failing.item.department, failing.item.category) == ("jiaoke", "biaozhunhua")
    passing = found["indicator-2017-primary-composite"]
    assert passing.status == COMPLETE and passing.slots_filled == passing.slots_total == 1
    assert passing.detail["message"] == "Figure: 0.50 (target ≤ 0.65)"


def test_years_outside_the_archive_are_ignored(archive):
    results, _ = indicator_results(load_config(archive))
    assert not [r for r in results if "2013" in r.item.id]


def test_rates_with_a_target_become_items(archive):
    found = by_id(indicator_results(load_config(archive))[0])
    exchange = found["indicator-2016-exchange-rate"]
    assert exchange.status == MISSING and exchange.detail["message"] == "8% < 10%"
    assert exchange.item.title == "2016 教师交流比例 ≥ 10%"
    assert found["indicator-2016-exchange-backbone"].status == COMPLETE  # 2 of 8 = 25 %
    assert found["indicator-2016-satisfaction"].status == COMPLETE  # 90 %
    consolidation = found["indicator-2016-primary-consolidation"]
    assert consolidation.status == COMPLETE and consolidation.item.category == "zhiliang"


def test_class_size_before_its_deadline_is_recommended(archive):
    found = by_id(indicator_results(load_config(archive))[0])
    very_large = found["indicator-2016-very-large-classes"]
    assert very_large.status == MISSING and very_large.item.severity == "recommended"
    assert very_large.detail["message"] == "1 > 0"
    assert "2018" in very_large.item.title


def test_no_statistics_tables_no_figures(make_archive):
    assert indicator_results(load_config(make_archive(FILES))) == ([], [])


def test_quality_profile_judges_every_single_indicator():
    report = IndicatorReport("quality-2017", "优质均衡", balance=[
        BalanceRow(2016, "小学", "每百名学生拥有高于规定学历教师数", 0.52, 0.50, False),
        BalanceRow(2016, "小学", "生均教学及辅助用房面积", 0.31, 0.50, True),
        BalanceRow(2016, "小学", COMPOSITE, 0.415, None, False),
    ], sources={"school_stats": "data/school_stats.csv"})
    figures = {f.item.id: f for f in report_figures(report)}
    assert set(figures) == {"indicator-2016-primary-qualified-teachers", "indicator-2016-primary-teaching-area"}
    result = figure_result(figures["indicator-2016-primary-qualified-teachers"])
    assert result.status == MISSING and result.detail["message"] == "0.52 > 0.50"
    assert result.item.title == "2016 小学每百名学生拥有高于规定学历教师数 ≤ 0.50"
    assert result.item.file == "content/data/school_stats.csv"


def test_figure_close_to_its_threshold_shows_enough_digits():
    report = IndicatorReport("basic-2012", "基本均衡", balance=[BalanceRow(2016, "初中", COMPOSITE, 0.5512, 0.55, False)])
    (figure,) = report_figures(report)
    assert figure_result(figure).detail["message"] == "0.551 > 0.55"


def test_missing_figure_fails_with_a_plain_reason():
    report = IndicatorReport("basic-2012", "基本均衡", exchange=[ExchangeRow(2016, 0, 0, 0, None, None)])
    results = [figure_result(f) for f in report_figures(report)]
    assert all(r.status == MISSING for r in results)
    assert results[0].detail["message"] == "no figure: the statistics tables lack the data for it"


# --- in the whole check, every format, and the CLI -----------------------------------------------------

def test_cli_json_lists_figures_beside_documents_and_fails(run_cli, archive):
    result = run_cli(archive, "check", "--format", "json")
    assert result.exit_code == 1  # 2016 composite and exchange rate miss their targets
    data = json.loads(result.output)
    items = {i["id"]: i for i in data["items"]}
    assert items["plan"]["status"] == "complete"
    composite = items["indicator-2016-primary-composite"]
    assert composite["status"] == "missing" and composite["detail"]["message"] == "0.67 > 0.65"
    assert composite["department_name"] == "县教科局" and composite["category_name"] == "学校标准化建设"
    assert items["indicator-2017-primary-composite"]["status"] == "complete"


def test_cli_passes_when_every_required_figure_is_met(run_cli, make_archive):
    tables = {**TABLES, "content/data/school_stats.csv": "\n".join(SCHOOL_STATS.splitlines()[:1] + [
        stats_row(year, "一小", "小学", 100, 1) + "\n" + stats_row(year, "二小", "小学", 100, 3) for year in (2016, 2017)])
        + "\n", "content/data/teacher_exchange.csv": EXCHANGE_HEADER + "2016,100,12,3\n2017,100,12,3\n"}
    root = make_archive({**FILES, **tables})
    result = run_cli(root, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    statuses = {i["id"]: i["status"] for i in json.loads(result.output)["items"]}
    assert statuses["indicator-2016-very-large-classes"] == "missing"  # recommended: does not fail


def test_junit_shows_the_figure_in_the_failure(run_cli, archive, tmp_path):
    out = tmp_path / "check.xml"
    result = run_cli(archive, "check", "--format", "junit", "--output", str(out))
    assert result.exit_code == 1
    cases = {c.get("name").split()[0]: c for c in ET.parse(out).getroot().iter("testcase")}
    failure = cases["indicator-2016-primary-composite"].find("failure")
    assert failure is not None and failure.get("message") == "missing: 0.67 > 0.65"
    assert cases["indicator-2017-primary-composite"].find("failure") is None


def test_markdown_and_table_show_the_figure(run_cli, archive):
    markdown = run_cli(archive, "check", "--format", "markdown").output
    assert "| indicator-2016-primary-composite | 2016 小学综合差异系数 ≤ 0.65 | 学校标准化建设 | missing | 0.67 > 0.65 |" \
        in markdown
    assert "Figure: 0.50 (target ≤ 0.65)" in markdown


def test_year_and_department_filters_apply_to_figures(run_cli, archive):
    data = json.loads(run_cli(archive, "check", "--format", "json", "--year", "2017").output)
    assert {i["id"] for i in data["items"] if i["id"].startswith("indicator")} == {
        "indicator-2017-primary-composite", "indicator-2017-exchange-rate", "indicator-2017-exchange-backbone",
        "indicator-2017-very-large-classes", "indicator-2017-large-classes", "indicator-2017-primary-consolidation"}
    data = json.loads(run_cli(archive, "check", "--format", "json", "--department", "财政局").output)
    assert not [i for i in data["items"] if i["id"].startswith("indicator")]
    data = json.loads(run_cli(archive, "check", "--format", "json", "--category", "教育教学水平").output)
    assert {i["id"] for i in data["items"]} == {"indicator-2016-satisfaction", "indicator-2016-primary-consolidation",
                                                 "indicator-2017-primary-consolidation"}


def test_table_problems_join_the_check_problems(run_cli, make_archive):
    bad = SCHOOL_STATS.replace("2017,二小,小学,100,", "2017,二小,小学,很多,")
    root = make_archive({**FILES, **TABLES, "content/data/school_stats.csv": bad})
    data = json.loads(run_cli(root, "check", "--format", "json").output)
    codes = {(p["path"], p["code"]) for p in data["problems"]}
    assert ("data/school_stats.csv", "stats.bad_number") in codes
