"""Waivers: checklist slots marked not applicable in ``checklists/waivers.yml``.

A waiver names one item and a year, a school, or both (a list of either is allowed); it must
say why (``reason``) and who approved it (``approved_by``). Waived slots are reported apart
from filled ones and never count as complete. The file is validated once, when loaded: every
error names the file and line, and all of them are raised together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from archive_builder.checking.checklist import school_matches
from archive_builder.core import yamlio
from archive_builder.core.config import parse_year_range
from archive_builder.core.errors import ConfigError, Message, message
from archive_builder.inventory.metadata import parse_date

if TYPE_CHECKING:
    from archive_builder.checking.checklist import ChecklistItem
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.statistics.schools import SchoolRegistry

WAIVER_FILES = ("waivers.yml", "waivers.yaml")
WAIVER_KEYS = ("item", "year", "years", "school", "schools", "reason", "approved_by", "date", "note")
FILE_KEYS = ("waivers", "title", "description")


@dataclass(frozen=True)
class Waiver:
    """One approved exception: these years and/or schools of one item do not apply."""

    item: str
    years: tuple[int, ...] | None  # None: every year of the item
    schools: tuple[str, ...] | None  # school ids; None: the county slot or every school
    reason: str
    approved_by: str
    date: str | None = None  # ISO yyyy-mm-dd
    file: str = ""
    line: int = 0

    def covers(self, year: int | None, school: str | None) -> bool:
        """Whether this waiver applies to one slot of its item."""
        if self.years is not None and year not in self.years:
            return False
        return self.schools is None or school in self.schools

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"item": self.item, "years": list(self.years) if self.years else None,
                "schools": list(self.schools) if self.schools else None, "reason": self.reason,
                "approved_by": self.approved_by, "date": self.date, "file": self.file, "line": self.line}


def waiver_file(config: ArchiveConfig) -> Path | None:
    """checklists/waivers.yml (or .yaml) when it exists."""
    for name in WAIVER_FILES:
        path = config.checklists_dir / name
        if path.is_file():
            return path
    return None


def load_waivers(config: ArchiveConfig, items: list[ChecklistItem], schools: SchoolRegistry,
                 path: Path | None = None) -> list[Waiver]:
    """Read and validate the waiver file against the checklists and the registry; one ConfigError for all errors."""
    path = path or waiver_file(config)
    if path is None:
        return []
    file = config.relative(path)
    errors: list[Message] = []
    entries = _entries(path, file, errors)
    by_id = {item.id: item for item in items}
    waivers = [w for raw in entries if (w := _parse(raw, file, yamlio.line_of(raw, yamlio.line_of(entries)),
                                                    by_id, schools, errors)) is not None]
    if errors:
        raise ConfigError(*errors)
    return waivers


def _entries(path: Path, file: str, errors: list[Message]) -> list[Any]:
    """The raw waiver entries: a top-level ``waivers:`` list (or a bare list)."""
    try:
        data = yamlio.load(path)
    except yaml.YAMLError as exc:
        errors.append(yamlio.file_problem(exc, file, "waiver.bad_yaml"))
        return []
    except UnicodeDecodeError:
        errors.append(message("waiver.not_utf8", file=file))
        return []
    if data is None:
        return []
    if isinstance(data, list):
        return data
    if not isinstance(data, dict) or not isinstance(data.get("waivers") or [], list):
        errors.append(message("waiver.no_list", file=file, line=yamlio.line_of(data, 1)))
        return []
    for key in data:
        if key not in FILE_KEYS:
            errors.append(message("waiver.unknown_file_key", file=file, line=yamlio.line_of(data, 1), field=key,
                            known=", ".join(FILE_KEYS)))
    return data.get("waivers") or []


def _parse(raw: Any, file: str, line: int, items: dict[str, ChecklistItem], schools: SchoolRegistry,
           errors: list[Message]) -> Waiver | None:
    """One waiver, or None after appending its errors."""
    if not isinstance(raw, dict):
        errors.append(message("waiver.not_mapping", file=file, line=line))
        return None
    before = len(errors)
    where = {"file": file, "line": line, "item": raw.get("item", "?")}
    for key in raw:
        if key not in WAIVER_KEYS:
            errors.append(message("waiver.unknown_key", **where, field=key, known=", ".join(WAIVER_KEYS)))
    item = _item(raw, items, where, errors)
    reason, approved_by = _text(raw.get("reason")), _text(raw.get("approved_by"))
    if not reason:
        errors.append(message("waiver.no_reason", **where))
    if not approved_by:
        errors.append(message("waiver.no_approver", **where))
    date = _date(raw, where, errors)
    years = _years(raw, item, where, errors)
    school_ids = _schools(raw, item, schools, where, errors)
    if all(raw.get(key) in (None, "") for key in ("year", "years", "school", "schools")):
        errors.append(message("waiver.no_scope", **where))
    if len(errors) > before or item is None:
        return None
    return Waiver(item.id, years, school_ids, reason, approved_by, date, file, line)


def _text(value: Any) -> str:
    """A scalar as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def _item(raw: dict, items: dict[str, ChecklistItem], where: dict, errors: list[Message]) -> ChecklistItem | None:
    """The checklist item the waiver names."""
    import difflib

    item_id = _text(raw.get("item"))
    if not item_id:
        errors.append(message("waiver.no_item", **where))
        return None
    item = items.get(item_id)
    if item is None:
        close = difflib.get_close_matches(item_id, sorted(items), n=3, cutoff=0.5)
        errors.append(message("waiver.unknown_item", **where, suggest=", ".join(close) or "-"))
    return item


def _date(raw: dict, where: dict, errors: list[Message]) -> str | None:
    """``date``: when the waiver was approved (optional), any date form the metadata accepts."""

    if raw.get("date") in (None, ""):
        return None
    parsed = parse_date(raw["date"])
    if parsed is None:
        errors.append(message("waiver.bad_date", **where, value=raw["date"]))
    return parsed


def _years(raw: dict, item: ChecklistItem | None, where: dict, errors: list[Message]) -> tuple[int, ...] | None:
    """``year`` / ``years``: one year, a range or a list, each among the item's years."""
    value = raw.get("year", raw.get("years"))
    if value in (None, ""):
        return None
    years = parse_year_range(value)
    if not years:
        errors.append(message("waiver.bad_year", **where, value=value))
        return None
    if item is None:
        return years
    if item.years is None:
        errors.append(message("waiver.item_any_year", **where))
        return None
    outside = [y for y in years if y not in item.years]
    if outside:
        errors.append(message("waiver.year_outside_item", **where, years=", ".join(map(str, outside)),
                        item_years=f"{item.years[0]}-{item.years[-1]}"))
    return years


def _schools(raw: dict, item: ChecklistItem | None, schools: SchoolRegistry, where: dict,
             errors: list[Message]) -> tuple[str, ...] | None:
    """``school`` / ``schools``: names or codes from the registry, each among the item's schools."""

    value = raw.get("school", raw.get("schools"))
    if value in (None, ""):
        return None
    names = [str(v).strip() for v in (value if isinstance(value, list) else [value])]
    if item is not None and item.per_school is None:
        errors.append(message("waiver.item_not_per_school", **where))
        return None
    ids = []
    for name in names:
        school = schools.find(name)
        if school is None:
            errors.append(message("waiver.unknown_school", **where, school=name))
        elif item is not None and not school_matches(item, school):
            errors.append(message("waiver.school_not_in_item", **where, school=name))
        else:
            ids.append(school.id)
    return tuple(ids)
