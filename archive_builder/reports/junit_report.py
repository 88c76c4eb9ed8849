"""The check as JUnit XML: one test case per item, a failure for each gap, one suite per department."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..i18n import t
from ..check import WAIVED
from .labels import (department_name, evidence_title, figure_text, gap_text, items_of, ordered_departments,
                     status_name, waived_lines)

if TYPE_CHECKING:
    from ..check import CheckResult, ItemResult
    from ..config import ArchiveConfig


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """A <testsuites> document that GitLab, GitHub and Jenkins read."""
    root = ET.Element("testsuites", name="archive-builder check", tests=str(len(result.items)),
                      failures=str(sum(r.is_gap for r in result.items)), errors="0",
                      skipped=str(sum(r.status == WAIVED for r in result.items)), time="0")
    for dept_id in ordered_departments(config, result):
        _suite(root, dept_id, items_of(result, dept_id), config)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, dept_id: str, results: list[ItemResult], config: ArchiveConfig) -> None:
    """One <testsuite> per department."""
    suite = ET.SubElement(root, "testsuite", name=department_name(config, dept_id), tests=str(len(results)),
                          failures=str(sum(r.is_gap for r in results)), errors="0",
                          skipped=str(sum(r.status == WAIVED for r in results)), time="0")
    for result in results:
        case = ET.SubElement(suite, "testcase", classname=f"checklist.{dept_id or 'county'}",
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
        elif result.evidence or result.waived or figure_text(result):
            ET.SubElement(case, "system-out").text = _details(result)


def _details(result: ItemResult) -> str:
    """Slots filled, the policy basis and the evidence found, one per line."""
    lines = [t("report.slots", filled=result.slots_filled, total=result.slots_total)]
    if result.item.basis:
        lines.append(t("report.basis", basis=result.item.basis))
    if figure_text(result):
        lines.append(figure_text(result))
    if result.detail.get("source"):
        lines.append(f"- {result.detail['source']}")
    lines += [f"- {ev.shown_path} ({evidence_title(ev)}; {ev.matched_by})" for ev in result.evidence]
    lines += [f"- {status_name(WAIVED)}: {line}" for line in waived_lines(result)]
    return "\n".join(lines)
