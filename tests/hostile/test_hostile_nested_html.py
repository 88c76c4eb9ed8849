"""Raw HTML nested deeper than the budget is shown as plain text with one problem line, in linear time.

The sanitiser's HTML parser takes time growing with the square of the nesting (150,000 nested <div> in a
1.4 MB Markdown file kept a build busy for five minutes), so the nesting is measured first, in one pass over
the tags, and a body deeper than MAX_HTML_DEPTH is refused as a Markdown body nested too deep is.
"""

from __future__ import annotations

import time

import pytest

from archive_builder.core import budgets
from archive_builder.core.budgets import OverBudget, check_html_depth, html_depth
from archive_builder.review.sanitize import sanitize_html
from archive_builder.site.bodies import _markdown_html

FOLDER = "content/县财政局/保障机制/2016"
ORDINARY = f"{FOLDER}/普通通知.md"
ORDINARY_TEXT = "---\n标题: 普通通知\n---\n这是普通通知的正文，蓝鲸计划。\n"


def nested(count: int, tag: str = "div") -> str:
    return f"<{tag}>" * count + " 正文 " + f"</{tag}>" * count


def test_html_depth_counts_open_elements_and_ignores_those_that_do_not_nest():
    assert html_depth(nested(5)) == 5
    assert html_depth("<div>" * 7) == 7  # unclosed ones stay open
    assert html_depth("<p>一<p>二<p>三" * 500 + "<li>a<li>b<br><br><img src=x>" * 500) == 0
    assert html_depth(nested(3) * 1000) == 3  # siblings do not nest
    assert html_depth("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>") == 2
    assert html_depth(nested(10_000), limit=50) == 51  # stops past the limit


def test_a_markdown_text_counts_only_html_elements():
    prose = "链接 <https://example.cn/a> 与 <user@example.cn>，代码 `List<String>`，<注意>\n" * 500
    assert html_depth(prose, source=True) == 0
    check_html_depth(prose, source=True)
    assert html_depth(nested(300) + prose, source=True) == 300
    assert html_depth("<x-box>" * 300) == 300 and html_depth("<x-box>" * 300, source=True) == 0
    sanitize_html(_markdown_html(prose))  # far below the budget: rendered as ever


def test_ordinary_html_is_sanitised_as_before():
    page = "<div><p>一</p><ul><li>a<li>b</ul><table><tr><td>1</td></tr></table></div>" * 300
    assert sanitize_html(page).count("<li>") == 600
    assert sanitize_html(nested(budgets.MAX_HTML_DEPTH)).count("<div>") == budgets.MAX_HTML_DEPTH


@pytest.mark.parametrize("tag", ["div", "span", "b", "blockquote", "table"])
def test_html_nested_past_the_budget_is_refused_at_once(tag):
    deep = nested(150_000, tag)
    started = time.perf_counter()
    with pytest.raises(OverBudget) as caught:
        sanitize_html(deep)
    assert time.perf_counter() - started < 2
    assert caught.value.code == "budget.html_too_deep"
    with pytest.raises(OverBudget):
        check_html_depth(nested(budgets.MAX_HTML_DEPTH + 1, tag))


def test_a_markdown_file_of_deeply_nested_divs_is_one_line_and_the_build_goes_on(make_archive, run_cli):
    body = "---\n标题: 方案\n---\n# 方案\n\n" + nested(150_000) + "\n"  # 1.4 MB
    root = make_archive({f"{FOLDER}/嵌套.md": body, ORDINARY: ORDINARY_TEXT})
    started = time.monotonic()
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 120
    problems = [line for line in result.output.splitlines() if "嵌套.md" in line and line.startswith("warning")]
    assert len(problems) == 1 and f"{budgets.MAX_HTML_DEPTH} levels deep" in problems[0], result.output
    pages = "".join(path.read_text("utf-8") for path in (root / "site" / "docs").rglob("*.html"))
    assert "蓝鲸计划" in pages
    assert "&lt;div&gt;" in pages and "<div><div><div><div>" not in pages  # shown plain
