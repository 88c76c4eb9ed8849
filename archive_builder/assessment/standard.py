"""The school standard, school by school: a table of every judged school × indicator, met or not.

Ledger indicators are read from each school's ledger cells: the value in the assessment year's
column against the indicator's threshold for the school's level when the standard gives one (a
verdict cell that says otherwise is reported), else the verdict cell (达标 / 未达标 / 不适用).
Statistics indicators are the school's per-pupil (or per-hundred-pupil) figure from
content/data/school_stats for the year against the threshold of each of its levels (a
九年一贯制 school meets it when both its parts do); a column the table lacks is reported once,
never taken as zero. A cell that cannot be known counts as not met, and says why.

A school meets the standard when every applicable indicator is met (``school_rule: all``), or
when at least N are met and each of the others reaches a share of its target
(``{at_least: 6, others_at_least: 0.85}``, the 2017 quality method). The score is the sum over the
indicators of points × the share of judged schools meeting it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.assessment.ledgers import Ledger, norm, number, read_ledger
from archive_builder.core.i18n import t
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.review.policy import decide, visible
from archive_builder.statistics.tables import RESOURCE_COLUMNS, find_table, read_table

if TYPE_CHECKING:
    from archive_builder.assessment.standard_def import StandardDef, StandardIndicator
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document
    from archive_builder.statistics.schools import School, SchoolRegistry

MET, NOT_MET, NOT_APPLICABLE, UNKNOWN = "met", "not_met", "na", "unknown"
#: The statistics levels of each registry level (a 教学点 is a 小学 of its own).
STAT_LEVELS = {"小学": ("小学",), "初中": ("初中",), "九年一贯制": ("小学", "初中"), "教学点": ("小学",)}


@dataclass
class Cell:
    """One school × indicator: met, not met, not applicable or unknown, with what it was read from."""

    indicator: str
    state: str
    shown: str = ""  # the value or the verdict word, as read
    value: float | None = None
    target: float | None = None
    near: bool = False  # not met, but at or above the share of the target the school rule allows
    source: str = ""  # ledger or statistics table, relative to content/
    row: int | None = None
    reason: str = ""  # why unknown, with the fix

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "state": self.state, "shown": self.shown, "value": self.value,
                "target": self.target, "near": self.near, "source": self.source, "row": self.row,
                "reason": self.reason}


@dataclass
class SchoolRow:
    """One judged school: a cell per indicator, whether it meets the standard, its own score."""

    school: School
    cells: dict[str, Cell]
    meets: bool = False
    score: float | None = None
    ledger: str | None = None  # the ledger read, relative to content/
    ledger_visible: bool = False  # whether the ledger may be linked from public pages

    def to_dict(self) -> dict[str, Any]:
        return {"school": self.school.name, "school_id": self.school.id, "level": self.school.level,
                "meets": self.meets, "score": self.score, "ledger": _masked(self.ledger) if self.ledger_visible else None,
                "cells": {key: cell.to_dict() for key, cell in self.cells.items()}}


@dataclass
class IndicatorShare:
    """How many judged schools meet one indicator, and the points that earns."""

    indicator: StandardIndicator
    met: int
    judged: int

    @property
    def share(self) -> float | None:
        return self.met / self.judged if self.judged else None

    @property
    def earned(self) -> float | None:
        if self.indicator.points is None:
            return None
        return self.indicator.points * (self.share or 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator.id, "name": self.indicator.name, "met": self.met, "judged": self.judged,
                "share": self.share, "points": self.indicator.points, "earned": self.earned}


@dataclass
class StandardTable:
    """The standard for one year: rows per school, shares per indicator, the score and who meets it."""

    standard: StandardDef
    year: int
    rows: list[SchoolRow] = field(default_factory=list)
    shares: list[IndicatorShare] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)  # school_stats fields the standard needs
    statistics_source: str = ""  # the school_stats table read, relative to content/

    @property
    def score(self) -> float | None:
        """Σ points × share of schools meeting the indicator (None without points or schools)."""
        earned = [s.earned for s in self.shares if s.earned is not None]
        if not earned or not self.rows:
            return None
        return math.fsum(earned)

    @property
    def meeting(self) -> list[SchoolRow]:
        return [row for row in self.rows if row.meets]

    @property
    def share_meeting(self) -> float | None:
        return len(self.meeting) / len(self.rows) if self.rows else None

    @property
    def missing_headers(self) -> list[str]:
        """The school_stats headers the standard needs and the table lacks (e.g. 县级以上骨干教师数)."""

        headers = {c.field: c.aliases[0] for c in RESOURCE_COLUMNS}
        return [headers.get(column, column) for column in self.missing_columns]

    def share_of(self, indicator_id: str) -> float | None:
        found = next((s for s in self.shares if s.indicator.id == indicator_id), None)
        return found.share if found else None

    def to_dict(self) -> dict[str, Any]:
        return {"standard": self.standard.id, "title": self.standard.title, "file": self.standard.file,
                "year": self.year, "score": self.score, "schools": len(self.rows),
                "schools_meeting": len(self.meeting), "share_meeting": self.share_meeting,
                "missing_columns": list(self.missing_headers),
                "indicators": [s.to_dict() for s in self.shares], "rows": [r.to_dict() for r in self.rows]}


def school_table(config: ArchiveConfig, standard: StandardDef, year: int, schools: SchoolRegistry,
                 check: CheckResult | None, documents: list[Document]) -> StandardTable:
    """The standard judged school by school for ``year``."""

    table = StandardTable(standard, year)
    judged = [s for s in schools.schools if standard.judged(s)]
    if not judged:
        table.problems.append(Problem(standard.file, "warning", "assessment.no_schools_judged",
                                      {"registry": schools.source or "content/data/schools.csv"}))
    # Gather: each school's ledger (from the checklist item's evidence) and the statistics.
    by_path = {d.path: d for d in documents}
    ledgers = _ledgers(standard, check, by_path, table) if standard.ledger else {}
    values = _statistics(config, standard, year, schools, table)
    # Judge every school on every indicator, then total.
    for school in judged:
        doc, ledger = ledgers.get(school.id, (None, None))
        cells = {ind.id: _cell(standard, ind, school, year, ledger, values, table) for ind in standard.indicators}
        row = SchoolRow(school, cells, ledger=doc.path if doc else None,
                        ledger_visible=doc is not None and visible(doc))
        row.meets, row.score = _verdict(standard, row)
        table.rows.append(row)
    for indicator in standard.indicators:
        states = [row.cells[indicator.id].state for row in table.rows]
        table.shares.append(IndicatorShare(indicator, states.count(MET), sum(s != NOT_APPLICABLE for s in states)))
    return table


def _ledgers(standard: StandardDef, check: CheckResult | None, by_path: dict[str, Document],
             table: StandardTable) -> dict[str, tuple[Document, Ledger]]:
    """school id -> (its ledger document, what it holds): the newest readable evidence of the ledger item."""

    assert standard.ledger is not None
    result = next((r for r in check.items if r.item.id == standard.ledger.item), None) if check else None
    candidates: dict[str, list[Document]] = {}
    for evidence in result.evidence if result else []:
        doc = by_path.get(evidence.path)
        if doc is not None and evidence.school:
            candidates.setdefault(evidence.school, []).append(doc)
    found: dict[str, tuple[Document, Ledger]] = {}
    for school_id, docs in candidates.items():
        for doc in sorted(docs, key=lambda d: (-max(d.years or [0]), d.date or "", d.path)):
            if decide(doc).classified:
                continue  # a classified ledger is never read into a public table
            ledger = read_ledger(doc, standard.ledger)
            table.problems.extend(ledger.problems)
            if ledger.rows:
                found[school_id] = (doc, ledger)
                break
    return found


def _cell(standard: StandardDef, indicator: StandardIndicator, school: School, year: int, ledger: Ledger | None,
          values: dict[tuple[str, str], dict[str, float]], table: StandardTable) -> Cell:
    if indicator.source == "statistics":
        return _statistics_cell(standard, indicator, school, values, table)
    return _ledger_cell(standard, indicator, school, year, ledger, table)


def _ledger_cell(standard: StandardDef, indicator: StandardIndicator, school: School, year: int,
                 ledger: Ledger | None, table: StandardTable) -> Cell:
    """One ledger indicator of one school: the value against the threshold, else the verdict cell."""
    assert standard.ledger is not None
    if ledger is None:
        return Cell(indicator.id, UNKNOWN, reason=t("assessment.no_ledger", school=school.name,
                                                     item=standard.ledger.item))
    row = ledger.find(indicator)
    if row is None:
        return Cell(indicator.id, UNKNOWN, source=ledger.shown, reason=t(
            "assessment.ledger_no_row", path=ledger.shown, label="、".join(indicator.row_label),
            aspect="、".join(indicator.row_aspect) or "-", standard=standard.file, line=indicator.line))
    cell = Cell(indicator.id, UNKNOWN, source=ledger.shown, row=row.number)
    verdict = _verdict_word(standard, row.verdict)
    level = _threshold_level(indicator, school.level)
    threshold = indicator.threshold
    target = threshold.for_level(level) if threshold else None
    value = number(row.values.get(year))
    if threshold and target is not None and value is not None:  # a target comes only with a threshold
        cell.value, cell.target, cell.shown = value, target, _num(value)
        cell.state = MET if threshold.passes(value, level) else NOT_MET
        if verdict in (MET, NOT_MET) and verdict != cell.state:
            table.problems.append(Problem(ledger.shown, "warning", "assessment.ledger_disagrees", {
                "school": school.name, "row": row.number, "label": row.label, "value": _num(value),
                "op": threshold.op, "target": _num(target), "verdict": row.verdict}))
        return cell
    cell.shown = row.verdict
    if verdict is None:
        cell.reason = t("assessment.ledger_bad_verdict", path=ledger.shown, row=row.number, value=row.verdict or "",
                        words="、".join((*standard.ledger.met[:2], *standard.ledger.not_met[:2],
                                         *standard.ledger.not_applicable[:1])))
        return cell
    cell.state = verdict
    return cell


def _threshold_level(indicator: StandardIndicator, level: str) -> str:
    """The level whose threshold a whole-school ledger value is judged by: its own, else its only part's."""
    if indicator.threshold is None or indicator.threshold.for_level(level) is not None:
        return level
    parts = STAT_LEVELS.get(level, ())
    return parts[0] if len(parts) == 1 else level


def _verdict_word(standard: StandardDef, text: str) -> str | None:
    """met / not_met / na for a verdict cell, None when it is none of the standard's words."""

    layout = standard.ledger
    assert layout is not None
    word = norm(text)
    # 未达标 contains 达标: the negative words are tried first.
    if word in {norm(w) for w in layout.not_met}:
        return NOT_MET
    if word in {norm(w) for w in layout.not_applicable}:
        return NOT_APPLICABLE
    if word in {norm(w) for w in layout.met}:
        return MET
    return None


def _statistics_cell(standard: StandardDef, indicator: StandardIndicator, school: School,
                     values: dict[tuple[str, str], dict[str, float]], table: StandardTable) -> Cell:
    """One statistics indicator of one school: every part (小学, 初中) against its level's threshold."""
    assert indicator.threshold is not None
    source = table.statistics_source
    if indicator.column in table.missing_columns:
        return Cell(indicator.id, UNKNOWN, source=source, reason=t("assessment.column_missing_short",
                                                                   column=indicator.column))
    parts = []
    for level in STAT_LEVELS.get(school.level, ()):
        row = values.get((school.id, level))
        per_pupil = row.get(indicator.column) if row is not None else None
        if per_pupil is None:
            key = "assessment.no_school_row" if row is None else "assessment.empty_school_cell"
            return Cell(indicator.id, UNKNOWN, source=source, reason=t(key, school=school.name, level=level,
                                                                       year=table.year, column=indicator.column))
        parts.append((level, per_pupil * indicator.per, indicator.threshold.for_level(level)))
    if not parts:
        return Cell(indicator.id, NOT_APPLICABLE)
    targeted = [(level, value, target) for level, value, target in parts if target is not None]
    if len(targeted) < len(parts):
        return Cell(indicator.id, UNKNOWN, reason=t("assessment.no_target", level=parts[0][0]))
    met = all(indicator.threshold.passes(value, level) for level, value, _ in targeted)
    ratio = standard.others_at_least
    near = not met and ratio is not None and all(value >= ratio * target for _, value, target in targeted)
    shown = " / ".join(_num(value) for _, value, _ in targeted)
    worst = min(targeted, key=lambda p: p[1] / p[2] if p[2] else math.inf)
    return Cell(indicator.id, MET if met else NOT_MET, shown, worst[1], worst[2], near, table.statistics_source)


def _verdict(standard: StandardDef, row: SchoolRow) -> tuple[bool, float | None]:
    """Whether a school meets the standard, and its own score (points met ÷ points applicable × 100)."""
    cells = [c for c in row.cells.values() if c.state != NOT_APPLICABLE]
    met = [c for c in cells if c.state == MET]
    if standard.at_least is None:
        meets = bool(cells) and len(met) == len(cells)
    else:
        others_ok = all(c.near for c in cells if c.state != MET)
        meets = len(met) >= standard.at_least and (standard.others_at_least is None or others_ok)
    points = {i.id: i.points for i in standard.indicators if i.points is not None}
    applicable = sum(points.get(c.indicator, 0.0) for c in cells)
    score = 100 * sum(points.get(c.indicator, 0.0) for c in met) / applicable if applicable else None
    return meets, score


def _statistics(config: ArchiveConfig, standard: StandardDef, year: int, schools: SchoolRegistry,
                table: StandardTable) -> dict[tuple[str, str], dict[str, float]]:
    """(school id, level) -> column -> value per pupil, for the year; missing columns reported once."""
    needed = sorted({i.column for i in standard.indicators if i.source == "statistics"})
    if not needed:
        return {}

    if find_table(config, "school_stats") is None:
        table.problems.append(Problem("data/school_stats", "warning", "assessment.no_statistics",
                                      {"standard": standard.file}))
        table.missing_columns.extend(needed)
        return {}
    stats = read_table(config, "school_stats", [])  # its own problems are the indicators' to report
    if stats is None:
        table.missing_columns.extend(needed)
        return {}
    table.statistics_source = stats.source
    headers = {c.field: c.aliases[0] for c in RESOURCE_COLUMNS}
    for column in needed:
        if column not in stats.fields:
            table.missing_columns.append(column)
            table.problems.append(Problem(stats.source, "warning", "assessment.column_missing", {
                "file": f"content/{stats.source}", "column": headers.get(column, column), "field": column,
                "standard": standard.file, "indicators": "、".join(
                    i.name for i in standard.indicators if i.column == column)}))
    values: dict[tuple[str, str], dict[str, float]] = {}
    for record in stats.records:
        school = schools.find(record.get("school"))
        if record.get("year") != year or school is None or not record.get("students"):
            continue
        per = values.setdefault((school.id, record["level"]), {})
        for column in needed:
            if record.get(column) is not None:
                per[column] = record[column] / record["students"]
    return values


def _masked(path: str | None) -> str | None:

    return mask_text(path)[0] if path else path


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1e6 else f"{value:,.0f}"
