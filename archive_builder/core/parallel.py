"""Cache-warming work spread over the machine's cores.

The cold stages that dominate a large build (reading PDF/DOCX text, segmenting Chinese for the
site's search) are independent per document and write their results to a cache. They run here in
worker processes; the pipeline then reads the warm cache in its usual single, ordered pass, so
results and their order do not depend on the number of workers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

log = logging.getLogger(__name__)

#: Below this many items the start-up of worker processes costs more than it saves.
MIN_ITEMS = 64


def workers() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def warm(task: Callable[[Any], None], items: Sequence[Any], progress: Callable[[int, int], None] | None = None,
         min_items: int | None = None) -> None:
    """Run ``task`` on every item, in parallel when worthwhile; failures are left to the ordered pass.

    ``min_items`` lowers the threshold for costly items (a scan's OCR takes seconds).
    """
    count = workers()
    if count < 2 or len(items) < (min_items or MIN_ITEMS):
        return
    chunk = max(1, len(items) // (count * 8))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=count) as pool:
            for _ in pool.map(_quiet(task), items, chunksize=chunk):
                done += 1
                if progress:
                    progress(done, len(items))
    except (OSError, RuntimeError) as exc:  # no process support here: the ordered pass does the work
        log.info("parallel warm-up skipped: %s", exc)


def gather(task: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``task`` of every item on every core, in order; [] when not worthwhile or not possible.

    For work whose results the caller stores itself (an in-memory cache); failures give None.
    """
    count = workers()
    if count < 2 or len(items) < MIN_ITEMS:
        return []
    try:
        with ProcessPoolExecutor(max_workers=count) as pool:
            return list(pool.map(_quiet(task), items, chunksize=max(1, len(items) // (count * 8))))
    except (OSError, RuntimeError) as exc:
        log.info("parallel gather skipped: %s", exc)
        return []


class _quiet:
    """A picklable wrapper that never lets one item's failure stop the pool."""

    def __init__(self, task: Callable[[Any], None]) -> None:
        self.task = task

    def __call__(self, item: Any) -> Any:
        try:
            return self.task(item)
        except Exception as exc:  # the ordered pass reports it properly
            log.debug("warm-up of %r failed: %s", item, exc)
            return None
