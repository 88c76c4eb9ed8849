"""``archive-builder indicators``: table view, JSON, workbook, profiles and exit codes; golden JSON for the demo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "indicators_demo.json"
REPO = Path(__file__).resolve().parents[2]
OTHER_TABLES = {
    "content/data/classes.csv": "年度,学校,班级,学生数\n2016,城关小学,1班,58\n2016,城关小学,2班,45\n",
    "content/data/teacher_exchange.csv": "年度,应交流教师数,实际交流教师数,其中骨干及中高级教师数\n2016,300,33,8\n",
    "content/data/consolidation.csv": "年度,学段,毕业人数,入学时人数,转入人数,转出人数\n2016,初中,590,600,4,6\n",
    "content/data/satisfaction.csv": "年度,调查人数,满意人数\n2016,1200,1068\n",
}


@pytest.fixture
def stats_archive(make_archive) -> Path:
    """An archive with the 万元 workbook and one small table of each other kind."""
    return make_archive({"content/data/school_stats.xlsx": (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes(),
                         "site_config/archive.yml": "years: 2016\n", **OTHER_TABLES})


def test_json_has_balance_rows_with_a_composite_per_level(stats_archive, run_cli):
    result = run_cli(stats_archive, "indicators", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    composites = [r for r in data["balance"] if r["indicator"] == "综合差异系数"]
    assert [(r["year"], r["level"], r["threshold"]) for r in composites] == [(2016, "小学", 0.65), (2016, "初中", 0.55)]
    assert all(set(r) >= {"year", "level", "indicator", "cv", "threshold", "pass"} for r in data["balance"])
    assert all(r["pass"] is True for r in composites)
    assert data["teacher_exchange"][0]["rate"] == 0.11 and data["teacher_exchange"][0]["rate_pass"] is True
    assert data["consolidation"][0]["rate"] == 590 / 598  # full precision, never rounded
    assert data["satisfaction"][0]["rate"] == 0.89
    assert data["class_size_totals"][0]["large"] == 1
    assert data["funding"]["benchmark"][0]["per_pupil_yuan"] == {"小学": 600, "初中": 800}
    assert data["funding"]["transfer_floor"][0]["per_pupil_yuan"] == {"小学": 100, "初中": 142}


def test_table_view_shows_each_indicator_the_verdict_and_the_floor(stats_archive, run_cli):
    result = run_cli(stats_archive, "indicators")
    assert result.exit_code == 0
    for text in ("2016 小学: difference coefficients", "生均图书册数", "≤ 0.65", "met",
                 "teacher exchange: 11.0% of eligible teachers", "600 yuan per primary pupil"):
        assert text in result.output, text


def test_chinese_messages(stats_archive, run_cli):
    result = run_cli(stats_archive, "--lang", "zh", "indicators")
    assert "2016 年小学校际差异系数" in result.output
    assert "达标" in result.output


def test_year_and_profile_options(stats_archive, run_cli):
    data = json.loads(run_cli(stats_archive, "indicators", "--json", "--profile", "quality-2017").stdout)
    assert data["profile"] == "quality-2017"
    names = {r["indicator"] for r in data["balance"]}
    assert "每百名学生拥有网络多媒体教室数" in names and "生均图书册数" not in names
    assert json.loads(run_cli(stats_archive, "indicators", "--json", "--year", "2015").stdout)["balance"] == []


def test_unknown_profile_fails_with_the_known_names(stats_archive, run_cli):
    result = run_cli(stats_archive, "indicators", "--profile", "nope")
    assert result.exit_code == 1
    assert "basic-2012" in result.output and "quality-2017" in result.output


def test_workbook_has_chinese_headers(stats_archive, run_cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "指标.xlsx"
    result = run_cli(stats_archive, "indicators", "--output", str(target))
    assert result.exit_code == 0 and target.is_file()
    workbook = load_workbook(target)
    sheet = workbook["差异系数"]
    assert [c.value for c in sheet[1]][:6] == ["年度", "学段", "指标", "全县值X̄", "标准差S", "差异系数"]
    composite = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[2] == "综合差异系数"]
    assert len(composite) == 2 and composite[0][7] == "达标"
    assert "不足100人学校" in workbook.sheetnames


def test_output_must_be_xlsx(stats_archive, run_cli, tmp_path):
    result = run_cli(stats_archive, "indicators", "--output", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_bad_cell_is_reported_and_fails_the_run(make_archive, run_cli):
    root = make_archive({"content/data/school_stats.csv":
                         "年度,学校,学段,学生数,图书册数\n2016,甲校,小学,100,500\n2016,乙校,小学,0,300\n"})
    result = run_cli(root, "indicators")
    assert result.exit_code == 1
    assert "data/school_stats.csv: row 3, column 学生数 (D)" in result.output


def test_no_statistics_at_all(make_archive, run_cli):
    result = run_cli(make_archive({"content/readme.txt": "x"}), "indicators")
    assert result.exit_code == 1
    assert "No statistics to show" in result.output


def test_demo_matches_the_golden_json(run_cli, demo_archive):
    """The demo's figures; after a deliberate change regenerate with ARCHIVE_BUILDER_UPDATE_GOLDEN=1."""
    result = run_cli(demo_archive, "indicators", "--json")
    data = json.loads(result.stdout)
    if os.environ.get("ARCHIVE_BUILDER_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text("utf-8"))
    composites = {(r["year"], r["level"]) for r in data["balance"] if r["indicator"] == "综合差异系数"}
    assert composites == {(y, lv) for y in range(2014, 2018) for lv in ("小学", "初中")}
    assert all(r["cv"] is not None for r in data["balance"])
