"""Indicator targets: each figure of the statistics against its threshold, for the years it is judged on.

The figures come from ``stats.compute_indicators``; every one with a threshold becomes a
TargetResult (``check.py``) beside the evidence: met, not met, no data — or trend, for a year
before the target is due (``due_from``) or one it is not judged on (``judged: assessment_year``
judges only the archive's assessment year). When each target is due, and from which document,
is data: ``checklists/targets.yml`` (the shipped one when the archive has none; format in
docs/checklists.md). Titles are data in the archive's language (Chinese), as checklist titles are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.checking.checklist import ChecklistItem
from archive_builder.checking.results import MET, NO_DATA, NOT_MET, TREND, TargetResult
from archive_builder.core import yamlio
from archive_builder.core.errors import ConfigError, Message, message
from archive_builder.core.i18n import t, t_in, tn
from archive_builder.statistics.stats import COMPOSITE, compute_indicators, load_profiles
from archive_builder.statistics.tables import TABLES, find_table

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Problem
    from archive_builder.statistics.stats import IndicatorReport

DEPARTMENT = "jiaoke"  # 县教科局 answers for every figure
BALANCE_CATEGORY = "biaozhunhua"  # 学校标准化建设: the resources the coefficients measure
QUALITY_CATEGORY = "zhiliang"  # 教育教学水平
TEACHER_CATEGORY = "jiaoshi"  # 教师队伍建设, where the exchange ledger item already lives
LEVEL_SLUGS = {"小学": "primary", "初中": "junior"}
TITLE_LANG = "zh"
TARGETS_FILE = "targets.yml"
#: The targets a targets file may name, each a kind of figure.
TARGET_IDS = ("composite-cv", "indicator-cv", "very-large-classes", "large-classes", "exchange-rate",
              "exchange-backbone", "consolidation", "satisfaction")
JUDGED = ("assessment_year", "every_year")
TARGET_KEYS = ("id", "due_from", "judged", "basis")
#: The statistics pages of the site (indicator_pages.py) that show each kind of figure.
STATS_PAGES = {"very-large-classes": "indicators/class-size.md", "large-classes": "indicators/class-size.md"}


@dataclass(frozen=True)
class TargetRule:
    """When a target applies: from which year, on which years, and the document it comes from."""

    id: str
    due_from: int
    judged: str  # assessment_year | every_year
    basis: str
    file: str = ""
    line: int = 0

    def status_of(self, year: int, assessment_year: int) -> str | None:
        """TREND when ``year`` is not judged, else None (the figure decides)."""
        if year < self.due_from:
            return TREND
        if self.judged == "assessment_year" and year != assessment_year:
            return TREND
        return None


@dataclass(frozen=True)
class Figure:
    """One judged number: the target it measures, its value, its threshold and whether it is met."""

    item: ChecklistItem
    value: float | None
    threshold: float
    op: str  # "≤", "≥" or "="
    passed: bool | None
    shown: str  # the value as printed
    shown_threshold: str
    source: str  # the statistics table, relative to content/
    gaps: tuple[Problem, ...] = ()  # problems in the statistics that leave this figure incomplete
    target: str = ""  # the target's id in targets.yml
    series: str = ""  # the figure across years
    year: int = 0
    page: str = "indicators/targets.md"


def statistics_present(config: ArchiveConfig) -> bool:
    """Whether any statistics table exists under content/data/."""

    return any(find_table(config, stem) is not None for stem in TABLES)


def load_targets(config: ArchiveConfig) -> dict[str, TargetRule]:
    """The archive's checklists/targets.yml (or the shipped one), validated; one ConfigError for every error."""
    import yaml


    path = config.checklists_dir / TARGETS_FILE
    if not path.is_file():
        path = Path(__file__).parents[1] / "checklists" / TARGETS_FILE
        file = f"archive_builder/checklists/{TARGETS_FILE}"
    else:
        file = config.relative(path)
    errors: list[Message] = []
    try:
        data = yamlio.load(path)
    except yaml.YAMLError as exc:
        raise ConfigError(yamlio.file_problem(exc, file, "targets.bad_yaml")) from None
    except UnicodeDecodeError:
        raise ConfigError(message("targets.bad_yaml", file=file, line="?")) from None
    raw = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise ConfigError(message("targets.no_list", file=file, line=yamlio.line_of(data, 1)))
    rules: dict[str, TargetRule] = {}
    for entry in raw:
        rule = _target_rule(entry, file, yamlio.line_of(entry, yamlio.line_of(raw, 1)), errors)
        if rule is not None and rule.id in rules:
            errors.append(message("targets.duplicate", file=file, line=rule.line, id=rule.id))
        elif rule is not None:
            rules[rule.id] = rule
    if errors:
        raise ConfigError(*errors)
    return rules


def _target_rule(entry: Any, file: str, line: int, errors: list[Message]) -> TargetRule | None:
    """One entry of targets.yml, or None after appending its errors."""
    where = {"file": file, "line": line, "id": entry.get("id", "?") if isinstance(entry, dict) else "?"}
    if not isinstance(entry, dict):
        errors.append(message("targets.not_mapping", **where))
        return None
    before = len(errors)
    for key in entry:
        if key not in TARGET_KEYS:
            errors.append(message("targets.unknown_key", **where, field=key, known=", ".join(TARGET_KEYS)))
    if entry.get("id") not in TARGET_IDS:
        errors.append(message("targets.unknown_id", **where, known=", ".join(TARGET_IDS)))
    due = entry.get("due_from")
    if isinstance(due, bool) or not isinstance(due, int) or not 1990 <= due <= 2100:
        errors.append(message("targets.bad_due_from", **where, value=due))
    if entry.get("judged") not in JUDGED:
        errors.append(message("targets.bad_judged", **where, value=entry.get("judged")))
    basis = entry.get("basis")
    if not isinstance(basis, str) or not basis.strip():
        errors.append(message("targets.no_basis", **where))
    if len(errors) > before:
        return None
    return TargetRule(str(entry["id"]), due if isinstance(due, int) else 0, entry["judged"], str(basis).strip(), file, line)


def indicator_results(config: ArchiveConfig, year: int | None = None) -> tuple[list[TargetResult], list[Problem]]:
    """A target result for every figure with a threshold in the archive years, and the problems met reading the tables."""

    if not statistics_present(config):
        return [], []
    rules = load_targets(config)
    report = compute_indicators(config, year=year)
    figures = [f for f in report_figures(report) if f.year in config.years and f.target in rules]
    return [figure_result(f, rules[f.target], config.assessment_year) for f in figures], list(report.problems)


def report_figures(report: IndicatorReport) -> list[Figure]:
    """Every figure of a report that has a target, in report order."""
    return [*_balance(report), *_class_sizes(report), *_exchange(report), *_consolidation(report),
            *_satisfaction(report)]


def figure_result(figure: Figure, rule: TargetRule, assessment_year: int) -> TargetResult:
    """A figure against its target: met, not met, no data, or trend for a year it is not judged on.

    A figure the statistics leave incomplete (a school missing, a column or a cell empty …) is
    never met, whatever its value: it has no data until the problem named first is fixed.
    """
    passed = None if figure.gaps else figure.passed
    status = rule.status_of(figure.year, assessment_year)
    if status is None:
        status = NO_DATA if passed is None else MET if passed else NOT_MET
    if figure.gaps:
        first = figure.gaps[0]
        key = "indicator.incomplete" if figure.value is not None else "indicator.incomplete_no_value"
        message = tn(key, len(figure.gaps), value=figure.shown, count=len(figure.gaps), file=first.path, first=first.message)
    elif figure.passed is None:
        message = t("indicator.no_value")
    elif figure.passed:
        message = t("report.figure", value=figure.shown, op=figure.op, threshold=figure.shown_threshold)
    else:
        key = {"≤": "indicator.not_met_cv", "≥": "indicator.not_met_rate", "=": "indicator.not_met_count"}[figure.op]
        message = t(key, value=figure.shown, threshold=figure.shown_threshold)
    item = ChecklistItem(**{**figure.item.__dict__, "basis": rule.basis})
    return TargetResult(
        item=item, target=figure.target, series=figure.series, year=figure.year, status=status, value=figure.value,
        threshold=figure.threshold, op=figure.op, shown=figure.shown, shown_threshold=figure.shown_threshold,
        source=figure.source, page=figure.page, due_from=rule.due_from, judged=rule.judged, basis=rule.basis,
        message=message, would_pass=passed,
        gaps=[{"path": p.shown_path, "code": p.code, "message": p.message} for p in figure.gaps])


def _item(item_id: str, title: str, year: int, category: str, source: str) -> ChecklistItem:
    """The synthetic item a figure stands for (its id names the year; its title does not)."""
    return ChecklistItem(id=item_id, title=title, department=DEPARTMENT, category=category, years=(year,),
                         file=f"content/{source}" if source else "")


def _series(item_id: str, year: int) -> str:
    """indicator-2016-primary-composite -> primary-composite."""
    return item_id.removeprefix(f"indicator-{year}-")


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

    profile = load_profiles().get(report.profile)
    slugs = {d.name: d.column for d in profile.indicators} if profile else {}
    source = report.sources.get("school_stats", "")
    figures = []
    for row in report.balance:
        if row.threshold is None:
            continue
        level = LEVEL_SLUGS.get(row.level, row.level)
        composite = row.indicator == COMPOSITE
        slug = "composite" if composite else slugs.get(row.indicator, row.indicator).replace("_", "-")
        title = t_in(TITLE_LANG, "indicator.item.cv", level=row.level, indicator=row.indicator,
                     threshold=f"{row.threshold:.2f}")
        item_id = f"indicator-{row.year}-{level}-{slug}"
        item = _item(item_id, title, row.year, BALANCE_CATEGORY, source)
        passed = row.passed if row.complete else (None if row.cv is None else row.cv <= row.threshold)
        figures.append(Figure(item, row.cv, row.threshold, "≤", passed, _cv_text(row.cv, row.threshold),
                              f"{row.threshold:.2f}", source, tuple(row.gaps),
                              target="composite-cv" if composite else "indicator-cv",
                              series=_series(item_id, row.year), year=row.year,
                              page=f"indicators/{row.year}-{level}.md"))
    return figures


def _class_sizes(report: IndicatorReport) -> list[Figure]:
    """Classes of 66+ and of 56+ in the county each year (none allowed once due)."""
    source = report.sources.get("classes", "")
    figures = []
    for row in report.class_size_totals:
        counts = {"very_large": row.very_large, "large": row.large + row.very_large}
        for kind, count in counts.items():
            title = t_in(TITLE_LANG, "indicator.item.none", what=t_in(TITLE_LANG, f"indicator.what.{kind}"))
            target = f"{kind.replace('_', '-')}-classes"
            item_id = f"indicator-{row.year}-{target}"
            figures.append(Figure(_item(item_id, title, row.year, BALANCE_CATEGORY, source), float(count), 0.0,
                                  "=", count == 0, str(count), "0", source, tuple(row.gaps), target=target,
                                  series=target, year=row.year, page=STATS_PAGES[target]))
    return figures


def _rate_figure(item_id: str, target: str, what: str, year: int, value: float | None, threshold: float,
                 passed: bool | None, category: str, source: str, gaps: list[Problem] | None = None) -> Figure:
    """A rate that must reach its target (≥); ``gaps`` leave it incomplete."""
    title = t_in(TITLE_LANG, "indicator.item.rate", what=what, threshold=_percent(threshold))
    item = _item(item_id, title, year, category, source)
    if gaps and value is not None:
        passed = value >= threshold
    return Figure(item, value, threshold, "≥", passed, _percent(value), _percent(threshold), source,
                  tuple(gaps or ()), target=target, series=_series(item_id, year), year=year)


def _exchange(report: IndicatorReport) -> list[Figure]:
    """Teacher exchange: exchanged ÷ eligible ≥ 10 %, backbone/senior ÷ exchanged ≥ 20 %."""
    source = report.sources.get("teacher_exchange", "")
    figures = []
    for row in report.exchange:
        figures.append(_rate_figure(f"indicator-{row.year}-exchange-rate", "exchange-rate",
                                    t_in(TITLE_LANG, "indicator.what.exchange"), row.year, row.rate,
                                    row.rate_threshold, row.rate_pass, TEACHER_CATEGORY, source, row.gaps))
        figures.append(_rate_figure(f"indicator-{row.year}-exchange-backbone", "exchange-backbone",
                                    t_in(TITLE_LANG, "indicator.what.backbone"), row.year, row.backbone_share,
                                    row.backbone_threshold, row.backbone_pass, TEACHER_CATEGORY, source, row.gaps))
    return figures


def _consolidation(report: IndicatorReport) -> list[Figure]:
    """Consolidation rate per year (and level, when the table gives one) ≥ 98.8 %."""
    source = report.sources.get("consolidation", "")
    figures = []
    for row in report.consolidation:
        level = f"-{LEVEL_SLUGS.get(row.level, row.level)}" if row.level else ""
        what = t_in(TITLE_LANG, "indicator.what.consolidation", level=row.level)
        figures.append(_rate_figure(f"indicator-{row.year}{level}-consolidation", "consolidation", what, row.year,
                                    row.rate, row.threshold, row.passed, QUALITY_CATEGORY, source, row.gaps))
    return figures


def _satisfaction(report: IndicatorReport) -> list[Figure]:
    """Public satisfaction per year ≥ 85 %."""
    source = report.sources.get("satisfaction", "")
    return [_rate_figure(f"indicator-{row.year}-satisfaction", "satisfaction",
                         t_in(TITLE_LANG, "indicator.what.satisfaction"), row.year, row.rate, row.threshold,
                         row.passed, QUALITY_CATEGORY, source, row.gaps)
            for row in report.satisfaction]
