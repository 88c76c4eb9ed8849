"""No output the tool writes lands on the archive: the site folder replaces only a site, a report or zip never
replaces a clerk's file or the archive's settings, and each refusal is one line with every file kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli

EVIDENCE = "content/县教科局/发展规划/2016/2016年规划.md"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".archive-cache" not in p.parts}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "county" / "archive"
    (root / EVIDENCE).parent.mkdir(parents=True)
    (root / EVIDENCE).write_text("---\n标题: 2016年规划\n---\n# 规划\n\n正文\n", "utf-8")
    (root / "checklists").mkdir()
    (root / "checklists" / "county.yml").write_text("items: []\n", "utf-8")
    (root / "mkdocs.yml").write_text("site_name: 档案\n", "utf-8")
    return root


def _run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.mark.parametrize("where", ["root", "parent", "other", "file"])
def test_the_site_never_replaces_the_archive_or_a_folder_of_other_files(archive, where):
    other = archive.parent / "其他材料"
    (other / "子文件夹").mkdir(parents=True)
    (other / "重要文件.txt").write_text("重要", "utf-8")
    output = {"root": archive, "parent": archive.parent, "other": other, "file": other / "重要文件.txt"}[where]
    before, beside = _snapshot(archive), _snapshot(other)
    result = _run(archive, "build", "--output", str(output))
    assert result.exit_code == (2 if where == "file" else 1), result.output  # a file: click's own usage error
    assert "Traceback" not in result.output
    if where != "file":
        assert result.output.count("\n") == 1 and "--output" in result.output, result.output
    assert _snapshot(archive) == before and _snapshot(other) == beside


def test_a_new_or_empty_folder_or_an_earlier_site_is_built_into(archive):
    empty = archive.parent / "网站"
    empty.mkdir()
    assert _run(archive, "build", "--output", str(empty)).exit_code == 0
    assert (empty / "manifest.json").is_file()
    assert _run(archive, "build", "--output", str(empty)).exit_code == 0  # an earlier site: replaced
    assert _run(archive, "build", "--output", str(archive.parent / "新网站")).exit_code == 0


@pytest.mark.parametrize("command", [
    ["build", "--zip"], ["catalogue", "--format", "xlsx", "--output"], ["catalogue", "--format", "csv", "--output"],
    ["check", "--format", "json", "--fail-on", "never", "--output"], ["indicators", "--output"],
    ["assess", "--format", "json", "--output"],
])
@pytest.mark.parametrize("target", [EVIDENCE, "content/data/school_stats.xlsx", "checklists/county.yml",
                                    "mkdocs.yml", "archive.yml", "content/县教科局/新报告.json"])
def test_no_report_or_zip_is_written_over_the_archive(archive, command, target):
    ours = True
    if command[0] == "indicators" and not target.endswith(".xlsx"):
        if "/" in target:
            target += ".xlsx"  # indicators writes workbooks only
        else:
            ours = False  # mkdocs.yml, archive.yml: refused as not a workbook before any of this
    before = _snapshot(archive)
    result = _run(archive, *command, str(archive / target))
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert ("content/" in result.output) == ours, result.output
    assert _snapshot(archive) == before
