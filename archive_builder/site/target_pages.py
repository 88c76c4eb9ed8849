"""The site's target pages: one per figure (the 小学 composite, the exchange rate …), with every year.

Takes the check's TargetResults, gives Markdown pages ``targets/<series>.md`` (written by the
caller) and the rows of the targets table of the checklist index. A page shows the figure of
each year against its threshold — met, not met, no data, or trend for a year it is not judged
on — when the target is due and from which document, and links the statistics page and table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from archive_builder.checking.labels import target_message, trend_reason
from archive_builder.site.bodies import SITE_LANG
from archive_builder.site.templates import render_template

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, TargetResult
    from archive_builder.core.config import ArchiveConfig

FOLDER = "targets"


def target_page(series: str) -> str:
    """The page of one figure, relative to the site root."""
    return f"{FOLDER}/{series}.md"


def write_target_pages(write: Callable[[str, str], Any], check: CheckResult | None,
                       assessment_year: int) -> list[dict[str, Any]]:
    """Write a page per figure; return one row per figure (its judged year's status first) for the index."""

    rows = []
    for series, years in _series(check).items():
        page = target_page(series)
        first = years[0]
        shown = next((r for r in years if r.status != "trend"), years[-1])  # the judged year, else the last
        write(page, render_template("target.md.j2", title=first.item.title, target=shown,
                                    years=_years(years, assessment_year), assessment_year=assessment_year,
                                    statistics=f"../{shown.page.removesuffix('.md')}.html", source=shown.source))
        rows.append({"url": f"{FOLDER}/{series}.html", "title": first.item.title, "status": shown.status,
                     "year": shown.year, "figure": _figure(shown), "department": first.item.department,
                     "category": first.item.category})
    rows.sort(key=lambda row: (row["status"] == "trend", row["status"] == "met"))
    return rows


def _series(check: CheckResult | None) -> dict[str, list[TargetResult]]:
    """Series id -> its target results, year by year."""
    found: dict[str, list[TargetResult]] = {}
    for target in sorted(check.targets if check else [], key=lambda r: r.year):
        found.setdefault(target.series, []).append(target)
    return found


def _years(results: list[TargetResult], assessment_year: int) -> list[dict[str, Any]]:
    """One row per year: figure, threshold, status, and why a trend year is not judged."""

    return [{"year": r.year, "figure": _figure(r), "status": r.status, "would_pass": r.would_pass,
             "note": trend_reason(r, assessment_year, SITE_LANG) if r.status == "trend" else ""}
            for r in results]


def _figure(result: TargetResult) -> str:

    return target_message(result, SITE_LANG)


def item_groups(config: ArchiveConfig, check: CheckResult | None, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checklist index's evidence rows grouped by department and category, in registry order.

    Each group's anchor (``<department>-<category>``) is what a cell of the home page's matrix links to.
    """
    if check is None:
        return []
    by_id = {row["id"]: row for row in rows}
    groups = []
    for dept in (*config.departments, None):
        for cat in (*config.categories, None):
            results = [r for r in check.items if r.item.department == (dept.id if dept else None)
                       and r.item.category == (cat.id if cat else None)]
            if results:
                groups.append({"anchor": f"{dept.id if dept else 'none'}-{cat.id if cat else 'none'}",
                               "department": dept.name if dept else "", "category": cat.name if cat else "",
                               "rows": [by_id[r.item.id] for r in results if r.item.id in by_id]})
    return groups
