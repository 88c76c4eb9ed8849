"""Metadata values as clerks write them."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_builder.inventory import metadata as meta


@pytest.mark.parametrize(
    ("raw", "years"),
    [
        (2016, [2016]),
        ("2016", [2016]),
        ("2016年", [2016]),
        ("2016年度", [2016]),
        ("2015-2016", [2015, 2016]),
        ("2015—2016学年", [2015, 2016]),
        ([2014, "2016"], [2014, 2016]),
        ("2014、2015", [2014, 2015]),
    ],
)
def test_years_are_read_in_every_common_form(raw, years):
    assert meta.parse_years(raw) == years


@pytest.mark.parametrize("raw", ["去年", "16", True, "2017-2014", 3000, "2000-2030", None, {}])
def test_unreadable_years_give_none(raw):
    assert meta.parse_years(raw) is None


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2017-02-27", "2017-02-27"),
        ("2017年2月27日", "2017-02-27"),
        ("2017.2.27", "2017-02-27"),
        ("20170227", "2017-02-27"),
        (dt.date(2017, 2, 27), "2017-02-27"),
        ("2017年2月30日", None),
        ("二月", None),
    ],
)
def test_dates_become_iso(raw, iso):
    assert meta.parse_date(raw) == iso


def test_keys_are_accepted_in_chinese_and_english():
    known, extra = meta.canonical({"标题": "a", "year": 2016, "文号": "x", "备忘": "y"})
    assert known == {"title": "a", "year": 2016, "doc_no": "x"}
    assert extra == {"备忘": "y"}


@pytest.mark.parametrize(
    ("raw", "level"),
    [("秘密", "秘密"), ("机密★", "机密"), ("internal", "内部"), ("公开", "公开"), ("保密", None)],
)
def test_classification_levels(raw, level):
    assert meta.normalise_classification(raw) == level


def test_file_name_year_and_title():
    assert meta.year_from_filename("2016-县财政局拨款.pdf") == 2016
    assert meta.year_from_filename("2016年教育经费.docx") == 2016
    assert meta.year_from_filename("20160301扫描.pdf") is None
    assert meta.title_from_filename("2016-县财政局拨款") == "县财政局拨款"
    assert meta.title_from_filename("2016年教育经费") == "2016年教育经费"


def test_year_from_doc_no():
    assert meta.year_from_doc_no("示政办发〔2017〕13号") == 2017
    assert meta.year_from_doc_no("示教发[2015]8号") == 2015
    assert meta.year_from_doc_no("无文号") is None
