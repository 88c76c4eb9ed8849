"""School statistics: the weighted difference coefficient, table reading and every indicator section."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import ArchiveError
from archive_builder.statistics.coefficient import difference_coefficient
from archive_builder.statistics.stats import COMPOSITE, compute_indicators, get_profile
from archive_builder.statistics.tables import parse_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"
BOOKS = "生均图书册数"
EQUIPMENT = "生均教学仪器设备值"
STATS_HEADER = "年度,学校,学段,学生数,图书册数\n"


def _archive(make_archive, files: dict[str, str | bytes], years: str | None = None):
    """An archive of these files; ``years`` sets the archive years (default 2014-2017)."""
    if years is not None:
        files = {"site_config/archive.yml": f"years: {years}\n", **files}
    return load_config(make_archive(files))


def _row(report, indicator: str, year: int = 2016, level: str = "小学"):
    return next(r for r in report.balance if (r.year, r.level, r.indicator) == (year, level, indicator))


#: What each small fixture leaves out on purpose: the other tables, the registry, the other archive
#: years and the indicators it has no column for (each covered by its own test in test_stats_gaps.py).
LEFT_OUT = {"stats.missing_table", "stats.no_registry", "stats.year_missing", "stats.missing_indicator_columns"}


def _problems(report) -> list:
    """Problems other than the parts each small fixture leaves out on purpose."""
    return [p for p in report.problems if p.code not in LEFT_OUT]


def _codes(report) -> list[str]:
    return [p.code for p in _problems(report)]


# --- the formula ----------------------------------------------------------------------------------


def test_published_five_school_example():
    spread = difference_coefficient([45, 37, 89, 76, 55], [279, 137, 935, 160, 402])
    assert round(spread.mean, 3) == 6.334
    assert round(spread.std, 3) == 3.264
    assert round(spread.cv, 3) == 0.515


def test_weighted_cv_differs_from_the_unweighted_and_the_sample_forms():
    students, books = [45, 37, 89, 76, 55], [279, 137, 935, 160, 402]
    values = [b / n for b, n in zip(books, students)]
    mean = sum(values) / 5
    unweighted = math.sqrt(sum((v - mean) ** 2 for v in values) / 5) / mean
    sample = math.sqrt(sum((v - mean) ** 2 for v in values) / 4) / mean
    # the issue quotes 0.489 and 0.547; the sample form is 0.5465 before rounding
    assert unweighted == pytest.approx(0.489, abs=1e-3) and sample == pytest.approx(0.547, abs=1e-3)
    assert round(difference_coefficient(students, books).cv, 3) == 0.515


def test_two_schools_by_hand():
    # x = 2 (n 100) and 5 (n 200): X̄ = 1200/300 = 4; S² = 1/3·4 + 2/3·1 = 2; CV = √2 / 4
    spread = difference_coefficient([100, 200], [200, 1000])
    assert spread.mean == pytest.approx(4.0)
    assert spread.std == pytest.approx(math.sqrt(2))
    assert spread.cv == pytest.approx(math.sqrt(2) / 4)
    assert spread.terms == pytest.approx([4 / 3, 2 / 3])


def test_identical_schools_have_zero_cv_and_zero_resources_have_none():
    assert difference_coefficient([10, 20], [30, 60]).cv == pytest.approx(0.0)
    assert difference_coefficient([10, 20], [0, 0]).cv is None


def test_zero_students_is_refused_not_divided():
    with pytest.raises(ValueError):
        difference_coefficient([10, 0], [5, 5])


# --- reading the tables ---------------------------------------------------------------------------


def test_worked_example_as_a_table_gives_0_515(make_archive):
    csv = (FIXTURES / "worked_example.csv").read_text("utf-8")
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    row = _row(report, BOOKS, year=2014)
    assert round(row.cv, 3) == 0.515 and round(row.mean, 3) == 6.334 and round(row.std, 3) == 3.264
    assert row.threshold is None  # basic-2012 judges the composite, not single indicators
    assert row.schools == 5 and row.students == 302
    composite = _row(report, COMPOSITE, year=2014)
    assert composite.threshold == 0.65
    assert composite.cv is None and composite.passed is None  # seven indicators have no data


def test_header_units_and_aliases():
    assert parse_header("教学仪器设备值(万元)") == ("教学仪器设备值", 10000.0)
    assert parse_header("教学仪器设备值（万元）") == ("教学仪器设备值", 10000.0)
    assert parse_header("教学仪器设备值(元)") == ("教学仪器设备值", 1.0)
    assert parse_header("Equipment Value (10k yuan)") == ("equipment_value", 10000.0)
    assert parse_header("体育运动场馆面积（平方米）") == ("体育运动场馆面积", 1.0)


def test_wanyuan_column_is_converted_to_yuan(make_archive):
    data = (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes()
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.xlsx": data}))
    row = _row(report, EQUIPMENT)
    # 小学: 60, 10 and 20 万元 over 400, 100 and 200 pupils -> X̄ = 900000 / 700 yuan
    assert row.mean == pytest.approx(900000 / 700)
    values = {v.school: v.value for v in report.school_values
              if (v.year, v.level, v.indicator) == (2016, "小学", EQUIPMENT)}
    assert values["城关小学"] == pytest.approx(1500.0)
    assert values["河西小学"] == pytest.approx(1000.0)


def test_gbk_csv_in_yuan_matches_the_wanyuan_workbook(make_archive, tmp_path):
    xlsx = compute_indicators(_archive(make_archive, {
        "content/data/school_stats.xlsx": (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes()}, years="2016"))
    root = tmp_path / "gbk"
    (root / "content" / "data").mkdir(parents=True)
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text("years: 2016\n", "utf-8")
    shutil.copy(FIXTURES / "school_stats_gbk.csv", root / "content" / "data" / "school_stats.csv")
    gbk = compute_indicators(load_config(root))
    assert not _problems(gbk) and not _problems(xlsx)
    assert [r.to_dict() for r in gbk.balance] == [r.to_dict() for r in xlsx.balance]


def test_nine_year_school_counts_once_in_each_level(make_archive):
    data = (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes()
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.xlsx": data}))
    primary, junior = _row(report, COMPOSITE, level="小学"), _row(report, COMPOSITE, level="初中")
    assert (primary.schools, primary.students) == (3, 700)
    assert (junior.schools, junior.students) == (2, 750)
    levels = {v.level for v in report.school_values if v.school == "石门九年一贯制学校"}
    assert levels == {"小学", "初中"}
    # every basic-2012 indicator has data, so the composite is the plain mean of the eight
    cvs = [r.cv for r in report.balance if (r.year, r.level) == (2016, "小学") and r.indicator != COMPOSITE]
    assert len(cvs) == 8 and primary.cv == pytest.approx(sum(cvs) / 8)
    assert primary.passed is (primary.cv <= 0.65)


def test_combined_level_in_one_row_is_a_problem(make_archive):
    csv = STATS_HEADER + "2016,甲校,小学,100,500\n2016,乙校,九年一贯制,300,900\n2016,丙校,小学,50,400\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    problem = next(p for p in report.problems if p.code == "stats.combined_level")
    assert problem.path == "data/school_stats.csv"
    assert problem.params["row"] == 3 and problem.params["column"] == "学段 (C)"
    assert "row 3" in problem.message and "学段 (C)" in problem.message
    assert _row(report, BOOKS).schools == 2


@pytest.mark.parametrize("students", ["", "0"])
def test_missing_or_zero_students_is_a_problem_not_a_crash(make_archive, students):
    csv = STATS_HEADER + f"2016,甲校,小学,100,500\n2016,乙校,小学,{students},900\n2016,丙校,小学,50,400\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    problem = next(p for p in report.problems if p.code == "stats.no_students")
    assert problem.severity == "error"
    assert (problem.params["row"], problem.params["column"]) == (3, "学生数 (D)")
    assert "students" in problem.message
    row = _row(report, BOOKS)
    assert row.schools == 2 and row.mean == pytest.approx(900 / 150)


def test_bad_cell_names_file_row_and_column_and_leaves_the_school_out_of_that_indicator(make_archive):
    csv = STATS_HEADER + "2016,甲校,小学,100,500\n2016,乙校,小学,80,约九百\n2016,丙校,小学,50,400\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    assert _codes(report) == ["stats.bad_number_indicator"]
    problem = _problems(report)[0]
    assert problem.severity == "error"
    assert problem.params == {"file": "data/school_stats.csv", "row": 3, "column": "图书册数 (E)", "value": "约九百",
                              "school": "乙校", "year": 2016}
    row = _row(report, BOOKS)
    assert row.schools == 2 and row.left_out == ["乙校"] and not row.complete and row.passed is None


def test_english_headers_and_level_aliases(make_archive):
    csv = "year,school,level,students,books\n2015,A,primary,100,500\n2015,B,Primary,50,400\n2015,C,junior,80,800\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    assert not _problems(report)
    assert _row(report, BOOKS, 2015).mean == pytest.approx(900 / 150)
    assert _row(report, BOOKS, 2015, "初中").cv == pytest.approx(0.0)


def test_missing_required_column_is_one_problem(make_archive):
    csv = "年度,学校,学生数\n2016,甲校,100\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    assert _codes(report).count("stats.missing_column") == 1
    assert "学段" in _problems(report)[_codes(report).index("stats.missing_column")].params["columns"]
    assert report.balance == []


def test_missing_school_stats_is_an_error_and_other_tables_warnings(make_archive):
    report = compute_indicators(_archive(make_archive, {"content/readme.txt": "x"}))
    severities = {p.params["table"]: p.severity for p in report.problems if p.code == "stats.missing_table"}
    assert severities["school_stats"] == "error"
    assert severities["classes"] == "warning"


def test_schools_named_by_code_resolve_through_the_registry(make_archive):
    registry = "学校名称,学校代码,学段\n城关小学,3601001,小学\n河西小学,3601002,小学\n"
    csv = STATS_HEADER + "2016,3601001,小学,100,500\n2016,河西小学,小学,50,400\n2016,无名小学,小学,50,100\n"
    report = compute_indicators(_archive(make_archive, {
        "content/data/schools.csv": registry, "content/data/school_stats.csv": csv}))
    names = {(v.school, v.school_id) for v in report.school_values}
    assert ("城关小学", "3601001") in names and ("河西小学", "3601002") in names
    unknown = [p for p in report.problems if p.code == "stats.unknown_school"]
    assert len(unknown) == 1 and unknown[0].severity == "error" and unknown[0].params["school"] == "无名小学"
    assert not _row(report, BOOKS).complete  # a school the registry does not know: the figure is not judged


def test_duplicate_rows_keep_the_first(make_archive):
    csv = STATS_HEADER + "2016,甲校,小学,100,500\n2016,甲校,小学,100,900\n2016,乙校,小学,50,100\n"
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    problem = next(p for p in report.problems if p.code == "stats.duplicate_row")
    assert (problem.params["row"], problem.params["first_row"]) == (3, 2)
    assert _row(report, BOOKS).mean == pytest.approx(600 / 150)


def test_year_filter(make_archive):
    csv = STATS_HEADER + "2015,甲校,小学,100,500\n2015,乙校,小学,50,100\n2016,甲校,小学,100,500\n2016,乙校,小学,50,400\n"
    config = _archive(make_archive, {"content/data/school_stats.csv": csv}, years="2015-2016")
    assert compute_indicators(config).years == [2015, 2016]
    report = compute_indicators(config, year=2016)
    assert report.years == [2016] and {r.year for r in report.balance} == {2016}


def test_top_contributors_are_the_largest_terms(make_archive):
    csv = (FIXTURES / "worked_example.csv").read_text("utf-8")
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    top = [v for v in report.contributors() if v.indicator == BOOKS]
    # 丙 (10.51 books per pupil) and 丁 (2.11) sit furthest from 6.334 with the most pupils
    assert [v.school for v in top] == ["丙小学", "丁小学", "乙小学"]
    assert sum(v.share for v in report.school_values if v.indicator == BOOKS) == pytest.approx(1.0)


# --- the other sections ---------------------------------------------------------------------------


def test_class_sizes_count_large_and_very_large(make_archive):
    csv = "年度,学校,班级,学生数\n" + "".join(
        f"2016,城关小学,{i}班,{n}\n" for i, n in enumerate([45, 55, 56, 65, 66, 72], start=1)
    ) + "2016,河西小学,1班,30\n"
    report = compute_indicators(_archive(make_archive, {"content/data/classes.csv": csv}, years="2016"))
    city = next(r for r in report.class_sizes if r.school == "城关小学")
    assert (city.classes, city.large, city.very_large, city.max_size) == (6, 2, 2, 72)
    assert city.large_share == pytest.approx(2 / 6)
    total = report.class_size_totals[0]
    assert (total.year, total.classes, total.large, total.very_large) == (2016, 7, 2, 2)


def test_teacher_exchange_rates_against_10_and_20_percent(make_archive):
    csv = "年度,应交流教师数,实际交流教师数,其中骨干及中高级教师数\n2015,200,18,5\n2016,200,25,6\n2017,0,0,0\n"
    report = compute_indicators(_archive(make_archive, {"content/data/teacher_exchange.csv": csv}, years="2015-2017"))
    y2015, y2016, y2017 = report.exchange
    assert y2015.rate == pytest.approx(0.09) and y2015.rate_pass is False
    assert y2015.backbone_share == pytest.approx(5 / 18) and y2015.backbone_pass is True
    assert y2016.rate_pass is True and y2016.backbone_share == pytest.approx(0.24)
    assert y2017.rate is None and y2017.rate_pass is None
    assert "stats.zero_denominator" in _codes(report)


def test_consolidation_rate_is_capped_at_100_percent(make_archive):
    csv = "年度,学段,毕业人数,入学时人数,转入人数,转出人数\n2016,小学,505,500,10,5\n2016,初中,390,400,5,10\n"
    report = compute_indicators(_archive(make_archive, {"content/data/consolidation.csv": csv}, years="2016"))
    primary, junior = report.consolidation
    assert primary.uncapped == pytest.approx(505 / 505) and primary.rate == 1.0 and primary.passed
    assert junior.rate == pytest.approx(390 / 395) and junior.passed is (390 / 395 >= 0.988)
    csv2 = "年度,学段,毕业人数,入学时人数,转入人数,转出人数\n2016,小学,520,500,10,5\n"
    capped = compute_indicators(_archive(make_archive, {"content/data/consolidation.csv": csv2},
                                         years="2016")).consolidation[0]
    assert capped.rate == 1.0 and capped.uncapped == pytest.approx(520 / 505)


def test_satisfaction_against_85_percent(make_archive):
    csv = "年度,调查人数,满意人数\n2016,1000,840\n2017,1000,912\n"
    report = compute_indicators(_archive(make_archive, {"content/data/satisfaction.csv": csv}))
    assert [(r.year, r.rate, r.passed) for r in report.satisfaction] == [(2016, 0.84, False), (2017, 0.912, True)]


def test_small_schools_are_funded_at_the_configured_benchmark(make_archive):
    csv = STATS_HEADER + (
        "2016,大校,小学,400,2000\n"
        "2016,村小,小学,60,300\n"
        "2016,山区学校,小学,30,150\n2016,山区学校,初中,20,100\n"
    )
    report = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv}))
    small = {r.school: r for r in report.small_schools}
    assert set(small) == {"村小", "山区学校"}
    # the shipped default: 600 yuan a primary pupil, 800 a junior pupil (not the 100/142 transfer floor)
    assert small["村小"].rate == 600 and small["村小"].owed == pytest.approx(40 * 600)
    assert small["村小"].funding_floor == pytest.approx(100 * 600)
    # 30 primary pupils at 600 yuan and 20 junior at 800: 680 yuan a pupil, 50 pupils short
    assert small["山区学校"].rate == pytest.approx((30 * 600 + 20 * 800) / 50)
    assert small["山区学校"].owed == pytest.approx(50 * 680)
    assert small["山区学校"].levels == "小学/初中"
    funding = report.to_dict()["funding"]
    assert funding["benchmark"][0]["per_pupil_yuan"] == {"小学": 600, "初中": 800}
    assert "未经原文核实" in funding["benchmark"][0]["source"]
    assert funding["small_school"]["size"] == 100 and "运政发〔2017〕42号" in funding["small_school"]["source"]
    assert funding["transfer_floor"][0]["per_pupil_yuan"] == {"小学": 100, "初中": 142}


# --- profiles -------------------------------------------------------------------------------------


def test_profiles_define_eight_and_seven_indicators():
    basic, quality = get_profile("basic-2012"), get_profile("quality-2017")
    assert len(basic.indicators) == 8 and basic.composite_thresholds == {"小学": 0.65, "初中": 0.55}
    assert len(quality.indicators) == 7 and quality.indicator_thresholds == {"小学": 0.50, "初中": 0.45}
    assert get_profile(None).name == "basic-2012"


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ArchiveError, match="quality-2099"):
        get_profile("quality-2099")


def test_quality_profile_judges_every_indicator_and_reports_no_data(make_archive):
    data = (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes()
    files = {"content/data/school_stats.xlsx": data, "site_config/archive.yml": "indicator_profile: quality-2017\n"}
    report = compute_indicators(_archive(make_archive, files))
    assert report.profile == "quality-2017"
    rows = {r.indicator: r for r in report.balance if (r.year, r.level) == (2016, "初中")}
    assert rows["每百名学生拥有网络多媒体教室数"].cv is None  # no such column in the table
    assert rows["每百名学生拥有网络多媒体教室数"].passed is None
    area = rows["生均教学及辅助用房面积"]
    assert area.threshold == 0.45 and area.passed is (area.cv <= 0.45)
    assert rows[COMPOSITE].threshold is None and rows[COMPOSITE].passed is None
    assert compute_indicators(load_config(make_archive(files, name="again")), profile="basic-2012").profile == "basic-2012"


def test_json_balance_rows_have_the_agreed_keys(make_archive):
    csv = (FIXTURES / "worked_example.csv").read_text("utf-8")
    data = compute_indicators(_archive(make_archive, {"content/data/school_stats.csv": csv})).to_dict()
    row = next(r for r in data["balance"] if r["indicator"] == BOOKS)
    assert {"year", "level", "indicator", "cv", "threshold", "pass"} <= set(row)
    assert row["cv"] == pytest.approx(0.515, abs=5e-4)
    assert data["sources"] == {"school_stats": "data/school_stats.csv"}
