"""Whether a binary file really is what its extension says, and its page count, for the scan.

The readers (``archive_builder.readers``) do the opening; this module gives the scan its cacheable
result type and one checker per binary extension. None raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from . import readers


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
        return FileCheck(**asdict(readers.probe(data, ext)))

    check.__doc__ = f"Whether the bytes open as a .{ext} file."
    return check


#: One checker per binary extension the scan accepts (text files are decoded instead).
CHECKERS: dict[str, Callable[[bytes], FileCheck]] = {
    ext: _checker(ext) for ext, family in readers.FAMILIES.items() if family not in ("text", "csv")
}
