"""A full-width or ideographic comma between the groups of a personal number (1410，2319，9708，0210，16).

Chinese text parts the figures of a list with the same commas (人数 139，1250，1180), so a number written that
way is masked when it is checked strongly (an ID's birth date and check digit, a UnionPay card's 62 and Luhn sum)
or labelled on its line (手机, 卡号), and never when the list goes on past it. A tab parts a sheet's cells: it
never joins groups.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text

ID = "141023199708021016"
CARD = "6222021234567890128"  # UnionPay, valid Luhn sum
PHONE = "15912345678"

WRITTEN_WITH_COMMAS = {
    "1410，2319，9708，0210，16": ID,  # groups of four, no label: the check digit vouches
    "身份证号 1410，2319，9708，0210，16。": ID,
    "身份证：141023，19970802，1016": ID,  # 6-8-4
    "1410、2319、9708、0210、16": ID,  # the ideographic comma
    "6222，0212，3456，7890，128": CARD,
    "卡号 6222、0212、3456、7890、128": CARD,
    "电话 159，1234，5678": PHONE,
    "手机：159、1234、5678": PHONE,
}


@pytest.mark.parametrize("text", list(WRITTEN_WITH_COMMAS))
def test_a_number_with_commas_between_its_groups_is_masked(text):
    masked, count = mask_text(text)
    number = WRITTEN_WITH_COMMAS[text]
    assert count == 1
    assert number not in re.sub(r"[，、\s]", "", masked)
    assert "**" in masked and number[-2:] in masked


@pytest.mark.parametrize("text", [
    "人数 139，1250，1180",  # a list of figures: 13912501180 would be a mobile number
    "159，1234，5678",  # no phone label: figures of a list
    "补助标准：3200，4500，1800，2600",
    "6222，0212，3456，7890，128，1",  # the list goes on past the card
    "1410，2319，9708，0210，16，2200",  # and past the ID
    "电话 159，1234，5678，1234",
    "金额 1，234，567，890，123，456",  # thousands parted by full-width commas
    "示范一小\t150\t1234\t5678",  # a sheet's row: tabs part cells, never groups
    "1、2、3、4 项已完成",
])
def test_a_list_of_figures_with_commas_is_left_as_written(text):
    assert mask_text(text) == (text, 0)


def test_a_plain_number_after_a_comma_is_still_masked():
    assert mask_text(f"学号2016，{ID}")[1] == 1


def test_a_number_with_commas_is_masked_on_the_page_and_in_both_indexes(tmp_path):
    root = tmp_path / "archive"
    page = root / "content/县教科局/发展规划/2016/联系人.md"
    page.parent.mkdir(parents=True)
    lines = "\n\n".join(f"第{n}项 {text}" for n, text in enumerate(WRITTEN_WITH_COMMAS, 1))
    page.write_text(f"---\n标题: 联系人名单\n日期: 2016-03-01\n---\n# 联系人\n\n{lines}\n", "utf-8")
    for command in (["build"], ["index"]):
        result = CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    written = [path for folder in (root / "site", root / ".archive-cache") for path in folder.rglob("*") if path.is_file()]
    assert any("第1项" in path.read_text("utf-8", "replace") for path in written if path.suffix == ".html")
    for path in written:
        data = re.sub(r"[，、\s]|\\u3001|\\uff0c", "", path.read_bytes().decode("utf-8", "replace"))
        for number in set(WRITTEN_WITH_COMMAS.values()):
            assert number not in data, path
