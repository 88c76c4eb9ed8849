"""Whether a binary file really is what its extension says, and its page count, for the scan.

The readers (``archive_builder.inventory.readers``) do the opening; this module gives the scan its cacheable
result type and one checker per binary extension. None raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from archive_builder.core import budgets
from archive_builder.inventory import readers


@dataclass
class FileCheck:
    """Whether the file opens, its page count if known, and the problem code if not."""

    ok: bool = True
    pages: int | None = None
    problem: str | None = None  # catalogue key, e.g. scan.broken_pdf
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _checker(ext: str) -> Callable[[bytes], FileCheck]:
    def check(data: bytes) -> FileCheck:
        try:  # in the reader worker: a file that would take the scan down is one problem
            probe = budgets.bounded(readers.probe, data, ext, seconds=budgets.PROBE_SECONDS)
        except budgets.OverBudget as exc:
            return FileCheck(ok=False, problem="scan.too_large", detail=str(exc))
        if not probe.ok and budgets.says_out_of_memory(probe.detail):  # the reader caught the failed allocation
            return FileCheck(ok=False, problem="scan.too_large", detail=str(budgets.over_memory()))
        return FileCheck(**asdict(probe))

    check.__doc__ = f"Whether the bytes open as a .{ext} file."
    return check


#: One checker per binary extension the scan accepts (text files are decoded instead).
CHECKERS: dict[str, Callable[[bytes], FileCheck]] = {
    ext: _checker(ext) for ext, family in readers.FAMILIES.items() if family not in ("text", "csv")
}
