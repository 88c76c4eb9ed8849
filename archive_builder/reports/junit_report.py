"""The check as JUnit XML, one suite per department.

A missing or partial document is a failure; a target not met (or without data) in a judged year
is a failure with its figure; a trend year is skipped; a file problem is an error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from archive_builder.checking.labels import (
    department_name,
    evidence_title,
    gap_text,
    items_of,
    judged_text,
    ordered_departments,
    problem_fix,
    problem_kind_name,
    problem_text,
    problems_of,
    status_name,
    target_message,
    targets_of,
    waived_lines,
)
from archive_builder.checking.results import TREND, WAIVED
from archive_builder.core.i18n import printable, t

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, FileProblem, ItemResult, TargetResult
    from archive_builder.core.config import ArchiveConfig


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """A <testsuites> document that GitLab, GitHub and Jenkins read."""
    root = ET.Element("testsuites", name="archive-builder check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for dept_id in ordered_departments(config, result):
        counts = _suite(root, dept_id, result, config)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    _escape_controls(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, dept_id: str, result: CheckResult, config: ArchiveConfig) -> dict[str, int]:
    """One <testsuite> per department: its evidence items, its targets and its file problems."""
    items, targets, problems = items_of(result, dept_id), targets_of(result, dept_id), problems_of(result, dept_id)
    counts = {"tests": len(items) + len(targets) + len(problems),
              "failures": sum(r.is_gap for r in items) + sum(r.is_gap for r in targets),
              "errors": len(problems),
              "skipped": sum(r.status == WAIVED for r in items) + sum(r.status == TREND for r in targets)}
    attributes = {"name": department_name(config, dept_id), **{k: str(v) for k, v in counts.items()}, "time": "0"}
    suite = ET.SubElement(root, "testsuite", attributes)
    for item in items:
        _evidence_case(suite, dept_id, item)
    for target in targets:
        _target_case(suite, dept_id, target)
    for problem in problems:
        _problem_case(suite, dept_id, problem, config)
    return counts


def _evidence_case(suite: ET.Element, dept_id: str, result: ItemResult) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"evidence.{dept_id or 'county'}",
                         name=f"{result.item.id} {result.item.title}", time="0")
    if result.item.file:
        case.set("file", result.item.file)
        case.set("line", str(result.item.line))
    if result.is_gap:
        failure = ET.SubElement(case, "failure", type=f"{result.status}-{result.item.severity}",
                                message=f"{status_name(result.status)}: {gap_text(result)}")
        failure.text = _details(result)
    elif result.status == WAIVED:
        # CI shows a waived item as skipped: neither passed nor failed, with the reason.
        message = f"{status_name(WAIVED)}: {'; '.join(waived_lines(result))}"
        ET.SubElement(case, "skipped", message=message).text = _details(result)
    elif result.evidence:
        ET.SubElement(case, "system-out").text = _details(result)


def _target_case(suite: ET.Element, dept_id: str, target: TargetResult) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"targets.{dept_id or 'county'}",
                         name=f"{target.item.id} {target.year} {target.item.title}", time="0")
    if target.source:
        case.set("file", f"content/{target.source}")
    figure = target_message(target)
    details = "\n".join([t("report.basis", basis=target.basis), judged_text(target),
                         *(f"- {g['path']}: {g['message']}" for g in target.gaps)])
    if target.is_gap:
        failure = ET.SubElement(case, "failure", type=target.status, message=f"{status_name(target.status)}: {figure}")
        failure.text = details
    elif target.status == TREND:
        ET.SubElement(case, "skipped", message=f"{status_name(TREND)}: {figure}").text = details
    else:
        ET.SubElement(case, "system-out").text = f"{status_name(target.status)}: {figure}\n{details}"


def _problem_case(suite: ET.Element, dept_id: str, problem: FileProblem, config: ArchiveConfig) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"files.{dept_id or 'unassigned'}",
                         name=f"{problem_kind_name(problem.kind)}: {problem.path}", time="0", file=problem.path)
    error = ET.SubElement(case, "error", type=problem.problem.code, message=problem_text(problem, config))
    error.text = problem_fix(problem)


def _escape_controls(root: ET.Element) -> None:
    """Every attribute and text of the finished tree with its control characters written as escapes.

    A file name may hold a BEL, an escape sequence or a right-to-left override; XML 1.0 cannot carry C0
    controls at all (the report would not parse), and the rest would reach the CI log raw. Attributes are one
    line each; a text keeps its own line breaks and escapes the rest, as the console messages show them.
    """
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, printable(value))
        if element.text:
            element.text = "\n".join(printable(line) for line in element.text.split("\n"))


def _details(result: ItemResult) -> str:
    """Slots filled, the policy basis and the evidence found, one per line."""
    lines = [t("report.slots", filled=result.slots_filled, total=result.slots_total)]
    if result.item.basis:
        lines.append(t("report.basis", basis=result.item.basis))
    lines += [f"- {ev.shown_path} ({evidence_title(ev)}; {ev.matched_by})" for ev in result.evidence]
    lines += [f"- {status_name(WAIVED)}: {line}" for line in waived_lines(result)]
    return "\n".join(lines)
