"""Stages and deadlines: the archive's timeline, what is overdue per department, what is dated late.

``site_config/timeline.yml`` (optional; without it nothing here applies)::

    year: 2017                        # the year assessed (default: the archive's last year)
    as_of: 2017-06-15                 # optional: judge "overdue" as of this day (default: today)
    stages:
      - {id: self-assessment, title: 县级自查验收并向市、省申报, due: 2017-05-10, basis: 襄政办发〔2017〕13号 三(四)2}
      - {id: provincial-assessment, title: 省级督导评估, due: 2017-06-30}
    default_stage: provincial-assessment   # the stage every checklist item is due at unless listed
    items:
      jiaoke-self-evaluation: self-assessment

A checklist item is overdue when its stage's day has passed and a required slot is still
missing; a document is dated late when its date falls after the day of the earliest stage
among the items it is evidence for.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.assessment import files
from archive_builder.assessment.source import Source, list_of
from archive_builder.core import yamlio
from archive_builder.core.errors import ConfigError, message
from archive_builder.core.model import Problem
from archive_builder.review.policy import shown_path

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult, ItemResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document

FILE_KEYS = ("title", "year", "as_of", "stages", "default_stage", "items", "note")
STAGE_KEYS = ("id", "title", "due", "basis", "note")


@dataclass(frozen=True)
class Stage:
    """One stage of the procedure and the day it must be done by."""

    id: str
    title: str
    due: dt.date
    basis: str = ""
    line: int = 0


@dataclass(frozen=True)
class Timeline:
    """The archive's stages, and the stage each checklist item is due at."""

    file: str
    stages: tuple[Stage, ...]
    items: tuple[tuple[str, str], ...] = ()  # checklist item id -> stage id
    item_lines: tuple[tuple[str, int], ...] = ()
    default_stage: str = ""
    year: int | None = None
    as_of: dt.date | None = None
    title: str = ""

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def stage_of(self, item_id: str, parent: str = "") -> Stage | None:
        """The stage an item is due at: its own (or that of the item it is a kind of), else the default."""
        stages = dict(self.items)
        return self.stage(stages.get(item_id) or stages.get(parent) or self.default_stage)


def load_timeline(config: ArchiveConfig) -> Timeline | None:
    """site_config/timeline.yml validated (None when the archive has none); one ConfigError with every error."""
    path = config.root / files.TIMELINE_FILE
    if not path.is_file():
        return None
    src = Source(config.relative(path))
    data = src.load(path)
    timeline = _parse(src, data) if data is not None else None
    if src.errors or timeline is None:
        raise ConfigError(*src.errors) if src.errors else ConfigError(message("config.bad_file", file=src.file))
    return timeline


def _parse(src: Source, data: Any) -> Timeline | None:
    raw = src.mapping(data, 1, "timeline")
    if raw is None:
        return None
    line = yamlio.line_of(raw, 1)
    src.known_keys(raw, FILE_KEYS, line, "timeline")
    stages = tuple(s for entry in list_of(src, raw, "stages", line, "timeline")
                   if (s := _stage(src, entry, yamlio.line_of(entry, line))) is not None)
    ids = [s.id for s in stages]
    for stage in stages:
        if ids.count(stage.id) > 1 and ids.index(stage.id) != stages.index(stage):
            src.error("assessment.duplicate_id", stage.line, id=stage.id, first_line=stages[ids.index(stage.id)].line)
    for before, after in itertools.pairwise(stages):
        if after.due < before.due:
            src.error("assessment.stage_order", after.line, stage=after.id, due=after.due.isoformat(),
                      previous=before.id, previous_due=before.due.isoformat())
    default = src.text(raw, "default_stage", line, "timeline", required=False)
    if default and default not in ids:
        src.error("assessment.unknown_stage", src.line_for(raw, "default_stage", line), stage=default,
                  known=", ".join(ids))
    items, item_lines = _items(src, raw.get("items"), line, ids)
    year = src.years(raw, "year", line, "timeline")
    if year and len(year) != 1:
        src.error("assessment.bad_year", src.line_for(raw, "year", line), value=raw.get("year"))
    as_of = _date(src, raw, "as_of", line, required=False)
    return Timeline(src.file, stages, items, item_lines, default, year[0] if year else None, as_of,
                    src.text(raw, "title", line, "timeline", required=False))


def _stage(src: Source, raw: Any, line: int) -> Stage | None:
    raw = src.mapping(raw, line, "stage")
    if raw is None:
        return None
    before = len(src.errors)
    src.known_keys(raw, STAGE_KEYS, line, "stage")
    stage = Stage(src.ident(raw, line, "stage"), src.text(raw, "title", line, "stage"),
                  _date(src, raw, "due", line) or dt.date.min,
                  src.text(raw, "basis", line, "stage", required=False), line)
    return stage if len(src.errors) == before else None


def _date(src: Source, raw: dict[str, Any], key: str, line: int, required: bool = True) -> dt.date | None:
    """A day: 2017-05-10 (YAML date or text)."""
    value = raw.get(key)
    if value is None and not required:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        src.error("assessment.bad_date", src.line_for(raw, key, line), key=key, value=value)
        return None


def _items(src: Source, raw: Any, line: int,
           ids: list[str]) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, int], ...]]:
    if raw is None:
        return (), ()
    raw = src.mapping(raw, line, "items")
    if raw is None:
        return (), ()
    line = yamlio.line_of(raw, line)
    pairs, lines = [], []
    for item_id, stage in raw.items():
        where = src.line_for(raw, item_id, line)
        if stage not in ids:
            src.error("assessment.unknown_stage", where, stage=stage, known=", ".join(ids))
            continue
        pairs.append((str(item_id), str(stage)))
        lines.append((str(item_id), where))
    return tuple(pairs), tuple(lines)


def check_references(timeline: Timeline, checklist_ids: set[str]) -> None:
    """Every item the timeline names must be a checklist item; one ConfigError otherwise."""
    import difflib


    errors = []
    for item_id, line in timeline.item_lines:
        if item_id not in checklist_ids:
            close = difflib.get_close_matches(item_id, sorted(checklist_ids), n=3, cutoff=0.5)
            errors.append(message("assessment.unknown_checklist_item", file=timeline.file, line=line, id=item_id,
                            suggest=", ".join(close) or "-"))
    if errors:
        raise ConfigError(*errors)


# ---------------------------------------------------------------------------
# The timeline applied


@dataclass
class Overdue:
    """A required checklist item whose stage has passed with slots still missing."""

    result: ItemResult
    stage: Stage

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {"item": r.item.id, "title": r.item.title, "department": r.item.department, "stage": self.stage.id,
                "due": self.stage.due.isoformat(), "status": r.status, "missing_years": list(r.missing_years),
                "missing_schools": list(r.missing_schools)}


@dataclass
class LateDocument:
    """Evidence dated after the stage it serves."""

    path: str  # as public outputs show it
    date: str
    stage: Stage
    items: list[str]
    document: Document | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "date": self.date, "stage": self.stage.id, "due": self.stage.due.isoformat(),
                "items": list(self.items)}


@dataclass
class TimelineStatus:
    """The timeline as of one day: the stages passed, what is overdue per department, late documents."""

    timeline: Timeline
    as_of: dt.date
    overdue: list[Overdue] = field(default_factory=list)
    late: list[LateDocument] = field(default_factory=list)

    def passed(self, stage: Stage) -> bool:
        return stage.due < self.as_of

    def overdue_by_department(self) -> dict[str, list[Overdue]]:
        out: dict[str, list[Overdue]] = {}
        for entry in self.overdue:
            out.setdefault(entry.result.item.department or "", []).append(entry)
        return out

    def problems(self) -> list[Problem]:
        """A warning per late document: a person checks its date against the stage it serves."""
        return [Problem(late.path, "warning", "assessment.late_document", {
            "date": late.date, "stage": late.stage.title, "due": late.stage.due.isoformat(),
            "items": ", ".join(late.items), "timeline": self.timeline.file}) for late in self.late]

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.timeline.file, "as_of": self.as_of.isoformat(),
                "stages": [{"id": s.id, "title": s.title, "due": s.due.isoformat(), "basis": s.basis,
                            "passed": self.passed(s)} for s in self.timeline.stages],
                "overdue": [o.to_dict() for o in self.overdue], "late_documents": [d.to_dict() for d in self.late]}


def timeline_status(timeline: Timeline, check: CheckResult | None, documents: list[Document],
                    as_of: dt.date | None = None) -> TimelineStatus:
    """Overdue items and late documents under ``timeline`` (as of ``as_of``, the file's day or today)."""

    status = TimelineStatus(timeline, as_of or timeline.as_of or dt.date.today())
    by_path = {d.path: d for d in documents}
    serves: dict[str, list[tuple[Stage, str]]] = {}
    for result in check.items if check else []:
        stage = timeline.stage_of(result.item.id, getattr(result.item, "parent", ""))
        if stage is None or result.item.id.startswith("indicator-"):
            continue  # figures from the statistics have no document to date
        if result.required and result.is_gap and status.passed(stage):
            status.overdue.append(Overdue(result, stage))
        for ev in result.evidence:
            serves.setdefault(ev.path, []).append((stage, result.item.id))
    for path, stages in sorted(serves.items()):
        doc = by_path.get(path)
        if doc is None or not doc.date:
            continue
        earliest = min(stages, key=lambda pair: pair[0].due)[0]
        if doc.date > earliest.due.isoformat():
            items = sorted({item for stage, item in stages if doc.date > stage.due.isoformat()})
            status.late.append(LateDocument(shown_path(doc), doc.date, earliest, items, doc))
    return status
