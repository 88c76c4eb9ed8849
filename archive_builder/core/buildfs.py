"""What a build does to the disk, done so that faults cost a message, never the site or the next build.

- **One build of an archive at a time.** :func:`build_lock` holds ``.archive-cache/build.lock``
  (``flock``) for the whole build; a second build stops at once with a message naming the process
  that holds it. The kernel drops the lock when that process dies, however it dies.
- **The site changes in one step.** :func:`swap_in` exchanges the new site folder with the old one
  with ``renameat2(RENAME_EXCHANGE)``: at every instant ``site/`` is either the whole old site or the
  whole new one, and it stays a real folder, so inspectors can zip or copy it and ``verify`` and
  ``serve`` need nothing special (a ``site`` symlink to versioned folders would do the same, but a
  copy or a zip tool may copy the link instead of the site). Where the kernel or file system has no
  exchange, two renames are used and a kill between them is repaired by the next build.
- **Leftovers are cleaned.** :func:`clean_leftovers` removes what a killed build left beside the
  site (``.site.building-*``, ``.site.old-*``) and the zip it was writing (``*.zip.part``).
- **The build cache is checked before it is trusted.** :func:`check_build_cache` compares the files
  the next build reuses (``.archive-cache/build/``: pages, bodies, render state, the site key) with
  what the last build recorded (:func:`record_build_cache`); any difference — garbage, a truncated
  write, a file a killed build left — discards the folder with one line of notice, and the build
  makes it again from the other caches.
- **A full disk is one line.** :func:`disk_full_is_one_line` turns ENOSPC (or a quota) anywhere in
  the build into an ArchiveError; the new site is built beside the old one, which is kept.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import json
import logging
import os
import platform
import re
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core.cache import file_sha256, read_regular, write_atomic
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = "build.lock"
RECORD_NAME = "cache-record.json"
#: What a build reuses from .archive-cache/build/ (the theme and mkdocs.yml are written anew every time).
TRUSTED = ("docs", "bodies", "state", "site-key.txt", "indicators.json", "catalogue-pages.json", "last-build.json")
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_LEFTOVER = re.compile(r"\.(?P<kind>building|old)-(?P<pid>\d+)$")


# --- writing a file ------------------------------------------------------------------------------


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user asked for (a report, a workbook) in one step; ArchiveError in one line when the
    disk is full or the folder cannot be written, and a file of that name from before is left as it was."""
    with unwritten_is_one_line(path):
        write_atomic(path, data)


@contextmanager
def unwritten_is_one_line(path: Path) -> Iterator[None]:
    """Turn a failed write of ``path`` in the block (a full disk, a read-only folder) into one ArchiveError."""
    try:
        yield
    except OSError as exc:
        raise ArchiveError(message("output.not_written", path=str(path), reason=exc.strerror or str(exc))) from exc


# --- the lock ------------------------------------------------------------------------------------


#: What an archive keeps beside content/ for the tool to read: a report written over one would lose it.
ARCHIVE_INPUTS = ("archive.yml", "mkdocs.yml", "archive_numbers.csv")
ARCHIVE_INPUT_FOLDERS = ("content", "checklists", "site_config")


def refuse_overwriting_archive(config: ArchiveConfig, output: Path) -> None:
    """A file the tool writes (a report, a workbook, the site's zip) never lands on the archive's own files:
    anything under content/, checklists/ or site_config/, or archive.yml, mkdocs.yml, archive_numbers.csv."""
    target = Path(output).resolve()
    root = config.root.resolve()
    folders = [root / name for name in ARCHIVE_INPUT_FOLDERS] + [config.content_dir.resolve()]
    if target in [root / name for name in ARCHIVE_INPUTS] or any(f == target or f in target.parents for f in folders):
        raise ArchiveError(message("build.file_inside_archive", output=str(output)))


@contextmanager
def build_lock(cache_dir: Path) -> Iterator[None]:
    """Hold the archive's build lock for the block; raise ArchiveError if another build holds it."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    discard_if_not_a_folder(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / LOCK_NAME
    discard_if_not_a_file(path)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read(40).strip() or "?"
            raise ArchiveError(message("build.locked", pid=holder, lock=str(path))) from None
        try:
            _note_holder(handle)
            yield
        finally:
            # Unlock explicitly: worker processes forked during the build share this open file,
            # and would otherwise keep the lock after the build (a second build in `serve --watch`).
            fcntl.flock(handle, fcntl.LOCK_UN)


def _note_holder(handle: Any) -> None:
    """Write this process's id into the lock file, for the message a second build shows (best effort)."""
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
    except OSError:  # a full disk: the lock holds all the same
        pass


# --- swapping the site in --------------------------------------------------------------------------


def swap_in(temp: Path, output: Path) -> None:
    """Put the new site (``temp``) where the old one is, in one step; then delete the old one."""
    if not output.exists() and not output.is_symlink():
        os.rename(temp, output)
        return
    if exchange(temp, output):
        shutil.rmtree(temp, ignore_errors=True)  # now the old site; if this is stopped, the next build cleans it
        return
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    os.replace(output, old)
    try:
        os.replace(temp, output)
    except OSError:
        os.replace(old, output)  # put the old site back before reporting
        raise
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "arm64": 276, "riscv64": 276, "i686": 353, "i386": 353}


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False  # an old kernel, or a file system without the exchange
    raise OSError(code, os.strerror(code), str(second))


def _renameat2() -> Any:
    """libc's renameat2 (glibc 2.28+), else the raw system call, else None."""
    if platform.system() != "Linux":
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover
        return None
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
        return function
    number = _SYS_RENAMEAT2.get(platform.machine())
    if number is None:  # pragma: no cover
        return None
    return lambda *args: libc.syscall(number, *args)  # pragma: no cover - glibc before 2.28


# --- leftovers of killed builds ------------------------------------------------------------------------


def clean_leftovers(output: Path, zip_path: Path | None = None) -> None:
    """Remove temporary sites and zip parts a stopped build left; restore the old site if it vanished."""
    olds = []
    for entry in output.parent.glob(glob.escape(f".{output.name}.") + "*"):
        match = _LEFTOVER.search(entry.name)
        if match is None or entry.name[: match.start()] != f".{output.name}" or _running(int(match["pid"])):
            continue
        if match["kind"] == "old":
            olds.append(entry)
        else:
            shutil.rmtree(entry, ignore_errors=True)
    if olds and not output.exists() and not output.is_symlink():
        newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, output)
        olds.remove(newest)
        log.warning(t("build.site_restored", site=str(output)))
    for entry in olds:
        shutil.rmtree(entry, ignore_errors=True)
    for part in _zip_parts(output, zip_path):
        _remove_leftover(part)


def _remove_leftover(path: Path) -> None:
    """Remove a file a stopped build left; one that cannot be removed (a read-only folder) is a notice:
    the build does not need it gone."""
    if not os.path.lexists(path):
        return  # unlinking nothing in a read-only folder fails too: no notice for what is not there
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning(t("build.leftover_kept", path=str(path), reason=exc.strerror or str(exc)))


def _zip_parts(output: Path, zip_path: Path | None) -> list[Path]:
    """Zips being written by a build that is no longer running."""
    folders = {output.parent} | ({zip_path.parent} if zip_path is not None else set())
    parts = [p for folder in folders for p in folder.glob(".*.zip.part-*")
             if p.name.rsplit("-", 1)[1].isdigit() and not _running(int(p.name.rsplit("-", 1)[1]))]
    if zip_path is not None:
        parts.append(zip_path.with_name(zip_path.name + ".part"))  # the name earlier versions used
    return parts


def zip_part(zip_path: Path) -> Path:
    """Where a zip is written before it is renamed into place."""
    return zip_path.with_name(f".{zip_path.name}.part-{os.getpid()}")


def _running(pid: int) -> bool:
    """Whether another process with this id is alive (its leftovers are its own)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether the process has ended but not been reaped (a killed build whose parent has not waited yet)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (macOS, Windows): a live id counts as running
    return status.rpartition(")")[2].split()[:1] == ["Z"]


# --- the build cache ------------------------------------------------------------------------------------


def discard_if_not_a_folder(cache_dir: Path) -> None:
    """A file or a link (to a folder too: the cache would be written wherever it leads, content/ say) where the
    cache folder belongs is discarded, with one line of notice."""
    if cache_dir.is_symlink() or (cache_dir.exists() and not cache_dir.is_dir()):
        log.warning(t("cache.discarded", path=str(cache_dir)))
        remove(cache_dir)


def check_cache_tree(cache_dir: Path, every_entry: bool = False) -> None:
    """The cache folder as only the tool makes it: a link to a folder anywhere inside is discarded with one
    line of notice before anything reads or writes there (it would lead the cache's writes, and its pruning's
    removals, somewhere else: into content/). A link to a file or a pipe is left to whoever opens it, which does
    so without following or waiting and discards it; with ``every_entry`` (a folder a library opens as it
    likes, the search index) every link and special file is discarded here."""
    discard_if_not_a_folder(cache_dir)
    pending = [str(cache_dir)]
    while pending:
        for entry in _entries(pending.pop()):
            # The kind comes with the folder's listing (no call per entry): the walk costs one listing a folder.
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                continue
            elif every_entry or (entry.is_symlink() and os.path.isdir(entry.path)):
                log.warning(t("cache.discarded", path=entry.path))
                remove(Path(entry.path))


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """The entries of one folder of the cache; none when it cannot be listed (gone, or not a folder)."""
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []


def discard_if_not_a_file(path: Path) -> None:
    """A folder, a link or a pipe where the build keeps a file of its own is discarded, with one line of
    notice: opening it would fail (a folder, a looping link), block (a pipe) or write elsewhere (a link)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        log.warning(t("cache.discarded", path=str(path)))
        remove(path)


def remove(path: Path) -> None:
    """Remove what stands at ``path`` in the cache: a folder with its files, a file, or a link (never its target)."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def check_build_cache(build_dir: Path) -> None:
    """Discard ``build_dir`` (with one line of notice) when what it holds is not what the last build left."""
    files = _trusted_files(build_dir)
    if not files:
        return
    damaged = _first_difference(files, _read_record(build_dir), build_dir)
    if damaged is None:
        return
    log.warning(t("cache.discarded", path=str(build_dir / damaged)))
    shutil.rmtree(build_dir, ignore_errors=True)


def record_build_cache(build_dir: Path) -> None:
    """Remember size, time and SHA-256 of every file the next build will reuse (hashing only changed ones)."""
    old = _read_record(build_dir) or {}
    record = {}
    for rel, found in _trusted_files(build_dir).items():
        known = old.get(rel)
        if not stat.S_ISREG(found.st_mode):
            continue  # not recorded, so the next build discards the tree
        if known and known[0] == found.st_size and known[1] == found.st_mtime_ns:
            record[rel] = known
        else:
            record[rel] = [found.st_size, found.st_mtime_ns, file_sha256(build_dir / rel)]
    write_atomic(build_dir / RECORD_NAME, json.dumps(record).encode("utf-8"))


def settle_build_cache(build_dir: Path, failure: BaseException | None) -> None:
    """After a build: record the cache it leaves, or — after a full disk, whose writes may be cut short — distrust it."""
    if failure is None or disk_full(failure) is None:
        try:
            record_build_cache(build_dir)
            return
        except OSError as exc:
            log.debug("build cache not recorded: %s", exc)
    (build_dir / RECORD_NAME).unlink(missing_ok=True)


def _trusted_files(build_dir: Path) -> dict[str, os.stat_result]:
    """Every file the next build reuses, by path relative to ``build_dir``, with its (l)stat."""
    files: dict[str, os.stat_result] = {}
    base = str(build_dir)
    for name in TRUSTED:
        top = os.path.join(base, name)
        if os.path.isfile(top):
            files[name] = os.lstat(top)
        elif os.path.isdir(top):
            _walk_into(top, name, files)
    return files


def _walk_into(folder: str, rel: str, files: dict[str, os.stat_result]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            entry_rel = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                _walk_into(entry.path, entry_rel, files)
            else:
                files[entry_rel] = entry.stat(follow_symlinks=False)


def _read_record(build_dir: Path) -> dict[str, list[Any]] | None:
    try:
        data = json.loads(read_regular(build_dir / RECORD_NAME))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not all(isinstance(v, list) and len(v) == 3 for v in data.values()):
        return None
    return data


def _first_difference(files: dict[str, os.stat_result], record: dict[str, list[Any]] | None,
                      build_dir: Path) -> str | None:
    """The first file (relative to build_dir) that differs from the record; RECORD_NAME when there is none."""
    if record is None:
        return RECORD_NAME
    for rel, found in sorted(files.items()):
        known = record.get(rel)
        if known is None or not stat.S_ISREG(found.st_mode):  # a link or a pipe is never what a build wrote
            return rel
        if (known[0], known[1]) != (found.st_size, found.st_mtime_ns) and file_sha256(build_dir / rel) != known[2]:
            return rel
    return next((rel for rel in sorted(record) if rel not in files), None)


# --- a full disk ---------------------------------------------------------------------------------------------


def disk_full(exc: BaseException | None) -> OSError | None:
    """The ENOSPC/EDQUOT error an exception is, or was raised from; None otherwise."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
            return exc
        if isinstance(exc, shutil.Error) and (copied := _disk_full_in_copy(exc)) is not None:
            return copied
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


_ERRNO_TEXT = re.compile(r"\[Errno (\d+)\]")


def _disk_full_in_copy(exc: shutil.Error) -> OSError | None:
    """shutil.copytree gathers its failures as (source, destination, message) with the errno only in the text."""
    entries = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
    for entry in entries:
        if isinstance(entry, tuple) and len(entry) == 3:
            match = _ERRNO_TEXT.search(str(entry[2]))
            if match and int(match.group(1)) in _DISK_FULL:
                return OSError(int(match.group(1)), os.strerror(int(match.group(1))), str(entry[1]))
    return None


class DiskFull(ArchiveError):
    """The disk filled up; the message says which file could not be written and what was kept."""


@contextmanager
def disk_full_is_one_line(where: Path, key: str = "build.disk_full") -> Iterator[None]:
    """Turn a full disk anywhere in the block into one DiskFull naming the file that could not be written."""
    try:
        yield
    except DiskFull:
        raise
    except (OSError, ArchiveError) as exc:
        full = disk_full(exc)
        if full is None:
            raise
        # A copy's error names its source first and its destination second: the one not written is the latter.
        raise DiskFull(message(key, path=str(full.filename2 or full.filename or where))) from exc
