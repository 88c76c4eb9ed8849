"""The school registry: content/data/schools.csv or .xlsx, Chinese or English headers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Problem

LEVELS = ("小学", "初中", "九年一贯制", "教学点", "特殊教育")


@dataclass(frozen=True)
class School:
    """One school of the county."""

    name: str
    id: str
    level: str
    township: str = ""
    boarding: bool = False
    students: int | None = None
    classes: int | None = None


@dataclass
class SchoolRegistry:
    """All schools, and the problems met while reading them."""

    schools: list[School] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None  # path relative to content/
