"""An integer of more digits than Python converts (4,300) in any file the tool reads is one located problem.

``int()`` refuses such a number with a ValueError (CVE-2020-10735's limit). A 学生数 of 5,000 nines in
schools.csv is a bad cell of its row (file, row, column and the fix) and the rest builds; in archive.yml, a
checklist or waivers.yml it is the usual ``file:line`` message, as in a clerk's frontmatter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core import yamlio

LONG = "9" * 5000
SCHOOLS = ("学校名称,学校代码,学段,乡镇,寄宿,学生数,班级数\n"
           f"测试县第一小学,0000000001,小学,城关镇,否,{LONG},12\n"
           "测试县第二小学,0000000002,小学,城关镇,否,300,6\n")


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    assert CliRunner().invoke(cli, ["init", str(root), "--county", "测试县"], catch_exceptions=False).exit_code == 0
    folder = root / "content/县地震局/发展规划/2016"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "规划.md").write_text("---\n标题: 发展规划\n日期: 2016-03-01\n---\n\n# 正文\n\n普通正文内容。\n", "utf-8")
    return root


def _run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    assert "Traceback" not in result.output and "4300" not in result.output, result.output
    return result


def test_a_count_of_five_thousand_digits_in_schools_csv_is_one_problem_and_the_site_builds(tmp_path):
    root = _archive(tmp_path)
    (root / "content/data").mkdir(parents=True, exist_ok=True)
    (root / "content/data/schools.csv").write_text(SCHOOLS, encoding="utf-8-sig")
    check = _run(root, "check")
    lines = [line for line in check.output.splitlines() if "is not a whole number" in line]
    assert len(lines) == 1 and "schools.csv" in lines[0] and "row 2" in lines[0] and "(F)" in lines[0], check.output
    assert "Write digits only" in check.output
    build = _run(root, "build")
    assert (root / "site/index.html").is_file(), build.output


@pytest.mark.parametrize(("rel", "text", "line"), [
    ("site_config/archive.yml", f"name: x\ncounty: 测试县\nyears: [2014, {LONG}]\n", 3),
    ("checklists/county.yml", f"title: t\nitems:\n  - id: {'1' * 5000}\n    title: b\n", 3),
    ("checklists/waivers.yml", f"waivers:\n  - item: {'1' * 5000}\n", 2),
])
def test_a_five_thousand_digit_integer_in_a_settings_file_is_its_file_and_line(tmp_path, rel, text, line):
    root = _archive(tmp_path)
    (root / rel).write_text(text, "utf-8")
    result = _run(root, "check")
    assert result.exit_code != 0
    assert f"{rel}:{line}: the file holds a number of more than 4,300 digits" in result.output, result.output


def test_a_five_thousand_digit_integer_in_a_document_s_metadata_is_its_line(tmp_path):
    with pytest.raises(yamlio.Refused) as refused:
        yamlio.safe_loads(f"标题: 通知\n页数: {LONG}\n")
    assert refused.value.code == "scan.yaml_number_too_long" and yamlio.error_line(refused.value) == 2
    assert yamlio.safe_loads("页数: 12\n代码: 0x1F\n") == {"页数": 12, "代码": 31}  # ordinary integers as before
