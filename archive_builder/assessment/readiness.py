"""Readiness: the one orchestrator of the assessment, and the value every output is made from."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.assessment import profile as profiles
from archive_builder.assessment import timeline as timelines
from archive_builder.assessment.scoring import DIGITS, AreaScore, Context, CriterionResult, judge_criteria, score_areas
from archive_builder.assessment.standard import school_table
from archive_builder.assessment.timeline import timeline_status
from archive_builder.checking.targets import statistics_present
from archive_builder.core.errors import ConfigError, Message
from archive_builder.core.i18n import t, tn
from archive_builder.core.model import Problem
from archive_builder.review.policy import visible
from archive_builder.statistics.stats import compute_indicators

if TYPE_CHECKING:
    from archive_builder.assessment.profile import Profile
    from archive_builder.assessment.standard import StandardTable
    from archive_builder.assessment.timeline import Timeline, TimelineStatus
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Inventory
    from archive_builder.statistics.schools import SchoolRegistry
    from archive_builder.statistics.stats import IndicatorReport

_UNSET: Any = object()


@dataclass
class Readiness:
    """Will the county pass: the criteria, the scored items, the school table, the timeline."""

    profile: Profile
    year: int
    criteria: list[CriterionResult]
    areas: list[AreaScore]
    table: StandardTable | None = None
    timeline: TimelineStatus | None = None
    problems: list[Problem] = field(default_factory=list)
    report: IndicatorReport | None = None
    check: CheckResult | None = None
    departments: dict[str, str] = field(default_factory=dict)  # department id -> name

    @property
    def total(self) -> float:
        """The items' points earned, to DIGITS decimals."""
        return round(math.fsum(area.earned for area in self.areas), DIGITS)

    @property
    def points(self) -> float:
        return self.profile.points

    @property
    def passed(self) -> bool:
        """Every criterion met (a criterion that cannot be judged is not met)."""
        return bool(self.criteria) and all(c.passed is True for c in self.criteria)

    @property
    def items(self) -> list[Any]:
        return [item for area in self.areas for item in area.items]

    @property
    def verdict(self) -> str:
        """Ready, or how many criteria are not met, in the current language."""
        failing = sum(c.passed is not True for c in self.criteria)
        return t("assess.ready") if self.passed else tn("assess.not_ready", failing, count=failing)

    def to_dict(self) -> dict[str, Any]:
        p = self.profile
        return {
            "profile": {"id": p.id, "title": p.title, "file": p.file, "source": p.source, "note": p.note,
                        "verified": p.verified, "pass_mark": p.pass_mark, "total": p.total},
            "year": self.year, "pass": self.passed, "total": self.total, "points": self.points,
            "criteria": [c.to_dict() for c in self.criteria],
            "areas": [a.to_dict() for a in self.areas],
            "school_standard": self.table.to_dict() if self.table else None,
            "timeline": self.timeline.to_dict() if self.timeline else None,
            "problems": [problem.to_dict() for problem in self.problems],
        }




def checklist_ids(items: list[Any]) -> set[str]:
    """Ids a profile or timeline may name: every item's, and the written id of items expanded per kind."""
    return {i.id for i in items} | {parent for i in items if (parent := getattr(i, "parent", ""))}


def load_assessment(config: ArchiveConfig, profile: str | None,
                    checklist_ids: set[str]) -> tuple[Profile, Timeline | None]:
    """The profile and the timeline, validated together and against the checklists; one ConfigError for all."""

    errors: list[Message] = []
    loaded = timeline = None
    try:
        loaded = profiles.load_profile(config, profile)
        profiles.check_references(loaded, checklist_ids)
    except ConfigError as exc:
        errors.extend(exc.messages)
    try:
        timeline = timelines.load_timeline(config)
        if timeline is not None:
            timelines.check_references(timeline, checklist_ids)
    except ConfigError as exc:
        errors.extend(exc.messages)
    if errors or loaded is None:
        raise ConfigError(*errors)
    return loaded, timeline


def assess_inventory(config: ArchiveConfig, inventory: Inventory, check: CheckResult | None,
                     schools: SchoolRegistry, *, profile: Profile | None = None, timeline: Any = _UNSET,
                     year: int | None = None, as_of: dt.date | None = None,
                     include_internal: bool = False) -> Readiness:
    """The assessment of a scanned and checked archive (the site build holds both already)."""

    if profile is None or timeline is _UNSET:
        ids = checklist_ids([r.item for r in check.items]) if check else set()
        loaded, loaded_timeline = load_assessment(config, profile.id if profile else None, ids)
        profile = profile or loaded
        timeline = loaded_timeline if timeline is _UNSET else timeline
    year = year or (timeline.year if timeline else None) or profile.year or max(config.years)
    # Gather: the statistics, the school table, the documents that may be linked.
    report = _indicators(config, profile)
    table = (school_table(config, profile.standard, year, schools, check, inventory.documents)
             if profile.standard else None)
    shown = {doc.path: visible(doc, include_internal) for doc in inventory.documents}
    # Score the items, then judge the criteria on the total and the figures.
    ctx = Context(config, year, check, report, table, shown, schools)
    areas = score_areas(profile, ctx)
    total = math.fsum(area.earned for area in areas)
    criteria = judge_criteria(profile, ctx, round(total, DIGITS))
    status = timeline_status(timeline, check, inventory.documents, as_of) if timeline else None
    problems = [*profile.warnings, *(table.problems if table else []), *(status.problems() if status else [])]
    return Readiness(profile, year, criteria, areas, table, status, problems, report, check,
                     {d.id: d.name for d in config.departments})


def _indicators(config: ArchiveConfig, profile: Profile) -> IndicatorReport | None:
    """The indicator report of the profile's indicator set, when the archive has statistics."""

    if not statistics_present(config):
        return None
    return compute_indicators(config, profile=profile.indicators or None)
