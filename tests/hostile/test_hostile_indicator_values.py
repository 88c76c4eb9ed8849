"""School names, indicators and source files from data tables are inert text on the indicator pages.

These pages are Markdown written by indicator_pages.py, not by the templates: each value goes through
the same escaping (escape_text), so a school named ``<script>…`` or ``[x](javascript:…)`` in
content/data shows as written and never runs or links.
"""

from __future__ import annotations

import html
import re

import markdown

from archive_builder.core.config import load_config
from archive_builder.site.indicator_pages import render_indicator_pages
from archive_builder.statistics.stats import compute_indicators


def test_school_names_from_data_tables_are_text_on_the_indicator_pages(tmp_path):
    root = tmp_path / "archive"
    (root / "content" / "data").mkdir(parents=True)
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text("years: 2016-2016\n", encoding="utf-8")
    script, link = "</b><script>alert('A11')</script>", "[链接](javascript:alert('A11'))"
    (root / "content" / "data" / "classes.csv").write_text(
        f"年度,学校,班级,学生数\n2016,{script},1班,67\n2016,{link},1班,58\n2016,河西小学,1班,30\n", encoding="utf-8")
    pages = render_indicator_pages(compute_indicators(load_config(root)), {"classes": "data/0123456789.md"})
    rendered = markdown.markdown(pages["indicators/class-size.md"], extensions=["tables"])
    assert "<script" not in rendered and "javascript:" not in re.sub(r"<td>[^<]*</td>", "", rendered)
    cells = [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", rendered)]
    assert script in cells and link in cells
    assert '<a href="../data/0123456789.md">' in rendered  # the source table's link is still a link
