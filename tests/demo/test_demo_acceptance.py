"""Acceptance checks that run the commands on the demo archive itself (or a scratch copy of it)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from archive_builder.archival.catalogue import COLUMNS
from archive_builder.commands.cli import cli

REPO = Path(__file__).resolve().parents[2]


def content_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "content").rglob("*")) if p.is_file()
    }


def invoke(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def demo(tmp_path) -> Path:
    root = tmp_path / "demo"
    for part in ("content", "checklists", "site_config"):
        shutil.copytree(REPO / part, root / part)
    for name in ("mkdocs.yml", "archive_numbers.csv"):
        shutil.copy2(REPO / name, root / name)
    return root


def test_reading_commands_leave_the_demo_content_byte_for_byte_unchanged(demo_archive):
    before = content_digest(demo_archive)
    assert invoke(demo_archive, "scan", "--json").exit_code == 0
    assert invoke(demo_archive, "check", "--format", "json").exit_code in (0, 1)
    assert invoke(demo_archive, "status").exit_code == 0
    assert content_digest(demo_archive) == before
    assert before == content_digest(REPO)


def test_scan_json_on_the_demo_lists_every_department_and_category(demo_archive):
    data = json.loads(invoke(demo_archive, "scan", "--json").stdout)
    docs = data["documents"]
    assert len(docs) >= 150
    for key in ("path", "title", "department", "category", "years", "type", "sha256", "size"):
        assert all(key in d for d in docs)
    from archive_builder.core.config import load_config

    config = load_config(REPO)
    assert {d["department"] for d in docs} == {d.id for d in config.departments}
    assert {d["category"] for d in docs} == {c.id for c in config.categories}


def test_every_seed_department_owns_a_checklist_item(demo_archive):
    data = json.loads(invoke(demo_archive, "check", "--format", "json").stdout)
    from archive_builder.core.config import load_config

    owners = {item["department"] for item in data["items"]}
    assert {d.id for d in load_config(REPO).departments} <= owners


def test_search_on_the_demo_returns_snippets_with_the_query(demo):
    data = json.loads(invoke(demo, "search", "教师交流", "--json").stdout)
    assert data["total"] >= 1
    assert all("教师" in r["snippet"] and "交流" in r["snippet"] for r in data["results"][:3])


def test_catalogue_xlsx_on_the_demo(demo, tmp_path):
    out = tmp_path / "目录.xlsx"
    result = invoke(demo, "catalogue", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    from archive_builder.core.config import load_config
    from archive_builder.inventory.scan import scan_archive

    secret_titles = {d.title for d in scan_archive(load_config(demo)).documents if d.is_secret}
    workbook = openpyxl.load_workbook(out)
    listed = 0
    for sheet in workbook.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        assert tuple(rows[0]) == COLUMNS
        numbers = [int(str(r[1]).rsplit("-", 1)[1]) for r in rows[1:]]
        assert numbers == list(range(1, len(numbers) + 1)), sheet.title
        assert not secret_titles & {r[4] for r in rows[1:]}
        listed += len(rows) - 1
    assert listed == 383  # every document of the demo (docs/demo.md)


def test_adding_a_document_to_the_demo_changes_no_earlier_code(demo):
    from archive_builder.archival.numbers import read_record

    before = {path: code for path, (code, _sha) in read_record(demo).items()}
    target = demo / "content/县财政局/保障机制/2016/2016年新增经费说明.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\n日期: 2016-01-02\n---\n# 2016年新增经费说明\n", encoding="utf-8")
    assert invoke(demo, "catalogue", "--format", "csv", "--output", str(demo / "c.csv")).exit_code == 0
    after = {path: code for path, (code, _sha) in read_record(demo).items()}
    assert {p: after[p] for p in before} == before
    assert after["县财政局/保障机制/2016/2016年新增经费说明.md"] not in before.values()


def test_broken_demo_file_is_on_the_problems_page_and_strict_keeps_the_previous_site(demo):
    assert invoke(demo, "build").exit_code == 0
    broken = next((demo / "content").rglob("*.pdf"))
    broken.write_bytes(b"%PDF-1.4 broken beyond repair")
    result = invoke(demo, "build")
    assert result.exit_code == 0
    problems = (demo / "site/problems.html").read_text("utf-8")
    assert broken.stem not in problems  # unread, it may be classified: named by its 档号 or its folder only
    recorded = {row[1]: row[0] for row in csv.reader((demo / "archive_numbers.csv").open(encoding="utf-8"))}
    department, category = broken.relative_to(demo / "content").parts[:2]
    assert recorded.get(str(broken.relative_to(demo / "content")), "-") in problems \
        or f"{department} / {category}：1 个文件待复核" in problems
    before = {p: p.read_bytes() for p in (demo / "site").rglob("*") if p.is_file()}
    strict = CliRunner().invoke(cli, ["--root", str(demo), "build", "--strict"])
    assert strict.exit_code == 1
    after = {p: p.read_bytes() for p in (demo / "site").rglob("*") if p.is_file()}
    assert after == before


def test_gbk_console_scan_of_the_demo_in_chinese(demo_archive):
    env = dict(os.environ, PYTHONIOENCODING="gbk", CI="true")
    result = subprocess.run(
        [sys.executable, "-c", "from archive_builder.commands.cli import main; main()", "--root", str(demo_archive), "--lang", "zh",
         "scan"], capture_output=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    out = result.stdout.decode("gbk")
    assert "份材料" in out and "不公开" in out
    assert b"Traceback" not in result.stderr
