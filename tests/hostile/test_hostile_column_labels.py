"""A table column's header says what its figures are, as a label before a number on its line does.

Under 项目编号 or 凭证号 a project number or a voucher stays readable (141023201608150013 is an area code, a date
and a serial that happens to pass the ID check); under 手机 or 身份证号 a number is masked as ever. A header
naming an amount (金额, 拨付金额（元）) does not keep a mobile in a bare cell under it: an amount says so in its own
row (总投入（元）, 元, ¥). Only tables whose columns can be trusted count: a Markdown table and an HTML table (a page's), never a
sheet's text (its empty cells are dropped, so a figure may stand under another column's header), nor a table
whose first row is a title over all columns.
"""

from __future__ import annotations

import re
import time

import pytest

from archive_builder.core.privacy import mask_text
from archive_builder.site.bodies import _markdown_html, table_html

PROJECT = "141023201608150013"  # passes the ID check digit, as 1 in 11 such numbers do
VOUCHER = "6210100000123456"  # passes the Luhn sum
AMOUNT = "13512345679"
ID = "141023199708021016"
PHONE = "15912345678"


def _forms(markdown: str) -> list[str]:
    """The Markdown source and the page's HTML (both are masked)."""
    return [markdown, _markdown_html(markdown)]


@pytest.mark.parametrize("text", [
    *_forms(f"| 项目编号 | 项目名称 | 金额（万元） |\n|---|---|---|\n| {PROJECT} | 校舍维修 | 35 |"),
    *_forms(f"| 项目 | 金额 |\n|---|---|\n| 总投入（元） | {AMOUNT} |"),
    *_forms(f"| 凭证号 | 摘要 | 金额 |\n| :--- | --- | ---: |\n| {VOUCHER} | 公用经费拨付 | 3000 |"),
    table_html([["凭证号", "摘要", "金额"], [VOUCHER, "公用经费拨付", 3000]]),
    table_html([["项目编号", "项目名称"], [PROJECT, "校舍维修"], ["141023201608150021", "操场"]]),
])
def test_figures_under_a_project_or_voucher_column_or_in_an_amount_row_are_kept(text):
    assert mask_text(text) == (text, 0)


@pytest.mark.parametrize(("text", "number"), [
    *((form, PHONE) for form in _forms(f"| 姓名 | 手机 | 金额 |\n|---|---|---|\n| 张三 | {PHONE} | 35 |")),
    *((form, PHONE) for form in _forms(f"| 序号 | 拨付金额（元） |\n|---|---|\n| 1 | {PHONE} |")),  # a bare cell
    *((form, PHONE) for form in _forms(f"| 姓名 | 金额 | 人数 |\n|---|---|---|\n| 张三 | {PHONE} | 1200 |")),
    (table_html([["姓名", "金额", "人数"], ["张三", PHONE, 1200]]), PHONE),
    *((form, ID) for form in _forms(f"| 姓名 | 金额 |\n|---|---|\n| 张三 | {ID} |")),
    *((form, ID) for form in _forms(f"| 身份证号 | 金额（元） |\n|---|---|\n| {ID} | 3000 |")),
    *((form, ID) for form in _forms(f"| 学生身份证编号 | 金额 |\n|---|---|\n| {ID} | 3000 |")),
    (table_html([["姓名", "身份证号", "金额"], ["张三", ID, 3000]]), ID),
    (table_html([["姓名", "手机", "凭证号"], ["张三", PHONE, VOUCHER]]), PHONE),
    (table_html([["学籍编号", "姓名"], [ID, "张三"]]), ID),  # not a project's or a voucher's number
    (table_html([["2016年资助发放明细 金额", "", ""], ["身份证号", "姓名", "金额"], [ID, "张三", 3000]]), ID),  # a title row
    (table_html([["凭证号", "摘要", "金额"], [PHONE, "张三"]]), PHONE),  # a short row: its columns are not sure
    ("<table><tr><th colspan=2>金额</th></tr><tr><td>张三</td><td>15912345678</td></tr></table>", PHONE),
    ("<table><tr><th>金额</th><th>备注</th></tr></table><p>15912345678</p>", PHONE),  # after the table
    (f"凭证号\t摘要\n{PHONE}\t张三", PHONE),  # a sheet's text: no columns to trust
    (f"| 金额 | 备注 |\n| 35 | {PHONE} |", PHONE),  # no |---| rule: not a table
    (f"| 项目编号 | 备注 |\n|---|---|\n| 1 | 联系电话 {PHONE} |", PHONE),  # a label on the number's own line wins
])
def test_personal_numbers_under_their_own_or_an_unsure_header_are_still_masked(text, number):
    masked, count = mask_text(text)
    assert count >= 1 and number not in re.sub(r"<[^>]*>", "", masked)


def test_column_lookups_stay_linear():
    rows = "".join(f"| 张三 | 159{n:08d} | {VOUCHER} |\n" for n in range(20_000))
    long_row = "<table><tr><th>a</th><th>b</th></tr><tr>" + "<td>15912345678</td>" * 50_000 + "</tr></table>"
    for text in (f"| 姓名 | 手机 | 凭证号 |\n|---|---|---|\n{rows}", long_row,
                 "| a | b |\n|---|---|\n" + f"| {PHONE} " * 50_000, "| a |\n|" + " " * 500_000 + "x\n" + rows):
        started = time.perf_counter()
        mask_text(text)
        assert time.perf_counter() - started < 15


def test_the_site_page_keeps_a_project_number_column_and_masks_a_phone_column(make_archive, run_cli):
    table = (f"| 项目编号 | 项目名称 | 金额（万元） |\n|---|---|---|\n| {PROJECT} | 校舍维修 | 35 |\n\n"
             f"| 姓名 | 手机 |\n|---|---|\n| 张三 | {PHONE} |\n")
    root = make_archive({"content/县财政局/保障机制/2016/项目表.md": f"---\n标题: 项目表\n---\n# 项目表\n\n{table}"})
    assert run_cli(root, "build").exit_code == 0
    pages = "".join(path.read_text("utf-8") for path in (root / "site" / "docs").rglob("*.html"))
    assert PROJECT in pages and "159****5678" in pages and PHONE not in pages
