"""The site keeps the check's three kinds of result apart: evidence items, target pages, file problems."""

from __future__ import annotations

import html
import re

import pytest
from test_check_indicators import FILES, TABLES

BROKEN = {"content/县教科局/发展规划/教育规划说明.md": "# 教育规划说明\n"}  # a file without a year


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("targets") / "archive"
    for rel, text in {**FILES, **TABLES, **BROKEN}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def text_of(page) -> str:
    """The visible text of a page (no tags, no scripts)."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", page.read_text("utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_a_target_has_a_page_with_every_year_and_a_link_to_the_statistics(site):
    page = site / "targets" / "primary-composite.html"
    text = text_of(page)
    assert "小学综合差异系数 ≤ 0.65" in text
    assert re.search(r"2016\s+0\.67 > 0\.65\s+趋势（不评判）\s+只评判评估年度 2017 年", text)
    assert re.search(r"2017\s+0\.50 ≤ 0\.65\s+达标", text)
    assert "教督〔2012〕3号" in text
    assert 'href="../indicators/2017-primary.html"' in page.read_text("utf-8")
    assert (site / "indicators" / "2017-primary.html").is_file()


def test_a_target_is_not_an_evidence_item(site):
    assert not list((site / "items").glob("indicator-*"))
    index = text_of(site / "items" / "index.html")
    assert "指标目标" in index and "小学综合差异系数 ≤ 0.65" in index
    assert "尚未归档佐证材料" not in text_of(site / "targets" / "primary-composite.html")


def test_matrix_cells_link_to_their_department_and_category(site):
    home = (site / "index.html").read_text("utf-8")
    anchors = re.findall(r'<a href="items/index.html#([\w-]+)">', home)
    assert "jiaoke-guihua" in anchors
    index = (site / "items" / "index.html").read_text("utf-8")
    for anchor in anchors:
        assert f'id="{anchor}"' in index, anchor


def test_chinese_pages_name_items_by_title_without_ids(site):
    for page in (site / "index.html", site / "items" / "index.html", site / "items" / "plan.html",
                 site / "departments" / "jiaoke.html"):
        text = text_of(page)
        assert "均衡发展规划" in text or page.name == "index.html" and page.parent == site, page
        assert not re.search(r"(?<![\w/.-])plan(?![\w.-])", text), page
        assert "indicator-" not in text, page
    assert "完整" in text_of(site / "items" / "plan.html")


def test_file_problems_are_counted_on_the_home_page_and_named_with_their_kind(site):
    assert "1 个文件问题" in text_of(site / "index.html")
    problems = text_of(site / "problems.html")
    # a file the scan skipped may be classified: the public page names its department and category only
    assert "县教科局 / 发展规划：1 个文件待复核" in problems and "缺少年度" in problems
    assert "教育规划说明" not in problems
