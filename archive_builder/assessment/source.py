"""Reading one YAML file of the assessment (profile, standard, timeline) with its file and line in every error.

Errors are collected, not raised: a loader reads the whole file, then raises one ConfigError with
every message, as the checklists loader does.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archive_builder.core import yamlio
from archive_builder.core.config import parse_year_range
from archive_builder.core.errors import Message, message
from archive_builder.core.i18n import has, t
from archive_builder.statistics.schools import LEVELS

#: The comparison a threshold key stands for.
THRESHOLD_KEYS = {"at_least": "≥", "at_most": "≤", "equals": "="}
#: Levels a threshold may name: the registry's, and the two statistics levels they map to.
THRESHOLD_LEVELS = LEVELS


@dataclass(frozen=True)
class Threshold:
    """A target: one value for every school level, or one per level (小学, 初中 …)."""

    op: str  # ≥ ≤ =
    value: float | None = None
    levels: tuple[tuple[str, float], ...] = ()

    def for_level(self, level: str | None) -> float | None:
        """The target for one level (the common value when the threshold names no levels)."""
        if not self.levels:
            return self.value
        return dict(self.levels).get(level or "")

    def passes(self, value: float | None, level: str | None = None) -> bool | None:
        """Whether a value meets the target for its level; None when either is unknown."""
        target = self.for_level(level)
        if value is None or target is None:
            return None
        if self.op == "≥":
            return value >= target
        if self.op == "≤":
            return value <= target
        return abs(value - target) < 1e-9

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "value": self.value, "levels": dict(self.levels) or None}


@dataclass
class Source:
    """One file being read: its name as the user knows it, and the errors met so far."""

    file: str
    errors: list[Message] = field(default_factory=list)
    #: the line a mapping starts on -> the line of each of its keys (loaded mappings know only where they start)
    key_lines: dict[int, dict[str, int]] = field(default_factory=dict)

    def line_for(self, raw: Any, key: str, default: int) -> int:
        """The line of ``key`` in the mapping ``raw`` (``default`` when unknown)."""
        return self.key_lines.get(yamlio.line_of(raw, 0), {}).get(str(key), default)

    def error(self, code: str, line: int, /, **params: Any) -> None:
        """Record an error; every message names the file and the line (and the part of the file, translated)."""
        if "what" in params and has(f"assessment.what.{params['what']}"):
            params["what"] = t(f"assessment.what.{params['what']}")
        self.errors.append(message(code, file=self.file, line=line or "?", **params))

    def load(self, path: Path) -> Any:
        """The file's YAML (mappings carry ``.line``), or None after recording why it cannot be read."""
        try:
            data = yamlio.load(path)
            self.key_lines = _key_lines(path)
            return data
        except yaml.YAMLError as exc:
            self.error("assessment.bad_yaml", yamlio.error_line(exc) or 0,
                       detail=str(getattr(exc, "problem", "") or exc).splitlines()[0])
        except ValueError as exc:  # a YAML date that is not a day (2017-06-31)
            self.error("assessment.bad_value", _bad_scalar_line(path), detail=str(exc))
            return None
        except UnicodeDecodeError:
            self.error("assessment.not_utf8", 1)
        except OSError as exc:
            self.error("assessment.unreadable", 1, detail=str(exc))
        return None

    def mapping(self, raw: Any, line: int, what: str) -> dict[str, Any] | None:
        """``raw`` when it is a mapping, else None after an error."""
        if isinstance(raw, dict):
            return raw
        self.error("assessment.not_mapping", yamlio.line_of(raw, line), what=what)
        return None

    def known_keys(self, raw: dict[str, Any], known: tuple[str, ...], line: int, what: str) -> None:
        """An error per key the format does not know, with the closest known ones."""
        for key in raw:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=3, cutoff=0.5)
                self.error("assessment.unknown_key", self.line_for(raw, key, line), key=key, what=what,
                           known=", ".join(close or known))

    def text(self, raw: dict[str, Any], key: str, line: int, what: str, required: bool = True) -> str:
        """A non-empty string (numbers are taken as text); '' and an error when required and absent."""
        value = raw.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None or required:
            self.error("assessment.bad_text", self.line_for(raw, key, line), key=key, what=what)
        return ""

    def ident(self, raw: dict[str, Any], line: int, what: str) -> str:
        """``id``: ASCII letters, digits, '-' and '_', no spaces (it names pages and JSON keys)."""
        value = raw.get("id")
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not text or not text.isascii() or not all(c.isalnum() or c in "-_" for c in text):
            self.error("assessment.bad_id", self.line_for(raw, "id", line), what=what,
                       value=value if value is not None else "")
            return ""
        return text

    def number(self, raw: dict[str, Any], key: str, line: int, what: str, required: bool = True,
               minimum: float = 0.0) -> float | None:
        """A number ≥ ``minimum``; None (and an error when required or malformed) otherwise."""
        value = raw.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            self.error("assessment.bad_number", self.line_for(raw, key, line), key=key, what=what, value=value,
                       minimum=_num(minimum))
            return None
        return float(value)

    def flag(self, raw: dict[str, Any], key: str, line: int, what: str, default: bool) -> bool:
        """A true/false value."""
        value = raw.get(key, default)
        if not isinstance(value, bool):
            self.error("assessment.bad_flag", self.line_for(raw, key, line), key=key, what=what, value=value)
            return default
        return value

    def texts(self, raw: dict[str, Any], key: str, line: int, what: str, required: bool = False) -> tuple[str, ...]:
        """A string or a list of strings, as a tuple of stripped texts."""
        value = raw.get(key)
        if value is None and not required:
            return ()
        items = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if not isinstance(items, list) or not items or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() for v in items):
            self.error("assessment.bad_list", self.line_for(raw, key, line), key=key, what=what)
            return ()
        return tuple(str(v).strip() for v in items)

    def years(self, raw: dict[str, Any], key: str, line: int, what: str) -> tuple[int, ...] | None:
        """A year, a range (2015-2017) or a list of years; None when absent."""
        if raw.get(key) in (None, ""):
            return None
        years = parse_year_range(raw[key])
        if not years:
            self.error("assessment.bad_years", self.line_for(raw, key, line), key=key, what=what, value=raw[key])
        return years

    def levels(self, raw: dict[str, Any], key: str, line: int, what: str) -> tuple[str, ...]:
        """School levels of the registry (小学, 初中, 九年一贯制, 教学点, 特殊教育)."""
        values = self.texts(raw, key, line, what)
        bad = [v for v in values if v not in LEVELS]
        if bad:
            self.error("assessment.bad_level", self.line_for(raw, key, line), key=key, what=what, value="、".join(bad),
                       known=" | ".join(LEVELS))
            return tuple(v for v in values if v in LEVELS)
        return values

    def threshold(self, raw: dict[str, Any], line: int, what: str, required: bool = True) -> Threshold | None:
        """Exactly one of ``at_least`` / ``at_most`` / ``equals``: a number, or a number per school level."""
        given = [key for key in THRESHOLD_KEYS if key in raw]
        if len(given) != 1:
            if given or required:
                self.error("assessment.bad_threshold", line, what=what, keys=" / ".join(THRESHOLD_KEYS))
            return None
        key = given[0]
        value = raw[key]
        line = self.line_for(raw, key, line)
        if isinstance(value, dict):
            levels = []
            for level, target in value.items():
                if level not in THRESHOLD_LEVELS or isinstance(target, bool) or not isinstance(target, (int, float)):
                    self.error("assessment.bad_level_threshold", yamlio.line_of(value, line), key=key, what=what,
                               level=level, value=target, known=" | ".join(THRESHOLD_LEVELS))
                    continue
                levels.append((str(level), float(target)))
            return Threshold(THRESHOLD_KEYS[key], None, tuple(levels)) if levels else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error("assessment.bad_number", line, key=key, what=what, value=value, minimum="-")
            return None
        return Threshold(THRESHOLD_KEYS[key], float(value))


def _key_lines(path: Any) -> dict[int, dict[str, int]]:
    """For every mapping of the file (by the line it starts on), the line of each key."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return {}
    out: dict[int, dict[str, int]] = {}
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            keys = out.setdefault(node.start_mark.line + 1, {})
            for key, value in node.value:
                keys.setdefault(str(key.value), key.start_mark.line + 1)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return out


def _bad_scalar_line(path: Path) -> int:
    """The line of the first scalar YAML cannot turn into a value (a date that is no day), 0 if none is found."""
    loader = yaml.SafeLoader("")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return 0
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except ValueError:
                return node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(v for pair in node.value for v in pair)
    return 0


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def list_of(src: Source, raw: Any, key: str, line: int, what: str, required: bool = True) -> list[Any]:
    """``raw[key]`` when it is a non-empty list, else [] after an error (when required)."""
    value = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(value, list) and value:
        return value
    if value is not None or required:
        src.error("assessment.bad_list", yamlio.line_of(value, src.line_for(raw, key, line)), key=key, what=what)
    return []
