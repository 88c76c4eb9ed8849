"""Work spread over the machine's cores.

The cold stages that dominate a large build (reading PDF/DOCX text, segmenting Chinese for the
site's search) are independent per document and write their results to a cache. They run here in
worker processes; the pipeline then reads the warm cache in its usual single, ordered pass, so
results and their order do not depend on the number of workers.

:func:`beside` runs one piece of work in a forked process while this one goes on (the site's search
index while mkdocs writes the pages): the same work, the same files, on the other core.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
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


class Beside:
    """Work running in a forked copy of this process; :meth:`wait` returns when it is done and raises
    what it raised. Where there is no fork (or one core), the work runs in :meth:`wait` itself."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._work: Callable[[], None] | None = work
        self._pid = 0
        self._pipe = -1
        if workers() < 2 or not hasattr(os, "fork") or sys.platform == "darwin":
            return  # macOS: forking a process that has loaded system frameworks is not safe
        sys.stdout.flush()
        sys.stderr.flush()  # what this process has not written yet is written once, by this process
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: do the work, say how it ended, and leave without running any cleanup
            os.close(read)
            _run_in_child(work, write)
        os.close(write)
        self._pid, self._pipe, self._work = pid, read, None

    def wait(self) -> None:
        """Wait for the work; raise its exception here if it failed."""
        if self._work is not None:
            work, self._work = self._work, None
            work()
            return
        if not self._pid:
            return
        with os.fdopen(self._pipe, "rb") as pipe:
            reply = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if reply:
            raise pickle.loads(reply)  # written by our own fork a moment ago
        if status != 0:
            raise ChildProcessError(f"background work ended with status {status}")

    def stop(self) -> None:
        """Abandon the work (the build failed elsewhere): end the copy and reap it."""
        self._work = None
        if not self._pid:
            return
        try:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        except OSError:
            pass
        os.close(self._pipe)
        self._pid = 0


def _run_in_child(work: Callable[[], None], pipe: int) -> None:
    code = 0
    try:
        work()
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        code = 1
        try:
            reply = pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an exception that does not pickle is sent as its text
            reply = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
        with os.fdopen(pipe, "wb") as handle:
            handle.write(reply)
    finally:
        for stream in (sys.stdout, sys.stderr):  # the copy's own notices, then leave
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a closed stream has nothing to say
                pass
        os._exit(code)


def beside(work: Callable[[], None]) -> Beside:
    """Start ``work`` on another core; call ``wait()`` on the result before using what it writes."""
    return Beside(work)
