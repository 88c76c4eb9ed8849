"""The catalogue's index page (Markdown written by site/build.py) shows the fonds' name as written text.

The archive's name is written in site_config/archive.yml by hand; on the 归档文件目录 index it goes through
the same escaping as every other value (escape_text), so markup in it is shown, never run or linked.
"""

from __future__ import annotations

import markdown

from archive_builder.archival.numbers import assign_numbers, read_record
from archive_builder.core.config import load_config
from archive_builder.inventory.scan import scan_archive
from archive_builder.site.build import _catalogue_pages

NAME = "示范县<img src=x onerror=alert(1)>[链接](javascript:alert(1))"


def test_the_fonds_name_is_text_on_the_catalogue_index(make_archive, tmp_path):
    root = make_archive({
        "site_config/archive.yml": f"name: '{NAME}'\n",
        "content/县财政局/保障机制/2016/a.md": "---\n标题: 甲通知\n日期: 2016-01-05\n---\n正文\n",
    })
    config = load_config(root)
    inventory = scan_archive(config)
    numbering = assign_numbers(config, inventory.documents, read_record(root))
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    page = _catalogue_pages(config, inventory, numbering, build_dir)["catalogue/index.md"]
    rendered = markdown.markdown(page, extensions=["tables", "meta"])
    assert "<img" not in rendered and "href=\"javascript" not in rendered
    assert "示范县&lt;img" in rendered
    assert "<a href=" in rendered  # the link to the class's page stays a link
