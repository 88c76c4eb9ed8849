"""Checklists: YAML files in checklists/ describing what evidence the policy demands.

Every file is validated once, when loaded; all errors from all files are collected and
raised together as one ConfigError, each naming file and line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from archive_builder.core import yamlio
from archive_builder.core.config import parse_year_range
from archive_builder.core.errors import ConfigError, Message, message
from archive_builder.core.i18n import t
from archive_builder.core.model import SUPPORTED_TYPES
from archive_builder.statistics.schools import LEVELS, parse_bool

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

SEVERITIES = ("required", "recommended")
ITEM_KEYS = ("id", "title", "department", "category", "years", "min", "match", "per_school", "severity", "basis",
             "calendar_years", "per_kind", "register")
MATCH_KEYS = ("keywords", "types")
FILE_KEYS = ("items", "title", "description")
#: School fields a per_school filter may test, and the kind of value each takes.
SCHOOL_FILTERS = {
    "level": "text", "township": "text", "id": "text", "name": "text",
    "boarding": "bool", "canteen": "bool", "min_students": "int", "max_students": "int",
    "large_classes": "bool", "small_school": "bool",
}
#: per_school filters decided year by year from the statistics (archive_builder.checking.registers).
YEARLY_FILTERS = ("large_classes", "small_school")
KIND_KEYS = ("name", "keywords")
#: register: which columns of a table document name the school, and which must be filled for a row to count.
REGISTER_KEYS = ("school", "filled", "class", "closed")
_KIND_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Files in checklists/ that are not checklists (waivers and targets are read by their own loaders).
NOT_CHECKLISTS = frozenset({"waivers.yml", "waivers.yaml", "targets.yml"})


@dataclass(frozen=True)
class ChecklistItem:
    """One duty: which documents, for which years and schools, from which department."""

    id: str
    title: str
    department: str | None = None  # department id
    category: str | None = None  # category id
    years: tuple[int, ...] | None = None  # None: any one year will do
    min: int = 1  # documents needed per slot
    keywords: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    per_school: tuple[tuple[str, Any], ...] | None = None  # (field, allowed values) filters over the registry
    severity: str = "required"  # required | recommended
    basis: str = ""  # the policy clause it comes from
    calendar_years: bool = False  # evidence must report on calendar years (budgets, 决算, audits), not school years
    file: str = ""  # checklist file, relative to the archive root
    line: int = 0
    parent: str = ""  # per_kind: the id written in the checklist (this item is one of its kinds)
    kind: str = ""  # per_kind: the kind's name (残疾儿童, 第一季度 …)
    kind_keywords: tuple[str, ...] = ()  # per_kind: a document must also carry one of these
    register: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # (key, column names) of a register table

    @property
    def required(self) -> bool:
        return self.severity == "required"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id, "title": self.title, "department": self.department, "category": self.category,
            "years": list(self.years) if self.years else None, "min": self.min,
            "keywords": list(self.keywords), "types": list(self.types),
            "per_school": {k: v for k, v in self.per_school} if self.per_school else None,
            "severity": self.severity, "basis": self.basis, "calendar_years": self.calendar_years,
            "file": self.file, "line": self.line,
            **({"parent": self.parent, "kind": self.kind, "kind_keywords": list(self.kind_keywords)}
               if self.parent else {}),
            **({"register": {k: list(v) for k, v in self.register}} if self.register else {}),
        }

    @property
    def yearly_filters(self) -> tuple[str, ...]:
        """The per_school filters this item decides year by year from the statistics."""
        return tuple(key for key, allowed in self.per_school or () if key in YEARLY_FILTERS and allowed)

    def register_columns(self, key: str) -> tuple[str, ...]:
        """The column names a register gives for ``key`` (school, filled, class, closed)."""
        return dict(self.register or ()).get(key, ())


def checklist_files(config: ArchiveConfig) -> list[Path]:
    """The checklist files of an archive, in name order."""
    folder = config.checklists_dir
    if not folder.is_dir():
        return []
    files = [*folder.glob("*.yml"), *folder.glob("*.yaml")]
    return sorted(p for p in files if p.name not in NOT_CHECKLISTS)


def load_checklists(config: ArchiveConfig, paths: list[Path] | None = None) -> list[ChecklistItem]:
    """Read and validate every checklist; raise one ConfigError listing all errors."""
    errors: list[Message] = []
    items: list[ChecklistItem] = []
    seen: dict[str, ChecklistItem] = {}
    for path in checklist_files(config) if paths is None else paths:
        for item in _load_file(config, path, errors):
            first = seen.setdefault(item.id, item)
            if first is not item:
                errors.append(message("checklist.duplicate_id", file=item.file, line=item.line, id=item.id,
                                first_file=first.file, first_line=first.line))
                continue
            items.append(item)
    if errors:
        raise ConfigError(*errors)
    return items


def _load_file(config: ArchiveConfig, path: Path, errors: list[Message]) -> list[ChecklistItem]:
    """Items of one file; errors are appended, bad items skipped."""
    file = config.relative(path)
    try:
        data = yamlio.load(path)
    except yaml.YAMLError as exc:
        errors.append(yamlio.file_problem(exc, file, "checklist.bad_yaml"))
        return []
    except UnicodeDecodeError:
        errors.append(message("checklist.not_utf8", file=file))
        return []
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        errors.append(message("checklist.no_items", file=file, line=yamlio.line_of(data, 1)))
        return []
    for key in data:
        if key not in FILE_KEYS:
            errors.append(message("checklist.unknown_file_key", file=file, line=yamlio.line_of(data, 1), field=key,
                            known=", ".join(FILE_KEYS)))
    items = []
    for raw in data["items"]:
        item = _parse_item(config, raw, file, yamlio.line_of(raw, yamlio.line_of(data["items"])), errors)
        if item is not None:
            items.extend(_expand_kinds(item, raw, errors))
    return items


def _parse_item(config: ArchiveConfig, raw: Any, file: str, line: int, errors: list[Message]) -> ChecklistItem | None:
    """One item, or None after appending its errors."""
    if not isinstance(raw, dict):
        errors.append(message("checklist.item_not_mapping", file=file, line=line))
        return None
    before = len(errors)
    where = {"file": file, "line": line, "id": raw.get("id", "?")}
    for key in raw:
        if key not in ITEM_KEYS:
            errors.append(message("checklist.unknown_key", **where, field=key, suggest=_suggest(str(key), ITEM_KEYS)))
    item_id, title = raw.get("id"), raw.get("title")
    if not isinstance(item_id, (str, int)) or not str(item_id).strip() or any(c.isspace() for c in str(item_id)):
        errors.append(message("checklist.bad_id", **where))
    if not isinstance(title, str) or not title.strip():
        errors.append(message("checklist.no_title", **where))
    fields: dict[str, Any] = {
        "department": _registry_id(config, raw.get("department"), "department", where, errors),
        "category": _registry_id(config, raw.get("category"), "category", where, errors),
        "years": _years(raw, where, errors),
        "min": _min(raw, where, errors),
        **_match(raw.get("match"), where, errors),
        "per_school": _per_school(raw.get("per_school"), where, errors),
        "severity": _severity(raw, where, errors),
        "basis": str(raw.get("basis") or ""),
        "calendar_years": _calendar_years(raw, where, errors),
        "register": _register(raw, where, errors),
    }
    _per_kind(raw.get("per_kind"), where, errors)
    if len(errors) > before:
        return None
    return ChecklistItem(id=str(item_id).strip(), title=str(title).strip(), file=file, line=line, **fields)


def _show(value: Any) -> str:
    """A YAML value as the user wrote it, lists without brackets and quotes."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _suggest(value: str, choices: Any) -> str:
    """The closest known names, as a comma-separated list (may be empty)."""
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.4)
    return ", ".join(close) if close else ", ".join(list(choices)[:6]) + ", …"


def _registry_id(config: ArchiveConfig, value: Any, kind: str, where: dict, errors: list[Message]) -> str | None:
    """Resolve a department or category name, alias or id to its id."""
    if value is None or value == "":
        return None
    found = config.department(str(value)) if kind == "department" else config.category(str(value))
    if found is not None:
        return found.id
    entries = config.departments if kind == "department" else config.categories
    names = [n for e in entries for n in (e.name, *e.aliases, e.id)]
    errors.append(message(f"checklist.unknown_{kind}", **where, value=value, suggest=_suggest(str(value), names)))
    return None


def _years(raw: dict, where: dict, errors: list[Message]) -> tuple[int, ...] | None:
    """``years``: a range, a list or one year; omitted means any year."""
    if raw.get("years") in (None, "", "any"):
        return None
    years = parse_year_range(raw["years"])
    if not years:
        errors.append(message("checklist.bad_years", **where, value=_show(raw["years"])))
    return years


def _calendar_years(raw: dict, where: dict, errors: list[Message]) -> bool:
    """``calendar_years``: true when evidence must cover calendar years, not school years (default false)."""
    value = raw.get("calendar_years", False)
    if not isinstance(value, bool):
        errors.append(message("checklist.bad_calendar_years", **where))
        return False
    return value


def _min(raw: dict, where: dict, errors: list[Message]) -> int:
    """``min``: documents needed per slot, a whole number ≥ 1."""
    value = raw.get("min", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        errors.append(message("checklist.bad_min", **where, value=value))
        return 1
    return value


def _severity(raw: dict, where: dict, errors: list[Message]) -> str:
    """``severity``: required (default) or recommended."""
    value = raw.get("severity", "required")
    if value not in SEVERITIES:
        errors.append(message("checklist.bad_severity", **where, value=value))
        return "required"
    return value


def _text_list(value: Any) -> list[str] | None:
    """A string or a list of strings as a list; None when it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    return None


def _match(value: Any, where: dict, errors: list[Message]) -> dict[str, tuple[str, ...]]:
    """``match: {keywords: [...], types: [...]}`` -> keywords and types fields."""
    if value is None:
        return {"keywords": (), "types": ()}
    if not isinstance(value, dict):
        errors.append(message("checklist.bad_match", **where))
        return {"keywords": (), "types": ()}
    for key in value:
        if key not in MATCH_KEYS:
            errors.append(message("checklist.unknown_match_key", **where, field=key))
    keywords = _text_list(value.get("keywords", []))
    types = _text_list(value.get("types", []))
    if keywords is None or any(not k.strip() for k in keywords):
        errors.append(message("checklist.bad_keywords", **where))
        keywords = []
    types = [ty.lower().lstrip(".") for ty in types or []] if types is not None else None
    if types is None or any(ty not in SUPPORTED_TYPES for ty in types):
        errors.append(message("checklist.bad_types", **where, known=", ".join(SUPPORTED_TYPES)))
        types = []
    return {"keywords": tuple(k.strip() for k in keywords), "types": tuple(types)}


def _per_school(value: Any, where: dict, errors: list[Message]) -> tuple[tuple[str, Any], ...] | None:
    """``per_school: {level: [小学, 初中], boarding: true}`` -> validated (field, allowed) pairs."""

    if value is None:
        return None
    if value is True or value == "all":
        return ()
    if not isinstance(value, dict):
        errors.append(message("checklist.bad_per_school", **where))
        return None
    filters = []
    for key, allowed in value.items():
        kind = SCHOOL_FILTERS.get(key)
        if kind is None:
            errors.append(message("checklist.unknown_school_field", **where, field=key, known=", ".join(SCHOOL_FILTERS)))
            continue
        parsed = _filter_value(kind, allowed)
        if parsed is None or (key == "level" and any(v not in LEVELS for v in parsed)):
            errors.append(message("checklist.bad_school_filter", **where, field=key, value=_show(allowed),
                            expected=t(f"checklist.expect_{kind}") if key != "level" else " | ".join(LEVELS)))
            continue
        filters.append((key, parsed))
    return tuple(filters)


def _filter_value(kind: str, allowed: Any) -> Any:
    """Normalise one filter value: a tuple of texts, a bool or an int; None if malformed."""

    if kind == "text":
        values = _text_list(allowed)
        return tuple(v.strip() for v in values) if values else None
    if kind == "bool":
        return allowed if isinstance(allowed, bool) else parse_bool(allowed)
    if isinstance(allowed, bool) or not isinstance(allowed, int) or allowed < 0:
        return None
    return allowed


def _per_kind(value: Any, where: dict, errors: list[Message]) -> dict[str, tuple[str, tuple[str, ...]]] | None:
    """``per_kind: {slug: {name: 残疾儿童, keywords: [残疾]}}`` -> slug -> (name, keywords), validated."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        errors.append(message("checklist.bad_per_kind", **where))
        return None
    kinds = {}
    for slug, spec in value.items():
        if not isinstance(slug, str) or not _KIND_SLUG.match(slug):
            errors.append(message("checklist.bad_kind_slug", **where, value=slug))
            continue
        if not isinstance(spec, dict) or set(spec) - set(KIND_KEYS):
            errors.append(message("checklist.bad_kind", **where, kind=slug, known=", ".join(KIND_KEYS)))
            continue
        name, keywords = spec.get("name"), _text_list(spec.get("keywords"))
        if not isinstance(name, str) or not name.strip() or not keywords or any(not k.strip() for k in keywords):
            errors.append(message("checklist.bad_kind", **where, kind=slug, known=", ".join(KIND_KEYS)))
            continue
        kinds[slug] = (name.strip(), tuple(k.strip() for k in keywords))
    return kinds


def _expand_kinds(item: ChecklistItem, raw: dict, errors: list[Message]) -> list[ChecklistItem]:
    """An item with ``per_kind`` becomes one item per kind (``<id>-<slug>``), each needing its own evidence."""
    kinds = _per_kind(raw.get("per_kind"), {"file": item.file, "line": item.line, "id": item.id}, [])
    if not kinds:
        return [item]
    return [replace(item, id=f"{item.id}-{slug}", title=kind_title(item.title, name), parent=item.id, kind=name,
                    kind_keywords=keywords)
            for slug, (name, keywords) in kinds.items()]


def kind_title(title: str, kind: str) -> str:
    """The title of one kind of an item: ``入学花名册（残疾儿童）``."""
    return f"{title}（{kind}）"


def _register(raw: dict, where: dict, errors: list[Message]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """``register: {school: [学校], filled: [证号], class: [班级], closed: [销号情况]}`` for per-school items."""
    value = raw.get("register")
    if value is None:
        return None
    if raw.get("per_school") is None:
        errors.append(message("checklist.register_needs_per_school", **where))
        return None
    if not isinstance(value, dict) or "school" not in value:
        errors.append(message("checklist.bad_register", **where, known=", ".join(REGISTER_KEYS)))
        return None
    out = []
    for key, columns in value.items():
        names = _text_list(columns)
        if key not in REGISTER_KEYS or not names or any(not n.strip() for n in names):
            errors.append(message("checklist.bad_register", **where, known=", ".join(REGISTER_KEYS)))
            continue
        out.append((key, tuple(n.strip() for n in names)))
    return tuple(out)


def school_matches(item: ChecklistItem, school: Any) -> bool:
    """Whether a school passes an item's per_school filter."""

    for key, allowed in item.per_school or ():
        if key in YEARLY_FILTERS:  # decided year by year in item_slots
            continue
        value = school.value("students") if key.endswith("_students") else school.value(key)
        if key == "min_students" and (value is None or value < allowed):
            return False
        if key == "max_students" and (value is None or value > allowed):
            return False
        if isinstance(allowed, bool) and bool(value) is not allowed:  # boarding, canteen
            return False
        if isinstance(allowed, tuple) and _norm(value) not in {_norm(a) for a in allowed}:
            return False
    return True


def _norm(text: str | None) -> str:
    """NFC and case-folded, for keyword comparison."""
    import unicodedata

    return unicodedata.normalize("NFC", text or "").casefold()
