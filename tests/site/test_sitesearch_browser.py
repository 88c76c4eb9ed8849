"""The search box in headless Chromium over file://: shards load through script tags, no network."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from archive_builder.site import search as sitesearch
from archive_builder.site.search import SearchEntry, install_assets, query_index, search_html, write_search_index

import chromium

pytestmark = pytest.mark.browser


DOCS = [
    SearchEntry("docs/jiaoyu/a1.html", "关于推进义务教育均衡发展的通知", "县教育局", "发展规划", [2016], None, "md",
                "为推进义务教育均衡发展，根据示政办发〔2016〕12号文件，全县实行教师轮岗交流制度。<b>不是标签</b>"),
    SearchEntry("docs/caizheng/b2.html", "教育经费保障", "县财政局", "经费投入", [2015, 2016], "第一中学", "pdf",
                "教师\n轮岗经费由县财政保障。均衡 配置 资源，发展 学校。"),
    SearchEntry("docs/jiaoyu/c3.html", "校舍安全", "县教育局", "办学条件", [2017], "城关小学", "docx",
                "校舍安全排查：轮岗教师宿舍改造。独有词语蜂鸟计划。"),
]

QUERIES = [
    "轮岗", "教师轮岗", "教师 轮岗", '"均衡发展"', "轮岗 -经费", "轮岗 NOT 校舍", '轮岗 -"教师轮岗"',
    "示政办发〔2016〕12号", "舍", "蜂鸟", "不存在的词", "标签",
]


def _page(entry_url: str, body: str, depth: int) -> str:
    prefix = "../" * depth
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head><body>'
        f"<header>{search_html(prefix, lang='zh')}</header><main>{body}</main></body></html>"
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A hand-made site: a home page and one page per document, with the search box and index."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(_page("index.html", "<h1>首页</h1>", 0), encoding="utf-8")
    for doc in DOCS:
        path = root / doc.url
        path.parent.mkdir(parents=True, exist_ok=True)
        body = f'<h1 id="doc-title">{html.escape(doc.title)}</h1>'
        path.write_text(_page(doc.url, body, doc.url.count("/")), encoding="utf-8")
    install_assets(root)
    write_search_index(DOCS, root)
    return root


@pytest.fixture
def page(browser):
    context, page = chromium.open_page(browser)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _open(page, site: Path, rel: str = "index.html") -> None:
    page.goto((site / rel).as_uri())
    page.wait_for_selector("[data-ab-search][data-state=ready]")


def _result_titles(page) -> list[str]:
    return page.locator(".ab-search__title").all_text_contents()


def test_typing_a_chinese_word_lists_its_documents_and_the_link_opens(page, site: Path):
    _open(page, site)
    page.click(".ab-search__input")
    page.keyboard.type("蜂鸟")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert _result_titles(page) == ["校舍安全"]
    assert page.locator(".ab-search__snippet mark").all_text_contents() == ["蜂鸟"]
    assert "县教育局" in page.locator(".ab-search__meta").first.text_content()
    page.click(".ab-search__title")
    page.wait_for_selector("#doc-title")
    assert page.url == (site / "docs/jiaoyu/c3.html").as_uri()
    assert page.text_content("#doc-title") == "校舍安全"
    schemes = {url.split(":", 1)[0] for url in page.requests}
    assert schemes == {"file"}, page.requests
    assert any("/search/s/" in url for url in page.requests)  # shards came on demand
    assert page.errors == []


def test_search_from_a_nested_page_and_with_fill_then_end(page, site: Path):
    _open(page, site, "docs/caizheng/b2.html")
    page.fill(".ab-search__input", "教师轮岗")
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert sorted(_result_titles(page)) == ["关于推进义务教育均衡发展的通知", "教育经费保障"]
    links = page.locator(".ab-search__title").evaluate_all("els => els.map(e => e.href)")
    assert (site / "docs/jiaoyu/a1.html").as_uri() in links
    assert all(not url.startswith(("http:", "https:")) for url in page.requests)


def test_filters_are_built_from_the_data_and_narrow_results(page, site: Path):
    _open(page, site)
    options = page.locator("select[name=department] option").all_text_contents()
    assert options[1:] == ["县教育局", "县财政局"]
    assert page.locator("select[name=year] option").all_text_contents()[1:] == ["2015", "2016", "2017"]
    page.fill(".ab-search__input", "轮岗")
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert len(_result_titles(page)) == 3
    page.select_option("select[name=department]", label="县财政局")
    page.wait_for_function("() => document.querySelectorAll('.ab-search__result').length === 1")
    assert _result_titles(page) == ["教育经费保障"]
    page.select_option("select[name=department]", value="")
    page.select_option("select[name=year]", value="2017")
    page.wait_for_function("() => document.querySelectorAll('.ab-search__result').length === 1")
    assert _result_titles(page) == ["校舍安全"]


def test_document_text_is_shown_as_text_not_markup(page, site: Path):
    _open(page, site)
    page.fill(".ab-search__input", "标签")
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert page.locator(".ab-search__snippet b").count() == 0
    assert "<b>不是" in page.locator(".ab-search__snippet").first.text_content()


ALL_RESULTS_JS = """async ([query, filters]) => {
  let state = await window.__abSearch.search(query, filters);
  const urls = state.items.map(i => i.row[0]);
  while (!state.empty && !state.done) { state = await state.more(); urls.push(...state.items.map(i => i.row[0])); }
  return urls.sort();
}"""


def test_browser_engine_agrees_with_the_python_reference(page, site: Path):
    _open(page, site)
    none = {"department": "", "category": "", "year": ""}
    for query in QUERIES:
        assert page.evaluate(ALL_RESULTS_JS, [query, none]) == query_index(site, query), query
    filtered = page.evaluate(ALL_RESULTS_JS, ["轮岗", {"department": "0", "category": "", "year": "2017"}])
    assert filtered == query_index(site, "轮岗", department="县教育局", year=2017)


SAMPLES = [
    "教育", "a", "示政办发〔2016〕12号", "襄政办发[2017]13号", "襄政办发【2017】 13号", "ＡＢＣ２０１７ Budget",
    "教师\n 轮岗", "𠀀𠀁字", "é café 12", "10% 以上", "IE10.0 浏览器", "９８.８％", "學校 機密 條例",
    "农\r\n村\t寄宿制", "Ⅻ ﬁ ㈱ ①", "  前后空白  ", "（一）总体要求", "A B  C", "\u3000全角空格\u3000",
    "J001-WS·2016-Y-JKJ-0001", "J001-WS.2016-Y-JKJ-0001", "J001-WS・2016-Y-JKJ-0001", "v1.2016-x", "3.1415-9",
]


def test_normaliser_and_keys_match_python_on_the_same_texts(page, site: Path):
    """search.js and searchtext.py give the same normal form, document keys, query keys and shard."""
    from archive_builder.search import text as searchtext

    _open(page, site)
    texts = SAMPLES + [doc.text for doc in DOCS]
    got = page.evaluate(
        """(samples) => samples.map(s => {
             const i = window.__abSearch.internals;
             const norm = i.normalise(s);
             const keys = Object.fromEntries(i.documentKeys(norm));
             return [norm, keys, i.queryKeys(norm), i.shardOf(s, 4096)];
           })""",
        texts,
    )
    expected = []
    for s in texts:
        norm = searchtext.normalise(s)
        keys = dict(searchtext.document_keys(norm))
        expected.append([norm, keys, searchtext.clause_keys(norm), sitesearch.shard_of(s, 4096)])
    assert got == expected


def test_missing_index_says_so_without_network(page, site: Path):
    shutil.rmtree(site / "search")
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector("[data-ab-search][data-state=failed]")
    assert "无法读取搜索文件" in page.text_content(".ab-search__status")
    assert {url.split(":", 1)[0] for url in page.requests} == {"file"}
