"""Personal numbers whose groups are parted by any Unicode space or dash (en, em, figure, punctuation, hair, math,
ideographic space; figure dash, en and em dash, horizontal bar, small and full-width hyphen-minus).

Word and WPS put en and em spaces for 全角/半角空格 and some input methods type them, so a number so grouped is
masked as one grouped with a plain space or hyphen is. A tab never joins groups: it parts a sheet's cells.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_counts, mask_text

ID = "141023199708021016"
CARD = "6222021234567890128"  # UnionPay, valid Luhn sum
PHONE = "15912345678"

SPACES = ["\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2008", "\u200a", "\u205f", "\u3000",
          "\u1680"]
DASHES = ["\u2012", "\u2013", "\u2014", "\u2015", "\ufe58", "\ufe63", "\uff0d"]
_SHOWN_AS_PLAIN = re.compile("[\\s\u2000-\u200a\u205f\u3000\u1680\u2012-\u2015\ufe58\ufe63\uff0d-]")


def _grouped(number: str, separator: str, groups: tuple[int, ...]) -> str:
    parts, at = [], 0
    for size in groups:
        parts.append(number[at:at + size])
        at += size
    return separator.join(parts)


@pytest.mark.parametrize("separator", SPACES + DASHES, ids=lambda s: f"U+{ord(s):04X}")
@pytest.mark.parametrize(("kind", "number", "groups", "label"), [
    ("phone", PHONE, (3, 4, 4), "手机："),
    ("phone", PHONE, (3, 4, 4), "家长电话 "),
    ("id", ID, (6, 8, 4), "身份证号："),
    ("id", ID, (6, 4, 4, 4), ""),
    ("id", ID, (4, 4, 4, 4, 2), ""),
    ("bank", CARD, (4, 4, 4, 4, 3), "银行卡号："),
    ("bank", CARD, (4, 4, 4, 4, 3), ""),
])
def test_a_number_grouped_with_any_space_or_dash_is_masked(separator, kind, number, groups, label):
    text = label + _grouped(number, separator, groups) + " 。"
    masked, count = mask_text(text)
    assert count == 1, text
    assert mask_counts(text)[kind] == 1
    assert number not in _SHOWN_AS_PLAIN.sub("", masked)
    assert len(masked) == len(text) and separator in masked  # the separators stay as written


@pytest.mark.parametrize("text", [
    "示范一小\t150\t1234\t5678",  # a sheet's row: a tab parts cells, never groups
    "150\t1234\t5678",
    f"{PHONE[:3]}\t{PHONE[3:7]}\t{PHONE[7:]}",
    "2016\u20132020年规划",  # a range of years
    "2016\u20142020",
    "金额\u20031000\u20032000\u20033000\u20034000",  # a list of amounts
    "补助\u2002320\u2002450\u2002180\u2002260 元",
    "第\u20031\u2003至\u200312\u2003条",
    "电话 0351\u20122345678",  # a landline
    "文号 晋教〔2016〕12号\u20022016\u201203\u201201",
])
def test_ordinary_figures_with_such_separators_are_left_as_written(text):
    assert mask_text(text) == (text, 0)


def test_a_number_with_unicode_separators_is_masked_in_every_output(tmp_path):
    root = tmp_path / "archive"
    folder = root / "content/县财政局/保障机制/2016"
    folder.mkdir(parents=True)
    name = "联系人139\u20020000\u20020014.md"
    lines = [
        f"家长电话：{_grouped(PHONE, chr(0x2002), (3, 4, 4))}",
        f"学生身份证号：{_grouped(ID, chr(0x2003), (6, 8, 4))}",
        f"手机：{_grouped(PHONE, chr(0x2015), (3, 4, 4))}",
        f"银行卡号：{_grouped(CARD, chr(0xfe63), (4, 4, 4, 4, 3))}",
    ]
    (folder / name).write_text(
        "---\n标题: 联系人 139\u20030000\u20030015 名单\n日期: 2016-03-01\n---\n# 联系人\n\n" + "\n\n".join(lines) + "\n",
        "utf-8")
    for command in (["build"], ["index"], ["scan", "--json"]):
        result = CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "13900000014" not in _SHOWN_AS_PLAIN.sub("", result.output)
    written = [path for folder in (root / "site", root / ".archive-cache") for path in folder.rglob("*") if path.is_file()]
    pages = [path.read_text("utf-8", "replace") for path in written if path.suffix == ".html"]
    assert any("联系人" in page for page in pages)
    for path in written:
        data = path.read_bytes().decode("utf-8", "replace")
        data = re.sub(r"\\u(?:200[0-9a]|3000|2015|fe63)", "", data)
        data = _SHOWN_AS_PLAIN.sub("", data)
        for number in (PHONE, ID, CARD, "13900000014", "13900000015"):
            assert number not in data, path
