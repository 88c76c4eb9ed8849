"""The numbers a profile may judge, taken from the indicator report and the school standard table.

Each figure name says what it reads; per-level figures give one value per 学段 (小学, 初中), judged
against the threshold for that level. A figure the statistics cannot give (no table, no row for
the year, a gap in the table) is not judged: its value is None and its reason says the fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import t
from archive_builder.statistics.stats import COMPOSITE

if TYPE_CHECKING:
    from archive_builder.assessment.profile import FigureRef
    from archive_builder.assessment.standard import StandardTable
    from archive_builder.statistics.stats import IndicatorReport

#: name -> (format, per level, the statistics table it comes from)
FIGURES: dict[str, tuple[str, bool, str]] = {
    "composite": ("cv", True, "school_stats"),
    "indicator_cv": ("cv", True, "school_stats"),
    "satisfaction": ("rate", False, "satisfaction"),
    "exchange_rate": ("rate", False, "teacher_exchange"),
    "exchange_backbone": ("rate", False, "teacher_exchange"),
    "consolidation": ("rate", True, "consolidation"),
    "very_large_classes": ("count", False, "classes"),
    "large_classes": ("count", False, "classes"),
    "standard_score": ("score", False, ""),
    "standard_share": ("rate", False, ""),
}
LEVELS = ("小学", "初中")


def suggest_figure(name: str) -> str:
    """The closest figure names, else all of them."""
    close = difflib.get_close_matches(name, list(FIGURES), n=3, cutoff=0.4)
    return ", ".join(close or FIGURES)


@dataclass
class FigureValue:
    """One judged number (for one level of a per-level figure)."""

    name: str
    year: int
    level: str | None
    value: float | None
    target: float | None
    op: str
    passed: bool | None
    source: str = ""  # statistics table, relative to content/ ('' for the school standard)
    reason: str = ""  # why it was not judged (a sentence with the fix)
    detail: str = ""  # e.g. the indicator with the widest spread

    @property
    def shown(self) -> str:
        return show(self.name, self.value)

    @property
    def shown_target(self) -> str:
        return show(self.name, self.target, target=True)

    @property
    def text(self) -> str:
        """``2017 小学: 0.412 ≤ 0.65`` in the current language."""
        label = t(f"assessment.figure.{self.name}", year=self.year, level=self.level or "")
        if self.value is None:
            return t("assessment.figure_unknown", label=label, reason=self.reason)
        return t("assessment.figure_text", label=label, value=self.shown, op=self.op, target=self.shown_target,
                 detail=f"（{self.detail}）" if self.detail else "")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "year": self.year, "level": self.level, "value": self.value,
                "target": self.target, "op": self.op, "pass": self.passed, "shown": self.shown,
                "source": self.source, "reason": self.reason, "detail": self.detail, "text": self.text}


@dataclass
class FigureResult:
    """A profile's figure reference, judged: every level must pass."""

    ref: FigureRef
    values: list[FigureValue] = field(default_factory=list)

    @property
    def passed(self) -> bool | None:
        verdicts = [v.passed for v in self.values]
        if not verdicts or any(v is None for v in verdicts):
            return None
        return all(verdicts)

    @property
    def text(self) -> str:
        return "；".join(v.text for v in self.values)

    @property
    def sources(self) -> list[str]:
        return sorted({v.source for v in self.values if v.source})

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.ref.name, "pass": self.passed, "values": [v.to_dict() for v in self.values]}


def show(name: str, value: float | None, target: bool = False) -> str:
    """A figure as people write it: 0.412, 86.5%, 3, 96.75 (targets as the policy writes them: 0.65, 85%)."""
    if value is None:
        return "-"
    kind = FIGURES.get(name, ("score", False, ""))[0]
    if kind == "cv":
        return f"{value:.2f}" if target else f"{value:.3f}"
    if kind == "rate":
        text = f"{value * 100:.1f}"
        return (text[:-2] if target and text.endswith(".0") else text) + "%"
    if kind == "count":
        return f"{value:.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def evaluate(ref: FigureRef, year: int, report: IndicatorReport | None,
             standard: StandardTable | None) -> FigureResult:
    """One figure reference for the assessment year (or the year the reference names)."""
    year = ref.year or year
    result = FigureResult(ref)
    raw = _standard_values(ref.name, standard) if ref.name.startswith("standard_") else _report_values(
        ref.name, year, report)
    _, per_level, stem = FIGURES[ref.name]
    source = report.sources.get(stem, "") if report is not None and stem else ""
    wanted = [level for level, _ in ref.threshold.levels] if ref.threshold.levels else []
    for level in wanted:
        if per_level and level not in {lv for lv, *_ in raw}:
            raw.append((level, None, _no_data(stem, year, report, level), ""))
    if not raw:
        raw.append((None, None, _no_data(stem, year, report, None), ""))
    for level, value, reason, detail in raw:
        target = ref.threshold.for_level(level)
        passed = ref.threshold.passes(value, level) if not reason else None
        if target is None and value is not None and not reason:
            reason = t("assessment.no_target", level=level or "-")
        result.values.append(FigureValue(ref.name, year, level, None if reason and value is None else value,
                                         target, ref.threshold.op, passed, source, reason, detail))
    return result


def _no_data(stem: str, year: int, report: IndicatorReport | None, level: str | None) -> str:
    """Why there is no figure: no statistics at all, or no row for the year (and level)."""
    if not stem:
        return t("assessment.no_standard_table")
    unreadable = _unreadable_source(stem, report)
    if unreadable:
        return t("assessment.unreadable_table", table=f"content/{unreadable}")
    if report is None or stem not in report.sources:
        return t("assessment.no_table", table=f"content/data/{stem}.csv")
    return t("assessment.no_row", table=f"content/{report.sources[stem]}", year=year,
             level=f" {level}" if level else "")


def _unreadable_source(stem: str, report: IndicatorReport | None) -> str:
    """The file of table ``stem`` when it is there but could not be read (its own problem says why), else ""."""
    for problem in report.problems if report is not None else []:
        source = str(problem.params.get("file", ""))
        if problem.code == "stats.unreadable" and source.rsplit("/", 1)[-1].rsplit(".", 1)[0] == stem:
            return source
    return ""


def _gaps(gaps: list[Any]) -> str:
    """The first gap behind a figure that cannot be judged, as its message."""
    if not gaps:
        return ""
    first = gaps[0]
    key = "assessment.figure_gap_more" if len(gaps) > 1 else "assessment.figure_gap"
    return t(key, problem=t(first.code, **first.params), path=first.path, more=len(gaps) - 1)


def _report_values(name: str, year: int, report: IndicatorReport | None) -> list[tuple[Any, ...]]:
    """(level, value, reason, detail) tuples of one figure from the indicator report."""
    if report is None:
        return []

    if name == "composite":
        return [(r.level, r.cv, _gaps(r.gaps), "") for r in report.balance
                if r.year == year and r.indicator == COMPOSITE]
    if name == "indicator_cv":
        return _widest(report, year)
    if name == "satisfaction":
        return [(None, r.rate, _gaps(r.gaps), "") for r in report.satisfaction if r.year == year]
    if name == "exchange_rate":
        return [(None, r.rate, _gaps(r.gaps), "") for r in report.exchange if r.year == year]
    if name == "exchange_backbone":
        return [(None, r.backbone_share, _gaps(r.gaps), "") for r in report.exchange if r.year == year]
    if name == "consolidation":
        return [(r.level or None, r.rate, _gaps(r.gaps), "") for r in report.consolidation if r.year == year]
    if name in ("very_large_classes", "large_classes"):
        return [(None, float(r.very_large if name == "very_large_classes" else r.large + r.very_large),
                 _gaps(r.gaps), "") for r in report.class_size_totals if r.year == year]
    return []


def _widest(report: IndicatorReport, year: int) -> list[tuple[Any, ...]]:
    """Per level, the largest single-indicator coefficient (every one must be within the threshold)."""

    out: list[tuple[Any, ...]] = []
    for level in LEVELS:
        rows = [r for r in report.balance if r.year == year and r.level == level and r.indicator != COMPOSITE]
        if not rows:
            continue
        unknown = [r for r in rows if r.cv is None or r.gaps]
        if unknown:
            reason = _gaps(unknown[0].gaps) or t("assessment.indicator_unknown", indicator=unknown[0].indicator)
            out.append((level, None, reason, ""))
            continue
        worst = max(rows, key=lambda r: r.cv or 0.0)
        out.append((level, worst.cv, "", worst.indicator))
    return out


def _standard_values(name: str, table: StandardTable | None) -> list[tuple[Any, ...]]:
    if table is None:
        return []
    value = table.score if name == "standard_score" else table.share_meeting
    reason = "" if value is not None else t("assessment.standard_no_value", standard=table.standard.file)
    return [(None, value, reason, "")]
