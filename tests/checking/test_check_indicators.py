"""Indicator targets: each figure against its threshold in the years it is judged on, apart from the evidence."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from archive_builder.checking.results import MET, NO_DATA, NOT_MET, TREND
from archive_builder.checking.targets import TargetRule, figure_result, indicator_results, report_figures
from archive_builder.core.config import load_config
from archive_builder.statistics.stats import COMPOSITE, BalanceRow, ExchangeRow, IndicatorReport

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


#: Every target judged every year from 2016, so each year's figure counts (the shipped rules judge
#: the coefficients and satisfaction on the assessment year only and the class sizes from 2018 and 2020).
EVERY_YEAR = "targets:\n" + "".join(
    f"  - {{id: {name}, due_from: 2016, judged: every_year, basis: 测试文件}}\n"
    for name in ("composite-cv", "indicator-cv", "very-large-classes", "large-classes", "exchange-rate",
                 "exchange-backbone", "consolidation", "satisfaction"))
EVERY = TargetRule("composite-cv", 2016, "every_year", "测试文件")


@pytest.fixture
def archive(make_archive):
    return make_archive({**FILES, **TABLES, "checklists/targets.yml": EVERY_YEAR})


@pytest.fixture
def shipped(make_archive):
    """The same archive under the shipped targets (archive_builder/checklists/targets.yml)."""
    return make_archive({**FILES, **TABLES})


def by_id(results):
    return {r.item.id: r for r in results}


# --- the figures as target results ----------------------------------------------------------------------

def test_composite_per_year_and_level_against_the_threshold(archive):
    results, problems = indicator_results(load_config(archive))
    found = by_id(results)
    failing = found["indicator-2016-primary-composite"]
    assert failing.item.title == "小学综合差异系数 ≤ 0.65" and failing.year == 2016
    assert failing.status == NOT_MET and failing.is_gap
    assert failing.message == "0.67 > 0.65"
    assert failing.value == pytest.approx(2 / 3) and failing.threshold == 0.65
    assert (failing.item.department, failing.item.category) == ("jiaoke", "biaozhunhua")
    assert failing.source == "data/school_stats.csv" and failing.page == "indicators/2016-primary.md"
    assert failing.series == "primary-composite" and failing.basis == "测试文件"
    passing = found["indicator-2017-primary-composite"]
    assert passing.status == MET and not passing.is_gap


def test_years_outside_the_archive_are_ignored(archive):
    results, _ = indicator_results(load_config(archive))
    assert not [r for r in results if "2013" in r.item.id]


def test_rates_with_a_target(archive):
    found = by_id(indicator_results(load_config(archive))[0])
    exchange = found["indicator-2016-exchange-rate"]
    assert exchange.status == NOT_MET and exchange.message == "8% < 10%"
    assert exchange.item.title == "教师交流比例 ≥ 10%"
    assert found["indicator-2016-exchange-backbone"].status == MET  # 2 of 8 = 25 %
    assert found["indicator-2016-satisfaction"].status == MET  # 90 %
    consolidation = found["indicator-2016-primary-consolidation"]
    assert consolidation.status == MET and consolidation.item.category == "zhiliang"


def test_shipped_targets_judge_the_assessment_year_and_leave_earlier_years_as_trend(shipped):
    found = by_id(indicator_results(load_config(shipped))[0])
    composite = found["indicator-2016-primary-composite"]
    assert composite.status == TREND and composite.would_pass is False  # 0.67 > 0.65, but 2017 is assessed
    assert composite.judged == "assessment_year" and composite.due_from == 2012
    assert found["indicator-2017-primary-composite"].status == MET
    very_large = found["indicator-2016-very-large-classes"]
    assert very_large.status == TREND and very_large.due_from == 2018 and very_large.message == "1 > 0"
    assert found["indicator-2016-exchange-rate"].status == TREND  # 10 % from 2017 (襄政办发〔2017〕13号)
    assert found["indicator-2017-exchange-rate"].status == MET
    assert "襄政办发〔2017〕13号" in found["indicator-2017-exchange-rate"].basis


def test_assessment_year_is_configurable(make_archive):
    root = make_archive({**FILES, **TABLES, "site_config/archive.yml": "years: 2016-2017\nassessment_year: 2016\n"})
    config = load_config(root)
    assert config.assessment_year == 2016
    found = by_id(indicator_results(config)[0])
    assert found["indicator-2016-primary-composite"].status == NOT_MET
    assert found["indicator-2017-primary-composite"].status == TREND


def test_assessment_year_outside_the_archive_years_names_file_and_fix(run_cli, make_archive):
    root = make_archive({**FILES, "site_config/archive.yml": "years: 2016-2017\nassessment_year: 2019\n"})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "site_config/archive.yml:2: Config value 'assessment_year': '2019' is not one of the archive years" \
        in result.output


def test_targets_file_errors_name_file_and_line_all_at_once(run_cli, make_archive):
    bad = ("targets:\n  - {id: composite-cv, due_from: soon, judged: every_year, basis: x}\n"
           "  - {id: coefficient, due_from: 2016, judged: sometimes}\n")
    root = make_archive({**FILES, **TABLES, "checklists/targets.yml": bad})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "checklists/targets.yml:2: target 'composite-cv': due_from 'soon' must be the year" in result.output
    assert "checklists/targets.yml:3: target 'coefficient' is not a figure the statistics give" in result.output
    assert "checklists/targets.yml:3: target 'coefficient': judged 'sometimes' must be" in result.output
    assert "checklists/targets.yml:3: target 'coefficient' needs a 'basis'" in result.output


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
    result = figure_result(figures["indicator-2016-primary-qualified-teachers"], EVERY, 2016)
    assert result.status == NOT_MET and result.message == "0.52 > 0.50" and result.target == "indicator-cv"
    assert result.item.title == "小学每百名学生拥有高于规定学历教师数 ≤ 0.50"
    assert result.item.file == "content/data/school_stats.csv"


def test_figure_close_to_its_threshold_shows_enough_digits():
    report = IndicatorReport("basic-2012", "基本均衡", balance=[BalanceRow(2016, "初中", COMPOSITE, 0.5512, 0.55, False)])
    (figure,) = report_figures(report)
    assert figure_result(figure, EVERY, 2016).message == "0.551 > 0.55"


def test_missing_figure_has_no_data_with_a_plain_reason():
    report = IndicatorReport("basic-2012", "基本均衡", exchange=[ExchangeRow(2016, 0, 0, 0, None, None)])
    results = [figure_result(f, EVERY, 2016) for f in report_figures(report)]
    assert all(r.status == NO_DATA and r.is_gap for r in results)
    assert results[0].message == "no figure: the statistics tables lack the data for it"


# --- in the whole check, every format, and the CLI -----------------------------------------------------

def test_cli_json_lists_targets_apart_from_evidence_and_fails(run_cli, archive):
    result = run_cli(archive, "check", "--format", "json")
    assert result.exit_code == 5  # 2016 composite and exchange rate miss their targets
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["items"]] == ["plan"]  # a target is never an evidence item
    targets = {(i["id"]): i for i in data["targets"]}
    composite = targets["indicator-2016-primary-composite"]
    assert composite["status"] == "not_met" and composite["message"] == "0.67 > 0.65"
    assert composite["source"] == "data/school_stats.csv" and composite["due_from"] == 2016
    assert targets["indicator-2017-primary-composite"]["status"] == "met"
    assert data["summary"]["targets"]["not_met"] == 4  # composite, exchange rate, 66+ and 56+ classes of 2016
    assert data["summary"]["missing"] == 0 and data["summary"]["completeness"] == 1.0
    assert run_cli(archive, "check", "--fail-on", "missing").exit_code == 0


def test_cli_passes_on_the_demo_like_archive_when_earlier_years_are_trend(run_cli, shipped):
    result = run_cli(shipped, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    statuses = {i["id"]: i["status"] for i in json.loads(result.stdout)["targets"]}
    assert statuses["indicator-2016-very-large-classes"] == "trend"
    assert statuses["indicator-2016-primary-composite"] == "trend"


def test_junit_shows_the_figure_in_the_failure(run_cli, archive, tmp_path):
    out = tmp_path / "check.xml"
    result = run_cli(archive, "check", "--format", "junit", "--output", str(out))
    assert result.exit_code == 5
    cases = {c.get("name").split()[0]: c for c in ET.parse(out).getroot().iter("testcase")}
    failure = cases["indicator-2016-primary-composite"].find("failure")
    assert failure is not None and failure.get("message") == "not met: 0.67 > 0.65"
    assert cases["indicator-2017-primary-composite"].find("failure") is None


def test_junit_trend_years_are_skipped(run_cli, shipped, tmp_path):
    out = tmp_path / "check.xml"
    run_cli(shipped, "check", "--format", "junit", "--output", str(out))
    cases = {c.get("name").split()[0]: c for c in ET.parse(out).getroot().iter("testcase")}
    skipped = cases["indicator-2016-primary-composite"].find("skipped")
    assert skipped is not None and skipped.get("message") == "trend (not judged): 0.67 > 0.65"


def test_markdown_and_table_show_the_figure(run_cli, archive):
    markdown = run_cli(archive, "check", "--format", "markdown").stdout
    assert "| 小学综合差异系数 ≤ 0.65 | 2016 | 0.67 > 0.65 | not met | every year from 2016 | " \
           "content/data/school_stats.csv |" in markdown
    assert "| 小学综合差异系数 ≤ 0.65 | 2017 | 0.50 ≤ 0.65 | met |" in markdown
    table = run_cli(archive, "check").stdout
    assert "0.67 > 0.65" in table and "not met" in table


def test_chinese_reports_name_targets_without_ids(run_cli, archive):
    markdown = run_cli(archive, "--lang", "zh", "check", "--format", "markdown").stdout
    assert "| 小学综合差异系数 ≤ 0.65 | 2016 | 0.67 > 0.65 | 未达标 | 2016年起每年 |" in markdown
    assert "indicator-" not in markdown and "plan" not in markdown


def test_year_and_department_filters_apply_to_targets(run_cli, archive):
    data = json.loads(run_cli(archive, "check", "--format", "json", "--year", "2017").stdout)
    assert {i["id"] for i in data["targets"]} == {
        "indicator-2017-primary-composite", "indicator-2017-exchange-rate", "indicator-2017-exchange-backbone",
        "indicator-2017-very-large-classes", "indicator-2017-large-classes", "indicator-2017-primary-consolidation"}
    data = json.loads(run_cli(archive, "check", "--format", "json", "--department", "财政局").stdout)
    assert not data["targets"]
    data = json.loads(run_cli(archive, "check", "--format", "json", "--category", "教育教学水平").stdout)
    assert {i["id"] for i in data["targets"]} == {"indicator-2016-satisfaction", "indicator-2016-primary-consolidation",
                                                   "indicator-2017-primary-consolidation"}


def test_table_problems_join_the_check_warnings(run_cli, make_archive):
    bad = SCHOOL_STATS.replace("2017,二小,小学,100,", "2017,二小,小学,很多,")
    root = make_archive({**FILES, **TABLES, "content/data/school_stats.csv": bad})
    data = json.loads(run_cli(root, "check", "--format", "json").stdout)
    codes = {(p["path"], p["code"]) for p in data["warnings"]}
    assert ("data/school_stats.csv", "stats.bad_number") in codes


def test_terminal_table_gives_each_figures_trend_years_one_row(run_cli, shipped, tmp_path):
    out = tmp_path / "check.txt"
    run_cli(shipped, "check", "--output", str(out))
    table = out.read_text("utf-8")
    assert "2016: 0.67" in table  # the 2016 coefficient, not judged: in the trend of 小学综合差异系数
    data = json.loads(run_cli(shipped, "check", "--format", "json").stdout)
    series = {t["series"] for t in data["targets"] if t["status"] == "trend"}
    assert len(series) > 1 and table.count("trend (not judged)") == len(series)  # one row per figure
