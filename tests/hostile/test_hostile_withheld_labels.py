"""How the site names a withheld file in its problems: in the site's language (zh), whatever --lang the
build ran with, 内部 for an internal document, 涉密 for a classified one, 待复核 for a file never read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import archive_builder
from archive_builder.commands.cli import cli

FOLDER = "content/县教科局/发展规划/2016"
FILES = {
    "内部方案.md": "---\n标题: 内部方案\n密级: 内部\n日期: 昨天\n---\n正文\n",  # read; a bad date
    "机密方案.md": "---\n标题: 机密方案\n密级: 机密\n日期: 昨天\n---\n正文\n",
    "内部二.md": "---\n标题: 内部二\n密级: 内部\n年度: 去年\n---\n正文\n",  # skipped for its year: not read
    "公开.md": "---\n标题: 公开\n---\n正文\n",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_problems_page_names_withheld_files_in_the_site_language_and_level(tmp_path, lang):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    for name, text in FILES.items():
        (root / FOLDER / name).write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "--lang", lang, "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (root / "site" / "problems.html").read_text("utf-8")
    rows = [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr><td><code>(.*?)</code>", page)]
    assert len(rows) == 3, rows
    assert sum(re.fullmatch(r"县教科局/发展规划/2016/（内部文件 [0-9a-f]{8}）", row) is not None for row in rows) == 1, rows
    assert sum(re.fullmatch(r"县教科局/发展规划/2016/（涉密文件 [0-9a-f]{8}）", row) is not None for row in rows) == 1, rows
    assert rows.count("县教科局 / 发展规划：1 个文件待复核") == 1, rows
    assert "classified" not in page.lower()
    for name in FILES:
        assert name.removesuffix(".md") not in page


def test_a_checklist_item_page_names_its_unlinked_evidence_as_the_documents_are(tmp_path):
    """An internal document left out of the site is 内部, not 涉密, on the item page it counts for."""
    folder = tmp_path / "archive" / "content/县发改局/发展规划/2016"
    folder.mkdir(parents=True)
    (folder / "甲.md").write_text("---\n标题: 内部的教育发展规划\n密级: 内部\n---\n正文\n", "utf-8")
    (folder / "乙.md").write_text("---\n标题: 机密的教育发展规划\n密级: 机密\n---\n正文\n", "utf-8")
    (folder / "丙.md").write_text("---\n标题: 公开的教育发展规划\n---\n正文\n", "utf-8")
    (tmp_path / "archive" / "checklists").mkdir()
    shutil.copy(Path(archive_builder.__file__).parent / "checklists" / "departments.yml", tmp_path / "archive" / "checklists")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path / "archive"), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (tmp_path / "archive" / "site" / "items" / "fagai-education-plan.html").read_text("utf-8")
    evidence = re.findall(r"<li>(.*?)</li>", page.split('class="ab-evidence"')[1].split("</ul>")[0], re.S)
    shown = sorted(re.sub(r"<[^>]+>", "", item).strip() for item in evidence)
    assert shown == ["公开的教育发展规划 · 2016", "（内部文件，未上网） · 2016", "（涉密文件，未上网） · 2016"], shown
    assert "内部的教育发展规划" not in page and "机密的教育发展规划" not in page
