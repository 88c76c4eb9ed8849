"""YAML loading that remembers line numbers, so config errors can name file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from archive_builder.core.errors import Message, message
from archive_builder.core.i18n import t


class LineDict(dict):
    """A mapping that knows the 1-based line it started on."""

    line: int = 0


class LineList(list):
    """A sequence that knows the 1-based line it started on."""

    line: int = 0


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: archive.yml in 2 ms, not 10


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]  # a base chosen at import time
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = LineList(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        return seq


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """An integer, or :class:`Refused` with its line when it has more digits than Python converts (4,300).

    PyYAML's own constructor raises a bare ValueError there, with no file or line to show.
    """
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise Refused("scan.yaml_number_too_long", node.start_mark) from None


_INT_TAG = "tag:yaml.org,2002:int"
_LineLoader.add_constructor(_INT_TAG, _construct_int)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence
)


def loads(text: str) -> Any:
    """Parse YAML text; mappings and lists carry ``.line``.

    Anchors, aliases and deep nesting are refused (:class:`Refused`) in every file the tool reads:
    config, checklists, waivers and targets as much as a clerk's metadata.
    """
    refuse_hostile(text)
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


#: libyaml's parser when PyYAML was built with it (the Debian and PyPI wheels are): the same safe
#: constructors, about ten times faster on the thousands of small frontmatter blocks a scan reads.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeysLoader(_FAST_SAFE_LOADER):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """The safe loader, refusing a mapping that names one key twice (PyYAML keeps the last silently, so
    ``密级: 机密`` followed by ``密级: 公开`` would publish a classified document)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _value in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key_node.tag == "tag:yaml.org,2002:merge":  # <<: its keys give way to the mapping's own
                    raise Refused("scan.yaml_merge_key", key_node.start_mark)
                if key is not None and key in seen:
                    raise Refused("scan.yaml_duplicate_key", key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_UniqueKeysLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeysLoader.construct_mapping)
_UniqueKeysLoader.add_constructor(_INT_TAG, _construct_int)


#: Metadata nested deeper than this is refused: libyaml's composer recurses, and about 100,000 levels
#: crash the process; real frontmatter, sidecars and _meta.yml nest two or three levels.
MAX_DEPTH = 32
_NESTING = "[{-:?"  # every nesting level needs one of these characters
_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class Refused(yaml.MarkedYAMLError):
    """YAML a clerk's metadata may not use: an anchor or alias (``&name``, ``*name``), or deep nesting.

    Aliases are how a 400-byte "billion laughs" block expands to gigabytes once its values are
    copied; nobody needs them to write a title and a date. ``code`` is the scan's message key.
    """

    def __init__(self, code: str, mark: Any) -> None:
        self.code = code
        super().__init__(problem_mark=mark)

    @property
    def problem(self) -> str:
        """The sentence a person reads (the first line of ``str(exc)``), translated only when asked for."""

        return t(self.code, line=self.problem_mark.line + 1 if self.problem_mark else "?")

    @problem.setter
    def problem(self, value: Any) -> None:  # MarkedYAMLError's __init__ sets it; the code decides
        pass


def safe_loads(text: str) -> Any:
    """Parse clerks' YAML with the safe loader (libyaml's parser when available); no line numbers.

    Raises :class:`Refused` (a YAMLError with the line) for anchors, aliases and nesting deeper
    than MAX_DEPTH, before anything is built, and for a key named twice in one mapping.
    """
    refuse_hostile(text)
    return yaml.load(text, Loader=_UniqueKeysLoader)  # noqa: S506 - a safe loader


def refuse_hostile(text: str) -> None:
    """Raise :class:`Refused` for an anchor, an alias or nesting deeper than MAX_DEPTH in ``text``.

    One pass over the parser's events, skipped when the text cannot hold an alias or deep nesting.
    A syntax error is raised as the parser finds it.
    """
    if "&" not in text and "*" not in text and sum(text.count(c) for c in _NESTING) < MAX_DEPTH:
        return  # the common case: about 1 µs, against 30 µs for the event pass
    depth = 0
    for event in yaml.parse(text, Loader=_FAST_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise Refused("scan.yaml_alias", event.start_mark)
        if isinstance(event, _START):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused("scan.yaml_too_deep", event.start_mark)
        elif isinstance(event, _END):
            depth -= 1


def parse_events(text: str) -> Iterator[yaml.Event]:
    """The parser's events of ``text`` (nothing constructed: a tag is only read), for a rule about tags."""
    return yaml.parse(text, Loader=_FAST_SAFE_LOADER)


def file_problem(exc: yaml.YAMLError, file: str, key: str) -> Message:
    """The message for a YAML file that did not load: a refusal says what and how to fix it, else ``key``."""

    line = error_line(exc) or "?"
    code = refused_code(exc)
    if code:
        return message(f"{code}_in_file", file=file, line=line)
    return message(key, file=file, line=line)


def refused_code(exc: yaml.YAMLError) -> str | None:
    """The message key of a refusal by :func:`safe_loads`, None for an ordinary syntax error."""
    return exc.code if isinstance(exc, Refused) else None


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
