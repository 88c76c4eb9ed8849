"""Walk ``content/`` and turn every file into a Document with merged metadata, or a Problem.

Metadata precedence, lowest first: the folders (department, category, year folder), the
file name (leading year, stem as title), a Markdown heading, ``_meta.yml`` files from the
outermost folder inward, the sidecar ``<file>.yml``, and Markdown frontmatter. Nothing
here writes under content/; the only write is the scan cache under ``.archive-cache/``.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from archive_builder.core import budgets, yamlio
from archive_builder.core.cache import file_sha256
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.i18n import t
from archive_builder.core.model import (
    SECRET_LEVELS,
    SUPPORTED_TYPES,
    TEXT_TYPES,
    Category,
    Department,
    Document,
    Inventory,
    Problem,
    Severity,
    SourceTable,
)
from archive_builder.core.parallel import gather
from archive_builder.core.privacy import detect_classification, detect_mark, mark_rules_version
from archive_builder.core.textio import DecodeFailed, decode_bytes
from archive_builder.inventory import metadata as meta
from archive_builder.inventory.filecheck import CHECKERS, FileCheck
from archive_builder.inventory.readers import text as text_reader
from archive_builder.inventory.readers.base import ReadFailed
from archive_builder.inventory.scancache import ScanCache, file_stamp

log = logging.getLogger(__name__)

DATA_FOLDER = "data"
TABLE_TYPES = frozenset({"csv", "xlsx", "xls"})
_IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
_META_NAMES = ("_meta.yml", "_meta.yaml")
_SIDECAR_SUFFIXES = (".yml", ".yaml")
_HEADING_RE = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass
class Layer:
    """Metadata from one source, e.g. the folder path or a sidecar file."""

    source: str
    values: dict[str, Any]
    explicit: bool = True  # written by a clerk (not inferred from the path)
    usable: bool = True  # False: a folder-defaults file that is there but cannot be used (broken, misnamed)


@dataclass
class _Walk:
    """State shared while walking one archive."""

    config: ArchiveConfig
    cache: ScanCache
    inventory: Inventory = field(default_factory=Inventory)
    meta_files: dict[Path, Layer | None] = field(default_factory=dict)
    reported: set[tuple[str, str]] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    secret: set[str] = field(default_factory=set)  # files whose metadata states or may state a secret level or 内部
    listings: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # a folder's names by case-folded name
    meta_chains: dict[Path, list[Layer]] = field(default_factory=dict)  # a folder's _meta.yml layers, outermost first

    def problem(self, path: str, severity: Severity, code: str, **params: Any) -> None:
        self.inventory.problems.append(Problem(path, severity, code, params))

    def problem_once(self, path: str, severity: Severity, code: str, **params: Any) -> None:
        if (path, code) not in self.reported:
            self.reported.add((path, code))
            self.problem(path, severity, code, **params)


def scan_archive(config: ArchiveConfig, *, use_cache: bool = True) -> Inventory:
    """Inventory every file under content/: documents, source tables and problems."""
    state = _Walk(config, ScanCache.load(config.cache_dir if use_cache else None))
    content = config.content_dir
    _check_binaries_on_every_core(config, state.cache)
    for path in _walk_files(content, state):
        _scan_file(path, state)
    _report_duplicates(state)
    state.inventory.documents.sort(key=lambda d: d.path)
    state.inventory.suspected = sorted(state.secret)  # the review names their problems as it names secrets
    state.cache.save(keep=state.seen)
    return state.inventory


def _check_binaries_on_every_core(config: ArchiveConfig, cache: ScanCache) -> None:
    """Hash and check unknown PDF/DOCX/XLSX files in worker processes, into the cache.

    Opening each binary (the readers: pypdfium2, python-docx, calamine) is most of a cold scan. The
    ordered pass below then finds every hash and check result in the cache, so its results and
    problems, and their order, are those of a scan on one core.
    """
    quiet = _Walk(config, ScanCache(path=None))  # a walk whose problems the ordered pass reports
    content = config.content_dir
    jobs = []
    for path in _walk_files(content, quiet):
        ext = path.suffix.lower().lstrip(".")
        rel = _rel(path, content)
        if ext not in CHECKERS or rel.split("/")[0] == DATA_FOLDER:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        known = cache.known_hash(rel, stat)
        if known is None or cache.probe(known) is None:
            jobs.append((str(path), rel, ext))
    for found in gather(_hash_and_check, jobs):
        if found is not None:
            rel, size, stamp, sha, check = found
            cache.remember(rel, size, stamp, sha)
            cache.remember_probe(sha, check)


def _hash_and_check(job: tuple[str, str, str]) -> tuple[str, int, str, str, dict[str, Any]] | None:
    path, rel, ext = job
    stat = os.stat(path)
    if stat.st_size > budgets.file_budget(ext):
        return None  # over the size budget: the ordered pass reports it, unread
    with open(path, "rb") as handle:
        data = handle.read(stat.st_size + 1)
    if not data or len(data) != stat.st_size:
        return None  # empty or changing: the ordered pass reports it
    return rel, stat.st_size, file_stamp(stat), hashlib.sha256(data).hexdigest(), CHECKERS[ext](data).to_dict()


# --- walking -----------------------------------------------------------------------------

def _walk_files(content: Path, state: _Walk) -> Iterator[Path]:
    """Yield regular files under content/, refusing links that leave it and bad names."""
    root = content.resolve()
    for dirpath, dirnames, filenames in os.walk(content, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if _keep_folder(here / d, root, state))
        for name in sorted(filenames):
            path = here / name
            if _is_ignored(name) or not _name_ok(path, content, state):
                continue
            if path.is_symlink() and not _link_inside(path, root, content, state):
                continue
            yield path


def _keep_folder(path: Path, root: Path, state: _Walk) -> bool:
    if path.name.startswith(".") or not _name_ok(path, state.config.content_dir, state):
        return False
    if path.is_symlink():
        if _link_inside(path, root, state.config.content_dir, state):
            state.problem(_rel(path, state.config.content_dir), "warning", "scan.symlink_folder")
        return False
    return True


def _is_ignored(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith((".", "~$")) or lowered in _IGNORED_NAMES or lowered in _META_NAMES


def _name_ok(path: Path, content: Path, state: _Walk) -> bool:
    """Names that are not valid UTF-8 (e.g. unpacked from a GBK zip) are reported, not read."""
    try:
        str(path).encode("utf-8")
        return True
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        shown = raw.decode("gb18030", errors="replace")
        base = os.fsencode(content)
        shown = raw[len(base) + 1:].decode("gb18030", errors="replace") if raw.startswith(base) else shown
        state.problem(shown, "error", "scan.bad_name_encoding")
        return False


def _link_inside(path: Path, root: Path, content: Path, state: _Walk) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links (loop1 -> loop2 -> loop1) leads nowhere, inside or out
        try:
            written = os.readlink(path)
        except OSError:
            written = "?"
        state.problem(_rel(path, content), "error", "scan.symlink_outside", target=written)
        return False
    if target == root or root in target.parents:
        return True
    state.problem(_rel(path, content), "error", "scan.symlink_outside", target=str(target))
    return False


def _link_leaves(path: Path, content: Path) -> bool:
    """Whether the link ``path`` leads out of content/ (or nowhere), without a problem line."""
    root = content.resolve()
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError):
        return True
    return not (target == root or root in target.parents)


def _rel(path: Path, content: Path) -> str:
    """``path`` relative to content/, with / between names, in NFC."""
    text, base = str(path), str(content)
    if text.startswith(base) and text[len(base):len(base) + 1] == os.sep:
        return meta.nfc(text[len(base) + 1:].replace(os.sep, "/"))
    return meta.nfc(path.relative_to(content).as_posix())


# --- one file ----------------------------------------------------------------------------

def _scan_file(path: Path, state: _Walk) -> None:
    content = state.config.content_dir
    rel = _rel(path, content)
    parts = rel.split("/")
    ext = path.suffix.lower().lstrip(".")
    if ext in ("yml", "yaml") and _is_sidecar(path, state):
        return
    state.seen.add(rel)
    if parts[0] == DATA_FOLDER and len(parts) > 1:
        _scan_table(path, rel, ext, state)
        return
    place = _resolve_place(parts, content, state)
    if place is None:
        return
    if ext not in SUPPORTED_TYPES:
        hint_ext = ext or "?"
        state.problem(rel, "warning", "scan.unsupported_type", ext=hint_ext)
        return
    _scan_document(path, rel, ext, place, state)


def _is_sidecar(path: Path, state: _Walk) -> bool:
    """A sidecar (<name>.pdf.yml), or a near miss (<stem>.yml beside <stem>.pdf, another case, spacing or
    Unicode form) that its document reports; matched by the same loose form as :func:`_near_sidecar`."""
    if path.with_suffix("").is_file():
        return True
    return bool(_documents_named_like(path, state))


def _documents_named_like(sidecar: Path, state: _Walk) -> list[str]:
    """Supported files beside ``sidecar`` that it was probably meant for (the same name or stem, loosely)."""
    wanted = _loose_name(sidecar.name)
    for suffix in _SIDECAR_SUFFIXES:
        wanted = wanted.removesuffix(suffix)
    return [name for names in _listing(sidecar.parent, state).values() for name in names
            if name != sidecar.name and Path(name).suffix.lower().lstrip(".") in SUPPORTED_TYPES
            and wanted in (_loose_name(name), _loose_name(Path(name).stem))]


def _scan_table(path: Path, rel: str, ext: str, state: _Walk) -> None:
    if ext not in TABLE_TYPES:
        state.problem(rel, "warning", "scan.data_not_table", ext=ext or "?")
        return
    read = _read(path, rel, state, keep=False)
    if read is None:
        return
    _data, sha, stat = read
    title = meta.title_from_filename(path.stem)
    state.inventory.tables.append(
        SourceTable(path=rel, abspath=path, type=ext, title=title, sha256=sha, size=stat.st_size)
    )


def _mentions_secrecy(sidecar: Path) -> bool:
    """Whether a sidecar's text may state a secret level (its document's name then stays out of the problems)."""
    try:
        with open(sidecar, "rb") as handle:
            text = handle.read(1 << 20).decode("utf-8", "replace")
    except OSError:
        return True
    return _text_mentions_secrecy(text)


def _text_mentions_secrecy(text: str) -> bool:
    """Whether metadata text may state a secret level: it mentions 密, or a mark stands in it."""
    return "密" in meta.key_form(text) or detect_classification(text, lines=400) is not None


def _near_sidecar(path: Path, state: _Walk) -> Path | None:
    """A YAML file beside ``path`` meant as its sidecar but not named exactly <name>.yml, if any."""
    folder = path.parent
    exact = {path.name + suffix for suffix in _SIDECAR_SUFFIXES}
    if any(_listed_file(folder, name, state) for name in exact):
        return None
    named = _loose_listing(folder, state)
    wanted = {_loose_name(path.stem) + s for s in _SIDECAR_SUFFIXES} | {_loose_name(n) for n in exact}
    siblings = sorted(folder / name for key in wanted for name in named.get(key, ()))
    return next((p for p in siblings if p.name not in exact and p.is_file()), None)


#: what makes a name only nearly another: spaces and invisible characters anywhere, the width of a dot, an
#: ideographic full stop typed with a Chinese input method, and the .txt Notepad adds when extensions are hidden
_LOOSE_DROPPED = re.compile(r"[\s\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")


def _loose_name(name: str) -> str:
    """A file name as a near-miss sidecar is matched: NFKC, nothing invisible or blank, 。 as a dot, case folded,
    without a trailing .txt."""
    form = _LOOSE_DROPPED.sub("", unicodedata.normalize("NFKC", name)).replace("。", ".").casefold()
    return form.removesuffix(".txt")


def _loose_listing(folder: Path, state: _Walk) -> dict[str, list[str]]:
    """The names in ``folder`` by their loose form (:func:`_loose_name`), listed once per scan."""
    key = f"{folder}\0loose"
    if key not in state.listings:
        loose: dict[str, list[str]] = defaultdict(list)
        for names in _listing(folder, state).values():
            for name in names:
                loose[_loose_name(name)].append(name)
        state.listings[key] = loose
    return state.listings[key]


def _listing(folder: Path, state: _Walk) -> dict[str, list[str]]:
    """The names in ``folder`` by case-folded name, listed once per scan (not once per document in it)."""
    key = str(folder)
    if key not in state.listings:
        named: dict[str, list[str]] = defaultdict(list)
        try:
            for name in sorted(os.listdir(key)):
                named[name.casefold()].append(name)
        except OSError:
            pass
        state.listings[key] = named
    return state.listings[key]


def _listed_file(folder: Path, name: str, state: _Walk) -> bool:
    """``(folder / name).is_file()``, asked of the file system only when the folder's listing holds the name."""
    return _listed(folder, name, state) and (folder / name).is_file()


def _listed(folder: Path, name: str, state: _Walk) -> bool:
    """Whether the folder's listing holds ``name`` exactly (nothing is asked of the file system)."""
    return name in _listing(folder, state).get(name.casefold(), ())


@dataclass
class _Place:
    department: Department
    category: Category
    folder_years: list[int] | None
    year_folder: str | None = None  # the innermost folder named like a year


def _resolve_place(parts: list[str], content: Path, state: _Walk) -> _Place | None:
    """Department and category from the first two folders; a year folder below them."""
    rel = "/".join(parts)
    if len(parts) < 3:
        state.problem(rel, "error", "scan.not_in_category_folder")
        return None
    department = state.config.department(parts[0])
    if department is None:
        names = [d.name for d in state.config.departments] + [d.id for d in state.config.departments]
        state.problem_once(parts[0], "error", "scan.unknown_department_folder",
                           folder=parts[0], suggestions=_suggest(parts[0], names))
        return None
    category = state.config.category(parts[1])
    if category is None:
        names = [c.name for c in state.config.categories] + [c.id for c in state.config.categories]
        state.problem_once("/".join(parts[:2]), "error", "scan.unknown_category_folder",
                           folder=parts[1], suggestions=_suggest(parts[1], names))
        return None
    years, year_folder = None, None
    for folder in parts[2:-1]:
        found = meta.years_from_folder(folder)
        if found:
            years, year_folder = found, folder
    return _Place(department, category, years, year_folder)


def _suggest(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.3)
    return "、".join(close or choices[:6])


def _read(path: Path, rel: str, state: _Walk, *, keep: bool) -> tuple[bytes | None, str, os.stat_result] | None:
    """Hash the file (or reuse the cached hash); with ``keep``, its bytes are returned when they had to be read.

    The size is checked before anything is read: a file over its budget is one problem line, unread.
    Without ``keep`` the hash is streamed, so a large scan is never held whole for it.
    """
    limit = budgets.file_budget(path.suffix.lower().lstrip("."))
    try:
        stat = path.stat()
        if stat.st_size == 0:
            state.problem(rel, "error", "scan.zero_bytes")
            return None
        if stat.st_size > limit:
            _too_large(rel, stat.st_size, limit, state)
            return None
        sha = state.cache.known_hash(rel, stat)
        if sha is not None:
            return None, sha, stat
        data, sha = _read_within(path, limit) if keep else (None, file_sha256(path))
    except OSError as exc:
        state.problem(rel, "error", "scan.unreadable", detail=exc.strerror or str(exc))
        return None
    if data is not None and len(data) > limit:  # it grew after its size was checked
        _too_large(rel, len(data), limit, state)
        return None
    state.cache.remember_hash(rel, stat, sha)
    return data, sha, stat


def _read_within(path: Path, limit: int) -> tuple[bytes, str]:
    """The bytes of ``path`` (at most one more than ``limit``, so a file that grew shows it) and their hash."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    return data, hashlib.sha256(data).hexdigest()


def _too_large(rel: str, size: int, limit: int, state: _Walk) -> None:
    state.problem(rel, "error", "scan.too_large",
                  detail=t("budget.file_too_large", size=_megabytes(size), limit=_megabytes(limit)))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}".removesuffix(".0")


def _scan_document(path: Path, rel: str, ext: str, place: _Place, state: _Walk) -> None:
    read = _read(path, rel, state, keep=ext in TEXT_TYPES)
    if read is None:
        return
    data, sha, stat = read
    body = encoding = None
    layers = _path_layers(path, place, state)
    if ext in TEXT_TYPES:
        data = data if data is not None else _reread(path, rel, state)
        if data is None:
            return
        decoded = _decode(data, rel, state)
        if decoded is None:
            return
        body, encoding = decoded
        if ext == "csv" and not _csv_within_budget(body, rel, state):
            return
        if ext == "md":
            parsed = _frontmatter(body, rel, state)
            if parsed is None:
                return
            front, body = parsed
            layers.append(_heading_layer(body))
            layers.append(Layer("frontmatter", front))
        check = FileCheck()
    else:
        probed = _check_binary(path, rel, ext, sha, data, state)
        if probed is None:
            return
        check = probed
    if not _add_sidecar(path, rel, layers, state):
        return
    unusable = next((layer.source for layer in layers if not layer.usable), None)
    if unusable is not None:  # a folder-defaults file above it is broken or misnamed: it may carry a 密级
        state.problem(rel, "error", "scan.skipped_for_sidecar", sidecar=unusable)
        return
    merged = _merge(layers, place, rel, state)
    if merged is None:
        return
    document = _build_document(rel, path, ext, sha, stat.st_size, merged, body, encoding, check, state)
    document.body_mark = _body_mark(body, state.cache)
    _check_consistency(document, merged, state)
    state.inventory.documents.append(document)


def _body_mark(body: str | None, cache: ScanCache) -> str | None:
    """The mark atop a text document's body ("" for none), looked for again only when the text or the rules changed.

    Keyed by the hash of the body itself, not of the file: the body is what the policy judges, and a new
    decoder or front-matter reader may make another body of the same bytes.
    """
    if body is None:
        return None
    text_sha = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    rules = mark_rules_version()
    known = cache.mark(text_sha, rules)
    if known == "" or known == "内部" or known in SECRET_LEVELS:
        return known
    level = detect_mark(body)
    cache.remember_mark(text_sha, rules, level)
    return level or ""


def _reread(path: Path, rel: str, state: _Walk) -> bytes | None:
    limit = budgets.file_budget(path.suffix.lower().lstrip("."))
    try:
        data = _read_within(path, limit)[0]
    except OSError as exc:
        state.problem(rel, "error", "scan.unreadable", detail=exc.strerror or str(exc))
        return None
    if len(data) > limit:
        _too_large(rel, len(data), limit, state)
        return None
    return data


def _csv_within_budget(text: str, rel: str, state: _Walk) -> bool:
    """Whether a CSV document has no more cells than a table may (else one problem line, and it is not kept)."""
    try:
        text_reader.check_csv_cells(text)
    except ReadFailed as exc:
        state.problem(rel, "error", exc.code, detail=exc.detail)
        return False
    return True


def _decode(data: bytes, rel: str, state: _Walk) -> tuple[str, str] | None:
    try:
        return decode_bytes(data)
    except DecodeFailed:
        state.problem(rel, "error", "scan.undecodable")
        return None


def _frontmatter(text: str, rel: str, state: _Walk) -> tuple[dict[str, Any], str] | None:
    """Split Markdown into (metadata, body); broken YAML is one problem with its line."""
    import frontmatter

    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return {}, text
    try:
        block, body = handler.split(text)
        if _metadata_too_large(block, rel, "scan.frontmatter_too_large", state):
            return None
        data = yamlio.safe_loads(block)
    except yaml.YAMLError as exc:
        # The block begins on the opening --- line (the rest of that line), so its lines are the file's.
        code = yamlio.refused_code(exc) or "scan.bad_frontmatter"
        if _text_mentions_secrecy(text[:1 << 20]):  # a refused block that may state a level: its name stays out
            state.secret.add(rel)
        state.problem(rel, "error", code, line=yamlio.error_line(exc) or 1)
        return None
    except ValueError:  # no closing --- line
        state.problem(rel, "error", "scan.bad_frontmatter", line=1)
        return None
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        state.problem(rel, "error", "scan.frontmatter_not_mapping")
        return None
    if _value_too_long(data, rel, "scan.frontmatter_value_too_long", state):
        return None
    return data, body


def _metadata_too_large(block: str, rel: str, code: str, state: _Walk) -> bool:
    """Whether a frontmatter block is over MAX_METADATA_BYTES (then one problem line, and it is not parsed)."""
    if len(block) * 4 <= budgets.MAX_METADATA_BYTES:  # the common case: no need to encode it
        return False
    size = len(block.encode("utf-8", "surrogatepass"))
    if size <= budgets.MAX_METADATA_BYTES:
        return False
    state.problem_once(rel, "error", code, size=_kilobytes(size), limit=_kilobytes(budgets.MAX_METADATA_BYTES))
    return True


def _value_too_long(data: dict[str, Any], rel: str, code: str, state: _Walk) -> bool:
    """Whether a metadata key or value is over MAX_METADATA_VALUE characters (then one problem line)."""
    found = budgets.too_long_metadata(data)
    if found is None:
        return False
    key, length = found
    state.problem_once(rel, "error", code, key=key, length=f"{length:,}", limit=f"{budgets.MAX_METADATA_VALUE:,}")
    return True


def _kilobytes(size: int) -> str:
    return f"{-(-size // 1024):,}"


def _heading_layer(body: str) -> Layer:
    match = _HEADING_RE.search(body)
    return Layer("heading", {"title": match.group(1).strip()} if match else {}, explicit=False)


def _check_binary(path: Path, rel: str, ext: str, sha: str, data: bytes | None, state: _Walk) -> FileCheck | None:
    cached = state.cache.probe(sha)
    if cached is not None:
        check = FileCheck(**cached)
    else:
        data = data if data is not None else _reread(path, rel, state)
        if data is None:
            return None
        check = CHECKERS[ext](data)
        state.cache.remember_probe(sha, check.to_dict())
    if not check.ok:
        state.problem(rel, "error", check.problem or "scan.broken_file", detail=check.detail, ext=ext)
        return None
    return check


# --- metadata layers -----------------------------------------------------------------------

def _path_layers(path: Path, place: _Place, state: _Walk) -> list[Layer]:
    """Inferred layers (folders, file name) and the _meta.yml files above the file."""
    folder = {"department": place.department.id, "category": place.category.id}
    if place.folder_years and place.year_folder is not None:  # the two are set together
        folder["year"] = place.year_folder  # the folder's name: parsed like any written year
    name_values: dict[str, Any] = {"title": meta.title_from_filename(path.stem)}
    name_year = meta.year_from_filename(path.name)
    if name_year:
        name_values["year"] = name_year
    layers = [Layer("folder", folder, explicit=False), Layer("file name", name_values, explicit=False)]
    layers.extend(_meta_layers(path.parent, state))
    return layers


def _meta_layers(folder: Path, state: _Walk) -> list[Layer]:
    """The _meta.yml layers from content/ down to ``folder``, worked out once per folder."""
    if folder not in state.meta_chains:
        content = state.config.content_dir
        chain = [folder, *folder.parents]
        chain = [d for d in chain if d == content or content in d.parents]
        layers = [_meta_file_layer(d, state) for d in reversed(chain)]
        state.meta_chains[folder] = [layer for layer in layers if layer is not None]
    return list(state.meta_chains[folder])


def _meta_file_layer(folder: Path, state: _Walk) -> Layer | None:
    if folder in state.meta_files:
        return state.meta_files[folder]
    layer = None
    for name in _META_NAMES:
        path = folder / name
        if path.is_symlink() and not _link_inside(path, state.config.content_dir.resolve(),
                                                  state.config.content_dir, state):
            # a link out of content/: refused (one problem line), unread, and the documents below held
            layer = Layer(_rel(path, state.config.content_dir), {}, usable=False)
            break
        if path.is_file():
            values = _load_yaml_file(path, state, "scan.bad_meta_file")
            layer = Layer(_rel(path, state.config.content_dir), values or {}, usable=values is not None)
            break
    else:
        layer = _near_meta_layer(folder, state)
    state.meta_files[folder] = layer
    return layer


_LOOSE_META_NAMES = frozenset(_loose_name(name) for name in _META_NAMES)


def _near_meta_layer(folder: Path, state: _Walk) -> Layer | None:
    """A folder-defaults file not named exactly _meta.yml (_META.yml, _Meta.yaml, "_meta.yml " with a space): it
    may carry the 密级 of every document below, so it is one error and an unusable layer (they are held)."""
    near = sorted(name for key in _LOOSE_META_NAMES for name in _loose_listing(folder, state).get(key, ())
                  if name not in _META_NAMES)
    if not near or not (folder / near[0]).is_file():
        return None
    rel = _rel(folder / near[0], state.config.content_dir)
    state.problem_once(rel, "error", "scan.near_sidecar", sidecar=near[0], expected=_META_NAMES[0])
    return Layer(rel, {}, usable=False)


def _load_yaml_file(path: Path, state: _Walk, code: str) -> dict[str, Any] | None:
    """A sidecar's or _meta.yml's mapping, or None (one problem line) when it cannot be used.

    Its size is checked before it is read, and its keys and values against the metadata budget.
    """
    rel = _rel(path, state.config.content_dir)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            raw = handle.read(budgets.MAX_METADATA_BYTES + 1) if size <= budgets.MAX_METADATA_BYTES else b""
        if max(size, len(raw)) > budgets.MAX_METADATA_BYTES:
            state.problem_once(rel, "error", "scan.metadata_too_large", size=_kilobytes(max(size, len(raw))),
                               limit=_kilobytes(budgets.MAX_METADATA_BYTES))
            return None
        text, _ = decode_bytes(raw)
        data = yamlio.safe_loads(text)
    except yaml.YAMLError as exc:
        state.problem_once(rel, "error", yamlio.refused_code(exc) or code, line=yamlio.error_line(exc) or 1)
        return None
    except (OSError, DecodeFailed, ValueError):  # ValueError: an integer of thousands of digits
        state.problem_once(rel, "error", code, line=1)
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        state.problem_once(rel, "error", code, line=1)
        return None
    if _value_too_long(data, rel, "scan.metadata_value_too_long", state):
        return None
    return data


def _add_sidecar(path: Path, rel: str, layers: list[Layer], state: _Walk) -> bool:
    """Insert the sidecar before frontmatter; False if it exists but is broken, or only nearly matches.

    A sidecar that almost matches (通知.yml beside 通知.pdf, 通知.PDF.yml) may carry the 密级 of the
    document: guessing it does not is failing open, so the document is held until it is renamed.
    """
    near = _near_sidecar(path, state)
    if near is not None:
        near_name, expected = near.name, path.name + ".yml"
        if _mentions_secrecy(near):  # neither name may say what the document is
            state.secret.add(rel)
            near_name, expected = "…" + near.name[len(path.stem):], "…" + path.suffix + ".yml"
        state.problem(rel, "error", "scan.near_sidecar", sidecar=near_name, expected=expected)
        return False
    for suffix in _SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if _listed(path.parent, sidecar.name, state) and sidecar.is_symlink() and \
                _link_leaves(sidecar, state.config.content_dir):
            # refused by the walk (its own problem line); unread, and the document held as for a broken one
            state.problem(rel, "error", "scan.skipped_for_sidecar", sidecar=sidecar.name)
            return False
        if _listed_file(path.parent, path.name + suffix, state):
            values = _load_yaml_file(sidecar, state, "scan.bad_sidecar")
            if values is None:
                state.problem(rel, "error", "scan.skipped_for_sidecar", sidecar=sidecar.name)
                return False
            position = len(layers) - 1 if layers and layers[-1].source == "frontmatter" else len(layers)
            layers.insert(position, Layer(sidecar.name, values))
            return True
    return True


@dataclass
class _Merged:
    values: dict[str, Any]
    sources: dict[str, Layer]
    extra: dict[str, Any]


def _merge(layers: list[Layer], place: _Place, rel: str, state: _Walk) -> _Merged | None:
    values: dict[str, Any] = {}
    sources: dict[str, Layer] = {}
    extra: dict[str, Any] = {}
    unknown_keys: list[tuple[str, str]] = []
    for layer in layers:
        known, unknown = meta.canonical(layer.values)
        for key, value in known.items():
            if value is None or value == "":
                continue
            if key == "classification" and key in values:  # a level stated twice: the stricter holds
                value = meta.stricter(values[key], value)
                if value is values[key]:
                    continue
            elif key == "secrecy_term" and meta.states_a_term(values.get(key)) and not meta.states_a_term(value):
                continue  # a 保密期限 named above is not taken back by 无 below
            values[key], sources[key] = value, layer
        for key in unknown:
            if meta.looks_like_classification_key(key) or meta.states_a_level(unknown[key]) \
                    or meta.states_not_public(key, unknown[key]):
                # A key that may be meant as 密级 but is not one we know: never publish on a guess.
                state.secret.add(rel)
                state.problem(rel, "error", "scan.unclear_classification_key", key=key, source=layer.source)
                return None
            unknown_keys.append((key, layer.source))
        extra.update(unknown)
    _report_unknown_keys(rel, unknown_keys, state)
    merged = _Merged(values, sources, extra)
    stated = values.get("classification")
    if meta.states_a_term(values.get("secrecy_term")) or stated is not None and \
            meta.normalise_classification(stated) in (None, "内部", *SECRET_LEVELS):
        state.secret.add(rel)  # its problems must not name it, even if it is skipped
    if not _normalise(merged, place, rel, state):
        return None
    return merged


#: Unknown metadata keys of one file named one line each; more are one line that names the first of them.
_UNKNOWN_KEYS_NAMED = 5


def _report_unknown_keys(rel: str, found: list[tuple[str, str]], state: _Walk) -> None:
    """A line per unknown key, or, for many (50,000 of them were 50,000 lines), one line for the file."""
    if len(found) <= _UNKNOWN_KEYS_NAMED:
        for key, source in found:
            state.problem(rel, "warning", "scan.unknown_key", key=key, source=source)
        return
    named = ", ".join(f"'{key}'" for key, _source in found[:_UNKNOWN_KEYS_NAMED])
    sources = "、".join(dict.fromkeys(source for _key, source in found))
    state.problem(rel, "warning", "scan.unknown_keys", count=f"{len(found):,}", keys=named,
                  more=f"{len(found) - _UNKNOWN_KEYS_NAMED:,}", source=sources)


def _normalise(merged: _Merged, place: _Place, rel: str, state: _Walk) -> bool:
    """Turn raw values into typed ones; errors that make the document unusable return False."""
    v, src = merged.values, merged.sources
    v["department"] = _resolve_registry(v, src, "department", place.department, state.config.department, rel, state)
    v["category"] = _resolve_registry(v, src, "category", place.category, state.config.category, rel, state)
    return _normalise_years(v, src, place, rel, state) and _normalise_fields(v, rel, state)


_Entry = TypeVar("_Entry", Department, Category)


def _resolve_registry(v: dict[str, Any], src: dict[str, Layer], key: str, folder_entry: _Entry,
                      lookup: Callable[[str], _Entry | None], rel: str, state: _Walk) -> str:
    raw = v.get(key)
    if raw is None or not src[key].explicit:
        return folder_entry.id
    entry = lookup(str(raw))
    if entry is None:
        state.problem(rel, "warning", f"scan.meta_{key}_unknown", value=raw, folder=folder_entry.name)
        return folder_entry.id
    if entry.id != folder_entry.id:
        state.problem(rel, "warning", "scan.folder_conflict", key=key, folder=folder_entry.name,
                      value=entry.name, source=src[key].source)
    return entry.id


def _normalise_years(v: dict[str, Any], src: dict[str, Layer], place: _Place, rel: str, state: _Walk) -> bool:
    raw = v.get("year")
    if raw is not None:
        years = meta.parse_years(raw)
        if years is None:
            state.problem(rel, "error", "scan.bad_year", value=raw, source=src["year"].source)
            return False
        if src["year"].explicit and place.folder_years and not set(years) & set(place.folder_years):
            state.problem(rel, "warning", "scan.year_conflict", folder=_years_text(place.folder_years),
                          value=_years_text(years), source=src["year"].source)
    else:
        years = _fallback_years(v)
    if not years:
        state.problem(rel, "error", "scan.no_year")
        return False
    v["years"] = years
    v["year_text"] = meta.nfc(str(raw)).strip() if isinstance(raw, str) else None
    return True


def _fallback_years(v: dict[str, Any]) -> list[int] | None:
    date = meta.parse_date(v["date"]) if v.get("date") is not None else None
    if date:
        return [int(date[:4])]
    if v.get("doc_no"):
        year = meta.year_from_doc_no(str(v["doc_no"]))
        return [year] if year else None
    return None


def _years_text(years: list[int]) -> str:
    return "、".join(str(y) for y in years)


def _normalise_fields(v: dict[str, Any], rel: str, state: _Walk) -> bool:
    term = v.pop("secrecy_term", None)
    if meta.states_a_term(term) and meta.normalise_classification(v.get("classification", "公开")) not in SECRET_LEVELS:
        # A 保密期限 only exists for a classified document: hold it as 秘密 at least.
        state.problem(rel, "warning", "scan.secrecy_term_implies_secret", term=str(term))
        v["classification"] = "秘密"
    if "classification" in v:
        level = meta.normalise_classification(v["classification"])
        if level is None:
            # An unreadable classification might hide a secret: never publish on a guess.
            state.problem(rel, "error", "scan.bad_classification", value=v["classification"])
            return False
        v["classification"] = level
    if "date" in v:
        date = meta.parse_date(v["date"])
        if date is None:
            state.problem(rel, "warning", "scan.bad_date", value=v["date"])
        v["date"] = date
    if "retention" in v:
        retention = meta.normalise_retention(v["retention"])
        if retention is None:
            state.problem(rel, "warning", "scan.bad_retention", value=v["retention"])
        v["retention"] = retention
    if "pages" in v:
        pages = meta.parse_pages(v["pages"])
        if pages is None:
            state.problem(rel, "warning", "scan.bad_pages", value=v["pages"])
        v["pages"] = pages
    for key in ("checklist", "tags"):
        items = meta.as_text_list(v.get(key))
        if items is None:
            state.problem(rel, "warning", "scan.bad_list", key=key)
        v[key] = items or []
    return True


def _text(value: Any) -> str | None:
    """A one-line field (标题, 文号, 责任者, 学校): a line break inside is a space, as every page shows it, so a
    number broken over two lines (159 ⏎ 1234 5678) is one number to mask."""
    return _LINE_BREAKS.sub(" ", meta.nfc(str(value)).strip()) if value not in (None, "") else None


_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\u2028\u2029\x85])+[ \t]*")


def _build_document(rel: str, path: Path, ext: str, sha: str, size: int, merged: _Merged, body: str | None,
                    encoding: str | None, check: FileCheck, state: _Walk) -> Document:
    v = merged.values
    return Document(
        path=rel, abspath=path, type=ext, title=_text(v.get("title")) or path.stem,
        department=v["department"], category=v["category"], years=v["years"], sha256=sha, size=size,
        date=v.get("date"), doc_no=_text(v.get("doc_no")), author=_text(v.get("author")),
        school=_text(v.get("school")), checklist=v["checklist"],
        classification=v.get("classification", "公开"), classification_stated="classification" in v,
        retention=v.get("retention"), tags=v["tags"], pages=v.get("pages") or check.pages, file_pages=check.pages,
        body=body, encoding=encoding,
        archive_no=_text(v.get("archive_no")), year_text=v.get("year_text"), extra=merged.extra,
    )


# --- consistency of one document -----------------------------------------------------------

def _check_consistency(doc: Document, merged: _Merged, state: _Walk) -> None:
    """Dates and years that disagree, or fall outside the assessment, and page counts that differ."""
    assessment = set(state.config.years)
    outside = sorted(y for y in doc.years if y not in assessment)
    if outside:
        state.problem(doc.path, "warning", "scan.outside_assessment_years", years=_years_text(outside),
                      first=min(assessment), last=max(assessment))
    elif doc.date and int(doc.date[:4]) not in assessment:
        state.problem(doc.path, "warning", "scan.date_outside_assessment", date=doc.date,
                      first=min(assessment), last=max(assessment))
    claims = _year_claims(doc, merged)
    if len({frozenset(years) for years in claims.values()}) > 1 and not _claims_overlap(claims):
        described = "; ".join(f"{source} {_years_text(years)}" for source, years in claims.items())
        state.problem(doc.path, "warning", "scan.years_disagree", claims=described)
    if doc.file_pages and merged.values.get("pages") and merged.values["pages"] != doc.file_pages:
        state.problem(doc.path, "warning", "scan.pages_mismatch", stated=merged.values["pages"],
                      counted=doc.file_pages)


def _year_claims(doc: Document, merged: _Merged) -> dict[str, list[int]]:
    """The years each source states: file name, explicit metadata, 文号."""
    claims: dict[str, list[int]] = {}
    name_year = meta.year_from_filename(Path(doc.path).name)
    if name_year:
        claims["file name"] = [name_year]
    source = merged.sources.get("year")
    if source is not None and source.explicit:
        claims[source.source] = doc.years
    if doc.doc_no:
        doc_no_year = meta.year_from_doc_no(doc.doc_no)
        if doc_no_year:  # the year it was issued: a report on a whole year is numbered in the next one
            claims["文号"] = [doc_no_year - 1, doc_no_year]
    return claims


def _claims_overlap(claims: dict[str, list[int]]) -> bool:
    """True when one year is named by every source (a school year covers both its years)."""
    sets = [set(years) for years in claims.values()]
    return bool(set.intersection(*sets))


# --- whole-archive checks ------------------------------------------------------------------

def _report_duplicates(state: _Walk) -> None:
    """The same original filed in several places is reported once per copy."""
    by_hash: dict[str, list[str]] = defaultdict(list)
    for doc in state.inventory.documents:
        by_hash[doc.sha256].append(doc.path)
    for paths in by_hash.values():
        if len(paths) < 2:
            continue
        for path in paths:
            others = "、".join(p for p in paths if p != path)
            state.problem(path, "warning", "scan.duplicate", others=others)
