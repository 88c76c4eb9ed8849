"""Scoring profiles as data: criteria, areas → items → rules → points, each with its source.

A profile file (``checklists/assessment/<name>.yml``; the format is in docs/assessment.md)::

    id: basic-2012
    title: 县域义务教育发展基本均衡督导评估（教督〔2012〕3号）
    indicators: basic-2012            # the 差异系数 profile of `archive-builder indicators`
    standard: school-standard-shanxi  # the school standard (a file of the same folder)
    pass_mark: 85                     # the items' total the county government needs
    total: 100                        # the method's full marks (a warning when the items add up otherwise)
    criteria:
      - {id: balance, title: 综合差异系数, figure: {name: composite, at_most: {小学: 0.65, 初中: 0.55}}}
      - {id: government, title: 县级人民政府推进义务教育均衡发展工作, score: {at_least: 85}}
    areas:
      - id: access
        title: 入学机会
        items:
          - id: access-migrant
            title: 进城务工人员随迁子女就学
            basis: 教督〔2012〕3号 附件 第1项
            rules:
              - {points: 5, evidence: [jiaoke-enrolment-rosters], years: 2015-2017}

A rule awards its points for evidence (every named checklist item complete for the years it
names), for a figure meeting its threshold, or in proportion to the share of schools meeting the
standard (``share: {}``, or ``share: {indicator: ID}`` for one indicator). Every error names the
file and the line; all of them are reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.assessment import files
from archive_builder.assessment.figures import FIGURES, suggest_figure
from archive_builder.assessment.source import Source, Threshold, list_of
from archive_builder.assessment.standard_def import StandardDef, parse_standard
from archive_builder.core import yamlio
from archive_builder.core.errors import ConfigError, message
from archive_builder.core.model import Problem
from archive_builder.statistics.tables import FIELDS

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Problem

FILE_KEYS = ("id", "title", "source", "indicators", "standard", "pass_mark", "total", "year", "criteria", "areas",
             "note", "verified")
CRITERION_KEYS = ("id", "title", "figure", "score", "basis", "note")
AREA_KEYS = ("id", "title", "items", "points", "note")
ITEM_KEYS = ("id", "number", "title", "points", "rules", "basis", "verified", "note")
RULE_KEYS = ("points", "evidence", "years", "figure", "share", "basis", "note")
FIGURE_KEYS = ("name", "at_least", "at_most", "equals", "year")
SHARE_KEYS = ("indicator",)
RULE_KINDS = ("evidence", "figure", "share")


@dataclass(frozen=True)
class FigureRef:
    """A number the profile judges: a figure name, its threshold and the year (None: the assessment year)."""

    name: str
    threshold: Threshold
    year: int | None = None


@dataclass(frozen=True)
class Rule:
    """How some of an item's points are earned."""

    kind: str  # evidence | figure | share
    points: float
    evidence: tuple[str, ...] = ()  # checklist item ids
    years: tuple[int, ...] | None = None  # evidence years (None: each checklist item's own)
    figure: FigureRef | None = None
    indicator: str = ""  # share: one indicator of the standard ('' : the whole standard)
    basis: str = ""
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Item:
    """One of the method's items: its rules and where it comes from."""

    id: str
    title: str
    area: str
    rules: tuple[Rule, ...]
    number: str = ""  # as the method numbers it (1-17)
    basis: str = ""
    verified: bool = False  # the point values were checked against the primary text
    note: str = ""
    line: int = 0

    @property
    def points(self) -> float:
        return sum(rule.points for rule in self.rules)


@dataclass(frozen=True)
class Area:
    """One area of the method (入学机会 …) and its items."""

    id: str
    title: str
    items: tuple[Item, ...]
    note: str = ""
    line: int = 0

    @property
    def points(self) -> float:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class Criterion:
    """One of the method's pass criteria: a figure against a threshold, or the items' total against one."""

    id: str
    title: str
    kind: str  # figure | score
    figure: FigureRef | None = None
    threshold: Threshold | None = None  # score: the total needed
    basis: str = ""
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Profile:
    """A whole scoring profile, validated."""

    id: str
    title: str
    file: str
    source: str = ""
    indicators: str = ""  # indicator profile name for stats.compute_indicators
    standard: StandardDef | None = None
    pass_mark: float | None = None
    total: float | None = None
    year: int | None = None
    criteria: tuple[Criterion, ...] = ()
    areas: tuple[Area, ...] = ()
    note: str = ""
    verified: bool = False
    warnings: tuple[Problem, ...] = field(default=())  # what is odd but does not stop the run

    @property
    def items(self) -> list[Item]:
        return [item for area in self.areas for item in area.items]

    @property
    def points(self) -> float:
        return sum(area.points for area in self.areas)


def load_profile(config: ArchiveConfig, name: str | None = None) -> Profile:
    """The profile ``name`` (a name or a file; default: the archive's indicator profile), validated.

    Raises one ConfigError listing every error of the profile and of its standard, each with file and line.
    """

    path, shown = files.find(config, name or config.indicator_profile, "profile")
    src = Source(shown)
    data = src.load(path)
    profile = _parse(config, src, data, FIELDS) if data is not None else None
    if src.errors or profile is None:
        raise ConfigError(*src.errors) if src.errors else ConfigError(message("config.bad_file", file=shown))
    return profile


def _parse(config: ArchiveConfig, src: Source, data: Any, fields: tuple[str, ...]) -> Profile | None:
    what = "profile"
    raw = src.mapping(data, 1, what)
    if raw is None:
        return None
    line = yamlio.line_of(raw, 1)
    src.known_keys(raw, FILE_KEYS, line, what)
    standard = _standard(config, src, raw, line, fields)
    areas = tuple(area for entry in list_of(src, raw, "areas", line, what, required=False)
                  if (area := _area(src, entry, yamlio.line_of(entry, line), standard)) is not None)
    criteria = tuple(c for entry in list_of(src, raw, "criteria", line, what)
                     if (c := _criterion(src, entry, yamlio.line_of(entry, line), standard, bool(areas))) is not None)
    _unique_ids(src, [*criteria, *areas, *(item for area in areas for item in area.items)])
    year = src.years(raw, "year", line, what)
    profile = Profile(
        id=src.ident(raw, line, what), title=src.text(raw, "title", line, what), file=src.file,
        source=src.text(raw, "source", line, what, required=False),
        indicators=src.text(raw, "indicators", line, what, required=False),
        standard=standard, pass_mark=src.number(raw, "pass_mark", line, what, required=False),
        total=src.number(raw, "total", line, what, required=False),
        year=year[0] if year and len(year) == 1 else None, criteria=criteria, areas=areas,
        note=src.text(raw, "note", line, what, required=False),
        verified=src.flag(raw, "verified", line, what, False),
    )
    if year and len(year) != 1:
        src.error("assessment.bad_year", src.line_for(raw, "year", line), value=raw.get("year"))
    return _with_warnings(profile, src)


def _with_warnings(profile: Profile, src: Source) -> Profile:
    """Warnings: the items' points do not add up to the declared total."""
    from dataclasses import replace


    if profile.total is not None and profile.areas and abs(profile.points - profile.total) > 1e-9:
        warning = Problem(src.file, "warning", "assessment.total_differs",
                          {"points": _num(profile.points), "total": _num(profile.total)})
        return replace(profile, warnings=(warning,))
    return profile


def _num(value: float) -> str:
    return f"{value:g}"


def _standard(config: ArchiveConfig, src: Source, raw: dict[str, Any], line: int,
              fields: tuple[str, ...]) -> StandardDef | None:
    """The standard the profile names, read from its own file (its errors join the profile's)."""
    name = src.text(raw, "standard", line, "profile", required=False)
    if not name:
        return None
    try:
        path, shown = files.find(config, name, "standard")
    except ConfigError as exc:
        src.errors.extend(message("config.at_line", file=src.file, line=line, detail=inner) for inner in exc.messages)
        return None
    std_src = Source(shown)
    data = std_src.load(path)
    standard = parse_standard(std_src, data, fields) if data is not None else None
    src.errors.extend(std_src.errors)
    return standard


def _criterion(src: Source, raw: Any, line: int, standard: StandardDef | None, has_items: bool) -> Criterion | None:
    what = "criterion"
    raw = src.mapping(raw, line, what)
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, CRITERION_KEYS, line, what)
    common: dict[str, Any] = {"id": src.ident(raw, line, what), "title": src.text(raw, "title", line, what),
              "basis": src.text(raw, "basis", line, what, required=False),
              "note": src.text(raw, "note", line, what, required=False), "line": line}
    if ("figure" in raw) == ("score" in raw):
        src.error("assessment.criterion_kind", line, id=common["id"] or "?")
        return None
    if "figure" in raw:
        figure = _figure(src, raw["figure"], line, standard)
        criterion = Criterion(kind="figure", figure=figure, **common)
    else:
        score = src.mapping(raw["score"], line, "score")
        threshold = src.threshold(score, line, "score") if score is not None else None
        if not has_items:
            src.error("assessment.score_without_items", line, id=common["id"] or "?")
        criterion = Criterion(kind="score", threshold=threshold, **common)
    return criterion if len(src.errors) == before else None


def _area(src: Source, raw: Any, line: int, standard: StandardDef | None) -> Area | None:
    what = "area"
    raw = src.mapping(raw, line, what)
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, AREA_KEYS, line, what)
    ident = src.ident(raw, line, what)
    items = tuple(item for entry in list_of(src, raw, "items", line, what)
                  if (item := _item(src, entry, yamlio.line_of(entry, line), ident, standard)) is not None)
    area = Area(id=ident, title=src.text(raw, "title", line, what), items=items,
                note=src.text(raw, "note", line, what, required=False), line=line)
    declared = src.number(raw, "points", line, what, required=False)
    if declared is not None and abs(declared - area.points) > 1e-9:
        src.error("assessment.points_differ", line, what=what, id=ident, declared=_num(declared),
                  total=_num(area.points))
    return area if len(src.errors) == before else None


def _item(src: Source, raw: Any, line: int, area: str, standard: StandardDef | None) -> Item | None:
    what = "item"
    raw = src.mapping(raw, line, what)
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, ITEM_KEYS, line, what)
    ident = src.ident(raw, line, what)
    rules = tuple(rule for entry in list_of(src, raw, "rules", line, what)
                  if (rule := _rule(src, entry, yamlio.line_of(entry, line), standard)) is not None)
    item = Item(id=ident, title=src.text(raw, "title", line, what), area=area, rules=rules,
                number=src.text(raw, "number", line, what, required=False),
                basis=src.text(raw, "basis", line, what, required=False),
                verified=src.flag(raw, "verified", line, what, False),
                note=src.text(raw, "note", line, what, required=False), line=line)
    declared = src.number(raw, "points", line, what, required=False)
    if declared is not None and abs(declared - item.points) > 1e-9:
        src.error("assessment.points_differ", line, what=what, id=ident, declared=_num(declared),
                  total=_num(item.points))
    return item if len(src.errors) == before else None


def _rule(src: Source, raw: Any, line: int, standard: StandardDef | None) -> Rule | None:
    what = "rule"
    raw = src.mapping(raw, line, what)
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, RULE_KEYS, line, what)
    kinds = [kind for kind in RULE_KINDS if kind in raw]
    points = src.number(raw, "points", line, what)
    if len(kinds) != 1:
        src.error("assessment.rule_kind", line, kinds=" / ".join(RULE_KINDS))
        return None
    common: dict[str, Any] = {"points": points or 0.0, "basis": src.text(raw, "basis", line, what, required=False),
              "note": src.text(raw, "note", line, what, required=False), "line": line}
    kind = kinds[0]
    if kind == "evidence":
        rule = Rule(kind, evidence=src.texts(raw, "evidence", line, what, required=True),
                    years=src.years(raw, "years", line, what), **common)
    elif kind == "figure":
        rule = Rule(kind, figure=_figure(src, raw["figure"], line, standard), **common)
    else:
        rule = Rule(kind, indicator=_share(src, raw["share"], line, standard), **common)
    if kind != "evidence" and "years" in raw:
        src.error("assessment.years_only_evidence", line)
    return rule if len(src.errors) == before else None


def _figure(src: Source, raw: Any, line: int, standard: StandardDef | None) -> FigureRef | None:
    raw = src.mapping(raw, line, "figure")
    if raw is None:
        return None
    line = yamlio.line_of(raw, line)
    src.known_keys(raw, FIGURE_KEYS, line, "figure")
    name = src.text(raw, "name", line, "figure")
    if name and name not in FIGURES:
        src.error("assessment.unknown_figure", line, name=name, known=suggest_figure(name))
    elif name in ("standard_score", "standard_share") and standard is None:
        src.error("assessment.figure_needs_standard", line, name=name)
    threshold = src.threshold(raw, line, "figure")
    year = src.years(raw, "year", line, "figure")
    if year and len(year) != 1:
        src.error("assessment.bad_year", line, value=raw.get("year"))
    if not name or threshold is None:
        return None
    return FigureRef(name, threshold, year[0] if year else None)


def _share(src: Source, raw: Any, line: int, standard: StandardDef | None) -> str:
    raw = src.mapping(raw if raw is not None else {}, line, "share")
    if raw is None:
        return ""
    src.known_keys(raw, SHARE_KEYS, line, "share")
    if standard is None:
        src.error("assessment.share_needs_standard", line)
        return ""
    indicator = src.text(raw, "indicator", line, "share", required=False)
    if indicator and indicator not in {i.id for i in standard.indicators}:
        src.error("assessment.unknown_indicator", line, id=indicator, standard=standard.file,
                  known=", ".join(i.id for i in standard.indicators))
    return indicator


def _unique_ids(src: Source, entries: list[Any]) -> None:
    seen: dict[str, int] = {}
    for entry in entries:
        if not entry.id:
            continue
        first = seen.setdefault(entry.id, entry.line)
        if first != entry.line:
            src.error("assessment.duplicate_id", entry.line, id=entry.id, first_line=first)


def check_references(profile: Profile, checklist_ids: set[str]) -> None:
    """Every checklist item the profile and its standard name must exist; one ConfigError otherwise.

    ``checklist_ids`` holds item ids and, for items written with ``per_kind``, the id written in the
    checklist (a rule naming it asks for every kind).
    """
    import difflib


    errors = []
    for item in profile.items:
        for rule in item.rules:
            for item_id in rule.evidence:
                if item_id not in checklist_ids:
                    close = difflib.get_close_matches(item_id, sorted(checklist_ids), n=3, cutoff=0.5)
                    errors.append(message("assessment.unknown_checklist_item", file=profile.file, line=rule.line,
                                    id=item_id, suggest=", ".join(close) or "-"))
    ledger = profile.standard.ledger if profile.standard else None
    if profile.standard is not None and ledger is not None and ledger.item not in checklist_ids:
        close = difflib.get_close_matches(ledger.item, sorted(checklist_ids), n=3, cutoff=0.5)
        errors.append(message("assessment.unknown_checklist_item", file=profile.standard.file, line=ledger.line,
                        id=ledger.item, suggest=", ".join(close) or "-"))
    if errors:
        raise ConfigError(*errors)
