"""One answer everywhere: on the demo, the command line and the site find the same documents.

Both are checked against a plain substring scan of the same normalised searchable text, for a few
hundred queries drawn from the demo's own text (random substrings, words, phrases, exclusions), and
for the queries people actually type: department short names, places, a single character, a 文号
in other brackets, a simplified query against a traditional-character document.
"""

from __future__ import annotations

import random
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.sitepaths import doc_page
from archive_builder.pipeline import load_inventory, search
from archive_builder.review.policy import visible
from archive_builder.search import text as searchtext
from archive_builder.site import search as sitesearch
from archive_builder.site.search import reference

import chromium

REPO = Path(__file__).resolve().parents[2]
TRADITIONAL = "content/县教科局/发展规划/2017/2017-轉載：義務教育均衡發展督導評估報道.txt"
TRADITIONAL_TEXT = "據報道，示範縣義務教育學校標準化建設全面達標，農村寄宿制學校條件明顯改善。\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A copy of the demo with one captured web page in traditional characters, built and indexed."""
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("same") / "demo"
    for part in ("content", "checklists", "site_config"):
        shutil.copytree(REPO / part, root / part)
    for name in ("mkdocs.yml", "archive_numbers.csv"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, root / name)
    (root / TRADITIONAL).parent.mkdir(parents=True, exist_ok=True)
    (root / TRADITIONAL).write_text(TRADITIONAL_TEXT, "utf-8")
    runner = CliRunner()
    for args in (["build"], ["index"]):
        result = runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    config = load_config(root)
    published = [d for d in load_inventory(config).documents if visible(d)]
    return config, root / "site", {f"{doc_page(d)[:-3]}.html": d.path for d in published}


def _site_texts(site: Path, urls: dict[str, str]) -> dict[str, str]:
    """Document path -> the normalised text the site searches."""
    reader = reference._Reader(site / "search")
    return {urls[row[0]]: reader.text(doc_id) for doc_id, row in enumerate(reader.docs) if row}


def _cli_texts(config) -> dict[str, str]:
    """Document path -> the normalised text the command-line index searches (its stored field)."""
    from whoosh import index as windex

    from archive_builder.search.query import index_dir

    ix = windex.open_dir(str(index_dir(config)))
    with ix.searcher() as searcher:
        return {fields["path"]: fields["text"] for fields in searcher.all_stored_fields()}


def _queries(texts: dict[str, str], count: int = 300) -> list[str]:
    """Random substrings (1–6 characters), two-word ANDs, quoted phrases and exclusions from the texts."""
    rng = random.Random(20261201)
    pool = [t for t in texts.values() if len(t) > 12]
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(pool)
        size = rng.randint(1, 6)
        start = rng.randrange(0, len(text) - size)
        piece = text[start:start + size].strip()
        if not piece or '"' in piece or piece.startswith("-") or " " in piece:
            continue
        kind = len(out) % 4
        other = rng.choice(pool)
        word = other[rng.randrange(0, len(other) - 2):][:2].strip()
        if kind == 1 and word and '"' not in word and not word.startswith("-") and " " not in word:
            out.append(f"{piece} {word}")
        elif kind == 2:
            out.append(f'"{piece}"')
        elif kind == 3 and word and '"' not in word and not word.startswith("-") and " " not in word:
            out.append(f"{piece} -{word}")
        else:
            out.append(piece)
    return out


def _scan(texts: dict[str, str], query: str) -> set[str]:
    clauses = searchtext.parse_query(query)
    return {path for path, text in texts.items() if searchtext.matches(text, clauses)}


def test_both_indexes_hold_the_same_text_for_every_document(demo):
    config, site, urls = demo
    assert _site_texts(site, urls) == _cli_texts(config)


def test_cli_and_site_equal_the_substring_scan_for_hundreds_of_queries(demo):
    config, site, urls = demo
    texts = _site_texts(site, urls)
    queries = _queries(texts)
    mismatched = []
    for query in queries:
        expected = _scan(texts, query)
        cli = {hit.path for hit in search(config, query, limit=100_000).hits}
        web = {urls[url] for url in sitesearch.query_index(site, query)}
        if not (cli == web == expected):
            mismatched.append((query, len(expected), len(cli), len(web)))
    assert mismatched == [], mismatched[:10]
    assert sum(1 for q in queries if _scan(texts, q)) > 200  # most queries do find documents


@pytest.mark.parametrize("query", ["住建局", "东阳镇", "杏花镇", "校", "人社局", "食药监局", "教科局"])
def test_what_people_type_is_found_by_both(demo, query):
    config, site, urls = demo
    texts = _site_texts(site, urls)
    expected = _scan(texts, query)
    assert expected, query
    assert {hit.path for hit in search(config, query, limit=100_000).hits} == expected
    assert {urls[url] for url in sitesearch.query_index(site, query)} == expected


def test_a_doc_number_in_other_brackets_and_a_simplified_query_on_traditional_text(demo):
    config, site, urls = demo
    numbered = next(d for d in load_inventory(config).documents if visible(d) and d.doc_no and "〔" in d.doc_no)
    variants = [numbered.doc_no.replace("〔", o).replace("〕", c) for o, c in ("[]", "【】", "（）", "()")]
    for query in [*variants, "示范县义务教育学校标准化建设", "农村寄宿制学校"]:
        cli = {hit.path for hit in search(config, query, limit=100_000).hits}
        web = {urls[url] for url in sitesearch.query_index(site, query)}
        assert cli == web and cli, query
    assert TRADITIONAL[len("content/"):] in {hit.path for hit in search(config, "农村寄宿制学校").hits}
    assert numbered.path in {hit.path for hit in search(config, variants[0]).hits}


@contextmanager
def _home(browser, site: Path):
    """The site's home page in a fresh context, its search box ready; requests in ``page.requests``."""
    context, page = chromium.open_page(browser)
    try:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("[data-ab-search][data-state=ready]")
        yield page
    finally:
        context.close()


def _type(page, query: str) -> None:
    page.fill(".ab-search__input", query)
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")


@pytest.mark.browser
def test_the_browser_gives_the_reference_answers(demo, browser):
    """search.js in Chromium over file:// returns exactly what the Python reference of the site returns."""
    config, site, urls = demo
    texts = _site_texts(site, urls)
    queries = _queries(texts, 40) + ["住建局", "东阳镇", "校", "农村寄宿制学校", "示范县教育"]
    with _home(browser, site) as page:
        for query in queries:
            got = page.evaluate(
                """async (q) => {
                     let st = await window.__abSearch.search(q);
                     const urls = (st.items || []).map(i => i.row[0]);
                     while (st.more && !st.done) { st = await st.more(); urls.push(...st.items.map(i => i.row[0])); }
                     return urls;
                   }""",
                query,
            )
            assert sorted(got) == sitesearch.query_index(site, query), query
        assert {url.split(":", 1)[0] for url in page.requests} == {"file"}


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 800), (1366, 900), (1920, 1080), (390, 844)])
def test_the_search_panel_its_filters_and_close_fit_the_window(demo, browser, size):
    config, site, urls = demo
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector("[data-ab-search][data-state=ready]")
        _type(page, "学校")
        for selector in (".ab-search__panel", ".ab-search__filters select >> nth=0",
                         ".ab-search__filters select >> nth=2", ".ab-search__close"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= size[0], (selector, box, size)
            assert box["y"] >= 0 and box["y"] < size[1], (selector, box, size)
        snippet = page.locator(".ab-search__snippet").first.text_content()
        assert "#" not in snippet and "**" not in snippet
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "meant"), [("东阳真中心小学", "东阳镇中心小学"), ("县民政居", "县民政局")])
def test_no_result_says_so_and_suggests_the_nearest_name(demo, browser, typed, meant):
    """One character mistyped in a school's or a department's name."""
    config, site, urls = demo
    with _home(browser, site) as page:
        _type(page, typed)
        assert "没有" in page.text_content(".ab-search__status")
        assert page.text_content(".ab-search__suggestion") == meant
        page.click(".ab-search__suggestion")
        page.wait_for_selector("[data-ab-search][data-state=done]")
        assert page.locator(".ab-search__title").count() > 0


@pytest.mark.browser
def test_snippets_show_the_documents_own_words_with_the_hit_marked(demo, browser):
    """A simplified query on a traditional page shows the page's own characters; no Markdown in snippets."""
    config, site, urls = demo
    with _home(browser, site) as page:
        _type(page, "农村寄宿制学校")
        assert "農村寄宿制學校" in page.locator(".ab-search__snippet mark").all_text_contents()
        for query in ("2017年困难家庭及留守儿童救助", "一卡通发放", "学校"):
            _type(page, query)
            snippets = page.locator(".ab-search__snippet").all_text_contents()
            assert snippets and all(s.strip() for s in snippets), query
            for text in snippets:
                assert not any(mark in text for mark in ("#", "**", "|", "\t", "\n")), (query, text)
            marked = page.locator(".ab-search__snippet mark").all_text_contents()
            assert query.split()[0] in marked, (query, marked)


@pytest.mark.browser
def test_the_department_filter_follows_the_registry(demo, browser):
    config, site, urls = demo
    with _home(browser, site) as page:
        shown = page.locator(".ab-search__filters select[name=department] option").all_text_contents()[1:]
        registry = [d.name for d in config.departments]
        assert shown == [name for name in registry if name in shown]
        assert len(shown) > 5 and shown != sorted(shown)
