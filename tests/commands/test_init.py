"""``archive-builder init``: the new project tree, its refusal to overwrite, and a first check."""

from __future__ import annotations

import csv
import json

import openpyxl

from archive_builder.core.config import load_config


def test_init_creates_a_ready_archive(tmp_path, run_cli):
    root = tmp_path / "测试县档案"
    result = run_cli(None, "init", str(root), "--county", "测试县")
    assert result.exit_code == 0, result.output
    config = load_config(root)
    assert config.county == "测试县"
    assert config.name == "测试县义务教育发展基本均衡县迎检档案"
    for department in config.departments:
        for category in config.categories:
            assert (root / "content" / department.name / category.name).is_dir()
    assert (root / "checklists").is_dir() and list((root / "checklists").glob("*.yml"))
    assert "content/" in (root / "使用说明.md").read_text("utf-8")
    assert "site/" in (root / ".gitignore").read_text("utf-8")
    assert (root / "mkdocs.yml").is_file()
    assert (root / "ci/gitlab-ci.yml").is_file() and (root / "ci/github-actions.yml").is_file()
    with (root / "content/data/schools.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["学校名称", "学校代码", "学段"] and len(rows) == 2
    sheet = openpyxl.load_workbook(root / "模板/学校名册.xlsx").active
    assert [c.value for c in sheet[1]][:2] == ["学校名称", "学校代码"]


def test_init_refuses_to_overwrite(tmp_path, run_cli):
    root = tmp_path / "a"
    assert run_cli(None, "init", str(root), "--county", "甲县").exit_code == 0
    marker = root / "site_config/archive.yml"
    before = marker.read_bytes()
    result = run_cli(None, "init", str(root), "--county", "乙县")
    assert result.exit_code == 1
    assert "nothing was changed" in result.output
    assert marker.read_bytes() == before


def test_new_archive_scans_clean_and_checks_everything_missing_in_chinese(tmp_path, run_cli):
    root = tmp_path / "x"
    assert run_cli(None, "init", str(root), "--county", "测试县").exit_code == 0
    scan = run_cli(root, "scan", "--json")
    assert scan.exit_code == 0
    assert json.loads(scan.stdout)["problems"] == []
    check = run_cli(root, "check", "--format", "json")
    data = json.loads(check.stdout)
    assert data["summary"]["items"] > 0
    assert data["summary"]["complete"] == 0
    assert all(item["status"] == "missing" for item in data["items"])
    zh = run_cli(root, "--lang", "zh", "check")
    assert "缺失" in zh.output
    assert zh.exit_code == 3  # missing evidence


def test_packaged_ci_examples_match_the_documented_ones():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    for name in ("gitlab-ci.yml", "github-actions.yml"):
        assert (repo / "docs/ci" / name).read_bytes() == (repo / "archive_builder/defaults/ci" / name).read_bytes()
