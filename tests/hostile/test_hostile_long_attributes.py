"""A number split by an inline tag is read through the tag whatever the length of its attributes.

The sanitiser keeps ``title`` and ``style``, so ``139<span title="…">0000</span>0004`` is shown as 13900000004
however long the title: the tag hides nothing from a reader and nothing from the masker. Reading through the
tags stays linear in the text.
"""

from __future__ import annotations

import re
import time

import pytest

from archive_builder.core.privacy import mask_text

LONG = "备注" * 60  # 120 characters


@pytest.mark.parametrize("text", [
    f'手机：139<span title="{LONG}">0000</span>0004',
    f'手机：139<span style="color: red; {"font-weight: bold; " * 8}">0000</span>0004',
    f"手机：139<span title='{LONG}' lang=\"zh\">0000</span>0004",
    f'手机：139<span title="第一行\n{LONG}">0000</span>0004',  # a sanitised attribute keeps its line break
    f'手机：139<span title="a&gt;b&lt;c{LONG}">0000</span>0004',
    f'身份证号：141023<b title="{LONG}">19970802</b><i title="{LONG}">1016</i>',
])
def test_a_tag_with_long_attributes_between_digits_is_read_through(text):
    masked, count = mask_text(text)
    assert count == 1
    shown = re.sub(r"<[^>]*>", "", masked)
    assert "13900000004" not in shown and "141023199708021016" not in shown
    assert LONG in masked or "font-weight" in masked  # the tag itself is left as written


@pytest.mark.parametrize("text", [
    f'人数 139<span title="{LONG}">，</span>1250 元',
    f'<td>150</td><td title="{LONG}">1234</td><td>5678</td>',  # a cell's tag parts two numbers
    f'金额 1000<span title="{LONG}"> </span>2000 3000',
])
def test_ordinary_figures_around_long_tags_are_left_as_written(text):
    assert mask_text(text) == (text, 0)


@pytest.mark.parametrize("piece", ['1<b ', '1<b "', '1<span title="x">', "1<i title='" + "x" * 50])
def test_reading_through_tags_stays_linear(piece):
    start = time.perf_counter()
    mask_text(piece * 20_000)  # a quadratic scan would take minutes
    assert time.perf_counter() - start < 10


def test_the_page_masks_a_number_split_by_a_long_attribute_tag(make_archive, run_cli):
    body = f'---\n标题: 联系人\n---\n# 联系人\n\n手机：139<span title="{LONG}">0000</span>0004\n'
    root = make_archive({"content/县财政局/保障机制/2016/联系人.md": body})
    assert run_cli(root, "build").exit_code == 0
    written = [path for path in (root / "site").rglob("*") if path.is_file()]
    assert any(LONG in path.read_text("utf-8", "replace") for path in written if path.suffix == ".html")
    for path in written:
        shown = re.sub(r"<[^>]*>", "", path.read_bytes().decode("utf-8", "replace"))
        assert "13900000004" not in shown, path
