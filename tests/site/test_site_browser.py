"""The built site in headless Chromium over file://: dashboard, document, original, search, no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site

import chromium
from site_helpers import RARE_WORD, archive_files

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "archive"
    for rel, data in archive_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    return build_site(load_config(root)).output


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        context = browser.new_context()
        # The network is unreachable: any http(s) request fails (and is recorded).
        context.route("http://*/**", lambda route: route.abort())
        context.route("https://*/**", lambda route: route.abort())
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
        browser.close()


def test_dashboard_document_and_original(page, built_site: Path):
    page.goto((built_site / "index.html").as_uri())
    assert "义务教育发展基本均衡县迎检档案" in page.locator("h1").first.text_content()
    assert page.locator(".ab-no-check").is_visible()
    assert page.locator(".md-tabs").count() == 1
    # Department tab -> department listing -> document page -> original file.
    page.goto((built_site / "departments" / "caizheng.html").as_uri())
    page.locator("table.ab-docs a").first.click()
    page.wait_for_selector("table.ab-meta")
    assert "财教〔2015〕12号" in page.locator("table.ab-meta").text_content()
    assert RARE_WORD in page.locator(".ab-body").text_content()
    page.locator("a[data-ab-original]").click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith(".md.txt")
    assert RARE_WORD in page.locator("body").text_content()
    assert page.evaluate("window.__pwned === undefined")
    schemes = {url.split(":", 1)[0] for url in page.requests}
    assert schemes == {"file"}, page.requests


def test_searching_a_chinese_word_finds_the_document(page, built_site: Path):
    page.goto((built_site / "years" / "2015.html").as_uri())
    page.wait_for_selector("[data-ab-search][data-state=ready]")
    page.fill(".ab-search__input", "蜂鸟")
    page.press(".ab-search__input", "End")  # Material-style inputs search on key release
    page.wait_for_selector("[data-ab-search][data-state=done]")
    titles = page.locator(".ab-search__title").all_text_contents()
    assert titles == ["2015年教育经费预算安排"]
    page.locator(".ab-search__title").first.click()
    page.wait_for_selector("table.ab-meta")
    assert RARE_WORD in page.locator(".ab-body").text_content()
    assert all(not url.startswith(("http:", "https:")) for url in page.requests), page.requests
    assert page.errors == []


def test_secret_words_are_not_searchable(page, built_site: Path):
    page.goto((built_site / "index.html").as_uri())
    page.wait_for_selector("[data-ab-search][data-state=ready]")
    page.fill(".ab-search__input", "测算")
    page.press(".ab-search__input", "End")
    page.wait_for_selector("[data-ab-search][data-state=done]")
    assert page.locator(".ab-search__title").count() == 0
