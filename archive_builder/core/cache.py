"""The one cache every stage keeps in ``.archive-cache/``: entries under one rule, written in one way.

- **One rule.** An entry is addressed by a content hash (of a file, a text, the registry files …) and
  holds the rules version it was made under (``{"rules": …, …}``); the stage states its own version
  (``extract.rules_version()``, ``privacy.mark_rules_version()``, a format number). An entry of other
  rules reads as absent and is made again, silently: that is how an older tool's cache is redone.
- **Damage costs one line.** An entry that cannot be read — not JSON, not what its stage wrote, a
  folder, a named pipe or a link in its place, nested too deep — is discarded with one line of notice (``cache.entry_discarded``)
  and reads as absent; the stage makes it again. Never a traceback.
- **One atomic writer.** :func:`write_atomic` writes a temporary file in the target's folder and
  renames it into place, so a reader sees the old entry or the new one, never part of one; when the
  write fails the temporary file is removed and the error raised. There is no ``fsync``: an entry cut
  short by a power failure reads as damaged and is made again. :func:`write_entry` turns a failed write
  into a debug line (a cache that cannot be written only costs time; a full disk is reported by the
  build where it matters), unless the stage asks for the error.
- **A cache does not grow without bound.** A :class:`Store` (one file per entry) keeps what
  :meth:`Store.prune` is told to keep, and nothing else; a cache kept as one file holds only what its
  stage wrote into it this run.

Who keeps what: the text of each file (``text/``, review.extract) and the review's findings
(``review.json``), the scan (``scan.json``), the search index's manifest (``index/manifest.json``), the
configuration snapshot (``config.json``), the site search's keys and state (``search/sitesearch/``) and
bodies prepared on other cores (``build/prepared/``), the indicators section and the catalogue's class
pages (``build/indicators.json``, ``build/catalogue-pages.json``). The build's working tree — the
Markdown pages, their stored bodies, each document's render state, the listings' keys and
``site-key.txt`` — is written with :func:`write_atomic` alone and guarded as a whole by buildfs's record
(a file changed since the last build discards the tree); so are archive_numbers.csv and the filled
pages of the site.

Only the standard library and the message lookup are imported here: ``archive-builder search`` reads
the configuration snapshot through this module and must start light.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import stat
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from archive_builder.core.i18n import t

log = logging.getLogger(__name__)

RULES = "rules"  # the field of every entry that names the rules it was made under
Valid = Callable[[dict[str, Any]], bool]


# --- writing ------------------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` in one step (temp file in the same folder, then ``os.replace``).

    The file gets the mode any file this process writes gets (0o666 less the umask), so a page of
    the site is as readable as one written directly. Raises OSError (a full disk, a read-only
    folder …) with ``path`` as it was and no temp file left.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _open_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _open_temp(path: Path) -> tuple[int, Path]:
    """A new file beside ``path`` (``.<name>.<pid>-<random>.tmp``) that no other writer has."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def encode_entry(rules: Any, payload: dict[str, Any]) -> bytes:
    """An entry as stored: its payload with the rules it was made under (TypeError/ValueError if not JSON)."""
    return json.dumps({RULES: rules, **payload}, ensure_ascii=False, allow_nan=False).encode("utf-8")


def write_entry(path: Path, rules: Any, payload: dict[str, Any], *, strict: bool = False) -> bool:
    """Write one entry atomically; False when it could not be written (raised instead with ``strict``)."""
    try:
        write_atomic(path, encode_entry(rules, payload))
    except OSError as exc:
        if strict:
            raise
        log.debug("cache entry not written: %s: %s", path, exc)
        return False
    return True


# --- reading --------------------------------------------------------------------------------------------


def read_entry(path: Path, rules: Any, valid: Valid | None = None) -> dict[str, Any] | None:
    """The payload stored at ``path`` under ``rules``; None when missing, of other rules, or damaged
    (then discarded with one line of notice). ``valid`` tells what its stage writes from what it does not."""
    path = Path(path)
    try:
        data = json.loads(read_regular(path, MAX_ENTRY_BYTES))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        discard_damaged(path)
        return None
    if data.get(RULES) != rules:
        return None  # made under other rules (an older tool's, or before a rule changed): made again
    payload = {key: value for key, value in data.items() if key != RULES}
    if valid is not None and not _is_valid(valid, payload):
        discard_damaged(path)
        return None
    return payload


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (a file of any size costs one buffer)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


#: bigger than any entry the tool writes (the scan's record of 10,000 files is a few MB): damage, not read whole
MAX_ENTRY_BYTES = 256 * 1024 * 1024


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``; OSError when anything else stands there, or when it is
    bigger than ``limit``.

    A named pipe would block the reader for ever and a link may lead anywhere (a device, a loop), so
    the file is opened without following a link and without waiting, and read only if it is a file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if limit is not None and found.st_size > limit:
            raise OSError(errno.EFBIG, "bigger than any entry the tool writes", str(path))
        return handle.read()


def fields_of(kind: type) -> Valid:
    """A ``valid`` callback for entries that are a dataclass's fields: every field known, each value of its
    declared type (``str``, ``int``, ``float``, ``bool``, ``X | None``), so ``"text": 12345`` is damage."""

    def valid(entry: dict[str, Any]) -> bool:
        hints = _field_types(kind)
        return set(entry) <= set(hints) and all(_of_type(value, hints[name]) for name, value in entry.items())

    return valid


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(kind: type) -> dict[str, Any]:
    """Each field of the dataclass ``kind`` and its declared type (found once per class)."""
    if kind not in _FIELD_TYPES:
        import typing

        hints = typing.get_type_hints(kind)
        _FIELD_TYPES[kind] = {name: hints[name] for name in vars(kind)["__dataclass_fields__"]}
    return _FIELD_TYPES[kind]


def _of_type(value: Any, hint: Any) -> bool:
    import typing

    for option in typing.get_args(hint) or (hint,):
        if option is type(None):
            if value is None:
                return True
        elif option is bool or isinstance(value, bool):
            if option is bool and isinstance(value, bool):
                return True
        elif option is float:
            if isinstance(value, (int, float)):
                return True
        elif isinstance(option, type) and isinstance(value, option):
            return True
    return False


def _is_valid(valid: Valid, payload: dict[str, Any]) -> bool:
    try:
        return bool(valid(payload))
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return False


def discard_damaged(path: Path) -> None:
    """Say in one line that the entry at ``path`` was damaged, and remove it (it reads as absent)."""
    log.warning(t("cache.entry_discarded", path=str(path)))
    discard(path)


def discard(path: Path) -> None:
    """Remove what stands at ``path``: a file, a link (never its target), or a folder in a file's place."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache entry not removed: %s: %s", path, exc)


# --- a folder of entries -------------------------------------------------------------------------------------


class Store:
    """Entries one file each, ``<folder>/<key[:2]>/<key><suffix>``, under one rules version.

    Files beside an entry whose names start with its key (``<key>.over-budget``) belong to it and go
    with it when it is pruned.
    """

    def __init__(self, folder: Path, rules: Any, valid: Valid | None = None, suffix: str = ".json") -> None:
        self.folder, self.rules, self.valid, self.suffix = Path(folder), rules, valid, suffix

    def path(self, key: str) -> Path:
        """Where the entry of ``key`` is kept."""
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def has(self, key: str) -> bool:
        """Whether an entry of ``key`` is on disk (of any rules: cheap, for deciding what to make first)."""
        return self.path(key).is_file()

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry of ``key`` made under this store's rules, or None."""
        return read_entry(self.path(key), self.rules, self.valid)

    def put(self, key: str, payload: dict[str, Any], *, strict: bool = False) -> bool:
        """Keep ``payload`` as the entry of ``key``; False when it could not be written."""
        return write_entry(self.path(key), self.rules, payload, strict=strict)

    def prune(self, keep: Collection[str]) -> int:
        """Remove every entry whose key is not in ``keep`` (and temp files of stopped writes); how many."""
        removed = 0
        try:
            groups = [entry for entry in os.scandir(self.folder) if entry.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        for group in groups:
            removed += self._prune_group(Path(group.path), keep)
        return removed

    def _prune_group(self, group: Path, keep: Collection[str]) -> int:
        removed = 0
        try:
            entries = list(os.scandir(group))
        except OSError:
            return 0
        for entry in entries:
            name = entry.name
            stopped_write = name.startswith(".") and name.endswith(".tmp")
            if stopped_write or name.split(".", 1)[0] not in keep:
                discard(Path(entry.path))
                removed += 1
        if removed == len(entries):
            try:
                group.rmdir()
            except OSError:
                pass
        return removed
