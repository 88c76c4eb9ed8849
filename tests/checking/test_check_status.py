"""``check`` and ``status`` share one computation: the same counts per department, the same file problems."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from archive_builder.core.i18n import t_in, tn_in

CHECKLIST = """\
items:
  - id: fund
    title: 教育经费拨付文件
    department: 财政局
    category: 保障机制
    years: 2016
    match: {keywords: [经费]}
  - id: plan
    title: 均衡发展规划
    department: 教育局
    category: 发展规划
    years: 2016
    match: {keywords: [规划]}
"""
#: One file in a misspelt department folder (县财正局 for 县财政局), one with broken YAML, one without a year.
BROKEN = {
    "checklists/main.yml": CHECKLIST,
    "content/县财正局/保障机制/2016/2016年经费拨付通知.md": "# 2016年经费拨付通知\n",
    "content/县教科局/发展规划/2016/2016年均衡发展规划.md": "---\ntitle: [broken\n  x: : :\n---\n正文\n",
    "content/县教科局/发展规划/教育规划说明.md": "# 教育规划说明\n",
    "content/县残联/规范办学行为/2016/名册.md": "# 名册\n",
}
MISSPELT = "县财正局/保障机制/2016/2016年经费拨付通知.md"
BROKEN_YAML = "县教科局/发展规划/2016/2016年均衡发展规划.md"
NO_YEAR = "县教科局/发展规划/教育规划说明.md"


@pytest.fixture
def broken(make_archive):
    return make_archive(BROKEN)


def test_check_json_names_all_three_with_kind_and_department(run_cli, broken):
    result = run_cli(broken, "check", "--format", "json", "--fail-on", "problems")
    assert result.exit_code == 6
    problems = {p["path"]: p for p in json.loads(result.stdout)["problems"]}
    assert problems["县财正局"]["kind"] == "unknown_folder"
    assert problems["县财正局"]["department"] == "caizheng" and problems["县财正局"]["department_guessed"]
    assert problems["县财正局"]["files"] == [MISSPELT]
    assert problems[BROKEN_YAML]["kind"] == "bad_metadata" and problems[BROKEN_YAML]["department"] == "jiaoke"
    assert problems[NO_YEAR]["kind"] == "no_year" and problems[NO_YEAR]["hint"]


def test_check_table_and_junit_name_all_three(run_cli, broken, tmp_path):
    table = run_cli(broken, "--lang", "zh", "check", "--fail-on", "problems")
    assert table.exit_code == 6
    for path in ("县财正局", MISSPELT, BROKEN_YAML, NO_YEAR):  # whole, on a line of their own
        assert path in table.stdout, path
    text = table.stdout.replace("\n", "").replace(" ", "")
    for kind in ("unknown_folder", "bad_metadata", "no_year"):
        assert t_in("zh", f"report.problem_kind.{kind}") in text
    assert "文件问题：3个" in text
    out = tmp_path / "check.xml"
    assert run_cli(broken, "check", "--format", "junit", "--output", str(out), "--fail-on", "problems").exit_code == 6
    root = ET.parse(out).getroot()
    assert root.get("errors") == "3"
    errors = {c.get("file"): c.find("error") for c in root.iter("testcase") if c.find("error") is not None}
    assert set(errors) == {"县财正局", BROKEN_YAML, NO_YEAR}
    assert MISSPELT in errors["县财正局"].get("message")
    assert errors[NO_YEAR].get("type") == "scan.no_year" and errors[NO_YEAR].text


def test_fail_on_problems_alone_or_with_others(run_cli, broken):
    assert run_cli(broken, "check", "--fail-on", "never").exit_code == 0
    assert run_cli(broken, "check", "--fail-on", "held").exit_code == 0
    # fund and plan have no evidence: missing (3) comes before problems (6)
    both = run_cli(broken, "check", "--fail-on", "problems", "--fail-on", "missing")
    assert both.exit_code == 3
    assert "Failed (exit 3)" in both.stderr and "Failed (exit 6)" in both.stderr
    assert run_cli(broken, "check", "--fail-on", "problems,missing").exit_code == 3
    bad = run_cli(broken, "check", "--fail-on", "everything")
    assert bad.exit_code == 2 and "'everything' is not a condition" in bad.output


def test_status_names_the_misspelt_folder_under_the_closest_department(run_cli, broken):
    result = run_cli(broken, "status", "--department", "县财政局")
    assert result.exit_code == 0, result.output
    assert "县财正局" in result.stdout and MISSPELT in result.stdout
    assert "probably 县财政局 (folder name misspelt)" in result.stdout
    assert "File problems: 1 (0 held for review)." in result.stdout
    jiaoke = run_cli(broken, "status", "--department", "县教科局").stdout
    assert BROKEN_YAML in jiaoke and NO_YEAR in jiaoke and "File problems: 2" in jiaoke


def test_a_folder_close_to_no_department_is_not_assigned(run_cli, make_archive):
    root = make_archive({**BROKEN, "content/杂项资料/2016/说明.md": "# 说明\n"})
    status = run_cli(root, "status").stdout
    assert "Not assigned to a department" in status and "杂项资料/2016/说明.md" in status
    problems = {p["path"]: p for p in json.loads(run_cli(root, "check", "--format", "json").stdout)["problems"]}
    assert problems["杂项资料"]["department"] is None and not problems["杂项资料"]["department_guessed"]


def _status_lines(totals: dict) -> list[str]:
    """The lines ``status`` prints for a department's totals, from the JSON of ``check``."""
    targets = totals["targets"]
    lines = [tn_in("en", "status.totals", totals["items"], items=totals["items"], complete=totals["complete"],
                   partial=totals["partial"], missing=totals["missing"], waived=totals["waived"],
                   completeness=f"{totals['completeness'] * 100:.1f}%"),
             t_in("en", "status.problems", count=totals["problems"], held=totals["held"])]
    if any(targets.values()):
        lines.append(tn_in("en", "status.targets", targets["trend"], **targets))
    return lines


def test_every_department_of_the_demo_has_the_same_counts_in_status_and_check(run_cli, demo_archive, monkeypatch):
    from archive_builder import pipeline
    from archive_builder.core.config import load_config

    inventory = pipeline.load_inventory(load_config(demo_archive))  # read the demo once for all the runs
    monkeypatch.setattr(pipeline, "load_inventory", lambda config, **kwargs: inventory)
    status = run_cli(demo_archive, "status")
    assert status.exit_code == 0
    sections = dict(re.findall(r"─+ (\S+) ─+\n(.*?)(?=\n─|\Z)", status.stdout, re.S))
    compared = 0
    for dept in load_config(demo_archive).departments:
        data = json.loads(run_cli(demo_archive, "check", "--format", "json", "--fail-on", "never",
                                  "--department", dept.id).stdout)
        one = run_cli(demo_archive, "status", "--department", dept.id).stdout
        totals = data["by_department"].get(dept.id) or data["summary"] | {"completeness": 1.0}
        assert data["summary"]["items"] == totals["items"]
        for line in _status_lines(totals):
            assert line in one, (dept.name, line)
            assert line in sections[dept.name], (dept.name, line)  # the same in the status of all departments
        compared += 1
    assert compared == 22
    jiaoke = run_cli(demo_archive, "status", "--department", "县教科局").stdout
    assert "0 missing" in jiaoke and "Targets: 4 met, 0 not met, 0 no data" in jiaoke


@pytest.mark.parametrize("code, kind", [
    ("scan.unknown_department_folder", "unknown_folder"), ("scan.no_year", "no_year"),
    ("scan.bad_sidecar", "bad_metadata"), ("scan.broken_pdf", "unreadable"), ("reader.ocr_failed", "unreadable"),
    ("policy.held_no_text", "held"), ("scan.duplicate", "other"),
])
def test_each_scan_problem_has_its_kind(code, kind):
    from archive_builder.checking.results import problem_kind

    assert problem_kind(code) == kind


def test_held_files_fail_only_the_held_condition():
    from archive_builder.checking.results import CheckResult, FileProblem, Totals
    from archive_builder.core.model import Problem

    held = FileProblem(Problem("县教科局/发展规划/2016/扫描件.png", "warning", "policy.held_no_text"), "held", "jiaoke")
    result = CheckResult([], Totals(), {}, file_problems=[held])
    assert result.failures(("problems", "held")) == ["held"]
    assert result.failures(("missing", "partial", "targets", "problems")) == []


def test_a_misspelt_folder_is_matched_to_the_closest_department(make_archive):
    from archive_builder.checking.check import problem_department
    from archive_builder.core.config import load_config

    config = load_config(make_archive({}))
    assert problem_department(config, "县财正局/保障机制") == ("caizheng", True)
    assert problem_department(config, "审计局/2016") == ("shenji", False)  # an alias is no guess
    assert problem_department(config, "杂项资料") == ("", False)


def test_a_note_about_a_counted_file_does_not_fail_the_problems_condition():
    from archive_builder.checking.results import CheckResult, FileProblem, Totals
    from archive_builder.core.model import Problem

    note = FileProblem(Problem("县教科局/发展规划/2016/规划.md", "warning", "scan.duplicate"), "other", "jiaoke")
    assert CheckResult([], Totals(), {}, file_problems=[note]).failures(("problems",)) == []
    error = FileProblem(Problem("县教科局/x.md", "error", "scan.skipped_for_sidecar"), "other", "jiaoke")
    assert CheckResult([], Totals(), {}, file_problems=[note, error]).failures(("problems",)) == ["problems"]
