"""A personal number broken over two lines of a Markdown paragraph (a soft line break, shown as a space)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from fixtures.make_office import RESIDENT_ID

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text

PHONE = "15987654321"
OTHER_PHONE = "13645673210"
BROKEN = {
    "电话 159\n8765 4321": PHONE,  # 3-4-4 groups, the break after the first
    "手机1364567\n3210。": OTHER_PHONE,  # no group separator but the break
    f"身份证号 {RESIDENT_ID[:14]}\n{RESIDENT_ID[14:]}": RESIDENT_ID,  # 6-8-4 groups, broken before the last
    f"电话 {PHONE[:3]} \n {PHONE[3:]}": PHONE,  # spaces about the break
    f"身份证 {RESIDENT_ID[:6]}\r\n{RESIDENT_ID[6:]}": RESIDENT_ID,  # a Windows line end
}


@pytest.mark.parametrize("text", list(BROKEN))
def test_a_number_broken_by_a_single_line_break_is_masked(text):
    masked, count = mask_text(text)
    assert count == 1
    assert BROKEN[text] not in re.sub(r"\s", "", masked)
    assert BROKEN[text][-4:] in masked and "****" in masked.replace("\n", "").replace("\r", "")


@pytest.mark.parametrize("text", [
    "159\n\n87654321",  # a blank line parts two paragraphs, and two numbers
    "人数\n139\n1250\n1180",  # a table read one cell per line
    "项目编号 2016\n15987654321",  # the label still decides
    "金额 1598765\n4321 元",
])
def test_a_blank_line_or_a_column_of_figures_still_parts_numbers(text):
    assert mask_text(text) == (text, 0)


def test_the_built_page_and_caches_show_the_broken_numbers_masked(tmp_path):
    body = "# 联系方式\n\n" + "\n\n".join(f"第{n}段 {text}" for n, text in enumerate(BROKEN, 1)) + "\n"
    root = tmp_path / "archive"
    page = root / "content/县教科局/发展规划/2016/联系人.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\n标题: 联系人名单\n日期: 2016-03-01\n---\n" + body, "utf-8")
    for command in (["build"], ["index"]):
        result = CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    pages = [path for path in (root / "site").rglob("*.html") if "第1段" in path.read_text("utf-8", "replace")]
    assert pages, "the document has a page"
    assert "****" in pages[0].read_text("utf-8")
    written = [path for folder in (root / "site", root / ".archive-cache") for path in folder.rglob("*") if path.is_file()]
    for path in written:
        data = re.sub(rb"\s|<br\s*/?>", b"", path.read_bytes())
        for number in set(BROKEN.values()):
            assert number.encode() not in data, path
            assert number.encode("utf-16-le") not in data, path


@pytest.mark.parametrize("text", [
    "姓名\t手机\t金额\n张三\t15912345678\t300",  # a sheet's header row ends in 金额
    "项目编号\n15912345678",
    "凭证号 2016-001\n联系人 15912345678",
])
def test_a_label_on_the_line_above_does_not_decide_for_a_number(text):
    masked, count = mask_text(text)
    assert count == 1 and "159****5678" in masked


def test_the_first_cell_under_a_header_of_amounts_is_masked_on_the_page(tmp_path):
    import openpyxl

    root = tmp_path / "archive"
    folder = root / "content/县教科局/规范办学行为/2016"
    folder.mkdir(parents=True)
    book = openpyxl.Workbook()
    book.active.append(["姓名", "手机", "补助金额"])
    book.active.append(["张三", "15912345678", 300])
    book.save(folder / "补助名册.xlsx")
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for path in [*(root / "site").rglob("*"), *(root / ".archive-cache").rglob("*")]:
        if path.is_file():
            assert b"15912345678" not in path.read_bytes(), path


@pytest.mark.parametrize("text", ["13000000000\n1000", "15912345678 1000", "110101199003071233\n2016"])
def test_a_masked_number_is_not_read_again_as_one(text):
    once, count = mask_text(text)
    assert count == 1
    assert mask_text(once) == (once, 0)  # its stars are not emphasis hiding nothing between its digits
