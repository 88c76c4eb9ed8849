"""Personal numbers written as a spreadsheet exports them (13937558318.0), in Chinese numerals in a mobile's
groups or as a card after its label, parted by an input method's full stop or wave dash, split by tags and
comments a page does not show, or one digit per space after 家长 or 联系人. Each is masked on the site and in
`scan --json`; the figures beside them stay as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text

PHONE = "13937558318"
CARD = "6222021234567890128"
ID = "14010219900307011X"
_NUMERAL_OF = dict(zip("0123456789", "〇一二三四五六七八九"))

WRITTEN = {
    "float": f"手机：{PHONE}.0",
    "card-float": f"卡号 {CARD}.0",
    "numerals": "家长 一三九 三七五五 八三一八",
    "numerals-dashed": "张老师 一三九-三七五五-八三一八",
    "numeral-card": "卡号：" + "".join(_NUMERAL_OF[d] for d in CARD),
    "full-stops": "联系电话 139。3755。8318",
    "wave-dash": "联系电话 139\u301c3755\u301c8318",
    "big": "号码 139<big>3755</big>8318",
    "nobr": "号码 139<nobr>3755</nobr>8318",
    "comment": "号码 139<!-- 分组 -->37558318",
    "ruby": "号码 <ruby>139<rt>yāo</rt></ruby>37558318",
    "link": "号码 [139](#a)37558318",
    "footnote": "号码 1393755[^1]8318\n\n[^1]: 见附表",
    "spaced-parent": "家长：1 3 9 3 7 5 5 8 3 1 8",
    "spaced-contact": "联系人 1 3 9 3 7 5 5 8 3 1 8",
    "after-a-full-stop": f"见附件2。{ID}",
}


def _visible(text: str) -> str:
    """What a reader sees of ``text``: tags, spaces and the joiners between groups taken out."""
    text = re.sub(r"<[^>]*>", "", text)
    return re.sub(r"[\s\-。·\u301c~]", "", text)


def _numerals_to_digits(text: str) -> str:
    return text.translate(str.maketrans("〇一二三四五六七八九", "0123456789"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("variants") / "archive"
    for name, line in WRITTEN.items():
        path = root / "content" / "县教科局" / "发展规划" / "2016" / f"2016-{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n标题: 名单{name}\n日期: 2016-03-01\n---\n# 名单\n\n{line}\n", "utf-8")
    printed = [CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False).output
               for command in (["build"], ["scan", "--json"])]
    written = [path.read_text("utf-8", "replace") for path in (root / "site").rglob("*")
               if path.is_file() and path.suffix in (".html", ".json", ".js")]
    return root, "\n".join(printed + written)


@pytest.mark.parametrize("name", WRITTEN)
def test_each_written_variant_is_published_with_its_number_masked(built, name):
    root, _ = built
    pages = [page for page in (root / "site").rglob("*.html") if f"名单{name}" in page.read_text("utf-8")]
    assert pages, f"no page shows 名单{name}"
    shown = _numerals_to_digits(_visible("".join(page.read_text("utf-8") for page in pages)))
    assert PHONE not in shown and CARD not in shown and ID not in shown


def test_no_output_holds_any_of_the_numbers(built):
    _, outputs = built
    shown = _numerals_to_digits(_visible(outputs))
    assert PHONE not in shown and CARD not in shown and ID not in shown


@pytest.mark.parametrize("ordinary", [
    "金额 13937558318.5 元",  # an amount with a fraction
    "二〇一六年 二〇一七年",
    "编号 " + "".join(_NUMERAL_OF[d] for d in CARD),  # numerals after a label of another kind: no card
    "共139。1250。",  # two sentences ending in figures
    "2016年3月。13912345678元",  # an amount after a full stop
])
def test_the_figures_beside_them_stay_as_written(ordinary):
    assert mask_text(ordinary) == (ordinary, 0)
