"""Archive configuration and the department/category registry, validated once at the edge."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from archive_builder.core import cache
from archive_builder.core.errors import ConfigError, Message, message
from archive_builder.core.model import Category, Department
from archive_builder.core.privacy import mask_text

CONFIG_FILE = Path("site_config") / "archive.yml"
CACHE_DIR = ".archive-cache"
#: The parsed registry files, kept in the cache folder for ``load_config(root, snapshot=True)``.
SNAPSHOT_FILE = "config.json"
_SNAPSHOT_FORMAT = 1
_SCALARS = {
    "name": str, "county": str, "fonds": str, "doc_class": str,
    "default_retention": str, "indicator_profile": str,
}
_KNOWN_KEYS = set(_SCALARS) | {"years", "departments", "categories", "statistics", "funding", "assessment_year"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DEFAULTS_FILE = "archive_builder/defaults/archive.yml"
#: How a school year (2016-2017学年) maps to an archive year: the year it starts in, or ends in.
SCHOOL_YEAR_RULES = ("start", "end")
FUNDING_LEVELS = ("小学", "初中")
_FUNDING_KEYS = ("region", "benchmark", "small_school", "transfer_floor")


def norm_key(text: str) -> str:
    """Normalise a name for lookup: NFC, trimmed, case-folded."""
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


@dataclass(frozen=True)
class FundingRate:
    """A per-pupil amount a year for each school level, the years it holds for, and where it comes from."""

    years: tuple[int, ...]
    per_pupil: tuple[tuple[str, float], ...]  # (小学, 600.0), (初中, 800.0)
    source: str

    def rate(self, level: str) -> float | None:
        """Yuan per pupil a year for one level, or None when the rule names none."""
        return dict(self.per_pupil).get(level)

    def to_dict(self) -> dict[str, Any]:
        return {"years": list(self.years), "per_pupil_yuan": dict(self.per_pupil), "source": self.source}


@dataclass(frozen=True)
class FundingRules:
    """The funding rules behind the small-school figures, each with its value and its source.

    ``benchmark`` is the per-pupil public-funding benchmark (生均公用经费基准定额) that a school under
    ``small_school_size`` pupils is funded at as if it had that many; ``transfer_floor`` is the
    minimum of the rural transfer payment (农村税费改革转移支付) per pupil.
    """

    region: str = ""
    benchmark: tuple[FundingRate, ...] = ()
    small_school_size: int = 100
    small_school_source: str = ""
    transfer_floor: tuple[FundingRate, ...] = ()

    def benchmark_for(self, year: int) -> FundingRate | None:
        """The benchmark in force in a year, or None when the archive configures none."""
        return next((rate for rate in self.benchmark if year in rate.years), None)

    def transfer_floor_for(self, year: int) -> FundingRate | None:
        """The transfer-payment floor in force in a year, or None."""
        return next((rate for rate in self.transfer_floor if year in rate.years), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "benchmark": [r.to_dict() for r in self.benchmark],
            "small_school": {"size": self.small_school_size, "source": self.small_school_source},
            "transfer_floor": [r.to_dict() for r in self.transfer_floor],
        }


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
    school_year_rule: str = "start"
    funding: FundingRules = field(default_factory=lambda: FundingRules())
    assessment_year: int = 0  # the year the assessment judges targets on; 0: the last archive year
    _lookup_dept: dict[str, Department] = field(default_factory=dict, repr=False)
    _lookup_cat: dict[str, Category] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._lookup_dept = _build_lookup(self.departments)
        self._lookup_cat = _build_lookup(self.categories)
        if not self.assessment_year and self.years:
            self.assessment_year = max(self.years)

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
        groups = [y for y in years if y is not None]
        if len(groups) < len(years):
            return None
        return tuple(sorted({y for group in groups for y in group}))
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—~～至到]\s*(\d{4}))?\s*年?\s*", value)
        if match:
            start = int(match.group(1))
            end = int(match.group(2) or start)
            if 1949 <= start <= end <= 2100:
                return tuple(range(start, end + 1))
    return None


def load_config(root: Path, snapshot: bool = False) -> ArchiveConfig:
    """Read the built-in registry, apply ``site_config/archive.yml``; report every error at once.

    With ``snapshot``, the two files as parsed are kept in the cache folder (``SNAPSHOT_FILE``) under
    the hash of their bytes, and read from there while neither file changes: a search then needs no
    YAML parser (importing PyYAML costs more than the query). The snapshot holds only what the files
    say, so the configuration is validated exactly as when they are parsed.
    """
    root = Path(root)
    if not (root / "content").is_dir():
        raise ConfigError(message("config.no_content", root=str(root)))
    override_path = root / CONFIG_FILE
    defaults_text = _defaults_text()
    override_bytes = _read_bytes(override_path)
    key = _snapshot_key(defaults_text, override_bytes) if snapshot else None
    errors: list[Message] = []
    parsed = _read_snapshot(root, key) if key else None
    if parsed is not None:
        data, override = parsed
    else:
        from archive_builder.core import yamlio  # lazy: a configuration read from its snapshot never loads PyYAML

        data = yamlio.loads(defaults_text)
        override = _read_override(override_bytes, errors) if override_bytes is not None else None
    config = _configure(root, data, override, errors)
    if key and parsed is None:
        _write_snapshot(root, key, data, override)
    return config


def _configure(root: Path, data: dict[str, Any], override: dict[str, Any] | None,
               errors: list[Message]) -> ArchiveConfig:
    """The configuration from the built-in registry and the archive's own file, both parsed."""
    rules = _rules(data, DEFAULTS_FILE, errors)
    if override is not None:
        data = _merge(data, override, str(CONFIG_FILE), errors)
        rules.update(_rules(override, str(CONFIG_FILE), errors))
    config = _build(root, data, errors, str(CONFIG_FILE), rules)
    if errors or config is None:  # no config comes without errors
        raise ConfigError(*errors)
    return config


def _defaults_text() -> str:
    return resources.files("archive_builder").joinpath("defaults/archive.yml").read_text("utf-8")


def _read_defaults() -> dict[str, Any]:

    from archive_builder.core import yamlio  # lazy: a configuration read from its snapshot never loads PyYAML

    return yamlio.loads(_defaults_text())


def _read_bytes(path: Path) -> bytes | None:
    """The bytes of ``path``, None when there is no such file."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _read_override(raw: bytes, errors: list[Message]) -> dict[str, Any]:
    import yaml

    from archive_builder.core import yamlio  # lazy: a configuration read from its snapshot never loads PyYAML


    try:  # as a file read in text mode: a BOM dropped, every line ending made "\n"
        data = yamlio.loads(raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))
    except yaml.YAMLError as exc:
        errors.append(yamlio.file_problem(exc, str(CONFIG_FILE), "config.bad_yaml"))
        return {}
    except UnicodeDecodeError:
        errors.append(message("config.not_utf8", file=str(CONFIG_FILE)))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(message("config.not_mapping", file=str(CONFIG_FILE), line=1))
        return {}
    return data


def _line_of(value: Any, default: int = 0) -> int:
    """The line a parsed mapping or list started on, if known (``yamlio.line_of``, which is not
    imported here: it imports PyYAML, which a configuration read from its snapshot does not need)."""
    return getattr(value, "line", default)


def _snapshot_key(defaults_text: str, override: bytes | None) -> str:
    """A hash of both registry files' contents (the archive's own file absent is a content too)."""
    digest = hashlib.sha256(f"{_SNAPSHOT_FORMAT}\0".encode())
    digest.update(defaults_text.encode("utf-8"))
    digest.update(b"\0absent" if override is None else b"\0present\0" + override)
    return digest.hexdigest()


def _read_snapshot(root: Path, key: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    """The parsed files kept under ``key``, or None (no snapshot, other files, another format, damaged)."""
    kept = cache.read_entry(root / CACHE_DIR / SNAPSHOT_FILE, _SNAPSHOT_FORMAT,
                            valid=lambda entry: isinstance(entry["defaults"], dict))
    if kept is None or kept.get("key") != key:
        return None
    override = kept.get("override")
    return kept["defaults"], override if isinstance(override, dict) else None


def _write_snapshot(root: Path, key: str, data: dict[str, Any], override: dict[str, Any] | None) -> None:
    """Keep the parsed files when JSON holds them exactly (a YAML date or a number key it would not)
    and they hold no personal number."""
    kept = {"key": key, "defaults": data, "override": override}
    try:
        encoded = cache.encode_entry(_SNAPSHOT_FORMAT, kept)
    except (TypeError, ValueError):
        return
    if json.loads(encoded) != {cache.RULES: _SNAPSHOT_FORMAT, **kept}:
        return
    if mask_text(encoded.decode("utf-8"))[1]:  # no file the tool writes holds a personal number: parse each time
        return
    try:
        cache.write_atomic(root / CACHE_DIR / SNAPSHOT_FILE, encoded)
    except OSError:  # a read-only archive: every search parses the files, as without a snapshot
        pass


def _merge(base: dict[str, Any], override: dict[str, Any], file: str, errors: list[Message]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in _KNOWN_KEYS:
            errors.append(message("config.unknown_key", file=file, line=_line_of(override), key=key))
            continue
        if key in ("departments", "categories"):
            merged[key] = _merge_entries(base[key], value, file, key, errors)
        elif key in ("statistics", "funding"):
            continue  # validated on their own by _rules, each file with its own line numbers
        else:
            merged[key] = value
    return merged


def _merge_entries(base: list[Any], extra: Any, file: str, key: str, errors: list[Message]) -> list[Any]:
    if not isinstance(extra, list):
        errors.append(message("config.not_list", file=file, line=_line_of(extra), key=key))
        return base
    by_id = {entry["id"]: dict(entry) for entry in base}
    for entry in extra:
        if not isinstance(entry, dict) or "id" not in entry:
            errors.append(message("config.entry_without_id", file=file, line=_line_of(entry, _line_of(extra)), key=key))
            continue
        merged = by_id.setdefault(entry["id"], {})
        merged.update(entry)
        merged.setdefault("_line", _line_of(entry))
    return list(by_id.values())


def _build(root: Path, data: dict[str, Any], errors: list[Message], file: str,
           rules: dict[str, Any] | None = None) -> ArchiveConfig | None:
    for key, kind in _SCALARS.items():
        if not isinstance(data.get(key), kind):
            errors.append(message("config.bad_value", file=file, line=_line_of(data), key=key))
    years = parse_year_range(data.get("years"))
    if years is None:
        errors.append(message("config.bad_years", file=file, line=_line_of(data), value=data.get("years")))
    departments = tuple(_entries(data["departments"], Department, file, errors))
    categories = tuple(_entries(data["categories"], Category, file, errors))
    _check_unique_names(departments, file, errors)
    _check_unique_names(categories, file, errors)
    assessment_year = _assessment_year(data, years or (), file, _key_line(root / CONFIG_FILE, "assessment_year"),
                                       errors)
    rules = rules or {}
    funding = FundingRules(**{k: v for k, v in rules.items() if k in _FUNDING_FIELDS})
    if errors:
        return None
    return ArchiveConfig(
        root=root, name=data["name"], county=data["county"], years=years or (),
        departments=departments, categories=categories, fonds=data["fonds"],
        doc_class=data["doc_class"], default_retention=data["default_retention"],
        indicator_profile=data["indicator_profile"], school_year_rule=rules.get("school_year", "start"),
        funding=funding, assessment_year=assessment_year,
    )


def _key_line(path: Path, key: str) -> int:
    """The line a top-level key is written on in a config file (1 when it cannot be told)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def _assessment_year(data: dict[str, Any], years: tuple[int, ...], file: str, line: int, errors: list[Message]) -> int:
    """``assessment_year``: one of the archive years (default: the last one)."""
    value = data.get("assessment_year")
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or (years and value not in years):
        errors.append(message("config.bad_assessment_year", file=file, line=line, value=value,
                        years=f"{min(years)}-{max(years)}" if years else "-"))
        return 0
    return value


def _entries(raw: list[dict[str, Any]], kind: type, file: str, errors: list[Message]) -> list[Any]:
    out = []
    for entry in raw:
        line = entry.get("_line") or _line_of(entry)
        entry_id, name = str(entry.get("id", "")), entry.get("name")
        if not _ID_RE.match(entry_id) or not isinstance(name, str):
            errors.append(message("config.bad_entry", file=file, line=line, id=entry_id))
            continue
        fields = {"id": entry_id, "name": name, "aliases": tuple(str(a) for a in entry.get("aliases") or ())}
        if kind is Department:
            fields["code"] = str(entry.get("code") or entry_id.upper()[:4])
        out.append(kind(**fields))
    return out


def _check_unique_names(entries: tuple[Any, ...], file: str, errors: list[Message]) -> None:
    seen: dict[str, str] = {}
    for entry in entries:
        for key in (entry.id, entry.name, *entry.aliases):
            owner = seen.setdefault(norm_key(key), entry.id)
            if owner != entry.id:
                errors.append(message("config.name_clash", file=file, name=key, first=owner, second=entry.id))


# ---------------------------------------------------------------------------
# statistics: and funding: — rules with their sources, validated per file

_FUNDING_FIELDS = ("region", "benchmark", "small_school_size", "small_school_source", "transfer_floor")


def _rules(data: dict[str, Any], file: str, errors: list[Message]) -> dict[str, Any]:
    """The ``statistics`` and ``funding`` settings of one file, validated; keys it does not set are absent."""
    out: dict[str, Any] = {}
    statistics = data.get("statistics")
    if statistics is not None:
        out.update(_statistics(statistics, file, _line_of(data), errors))
    funding = data.get("funding")
    if funding is not None:
        out.update(_funding(funding, file, _line_of(data), errors))
    return out


def _statistics(raw: Any, file: str, line: int, errors: list[Message]) -> dict[str, Any]:
    """``statistics: {school_year: start | end}``."""
    if not isinstance(raw, dict):
        errors.append(message("config.not_section", file=file, line=line, key="statistics"))
        return {}
    line = _line_of(raw, line)
    for key in raw:
        if key != "school_year":
            errors.append(message("config.unknown_sub_key", file=file, line=line, key=f"statistics.{key}",
                            known="school_year"))
    rule = raw.get("school_year", "start")
    if rule not in SCHOOL_YEAR_RULES:
        errors.append(message("config.bad_school_year_rule", file=file, line=line, value=rule))
        return {}
    return {"school_year": rule} if "school_year" in raw else {}


def _funding(raw: Any, file: str, line: int, errors: list[Message]) -> dict[str, Any]:
    """``funding:`` -> FundingRules fields (only those this file sets)."""
    if not isinstance(raw, dict):
        errors.append(message("config.not_section", file=file, line=line, key="funding"))
        return {}
    line = _line_of(raw, line)
    for key in raw:
        if key not in _FUNDING_KEYS:
            errors.append(message("config.unknown_sub_key", file=file, line=line, key=f"funding.{key}",
                            known=", ".join(_FUNDING_KEYS)))
    out: dict[str, Any] = {}
    if "region" in raw:
        if not isinstance(raw["region"], str) or not raw["region"].strip():
            errors.append(message("config.funding_no_region", file=file, line=line))
        else:
            out["region"] = raw["region"].strip()
    elif any(key in raw for key in ("benchmark", "transfer_floor")):  # new rates must say where they hold
        errors.append(message("config.funding_no_region", file=file, line=line))
    for key in ("benchmark", "transfer_floor"):
        if key in raw:
            out[key] = _rates(raw[key], file, line, f"funding.{key}", errors)
    if "small_school" in raw:
        out.update(_small_school(raw["small_school"], file, line, errors))
    return out


def _rates(raw: Any, file: str, line: int, key: str, errors: list[Message]) -> tuple[FundingRate, ...]:
    """A list of ``{years, 小学, 初中, source}`` entries whose years do not overlap."""
    if not isinstance(raw, list) or not raw:
        errors.append(message("config.funding_not_list", file=file, line=_line_of(raw, line), key=key))
        return ()
    rates: list[FundingRate] = []
    for entry in raw:
        rate = _rate(entry, file, _line_of(entry, _line_of(raw, line)), key, errors)
        if rate is None:
            continue
        clash = next((y for other in rates for y in rate.years if y in other.years), None)
        if clash is not None:
            errors.append(message("config.funding_overlap", file=file, line=_line_of(entry, line), key=key,
                            year=clash))
            continue
        rates.append(rate)
    return tuple(rates)


def _rate(entry: Any, file: str, line: int, key: str, errors: list[Message]) -> FundingRate | None:
    """One rate entry, or None after appending its errors."""
    if not isinstance(entry, dict):
        errors.append(message("config.funding_not_list", file=file, line=line, key=key))
        return None
    before = len(errors)
    for name in entry:
        if name not in ("years", "source", *FUNDING_LEVELS):
            errors.append(message("config.unknown_sub_key", file=file, line=line, key=f"{key}.{name}",
                            known=", ".join(("years", *FUNDING_LEVELS, "source"))))
    years = parse_year_range(entry.get("years"))
    if not years:
        errors.append(message("config.funding_bad_years", file=file, line=line, key=key, value=entry.get("years")))
    per_pupil = []
    for level in FUNDING_LEVELS:
        value = entry.get(level)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            errors.append(message("config.funding_bad_amount", file=file, line=line, key=key, level=level, value=value))
            continue
        per_pupil.append((level, float(value)))
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        errors.append(message("config.funding_no_source", file=file, line=line, key=key))
    if len(errors) > before:
        return None
    return FundingRate(years or (), tuple(per_pupil), str(source).strip())


def _small_school(raw: Any, file: str, line: int, errors: list[Message]) -> dict[str, Any]:
    """``small_school: {size: 100, source: …}``."""
    line = _line_of(raw, line)
    if not isinstance(raw, dict):
        errors.append(message("config.not_section", file=file, line=line, key="funding.small_school"))
        return {}
    for name in raw:
        if name not in ("size", "source"):
            errors.append(message("config.unknown_sub_key", file=file, line=line, key=f"funding.small_school.{name}",
                            known="size, source"))
    size, source = raw.get("size"), raw.get("source")
    size_ok = not isinstance(size, bool) and isinstance(size, int) and size >= 1
    if not size_ok:
        errors.append(message("config.funding_bad_size", file=file, line=line, value=size))
    if not isinstance(source, str) or not source.strip():
        errors.append(message("config.funding_no_source", file=file, line=line, key="funding.small_school"))
        return {}
    return {"small_school_size": size, "small_school_source": source.strip()} if size_ok else {}
