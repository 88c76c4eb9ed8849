"""Indicator pages for the site: Markdown with inline SVG charts, Chinese labels, links to the sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.site import indicator_pages
from archive_builder.site.indicator_pages import render_indicator_pages
from archive_builder.statistics.stats import compute_indicators

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"
LINKS = {"school_stats": "data/school_stats.md", "classes": "https://example.org/classes.html"}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Two years of the 万元 workbook (2016 as shipped, 2017 with more books) and a class table."""
    from openpyxl import load_workbook

    root = tmp_path_factory.mktemp("pages") / "archive"
    (root / "content" / "data").mkdir(parents=True)
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text("years: 2016-2017\n", encoding="utf-8")
    workbook = load_workbook(FIXTURES / "school_stats_wanyuan.xlsx")
    sheet = workbook.active
    for row in list(sheet.iter_rows(min_row=2, values_only=True)):
        sheet.append([2017, *row[1:8], row[8] * 1.2, *row[9:]])
    workbook.save(root / "content" / "data" / "school_stats.xlsx")
    (root / "content" / "data" / "classes.csv").write_text(
        "年度,学校,班级,学生数\n2016,城关小学,1班,58\n2016,城关小学,2班,67\n2016,河西小学,1班,30\n", encoding="utf-8")
    return compute_indicators(load_config(root))


@pytest.fixture(scope="module")
def pages(report):
    return render_indicator_pages(report, LINKS)


def test_pages_have_ascii_paths_under_the_section(pages):
    assert set(pages) == {
        "indicators/index.md", "indicators/class-size.md", "indicators/targets.md",
        "indicators/2016-primary.md", "indicators/2016-junior.md",
        "indicators/2017-primary.md", "indicators/2017-junior.md",
    }
    assert all(path.isascii() for path in pages)


def test_index_has_a_trend_chart_per_level_and_the_composite_table(pages):
    index = pages["indicators/index.md"]
    assert index.count("<svg") == 2
    assert "| [2016](2016-primary.md) | 小学 |" in index
    assert "(class-size.md)" in index and "(targets.md)" in index


def test_charts_draw_chinese_labels_in_the_cjk_font(pages):
    assert indicator_pages.cjk_font() == "Noto Sans CJK SC"  # fonts-noto-cjk on the build machine, its SC face
    trend = pages["indicators/index.md"]
    assert 'id="NotoSansCJK' in trend  # glyphs drawn from the CJK font, not tofu boxes
    detail = pages["indicators/2016-primary.md"]
    assert "font-family: 'Noto Sans CJK" in detail and "sans-serif" in detail
    assert ">城关小学<" in detail


def test_detail_page_has_a_bar_chart_per_indicator_and_links_to_its_source(pages, report):
    detail = pages["indicators/2016-primary.md"]
    assert detail.count("<svg") == 8
    assert detail.count('<a href="../data/school_stats.md">') == 8
    # its name and file, as inert text (escape_text writes the parentheses as entities)
    assert "[School statistics &#40;data/school&#95;stats.xlsx&#41;](../data/school_stats.md)" in detail
    assert "| Composite" not in detail and "综合差异系数" in detail
    assert "composite threshold ≤ 0.65" in detail


def test_absolute_links_are_kept(pages):
    assert '<a href="https://example.org/classes.html">' in pages["indicators/class-size.md"]


def test_class_size_ledger_lists_schools_with_large_classes(pages):
    ledger = pages["indicators/class-size.md"]
    assert "| 2016 | County | 3 | 1 &#40;33.3%&#41; | 1 &#40;33.3%&#41; | 67 |" in ledger
    assert "| 2016 | 城关小学 | 2 |" in ledger
    assert "| 2016 | 河西小学 |" not in ledger


def test_targets_page_says_which_funding_rules_it_used_and_their_sources(pages):
    targets = pages["indicators/targets.md"]
    assert "600 yuan per primary pupil and 800 yuan per junior-secondary pupil" in targets
    assert "未经原文核实" in targets and "运政发〔2017〕42号" in targets
    assert "100 yuan per primary pupil, 142 per junior pupil" in targets  # the transfer floor, named apart


def test_figures_are_single_html_blocks_without_script(pages):
    for path, text in pages.items():
        for figure in re.findall(r"<figure.*?</figure>", text, flags=re.S):
            assert "\n\n" not in figure, path  # a blank line would end the Markdown HTML block
            assert "<script" not in figure and "<?xml" not in figure


def test_rendering_is_reproducible(report, pages):
    assert render_indicator_pages(report, LINKS)["indicators/index.md"] == pages["indicators/index.md"]


def test_without_a_cjk_font_charts_are_left_out_with_a_note(report, monkeypatch):
    monkeypatch.setattr(indicator_pages, "chart_font", lambda: None)
    pages = render_indicator_pages(report, LINKS)
    assert all("<svg" not in text for text in pages.values())
    index = pages["indicators/index.md"]
    assert index.count('class="indicator-chart ab-no-chart"') == 2
    assert "no Chinese font" in index and '<a href="../data/school_stats.md">' in index  # caption and source stay


def test_empty_report_gives_an_explaining_page(make_archive):
    report = compute_indicators(load_config(make_archive({"content/readme.txt": "x"})))
    pages = render_indicator_pages(report, {})
    assert "No figures yet" in pages["indicators/index.md"]
    assert "<svg" not in pages["indicators/index.md"]


@pytest.mark.browser
def test_trend_chart_renders_in_chromium(pages, tmp_path):
    import markdown
    from playwright.sync_api import sync_playwright

    html = tmp_path / "index.html"
    body = markdown.markdown(pages["indicators/index.md"], extensions=["tables"])
    html.write_text(f"<!doctype html><meta charset=utf-8><body>{body}</body>", encoding="utf-8")
    import chromium

    with sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            page = browser.new_page()
            page.goto(html.as_uri())
            boxes = page.eval_on_selector_all("figure svg", "els => els.map(e => e.getBoundingClientRect().height)")
            labels = page.eval_on_selector_all("figure svg", "els => els.map(e => e.getAttribute('aria-label'))")
        finally:
            browser.close()
    assert len(boxes) == 2 and all(h > 100 for h in boxes)
    assert labels == ["小学: composite CV and threshold", "初中: composite CV and threshold"]
