"""The demo site read in Chromium at 1366 × 900 over file://: tables fit, and no date, department
name or status badge breaks over two lines; pages do not repeat their own name in a column; the
archive has one name; data tables have Chinese names; originals download under their own names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site

from conftest import copy_demo

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 900}

#: For every table cell on the page: each date (2014-03-25, 2014年3月25日, 20140325 in a 日期 column),
#: each department name and each status badge, and on how many lines its text lies (Range rects).
MEASURE = """(names) => {
  const content = document.querySelector(".md-content");
  const lines = (range) => new Set([...range.getClientRects()].filter(r => r.width > 0)
                                   .map(r => Math.round(r.top))).size;
  const dates = /\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}年\\d{1,2}月\\d{1,2}日|(?<!\\d)(19|20)\\d{6}(?!\\d)/g;
  const found = {checked: 0, broken: []};
  const check = (range, word) => { found.checked += 1; if (lines(range) > 1) found.broken.push(word); };
  for (const cell of content.querySelectorAll("td, th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      const spans = [...text.matchAll(dates)].map(m => [m.index, m[0]]);
      for (const name of names) {
        for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) spans.push([i, name]);
      }
      for (const [start, word] of spans) {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        check(range, word);
      }
    }
  }
  for (const badge of content.querySelectorAll(".ab-status")) {
    const range = document.createRange();
    range.selectNodeContents(badge);
    check(range, "badge " + badge.textContent);
  }
  const right = content.querySelector(".md-content__inner").getBoundingClientRect().right;
  const wide = (t) => t.getBoundingClientRect().right > right + 1
                      || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1;
  found.overflowing = [...content.querySelectorAll("table")].filter(wide).map(t => t.className);
  found.column = Math.round(content.querySelector(".md-content__inner").getBoundingClientRect().width);
  return found;
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo archive built once into its site."""
    root = copy_demo(tmp_path_factory.mktemp("layout") / "demo")
    build_site(load_config(root))
    return root


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def _first(site: Path, folder: str) -> str:
    """The first page of a folder that is not its index."""
    return next(p.relative_to(site).as_posix() for p in sorted((site / folder).glob("*.html")) if p.stem != "index")


def _pages(site: Path) -> dict[str, str]:
    return {
        "home": "index.html",
        "department": "departments/jiaoke.html",
        "category": "categories/baozhang.html",
        "item": _first(site, "items"),
        "items": "items/index.html",
        "catalogue": "catalogue/2016-y-jkj.html",
    }


def test_no_date_department_or_badge_breaks_at_1366_px(demo: Path, page, tmp_path: Path):
    site = demo / "site"
    names = [d.name for d in load_config(demo).departments]
    results = {}
    for kind, rel in _pages(site).items():
        page.goto((site / rel).as_uri())
        results[kind] = page.evaluate(MEASURE, names)
        page.screenshot(path=str(tmp_path / f"{kind}.png"))
        page.screenshot(path=str(tmp_path / f"{kind}-full.png"), full_page=True)
    for kind, found in results.items():
        assert found["broken"] == [], (kind, found["broken"][:10])
        assert found["overflowing"] == [], (kind, found["overflowing"])
    # The measurement saw what it is about: dates, names and badges on the pages that list them.
    assert all(results[kind]["checked"] >= 20 for kind in ("home", "department", "category", "catalogue")), results
    assert results["department"]["column"] >= 1000  # was ~690 px in Material's default grid
    assert {url.split(":", 1)[0] for url in page.requests} == {"file"}


def test_listing_pages_do_not_repeat_their_own_name(demo: Path, page):
    site = demo / "site"
    headers = {}
    for rel in ("departments/jiaoke.html", "categories/baozhang.html", "years/2016.html"):
        page.goto((site / rel).as_uri())
        headers[rel] = page.locator("table.ab-docs thead th").all_text_contents()
    assert "部门" not in headers["departments/jiaoke.html"] and "类别" in headers["departments/jiaoke.html"]
    assert "类别" not in headers["categories/baozhang.html"] and "部门" in headers["categories/baozhang.html"]
    assert {"部门", "类别"} <= set(headers["years/2016.html"])


def test_a_department_page_heads_its_checklist_items_and_its_documents_apart(demo: Path, page):
    page.goto((demo / "site" / "departments" / "jiaoke.html").as_uri())
    headings = page.locator("article h2").all_text_contents()
    assert [h.strip() for h in headings][:2] == ["检查清单条目", "已归档材料"]
    items_top = page.locator("table.ab-items").bounding_box()["y"]
    docs_heading = page.locator("article h2", has_text="已归档材料").bounding_box()["y"]
    assert items_top < docs_heading < page.locator("table.ab-docs").bounding_box()["y"]


def test_the_archive_has_one_name(demo: Path, page):
    name = load_config(demo).name
    page.goto((demo / "site" / "index.html").as_uri())
    assert page.locator(".md-header__topic").first.text_content().strip() == name
    assert page.locator("article h1").first.text_content().strip() == name
    assert page.title().endswith(name)


def test_data_tables_have_chinese_names(demo: Path, page):
    page.goto((demo / "site" / "data" / "index.html").as_uri())
    titles = page.locator("ul.ab-section a").all_text_contents()
    assert "学校办学条件统计表" in titles and "班级与班额统计表" in titles and "校长教师交流轮岗统计表" in titles
    assert not [t for t in titles if re.fullmatch(r"[a-z_]+", t)], titles


def test_originals_download_under_their_chinese_name_from_an_ascii_path(demo: Path):
    """The link's download attribute and its label carry the original's own name (Chromium ignores the
    attribute between file:// pages, so the label is what tells the inspector which file it is)."""
    site = demo / "site"
    links = []
    for path in [*sorted((site / "docs").rglob("*.html")), *sorted((site / "data").glob("*.html"))]:
        match = re.search(r'<a href="([^"]+)" class="md-button" data-ab-original download="([^"]+)"[^>]*>([^<]+)</a>',
                          path.read_text("utf-8"))
        if match:
            links.append(match.groups())
    assert len(links) > 100
    assert all(href.isascii() for href, _, _ in links)
    assert all(name in label for _, name, label in links)
    docx = [name for href, name, _ in links if href.endswith(".docx")]
    assert docx and all(name.endswith(".docx") and re.search(r"[\u4e00-\u9fff]", name) for name in docx)
    assert "学校办学条件统计表.xlsx" in {name for _, name, _ in links}


def test_served_over_http_an_original_downloads_under_its_own_name(demo: Path, browser):
    """Where the browser honours the download attribute (the site served, as by ``serve``), the saved
    file takes the original's name, not the ASCII copy's."""
    import functools
    import http.server
    import threading

    site = demo / "site"
    page_path = next(p for p in sorted((site / "docs").rglob("*.html"))
                     if re.search(r'data-ab-original download="[^"]+\.docx"', p.read_text("utf-8")))
    expected = re.search(r'data-ab-original download="([^"]+)"', page_path.read_text("utf-8")).group(1)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/{page_path.relative_to(site).as_posix()}")
        with page.expect_download() as download:
            page.locator("a[data-ab-original]").click()
        assert download.value.suggested_filename == expected
        assert re.fullmatch(r"[0-9a-f]{16}\.docx", download.value.url.rsplit("/", 1)[1])  # the path stays ASCII
    finally:
        context.close()
        server.shutdown()
