"""A file the tool could not read, or whose metadata it could not parse, may be classified.

The public problems page (and the rest of the site) names it only by its 档号, or by its department and
category ("1 个文件待复核"); never by its file name, which may carry the title. The clerk's own scan still
names the file, so that it can be fixed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli

FOLDER = "content/县教科局/发展规划/2016"
UTF16 = "关于绝密工程的通知.txt"  # UTF-16-LE without a BOM, 密级：机密 on its first line
LISTED = "列表方案.md"  # front matter that is a YAML list, 密级 in it
NAMES = ("绝密工程", "列表方案")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("unread") / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / UTF16).write_bytes("密级：机密\n关于绝密工程的通知\n正文内容\n".encode("utf-16-le"))
    (folder / LISTED).write_text("---\n- 密级: 机密\n- 标题: 列表方案\n---\n正文\n", "utf-8")
    (folder / "公开通知.md").write_text("---\n标题: 公开通知\n日期: 2016-03-01\n---\n正文\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "--lang", "en", "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def test_the_problems_page_names_unread_files_by_department_and_category_only(archive):
    page = (archive / "site" / "problems.html").read_text("utf-8")
    rows = re.findall(r"<tr><td><code>(.*?)</code>", page)
    assert rows.count("县教科局 / 发展规划：1 个文件待复核") == 2, rows  # in the site's language (zh), not --lang
    for name in NAMES:
        assert name not in page


def test_no_file_of_the_site_names_an_unread_file(archive):
    for path in (archive / "site").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for name in NAMES:
                assert name.encode() not in data, path
                assert name.encode("unicode_escape") not in data, path  # \\u escapes in a JSON index


def test_the_clerks_scan_still_names_the_files(archive):
    result = CliRunner().invoke(cli, ["--root", str(archive), "scan"], catch_exceptions=False)
    assert UTF16 in result.output and LISTED in result.output
