"""Every duty of the seeds is a checklist item with the right department, category, years, severity and
expansion; and the expansion really asks for one piece of evidence per kind, per school and per class.

The duties are listed in tests/fixtures/duties.yml, written from 襄政办发〔2017〕13号 附件2 and the per-school
demands of 运政发〔2017〕42号. When the seed texts are present (``ARCHIVE_BUILDER_SEEDS``, default
/work/shared/seeds), each duty is also found in its paragraph and every unit of 附件2 has duties.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

import archive_builder
from archive_builder.checking.checklist import NOT_CHECKLISTS, load_checklists
from archive_builder.core.config import load_config, parse_year_range

DUTIES = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "duties.yml").read_text("utf-8"))["duties"]
SHIPPED = Path(archive_builder.__file__).parent / "checklists"
SEEDS = Path(os.environ.get("ARCHIVE_BUILDER_SEEDS", "/work/shared/seeds"))
SEED_NUMBERS = {"000": "襄政办发〔2017〕13号", "001": "运政发〔2017〕42号"}


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    root = tmp_path_factory.mktemp("duties")
    (root / "content").mkdir()
    return {i.id: i for i in load_checklists(load_config(root), sorted(p for p in SHIPPED.glob("*.yml") if p.name not in NOT_CHECKLISTS))}


def _years(value):
    return None if value == "any" else parse_year_range(value)


def mismatches(duty: dict, items: dict) -> list[str]:
    """What keeps the checklist from carrying a duty as the seed gives it (empty: carried)."""
    item = items.get(duty["item"])
    if item is None:
        return [f"{duty['id']}: no checklist item {duty['item']}"]
    want = {
        "department": duty["department"], "category": duty["category"], "years": _years(duty["years"]),
        "severity": duty["severity"], "calendar_years": duty.get("calendar_years", False),
        "kind": duty.get("kind", ""), "register": duty.get("register", False),
        "per_school": duty.get("per_school"),
    }
    have = {
        "department": item.department, "category": item.category, "years": item.years, "severity": item.severity,
        "calendar_years": item.calendar_years, "kind": item.kind, "register": bool(item.register),
        "per_school": ({k: list(v) if isinstance(v, tuple) else v for k, v in item.per_school}
                       if item.per_school is not None else None),
    }
    wrong = [f"{duty['id']} ({item.id}): {key} is {have[key]!r}, the seed gives {want[key]!r}"
             for key in want if have[key] != want[key]]
    if SEED_NUMBERS[duty["seed"]] not in item.basis or duty["where"] not in item.basis:
        wrong.append(f"{duty['id']} ({item.id}): basis {item.basis!r} does not cite {duty['where']}")
    return wrong


def test_every_listed_duty_is_an_item_with_the_right_rules(items):
    problems = [p for duty in DUTIES for p in mismatches(duty, items)]
    covered = sum(not mismatches(duty, items) for duty in DUTIES)
    share = covered / len(DUTIES)
    assert problems == [], f"{covered} of {len(DUTIES)} duties covered ({share:.1%})"
    assert share == 1.0 and len(DUTIES) >= 70


def test_the_list_is_well_formed_and_names_every_unit(tmp_path):
    assert len({d["id"] for d in DUTIES}) == len(DUTIES)
    assert len({d["item"] for d in DUTIES}) == len(DUTIES)  # no item stands for two duties
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path)
    units = {d["department"] for d in DUTIES if d["seed"] == "000"}
    assert units == {dept.id for dept in config.departments}  # all 22 units of 附件2


def test_every_shipped_item_citing_a_unit_of_the_annex_is_a_listed_duty(items):
    listed = {d["item"] for d in DUTIES}
    annex = {i.id for i in items.values() if "附件2" in i.basis}
    assert annex - listed == set()


def test_no_explicit_duty_is_only_recommended(items):
    assert [d["item"] for d in DUTIES if items[d["item"]].severity != "required"] == []


def test_the_demo_checklists_are_the_shipped_ones():
    repo = SHIPPED.parent.parent / "checklists"
    for path in sorted(SHIPPED.glob("*.yml")):
        assert (repo / path.name).read_text("utf-8") == path.read_text("utf-8"), path.name


# --- against the seed texts, when they are at hand ---------------------------------------------------------


def _annex() -> dict[str, str]:
    """Unit name -> its paragraph of 附件2 (seed 000, the simplified reading copy)."""
    text = (SEEDS / "000_simplified_reading_copy.txt").read_text("utf-8")
    annex = text[text.index("附件2:"):text.index("抄送")]
    paragraphs = {}
    for line in annex.splitlines():
        match = re.match(r"^(县[^：:]{1,8}|团县委、妇联|各乡镇)[：:](.+)$", line.strip())
        if match:
            paragraphs[match.group(1)] = match.group(2)
    return paragraphs


needs_seeds = pytest.mark.skipif(not (SEEDS / "000_simplified_reading_copy.txt").is_file()
                                 or not (SEEDS / "001_f1f952d432b6aba3.txt").is_file(),
                                 reason="the seed texts are not on this machine")


@needs_seeds
def test_each_duty_is_found_in_its_paragraph_of_the_seed():
    annex = _annex()
    seed_001 = (SEEDS / "001_f1f952d432b6aba3.txt").read_text("utf-8")
    absent = []
    for duty in DUTIES:
        text = annex.get(duty["where"], "") if duty["seed"] == "000" else seed_001
        if duty["term"] not in text:
            absent.append(f"{duty['id']}: '{duty['term']}' is not in {duty['where']}")
    assert absent == []


@needs_seeds
def test_every_unit_of_the_annex_has_its_duties(tmp_path):
    annex = _annex()
    assert len(annex) == 22
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path)
    for name in annex:
        unit = config.department(name)
        assert unit is not None, name
        assert any(d["department"] == unit.id for d in DUTIES), name


@needs_seeds
def test_every_providing_sentence_of_the_annex_is_located_by_a_duty():
    """Each clause of 附件2 that asks for material (提供, 档案, 证, 报告, 图) holds a listed duty's term."""
    annex = _annex()
    unlocated = []
    for name, paragraph in annex.items():
        terms = [d["term"] for d in DUTIES if d["where"] == name]
        for clause in re.split(r"[。；]", paragraph):
            if re.search(r"提供|档案|证|报告|图", clause) and not any(term in clause for term in terms):
                unlocated.append(f"{name}: {clause}")
    assert unlocated == []


# --- the expansion asks for evidence per kind, per school and per class ---------------------------------------

REGISTRY = "学校名称,学校代码,学段,寄宿,食堂\n城关小学,S1,小学,否,是\n河西小学,S2,小学,否,否\n东乡中学,S3,初中,是,\n"


def _check(make_archive, run_cli, files: dict[str, str | bytes], name: str = "archive") -> dict:
    root = make_archive({"site_config/archive.yml": "years: 2016-2017\n", "content/data/schools.csv": REGISTRY,
                         **{f"checklists/{p.name}": p.read_text("utf-8") for p in SHIPPED.glob("*.yml")},
                         **files}, name=name)
    result = run_cli(root, "check", "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {"items": {i["id"]: i for i in data["items"]}, "problems": data["warnings"]}


def test_one_roster_does_not_stand_for_the_three(make_archive, run_cli):
    found = _check(make_archive, run_cli, {
        "content/县教科局/规范办学行为/2016/2016年随迁子女入学花名册.csv": "序号,姓名\n1,张三\n"})["items"]
    assert found["jiaoke-enrolment-rosters-migrant"]["missing_years"] == [2017]
    assert found["jiaoke-enrolment-rosters-left-behind"]["missing_years"] == [2016, 2017]
    assert found["jiaoke-enrolment-rosters-disabled"]["status"] == "missing"


def test_a_document_naming_the_item_counts_for_the_kind_its_title_names(make_archive, run_cli):
    found = _check(make_archive, run_cli, {
        "content/县教科局/规范办学行为/2016/名单.md": "---\n标题: 2016年留守儿童名单\n清单: [jiaoke-enrolment-rosters]\n---\n"
    })["items"]
    assert found["jiaoke-enrolment-rosters-left-behind"]["missing_years"] == [2017]
    assert found["jiaoke-enrolment-rosters-migrant"]["missing_years"] == [2016, 2017]


def test_water_quality_is_quarterly(make_archive, run_cli):
    files = {f"content/县卫计局/规范办学行为/2016/2016年第{q}季度学校饮用水水质检验报告.md": "# 报告\n"
             for q in "一二三"}
    found = _check(make_archive, run_cli, files)["items"]
    assert [found[f"weiji-water-quality-q{n}"]["missing_years"] for n in (1, 2, 3, 4)] == [[2017]] * 3 + [[2016, 2017]]


def test_one_school_land_certificate_does_not_cover_the_county(make_archive, run_cli):
    found = _check(make_archive, run_cli, {
        "content/县国土资源局/学校标准化建设/2015/城关小学土地使用证.md": "---\n学校: 城关小学\n---\n# 土地使用证\n"})["items"]
    assert found["guotu-land-certificate"]["missing_schools"] == ["河西小学", "东乡中学"]


def test_a_register_proves_each_school_it_lists_with_a_number(make_archive, run_cli):
    register = "学校,土地使用证号,发证日期\n城关小学,示国用(2015)第001号,2015-06-01\n河西小学,未办理,\n东乡中学,示国用(2016)第014号,2016-03-09\n"
    found = _check(make_archive, run_cli, {
        "content/县国土资源局/学校标准化建设/2016/全县中小学校土地使用证登记表.csv": register})["items"]
    assert found["guotu-land-certificate"]["missing_schools"] == ["河西小学"]  # 未办理 is no certificate


def test_canteen_licences_are_per_canteen(make_archive, run_cli):
    register = "学校名称,许可证编号\n城关小学,JY11410230001\n"
    found = _check(make_archive, run_cli, {
        "content/县食药监局/规范办学行为/2017/2017年学校食堂食品经营许可证登记表.csv": register})["items"]
    licence = found["shiyaojian-canteen-licence"]
    # 城关小学 states a canteen, 东乡中学 is boarding (a 十有 school has one), 河西小学 has none
    assert licence["slots_total"] == 2 and licence["missing_schools"] == ["东乡中学"]


def test_each_audit_subject_needs_its_own_report(make_archive, run_cli):
    files = {"content/县审计局/保障机制/2016/2016年义务教育经费保障机制执行情况专项审计报告.md": "# 审计报告\n",
             "content/县审计局/保障机制/2017/2017年教育专项经费使用情况专项审计报告.md": "# 审计报告\n"}
    found = _check(make_archive, run_cli, files)["items"]
    assert found["shenji-audit-report-mechanism"]["missing_years"] == [2017]
    assert found["shenji-audit-report-special-funds"]["missing_years"] == [2016]
    assert found["shenji-audit-report-projects"]["missing_years"] == [2016, 2017]


CLASSES = "年度,学校,班级,学生数\n2016,城关小学,一年级(1)班,58\n2016,城关小学,一年级(2)班,67\n2016,河西小学,一年级(1)班,40\n" \
          "2016,东乡中学,七年级(1)班,57\n2017,城关小学,一年级(1)班,50\n2017,河西小学,一年级(1)班,40\n" \
          "2017,东乡中学,七年级(1)班,45\n"
LEDGER = "学校,班级,学生数,化解措施,销号情况\n{rows}"


def test_the_class_size_ledger_is_per_school_and_per_class_with_its_closing_read(make_archive, run_cli):
    rows = "城关小学,一年级(1)班,58,分班,已销号（2017年秋季）\n城关小学,一年级(2)班,67,分班,未销号\n东乡中学,七年级(1)班,57,分流,\n"
    found = _check(make_archive, run_cli, {
        "content/data/classes.csv": CLASSES,
        "content/县教科局/规范办学行为/2016/2016年消除大班额工作台账.csv": LEDGER.format(rows=rows)})
    ledger = found["items"]["school-class-size-ledger"]
    # 2016: 城关小学 and 东乡中学 had classes of 56+; 2017 none: two slots, both listed
    assert ledger["slots_total"] == 2 and ledger["status"] == "complete"
    assert ledger["detail"]["listed"] == 3 and ledger["detail"]["closed"] == 1 and ledger["detail"]["open"] == 2
    unclosed = [p for p in found["problems"] if p["code"] == "check.register_not_closed"]
    assert len(unclosed) == 1 and "东乡中学" in unclosed[0]["message"]


def test_a_ledger_that_leaves_out_a_large_class_does_not_count_for_that_school(make_archive, run_cli):
    rows = "城关小学,一年级(2)班,67,分班,已销号\n东乡中学,七年级(1)班,57,分流,已销号\n"
    found = _check(make_archive, run_cli, {
        "content/data/classes.csv": CLASSES,
        "content/县教科局/规范办学行为/2016/2016年消除大班额工作台账.csv": LEDGER.format(rows=rows)})
    assert found["items"]["school-class-size-ledger"]["missing_schools"] == ["城关小学"]
    (problem,) = [p for p in found["problems"] if p["code"] == "check.register_class_missing"]
    assert "一年级(1)班" in problem["message"] and "城关小学" in problem["message"]


def test_a_keyword_alone_no_longer_satisfies_the_class_size_ledger(make_archive, run_cli):
    found = _check(make_archive, run_cli, {
        "content/data/classes.csv": CLASSES,
        "content/县教科局/规范办学行为/2016/2016年消除大班额工作总结.md": "# 2016年消除大班额工作总结\n"})
    assert found["items"]["school-class-size-ledger"]["missing_schools"] == ["城关小学", "东乡中学"]


def test_small_schools_are_named_by_the_statistics_each_year(make_archive, run_cli):
    stats = "年度,学校,学段,学生数,图书册数\n2016,城关小学,小学,400,8000\n2016,河西小学,小学,80,1600\n" \
            "2016,东乡中学,初中,300,9000\n2017,城关小学,小学,420,8000\n2017,河西小学,小学,120,1600\n" \
            "2017,东乡中学,初中,95,9000\n"
    ledger = "学校,学生数,核定人数,核拨公用经费(元)\n河西小学,80,100,60000\n"
    found = _check(make_archive, run_cli, {
        "content/data/school_stats.csv": stats,
        "content/财政局/保障机制/2016/2016年乡村小规模学校和教学点公用经费核拨表.csv": ledger})["items"]
    funding = found["county-small-school-funding"]
    assert funding["slots_total"] == 2  # 河西小学 in 2016, 东乡中学 in 2017
    assert funding["missing_years"] == [2017] and funding["missing_schools"] == ["东乡中学"]


def test_without_the_classes_table_the_ledger_cannot_be_checked(make_archive, run_cli):
    found = _check(make_archive, run_cli, {})
    assert found["items"]["school-class-size-ledger"]["status"] == "missing"
    assert "check.needs_statistics" in {p["code"] for p in found["problems"]}


def test_a_classified_or_internal_registers_words_stay_out_of_the_check(make_archive, run_cli):
    """A register's row naming something no registry knows is a warning; for a 机密 or 内部 register it names
    the row and the folder only, never the cell's words or the file's name."""
    register = "学校,土地使用证号,发证日期\n城关小学,示国用(2015)第001号,2015-06-01\n{cell},示国用(2016)第014号,2016-03-09\n"
    found = _check(make_archive, run_cli, {
        "content/县国土资源局/学校标准化建设/2016/全县中小学校土地使用证登记表.csv": register.format(cell="SLIPCELL涉密工程"),
        "content/县国土资源局/学校标准化建设/2016/全县中小学校土地使用证登记表.csv.yml": "密级: 机密\n",
        "content/县国土资源局/学校标准化建设/2017/全县中小学校土地使用证登记表.csv": register.format(cell="SLIPINNER内部事项"),
        "content/县国土资源局/学校标准化建设/2017/全县中小学校土地使用证登记表.csv.yml": "密级: 内部\n"})
    unknown = [p for p in found["problems"] if p["code"] == "check.register_unknown_school"]
    assert len(unknown) == 2
    text = json.dumps(found, ensure_ascii=False)
    assert "SLIPCELL" not in text and "SLIPINNER" not in text and "登记表.csv" not in text
