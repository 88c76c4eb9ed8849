"""The difference coefficient (差异系数) as the national method defines it, student-weighted.

With school totals Rᵢ and students nᵢ, xᵢ = Rᵢ/nᵢ, N = Σnᵢ, X̄ = ΣRᵢ/N, S = √(Σ(nᵢ/N)(xᵢ − X̄)²), CV = S/X̄.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Spread:
    """The weighted mean, standard deviation and coefficient of variation of per-student values."""

    mean: float
    std: float
    cv: float | None  # None when the mean is zero
    values: list[float]
    terms: list[float]


def difference_coefficient(students: Sequence[float], totals: Sequence[float]) -> Spread:
    """Student-weighted 差异系数 of school totals; students must all be positive."""
    if not students or len(students) != len(totals):
        raise ValueError("students and totals must be non-empty and of equal length")
    if any(n <= 0 for n in students):
        raise ValueError("every school needs a positive number of students")
    total_students = float(sum(students))
    mean = float(sum(totals)) / total_students
    values = [r / n for r, n in zip(totals, students)]
    terms = [(n / total_students) * (x - mean) ** 2 for n, x in zip(students, values)]
    std = math.sqrt(sum(terms))
    return Spread(mean=mean, std=std, cv=std / mean if mean else None, values=values, terms=terms)
