"""The check: matching rules, per-year and per-school slots, statuses, totals."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.checking.check import item_slots, match_document, run_check
from archive_builder.checking.checklist import ChecklistItem
from archive_builder.checking.results import COMPLETE, EXPLICIT, KEYWORD, MISSING, PARTIAL, Slot
from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError
from archive_builder.core.model import Document, Inventory
from archive_builder.statistics.schools import School, SchoolRegistry

SCHOOLS = SchoolRegistry([
    School("城关一小", "S1", "小学", boarding=False, students=900),
    School("东乡中学", "S2", "初中", boarding=True, students=400),
    School("西山教学点", "S3", "教学点", boarding=False, students=30),
])


@pytest.fixture
def config(make_archive):
    return load_config(make_archive({}))


def doc(path: str, title: str = "", dept: str = "jiaoke", cat: str = "guihua", years=(2016,), **kw) -> Document:
    """A document as the scanner would give it."""
    return Document(path=path, abspath=Path(path), type=path.rsplit(".", 1)[-1], title=title or Path(path).stem,
                    department=dept, category=cat, years=list(years), sha256="0" * 64, size=1, **kw)


def item(id: str = "plan", **kw) -> ChecklistItem:
    kw.setdefault("title", id)
    return ChecklistItem(id=id, **kw)


def check(config, items, docs, schools=SCHOOLS, **kw):
    return run_check(config, Inventory(documents=docs), items, schools, **kw)


# --- matching rules ---------------------------------------------------------------------------

def test_keyword_in_title_or_file_name():
    rule = item(keywords=("规划",))
    assert match_document(rule, doc("a/x.pdf", title="均衡发展规划")) == KEYWORD
    assert match_document(rule, doc("a/2016年规划.pdf", title="something")) == KEYWORD
    assert match_document(rule, doc("规划/x.pdf", title="other")) is None  # folder names do not count


def test_keywords_ignore_case_and_unicode_form():
    rule = item(keywords=("Café",))
    assert match_document(rule, doc("a/cafe\u0301 LIST.pdf", title="x")) == KEYWORD


def test_types_narrow_keyword_matches():
    rule = item(keywords=("规划",), types=("pdf",))
    assert match_document(rule, doc("a/规划.pdf")) == KEYWORD
    assert match_document(rule, doc("a/规划.docx")) is None


def test_department_and_category_must_equal_the_items():
    rule = item(department="jiaoke", category="guihua", keywords=("规划",))
    assert match_document(rule, doc("a/规划.pdf")) == KEYWORD
    assert match_document(rule, doc("a/规划.pdf", dept="caizheng")) is None
    assert match_document(rule, doc("a/规划.pdf", cat="baozhang")) is None


def test_explicit_id_replaces_keywords_not_conditions():
    rule = item(id="plan", department="jiaoke", keywords=("规划",))
    assert match_document(rule, doc("a/x.pdf", checklist=["plan"])) == EXPLICIT
    assert match_document(rule, doc("a/规划.pdf", checklist=["plan"])) == EXPLICIT
    assert match_document(rule, doc("a/x.pdf", dept="caizheng", checklist=["plan"])) is None


def test_item_without_rules_needs_explicit_ids():
    rule = item(id="plan")
    assert match_document(rule, doc("a/plan.pdf", title="plan")) is None
    assert match_document(rule, doc("a/x.pdf", checklist=["plan"])) == EXPLICIT


# --- per-year and per-school expansion --------------------------------------------------------

def test_years_expand_within_archive_years(config):
    assert item_slots(config, item(years=(2013, 2014, 2015)), SCHOOLS, None) == [Slot(2014, None), Slot(2015, None)]
    assert item_slots(config, item(), SCHOOLS, None) == [Slot(None, None)]
    assert item_slots(config, item(years=(2014, 2015)), SCHOOLS, 2015) == [Slot(2015, None)]


def test_per_school_expansion_filters_the_registry(config):
    both = item(years=(2016, 2017), per_school=(("level", ("小学", "初中")),))
    assert item_slots(config, both, SCHOOLS, None) == [
        Slot(2016, "S1"), Slot(2016, "S2"), Slot(2017, "S1"), Slot(2017, "S2")]
    boarding = item(per_school=(("boarding", True),))
    assert item_slots(config, boarding, SCHOOLS, None) == [Slot(None, "S2")]
    small = item(per_school=(("max_students", 100),))
    assert item_slots(config, small, SCHOOLS, None) == [Slot(None, "S3")]
    every = item(per_school=())
    assert len(item_slots(config, every, SCHOOLS, None)) == 3


def test_partial_names_missing_years(config):
    rule = item(keywords=("规划",), years=(2014, 2015, 2016, 2017))
    result = check(config, [rule], [doc("a/规划14.pdf", years=[2014]), doc("a/规划1516.pdf", years=[2015, 2016])])
    (r,) = result.items
    assert (r.status, r.slots_total, r.slots_filled, r.missing_years) == (PARTIAL, 4, 3, [2017])
    assert {ev.path: ev.years for ev in r.evidence} == {"a/规划14.pdf": [2014], "a/规划1516.pdf": [2015, 2016]}


def test_min_documents_per_year(config):
    rule = item(keywords=("纪要",), years=(2016,), min=2)
    one = check(config, [rule], [doc("a/纪要1.pdf")])
    two = check(config, [rule], [doc("a/纪要1.pdf"), doc("a/纪要2.pdf")])
    assert one.items[0].status == MISSING and len(one.items[0].evidence) == 1
    assert two.items[0].status == COMPLETE


def test_any_year_item_takes_a_document_of_any_year(config):
    result = check(config, [item(keywords=("规划",))], [doc("a/规划.pdf", years=[])])
    assert result.items[0].status == COMPLETE


def test_per_school_partial_names_missing_schools(config):
    rule = item(id="charter", keywords=("章程",), per_school=(("level", ("小学", "初中", "教学点")),))
    docs = [doc("s/一小章程.pdf", school="城关一小"), doc("s/章程.pdf", school="S3")]
    (r,) = check(config, [rule], docs).items
    assert r.status == PARTIAL and r.missing_schools == ["东乡中学"]
    assert {ev.school for ev in r.evidence} == {"S1", "S3"}


def test_county_document_does_not_fill_a_school_slot(config):
    rule = item(id="charter", keywords=("章程",), per_school=(("boarding", True),))
    (r,) = check(config, [rule], [doc("s/章程.pdf")]).items
    assert r.status == MISSING and r.missing_schools == ["东乡中学"]


def test_unknown_school_is_a_warning(config):
    rule = item(id="charter", keywords=("章程",), per_school=())
    result = check(config, [rule], [doc("s/章程.pdf", school="北山小学")])
    problems = [p for p in result.problems if p.code == "check.unknown_school"]
    assert [(p.path, p.severity) for p in problems] == [("s/章程.pdf", "warning")]
    assert "北山小学" in problems[0].message
    assert result.items[0].status == MISSING


def test_per_school_item_without_registry_is_missing_with_warning(config):
    result = check(config, [item(per_school=())], [doc("a/x.pdf")], schools=SchoolRegistry())
    assert result.items[0].status == MISSING
    assert "check.no_schools" in [p.code for p in result.problems]


def test_item_outside_archive_years_is_skipped_with_warning(config):
    result = check(config, [item(years=(2010,))], [])
    assert result.items == [] and [p.code for p in result.problems] == ["check.years_outside"]


def test_explicit_evidence_listed_first(config):
    rule = item(id="plan", keywords=("规划",))
    (r,) = check(config, [rule], [doc("a/a规划.pdf"), doc("a/z.pdf", checklist=["plan"])]).items
    assert [(ev.path, ev.matched_by) for ev in r.evidence] == [("a/z.pdf", EXPLICIT), ("a/a规划.pdf", KEYWORD)]


def test_explicit_id_with_wrong_department_warns_and_does_not_count(config):
    rule = item(id="plan", department="jiaoke", years=(2016,))
    result = check(config, [rule], [doc("a/x.pdf", dept="caizheng", checklist=["plan"])])
    assert result.items[0].status == MISSING
    assert [p.code for p in result.problems] == ["check.explicit_department"]


def test_unknown_checklist_id_in_metadata_warns(config):
    result = check(config, [item(id="plan")], [doc("a/x.pdf", checklist=["plna"])])
    (problem,) = result.problems
    assert problem.code == "check.unknown_item" and "plan" in problem.hint


def test_secret_document_counts_but_is_withheld(config):
    (r,) = check(config, [item(keywords=("名册",))], [doc("a/名册.pdf", classification="秘密")]).items
    assert r.status == COMPLETE and r.evidence[0].withheld
    assert r.evidence[0].to_dict()["title"] == ""


# --- totals and filters -----------------------------------------------------------------------

def test_totals_matrix_and_required_only_completeness(config):
    items = [
        item("a", department="jiaoke", category="guihua", keywords=("甲",), years=(2014, 2015)),
        item("b", department="caizheng", category="baozhang", keywords=("乙",)),
        item("c", department="caizheng", category="baozhang", keywords=("丙",), severity="recommended"),
    ]
    docs = [doc("x/甲.pdf", years=[2014]), doc("x/乙.pdf", dept="caizheng", cat="baozhang")]
    result = check(config, items, docs)
    assert [r.item.id for r in result.items] == ["c", "a", "b"]  # gaps first
    s = result.summary
    assert (s.items, s.complete, s.partial, s.missing) == (3, 1, 1, 1)
    assert (s.slots_total, s.slots_filled) == (3, 2) and s.completeness == pytest.approx(2 / 3)
    assert result.by_department["caizheng"].items == 2
    assert result.by_category["guihua"].partial == 1
    assert result.matrix["caizheng"]["baozhang"].complete == 1
    assert result.matrix["jiaoke"]["guihua"].slots_filled == 1


def test_fail_conditions(config):
    items = [item("a", keywords=("甲",), years=(2014, 2015)), item("b", keywords=("乙",), severity="recommended")]
    result = check(config, items, [doc("x/甲.pdf", years=[2014])])
    assert not result.fails("missing")  # only a recommended item is missing
    assert result.fails("partial")
    assert not result.fails("never")


def test_filters_by_department_category_and_year(config):
    items = [item("a", department="jiaoke", category="guihua", years=(2014, 2015)),
             item("b", department="caizheng", years=(2014,))]
    assert [r.item.id for r in check(config, items, [], department="教育局").items] == ["a"]
    assert [r.item.id for r in check(config, items, [], category="发展规划").items] == ["a"]
    only_2015 = check(config, items, [], year=2015)
    assert [(r.item.id, r.slots_total) for r in only_2015.items] == [("a", 1)]
    assert only_2015.problems == []


def test_unknown_department_option_suggests(config):
    with pytest.raises(UsageError) as info:
        check(config, [], [], department="县财政厅")
    assert "县财政局" in info.value.format_message()


def test_removing_evidence_flips_exactly_its_items(config):
    items = [item("a", keywords=("规划",)), item("b", keywords=("经费",)), item("c", keywords=("规划", "方案"))]
    docs = [doc("x/规划.pdf"), doc("x/经费.pdf"), doc("x/方案.pdf")]
    before = {r.item.id: r.status for r in check(config, items, docs).items}
    after = {r.item.id: r.status for r in check(config, items, docs[1:]).items}
    assert before == {"a": COMPLETE, "b": COMPLETE, "c": COMPLETE}
    assert after == {"a": MISSING, "b": COMPLETE, "c": COMPLETE}


# --- calendar years ----------------------------------------------------------------------------------

def test_school_year_is_recognised_from_title_path_or_学年():
    from archive_builder.checking.check import school_year_of

    assert school_year_of(doc("a/x.pdf", title="2015-2016学年度经费决算", years=(2015, 2016))) == "2015-2016"
    assert school_year_of(doc("2015—2016学年/x.pdf", title="经费决算", years=(2015, 2016))) == "2015-2016"
    assert school_year_of(doc("a/x.pdf", title="本学年经费", years=(2015, 2016))) == "2015-2016"
    # Two calendar years listed apart, one year, or a span that is not these years: calendar years.
    assert school_year_of(doc("a/x.pdf", title="经费决算", years=(2015, 2016))) is None
    assert school_year_of(doc("a/x.pdf", title="2015-2016学年", years=(2016,))) is None
    assert school_year_of(doc("a/x.pdf", title="2014-2017规划", years=(2015, 2016))) is None


def test_school_year_evidence_for_a_calendar_year_item_is_a_warning(config):
    rule = item(id="final", title="经费决算", keywords=("决算",), years=(2015, 2016), calendar_years=True)
    evidence = doc("a/2015-2016学年经费决算.pdf", years=(2015, 2016))
    result = check(config, [rule], [evidence])
    (r,) = result.items
    assert r.status == COMPLETE  # it still counts; the clerk is told to fix the year
    (problem,) = result.problems
    assert problem.code == "check.school_year_evidence" and problem.path == "a/2015-2016学年经费决算.pdf"
    assert problem.message == ("'2015-2016学年经费决算' covers the school year 2015-2016, but item '经费决算' needs "
                               "calendar-year evidence.")
    assert "年度: 2016" in problem.hint


def test_no_warning_without_calendar_years_or_for_calendar_evidence(config):
    plain = item(id="final", keywords=("决算",), years=(2015, 2016))
    assert check(config, [plain], [doc("a/2015-2016学年决算.pdf", years=(2015, 2016))]).problems == []
    calendar = item(id="final", keywords=("决算",), years=(2015, 2016), calendar_years=True)
    assert check(config, [calendar], [doc("a/决算.pdf", years=(2015, 2016))]).problems == []


def test_withheld_school_year_warning_names_neither_title_nor_file(config):
    rule = item(id="final", keywords=("决算",), years=(2015, 2016), calendar_years=True)
    secret = doc("a/2015-2016学年绝密决算.pdf", years=(2015, 2016), classification="秘密")
    (problem,) = check(config, [rule], [secret]).problems
    assert "绝密决算" not in problem.path and "绝密决算" not in problem.message
