"""Personal numbers spelt in ways a reader still reads whole: invisible bidi characters between the groups,
numbers YAML reads as ints, a page count that is a phone, double spaces, a 万 after a labelled phone, IDs after
学籍编号, grouped old IDs, Amex cards, breaks after a dash, entities in the source, digits one per cell,
percent-encoded links. Each is masked in every output; ordinary figures stay as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text, mask_value

ID = "14010219900307011X"
PHONE = "13937558318"
CARD = "6222021234567890128"  # UnionPay, valid Luhn sum


def _archive(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "archive"
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def _outputs(root: Path, *commands: list[str]) -> str:
    """Everything the commands print and write, as one text."""
    printed = []
    for command in commands:
        result = CliRunner().invoke(cli, ["--root", str(root), "--lang", "zh", *command], catch_exceptions=False)
        printed.append(result.output)
    written = [path.read_bytes().decode("utf-8", "replace")
               for folder in (root / "site",) if folder.exists() for path in folder.rglob("*") if path.is_file()]
    return "\n".join(printed + written)


def _read_out(text: str) -> str:
    """``text`` with what a reader does not see between digits taken out: escapes of invisible characters,
    invisible characters, spaces and dashes."""
    text = re.sub(r"\\u(?:20[0-6][0-9a-f]|061c|17b[45]|180f)", "", text)
    return re.sub(r"[\u061c\u17b4\u17b5\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f \t-]", "", text)


# --- bidi isolates and other format characters between the groups ---

@pytest.mark.parametrize("mark", ["\u2066", "\u2069", "\u2067", "\u2068", "\u061c", "\u17b4", "\u17b5", "\u180f",
                                  "\u206a", "\u206f"], ids=lambda s: f"U+{ord(s):04X}")
@pytest.mark.parametrize("number", [ID, PHONE, CARD])
def test_a_number_with_invisible_format_characters_between_its_groups_is_masked(mark, number):
    text = f"名单 {number[:6]}{mark}{number[6:10]}{mark}{number[10:]} 。"
    masked, count = mask_text(text)
    assert count == 1, repr(text)
    assert number not in _read_out(masked)


def test_a_number_with_bidi_isolates_is_masked_on_the_page_and_in_the_manifest(tmp_path):
    spelt = f"{ID[:6]}\u2066{ID[6:14]}\u2066{ID[14:]}"
    root = _archive(tmp_path, {
        f"县教科局/发展规划/2016/2016-{spelt}.md": f"---\n标题: 名单 {PHONE[:3]}\u2066{PHONE[3:7]}\u2066{PHONE[7:]}\n"
                                                 f"日期: 2016-03-01\n---\n# 名单\n\n学生 {spelt}\n"})
    shown = _read_out(_outputs(root, ["build"], ["scan", "--json"]))
    assert ID not in shown and PHONE not in shown


# --- numbers YAML reads as ints; a page count that is a phone ---

def test_mask_value_masks_an_int_or_float_whose_digits_are_a_personal_number():
    assert mask_value(13994869067) == "139****9067"
    assert mask_value(140521199003075405) == "140521********5405"
    assert mask_value(13994869067.0) == "139****9067"
    assert mask_value({"档案": {"学生": 140521199003075405}, "备注": [13955879026]}) == {
        "档案": {"学生": "140521********5405"}, "备注": ["139****9026"]}


@pytest.mark.parametrize("value", [0, 42, 2016, 20160301, 13500000000.5, True, 1e25, -7, 12345678901])
def test_mask_value_leaves_ordinary_numbers_as_they_are(value):
    assert mask_value(value) == value and type(mask_value(value)) is type(value)


def test_unquoted_numbers_in_metadata_are_masked_in_scan_json_and_messages(tmp_path):
    phones = ["13994869067", "13955879026", "13935671860", "13909243509", "13954599274", "13995716410"]
    root = _archive(tmp_path, {
        "县教科局/发展规划/2016/2016-名单.md": (
            f"---\n标题: 名单\n日期: {phones[2]}\n页数: {phones[4]}\n备注: {phones[0]}\n"
            f"联系人: {phones[1]}\n档案: {{学生: 140521199003075405}}\n---\n# 名单\n\n正文\n"),
        "县教科局/发展规划/2016/2016-通知.md": f"---\n标题: 通知\n日期: 2016-03-01\n密级: {phones[3]}\n---\n正文\n",
        "县教科局/发展规划/2016/_meta.yml": f"备注: {phones[5]}\n",
    })
    shown = _outputs(root, ["scan", "--json"], ["scan"], ["build"], ["check", "--format", "json"])
    for number in (*phones, "140521199003075405"):
        assert number not in shown, number
    scanned = CliRunner().invoke(cli, ["--root", str(root), "scan", "--json"], catch_exceptions=False).output
    assert "139****9067" in scanned and json.loads(scanned[scanned.index("{"):]) is not None


# --- spellings of a number a reader reads whole ---

_CELLS_ID = "".join(f"<td><p>{digit}</p></td>" for digit in ID)


@pytest.mark.parametrize(("text", "kind_digits"), [
    ("手机:139  3755  8318", 11),  # two spaces between groups
    ("身份证:140102  19900307  011X", 18),
    ("银行卡:6239  8259  7919  0741", 16),
    ("联系电话：13982068416万老师", 11),  # the label beats the 万 after it
    ("手机13923723359元旦后可联系", 11),
    ("张三\t13978974631\t万志强", 11),  # a tab parts the sheet's cells: 万 is the next cell's
    ("学籍编号：G14010219900307011X", 18),  # a 学籍号 is G and the 身份证号
    ("学生编号：140102199003070400", 18),
    ("考生编号：14010219900307070X", 18),
    ("信用卡：374533314789320", 15),  # Amex, 15 plain digits
    ("身份证:140102 750307 123", 15),  # grouped old IDs
    ("身份证:140102-800101-456", 15),
    ("手机:139-8834-\n2405", 11),  # a break after a dash
    ("身份证:140102-19900307-\n011X", 18),
    ("139&shy;7074&shy;2926", 11),  # references and escapes in the source
    ("139&#8203;9050&#8203;1990", 11),
    ("139&ZeroWidthSpace;9050&ZeroWidthSpace;1990", 11),
    ("139&NoBreak;9050&NoBreak;1990", 11),
    ("139&minus;9050&minus;1990", 11),
    ("139&hyphen;9050&hyphen;1990", 11),
    ("139\\-2773\\-8774", 11),
    ("139<wbr>3169<wbr>5282", 11),
    ("身份证号码\t" + "\t".join(ID), 18),  # one digit per cell, letter-spaced, page cells
    ("身份证号码：" + " ".join(ID), 18),
    ("| 手机 | " + " | ".join(PHONE) + " |", 11),
    ("ID " + " ".join(ID), 18),
    ("<tr><td><p>身份证号码</p></td>" + _CELLS_ID + "</tr>", 18),
    ("139／6765／9951", 11),  # other separators and groupings
    ("139～6765～9950", 11),
    ("139. 6765. 9955", 11),
    ("6239.8259.7919.0741", 16),
    ("6239_8259_7919_0741", 16),
    ("6294 5807 3021 5736813", 19),
    ("62945807 30215736813", 19),
    ("长途 013967659957", 11),
    ("[点我](../x.html?tel=%31%33%39%36%30%36%35%36%39%38%37)", 11),  # percent-encoded in a link
    ("银行卡号：6201022017040666386", 19),  # a card label keeps a project-like card masked
])
def test_a_number_so_spelt_is_masked(text, kind_digits):
    masked, count = mask_text(text)
    assert count == 1, text
    shown = re.sub(r"<[^<>]*>|&[A-Za-z]+;|&#[0-9]+;|[^0-9Xx*%]|%3", "", masked)
    assert "*" in shown and len(re.sub(r"[^0-9Xx*]", "", shown)) >= kind_digits


@pytest.mark.parametrize("text", [
    "人数\t139\t1250\t1180",
    "13500000000 元",  # an amount
    "总额 13900000000元",
    "金额\t13978974631\t万元",
    "根据示范县发改委批复（6201022017040666386），建设教学楼。",  # area code + date + serial
    "立项批复 4101052016110300125。",
    "记账 5521101917656931 号。",
    "分数 1 3 9 3 7 5 5 8 3 1 8",  # single digits with no personal label before them
    "第 1 2 3 4 5 6 7 8 9 0 1 题",
    "增长 50%，2016年 %31 个",
    "学籍编号：20160001",
    "电话 0351-2345678",
])
def test_ordinary_figures_stay_as_written(text):
    assert mask_text(text) == (text, 0)


def test_such_spellings_are_masked_on_the_page_in_search_texts_and_text_copies(tmp_path):
    numbers = ["13937558318", "13982068416", "13970742926", "13990501990", "13927738774", "13931695282",
               "13988342405", "13960656987", "14010219900307011X"]
    body = ("# 名单\n\n手机:139  3755  8318\n\n联系电话：13982068416万老师\n\n第0条 139&shy;7074&shy;2926\n\n"
            "139&#8203;9050&#8203;1990\n\n139\\-2773\\-8774\n\n139<wbr>3169<wbr>5282\n\n手机:139-8834-\n2405\n\n"
            "[点我联系](../x.html?tel=%31%33%39%36%30%36%35%36%39%38%37)\n\n学籍编号：G14010219900307011X\n")
    root = _archive(tmp_path, {"县教科局/发展规划/2016/2016-名单.md": f"---\n标题: 名单\n日期: 2016-03-01\n---\n{body}"})
    shown = _outputs(root, ["build"], ["search", "名单"])
    shown = re.sub(r"&[A-Za-z]+;|&#[0-9]+;|<wbr>|\\\\-|\\-|\\u00ad|\\u200b|[\u00ad\u200b\s-]", "", shown)
    for number in numbers:
        assert number not in shown, number
