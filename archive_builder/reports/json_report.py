"""The check as JSON: summary, items, totals and problems."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .labels import category_name, department_name

if TYPE_CHECKING:
    from ..check import CheckResult, ItemResult
    from ..config import ArchiveConfig


def to_dict(result: CheckResult, config: ArchiveConfig) -> dict[str, Any]:
    """The JSON shape: ``{"summary", "items", "by_department", "by_category", "matrix", "problems"}``."""
    summary = result.summary.to_dict()
    return {
        "summary": {key: summary[key] for key in ("items", "complete", "partial", "missing", "waived", "completeness")},
        "items": [_item(r, config) for r in result.items],
        "by_department": {k: {"name": department_name(config, k), **v.to_dict()} for k, v in result.by_department.items()},
        "by_category": {k: {"name": category_name(config, k), **v.to_dict()} for k, v in result.by_category.items()},
        "matrix": {d: {c: v.to_dict() for c, v in row.items()} for d, row in result.matrix.items()},
        "problems": [p.to_dict() for p in result.problems],
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
    return json.dumps(to_dict(result, config), ensure_ascii=False, indent=2) + "\n"
