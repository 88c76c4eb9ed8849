"""The check as JSON: summary, evidence items, targets, file problems, totals and the other warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archive_builder.checking.labels import category_name, department_name
from archive_builder.core.i18n import printable_json

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig

SUMMARY_KEYS = ("items", "complete", "partial", "missing", "waived", "completeness", "targets", "problems", "held")


def to_dict(result: CheckResult, config: ArchiveConfig) -> dict[str, Any]:
    """``{"summary", "items", "targets", "problems", "warnings", "by_department", "by_category", "matrix", "withheld"}``.

    ``items`` are evidence only; ``targets`` the figures (ids stay ids); ``problems`` the file
    problems (each with its kind and department); ``warnings`` what the check itself noticed.
    """
    summary = result.summary.to_dict()
    return {
        "summary": {key: summary[key] for key in SUMMARY_KEYS} | {"assessment_year": config.assessment_year},
        "items": [_item(r, config) for r in result.items],
        "targets": [r.to_dict() for r in result.targets],
        "problems": [p.to_dict() for p in result.file_problems],
        "warnings": [p.to_dict() for p in result.problems],
        "by_department": {k: {"name": department_name(config, k), **v.to_dict()} for k, v in result.by_department.items()},
        "by_category": {k: {"name": category_name(config, k), **v.to_dict()} for k, v in result.by_category.items()},
        "matrix": {d: {c: v.to_dict() for c, v in row.items()} for d, row in result.matrix.items()},
        "withheld": list(result.withheld),
    }


def _item(result: ItemResult, config: ArchiveConfig) -> dict[str, Any]:
    """One item's entry."""
    item = result.item
    return {
        "id": item.id, "title": item.title,
        "department": item.department, "department_name": department_name(config, item.department),
        "category": item.category, "category_name": category_name(config, item.category),
        "severity": item.severity, "status": result.status,
        "missing_years": result.missing_years, "missing_schools": result.missing_schools,
        "evidence": [ev.to_dict() for ev in result.evidence],
        "slots_total": result.slots_total, "slots_filled": result.slots_filled,
        "years": list(item.years) if item.years else None, "min": item.min, "basis": item.basis,
        "file": item.file, "line": item.line, **({"detail": result.detail} if result.detail else {}),
        "waived": [w.to_dict() for w in result.waived],
    }


def render(result: CheckResult, config: ArchiveConfig) -> str:
    """Pretty-printed UTF-8 JSON text."""
    return printable_json(to_dict(result, config), indent=2) + "\n"
