"""What a document writes reaches its page as written, and nothing in it loads or runs.

- a class the theme acts on (``pre.mermaid`` makes Material fetch mermaid from unpkg.com) is not kept;
  only a code block's ``language-*`` is;
- a relative URL that climbs out of the site from the document's page (``..`` beyond its depth, also
  ``%2e%2e`` and entity-encoded dots) is dropped; one that stays inside is kept;
- an apostrophe in a title shows as ``'``, not as the text ``&#x27;``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from archive_builder.core.model import Document
from archive_builder.review.sanitize import escape_text, sanitize_html
from archive_builder.site.bodies import _body_for_type

PAGE = "docs/caizheng/1a2b3c4d5e.html"  # where a document's page lives: two folders below the site's root


def _markdown_doc(tmp_path: Path, body: str) -> Document:
    path = tmp_path / "2016-流程图.md"
    path.write_text(body, encoding="utf-8")
    return Document(path="县财政局/保障机制/2016-流程图.md", abspath=path, type="md", title="流程图",
                    department="caizheng", category="baozhang", years=[2016], sha256="0" * 64,
                    size=path.stat().st_size, body=body)


@pytest.mark.parametrize("raw", ['<pre class="mermaid">graph TD; A--&gt;B</pre>',
                                 '<pre class="x mermaid" title="t">graph TD; A--&gt;B</pre>',
                                 '<code class="mermaid">graph TD</code>', '<span class="mermaid">x</span>',
                                 '<div class="mermaid">graph TD</div>', '<p class="ab-pdf">x</p>'])
def test_a_class_the_theme_acts_on_is_not_kept(raw):
    assert "class" not in sanitize_html(raw, PAGE)


def test_a_fenced_code_block_keeps_its_language_and_nothing_else():
    assert sanitize_html('<pre><code class="language-yaml">a: 1</code></pre>', PAGE) == (
        '<pre><code class="language-yaml">a: 1</code></pre>')
    assert sanitize_html('<code class="language-py mermaid">x</code>', PAGE) == '<code class="language-py">x</code>'


def test_a_markdown_body_with_a_mermaid_block_builds_without_it(tmp_path):
    doc = _markdown_doc(tmp_path, "正文\n\n<pre class=\"mermaid\">graph TD; A--&gt;B</pre>\n\n```mermaid\ngraph TD\n```\n")
    body, _text = _body_for_type(doc, None, "")
    assert "graph TD" in body
    assert not re.search(r'class="[^"]*(?<![-\w])mermaid', body), body


CLIMBING = [
    "../../../etc/a3-1.png",
    "../../../../../../../../../../../../../../etc/a3-1.png",
    "files/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/a3-3.png",
    "files/%2E%2E/.%2e/%2e./../etc/x.png",
    "&#46;&#46;/&#46;&#46;/&#46;&#46;/proc/self/environ",
    "&#x2e;&#x2E;/../%2e%2e/tmp/x.png",
    "a/../../../../tmp/x.png",
    "./../../../tmp/x.png",
]


@pytest.mark.parametrize("url", CLIMBING)
def test_a_relative_url_that_climbs_out_of_the_site_is_dropped(url):
    assert "src=" not in sanitize_html(f'<img src="{url}" alt="照片">', PAGE)
    assert "href=" not in sanitize_html(f'<a href="{url}">链接</a>', PAGE)


@pytest.mark.parametrize("url", ["../../files/caizheng/0123456789abcdef.png", "../../index.html",
                                 "files/%2e%2e/%2e%2e/%2e%2e/assets/a.png", "../other.html#第二章",
                                 "../../a.html?x=../../../../etc"])
def test_a_relative_url_that_stays_inside_the_site_is_kept(url):
    assert f'href="{url}"' in sanitize_html(f'<a href="{url}">链接</a>', PAGE)


def test_without_its_page_no_url_may_climb():
    assert "src=" not in sanitize_html('<img src="../a.png">')
    assert 'src="a.png"' in sanitize_html('<img src="a.png">')


def test_a_markdown_body_cannot_reach_files_outside_the_site(tmp_path):
    doc = _markdown_doc(tmp_path, "\n\n".join([
        '<img src="../../../../../../etc/a3-1.png">', "![x](../../../../../tmp/a3-2.png)",
        '<img src="files/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/a3-3.png">', "[链接](../../../../etc/passwd)",
        "![校舍](../../files/caizheng/0123456789abcdef.png)"]))
    body, _text = _body_for_type(doc, None, "")
    assert "etc/" not in body and "tmp/" not in body, body
    assert 'src="../../files/caizheng/0123456789abcdef.png"' in body
    assert ">链接</a>" in body


@pytest.mark.parametrize("value", ["O'Neil 捐资助学协议", "示政办发〔2017〕1号'", "2016-O'Neil捐资.md",
                                   "<b>粗</b> & [链接](javascript:x) | #标题 {#id} *强调* `代码`"])
def test_a_value_is_shown_as_written(value):
    rendered = markdown.markdown(f"| 题名 |\n|---|\n| {escape_text(value)} |\n\n# {escape_text(value)}",
                                 extensions=["tables", "attr_list"])
    assert "<a" not in rendered and "<b>" not in rendered and "<em>" not in rendered and "<code>" not in rendered
    cells = re.findall(r"<td>(.*?)</td>|<h1>(.*?)</h1>", rendered)
    assert [html.unescape(td or h1) for td, h1 in cells] == [value, value]


def test_an_apostrophe_is_one_entity():
    assert escape_text("O'Neil") == "O&#39;Neil"
