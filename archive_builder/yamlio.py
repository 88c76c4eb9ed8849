"""YAML loading that remembers line numbers, so config errors can name file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping that knows the 1-based line it started on."""

    line: int = 0


class LineList(list):
    """A sequence that knows the 1-based line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):  # type: ignore[override]
        seq = LineList(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        return seq


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


def loads(text: str) -> Any:
    """Parse YAML text; mappings and lists carry ``.line``."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


#: libyaml's parser when PyYAML was built with it (the Debian and PyPI wheels are): the same safe
#: constructors, about ten times faster on the thousands of small frontmatter blocks a scan reads.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_loads(text: str) -> Any:
    """Parse YAML text with the safe loader (libyaml's parser when available); no line numbers."""
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)  # noqa: S506 - a safe loader


def load(path: Path) -> Any:
    """Parse a YAML file (UTF-8, BOM allowed)."""
    return loads(path.read_text(encoding="utf-8-sig"))


def line_of(value: Any, default: int = 0) -> int:
    """The line a loaded mapping or list started on, if known."""
    return getattr(value, "line", default)


def error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML syntax error points at."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None
