"""Personal numbers in the forms an attack wrote them: an ID or a mobile in Chinese numerals (一四一〇二三…, 幺三八…),
a mobile in a row of figures (| 张三 | 13800138000 | 1200 |), bank cards grouped 8-8, 6-6-7, 4-6-6, and tel: links
with percent-encoded dashes in a Markdown link, inline HTML, a Word hyperlink and a PDF's link annotation (whose
originals are then not copied). Each is masked in every output.

An organisation's 统一社会信用代码 is public: all digits, it is no card when its label names it or its own check
characters (GB 32100-2015) hold, and stays readable; a valid ID after such a label is still a person's. Dates and
amounts in Chinese numerals (二〇一六年十二月, 一百二十三万元) and vouchers or project numbers stay as written.

The check characters are computed here, apart from the masker's own, so each number is valid by the standard.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from structures import CJK_FONT, build, docx_bytes, sha

from archive_builder.commands.cli import cli
from archive_builder.core.privacy import mask_text


def id_check(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of an ID's first 17 digits (GB 11643)."""
    weights = [pow(2, 17 - place, 11) for place in range(17)]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def luhn_completed(body: str) -> str:
    """``body`` with the digit that makes its Luhn sum a multiple of ten."""
    for last in "0123456789":
        digits = [int(d) for d in reversed(body + last)]
        if sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0:
            return body + last
    raise AssertionError(body)


def uscc_completed(head8: str, organisation8: str) -> str | None:
    """An all-digit 统一社会信用代码: authority, kind, area code, an organisation code with its GB 11714 check
    digit, and the GB 32100 check character; None when a check comes out a letter."""
    organisation = (11 - sum(int(d) * w for d, w in zip(organisation8, (3, 7, 9, 10, 5, 8, 4, 2))) % 11) % 11
    if organisation == 10:
        return None
    body = head8 + organisation8 + str(organisation)
    check = (31 - sum(int(d) * pow(3, place, 31) for place, d in enumerate(body)) % 31) % 31
    return body + str(check) if check < 10 else None


def _uscc_passing_luhn(head8: str) -> str:
    """The first all-digit 统一社会信用代码 of ``head8`` that also passes the Luhn sum, as one card in ten does."""
    for serial in range(10**6):
        code = uscc_completed(head8, f"{serial:08d}")
        if code and luhn_completed(code[:-1]) == code:
            return code
    raise AssertionError(head8)


ID = "141023199708021016"
assert id_check(ID[:17]) == ID[-1]
NUMERALS = dict(zip("0123456789", "〇一二三四五六七八九"))
ID_IN_NUMERALS = "".join(NUMERALS[d] for d in ID)  # 一四一〇二三一九九七〇八〇二一〇一六
MOBILE_IN_NUMERALS = "一三八〇〇一三八〇〇〇"
USCC = _uscc_passing_luhn("91141023")  # a company of 原平 registered with the market regulator
USCC_CENTRAL = _uscc_passing_luhn("12100000")  # a public institution of the central state
CARD16 = luhn_completed("622202151234567")
CARD19 = luhn_completed("622202151234567890")


def _spelt(digits: str) -> str:
    return "".join(NUMERALS[d] for d in digits)


# --- Chinese numerals ---

@pytest.mark.parametrize(("text", "kind"), [
    (f"身份证号：{ID_IN_NUMERALS}", "id"),
    (f"学生{ID_IN_NUMERALS}，", "id"),  # the check character vouches: no label needed
    ("身份证号：一四一〇二三1997０８０２一〇一六", "id"),  # digits and full-width digits mixed in
    ("身份证号：一四一零二三一九九七零八零二一零一六", "id"),  # 零 for 〇
    ("身份证号：一四一○二三一九九七○八○二一○一六", "id"),  # the circle ○ typed for 〇
    ("身份证号：壹肆壹零贰叁壹玖玖柒零捌零贰壹零壹陆", "id"),  # the financial forms
    (f"身份证号 {ID_IN_NUMERALS[:6]} {ID_IN_NUMERALS[6:14]} {ID_IN_NUMERALS[14:]}", "id"),
    (f"身份证：{_spelt('14010219900307011')}X", "id"),
    (f"电话：{MOBILE_IN_NUMERALS}", "phone"),
    ("电话：幺三八〇〇幺三八〇〇〇", "phone"),  # 幺 for 1, as a phone number is read out
    ("家长手机 幺三九 幺二三四 五六七八", "phone"),  # grouped, after a phone label
    (f"请联系{MOBILE_IN_NUMERALS}。", "phone"),  # exactly eleven numerals: a mobile, label or not
    (f"电话：{MOBILE_IN_NUMERALS} 一定接听", "phone"),  # an ordinary 一 after a space does not lengthen it
])
def test_an_id_or_mobile_in_chinese_numerals_is_masked(text, kind):
    masked, count = mask_text(text)
    assert count == 1, masked
    assert "****" in masked
    if kind == "id":
        assert masked.count("*") == 8 and "一九九七〇八〇二" not in masked and "1997０８０２" not in masked
    else:
        assert masked.count("*") == 4


@pytest.mark.parametrize("text", [
    "二〇一六年十二月", "二○一六年十二月三十一日", "一百二十三万元", "第一二三条", "一二年级", "一九九七年至二〇一六年",
    "一二三四五六七八九〇一二",  # twelve numerals: no mobile
    f"身份证号：{ID_IN_NUMERALS[:-1]}七",  # the check character does not hold
    "二〇一六二〇一七二〇一八学年",
])
def test_ordinary_chinese_numbers_stay_as_written(text):
    assert mask_text(text) == (text, 0)


# --- 统一社会信用代码 ---

@pytest.mark.parametrize("text", [
    f"统一社会信用代码：{USCC}", f"信用代码 {USCC}", f"USCC: {USCC}", f"单位：示范县某公司 {USCC}", USCC_CENTRAL,
    f"| 单位 | 统一社会信用代码 |\n|---|---|\n| 示范县某公司 | {USCC} |",
])
def test_an_organisation_s_credit_code_is_not_masked_as_a_card(text):
    assert luhn_completed(USCC[:-1]) == USCC  # a card's Luhn sum holds too: only the code's own checks tell
    assert mask_text(text) == (text, 0)


@pytest.mark.parametrize(("text", "number"), [
    (f"统一社会信用代码：{ID}", ID),  # the label names the wrong thing: a valid ID is a person's
    (f"USCC {ID}", ID),
    (f"银行卡号 {USCC}", USCC),  # a card label: a card, whatever its digits
])
def test_an_id_or_a_labelled_card_near_a_credit_code_is_still_masked(text, number):
    masked, count = mask_text(text)
    assert count >= 1 and number not in masked, masked


def _luhn_but_no_credit_code(head8: str) -> str:
    """The first 18 digits of ``head8`` that pass the Luhn sum and are no 统一社会信用代码 (its checks fail)."""
    for serial in range(10**6):
        number = luhn_completed(f"{head8}{serial:09d}")
        if uscc_completed(head8, number[8:16]) != number:
            return number
    raise AssertionError(head8)


@pytest.mark.parametrize("number", [luhn_completed("62220215123456789"), _luhn_but_no_credit_code("91141023")])
def test_an_eighteen_digit_card_that_is_no_credit_code_is_masked(number):
    assert mask_text(f"补助 {number}") == (f"补助 {'*' * 14}{number[-4:]}", 1)


# --- a mobile in a row of figures ---

@pytest.mark.parametrize("text", [
    "| 张三 | 13800138000 | 1200 |", "张三,13800138000,1200", "张三，13800138000，1200", "张三\t13800138000\t1200",
    "1200,13800138000,1300", "| 序号 | 姓名 | 金额 | 人数 |\n|---|---|---|---|\n| 1 | 张三 | 13800138000 | 1200 |",
    "<table><tr><th>姓名</th><th>金额</th></tr><tr><td>张三</td><td>13800138000</td></tr></table>",
    "张三 13800138000 万老师",  # 万 before a word is a name, not 万元
])
def test_a_mobile_among_figures_is_masked(text):
    masked, count = mask_text(text)
    assert count == 1 and "13800138000" not in masked and "138****8000" in masked, masked


@pytest.mark.parametrize("text", ["13800138000 元", "合计 13800138000元", "¥13800138000", "13800138000.00",
                                  "金额 13800138000", "| 总投入（元） | 13800138000 |", "13800138000万元"])
def test_an_amount_that_says_so_stays(text):
    assert mask_text(text) == (text, 0)


# --- bank cards in other groupings ---

def _grouped(number: str, sizes: tuple[int, ...], separator: str) -> str:
    cuts = [sum(sizes[:index]) for index in range(len(sizes) + 1)]
    return separator.join(number[start:end] for start, end in zip(cuts, cuts[1:]))


@pytest.mark.parametrize("separator", [" ", "-", "."])
@pytest.mark.parametrize(("number", "sizes"), [
    (CARD16, (8, 8)), (CARD19, (6, 6, 7)), (CARD19, (6, 13)), (CARD19, (4, 4, 4, 4, 3)), (CARD16, (4, 6, 6)),
    (luhn_completed("37828224631000"), (4, 6, 5)), (luhn_completed("62220215123456789"), (6, 6, 6)),
    (luhn_completed("4111111111111111111"[:-1]), (8, 11)),
])
def test_a_card_in_another_grouping_is_masked(number, sizes, separator):
    text = f"补助发放 {_grouped(number, sizes, separator)} 。"
    masked, count = mask_text(text)
    assert count == 1, text
    assert number[:-4] not in re.sub(r"[ .-]", "", masked) and re.sub(r"[ .-]", "", masked).count("*") >= 11


@pytest.mark.parametrize("text", [
    f"凭证号 {_grouped(CARD16, (8, 8), ' ')}",  # a voucher label
    "项目编号 14102320 16081500 13",  # an area code, a date and a serial
    "2016 0301 2016 0831", "20160301-20160831", "时间 20160301 20160831",
])
def test_vouchers_project_numbers_and_dates_so_grouped_stay(text):
    assert mask_text(text) == (text, 0)


# --- the site: pages, search, manifest ---

TEL_MD = "13800138011"
TEL_DOCX = "13800138012"
TEL_PDF = "13800138013"


def _tel(number: str) -> str:
    return f"tel:{number[:3]}%2D{number[3:7]}%2D{number[7:]}"


def _linked_pdf(number: str) -> bytes:
    """A PDF whose page says 联系我们 and whose link annotation dials ``_tel(number)``."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=12)
    pdf.text(20, 30, "示范县教育局 联系我们 LINKEDPDFBODY")
    pdf.link(20, 25, 60, 10, _tel(number))
    return bytes(pdf.output())


def _shown(path: Path) -> str:
    """A written file as a reader may read it: escapes undone, percent-encoding decoded, numerals as digits,
    separators out."""
    text = path.read_bytes().decode("utf-8", "replace")
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = urllib.parse.unquote(text).translate(str.maketrans("〇一二三四五六七八九幺", "01234567891"))
    return re.sub(r"[\s\-.·|,，]", "", text)


def test_every_form_is_masked_on_the_site_in_search_and_in_the_manifest(tmp_path):
    folder = tmp_path / "archive" / "content" / "县教科局" / "规范办学行为" / "2016"
    folder.mkdir(parents=True)
    body = (f"# 名单\n\n身份证号：{ID_IN_NUMERALS}\n\n电话：幺三八〇〇幺三八〇〇〇\n\n"
            f"| 姓名 | 金额 | 人数 |\n|---|---|---|\n| 张三 | 13800138001 | 1200 |\n\n张四,13800138002,1200\n\n"
            f"卡 {_grouped(CARD16, (8, 8), ' ')} 与 {_grouped(CARD19, (6, 6, 7), '-')}\n\n"
            f"统一社会信用代码：{USCC}\n\n[电话]({_tel(TEL_MD)})\n\n"
            f'<a href="{_tel("13800138014")}">拨打</a>\n')
    (folder / "名单.md").write_text(f"---\n标题: 联系名单\n日期: 2016-03-01\n---\n{body}", "utf-8")
    word = docx_bytes(["联系方式 LINKEDDOCXBODY"], link=_tel(TEL_DOCX))
    (folder / "联系方式.docx").write_bytes(word)
    linked = _linked_pdf(TEL_PDF)
    (folder / "联系.pdf").write_bytes(linked)
    root = tmp_path / "archive"
    for command in ("build", "index"):
        result = CliRunner().invoke(cli, ["--root", str(root), command], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
    site = root / "site"
    written = [path for folder in (site, root / ".archive-cache") for path in folder.rglob("*") if path.is_file()]
    assert (site / "search" / "docs.js").is_file() and (site / "manifest.json").is_file()
    pages = "".join(path.read_text("utf-8") for path in (site / "docs").rglob("*.html"))
    assert "联系名单" in pages and "LINKEDPDFBODY" in pages and "LINKEDDOCXBODY" in pages and USCC in pages
    copied = {sha(path.read_bytes()) for path in (site / "files").rglob("*") if path.is_file()}
    assert sha(linked) not in copied and sha(word) not in copied  # their links dial a person: the originals stay out
    numbers = [ID, "13800138000", "13800138001", "13800138002", CARD16, CARD19, TEL_MD, TEL_DOCX, TEL_PDF,
               "13800138014"]
    for path in written:
        shown = _shown(path)
        for number in numbers:
            assert number not in shown, (path, number)


@pytest.mark.parametrize("where", ["metadata", "bookmark"])
def test_a_pdf_whose_hidden_parts_spell_an_id_in_numerals_is_not_copied(tmp_path, where):
    """The parts of a PDF no page shows (its author and subject, a bookmark's title) are gone through for numerals
    as for digits: the original stays out."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=12)
    if where == "bookmark":
        pdf.start_section(ID_IN_NUMERALS)
    else:
        pdf.set_author(ID_IN_NUMERALS)
        pdf.set_subject(f"家长电话{MOBILE_IN_NUMERALS}")
    pdf.text(20, 30, "通知 NUMERALMETABODY 各学校现将有关事项通知如下")
    data = bytes(pdf.output())
    copied, pages, _ = build(tmp_path, {"通知.pdf": data})
    assert any("NUMERALMETABODY" in html for html in pages.values())
    assert sha(data) not in copied
