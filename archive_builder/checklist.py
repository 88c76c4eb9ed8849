"""Checklists: YAML files in checklists/ describing what evidence the policy demands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    per_school: dict[str, Any] | None = None  # filter over the school registry
    severity: str = "required"  # required | recommended
    basis: str = ""  # the policy clause it comes from
    file: str = ""  # checklist file, relative to the archive root
    line: int = 0
