"""Indicator thresholds as checklist items: each balance figure met (complete) or not (missing).

The figures come from ``stats.compute_indicators``; every one with a target becomes an
ItemResult beside the document items, so JUnit and the dashboard show "2016 小学综合差异系数
≤ 0.65" failing with its value ("0.71 > 0.65") like a missing document. Item titles are data
in the archive's language (Chinese), as checklist titles are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .check import COMPLETE, MISSING, ItemResult
from .checklist import ChecklistItem
from .i18n import t, t_in

if TYPE_CHECKING:
    from .config import ArchiveConfig
    from .model import Problem
    from .stats import IndicatorReport

DEPARTMENT = "jiaoke"  # 县教科局 answers for every figure
BALANCE_CATEGORY = "biaozhunhua"  # 学校标准化建设: the resources the coefficients measure
QUALITY_CATEGORY = "zhiliang"  # 教育教学水平
TEACHER_CATEGORY = "jiaoshi"  # 教师队伍建设, where the exchange ledger item already lives
LEVEL_SLUGS = {"小学": "primary", "初中": "junior"}
#: Class-size targets (运政发〔2017〕42号): no class of 66+ from 2018, none of 56+ from 2020.
#: Earlier years are shown as recommended items: the trend, without failing the check.
CLASS_SIZE_DEADLINES = {"very_large": 2018, "large": 2020}
TITLE_LANG = "zh"


@dataclass(frozen=True)
class Figure:
    """One judged number: the item it becomes, its value, its target and whether it is met."""

    item: ChecklistItem
    value: float | None
    threshold: float
    op: str  # "≤", "≥" or "="
    passed: bool | None
    shown: str  # the value as printed
    shown_threshold: str
    source: str  # the statistics table, relative to content/
    gaps: tuple[Problem, ...] = ()  # problems in the statistics that leave this figure incomplete


def statistics_present(config: ArchiveConfig) -> bool:
    """Whether any statistics table exists under content/data/."""
    from .stats import TABLES, find_table

    return any(find_table(config, stem) is not None for stem in TABLES)


def indicator_results(config: ArchiveConfig, year: int | None = None) -> tuple[list[ItemResult], list[Problem]]:
    """Item results for every figure with a target in the archive years, and the problems met reading the tables."""
    from .stats import compute_indicators

    if not statistics_present(config):
        return [], []
    report = compute_indicators(config, year=year)
    figures = [f for f in report_figures(report) if f.item.years and f.item.years[0] in config.years]
    return [figure_result(f) for f in figures], list(report.problems)


def report_figures(report: IndicatorReport) -> list[Figure]:
    """Every figure of a report that has a target, in report order."""
    return [*_balance(report), *_class_sizes(report), *_exchange(report), *_consolidation(report),
            *_satisfaction(report)]


def figure_result(figure: Figure) -> ItemResult:
    """A figure as an item result: complete when met, missing (with the figure) otherwise.

    A figure the statistics leave incomplete (a school missing, a column or a cell empty …) is
    never met, whatever its value: the item is missing and says which problem to fix first.
    """
    passed = figure.passed and not figure.gaps
    status = COMPLETE if passed else MISSING
    if figure.gaps:
        first = figure.gaps[0]
        key = "indicator.incomplete" if figure.value is not None else "indicator.incomplete_no_value"
        message = t(key, value=figure.shown, count=len(figure.gaps), file=first.path, first=first.message)
    elif figure.passed is None:
        message = t("indicator.no_value")
    elif figure.passed:
        message = t("report.figure", value=figure.shown, op=figure.op, threshold=figure.shown_threshold)
    else:
        key = {"≤": "indicator.not_met_cv", "≥": "indicator.not_met_rate", "=": "indicator.not_met_count"}[figure.op]
        message = t(key, value=figure.shown, threshold=figure.shown_threshold)
    detail: dict[str, Any] = {
        "kind": "indicator", "value": figure.value, "threshold": figure.threshold, "op": figure.op,
        "passed": None if figure.gaps else figure.passed, "message": message, "source": figure.source,
        "shown": figure.shown, "shown_threshold": figure.shown_threshold,
        "complete": not figure.gaps, "gaps": [{"path": p.path, "code": p.code, "message": p.message}
                                              for p in figure.gaps],
    }
    return ItemResult(figure.item, status, 1, 1 if passed else 0, detail=detail)


def _item(item_id: str, title: str, year: int, category: str, basis: str, source: str,
          severity: str = "required") -> ChecklistItem:
    """The synthetic checklist item a figure stands for."""
    return ChecklistItem(id=item_id, title=title, department=DEPARTMENT, category=category, years=(year,),
                         severity=severity, basis=basis, file=f"content/{source}" if source else "")


def _cv_text(value: float | None, threshold: float) -> str:
    """A coefficient with enough digits to tell it from its threshold (0.71, or 0.651 against 0.65)."""
    if value is None:
        return "-"
    for digits in (2, 3, 4):
        text = f"{value:.{digits}f}"
        if float(text) != threshold or digits == 4:
            return text
    return f"{value:.4f}"  # pragma: no cover - the loop always returns


def _percent(value: float | None) -> str:
    """0.0851 -> 8.5%; 0.988 -> 98.8%."""
    return "-" if value is None else f"{value * 100:.1f}%".replace(".0%", "%")


def _balance(report: IndicatorReport) -> list[Figure]:
    """Each difference coefficient with a threshold: the composite (basic-2012) or every indicator (quality-2017)."""
    from .stats import COMPOSITE, load_profiles

    profile = load_profiles().get(report.profile)
    slugs = {d.name: d.column for d in profile.indicators} if profile else {}
    source = report.sources.get("school_stats", "")
    figures = []
    for row in report.balance:
        if row.threshold is None:
            continue
        level = LEVEL_SLUGS.get(row.level, row.level)
        slug = "composite" if row.indicator == COMPOSITE else slugs.get(row.indicator, row.indicator).replace("_", "-")
        title = t_in(TITLE_LANG, "indicator.item.cv", year=row.year, level=row.level, indicator=row.indicator,
                     threshold=f"{row.threshold:.2f}")
        item = _item(f"indicator-{row.year}-{level}-{slug}", title, row.year, BALANCE_CATEGORY,
                     t_in(TITLE_LANG, "indicator.basis.cv", profile=report.profile_title), source)
        passed = row.passed if row.complete else (None if row.cv is None else row.cv <= row.threshold)
        figures.append(Figure(item, row.cv, row.threshold, "≤", passed, _cv_text(row.cv, row.threshold),
                              f"{row.threshold:.2f}", source, tuple(row.gaps)))
    return figures


def _class_sizes(report: IndicatorReport) -> list[Figure]:
    """Classes of 66+ and of 56+ in the county each year, against their deadlines."""
    source = report.sources.get("classes", "")
    figures = []
    for row in report.class_size_totals:
        counts = {"very_large": row.very_large, "large": row.large + row.very_large}
        for kind, count in counts.items():
            deadline = CLASS_SIZE_DEADLINES[kind]
            what = t_in(TITLE_LANG, f"indicator.what.{kind}")
            if row.year >= deadline:
                title = f"{row.year} {what} = 0"
            else:
                title = t_in(TITLE_LANG, "indicator.item.none", year=row.year, what=what, deadline=deadline)
            item = _item(f"indicator-{row.year}-{kind.replace('_', '-')}-classes", title, row.year, BALANCE_CATEGORY,
                         t_in(TITLE_LANG, "indicator.basis.class_size"), source,
                         severity="required" if row.year >= deadline else "recommended")
            figures.append(Figure(item, float(count), 0.0, "=", count == 0, str(count), "0", source,
                                  tuple(row.gaps)))
    return figures


def _rate_figure(item_id: str, what: str, year: int, value: float | None, threshold: float, passed: bool | None,
                 category: str, basis: str, source: str, gaps: list[Problem] | None = None) -> Figure:
    """A rate that must reach its target (≥); ``gaps`` leave it incomplete."""
    title = t_in(TITLE_LANG, "indicator.item.rate", year=year, what=what, threshold=_percent(threshold))
    item = _item(item_id, title, year, category, t_in(TITLE_LANG, basis), source)
    if gaps and value is not None:
        passed = value >= threshold
    return Figure(item, value, threshold, "≥", passed, _percent(value), _percent(threshold), source,
                  tuple(gaps or ()))


def _exchange(report: IndicatorReport) -> list[Figure]:
    """Teacher exchange: exchanged ÷ eligible ≥ 10 %, backbone/senior ÷ exchanged ≥ 20 %."""
    source = report.sources.get("teacher_exchange", "")
    figures = []
    for row in report.exchange:
        figures.append(_rate_figure(f"indicator-{row.year}-exchange-rate", t_in(TITLE_LANG, "indicator.what.exchange"),
                                    row.year, row.rate, row.rate_threshold, row.rate_pass, TEACHER_CATEGORY,
                                    "indicator.basis.exchange", source, row.gaps))
        figures.append(_rate_figure(f"indicator-{row.year}-exchange-backbone",
                                    t_in(TITLE_LANG, "indicator.what.backbone"), row.year, row.backbone_share,
                                    row.backbone_threshold, row.backbone_pass, TEACHER_CATEGORY,
                                    "indicator.basis.exchange", source, row.gaps))
    return figures


def _consolidation(report: IndicatorReport) -> list[Figure]:
    """Consolidation rate per year (and level, when the table gives one) ≥ 98.8 %."""
    source = report.sources.get("consolidation", "")
    figures = []
    for row in report.consolidation:
        level = f"-{LEVEL_SLUGS.get(row.level, row.level)}" if row.level else ""
        what = t_in(TITLE_LANG, "indicator.what.consolidation", level=row.level)
        figures.append(_rate_figure(f"indicator-{row.year}{level}-consolidation", what, row.year, row.rate,
                                    row.threshold, row.passed, QUALITY_CATEGORY, "indicator.basis.consolidation",
                                    source, row.gaps))
    return figures


def _satisfaction(report: IndicatorReport) -> list[Figure]:
    """Public satisfaction per year ≥ 85 %."""
    source = report.sources.get("satisfaction", "")
    return [_rate_figure(f"indicator-{row.year}-satisfaction", t_in(TITLE_LANG, "indicator.what.satisfaction"),
                         row.year, row.rate, row.threshold, row.passed, QUALITY_CATEGORY,
                         "indicator.basis.satisfaction", source, row.gaps)
            for row in report.satisfaction]
