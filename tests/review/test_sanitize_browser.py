"""A built site in headless Chromium: script from a document never runs, nothing loads from outside."""

from __future__ import annotations

from pathlib import Path

import pytest

import chromium

pytestmark = pytest.mark.browser


#: Every attack sets window.__pwned (or opens a dialog, or loads from the network) if it runs.
ATTACKS = """
<script>window.__pwned = "script"</script>
<img src="x" onerror="window.__pwned = 'img onerror'">
<img src="https://example.invalid/beacon.png" alt="beacon">
<img src="//example.invalid/beacon2.png" alt="beacon2">
<svg onload="window.__pwned = 'svg onload'"><circle r="1"></circle></svg>
<iframe src="javascript:parent.__pwned = 'iframe'"></iframe>
<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>
<object data="data:text/html,<script>parent.__pwned = 'object'</script>"></object>
<embed src="data:text/html,<script>parent.__pwned = 'embed'</script>">
<details open ontoggle="window.__pwned = 'ontoggle'"><summary>详情</summary>内容</details>
<h3 onmouseover="window.__pwned = 'hover'" id="hover-me">悬停此处</h3>
<a id="js-link" href="javascript:window.__pwned = 'link'">点击链接</a>
<form action="https://example.invalid/steal"><input name="pw" autofocus onfocus="window.__pwned = 'focus'"></form>
<style>body { background: url(https://example.invalid/bg.png) }</style>
<link rel="stylesheet" href="https://example.invalid/x.css">
<div style="background-image: url(https://example.invalid/div.png)">背景</div>
<meta http-equiv="refresh" content="0;url=https://example.invalid/">
<base href="https://example.invalid/">
<a id="web-link" href="https://www.moe.gov.cn/">教育部网站</a>
"""
TITLE = "含脚本的测试文件"
MARKER = "独角兽标记"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """A scratch archive whose one Markdown document carries every attack, built with the CLI."""
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("attack")
    doc = root / "content/县财政局/保障机制/2015/2015年测试.md"
    doc.parent.mkdir(parents=True)
    doc.write_text(f"---\ntitle: {TITLE}\n---\n# {TITLE}\n\n正文{MARKER}。\n\n{ATTACKS}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "--lang", "zh", "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def document_page(site: Path) -> Path:
    """The site page of the test document (found by its title)."""
    pages = [p for p in (site / "docs").rglob("*.html") if MARKER in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, pages
    return pages[0]


@pytest.fixture
def page(browser):
    context, page = chromium.open_page(browser)
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def test_the_document_page_runs_nothing_and_loads_nothing_from_outside(page, built_site: Path):
    target = document_page(built_site)
    page.goto(target.as_uri())
    page.wait_for_load_state("load")
    assert page.text_content(".ab-body h1") == TITLE
    page.hover("#hover-me")
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.url == target.as_uri()  # no meta refresh, no base redirect
    schemes = {url.split(":", 1)[0] for url in page.requests}
    assert schemes <= {"file", "data"}, page.requests


def test_the_document_body_has_no_active_content(page, built_site: Path):
    page.goto(document_page(built_site).as_uri())
    found = page.evaluate(
        """() => {
             const body = document.querySelector('.ab-body');
             const all = [...body.querySelectorAll('*')];
             return {
               active: all.filter(e => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'STYLE', 'LINK', 'META',
                                        'BASE', 'svg'].includes(e.tagName)).map(e => e.tagName),
               handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
               external: all.filter(e => e.tagName === 'IMG' && /^(https?:)?\\/\\//i.test(e.getAttribute('src') || ''))
                            .map(e => e.getAttribute('src')),
               jsLinks: all.filter(e => e.tagName === 'A' && /javascript:/i.test(e.getAttribute('href') || '')).length,
               styled: all.filter(e => /url\\(/i.test(e.getAttribute('style') || '')).length,
             };
           }"""
    )
    assert found == {"active": [], "handlers": [], "external": [], "jsLinks": 0, "styled": 0}


def test_clicking_a_document_link_runs_nothing(page, built_site: Path):
    page.goto(document_page(built_site).as_uri())
    page.click(".ab-body >> text=点击链接")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    web = page.locator(".ab-body a", has_text="教育部网站")
    assert web.get_attribute("href") is None  # a link out of the site keeps its text, not its target
    assert web.get_attribute("rel") == "noopener noreferrer"


def test_searching_for_the_document_runs_nothing(page, built_site: Path):
    page.goto((built_site / "index.html").as_uri())
    if not page.locator("[data-ab-search]").count():
        pytest.fail("the built site has no search box")
    page.wait_for_selector("[data-ab-search][data-state=ready]")
    page.fill(".ab-search__input", MARKER)
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert TITLE in page.locator(".ab-search__title").all_text_contents()
    page.fill(".ab-search__input", "pwned")
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data"}, page.requests
