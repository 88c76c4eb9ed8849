"""An ID whose check character is typed as the Roman numeral Ⅹ (U+2169) or ⅹ (U+2179), which an input method
offers beside X: the number is valid, and masked on the page, in the browser's search index and the CLI index."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text

ID = "14102319970802118X"  # born 1997-08-02, check character X
BODY = ID[:-1]


@pytest.mark.parametrize("check", ["Ⅹ", "ⅹ", "X"])
def test_an_id_ending_in_a_roman_ten_is_masked(check):
    masked, count = mask_text(f"身份证号：{BODY}{check}")
    assert count == 1
    assert BODY not in masked and masked.endswith("118" + check)


def test_an_id_ending_in_a_roman_ten_is_masked_on_the_page_and_in_both_indexes(tmp_path):
    root = tmp_path / "archive"
    page = root / "content/县教科局/发展规划/2016/学生名单.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n标题: 学生名单\n日期: 2016-03-01\n---\n# 学生名单\n\n张三 {BODY}Ⅹ 五年级\n\n李四 {BODY}ⅹ\n",
                    "utf-8")
    for command in (["build"], ["index"]):
        result = CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    pages = [p for p in (root / "site").rglob("*.html") if "张三" in p.read_text("utf-8", "replace")]
    search = [p for p in (root / "site" / "search").rglob("*") if p.is_file() and "张三" in p.read_text("utf-8", "replace")]
    assert pages and search, "the page and the browser's search text hold the document"
    written = [p for folder in (root / "site", root / ".archive-cache") for p in folder.rglob("*") if p.is_file()]
    found = CliRunner().invoke(cli, ["--root", str(root), "search", "张三"], catch_exceptions=False)
    assert found.exit_code == 0 and "学生名单" in found.output and BODY not in found.output, found.output
    for path in written:
        data = re.sub(r"\s", "", path.read_bytes().decode("utf-8", "replace"))
        assert BODY not in data and BODY.encode("utf-16-le") not in path.read_bytes(), path
