"""A school standard as data: indicators with thresholds per 学段, read from ledgers or the statistics.

A standard file (``checklists/assessment/<name>.yml``)::

    id: school-standard-shanxi
    title: 山西省义务教育学校办学基本标准（逐校达标）
    schools: {level: [小学, 初中, 九年一贯制, 教学点]}   # who is judged
    exclude: [{level: [教学点], max_students: 49}]      # optional
    school_rule: all                                  # or {at_least: 6, others_at_least: 0.85}
    ledger:                                           # where ledger indicators are read
      item: school-standardisation-ledger             # the checklist item whose evidence are the ledgers
    indicators:
      - {id: teaching-rooms, name: 生均教学及辅助用房, aspect: 校舍建设, points: 10,
         ledger_row: {aspect: 校舍建设, label: [教学及辅助用房]}}
      - {id: qualified-teachers, name: 每百名学生拥有高于规定学历教师数, statistics: {column: qualified_teachers, per: 100},
         at_least: {小学: 4.2, 初中: 5.3}, unit: 人}

Validated once, with file and line in every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archive_builder.assessment.source import Source, Threshold, list_of
from archive_builder.core import yamlio

FILE_KEYS = ("id", "title", "source", "verified", "note", "schools", "exclude", "school_rule", "ledger",
             "indicators", "pass_score")
INDICATOR_KEYS = ("id", "name", "aspect", "points", "ledger_row", "statistics", "at_least", "at_most", "equals",
                  "unit", "basis", "verified", "note")
LEDGER_KEYS = ("item", "aspect_headers", "label_headers", "verdict_headers", "met", "not_met", "not_applicable")
ROW_KEYS = ("aspect", "label")
STATISTICS_KEYS = ("column", "per")
FILTER_KEYS = ("level", "max_students", "min_students")
RULE_KEYS = ("at_least", "others_at_least")

DEFAULT_LEDGER = {
    "aspect_headers": ("建设项目", "项目", "方面", "类别"),
    "label_headers": ("指标", "内容", "指标名称", "项目名称"),
    "verdict_headers": ("达标情况", "是否达标", "达标", "评估结果", "结论"),
    "met": ("达标", "已达标", "合格", "是", "符合"),
    "not_met": ("未达标", "不达标", "不合格", "否", "不符合"),
    "not_applicable": ("不适用", "无此项", "不涉及", "—", "-", "/"),
}


@dataclass(frozen=True)
class LedgerLayout:
    """How a ledger is read: the checklist item that finds it, its column headers, its verdict words."""

    item: str
    aspect_headers: tuple[str, ...] = DEFAULT_LEDGER["aspect_headers"]
    label_headers: tuple[str, ...] = DEFAULT_LEDGER["label_headers"]
    verdict_headers: tuple[str, ...] = DEFAULT_LEDGER["verdict_headers"]
    met: tuple[str, ...] = DEFAULT_LEDGER["met"]
    not_met: tuple[str, ...] = DEFAULT_LEDGER["not_met"]
    not_applicable: tuple[str, ...] = DEFAULT_LEDGER["not_applicable"]
    line: int = 0


@dataclass(frozen=True)
class StandardIndicator:
    """One indicator of the standard: where its value comes from and what it must reach."""

    id: str
    name: str
    source: str  # ledger | statistics
    aspect: str = ""
    points: float | None = None
    row_aspect: tuple[str, ...] = ()  # ledger: the 建设项目 cell
    row_label: tuple[str, ...] = ()  # ledger: words of the 指标 cell
    column: str = ""  # statistics: the school_stats field (tables.FIELDS)
    per: int = 1  # statistics: per pupil (1) or per hundred pupils (100)
    threshold: Threshold | None = None
    unit: str = ""
    basis: str = ""
    verified: bool = False
    line: int = 0


@dataclass(frozen=True)
class SchoolFilter:
    """Which schools a clause speaks of: registry levels and pupil counts (each optional)."""

    levels: tuple[str, ...] = ()
    min_students: int | None = None
    max_students: int | None = None

    def matches(self, school: Any) -> bool:
        if self.levels and school.level not in self.levels:
            return False
        students = school.students
        if self.min_students is not None and (students is None or students < self.min_students):
            return False
        return not (self.max_students is not None and (students is None or students > self.max_students))


@dataclass(frozen=True)
class StandardDef:
    """A whole standard: who is judged, how a school passes, its indicators."""

    id: str
    title: str
    file: str
    source: str = ""
    schools: SchoolFilter = SchoolFilter()
    exclude: tuple[SchoolFilter, ...] = ()
    at_least: int | None = None  # None: every applicable indicator must be met
    others_at_least: float | None = None  # share of the target the indicators not met must still reach
    ledger: LedgerLayout | None = None
    indicators: tuple[StandardIndicator, ...] = ()
    verified: bool = False
    note: str = ""
    line: int = 1

    def judged(self, school: Any) -> bool:
        """Whether the standard judges this school."""
        return self.schools.matches(school) and not any(f.matches(school) for f in self.exclude)

    @property
    def points(self) -> float | None:
        """Full marks: the sum of the indicators' points (None when the standard gives none)."""
        given = [i.points for i in self.indicators if i.points is not None]
        return sum(given) if given else None


def parse_standard(src: Source, data: Any, fields: tuple[str, ...]) -> StandardDef | None:
    """A standard from its loaded YAML; None after recording errors."""
    what = "standard"
    raw = src.mapping(data, 1, what)
    if raw is None:
        return None
    line = yamlio.line_of(raw, 1)
    before = len(src.errors)
    src.known_keys(raw, FILE_KEYS, line, what)
    ident = src.ident(raw, line, what)
    title = src.text(raw, "title", line, what)
    ledger = _ledger(src, raw.get("ledger"), line)
    indicators = tuple(ind for entry in list_of(src, raw, "indicators", line, what)
                       if (ind := _indicator(src, entry, yamlio.line_of(entry, line), fields)) is not None)
    _unique(src, indicators)
    if any(i.source == "ledger" for i in indicators) and ledger is None:
        src.error("assessment.standard_needs_ledger", line)
    at_least, others = _school_rule(src, raw.get("school_rule", "all"), line, len(indicators))
    standard = StandardDef(
        id=ident, title=title, file=src.file, source=src.text(raw, "source", line, what, required=False),
        schools=_filter(src, raw.get("schools") or {}, line, "schools"),
        exclude=tuple(_filter(src, f, yamlio.line_of(f, line), "exclude")
                      for f in _optional_list(src, raw, "exclude", line)),
        at_least=at_least, others_at_least=others, ledger=ledger, indicators=indicators,
        verified=src.flag(raw, "verified", line, what, False),
        note=src.text(raw, "note", line, what, required=False), line=line,
    )
    return standard if len(src.errors) == before else None


def _optional_list(src: Source, raw: dict[str, Any], key: str, line: int) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        src.error("assessment.bad_list", line, key=key, what="standard")
        return []
    return value


def _ledger(src: Source, raw: Any, line: int) -> LedgerLayout | None:
    if raw is None:
        return None
    raw = src.mapping(raw, line, "ledger")
    if raw is None:
        return None
    line = yamlio.line_of(raw, line)
    src.known_keys(raw, LEDGER_KEYS, line, "ledger")
    words = {key: src.texts(raw, key, line, "ledger") or DEFAULT_LEDGER[key] for key in DEFAULT_LEDGER}
    return LedgerLayout(item=src.text(raw, "item", line, "ledger"), line=line, **words)


def _indicator(src: Source, raw: Any, line: int, fields: tuple[str, ...]) -> StandardIndicator | None:
    what = "indicator"
    raw = src.mapping(raw, line, what)
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, INDICATOR_KEYS, line, what)
    ident, name = src.ident(raw, line, what), src.text(raw, "name", line, what)
    threshold = src.threshold(raw, line, what, required=False)
    common: dict[str, Any] = {"id": ident, "name": name, "aspect": src.text(raw, "aspect", line, what, required=False),
              "points": src.number(raw, "points", line, what, required=False), "threshold": threshold,
              "unit": src.text(raw, "unit", line, what, required=False),
              "basis": src.text(raw, "basis", line, what, required=False),
              "verified": src.flag(raw, "verified", line, what, False), "line": line}
    row, stats = raw.get("ledger_row"), raw.get("statistics")
    if (row is None) == (stats is None):
        src.error("assessment.indicator_source", line, id=ident or "?")
        return None
    if row is not None:
        row = src.mapping(row, line, "ledger_row")
        if row is None:
            return None
        src.known_keys(row, ROW_KEYS, line, "ledger_row")
        indicator = StandardIndicator(source="ledger", row_aspect=src.texts(row, "aspect", line, "ledger_row"),
                                      row_label=src.texts(row, "label", line, "ledger_row", required=True),
                                      **common)
    else:
        stats = src.mapping(stats, line, "statistics")
        if stats is None:
            return None
        src.known_keys(stats, STATISTICS_KEYS, line, "statistics")
        column = src.text(stats, "column", line, "statistics")
        if column and column not in fields:
            src.error("assessment.unknown_column", line, column=column, known=", ".join(fields))
        per = stats.get("per", 1)
        if per not in (1, 100):
            src.error("assessment.bad_per", line, value=per)
            per = 1
        if threshold is None:
            src.error("assessment.statistics_needs_threshold", line, id=ident or "?")
        indicator = StandardIndicator(source="statistics", column=column, per=int(per), **common)
    return indicator if len(src.errors) == before else None


def _unique(src: Source, indicators: tuple[StandardIndicator, ...]) -> None:
    seen: dict[str, int] = {}
    for indicator in indicators:
        first = seen.setdefault(indicator.id, indicator.line)
        if first != indicator.line:
            src.error("assessment.duplicate_id", indicator.line, id=indicator.id, first_line=first)


def _filter(src: Source, raw: Any, line: int, what: str) -> SchoolFilter:
    raw = src.mapping(raw, line, what)
    if raw is None:
        return SchoolFilter()
    src.known_keys(raw, FILTER_KEYS, line, what)
    counts = {key: src.number(raw, key, line, what, required=False) for key in ("min_students", "max_students")}
    return SchoolFilter(levels=src.levels(raw, "level", line, what),
                        **{k: int(v) if v is not None else None for k, v in counts.items()})


def _school_rule(src: Source, raw: Any, line: int, count: int) -> tuple[int | None, float | None]:
    """``all``, or ``{at_least: N, others_at_least: 0.85}``."""
    if raw == "all":
        return None, None
    rule = src.mapping(raw, line, "school_rule")
    if rule is None:
        return None, None
    src.known_keys(rule, RULE_KEYS, line, "school_rule")
    at_least = src.number(rule, "at_least", line, "school_rule", minimum=1)
    others = src.number(rule, "others_at_least", line, "school_rule", required=False)
    if at_least is not None and (not at_least.is_integer() or at_least > count):
        src.error("assessment.bad_at_least", line, value=at_least, count=count)
    if others is not None and not 0 < others <= 1:
        src.error("assessment.bad_share", line, key="others_at_least", value=others)
    return (int(at_least) if at_least else None), others
