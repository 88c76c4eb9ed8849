"""School years in the statistics: 2016-2017学年, 2016学年, 2016/2017 are read and mapped by a documented rule."""

from __future__ import annotations

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import ConfigError
from archive_builder.statistics.stats import compute_indicators
from archive_builder.statistics.tables import CellError, parse_year

HEADER = "年度,学校,学段,学生数,图书册数\n"
ROWS = [("甲校", 100, 500), ("乙校", 50, 400), ("丙校", 80, 300)]


def table(labels: dict[int, str]) -> str:
    """Two years of three schools, the 年度 cell written as ``labels`` says."""
    lines = [f"{labels[year]},{school},小学,{pupils},{books + year - 2015}"
             for year in (2015, 2016) for school, pupils, books in ROWS]
    return HEADER + "\n".join(lines) + "\n"


def books(report) -> dict[int, float]:
    return {r.year: r.cv for r in report.balance if r.indicator == "生均图书册数"}


@pytest.mark.parametrize("text, start, end", [
    ("2016", 2016, 2016), ("2016年", 2016, 2016), ("2016年度", 2016, 2016), ("2016.0", 2016, 2016),
    ("2016-2017学年", 2016, 2017), ("2016—2017学年度", 2016, 2017), ("2016～2017学年", 2016, 2017),
    ("2016/2017", 2016, 2017), ("2016-17学年", 2016, 2017), ("2016年-2017年", 2016, 2017),
    ("2016学年", 2016, 2017), ("2016学年度", 2016, 2017), ("２０１６－２０１７学年", 2016, 2017),
])
def test_years_and_school_years_map_by_the_rule(text, start, end):
    assert parse_year(text, "start") == start
    assert parse_year(text, "end") == end


@pytest.mark.parametrize("text, code", [
    ("2016-2018学年", "stats.bad_school_year"), ("2017-2016", "stats.bad_school_year"),
    ("学年", "stats.bad_year"), ("二〇一六", "stats.bad_year"), ("16", "stats.bad_year"), ("1900", "stats.bad_year"),
])
def test_what_is_not_one_year_or_one_school_year_is_refused(text, code):
    with pytest.raises(CellError) as caught:
        parse_year(text)
    assert caught.value.code == code


@pytest.mark.parametrize("labels", [
    {2015: "2015-2016学年", 2016: "2016-2017学年"},
    {2015: "2015学年", 2016: "2016学年"},
    {2015: "2015/2016", 2016: "2016/2017"},
])
def test_a_table_kept_by_school_year_gives_the_same_figures(make_archive, labels):
    files = {"site_config/archive.yml": "years: 2015-2016\n"}
    calendar = compute_indicators(load_config(make_archive(
        {**files, "content/data/school_stats.csv": table({2015: "2015", 2016: "2016"})}, name="calendar")))
    school_years = compute_indicators(load_config(make_archive(
        {**files, "content/data/school_stats.csv": table(labels)}, name="school_years")))
    bad = [p for p in school_years.problems if p.code in ("stats.bad_year", "stats.bad_school_year")]
    assert bad == []
    assert books(school_years) == books(calendar)
    assert school_years.years == [2015, 2016] and school_years.school_year_rule == "start"


def test_the_end_rule_counts_a_school_year_for_the_year_it_ends(make_archive):
    report = compute_indicators(load_config(make_archive({
        "site_config/archive.yml": "years: 2016-2017\nstatistics:\n  school_year: end\n",
        "content/data/school_stats.csv": table({2015: "2015-2016学年", 2016: "2016-2017学年"})})))
    calendar = compute_indicators(load_config(make_archive({
        "site_config/archive.yml": "years: 2015-2016\n",
        "content/data/school_stats.csv": table({2015: "2015", 2016: "2016"})}, name="calendar")))
    assert books(report) == {2016: books(calendar)[2015], 2017: books(calendar)[2016]}
    assert report.to_dict()["school_year_rule"] == "end"


def test_a_school_year_and_its_calendar_year_for_one_school_are_a_duplicate(make_archive):
    csv = HEADER + "2016,甲校,小学,100,500\n2016-2017学年,甲校,小学,100,900\n2016,乙校,小学,50,400\n"
    report = compute_indicators(load_config(make_archive({"site_config/archive.yml": "years: 2016\n",
                                                          "content/data/school_stats.csv": csv})))
    problem = next(p for p in report.problems if p.code == "stats.duplicate_row")
    assert (problem.params["row"], problem.params["first_row"]) == (3, 2)


def test_an_unknown_rule_is_a_config_error_with_file_and_line(make_archive):
    root = make_archive({"site_config/archive.yml": "years: 2016\nstatistics:\n  school_year: middle\n"})
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    message = caught.value.format_message()
    assert "site_config/archive.yml:3" in message and "middle" in message and "start" in message
