"""Rules -> points: each rule of each item judged on the check result, the figures and the school table.

An evidence rule earns its points when every checklist item it names has no missing slot in the
rule's years (each item's own years when the rule names none); a figure rule when its figure
meets its threshold; a share rule earns points × the share of judged schools meeting the
standard (or one of its indicators). Every rule keeps what earned its points (documents,
figures) and, when it falls short, what would raise it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.assessment.figures import FigureResult, evaluate
from archive_builder.core.i18n import language, t, tn
from archive_builder.core.privacy import mask_text

if TYPE_CHECKING:
    from archive_builder.assessment.profile import Area, Criterion, Item, Profile, Rule
    from archive_builder.assessment.standard import StandardTable
    from archive_builder.checking.results import CheckResult, ItemResult, Slot
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.statistics.schools import SchoolRegistry
    from archive_builder.statistics.stats import IndicatorReport

MET, PARTIAL, NOT_MET, UNKNOWN = "met", "partial", "not_met", "unknown"
SHOWN_NAMES = 8  # schools or years named in one hint at most
DIGITS = 4  # totals are reported to this many decimals, so editing one point changes them by exactly that


@dataclass
class EvidenceLink:
    """A document behind a rule: the checklist item it fills and the years it covers."""

    item: str  # checklist item id
    path: str
    title: str
    withheld: bool
    years: list[int] = field(default_factory=list)
    school: str | None = None

    @property
    def shown_path(self) -> str:
        """The path as public outputs show it: personal numbers masked, '' for a withheld document."""

        return "" if self.withheld else mask_text(self.path)[0]

    @property
    def shown_title(self) -> str:

        return "" if self.withheld else mask_text(self.title)[0]

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "path": self.shown_path, "title": self.shown_title,
                "withheld": self.withheld, "years": list(self.years), "school": self.school}


@dataclass
class RuleScore:
    """One rule judged: the points it earned, on what, and how to raise it."""

    rule: Rule
    earned: float
    state: str  # met | partial | not_met | unknown
    evidence: list[EvidenceLink] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)  # the checklist items it read (each kind of a per_kind item)
    figure: FigureResult | None = None
    share: float | None = None
    text: str = ""  # what was found, one sentence
    hints: list[str] = field(default_factory=list)  # what would raise it

    def to_dict(self) -> dict[str, Any]:
        rule = self.rule
        return {"kind": rule.kind, "points": rule.points, "earned": round(self.earned, DIGITS), "state": self.state,
                "evidence_items": list(rule.evidence), "years": list(rule.years) if rule.years else None,
                "figure": self.figure.to_dict() if self.figure else None, "share": self.share,
                "indicator": rule.indicator or None, "basis": rule.basis, "text": self.text,
                "hints": list(self.hints), "documents": [e.to_dict() for e in self.evidence],
                "line": rule.line}


@dataclass
class ItemScore:
    """One item of the method with its rules judged."""

    item: Item
    rules: list[RuleScore]

    @property
    def earned(self) -> float:
        return math.fsum(r.earned for r in self.rules)

    @property
    def points(self) -> float:
        return self.item.points

    @property
    def state(self) -> str:
        return _state(self.earned, self.points, any(r.state == UNKNOWN for r in self.rules))

    @property
    def hints(self) -> list[str]:
        return [hint for rule in self.rules for hint in rule.hints]

    def to_dict(self) -> dict[str, Any]:
        item = self.item
        return {"id": item.id, "number": item.number, "title": item.title, "area": item.area, "basis": item.basis,
                "verified": item.verified, "note": item.note, "points": item.points,
                "earned": round(self.earned, DIGITS), "state": self.state, "line": item.line,
                "rules": [r.to_dict() for r in self.rules]}


@dataclass
class AreaScore:
    """One area's items."""

    area: Area
    items: list[ItemScore]

    @property
    def earned(self) -> float:
        return math.fsum(i.earned for i in self.items)

    @property
    def points(self) -> float:
        return self.area.points

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.area.id, "title": self.area.title, "points": self.points,
                "earned": round(self.earned, DIGITS), "items": [i.to_dict() for i in self.items]}


@dataclass
class CriterionResult:
    """One pass criterion: its figure (or the items' total), the threshold and the verdict."""

    criterion: Criterion
    value: float | None
    passed: bool | None
    text: str
    figure: FigureResult | None = None
    hints: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        c = self.criterion
        threshold = c.threshold or (c.figure.threshold if c.figure else None)
        return {"id": c.id, "title": c.title, "kind": c.kind, "value": self.value, "pass": self.passed,
                "threshold": threshold.to_dict() if threshold else None, "text": self.text, "basis": c.basis,
                "figure": self.figure.to_dict() if self.figure else None, "hints": list(self.hints)}


@dataclass
class Context:
    """What the rules are judged on."""

    config: ArchiveConfig
    year: int
    check: CheckResult | None
    report: IndicatorReport | None
    table: StandardTable | None
    visible: dict[str, bool]  # document path -> may be linked from public pages
    schools: SchoolRegistry | None = None


def score_areas(profile: Profile, ctx: Context) -> list[AreaScore]:
    """Every area, item and rule of the profile, judged."""
    results = {r.item.id: r for r in ctx.check.items} if ctx.check else {}
    return [AreaScore(area, [ItemScore(item, [_rule(rule, ctx, results) for rule in item.rules])
                             for item in area.items]) for area in profile.areas]


def judge_criteria(profile: Profile, ctx: Context, total: float) -> list[CriterionResult]:
    """The pass criteria: each figure for the assessment year, the items' total against its mark."""
    out = []
    for criterion in profile.criteria:
        if criterion.kind == "score":
            assert criterion.threshold is not None
            passed = criterion.threshold.passes(total)
            text = t("assessment.score_text", value=_points(total), op=criterion.threshold.op,
                     target=_points(criterion.threshold.value or 0))
            hints = [] if passed else [t("assessment.raise_score", missing=_points(
                (criterion.threshold.value or 0) - total))]
            out.append(CriterionResult(criterion, round(total, DIGITS), passed, text, hints=hints))
            continue
        assert criterion.figure is not None
        figure = evaluate(criterion.figure, ctx.year, ctx.report, ctx.table)
        value = figure.values[0].value if len(figure.values) == 1 else None
        out.append(CriterionResult(criterion, value, figure.passed, figure.text, figure, _figure_hints(figure)))
    return out


def _rule(rule: Rule, ctx: Context, results: dict[str, ItemResult]) -> RuleScore:
    if rule.kind == "evidence":
        return _evidence(rule, ctx, results)
    if rule.kind == "figure":
        assert rule.figure is not None
        figure = evaluate(rule.figure, ctx.year, ctx.report, ctx.table)
        passed = figure.passed
        state = MET if passed else (UNKNOWN if passed is None else NOT_MET)
        return RuleScore(rule, rule.points if passed else 0.0, state, figure=figure, text=figure.text,
                         hints=_figure_hints(figure))
    return _share(rule, ctx)


def _evidence(rule: Rule, ctx: Context, results: dict[str, ItemResult]) -> RuleScore:
    """Points when every named checklist item is complete for the rule's years."""
    named = _named(rule.evidence, results)
    score = RuleScore(rule, 0.0, MET, checklist=[item_id for item_id, result in named if result is not None])
    found, phrases = 0, []
    for item_id, result in named:
        if result is None:
            score.state = UNKNOWN
            score.hints.append(t("assessment.item_not_checked", id=item_id))
            phrases.append(t("assessment.item_not_checked", id=item_id))
            continue
        missing = [s for s in result.missing_slots if _in_years(s, rule.years)]
        links = _links(result, rule.years, ctx)
        score.evidence.extend(links)
        if missing:
            score.hints.append(_missing_hint(ctx, result, missing))
            phrases.append(tn("assessment.evidence_missing", len(links), item=_item_label(result),
                              what=_missing_what(ctx, missing), documents=len(links)))
        else:
            found += 1
            phrases.append(tn("assessment.evidence_complete", len(links), item=_item_label(result),
                              years=_years_text(rule, result), documents=len(links)))
    complete = score.state != UNKNOWN and found == len(phrases)
    score.earned = rule.points if complete else 0.0
    if score.state != UNKNOWN:
        score.state = MET if complete else (NOT_MET if found == 0 else PARTIAL)
    score.text = "；".join(phrases)
    return score


def _named(ids: tuple[str, ...], results: dict[str, ItemResult]) -> list[tuple[str, ItemResult | None]]:
    """The checklist results a rule names: an item by its id, or every kind of an item written with ``per_kind``."""
    out: list[tuple[str, ItemResult | None]] = []
    for item_id in ids:
        if item_id in results:
            out.append((item_id, results[item_id]))
            continue
        kinds = [(r.item.id, r) for r in results.values() if getattr(r.item, "parent", "") == item_id]
        out.extend(kinds or [(item_id, None)])
    return out


def _years_text(rule: Rule, result: ItemResult) -> str:
    """2014-2017, 2016、2017 or 'any one year': the years a rule asked of a checklist item."""
    years = sorted(set(rule.years) & set(result.item.years)) if rule.years and result.item.years else (
        list(rule.years or result.item.years or ()))
    if not years:
        return t("assessment.any_year")
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]}"
    return "、".join(map(str, years))


def _in_years(slot: Slot, years: tuple[int, ...] | None) -> bool:
    return years is None or slot.year is None or slot.year in years


def _links(result: ItemResult, years: tuple[int, ...] | None, ctx: Context) -> list[EvidenceLink]:
    """The item's evidence documents that count in the rule's years."""
    out = []
    for ev in result.evidence:
        if years is not None and ev.years and not set(ev.years) & set(years):
            continue
        shown = ctx.visible.get(ev.path, False) and not ev.withheld
        out.append(EvidenceLink(result.item.id, ev.path, ev.title if shown else "", not shown,
                                sorted(ev.years), ev.school))
    return out


def _missing_hint(ctx: Context, result: ItemResult, missing: list[Slot]) -> str:
    """``县编办: file 全县教师编制文件 (bianban-staffing) for 2014`` (or for the schools that lack it)."""
    return t("assessment.raise_evidence", department=_dept_name(ctx, result.item.department),
             item=_item_label(result), what=_missing_what(ctx, missing))


def _item_label(result: ItemResult) -> str:
    """An item as a message names it: by title in Chinese (no checklist id), title and id in English."""

    item = result.item
    return f"“{item.title}”" if language() == "zh" else f"{item.title} ({item.id})"


def _missing_what(ctx: Context, missing: list[Slot]) -> str:
    """``for 2014`` or ``for 2 schools: A、B``."""
    schools = sorted({s.school for s in missing if s.school is not None})
    if schools:
        names = [school.name if (school := ctx.schools.by_id(sid) if ctx.schools else None) else sid
                 for sid in schools]
        return tn("assessment.for_schools", len(schools), count=len(schools), names=_some(names))
    years = sorted({s.year for s in missing if s.year is not None})
    return t("assessment.for_years", years="、".join(map(str, years))) if years else t("assessment.any_year")


def _dept_name(ctx: Context, dept_id: str | None) -> str:
    if not dept_id:
        return t("assessment.any_department")
    dept = next((d for d in ctx.config.departments if d.id == dept_id), None)
    return dept.name if dept else dept_id


def _share(rule: Rule, ctx: Context) -> RuleScore:
    """points × the share of judged schools meeting the standard (or one indicator)."""
    table = ctx.table
    if table is None or not table.rows:
        return RuleScore(rule, 0.0, UNKNOWN, text=t("assessment.share_unknown"),
                         hints=[t("assessment.share_unknown")])
    if rule.indicator:
        share = table.share_of(rule.indicator)
        failing = [row.school.name for row in table.rows if row.cells[rule.indicator].state != "met"
                   and row.cells[rule.indicator].state != "na"]
        name = next(i.name for i in table.standard.indicators if i.id == rule.indicator)
    else:
        share = table.share_meeting
        failing = [row.school.name for row in table.rows if not row.meets]
        name = table.standard.title
    earned = rule.points * (share or 0.0)
    state = MET if share == 1 else (NOT_MET if not share else PARTIAL)
    judged = len(table.rows)
    text = tn("assessment.share_text", judged, name=name, met=judged - len(failing), judged=judged,
              share=f"{(share or 0) * 100:.1f}%")
    hints = [tn("assessment.raise_share", len(failing), count=len(failing), names=_some(failing), name=name)] if failing else []
    return RuleScore(rule, earned, state, share=share, text=text, hints=hints)


def _figure_hints(figure: FigureResult) -> list[str]:
    hints = []
    for value in figure.values:
        if value.passed:
            continue
        label = t(f"assessment.figure.{value.name}", year=value.year, level=value.level or "")
        if value.value is None:
            hints.append(t("assessment.raise_unknown_figure", label=label, reason=value.reason))
        elif not value.source:
            hints.append(t("assessment.raise_standard", label=label, value=value.shown, op=value.op,
                           target=value.shown_target))
        else:
            hints.append(t("assessment.raise_figure", label=label, value=value.shown, op=value.op,
                           target=value.shown_target, source=f"content/{value.source}" if value.source else "-"))
    return hints


def _some(names: list[str]) -> str:
    shown = "、".join(names[:SHOWN_NAMES])
    return shown + ("…" if len(names) > SHOWN_NAMES else "")


def _state(earned: float, points: float, unknown: bool) -> str:
    if points and earned >= points - 1e-9:
        return MET
    if unknown and earned == 0:
        return UNKNOWN
    return NOT_MET if earned <= 1e-9 else PARTIAL


def _points(value: float) -> str:
    return f"{round(value, 2):g}"
