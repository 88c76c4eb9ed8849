"""Personal data masking and classification marks (archive_builder.core.privacy)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_builder.core.privacy import detect_classification, mask_counts, mask_text, mask_value

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def resident_id(first17: str) -> str:
    """``first17`` followed by its ISO 7064 MOD 11-2 check digit."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def luhn_card(body: str) -> str:
    """``body`` followed by its Luhn check digit."""
    for check in "0123456789":
        digits = body + check
        total = sum(int(d) if i % 2 == 0 else (2 * int(d) - 9 if int(d) > 4 else 2 * int(d))
                    for i, d in enumerate(reversed(digits)))
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


ID = resident_id("14102320080101123")  # 14102320080101123X
ID_DIGIT = resident_id("14102320090315002")
CARD = luhn_card("622202000000000000")  # 19 digits


# --- resident ID numbers --------------------------------------------------------------------

def test_an_id_number_keeps_its_first_six_and_last_four_digits():
    assert ID.endswith("X")
    assert mask_text(f"身份证号：{ID}。") == ("身份证号：141023********123X。", 1)
    assert mask_text(ID_DIGIT) == (ID_DIGIT[:6] + "*" * 8 + ID_DIGIT[-4:], 1)


def test_a_lower_case_x_and_a_grouped_id_are_masked():
    assert mask_text(ID[:-1] + "x")[0] == "141023********123x"
    assert mask_text(f"{ID[:6]} {ID[6:14]} {ID[14:]}")[0] == "141023 ******** 123X"


def test_an_id_in_a_csv_roster_row_is_masked():
    row = f"张三,女,{ID},五年级\n李四,男,{ID_DIGIT},四年级\n"
    masked, count = mask_text(row)
    assert count == 2
    assert ID not in masked and ID_DIGIT not in masked
    assert masked.startswith("张三,女,141023********123X,五年级")


def test_an_id_with_a_wrong_check_digit_is_not_masked():
    wrong = ID[:-1] + "0"
    assert mask_text(wrong) == (wrong, 0)


def test_an_id_with_an_impossible_birth_date_or_province_is_not_masked():
    bad_date = resident_id("14102320081301123")  # month 13
    bad_province = resident_id("99102320080101123")
    assert mask_text(bad_date)[1] == 0
    assert mask_text(bad_province)[1] == 0


def test_an_old_15_digit_id_with_a_valid_date_is_masked():
    assert mask_text("旧身份证 141023800101123") == ("旧身份证 141023*****1123", 1)
    assert mask_text("141023801301123")[1] == 0  # month 13


def test_full_width_digits_are_masked_too():
    wide = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    masked, count = mask_text(f"身份证：{wide}")
    assert count == 1
    assert masked == "身份证：１４１０２３********１２３Ｘ"


# --- mobile numbers -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678", "电话138****5678"),
        ("手机：138 1234 5678", "手机：138 **** 5678"),
        ("手机：138-1234-5678", "手机：138-****-5678"),
        ("+86 13912345678", "+86 139****5678"),
        ("8615912345678", "86159****5678"),
        ("联系人 王老师 19912345678；", "联系人 王老师 199****5678；"),
    ],
)
def test_mobile_numbers_keep_the_first_three_and_last_four_digits(text, expected):
    assert mask_text(text) == (expected, 1)


def test_numbers_that_are_not_mobile_numbers_stay():
    for text in ("12812345678", "10012345678", "138123456789", "0351-1234567", "电话 12345"):
        assert mask_text(text) == (text, 0), text


def test_an_eleven_digit_amount_of_money_is_not_a_phone():
    assert mask_text("总投入 13500000000 元")[1] == 0
    assert mask_text("￥15000000000")[1] == 0


# --- bank cards -----------------------------------------------------------------------------

def test_a_bank_card_keeps_only_its_last_four_digits():
    assert mask_text(f"卡号{CARD}") == ("卡号" + "*" * 15 + CARD[-4:], 1)


def test_a_card_grouped_by_spaces_is_masked():
    card = luhn_card("621700000000000")  # 16 digits
    grouped = " ".join(card[i:i + 4] for i in range(0, 16, 4))
    masked, count = mask_text(grouped)
    assert count == 1
    assert masked == "**** **** **** " + card[-4:]


def test_sixteen_digits_failing_luhn_are_not_masked():
    card = luhn_card("621700000000000")
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert mask_text(wrong) == (wrong, 0)


def test_a_list_of_years_is_not_a_card():
    assert mask_text("2020 2021 2022 2023")[1] == 0
    assert mask_text("2019 2020 2021 2022 2023")[1] == 0


# --- ordinary numbers -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "学校代码 3141020001",
        "学校标识码3141020001，邮编 034000",
        "金额 1,234,567.89 元",
        "生均公用经费 12,345,678,901 元",
        "2023年9月1日",
        "20230901",
        "晋教发〔2023〕15号",
        "表 3-12 第 1380 页",
        "统一社会信用代码 12140000MB1234567X",
        "0.13812345678",
        "3.1415926535897932384",
    ],
)
def test_ordinary_numbers_are_never_masked(text):
    assert mask_text(text) == (text, 0)


def test_mask_counts_reports_each_kind():
    text = f"{ID}；13812345678；13912345678；{CARD}"
    assert mask_counts(text) == {"id": 1, "phone": 2, "bank": 1}
    assert mask_counts("没有个人信息") == {"id": 0, "phone": 0, "bank": 0}


def test_an_id_number_is_counted_as_an_id_even_if_it_also_passes_luhn():
    # search the first ID whose 18 digits also pass the Luhn check
    for seq in range(1000):
        candidate = resident_id(f"41010220100101{seq:03d}")
        if candidate.isdigit() and luhn_card(candidate[:-1]) == candidate:
            break
    else:  # pragma: no cover - there is one among a thousand
        raise AssertionError("no ID also passing Luhn")
    assert mask_counts(candidate) == {"id": 1, "phone": 0, "bank": 0}
    assert mask_text(candidate)[0] == candidate[:6] + "*" * 8 + candidate[-4:]


def test_every_row_of_a_large_roster_is_masked():
    ids = [resident_id(f"1410232008{month:02d}{day:02d}{seq:03d}")
           for month in range(1, 13) for day in range(1, 29) for seq in range(0, 30, 7)]
    roster = "\n".join(f"学生{i},{number},1381234{i % 10000:04d}" for i, number in enumerate(ids))
    masked, count = mask_text(roster)
    assert count == 2 * len(ids)
    assert not any(number in masked for number in ids)


# --- properties -----------------------------------------------------------------------------

NON_DIGIT_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="Xx*"), max_size=40
)
SEPARATOR = st.sampled_from(["，", "。", "\n", "：", "、", "(", ")", "；", "\t"])
ID_NUMBERS = st.builds(
    lambda province, rest, year, month, day, seq: resident_id(f"{province}{rest:04d}{year}{month:02d}{day:02d}{seq:03d}"),
    st.sampled_from(["11", "14", "31", "44", "65", "82"]),
    st.integers(0, 9999),
    st.integers(1930, 2020),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 999),
)
PHONES = st.builds(lambda second, rest: f"1{second}{rest:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(NON_DIGIT_TEXT, SEPARATOR, ID_NUMBERS, SEPARATOR, PHONES, SEPARATOR, NON_DIGIT_TEXT)
def test_embedded_ids_and_phones_are_always_masked(before, sep1, id_number, sep2, phone, sep3, after):
    text = f"{before}{sep1}{id_number}{sep2}{phone}{sep3}{after}"
    masked, count = mask_text(text)
    assert count == 2
    assert id_number not in masked
    assert phone not in masked
    assert f"{id_number[:6]}********{id_number[-4:]}" in masked
    assert f"{phone[:3]}****{phone[-4:]}" in masked


@SETTINGS
@given(st.lists(st.one_of(NON_DIGIT_TEXT, ID_NUMBERS, PHONES, st.integers(0, 10**12).map(str)), max_size=8),
       SEPARATOR)
def test_masking_is_idempotent(parts, sep):
    once, _ = mask_text(sep.join(parts))
    assert mask_text(once) == (once, 0)


@SETTINGS
@given(st.text(max_size=300))
def test_random_unicode_never_crashes_and_keeps_the_length(text):
    masked, count = mask_text(text)
    assert len(masked) == len(text)
    assert count == sum(mask_counts(text).values())
    assert count == 0 or masked != text


@SETTINGS
@given(st.text(alphabet="0123456789 -+Xx８６１３", max_size=120))
def test_digit_soup_is_masked_consistently(text):
    masked, count = mask_text(text)
    assert len(masked) == len(text)
    assert mask_text(masked)[1] == 0
    assert (count == 0) == (masked == text)
    # only digits and X become '*'; nothing else changes
    for old, new in zip(text, masked):
        assert new == old or (new == "*" and re.match(r"[0-9０-９]", old))


# --- classification marks -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("秘密★1年\n\n关于……的通知\n正文", "秘密"),
        ("机密\n关于……的通知", "机密"),
        ("绝密★长期\n", "绝密"),
        ("秘密 ★ 1 年\n标题", "秘密"),
        ("机密★５年。\n标题", "机密"),
        ("秘密「★」10年\n标题", "秘密"),
        ("# 秘密★1年\n\n# 标题", "秘密"),
        ("**机密★**\n\n标题", "机密"),
        ('<p align="right">绝密★长期</p>\n标题', "绝密"),
        ("密级：秘密\n标题", "秘密"),
        ("份号：000012        机密★5年\n××县教育局文件", "机密"),
        ("000012\u3000\u3000\u3000秘密\n××县教育局文件", "秘密"),
        ("××县教育局文件            秘密\n正文", "秘密"),
        ("\n\n\n  秘密  \n标题", "秘密"),
        ("秘密,,,\n姓名,身份证号\n", "秘密"),
        ("秘密★1年\n绝密★长期\n", "绝密"),
    ],
)
def test_a_classification_mark_in_the_first_lines_is_found(text, level):
    assert detect_classification(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "关于加强保守国家秘密的教育\n正文",
        "××县教育局关于开展保密工作的通知\n各学校：\n涉密文件严禁上网。",
        "正文\n……\n涉密文件严禁上网，机密文件严禁复制。",
        "秘密是什么？这是一篇作文。",
        "内部\n标题",
        "公开\n标题",
        "机密文件管理办法\n第一条",
        "",
    ],
)
def test_prose_about_secrets_is_not_a_mark(text):
    assert detect_classification(text) is None


def test_a_mark_counts_on_the_first_page_not_deep_in_the_body():
    text = "\n".join(f"第{i}行" for i in range(12)) + "\n秘密★1年\n"
    assert detect_classification(text) == "秘密"  # line 13: still the first page
    text = "\n".join(f"第{i}行" for i in range(60)) + "\n秘密★1年\n"
    assert detect_classification(text) is None


@SETTINGS
@given(st.text(max_size=400))
def test_detect_classification_never_crashes(text):
    assert detect_classification(text) in (None, "秘密", "机密", "绝密")


def test_a_bidi_isolate_between_the_groups_does_not_hide_a_number():
    assert mask_text("139\u20663755\u20668318")[0] == "139\u2066****\u20668318"


def test_a_number_yaml_reads_as_an_int_is_masked_as_its_digits():
    assert mask_value({"备注": 13994869067, "页数": 12}) == {"备注": "139****9067", "页数": 12}


@pytest.mark.parametrize(("text", "expected"), [
    ("手机:139  3755  8318", "手机:139  ****  8318"),
    ("联系电话：13982068416万老师", "联系电话：139****8416万老师"),
    ("学籍编号：G14010219900307011X", "学籍编号：G140102********011X"),
    ("卡号：343144602637680", "卡号：***********7680"),
    ("身份证:140102-800101-456", "身份证:140102-*****1-456"),
    ("139&minus;9050&minus;1990", "139-****-1990"),
    ("手机 1 3 9 3 7 5 5 8 3 1 8", "手机 1 3 9 * * * * 8 3 1 8"),
    ("tel=%31%33%39%36%30%36%35%36%39%38%37", "tel=139****6987"),
])
def test_spellings_a_reader_reads_as_one_number_are_masked(text, expected):
    assert mask_text(text) == (expected, 1)


def test_an_unlabelled_project_number_with_an_area_code_and_a_date_is_no_card():
    assert mask_text("批复（6201022017040666386）")[1] == 0
    assert mask_text("银行卡号 6201022017040666386")[1] == 1
