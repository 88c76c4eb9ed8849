"""The site shows the whole check: waived slots and indicator targets beside documents."""

from __future__ import annotations

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site

CHECKLIST = """items:
  - id: cz-funding
    title: 教育经费拨付文件
    department: caizheng
    category: baozhang
    years: 2015-2016
    match: {keywords: [经费]}
"""
WAIVERS = """waivers:
  - item: cz-funding
    year: 2016
    reason: 2016年经费由市级统一拨付
    approved_by: 县教育督导室
"""


def test_a_waived_item_is_shown_as_waived_with_its_reason(make_archive):
    root = make_archive({
        "checklists/a.yml": CHECKLIST,
        "checklists/waivers.yml": WAIVERS,
        "content/县财政局/保障机制/2015/经费拨付.md": "# 经费拨付\n已拨付。",
    })
    site = build_site(load_config(root)).output
    page = (site / "items/cz-funding.html").read_text("utf-8")
    assert "ab-waived" in page
    assert "已豁免" in page
    assert "2016年经费由市级统一拨付" in page and "县教育督导室" in page
