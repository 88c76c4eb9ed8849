"""Funding rules as archive configuration: each value with its source, validated once with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import ConfigError
from archive_builder.statistics.stats import compute_indicators

REPO = Path(__file__).resolve().parents[2]
HEADER = "年度,学校,学段,学生数,图书册数\n"
SMALL = HEADER + "2016,大校,小学,400,2000\n2016,村小,小学,60,300\n2016,山区初中,初中,90,500\n"


def config_with(make_archive, archive_yml: str, stats: str = SMALL, name: str = "archive"):
    return load_config(make_archive({"site_config/archive.yml": archive_yml,
                                     "content/data/school_stats.csv": stats}, name=name))


def config_error(make_archive, archive_yml: str) -> str:
    with pytest.raises(ConfigError) as caught:
        config_with(make_archive, archive_yml)
    return caught.value.format_message()


def test_the_shipped_defaults_say_where_and_when_they_hold_and_cite_their_source(make_archive):
    funding = load_config(make_archive({})).funding
    assert "山西省" in funding.region and "2014" in funding.region and "2017" in funding.region
    (benchmark,) = funding.benchmark
    assert benchmark.years == (2014, 2015, 2016, 2017)
    assert (benchmark.rate("小学"), benchmark.rate("初中")) == (600, 800)
    assert "国发〔2015〕67号" in benchmark.source and "未经原文核实" in benchmark.source  # not verified: says so
    assert funding.small_school_size == 100 and "运政发〔2017〕42号 四(六)" in funding.small_school_source
    (floor,) = funding.transfer_floor
    assert (floor.rate("小学"), floor.rate("初中")) == (100, 142) and "襄政办发〔2017〕13号 四(一)" in floor.source


def test_the_small_school_shortfall_uses_the_benchmark_not_the_transfer_floor(make_archive):
    report = compute_indicators(config_with(make_archive, "years: 2016\n"))
    owed = {r.school: r.owed for r in report.small_schools}
    assert owed == {"村小": 40 * 600, "山区初中": 10 * 800}
    assert all("国发〔2015〕67号" in r.source for r in report.small_schools)


def test_an_archive_sets_its_own_rates_with_their_source(make_archive):
    archive_yml = """years: 2015-2016
funding:
  region: 某省（东部地区），2015—2016年
  benchmark:
    - {years: 2015, 小学: 550, 初中: 750, source: 某省财政厅 某文号}
    - {years: 2016, 小学: 650, 初中: 850, source: 国发〔2015〕67号 东部地区}
  small_school: {size: 80, source: 某省实施办法}
"""
    stats = SMALL + "2015,村小,小学,70,300\n2015,大校,小学,400,2000\n2015,山区初中,初中,90,500\n"
    report = compute_indicators(config_with(make_archive, archive_yml, stats))
    owed = {(r.year, r.school): r.owed for r in report.small_schools}
    assert owed == {(2015, "村小"): 10 * 550, (2016, "村小"): 20 * 650}  # 90 pupils are not under 80
    funding = report.to_dict()["funding"]
    assert funding["region"] == "某省（东部地区），2015—2016年" and funding["small_school"]["size"] == 80
    assert funding["transfer_floor"][0]["per_pupil_yuan"] == {"小学": 100, "初中": 142}  # the default stays


def test_a_year_without_a_benchmark_is_a_problem_not_a_guess(make_archive):
    archive_yml = ("years: 2016\nfunding:\n  region: 某省，2017年\n  benchmark:\n"
                   "    - {years: 2017, 小学: 650, 初中: 850, source: 某文}\n")
    report = compute_indicators(config_with(make_archive, archive_yml))
    assert report.small_schools == []
    problem = next(p for p in report.problems if p.code == "stats.no_benchmark")
    assert problem.severity == "error" and problem.path == "site_config/archive.yml"
    assert "2016" in problem.message and "funding: benchmark:" in problem.hint


@pytest.mark.parametrize("funding, line, words", [
    ("  region: 某省\n  benchmark:\n    - {years: 2016, 小学: 600, 初中: 800}\n", 5, ["source"]),
    ("  region: 某省\n  benchmark:\n    - {years: 2016, 小学: -1, 初中: 800, source: x}\n", 5, ["小学", "-1"]),
    ("  region: 某省\n  benchmark:\n    - {years: 2016, 小学: 600, source: x}\n", 5, ["初中"]),
    ("  region: 某省\n  benchmark:\n    - {years: 2016-2017, 小学: 600, 初中: 800, source: x}\n"
     "    - {years: 2017, 小学: 650, 初中: 850, source: y}\n", 6, ["2017", "two entries"]),
    ("  region: 某省\n  benchmark:\n    - {years: soon, 小学: 600, 初中: 800, source: x}\n", 5, ["soon"]),
    ("  benchmark:\n    - {years: 2016, 小学: 600, 初中: 800, source: x}\n", 3, ["province"]),
    ("  small_school: {size: many, source: x}\n", 3, ["many"]),
    ("  small_school: {size: 100}\n", 3, ["source"]),
    ("  region: 某省\n  rate: 600\n", 3, ["funding.rate", "benchmark"]),
])
def test_bad_funding_rules_name_file_and_line(make_archive, funding, line, words):
    message = config_error(make_archive, "years: 2016\nfunding:\n" + funding)
    assert f"site_config/archive.yml:{line}:" in message, message
    for word in words:
        assert word in message, message


def test_every_error_is_reported_at_once(make_archive):
    message = config_error(make_archive, "years: 2016\nfunding:\n  region: 某省\n  benchmark:\n"
                                         "    - {years: 2016, 小学: 0, 初中: 800}\n  small_school: {size: 0, source: x}\n")
    assert message.count("site_config/archive.yml:") == 3  # 小学, source, size


def test_the_demo_2017_shortfall_at_the_benchmark(run_cli, demo_archive):
    """Independent: pupils short of 100, times 600 / 800 yuan, from the demo workbook itself."""
    import json

    from openpyxl import load_workbook

    rows = list(load_workbook(REPO / "content/data/school_stats.xlsx", read_only=True).active.iter_rows(
        min_row=2, values_only=True))
    pupils: dict[str, dict[str, int]] = {}
    for year, school, level, students, *_ in rows:
        if year == 2017:
            pupils.setdefault(school, {})[level] = students
    expected = sum(600 * (100 - sum(p.values())) * p.get("小学", 0) / sum(p.values())
                   + 800 * (100 - sum(p.values())) * p.get("初中", 0) / sum(p.values())
                   for p in pupils.values() if sum(p.values()) < 100)
    data = json.loads(run_cli(demo_archive, "indicators", "--json", "--year", "2017").stdout)
    owed = sum(r["owed"] for r in data["small_schools"])
    assert owed == pytest.approx(expected, abs=1e-6)
    assert round(owed) == 596400
