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


# --- C-1: bidi isolates and other format characters between the groups ---

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


# --- C-8, C-14: numbers YAML reads as ints; a page count that is a phone ---

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
