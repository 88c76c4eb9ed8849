"""Hostile spellings of classification marks and personal numbers: every one is caught, ordinary numbers stay."""

from __future__ import annotations

import html
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from withheld import assert_classified_and_unstored

from archive_builder.core.privacy import detect_classification, mask_text

ID = "141023199708021016"
FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"  # valid check digit, born 1997-08-02


@pytest.mark.parametrize(("text", "level"), [
    ("机密 10年\n关于……的通知", "机密"),
    ("密级：秘密 保密期限：5年\n通知", "秘密"),
    ("機密★5年\n通知", "机密"),
    ("絕密\n通知", "绝密"),
    ("机\u200b密★1年\n通知", "机密"),
    ("机 密\n通知", "机密"),
    ("【秘密】\n通知", "秘密"),
    ("秘密★\n通知", "秘密"),
    ("机密妇1年\n通知", "机密"),  # OCR read the star as a character
    ("份号 000012    机密★5年\n通知", "机密"),
    ("\n".join(["第一行"] * 11) + "\n机密★5年", "机密"),  # line 12: still the top of the first page
    ("示范县教育科技局文件      机密\n示教发〔2016〕3号", "机密"),
    ("ＭＩＭＩ\n秘密★１年", "秘密"),  # full-width digits
    ("绝密★启用前\n考试试卷", "绝密"),  # the exam paper's form
    ("机\ufe00密★5年\n方案", "机密"),  # a variation selector inside the mark
    ("机\u034f密★5年\n方案", "机密"),  # a combining grapheme joiner
    ("&#26426;&#23494;&#9733;5年\n方案", "机密"),  # entities a Markdown page shows as 机密★5年
    ("机宻★5年\n方案", "机密"),  # 宻, a variant of 密
    ("絶密\n方案", "绝密"),  # the Japanese form of 绝
    ("秘·密★1年\n方案", "秘密"),  # a middle dot spacing the characters
    ("密\u3000级：机密\n方案", "机密"),
    ("x" * 200_000 + "\n机密★5年", "机密"),  # a first line as long as a page
    ("机\n密★5年\n\n方案", "机密"),  # broken over two lines: one paragraph, shown 机 密★5年
    ("秘\n密\n\n方案", "秘密"),
    ("份号：000012  机密*5年\n通知", "机密"), ("份号：000012  机密⭐5年\n通知", "机密"),  # other star signs
    ("份号：000012  绝密▲长期\n通知", "绝密"), ("份号：000012  秘密＊10年\n通知", "秘密"),
    ("秘密  保密期限：10年\n通知", "秘密"), ("保密级别：机密\n通知", "机密"), ("密级为机密\n通知", "机密"),
    ("密级/机密\n通知", "机密"), ("袐密★5年\n通知", "秘密"),  # 袐, the common mistyping of 秘
    ("秘密等级 | 机密\n通知", "机密"), ("密级和保密期限 | 机密 5年\n通知", "机密"),  # a 发文稿纸's first table
    ("\n".join(f"[r{i}]: #x{i}" for i in range(45)) + "\n机密★5年\n正文", "机密"),  # link definitions show nothing
    ("<!--\n" + "\n".join(["注释"] * 45) + "\n-->\n机密★5年\n正文", "机密"),  # nor does a comment
])
def test_every_spelling_of_a_mark_is_found(text, level):
    assert detect_classification(text) == level


@pytest.mark.parametrize("text", [
    "涉密文件严禁上网",
    "各校要严格遵守保密纪律，机密文件不得外传。",
    "机密文件管理办法\n第一条",
    "关于加强秘密载体管理的通知",
    "本文件不属于秘密",
    "通知\n机密文件管理办法",
    "关于\n秘密载体管理的通知",
    "● 机密文件的管理", "一、机密文件管理办法", "秘密通道", "本单位做好保密工作，严防泄密。",
])
def test_sentences_about_secrets_are_not_marks(text):
    assert detect_classification(text) is None


@pytest.mark.parametrize("text", [
    "141023-19970802-1016", "1410 2319 9708 0210 16", f"身份证号：{ID}", f"证件号{ID}",
    "138.1234.5678", "1381 234 5678", "138-1234-5678", "+86 138 1234 5678", "联系电话13812345678",
    "卡号 2221 0000 0000 0009", "银行卡 6217001234567893",
    "11010519491231002x", "110105 19491231 002x", "１１０１０５１９４９１２３１００２Ｘ", "110105\u300019491231\u3000002X",
    "330106.19880715.0015", "330106 19880715-0015", "(+86)15912345678", "0086 15912345678", "86-15912345678",
    "１５９１２３４５６７８", "159－1234－5678", "159—1234—5678", "159/1234/5678", "6217 0012 3456 7890 122",
    "６２１７００１２３４５６７８９０１２２",
    "电话 𝟏𝟓𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "١٥٩١٢٣٤٥٦٧٨",  # mathematical and Arabic-Indic digits show as digits too
    "电话 &#49;&#53;&#57;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;",  # references a page shows as digits
    "&#x31;&#x34;&#x31;&#x30;&#x32;&#x33;199708021016",
])
def test_personal_numbers_in_every_format_are_masked(text):
    masked, count = mask_text(text)
    assert count == 1
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", html.unescape(masked)) if ch.isdigit())
    whole = "".join(ch for ch in unicodedata.normalize("NFKC", html.unescape(text)) if ch.isdigit())
    assert "*" in masked and len(digits) <= len(whole) - 4


@pytest.mark.parametrize("text", [
    "项目编号 141023201709010012",  # area code + date + serial, not a person
    "付款凭证号 6217001234567893",  # a voucher that happens to pass Luhn
    "金额 13512345678",
    "13500000000 元",
    "学校代码 3141020001",
    "晋教发〔2023〕15号",
    "2016/1234/5678", "2016.03.01", "2016—2017—2018", "价格 &#49;&#48;元",
])
def test_numbers_labelled_as_something_else_are_left_alone(text):
    assert mask_text(text) == (text, 0)


@pytest.mark.parametrize("text", [
    "身份证编号：141023199708021016", "证件编号 141023199708021016", "银行卡编号 6222021234567890128",
    "手机编号 13912345678", "证件号码：141023199708021016",
])
def test_a_personal_label_ending_in_a_number_word_is_still_personal(text):
    """身份证编号 is the number of an ID card, not a project number: the 编号 in it does not unmask it."""
    masked, count = mask_text(text)
    assert count == 1 and masked != text


@pytest.mark.parametrize("text", ["银行卡号 6222021234567890129", "卡号：6222021234567890121",
                                  "银行卡编号 6222021234567890129", "账号 1234 5678 9012 3456"])
def test_a_labelled_card_number_is_masked_even_when_its_check_digit_is_wrong(text):
    """A clerk's typo in a card number leaves it a person's card number: after a card label, Luhn does not decide."""
    masked, count = mask_text(text)
    assert count == 1 and masked.endswith(text[-4:]) and masked != text


def test_a_named_space_between_words_is_left_as_written():
    assert mask_text("第&nbsp;1&nbsp;页 A&nbsp;B") == ("第&nbsp;1&nbsp;页 A&nbsp;B", 0)


@pytest.mark.parametrize("text", [
    "141023_19970802_1016", "141023~19970802~1016", "141023 1997 0802 1016",  # underscores, tildes, 6-4-4-4
    "1410231997\u200b08021016", "141023\u00ad199708021016", "141023\u2060199708021016",  # invisible inside
    "141023<b>1997</b>08021016", "141023**1997**08021016", "<span>159</span>12345678",  # a page shows them joined
    "159_1234_5678", "159~1234~5678", "159\u200b1234\u200b5678",
    "3782 822463 10005",  # a 15-digit card in its 4-6-5 groups
    "+86 (159) 1234 5678", "（159）1234-5678", "159 - 1234 - 5678", "159·1234·5678", "159．1234．5678",
    "身份证：141023 199708 021016", "141023·19970802·1016",  # 6-6-6 groups, middle dots
    # what a word processor types between groups: no-break, narrow and thin spaces, their references, hyphens
    "手机 139\u00a01234\u00a05678", "身份证 141023\u00a019970802\u00a01016", "卡号 6222\u00a00212\u00a03456\u00a07890\u00a0128",
    "手机 139&nbsp;1234&nbsp;5678", "手机 139&#160;1234&#160;5678", "手机 139\u202f1234\u202f5678",
    "手机 139\u20091234\u20095678", "手机 139\u20101234\u20105678", "手机 139\u20111234\u20115678",
    "手机 139\u22121234\u22125678", "手机 139<kbd>1234</kbd>5678", "141023<abbr>19970802</abbr>1016",
    "手机 139<sup>1234</sup>5678", "008613912345678",
])
def test_personal_numbers_spelt_with_hidden_or_new_separators_are_masked(text):
    masked, count = mask_text(text)
    assert count == 1
    shown = "".join(ch for ch in masked if ch.isdigit())
    assert len(shown) <= len("".join(ch for ch in text if ch.isdigit())) - 4


@pytest.mark.parametrize("text", [
    "<td>1410231997</td><td>08021016</td>",  # two cells are two numbers
    "<p>159</p><p>12345678</p>", "2016_15912345678.md 编号 2016_1234",
    "人数\n139\n1250\n1180",  # a table read one cell per line
    "2016 - 2017 - 2018", "138 - 1234 - 5678 元", "GB/T 9704-2012", "0351-8123456转1381", "学号\t2016\t1234",
    "示范一小\t150\t1234\t5678",  # a sheet's row: its cells are parted by tabs, never one number
])
def test_block_tags_and_single_underscores_still_part_numbers(text):
    masked, count = mask_text(text)
    assert count == (1 if "2016_159" in text else 0)
    assert "2016_159****5678" in masked if count else masked == text


# --- metadata that tries to slip a classified document through -------------------------------------------

SECRET_BODY = "# 通知\n\n正文 SLIPWORD\n"


@pytest.mark.parametrize(("files", "code"), [
    ({"通知.md": "---\n密 级: 机密\n---\n" + SECRET_BODY}, None),  # a space inside the key
    ({"通知.md": "---\n保密等级: 秘密\n---\n" + SECRET_BODY}, None),
    ({"通知.md": "---\n保密期限: 5年\n---\n" + SECRET_BODY}, "scan.secrecy_term_implies_secret"),
    ({"通知.md": "---\n密级划分: 机密\n---\n" + SECRET_BODY}, "scan.unclear_classification_key"),
    ({"通知.md": SECRET_BODY, "通知.yml": "密级: 机密\n"}, "scan.near_sidecar"),  # <stem>.yml, not <name>.md.yml
    ({"通知.md": SECRET_BODY, "通知.MD.yml": "密级: 机密\n"}, "scan.near_sidecar"),
    ({"通知.md": "---\n标题: （机密★5年）教师交流方案\n---\n" + SECRET_BODY}, None),  # the mark in the title
    ({"通知.md": "---\n责任者: 机要室 绝密★启用前\n---\n" + SECRET_BODY}, None),
    ({"通知.md": "---\n标签: [秘密★1年]\n---\n" + SECRET_BODY}, None),
    ({"通知.md": SECRET_BODY, "通知.md.yml": "标题: 机密★5年\n"}, None),  # in a sidecar's title
    ({"通知.md": '+++\n密级 = "机密"\n标题 = "通知"\n+++\n' + SECRET_BODY}, None),  # TOML front matter
    ({"通知.md": '{"密级": "绝密"}\n\n' + SECRET_BODY}, None),  # a JSON line at the top
    ({"通知.md": "---\n档案:\n  密级: 机密\n---\n" + SECRET_BODY}, None),  # 密级 nested under another key
    ({"通知.md": "---\n附注: [{密级: 秘密}]\n---\n" + SECRET_BODY}, None),
    ({"通知.md": "★机密\n\n" + SECRET_BODY}, None),  # the star before the level
    ({"通知.md": "机密级\n\n" + SECRET_BODY}, None),
    ({"通知.md": "---\n密级: 机密\n标题: 通知\n密级: 公开\n---\n" + SECRET_BODY}, "scan.yaml_duplicate_key"),  # the last won
    ({"通知.md": SECRET_BODY, "通知.md.yml": "密级: 秘密\n密级: 公开\n"}, "scan.yaml_duplicate_key"),
])
def test_metadata_variants_never_let_the_document_out(make_archive, files, code):
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory
    from archive_builder.review.policy import visible

    folder = "content/县教科局/发展规划/2016/"
    root = make_archive({folder + name: text for name, text in files.items()})
    inventory = load_inventory(load_config(root))
    assert not any(visible(doc, include_internal=True) for doc in inventory.documents)
    if code:
        assert code in [p.code for p in inventory.problems]


# --- short text files in a legacy encoding: the mark is read, or the file is kept out ------------------------


@pytest.mark.parametrize(("text", "encoding"), [
    ("机密★5年", "gbk"), ("机密★", "gb18030"), ("秘密★长期\n", "gbk"), ("絕密★10年", "big5"),
    ("機密★5年", "big5"), ("机密★", "big5"), ("秘密★6个月", "gb18030"),
])
def test_a_short_legacy_encoded_mark_is_decoded_and_found(text, encoding):
    from archive_builder.core.textio import decode_bytes

    decoded, _ = decode_bytes(text.encode(encoding))
    assert detect_classification(decoded) is not None


@pytest.mark.parametrize("name", ["机要.txt", "机要.md"])
@pytest.mark.parametrize("raw", ["机密★5年".encode("gbk"), "機密★5年".encode("big5"), bytes(range(0x80, 0xFF)) * 3])
def test_a_short_legacy_encoded_file_never_reaches_the_public(make_archive, name, raw):
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory
    from archive_builder.review.policy import visible

    root = make_archive({"content/县教科局/发展规划/2016/" + name: raw})
    inventory = load_inventory(load_config(root))
    assert not any(visible(doc, include_internal=True) for doc in inventory.documents)


@pytest.mark.parametrize("text", ["你好，这是一份普通的通知。", "学校名称｜学生数｜教师数", "①校舍 ②设备 ★重点"])
def test_ordinary_gbk_text_still_decodes_as_written(text):
    from archive_builder.core.textio import decode_bytes

    assert decode_bytes(text.encode("gbk"))[0] == text


# --- a mark where a reader used not to look: text boxes, sheet headers, properties, names --------------------


def _docx_mark_in_text_box(path):
    """A 文件头 in a text box (VML, as Word writes its fallback): python-docx's paragraphs skip it."""
    from fixtures.packages import docx_with_body_xml

    box = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>机密★5年</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    docx_with_body_xml(path, box)


def _xlsx_mark_in_page_header(path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["学校", "人数 SLIPWORD"])
    book.active.oddHeader.center.text = "机密★5年"
    book.save(path)


def _docx_mark_in_title(path):
    import docx

    document = docx.Document()
    document.core_properties.title = "机密★5年"
    document.add_paragraph("方案正文 SLIPWORD")
    document.save(str(path))


def _pdf_mark_in_title(path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Plan for the exchange of teachers SLIPWORD")
    pdf.set_title("机密★5年")
    pdf.output(str(path))


@pytest.mark.parametrize(("name", "make"), [
    ("文本框.docx", _docx_mark_in_text_box),
    ("页眉.xlsx", _xlsx_mark_in_page_header),
    ("页眉.xls", lambda p: shutil.copy(FORMATS / "secret_header.xls", p)),
    ("属性.docx", _docx_mark_in_title),
    ("属性.pdf", _pdf_mark_in_title),
    ("（机密★5年）方案.md", lambda p: p.write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")),
    ("机密/方案.md", lambda p: p.write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")),
])
def test_a_mark_in_a_text_box_sheet_header_property_or_name_classifies(make_archive, name, make):
    assert_classified_and_unstored(make_archive(), name, make)


# --- a classified file with a problem: the problem lists never name it ----------------------------------------

SECRET_WITH_PROBLEMS = {
    "SECNAMEB.md": "---\n标题: SECTITLEB\n密级: 机密\n年度: 去年\n---\nSECBODYB\n",  # skipped for its year
    "SECNAMEC.md": "---\n日期: 昨天\n---\n机密★5年\n\nSECBODYC\n",  # a mark in the body and a bad date
    "SECNAMEA.md": "---\n标题: SECTITLEA\n密级: 机密★5年\n---\nSECBODYA\n",  # a level no one can read
    "SECNAMET.md": "---\n保密期限: 5年\n年度: 去年\n---\nSECBODYT\n",
    "SECNAMEF.md": "# SECTITLEF\n\nSECBODYF\n", "SECNAMEF.yaml": "密级: 机密\n",  # a near sidecar naming 机密
    "SECNAMEI.md": "---\n标题: SECTITLEI\n密级: 内部\n年度: 去年\n---\n内部\n",  # 内部, skipped for its year
    "SECNAMEJ.md": "---\n标题: SECTITLEJ\n密级: 内部\n日期: 昨天\n---\n内部\n",  # 内部, with a bad date
    "普通.md": "# 普通\n\n正文\n",
}


def test_a_classified_file_s_problems_do_not_name_it(make_archive, run_cli):
    root = make_archive({f"content/县教科局/发展规划/2016/{name}": text for name, text in SECRET_WITH_PROBLEMS.items()})
    outputs = {" ".join(args): run_cli(root, *args).output for args in (
        ("check",), ("check", "--format", "json"), ("check", "--format", "markdown"), ("check", "--format", "junit"),
        ("status",), ("build",))}
    outputs["problems.html"] = (root / "site" / "problems.html").read_text("utf-8")
    for name, text in outputs.items():
        assert "SECNAME" not in text and "SECTITLE" not in text, (name, text)
    assert "涉密文件" in outputs["problems.html"] or "classified file" in outputs["problems.html"]


def test_a_number_broken_over_two_lines_of_a_title_is_masked(make_archive):
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory

    front = '---\n标题: "名单159 \\n1234 5678"\n学校: "东阳\\n141023199708021016"\n---\n正文\n'
    root = make_archive({"content/县教科局/发展规划/2016/名单.md": front})
    [doc] = load_inventory(load_config(root)).documents
    assert doc.title == "名单159 1234 5678" and mask_text(doc.title)[1] == 1
    assert mask_text(doc.school or "")[1] == 1


def test_a_mark_at_the_top_of_a_later_sheet_withholds_the_workbook(make_archive, run_cli):
    """The first sheet may be hidden or long: the top of every sheet is read for a mark, as each prints alone."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    data = book.active
    data.title = "数据"
    for row in range(45):
        data.append([f"第{row}行", row])
    data.sheet_state = "hidden"
    report = book.create_sheet("报表")
    report["A1"], report["A2"] = "机密★5年", "表格标题 SHEETWORD"
    buffer = io.BytesIO()
    book.save(buffer)
    root = make_archive({"content/县教科局/发展规划/2016/报表.xlsx": buffer.getvalue()})
    scanned = json.loads(run_cli(root, "scan", "--json").stdout)
    assert len(scanned["withheld"]) == 1 and "机密" in scanned["withheld"][0]["reason"]
    assert run_cli(root, "build").exit_code == 0
    assert not any("SHEETWORD" in p.read_text("utf-8", "replace") for p in (root / "site").rglob("*.html"))
