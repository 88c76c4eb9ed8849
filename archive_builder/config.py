"""Archive configuration and the department/category registry, validated once at the edge."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import yamlio
from .errors import ConfigError
from .i18n import t
from .model import Category, Department

CONFIG_FILE = Path("site_config") / "archive.yml"
CACHE_DIR = ".archive-cache"
_SCALARS = {
    "name": str, "county": str, "fonds": str, "doc_class": str,
    "default_retention": str, "indicator_profile": str,
}
_KNOWN_KEYS = set(_SCALARS) | {"years", "departments", "categories"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def norm_key(text: str) -> str:
    """Normalise a name for lookup: NFC, trimmed, case-folded."""
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


@dataclass
class ArchiveConfig:
    """Everything the pipeline needs to know about one archive project."""

    root: Path
    name: str
    county: str
    years: tuple[int, ...]
    departments: tuple[Department, ...]
    categories: tuple[Category, ...]
    fonds: str = "J001"
    doc_class: str = "WS"
    default_retention: str = "永久"
    indicator_profile: str = "basic-2012"
    _lookup_dept: dict[str, Department] = field(default_factory=dict, repr=False)
    _lookup_cat: dict[str, Category] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._lookup_dept = _build_lookup(self.departments)
        self._lookup_cat = _build_lookup(self.categories)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def data_dir(self) -> Path:
        return self.content_dir / "data"

    @property
    def checklists_dir(self) -> Path:
        return self.root / "checklists"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    def relative(self, path: Path) -> str:
        """A path as the user knows it: relative to the archive root when it lies inside."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def department(self, name: str) -> Department | None:
        """Find a department by id, full name or alias."""
        return self._lookup_dept.get(norm_key(name))

    def category(self, name: str) -> Category | None:
        """Find a category by id, full name or alias."""
        return self._lookup_cat.get(norm_key(name))

    def department_by_id(self, dept_id: str) -> Department:
        return next(d for d in self.departments if d.id == dept_id)

    def category_by_id(self, cat_id: str) -> Category:
        return next(c for c in self.categories if c.id == cat_id)


def _build_lookup(entries: tuple[Any, ...]) -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    for entry in entries:
        for key in (entry.id, entry.name, *entry.aliases):
            lookup.setdefault(norm_key(key), entry)
    return lookup


def parse_year_range(value: Any) -> tuple[int, ...] | None:
    """``2014-2017`` / ``2014—2017`` / ``[2014, 2015]`` / ``2016`` -> years, or None if malformed."""
    if isinstance(value, int) and 1949 <= value <= 2100:
        return (value,)
    if isinstance(value, list):
        years = [parse_year_range(v) for v in value]
        if any(y is None for y in years):
            return None
        return tuple(sorted({y for group in years for y in group}))  # type: ignore[union-attr]
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—~～至到]\s*(\d{4}))?\s*年?\s*", value)
        if match:
            start = int(match.group(1))
            end = int(match.group(2) or start)
            if 1949 <= start <= end <= 2100:
                return tuple(range(start, end + 1))
    return None


def load_config(root: Path) -> ArchiveConfig:
    """Read the built-in registry, apply ``site_config/archive.yml``; report every error at once."""
    root = Path(root)
    if not (root / "content").is_dir():
        raise ConfigError(t("config.no_content", root=str(root)))
    data = _read_defaults()
    override_path = root / CONFIG_FILE
    errors: list[str] = []
    if override_path.exists():
        override = _read_override(override_path, errors)
        data = _merge(data, override, str(CONFIG_FILE), errors)
    config = _build(root, data, errors, str(CONFIG_FILE))
    if errors:
        raise ConfigError("\n".join(errors))
    return config  # type: ignore[return-value]


def _read_defaults() -> dict[str, Any]:
    text = resources.files("archive_builder").joinpath("defaults/archive.yml").read_text("utf-8")
    return yamlio.loads(text)


def _read_override(path: Path, errors: list[str]) -> dict[str, Any]:
    try:
        data = yamlio.load(path)
    except yaml.YAMLError as exc:
        errors.append(t("config.bad_yaml", file=str(CONFIG_FILE), line=yamlio.error_line(exc) or "?"))
        return {}
    except UnicodeDecodeError:
        errors.append(t("config.not_utf8", file=str(CONFIG_FILE)))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(t("config.not_mapping", file=str(CONFIG_FILE), line=1))
        return {}
    return data


def _merge(base: dict[str, Any], override: dict[str, Any], file: str, errors: list[str]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in _KNOWN_KEYS:
            errors.append(t("config.unknown_key", file=file, line=yamlio.line_of(override), key=key))
            continue
        if key in ("departments", "categories"):
            merged[key] = _merge_entries(base[key], value, file, key, errors)
        else:
            merged[key] = value
    return merged


def _merge_entries(base: list[Any], extra: Any, file: str, key: str, errors: list[str]) -> list[Any]:
    if not isinstance(extra, list):
        errors.append(t("config.not_list", file=file, line=yamlio.line_of(extra), key=key))
        return base
    by_id = {entry["id"]: dict(entry) for entry in base}
    for entry in extra:
        if not isinstance(entry, dict) or "id" not in entry:
            errors.append(t("config.entry_without_id", file=file, line=yamlio.line_of(entry, yamlio.line_of(extra)), key=key))
            continue
        merged = by_id.setdefault(entry["id"], {})
        merged.update(entry)
        merged.setdefault("_line", yamlio.line_of(entry))
    return list(by_id.values())


def _build(root: Path, data: dict[str, Any], errors: list[str], file: str) -> ArchiveConfig | None:
    for key, kind in _SCALARS.items():
        if not isinstance(data.get(key), kind):
            errors.append(t("config.bad_value", file=file, line=yamlio.line_of(data), key=key))
    years = parse_year_range(data.get("years"))
    if years is None:
        errors.append(t("config.bad_years", file=file, line=yamlio.line_of(data), value=data.get("years")))
    departments = tuple(_entries(data["departments"], Department, file, errors))
    categories = tuple(_entries(data["categories"], Category, file, errors))
    _check_unique_names(departments, file, errors)
    _check_unique_names(categories, file, errors)
    if errors:
        return None
    return ArchiveConfig(
        root=root, name=data["name"], county=data["county"], years=years or (),
        departments=departments, categories=categories, fonds=data["fonds"],
        doc_class=data["doc_class"], default_retention=data["default_retention"],
        indicator_profile=data["indicator_profile"],
    )


def _entries(raw: list[dict[str, Any]], kind: type, file: str, errors: list[str]) -> list[Any]:
    out = []
    for entry in raw:
        line = entry.get("_line") or yamlio.line_of(entry)
        entry_id, name = str(entry.get("id", "")), entry.get("name")
        if not _ID_RE.match(entry_id) or not isinstance(name, str):
            errors.append(t("config.bad_entry", file=file, line=line, id=entry_id))
            continue
        fields = {"id": entry_id, "name": name, "aliases": tuple(str(a) for a in entry.get("aliases") or ())}
        if kind is Department:
            fields["code"] = str(entry.get("code") or entry_id.upper()[:4])
        out.append(kind(**fields))
    return out


def _check_unique_names(entries: tuple[Any, ...], file: str, errors: list[str]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        for key in (entry.id, entry.name, *entry.aliases):
            owner = seen.setdefault(norm_key(key), entry.id)
            if owner != entry.id:
                errors.append(t("config.name_clash", file=file, name=key, first=owner, second=entry.id))
