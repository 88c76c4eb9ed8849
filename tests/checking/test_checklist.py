"""Checklist loading and validation: every error names file and line, all reported at once."""

from __future__ import annotations

import pytest

from archive_builder.checking.checklist import load_checklists
from archive_builder.core.config import load_config
from archive_builder.core.errors import ConfigError

GOOD = """\
title: 测试清单
items:
  - id: plan
    title: 均衡发展规划
    department: 教育局
    category: 规划
    years: 2014-2016
    min: 2
    match: {keywords: [规划, 方案], types: [PDF, docx]}
    severity: required
    basis: 附件2 一
  - id: charter
    title: 学校章程
    department: jiaoke
    per_school: {level: [小学, 初中], boarding: true, max_students: 100}
    severity: recommended
  - id: any-year
    title: 任一年度
    years: [2015, 2017]
"""


def load(make_archive, files: dict[str, str]):
    root = make_archive(files)
    return load_checklists(load_config(root))


def errors_of(make_archive, files: dict[str, str]) -> str:
    with pytest.raises(ConfigError) as info:
        load(make_archive, files)
    return info.value.format_message()


def test_good_checklist_resolves_names_years_and_filters(make_archive):
    items = {i.id: i for i in load(make_archive, {"checklists/a.yml": GOOD})}
    plan = items["plan"]
    assert (plan.department, plan.category) == ("jiaoke", "guihua")
    assert plan.years == (2014, 2015, 2016)
    assert plan.min == 2
    assert plan.keywords == ("规划", "方案") and plan.types == ("pdf", "docx")
    assert (plan.file, plan.line) == ("checklists/a.yml", 3)
    charter = items["charter"]
    assert charter.years is None and charter.severity == "recommended" and not charter.required
    assert dict(charter.per_school) == {"level": ("小学", "初中"), "boarding": True, "max_students": 100}
    assert items["any-year"].years == (2015, 2017) and items["any-year"].department is None


def test_items_keep_file_order_across_files(make_archive):
    items = load(make_archive, {
        "checklists/b.yml": "items:\n  - {id: b1, title: B}\n",
        "checklists/a.yml": "items:\n  - {id: a1, title: A}\n  - {id: a2, title: A2}\n",
    })
    assert [i.id for i in items] == ["a1", "a2", "b1"]


def test_duplicate_id_names_both_places(make_archive):
    message = errors_of(make_archive, {
        "checklists/a.yml": "items:\n  - id: x\n    title: one\n",
        "checklists/b.yml": "items:\n  - {id: y, title: two}\n  - id: x\n    title: again\n",
    })
    assert "checklists/b.yml:3" in message
    assert "checklists/a.yml:2" in message
    assert "'x'" in message


def test_unknown_department_names_file_line_and_closest(make_archive):
    message = errors_of(make_archive, {
        "checklists/a.yml": "items:\n  - id: ok\n    title: ok\n  - id: bad\n    title: x\n    department: 县财政厅\n",
    })
    assert message.startswith("checklists/a.yml:4: item 'bad': unknown department '县财政厅'")
    assert "县财政局" in message


def test_unknown_category_suggests(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": "items:\n  - {id: a, title: t, category: 发展规化}\n"})
    assert "checklists/a.yml:2" in message and "发展规划" in message


def test_all_errors_reported_at_once(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": """\
items:
  - id: a
    title: t
    years: 2017-2014
    colour: red
  - id: b
    title: t
    min: 0
    severity: must
  - id: c
    title: t
    per_school: {level: [大学], size: 3}
    match: {keywords: [x], types: [exe], regex: y}
"""})
    lines = message.splitlines()
    assert any(line.startswith("checklists/a.yml:2") and "2017-2014" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:2") and "'colour'" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:6") and "min" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:6") and "must" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:10") and "大学" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:10") and "'size'" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:10") and "types" in line for line in lines)
    assert any(line.startswith("checklists/a.yml:10") and "'regex'" in line for line in lines)
    assert len(lines) == 8


def test_missing_id_and_title(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": "items:\n  - department: 财政局\n"})
    assert "needs an 'id'" in message and "needs a 'title'" in message


def test_bad_boarding_filter(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": "items:\n  - {id: a, title: t, per_school: {boarding: maybe}}\n"})
    assert "checklists/a.yml:2" in message and "boarding" in message


def test_yaml_syntax_error_gives_line(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": "items:\n  - id: a\n    title: [unclosed\n"})
    assert message.startswith("checklists/a.yml:") and "not valid YAML" in message


def test_file_without_items_list(make_archive):
    message = errors_of(make_archive, {"checklists/a.yml": "- id: a\n"})
    assert "checklists/a.yml:1" in message and "items:" in message


def test_waivers_file_is_not_a_checklist(make_archive):
    items = load(make_archive, {
        "checklists/a.yml": "items:\n  - {id: a, title: t}\n",
        "checklists/waivers.yml": "waivers:\n  - {item: a, year: 2015, reason: r, approved_by: p}\n",
    })
    assert [i.id for i in items] == ["a"]


def test_no_checklists_folder_gives_no_items(make_archive):
    assert load(make_archive, {}) == []


def test_chinese_messages(make_archive):
    from archive_builder.core.i18n import set_language

    set_language("zh")
    message = errors_of(make_archive, {"checklists/a.yml": "items:\n  - {id: a, title: t, department: 县财政厅}\n"})
    assert "checklists/a.yml:2" in message and "单位" in message


def test_calendar_years_key_is_read_and_validated(make_archive):
    (item,) = load(make_archive, {"checklists/a.yml": (
        "items:\n  - id: audit\n    title: 审计报告\n    years: 2016\n    calendar_years: true\n")})
    assert item.calendar_years is True and item.to_dict()["calendar_years"] is True
    text = errors_of(make_archive, {"checklists/a.yml": (
        "items:\n  - id: audit\n    title: 审计报告\n    calendar_years: 是\n")})
    assert "checklists/a.yml:2: item 'audit': calendar_years must be true or false." in text


def test_shipped_checklists_mark_budget_and_audit_items_calendar_years(make_archive):
    from pathlib import Path

    import archive_builder

    shipped = Path(archive_builder.__file__).parent / "checklists"
    from archive_builder.checking.checklist import NOT_CHECKLISTS

    lists = sorted(p for p in shipped.glob("*.yml") if p.name not in NOT_CHECKLISTS)
    items = {i.id: i for i in load_checklists(load_config(make_archive({})), lists)}
    for item_id in ("shenji-audit-report-mechanism", "shenji-audit-report-county-input", "caizheng-funding-table",
                    "zhujian-project-archive", "county-small-school-funding"):
        assert items[item_id].calendar_years, item_id
    assert not items["jiaoke-statistics-report"].calendar_years  # 学年度报表: school years are right there
    repo = Path(archive_builder.__file__).parent.parent / "checklists"
    for path in sorted(shipped.glob("*.yml")):
        assert path.read_text(encoding="utf-8") == (repo / path.name).read_text(encoding="utf-8")
