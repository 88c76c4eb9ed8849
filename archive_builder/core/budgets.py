"""Per-file budgets, so that one hostile file costs one problem line and never the whole build.

Three budgets besides the Office-package limits of ``readers/budget.py``:

- **Markdown nesting.** Python-Markdown's time grows with the square of a body's nesting (a
  400-level list takes 0.7 s, 5,000 levels take hours), so a body nested deeper than
  MAX_MARKDOWN_DEPTH is not rendered as Markdown: :func:`check_markdown_depth` refuses it and the
  page shows its text plain, with a problem line.
- **Time and memory of reading one file.** :func:`bounded` runs a reader in a worker process that
  may use READ_MEMORY bytes of address space more than it started with (``RLIMIT_AS``) and is
  killed after its time budget; a file over budget raises :class:`OverBudget`, and the next file
  gets a fresh worker. One worker serves one process for its lifetime, so the common case —
  thousands of small files — pays a pipe round trip per file, not a process start.

YAML anchors, aliases and nesting in clerks' metadata are refused by ``yamlio.safe_loads``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import re
import signal
import tempfile
from collections.abc import Callable
from typing import Any

from archive_builder.core.i18n import t

try:
    import resource
except ImportError:  # pragma: no cover - Windows: files are read without the worker
    resource = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

#: Seconds one file's reading may take: text layer, tables, headers and properties ...
READ_SECONDS = 120.0
#: ... and this many more per page (or frame) when OCR reads it.
OCR_SECONDS_PER_PAGE = 30.0
#: Pages (or frames) OCR reads in one file at most: a longer scan is read but not OCR'd (a person reviews it),
#: so no more pages than these count towards its time (a PDF's page tree may claim 100,000 pages in 600 bytes)
MAX_OCR_PAGES = 60
#: Seconds the scan's check that a file opens (and counts its pages) may take.
PROBE_SECONDS = 60.0
#: Seconds converting one Word or Excel body to HTML for its page may take (mammoth needs minutes and
#: gigabytes for a DOCX whose text it reads in seconds: 174 s and 2.3 GB for 40 MB of XML, measured).
RENDER_SECONDS = 120.0
#: Bytes of address space one reading may add to its worker. Measured: a DOCX with 150 MB of XML
#: takes 0.7 GB to read, OCR of a scanned page 1.1 GB with its models loaded.
READ_MEMORY = 3 * 1024**3
#: Levels a Markdown body may nest (lists, block quotes, brackets) and still be rendered as Markdown.
MAX_MARKDOWN_DEPTH = 32
#: Seconds converting one Markdown body may take (in the reader worker): Python-Markdown's inline patterns
#: take time growing with the square of a run of unclosed openers ('[a](' 30,000 times took minutes) or of
#: entities and backslashes (1.2 MB of '&amp;' and '\\' ran for more than five minutes); a page takes milliseconds
MARKDOWN_SECONDS = 30.0

#: Elements an HTML body (raw HTML in Markdown, a converted Word file) may nest and still be sanitised and
#: shown as HTML: the sanitiser's parser takes time growing with the square of the nesting (150,000 nested
#: <div>, 1.4 MB, took five minutes); an ordinary page nests a few dozen at most, and a browser's parser
#: stops nesting at 512
MAX_HTML_DEPTH = 500

_MiB = 1024 * 1024
#: The longest wait for a reading (a day): a budget beyond what poll() can take (2**31 ms) is no budget anyway
_LONGEST_WAIT = 86_400.0

#: Bytes one file of content/ may have and still be read: every file is hashed and opened by the scan, and
#: a reader holds it in memory (a 2.6 GB file cost 7.8 GB); a scanned report of a thousand pages is 300 MB
MAX_FILE_BYTES = 512 * _MiB
#: ... and a Markdown, text or CSV file, whose whole text the scan decodes and keeps (a clerk writes kilobytes)
MAX_TEXT_BYTES = 16 * _MiB
#: Bytes of one metadata source: a frontmatter block, a sidecar <name>.yml, a _meta.yml (real ones hold a
#: dozen lines; 50,000 keys were 0.6 MB)
MAX_METADATA_BYTES = 64 * 1024
#: Characters of one metadata value or key (a title, a 文号): each is copied into every listing, the
#: catalogue and the search (a 6-million-character 标题 cost the build 2.6 GB)
MAX_METADATA_VALUE = 4_000


def file_budget(ext: str) -> int:
    """The bytes a file of this type may have and still be read (MAX_TEXT_BYTES for text a clerk writes)."""
    return MAX_TEXT_BYTES if ext in ("md", "txt", "csv") else MAX_FILE_BYTES


def too_long_metadata(data: Any) -> tuple[str, int] | None:
    """The first key (or the key of the first value) longer than MAX_METADATA_VALUE characters, with its
    length; None when every key and value is within the budget. ``data`` is loaded YAML (nesting bounded)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if len(str(key)) > MAX_METADATA_VALUE:
                return str(key)[:40] + "…", len(str(key))
            found = too_long_metadata(value)
            if found is not None:
                return str(key)[:40], found[1]
        return None
    if isinstance(data, list):
        return next((found for found in map(too_long_metadata, data) if found is not None), None)
    length = len(data) if isinstance(data, (str, bytes)) else 0
    return ("", length) if length > MAX_METADATA_VALUE else None


class OverBudget(Exception):
    """A file went over a budget. ``code`` is the message key, ``params`` its values; str() is the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(t(code, **params))
        self.code = code
        self.params = params


# --- Markdown nesting -------------------------------------------------------------------------

#: The start of a line that opens nesting levels: indentation, then block quote and list markers.
_LEAD = re.compile(r"^([ \t]*)((?:(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)+)", re.MULTILINE)
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
_BRACKETS = re.compile(r"\n[ \t]*\n|[\[\]]")


def markdown_depth(text: str, limit: int | None = None) -> tuple[int, int]:
    """The deepest nesting of a Markdown text and the 1-based line where it is reached.

    A line's level is its indentation in pairs of columns plus its quote and list markers; ``[``
    nesting counts too. With ``limit``, the first place deeper than it is returned at once.
    """
    brackets = _bracket_depth(text)
    if limit is not None and brackets[0] > limit:
        return brackets
    depth = where = 0
    line, counted = 1, 0
    for lead in _LEAD.finditer(text):
        level = len(lead.group(1).expandtabs(4)) // 2 + len(_MARKER.findall(lead.group(2)))
        if level > depth:
            line, counted = line + text.count("\n", counted, lead.start()), lead.start()
            depth, where = level, line
            if limit is not None and depth > limit:
                break
    return brackets if brackets[0] > depth else (depth, where)


def _bracket_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of [ ] within one paragraph (a blank line starts again)."""
    if "[" not in text:
        return 0, 0
    depth = best = 0
    at = 0
    for match in _BRACKETS.finditer(text):
        char = match.group(0)
        if char == "[":
            depth += 1
            if depth > best:
                best, at = depth, match.start()
        elif char == "]":
            depth = max(0, depth - 1)
        else:
            depth = 0
    return best, (text.count("\n", 0, at) + 1 if best else 0)


def check_markdown_depth(text: str) -> None:
    """Raise OverBudget when the text nests deeper than MAX_MARKDOWN_DEPTH."""
    depth, line = markdown_depth(text, MAX_MARKDOWN_DEPTH)
    if depth > MAX_MARKDOWN_DEPTH:
        raise OverBudget("budget.markdown_too_deep", depth=depth, line=line, limit=MAX_MARKDOWN_DEPTH)


# --- HTML nesting ----------------------------------------------------------------------------

#: a start or end tag (attributes up to the next < or >)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>")  # not an autolink: <https://…>, <a@b.cn>
#: the elements a Markdown text's raw HTML is written with: in its source only these count, so ``List<String>``
#: or ``<注意>`` in prose or code is no element (the sanitiser, after conversion, counts every element)
_HTML_ELEMENTS = frozenset("a abbr address article aside b bdi bdo blockquote center cite code dd del details dfn "
                           "dialog div dl dt em fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header i "
                           "ins kbd label legend main mark nav ol pre q s samp section small span strong sub summary "
                           "sup table u ul var".split())
#: elements that never hold others, and those whose next sibling closes them (<p><p>, <li><li>): no level
_NOT_NESTING = frozenset("area base br col embed hr img input link meta param source track wbr "
                         "p li dt dd tr td th option optgroup rp rt thead tbody tfoot colgroup caption".split())


def html_depth(html: str, limit: int | None = None, source: bool = False) -> int:
    """How deep the elements of ``html`` nest (unclosed ones count as open); one pass over its tags.

    With ``limit``, counting stops at the first level deeper than it. With ``source``, ``html`` is a
    Markdown text and only HTML's own elements count.
    """
    depth = deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _NOT_NESTING or source and name not in _HTML_ELEMENTS:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if limit is not None and deepest > limit:
                break
    return deepest


def check_html_depth(html: str, source: bool = False) -> None:
    """Raise OverBudget when ``html`` (with ``source``: a Markdown text's raw HTML) nests deeper than
    MAX_HTML_DEPTH (its text is then shown plain)."""
    if html.count("<") <= MAX_HTML_DEPTH:
        return
    depth = html_depth(html, MAX_HTML_DEPTH, source)
    if depth > MAX_HTML_DEPTH:
        raise OverBudget("budget.html_too_deep", limit=MAX_HTML_DEPTH)


# --- reading one file in a worker ----------------------------------------------------------------


def read_seconds(pages: int | None, ocr: bool) -> float:
    """The time budget of reading one file: READ_SECONDS, and OCR_SECONDS_PER_PAGE per page when OCR may run.

    The pages counted are the file's own claim, so they are capped at MAX_OCR_PAGES, the most OCR reads:
    a claim of 100,000 pages would otherwise be a budget of 35 days, that is none.
    """
    return READ_SECONDS + (OCR_SECONDS_PER_PAGE * min(max(pages or 1, 1), MAX_OCR_PAGES) if ocr else 0.0)


def bounded(fn: Callable[..., Any], *args: Any, seconds: float) -> Any:
    """``fn(*args)`` in this process's reader worker, within ``seconds`` and READ_MEMORY; raises OverBudget.

    ``fn`` and its arguments must pickle (a module-level function, plain values). Its own
    exceptions are raised here as they were raised there.
    """
    global _worker
    if not _SUPPORTED:
        return fn(*args)
    for _attempt in range(2):
        if _worker is None or not _worker.usable():
            try:
                _worker = _Worker()
            except OSError as exc:  # no process support here: read without the budget
                log.info("reader worker not started: %s", exc)
                return fn(*args)
        try:
            return _worker.run(fn, args, seconds)
        except _WorkerGone:  # it had ended before this file was sent: start another
            _worker.stop()
    return fn(*args)  # pragma: no cover - two workers in a row gone before a task


#: Where the worker can be had: fork and rlimits (Linux, the BSDs, macOS).
_SUPPORTED = resource is not None and "fork" in multiprocessing.get_all_start_methods()


class _WorkerGone(Exception):
    """The worker was not there to take the task."""


def stop_worker() -> None:
    """End this process's reader worker (a new one starts when needed)."""
    global _worker
    if _worker is not None and _worker.usable():
        _worker.stop()
    _worker = None


class _Worker:
    """One child process that reads files one at a time under the budgets."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")  # inherits the loaded readers: no start-up import
        self.conn, child = context.Pipe()
        #: the worker's standard error: a reader that dies (a Rust abort prints its backtrace) must not
        #: reach the terminal, where the file's one problem line says what happened
        self.stderr = tempfile.TemporaryFile()
        self.process = context.Process(target=_serve, args=(child, self.conn, self.stderr.fileno()), daemon=True,
                                       name="archive-builder-reader")
        self.process.start()
        child.close()
        self.owner = os.getpid()
        self.alive = True

    def usable(self) -> bool:
        """Alive, and this process's own (a forked pool worker must not talk through its parent's pipe)."""
        return self.alive and self.owner == os.getpid()

    def run(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> Any:
        try:
            self.conn.send((fn, args, READ_MEMORY))
        except (BrokenPipeError, ConnectionResetError):
            raise _WorkerGone from None
        if not self.conn.poll(min(seconds, _LONGEST_WAIT)):
            self.stop()
            raise OverBudget("budget.over_time", seconds=f"{seconds:.0f}")
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            self._died()
        if status == "memory":
            self.stop()
            raise over_memory()
        if status == "error":
            raise payload
        return payload

    def _died(self) -> None:
        """The worker ended in the middle of a file (a crash, or the kernel's OOM killer)."""
        self.process.join(5)
        code = self.process.exitcode
        self.stderr.seek(0)
        said = self.stderr.read(400).decode("utf-8", "replace").strip().splitlines()
        self.stop()
        name = signal.Signals(-code).name if code is not None and code < 0 else str(code)
        log.debug("reader worker ended (%s): %s", name, said[0] if said else "")
        raise OverBudget("budget.crashed", signal=name, megabytes=READ_MEMORY // _MiB)

    def stop(self) -> None:
        """Kill the worker and everything it started (antiword, catdoc)."""
        self.alive = False
        if self.process.pid is None:  # never started
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass
        self.process.join(5)
        self.conn.close()
        self.stderr.close()


_worker: _Worker | None = None


# --- inside the worker -------------------------------------------------------------------------


def _serve(conn: Any, parent_end: Any, stderr: int) -> None:
    """The worker's loop: one task at a time until the pipe closes; its standard error goes to ``stderr``."""
    parent_end.close()
    os.setpgid(0, 0)  # its own group: a timeout kills the readers' subprocesses too
    os.dup2(stderr, 2)
    while True:
        try:
            fn, args, memory = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        os.ftruncate(2, 0)  # what the last file's reading said is not kept
        os.lseek(2, 0, os.SEEK_SET)
        reply = _run(fn, args, memory)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # an exception that does not pickle
            conn.send(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}"[:300] or str(exc))))
        if reply[0] == "memory":
            return  # a fresh worker for the next file: this one's heap may be spent


def _run(fn: Callable[..., Any], args: tuple[Any, ...], memory: int) -> tuple[str, Any]:
    """``fn(*args)`` with the address space capped ``memory`` bytes above the worker's present size.

    A failed allocation surfaces in many guises (MemoryError, libxml2's "unknown error", a reader
    that catches it and reports the file broken), so a failure is also put down to memory when
    this task pushed the worker's peak address space to within a margin of the cap.
    """
    peak = _peak_address_space()
    limits, cap = _cap_address_space(memory)
    try:
        result = fn(*args)
    except MemoryError:
        return "memory", None
    except Exception as exc:  # noqa: BLE001 - handed to the caller as raised
        return ("memory", None) if _out_of_memory(exc) or _hit_cap(peak, cap, memory) else ("error", exc)
    finally:
        if limits is not None:
            resource.setrlimit(resource.RLIMIT_AS, limits)
    if getattr(result, "ok", True) is False and _hit_cap(peak, cap, memory):  # a reader's own failure report
        return "memory", None
    return "ok", result


def _cap_address_space(memory: int) -> tuple[tuple[int, int] | None, int | None]:
    """Cap RLIMIT_AS ``memory`` bytes above the present size: (the limits to restore, the cap), or (None, None)."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _address_space() + memory
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError) as exc:  # no /proc, or a system that will not cap: the time budget still holds
        log.debug("address space not capped: %s", exc)
        return None, None
    return (soft, hard), cap


def _hit_cap(peak_before: int | None, cap: int | None, memory: int) -> bool:
    """Whether this task raised the worker's peak address space to within a margin of the cap."""
    peak = _peak_address_space()
    if cap is None or peak is None or peak_before is None or peak <= peak_before:
        return False
    return peak >= cap - min(256 * _MiB, memory // 8)


#: How libraries word a failed allocation (libxml2, zlib, glibc, numpy).
_NO_MEMORY = re.compile(r"memory allocation failed|out of memory|cannot allocate memory|unable to allocate",
                        re.IGNORECASE)


def says_out_of_memory(text: str) -> bool:
    """Whether a reader's message is a failed allocation (a reader may catch the error and report it)."""
    return bool(_NO_MEMORY.search(text or ""))


def over_memory() -> OverBudget:
    """The overrun a failed allocation in the worker stands for."""
    return OverBudget("budget.over_memory", megabytes=READ_MEMORY // _MiB)


def _out_of_memory(exc: BaseException | None) -> bool:
    """Whether an exception (or one it was raised from) is a failed allocation."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError) or says_out_of_memory(str(exc)):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _address_space() -> int:
    """This process's address space in bytes (VmSize)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _peak_address_space() -> int | None:
    """The largest address space this process has had (VmPeak), in bytes; None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None
