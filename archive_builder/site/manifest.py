"""The site manifest: SHA-256 and size of every original and every site file, and its verification.

``build`` calls :func:`write_manifest` last, once every site file is written; ``verify`` calls
:func:`verify_site` on the site folder or on the zip handed to the inspectors, and reports any file
added, removed or altered since the build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from archive_builder.core import cache
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t_in
from archive_builder.core.model import SECRET_LEVELS
from archive_builder.core.privacy import mask_text
from archive_builder.site.bodies import SITE_LANG
from archive_builder.site.provenance import SIGNATURE_NAME, SignatureCheck, check_signature, fingerprint

MANIFEST_NAME = "manifest.json"
#: The how-to-open note at the root of the zip, beside the site folder (not a site file).
ZIP_README = "打开方法.txt"
FORMAT = 1
_CHUNK = 1 << 16
#: What reading one zip member may raise besides a damaged archive: an unsupported compression method
#: (NotImplementedError), an encrypted member (RuntimeError), a broken stream (zlib.error, EOFError, ValueError).
_MEMBER_ERRORS = (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError, EOFError, zlib.error)
#: The zip extra field (Info-ZIP Unicode Path) that gives a member a second, UTF-8 name.
_UNICODE_PATH_FIELD = 0x7075


@dataclass
class VerifyReport:
    """What differs between a site and its manifest (paths relative to the site, POSIX)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (path, target): never followed
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    special: list[str] = field(default_factory=list)  # devices, pipes, sockets
    duplicates: list[str] = field(default_factory=list)  # names held by more than one entry (after _norm)
    checked: int = 0  # files listed in the manifest
    version: str = ""  # tool version that built the site
    built_at: str = ""
    fingerprint: str = ""  # SHA-256 of the site's manifest.json
    expected_fingerprint: str = ""  # the one recorded apart from the site, when verify is given it
    signature: SignatureCheck | None = None  # the check of manifest.sig, when verify is given a public key

    @property
    def files_intact(self) -> bool:
        """No file added, removed or altered, and nothing that could not be checked."""
        return not (self.added or self.removed or self.altered or self.problems)

    @property
    def fingerprint_ok(self) -> bool:
        """The manifest is the recorded one (True when none was given)."""
        return not self.expected_fingerprint or self.fingerprint == self.expected_fingerprint

    @property
    def intact(self) -> bool:
        """The files match the manifest, and the manifest is the recorded (and validly signed) one."""
        signed = self.signature is None or self.signature.status == "valid"
        return self.files_intact and self.fingerprint_ok and signed

    @property
    def problems(self) -> int:
        """Entries that are not ordinary readable files (a built site has none)."""
        return len(self.links) + len(self.unreadable) + len(self.special) + len(self.duplicates)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {"intact": self.intact, "added": self.added, "removed": self.removed,
                "altered": self.altered, "checked": self.checked, "version": self.version,
                "built_at": self.built_at,
                "links": [{"path": p, "target": target} for p, target in self.links],
                "unreadable": [{"path": p, "reason": why} for p, why in self.unreadable],
                "special": self.special, "duplicates": self.duplicates, "fingerprint": self.fingerprint,
                "expected_fingerprint": self.expected_fingerprint or None,
                "signature": None if self.signature is None else {
                    "status": self.signature.status, "key": self.signature.key,
                    "signed_with": self.signature.signed_with or None}}


Stat = tuple[int, int, int]  # size, modification time (ns), inode


@dataclass
class FileHashes:
    """Site files' SHA-256 by path: ``known`` from the last build, trusted while size, time and inode are
    unchanged (a file rewritten in place gets a new time, a replaced one a new inode); ``seen`` this time."""

    known: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    seen: dict[str, tuple[Stat, str]] = field(default_factory=dict)

    def known_digest(self, rel: str, found: os.stat_result) -> tuple[str, int] | None:
        """SHA-256 and size of a file from ``known``, when its (l)stat is the recorded one; None otherwise."""
        stat = (found.st_size, found.st_mtime_ns, found.st_ino)
        known = self.known.get(rel)
        if known is None or known[0] != stat:
            return None
        self.seen[rel] = known
        return known[1], found.st_size

    def digest(self, rel: str, handle: IO[bytes]) -> tuple[str, int]:
        """SHA-256 and size of an open file, from ``known`` when it is unchanged."""
        found = os.fstat(handle.fileno())
        stat = (found.st_size, found.st_mtime_ns, found.st_ino)
        known = self.known.get(rel)
        sha256 = known[1] if known is not None and known[0] == stat else _digest(handle)[0]
        self.seen[rel] = (stat, sha256)
        return sha256, found.st_size

    def add(self, path: Path, rel: str) -> None:
        """Hash one more file (one written after the manifest: the manifest itself, its signature)."""
        with open(path, "rb") as handle:
            self.digest(rel, handle)


def write_manifest(site_dir: Path, originals: list[Any], version: str, hashes: FileHashes | None = None) -> Path:
    """Write ``site_dir/manifest.json`` listing every original and every site file; return its path.

    ``hashes`` spares hashing the files the last build hashed and nobody has written since; it
    records what this build hashed.

    Each original is a dict (or a :class:`~archive_builder.core.model.Document`) with ``path`` (relative
    to content/) and either ``sha256`` and ``size`` or ``abspath`` (the file to hash); ``site_path``
    (where its copy sits in the site) is optional. Classified originals are left out, so that not
    even their names reach the site.
    """
    site_dir = Path(site_dir)
    manifest = {
        "format": FORMAT,
        "tool": "archive-builder",
        "version": version,
        "built_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "algorithm": "sha256",
        "originals": sorted((_original_entry(item, site_dir) for item in originals if not _is_secret(item)),
                            key=lambda e: e["path"]),
        "files": dict(sorted(_site_files(site_dir, hashes=hashes))),
    }
    target = site_dir / MANIFEST_NAME
    cache.write_atomic(target, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return target


def _original_entry(item: Any, site_dir: Path) -> dict[str, Any]:
    """One original's manifest entry, hashing the file only when no hash was given.

    ``site_path`` is kept only when the copy is really in the site (a masked rendering may stand in).
    """
    sha256, size = _field(item, "sha256"), _field(item, "size")
    if not sha256 or size is None:
        with open(_field(item, "abspath"), "rb") as handle:
            sha256, size = _digest(handle)
    site_path = _field(item, "site_path")
    if site_path and not (site_dir / str(site_path)).is_file():
        site_path = None
    return {"path": mask_text(_norm(str(_field(item, "path"))))[0], "site_path": _norm(str(site_path)) if site_path else None,
            "sha256": sha256, "size": int(size)}


def _is_secret(item: Any) -> bool:
    """A classified original: not even its name may appear in the site."""
    return bool({_field(item, "classification"), _field(item, "classification_mark")} & SECRET_LEVELS)


def _field(item: Any, name: str) -> Any:
    """A value of an original given as a dict or as a Document-like object."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _site_files(site_dir: Path, report: VerifyReport | None = None,
               hashes: FileHashes | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(relative path, {sha256, size}) of every regular file under ``site_dir`` except the manifest.

    Links are never followed (a link in a site could point anywhere on the disk) and nothing but
    regular files is opened; with ``report``, links, unreadable entries and special files are noted there.
    """
    odd = report or VerifyReport()

    def unreadable(error: OSError) -> None:
        odd.unreadable.append((_rel(error.filename, site_dir), error.strerror or type(error).__name__))

    top = str(site_dir)
    for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable, followlinks=False):
        folder = _norm(dirpath[len(top) + 1:]) + "/" if dirpath != top else ""
        for name in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))] + filenames:
            entry = _site_entry(os.path.join(dirpath, name), folder + _norm(name), odd, hashes)
            if entry is not None and entry[0] not in (MANIFEST_NAME, SIGNATURE_NAME):
                yield entry


def _site_entry(path: str, rel: str, odd: VerifyReport,
                hashes: FileHashes | None = None) -> tuple[str, dict[str, Any]] | None:
    """One entry of a site folder (``rel``, its name in the manifest): a regular file's digest, or a
    note of why it has none."""
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode):
            odd.links.append((rel, os.readlink(path)))
            return None
        if not stat.S_ISREG(found.st_mode):
            odd.special.append(rel)
            return None
        known = hashes.known_digest(rel, found) if hashes is not None else None
        if known is not None:  # not written since the last build hashed it: not read again
            return rel, {"sha256": known[0], "size": known[1]}
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            sha256, size = _digest(handle) if hashes is None else hashes.digest(rel, handle)
    except OSError as exc:
        odd.unreadable.append((rel, exc.strerror or type(exc).__name__))
        return None
    return rel, {"sha256": sha256, "size": size}


def _rel(path: str | Path, site_dir: Path) -> str:
    try:
        return _norm(Path(path).relative_to(site_dir).as_posix())
    except ValueError:
        return _norm(str(path))


def _digest(handle: IO[bytes]) -> tuple[str, int]:
    """SHA-256 hex digest and size of a binary stream, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _norm(rel: str) -> str:
    """One spelling per name: NFC (macOS unzips in NFD), POSIX separators."""
    if os.sep != "/" or "\\" in rel:
        rel = rel.replace(os.sep, "/").replace("\\", "/")
    return rel if rel.isascii() else unicodedata.normalize("NFC", rel)


def zip_note(folder: str) -> bytes:
    """打开方法.txt, the note beside the site folder in the zip: how to extract and open the site, naming
    ``folder``. UTF-8 with a byte-order mark and CRLF lines, so every Windows Notepad reads it. verify
    compares the zip's note with this text, so a note changed to send inspectors elsewhere is reported.
    """
    text = t_in(SITE_LANG, "site.zip_open_help", folder=folder)
    return ("\ufeff" + text.strip() + "\n").replace("\n", "\r\n").encode("utf-8")


# --- verification ---------------------------------------------------------------------------

def verify_site(path: Path, *, expected_fingerprint: str | None = None, public_key: Any = None) -> VerifyReport:
    """Compare a site folder or a .zip of it with the manifest written at build time.

    With ``expected_fingerprint`` (recorded apart from the site) the manifest must be that one; with
    ``public_key`` (an Ed25519 public key, provenance.load_public_key) its signature must be valid.
    """
    path = Path(path)
    odd = VerifyReport()
    if path.is_dir():
        found = _read_folder(path.resolve(), odd)  # a site given through a link is fine
    elif path.is_file() and (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        found = _read_zip(path, odd)
    elif path.exists():
        raise ArchiveError(message("verify.not_site", path=path))
    else:
        raise ArchiveError(message("verify.missing", path=path))
    report = _compare(found.manifest, found.actual, found.beside)
    report.fingerprint = fingerprint(found.data)
    report.expected_fingerprint = (expected_fingerprint or "").lower()
    if public_key is not None:
        report.signature = check_signature(found.data, found.signature, public_key)
    report.links, report.unreadable, report.special = odd.links, odd.unreadable, odd.special
    report.duplicates = sorted(set(odd.duplicates))
    noted = ({rel for rel, _ in odd.links} | {rel for rel, _ in odd.unreadable} | set(odd.special)
             | set(odd.duplicates))
    report.removed = [rel for rel in report.removed if rel not in noted]  # each entry is reported once
    return report


def _compare(manifest: dict[str, Any], actual: dict[str, dict[str, Any]],
             beside: dict[str, dict[str, Any]] | None = None) -> VerifyReport:
    """Files added, removed and altered between the manifest and what is there now.

    ``beside`` holds what the tool wrote next to the site in the zip (the how-to-open note), when the zip
    holds it: checked like a site file, though not counted as one.
    """
    files: dict[str, dict[str, Any]] = manifest["files"]
    expected = {**files, **(beside or {})}
    report = VerifyReport(checked=len(files), version=str(manifest.get("version", "")),
                          built_at=str(manifest.get("built_at", "")))
    report.added = sorted(set(actual) - set(expected))
    listed_originals = {_norm(str(o["site_path"])) for o in manifest.get("originals") or [] if o.get("site_path")}
    report.removed = sorted((set(expected) | listed_originals) - set(actual))
    report.altered = sorted(
        rel for rel in set(expected) & set(actual)
        if actual[rel]["sha256"] != expected[rel].get("sha256") or actual[rel]["size"] != expected[rel].get("size")
    )
    return report


@dataclass
class _Found:
    """What verify reads from a site: the manifest (bytes and parsed), the signature, the actual files,
    and what the files beside the site in a zip should be."""

    data: bytes
    manifest: dict[str, Any]
    actual: dict[str, dict[str, Any]]
    signature: bytes | None
    beside: dict[str, dict[str, Any]] = field(default_factory=dict)


def _read_folder(folder: Path, odd: VerifyReport) -> _Found:
    """The manifest, signature and actual files of a site folder, or of the one site folder inside it (an
    extracted zip): then what lies beside it is checked as in the zip (the how-to-open note against the text the
    tool writes, anything else there added), named ``../<name>``."""
    site = folder
    beside: dict[str, dict[str, Any]] = {}
    if not _has_manifest(folder):
        try:
            inner = [child for child in folder.iterdir()  # a hidden folder is no site the tool zipped
                     if not child.is_symlink() and not child.name.startswith(".") and _has_manifest(child)]
        except OSError as exc:
            raise ArchiveError(message("verify.bad_manifest", path=folder, reason=exc.strerror)) from exc
        if len(inner) != 1:
            raise ArchiveError(message("verify.no_manifest", path=folder))
        site = inner[0]
        beside = _beside_site(folder, site, odd)
    where = site / MANIFEST_NAME
    if where.is_symlink():
        raise ArchiveError(message("verify.bad_manifest", path=where, reason="a link, not a file"))
    try:
        with where.open("rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise ArchiveError(message("verify.bad_manifest", path=where, reason=exc.strerror or exc)) from exc
    if len(data) > MAX_MANIFEST_BYTES:
        raise ArchiveError(message("verify.bad_manifest", path=where, reason=_too_big()))
    signature = _read_signature(site / SIGNATURE_NAME)
    actual = _once_each(_site_files(site, odd), odd)
    expected_beside = {}
    if beside:
        actual.update(beside)
        if _zip_rel(ZIP_README, site.name + "/") in beside:
            expected_beside[_zip_rel(ZIP_README, site.name + "/")] = _digest_of(zip_note(site.name))
    return _Found(data, _parse_manifest(data, where), actual, signature, expected_beside)


def _beside_site(folder: Path, site: Path, odd: VerifyReport) -> dict[str, dict[str, Any]]:
    """Every entry of ``folder`` outside its site folder, as ``../<name>`` (links and special files noted)."""
    found: dict[str, dict[str, Any]] = {}
    for child in sorted(folder.iterdir()):
        if child.name == site.name:
            continue
        name = "../" + _norm(child.name)
        if child.is_dir() and not child.is_symlink():
            inside = VerifyReport()
            found.update((f"{name}/{rel}", entry) for rel, entry in _site_files(child, inside))
            odd.links += [(f"{name}/{rel}", target) for rel, target in inside.links]
            odd.unreadable += [(f"{name}/{rel}", why) for rel, why in inside.unreadable]
            odd.special += [f"{name}/{rel}" for rel in inside.special]
        else:
            entry = _site_entry(str(child), name, odd)
            if entry is not None:
                found[entry[0]] = entry[1]
    return found


def _once_each(entries: Iterable[tuple[str, dict[str, Any]]], odd: VerifyReport) -> dict[str, dict[str, Any]]:
    """The entries by name; a name two entries share (an NFC and an NFD spelling) is noted in ``odd``
    and left out, since which of them a reader opens depends on the system."""
    found: dict[str, dict[str, Any]] = {}
    twice: set[str] = set()
    for rel, entry in entries:
        if rel in found:
            twice.add(rel)
        found[rel] = entry
    odd.duplicates += sorted(twice)
    return {rel: entry for rel, entry in found.items() if rel not in twice}


def _read_signature(path: Path) -> bytes | None:
    """manifest.sig of a site folder (None when absent or not a regular file: never followed)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return path.read_bytes()[:4096]
    except OSError:
        return None


def _has_manifest(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest (an unreadable folder does not)."""
    try:
        return (folder / MANIFEST_NAME).is_file() or (folder / MANIFEST_NAME).is_symlink()
    except OSError:  # an unreadable folder next to the site
        return False


def _read_zip(archive: Path, odd: VerifyReport) -> _Found:
    """The manifest, signature and actual files of a zipped site (at the root or in one top folder).

    A member that cannot be read (encrypted, an unsupported compression method, a broken stream) is
    noted in ``odd`` like an unreadable file; so is a name two members share, since which of them an
    unzip tool keeps is up to the tool.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [info for info in zf.infolist() if not info.is_dir()]
            prefix = _zip_prefix([_norm(info.filename) for info in members], archive)
            data = _manifest_member(zf, prefix + MANIFEST_NAME, archive)
            manifest = _parse_manifest(data, archive)
            names = [_zip_rel(_norm(info.filename), prefix) for info in members]
            twice = {rel for rel, count in Counter(names).items() if count > 1}
            odd.duplicates += sorted(twice)
            found = _Found(data, manifest, {}, None)
            for info, rel in zip(members, names, strict=True):
                if rel not in twice:
                    _read_member(zf, info, rel, found, odd)
            odd.unreadable += _folders_with_data(zf, prefix)
            odd.unreadable += _local_headers_disagree(archive, zf, prefix)
            if prefix and _zip_rel(ZIP_README, prefix) in found.actual:
                found.beside[_zip_rel(ZIP_README, prefix)] = _digest_of(zip_note(prefix.rstrip("/")))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ArchiveError(message("verify.bad_zip", path=archive, reason=exc)) from exc
    return found


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_DESCRIPTOR_SIZES = (12, 16, 20, 24)  # a data descriptor: CRC and sizes, with or without its signature, zip64


def _local_headers_disagree(path: Path, zf: zipfile.ZipFile, prefix: str) -> list[tuple[str, str]]:
    """Members whose local header says other than the zip's directory (method, CRC, sizes), and bytes the
    directory does not account for (before, between or after its members). Python reads a member by the
    directory; unzip tools and streaming extractors by the local header: a zip where the two disagree
    extracts other files than the ones verify compared."""
    found: list[tuple[str, str]] = []
    expected = {0}
    with open(path, "rb") as handle:
        for info in sorted(zf.infolist(), key=lambda info: info.header_offset):
            rel = _zip_rel(_norm(info.filename), prefix)
            if info.header_offset not in expected:
                found.append((rel, "bytes before it that the zip's directory does not list (a hidden or "
                                   "overlapping member)"))
            handle.seek(info.header_offset)
            raw = handle.read(_LOCAL_HEADER.size)
            if len(raw) < _LOCAL_HEADER.size:
                found.append((rel, "its local header is cut short"))
                break
            sig, _version, flags, method, _time, _date, crc, csize, usize, name_len, extra_len = _LOCAL_HEADER.unpack(raw)
            described = bool(flags & 0x08)
            sizes = (_sized(csize, info.compress_size), _sized(usize, info.file_size))
            if sig != b"PK\x03\x04" or method != info.compress_type or described != bool(info.flag_bits & 0x08) \
                    or (not described and (crc, *sizes) != (info.CRC, info.compress_size, info.file_size)):
                found.append((rel, "its local header disagrees with the zip's directory: unzip tools would "
                                   "extract other bytes than the ones checked"))
            end = info.header_offset + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size
            expected = {end + size for size in _DESCRIPTOR_SIZES} if described else {end}
    if zf.infolist() and zf.start_dir not in expected:
        found.append(("(zip)", "bytes after the last member that the zip's directory does not list"))
    return found


def _sized(local: int, central: int) -> int:
    """A local header's size, where 0xFFFFFFFF stands for the zip64 value the directory holds."""
    return central if local == 0xFFFFFFFF else local


def _folders_with_data(zf: zipfile.ZipFile, prefix: str) -> list[tuple[str, str]]:
    """Folder entries that are more than a folder: one holding data, or one whose Unicode path field names
    something else. Python skips them as folders, but an unzip tool may write their data under that other name
    (a tampered index.html past the manifest)."""
    odd = []
    for info in zf.infolist():
        if not info.is_dir():
            continue
        second_name = _unicode_path(info)
        if info.file_size or info.compress_size or (second_name is not None
                                                     and _norm(second_name) != _norm(info.filename)):
            odd.append((_zip_rel(_norm(info.filename), prefix),
                        f"a folder entry that holds data or is named {second_name!r} for unzip tools"))
    return odd


def _zip_rel(name: str, prefix: str) -> str:
    """A member's name relative to the site folder: one beside the site folder (the how-to-open note,
    or anything added there) starts with ``../``, so it cannot pass for a site file."""
    if not prefix or name.startswith(prefix):
        return name[len(prefix):]
    return "../" + name


#: A manifest bigger than this is no manifest the tool wrote (10,000 documents make about 5 MB): a zip whose
#: manifest inflates to a gigabyte is refused before it is read whole.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def _manifest_member(zf: zipfile.ZipFile, name: str, archive: Path) -> bytes:
    """The manifest's bytes, or a clear error when its member cannot be read or is too big to be one."""
    info = zf.getinfo(name)
    try:
        with zf.open(info) as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)  # the size a zip declares is not trusted
    except _MEMBER_ERRORS as exc:
        raise ArchiveError(message("verify.bad_manifest", path=archive, reason=_unreadable_member(info, exc))) from exc
    if len(data) > MAX_MANIFEST_BYTES:
        raise ArchiveError(message("verify.bad_manifest", path=archive, reason=_too_big()))
    return data


def _too_big() -> str:
    return f"bigger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MB, more than any site's manifest"


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, rel: str, found: _Found, odd: VerifyReport) -> None:
    """One member into ``found`` (its digest, or the signature) or a note in ``odd`` of why it is not a
    site file to compare."""
    if rel == MANIFEST_NAME:
        return
    second_name = _unicode_path(info)
    if second_name is not None and _norm(second_name) != _norm(info.filename):
        odd.unreadable.append((rel, f"unzip tools name it differently: its Unicode path field says {second_name!r}"))
        return
    is_link = stat.S_ISLNK(info.external_attr >> 16)
    try:
        if rel == SIGNATURE_NAME and not is_link:
            with zf.open(info) as handle:
                found.signature = handle.read(4096)
        elif is_link:  # unzip would make it a link: never a site file
            with zf.open(info) as handle:
                odd.links.append((rel, handle.read(300).decode("utf-8", "replace")))
        else:
            with zf.open(info) as handle:
                sha256, size = _digest(handle)
            found.actual[rel] = {"sha256": sha256, "size": size}
    except _MEMBER_ERRORS as exc:
        odd.unreadable.append((rel, _unreadable_member(info, exc)))


def _unreadable_member(info: zipfile.ZipInfo, exc: BaseException) -> str:
    """Why a zip member cannot be read, in a few words (not the exception's ZipInfo dump)."""
    if info.flag_bits & 0x1:
        return "encrypted: it needs a password"
    if isinstance(exc, NotImplementedError):
        return f"compression method {info.compress_type} is not supported"
    return str(exc) or type(exc).__name__


def _unicode_path(info: zipfile.ZipInfo) -> str | None:
    """The member's Info-ZIP Unicode Path name (extra field 0x7075), which unzip and 7-Zip use instead
    of the header name that Python reads; None when it has none (or one unzip tools ignore)."""
    extra, at = info.extra, 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        body = extra[at + 4:at + 4 + length]
        at += 4 + length
        if kind == _UNICODE_PATH_FIELD and len(body) >= 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
    return None


def _digest_of(data: bytes) -> dict[str, Any]:
    """The manifest entry ({sha256, size}) of bytes the tool writes."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _zip_prefix(names: list[str], archive: Path) -> str:
    """'' when the manifest is at the zip's root, 'top/' when the site sits in one top folder."""
    if MANIFEST_NAME in names:
        return ""
    tops = {name.rsplit("/", 1)[0] + "/" for name in names if name.count("/") == 1
            and name.endswith("/" + MANIFEST_NAME)}
    if len(tops) != 1:
        raise ArchiveError(message("verify.no_manifest", path=archive))
    return tops.pop()


def _parse_manifest(data: bytes, where: Path) -> dict[str, Any]:
    """The manifest as a dict, or a clear error when it is not one this tool wrote."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except RecursionError as exc:  # a tampered manifest nested thousands deep
        raise ArchiveError(message("verify.bad_manifest", path=where, reason="nested too deeply")) from exc
    except ValueError as exc:  # not UTF-8, not JSON, or an integer longer than Python converts (4300 digits)
        raise ArchiveError(message("verify.bad_manifest", path=where, reason=exc)) from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ArchiveError(message("verify.bad_manifest", path=where, reason="no 'files' table"))
    if not all(isinstance(entry, dict) for entry in manifest["files"].values()):
        raise ArchiveError(message("verify.bad_manifest", path=where, reason="bad 'files' entry"))
    originals = manifest.get("originals")
    if originals is not None and not (isinstance(originals, list) and all(isinstance(o, dict) for o in originals)):
        raise ArchiveError(message("verify.bad_manifest", path=where, reason="bad 'originals' list"))
    return manifest
