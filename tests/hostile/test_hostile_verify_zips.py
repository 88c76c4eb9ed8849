"""``verify`` on tampered zips and manifests: a name two members share, a changed or shadowed how-to-open
note, members that cannot be read and manifests of the wrong shape are reported, never passed and never
a traceback."""

from __future__ import annotations

import json
import struct
import unicodedata
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from archive_builder.core.errors import ArchiveError
from archive_builder.site.build import write_zip
from archive_builder.site.manifest import MANIFEST_NAME, MAX_MANIFEST_BYTES, ZIP_README, verify_site, write_manifest

TAMPERED = b"<h1>tampered</h1><script>alert('tampered')</script>"


SITE = {"index.html": "<h1>首页</h1>", "documents/预算.html": "<p>预算</p>"}


def built_zip(tmp_path: Path) -> Path:
    """A small site with its manifest, zipped as ``build --zip`` zips it (note beside the site folder)."""
    site = tmp_path / "site"
    for rel, text in SITE.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    write_manifest(site, [], "9.9.9")
    return write_zip(site, tmp_path / "迎检档案.zip")


def rewrite(source: Path, target: Path, *, before: tuple[zipfile.ZipInfo | str, bytes] | None = None,
            after: tuple[zipfile.ZipInfo | str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> Path:
    """A copy of the zip with one member put first or last, or members' data replaced."""
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)  # the very point of some tests
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        if before is not None:
            new.writestr(*before)
        for info in old.infolist():
            new.writestr(info, (replace or {}).get(info.filename, old.read(info)))
        if after is not None:
            new.writestr(*after)
    return target


def patch_member(path: Path, name: str, *, method: int | None = None, flag: int = 0) -> Path:
    """Set a member's compression method or flag bits in both its local and its central header."""
    data, raw, at = bytearray(path.read_bytes()), name.encode(), 0
    while (found := data.find(raw, at)) >= 0:
        for signature, start, method_at, flag_at in ((b"PK\x03\x04", 30, 8, 6), (b"PK\x01\x02", 46, 10, 8)):
            header = found - start
            if header >= 0 and data[header:header + 4] == signature:
                if method is not None:
                    data[header + method_at:header + method_at + 2] = method.to_bytes(2, "little")
                data[header + flag_at] |= flag
        at = found + 1
    path.write_bytes(bytes(data))
    return path


def unicode_path(header_name: str, real_name: str) -> bytes:
    """An Info-ZIP Unicode Path extra field: unzip and 7-Zip extract the member as ``real_name``."""
    body = b"\x01" + struct.pack("<I", zlib.crc32(header_name.encode())) + real_name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body


# --- one name, two members ----------------------------------------------------------------------

def test_a_second_member_of_a_site_files_name_is_reported_not_passed(tmp_path):
    bad = rewrite(built_zip(tmp_path), tmp_path / "dup.zip", before=("site/index.html", TAMPERED))
    report = verify_site(bad)
    assert not report.intact
    assert report.duplicates == ["index.html"]
    assert report.removed == [] and report.altered == []  # reported once, as the duplicate


def test_names_equal_after_normalisation_are_duplicates(tmp_path):
    nfd = unicodedata.normalize("NFD", "site/documents/预算.html".replace("预算", "预算é"))
    zipped = built_zip(tmp_path)
    first = rewrite(zipped, tmp_path / "one.zip", after=(nfd, b"x"))
    second = rewrite(first, tmp_path / "two.zip", after=(unicodedata.normalize("NFC", nfd), b"y"))
    assert verify_site(second).duplicates == ["documents/预算é.html"]
    backslash = rewrite(zipped, tmp_path / "slash.zip", after=("site\\index.html", TAMPERED))
    assert verify_site(backslash).duplicates == ["index.html"]


def test_a_second_manifest_is_a_duplicate(tmp_path):
    bad = rewrite(built_zip(tmp_path), tmp_path / "dup.zip", before=("site/" + MANIFEST_NAME, b"{}"))
    report = verify_site(bad)
    assert report.duplicates == [MANIFEST_NAME] and not report.intact


def test_a_member_unzip_tools_name_differently_is_reported(tmp_path):
    zipped = built_zip(tmp_path)
    swapped = tmp_path / "swapped.zip"
    with zipfile.ZipFile(zipped) as old, zipfile.ZipFile(swapped, "w") as new:
        for info in old.infolist():
            if info.filename == "site/index.html":
                info.extra = unicode_path(info.filename, "site/index.orig.html")
            new.writestr(info, old.read(info))
    report = verify_site(swapped)
    assert not report.intact
    assert [rel for rel, _ in report.unreadable] == ["index.html"]
    assert "index.orig.html" in report.unreadable[0][1]


def test_a_folder_entry_holding_data_or_naming_another_file_is_reported(tmp_path):
    """Python skips a folder entry, but unzip writes its data under the name its Unicode path field gives."""
    zipped = built_zip(tmp_path)
    folder = zipfile.ZipInfo("site/zz/")
    folder.extra = unicode_path("site/zz/", "site/index.html")
    carrying = rewrite(zipped, tmp_path / "folder.zip", after=(folder, TAMPERED))
    report = verify_site(carrying)
    assert not report.intact
    assert [rel for rel, _ in report.unreadable] == ["zz/"]
    empty = rewrite(zipped, tmp_path / "empty-folder.zip", after=(zipfile.ZipInfo("site/zz/"), b""))
    assert verify_site(empty).intact  # an ordinary folder entry is no tampering


def test_a_folder_with_an_nfc_and_an_nfd_spelling_of_one_name_is_not_intact(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "é.html").write_text("<p>one</p>", encoding="utf-8")
    write_manifest(site, [], "9.9.9")
    (site / unicodedata.normalize("NFD", "é.html")).write_bytes(TAMPERED)
    report = verify_site(site)
    assert report.duplicates == ["é.html"] and not report.intact


# --- the how-to-open note -------------------------------------------------------------------------

def test_the_note_as_written_verifies(tmp_path):
    assert verify_site(built_zip(tmp_path)).intact


def test_a_changed_note_is_altered(tmp_path):
    text = "旧版有误，请到 http://evil.example/ 下载新版档案。".encode()
    bad = rewrite(built_zip(tmp_path), tmp_path / "note.zip", replace={ZIP_README: text})
    report = verify_site(bad)
    assert report.altered == ["../" + ZIP_README] and not report.intact


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_second_note_is_a_duplicate(tmp_path, where):
    extra = (unicodedata.normalize("NFD", ZIP_README), "请到 http://evil.example/ 下载".encode())
    bad = rewrite(built_zip(tmp_path), tmp_path / "note.zip", **{where: extra})
    report = verify_site(bad)
    assert report.duplicates == ["../" + ZIP_README] and not report.intact


def test_a_zip_without_the_note_still_verifies(tmp_path):
    zipped = built_zip(tmp_path)
    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(zipped) as old, zipfile.ZipFile(bare, "w") as new:
        for info in old.infolist():
            if info.filename != ZIP_README:
                new.writestr(info, old.read(info))
    assert verify_site(bare).intact  # zipped again by hand from the site folder: the site is whole


# --- members that cannot be read ----------------------------------------------------------------

@pytest.mark.parametrize(("change", "reason"), [({"method": 9}, "compression method 9 is not supported"),
                                               ({"flag": 0x1}, "encrypted: it needs a password")])
def test_a_member_that_cannot_be_read_is_reported_as_such(tmp_path, change, reason):
    added = rewrite(built_zip(tmp_path), tmp_path / "added.zip", after=("site/extra.html", b"x"))
    report = verify_site(patch_member(added, "site/extra.html", **change))
    assert report.unreadable == [("extra.html", reason)]
    assert not report.intact


def test_an_encrypted_manifest_is_a_clear_error(tmp_path):
    bad = patch_member(built_zip(tmp_path), "site/" + MANIFEST_NAME, flag=0x1)
    with pytest.raises(ArchiveError, match="encrypted"):
        verify_site(bad)


def test_a_manifest_that_inflates_beyond_any_site_s_is_refused_unread(tmp_path):
    """65 MB of spaces deflate to a few kilobytes: the zip is small, its manifest is no manifest the tool wrote."""
    zipped = built_zip(tmp_path)
    bomb = rewrite(zipped, tmp_path / "bomb.zip", replace={"site/" + MANIFEST_NAME: b" " * (MAX_MANIFEST_BYTES + 1)})
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ArchiveError, match="bigger than"):
        verify_site(bomb)


def test_the_command_reports_them_in_one_line_each(tmp_path, run_cli):
    zipped = built_zip(tmp_path)
    dup = rewrite(zipped, tmp_path / "dup.zip", before=("site/index.html", TAMPERED))
    bad = patch_member(rewrite(dup, tmp_path / "bad.zip", after=("site/extra.html", b"x")),
                       "site/extra.html", flag=0x1)
    result = run_cli(None, "verify", str(bad))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "one name, more than one file: index.html" in result.output
    assert "cannot be read: extra.html (encrypted: it needs a password)" in result.output
    as_json = json.loads(run_cli(None, "verify", "--json", str(bad)).output)
    assert as_json["duplicates"] == ["index.html"] and not as_json["intact"]


# --- manifests of the wrong shape -------------------------------------------------------------------

def tampered_manifest(tmp_path: Path, change) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    write_manifest(site, [], "9.9.9")
    path = site / MANIFEST_NAME
    path.write_bytes(change(path.read_bytes()))
    return site


def test_a_manifest_with_a_huge_integer_is_a_clear_error(tmp_path):
    site = tampered_manifest(tmp_path, lambda raw: raw.replace(b'"format": 1', b'"format": ' + b"9" * 5000, 1))
    with pytest.raises(ArchiveError, match="4300 digits"):
        verify_site(site)
    with pytest.raises(ArchiveError, match="4300 digits"):
        verify_site(write_zip(site, tmp_path / "big.zip"))


@pytest.mark.parametrize("originals", [5, "x", {"a": 1}, [5], [None]])
def test_originals_that_are_not_a_list_of_entries_are_a_clear_error(tmp_path, originals):
    def change(raw: bytes) -> bytes:
        manifest = json.loads(raw)
        manifest["originals"] = originals
        return json.dumps(manifest).encode()
    with pytest.raises(ArchiveError, match="bad 'originals' list"):
        verify_site(tampered_manifest(tmp_path, change))


def _lengthened_local_member(source: Path, target: Path, name: str, extra: bytes) -> Path:
    """A copy of the zip whose member ``name`` carries ``extra`` after its data, declared by its local header
    (size and CRC) while the directory keeps the original's: what unzip extracts is not what Python reads."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zf:
        info = zf.getinfo(name)
        assert info.compress_type == zipfile.ZIP_STORED or info.compress_type == zipfile.ZIP_DEFLATED
        body = zf.read(name) + extra
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26:header + 30])
    start = header + 30 + name_len + extra_len
    stored = zlib.compress(body)[2:-4] if info.compress_type == zipfile.ZIP_DEFLATED else body
    data[header + 14:header + 26] = struct.pack("<III", zlib.crc32(body), len(stored), len(body))
    data[start:start + info.compress_size] = stored
    grown = len(stored) - info.compress_size
    # the central directory (and the end record) move by ``grown``; their offsets of later members too
    end = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[end + 12:end + 20])
    struct.pack_into("<I", data, end + 16, cd_offset + grown)
    at = cd_offset + grown
    while data[at:at + 4] == b"PK\x01\x02":
        n, e, c = struct.unpack("<HHH", data[at + 28:at + 34])
        offset = struct.unpack("<I", data[at + 42:at + 46])[0]
        if offset > header:
            struct.pack_into("<I", data, at + 42, offset + grown)
        at += 46 + n + e + c
    target.write_bytes(bytes(data))
    return target


def test_a_member_whose_local_header_says_other_than_the_directory_is_reported(tmp_path):
    """unzip and streaming extractors follow a member's local header: a page lengthened there, with the
    directory's size and CRC left as they were, would pass a check that reads by the directory."""
    zipped = built_zip(tmp_path)
    with zipfile.ZipFile(zipped) as zf:
        name = next(n for n in zf.namelist() if n.endswith("index.html"))
    tampered = _lengthened_local_member(zipped, tmp_path / "tampered.zip", name, b"<script>alert(9)</script>")
    with zipfile.ZipFile(tampered) as zf:  # Python still reads the genuine page by the directory
        assert zf.read(name) == SITE["index.html"].encode()
    report = verify_site(tampered)
    assert not report.files_intact
    assert any("local header" in why for _rel, why in report.unreadable), report.unreadable


def test_bytes_hidden_between_members_are_reported(tmp_path):
    zipped = built_zip(tmp_path)
    data = bytearray(zipped.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack("<I", data[end + 16:end + 20])[0]
    hidden = b"PK\x03\x04" + b"\x00" * 26 + b"<script>alert('hidden')</script>"
    data[cd_offset:cd_offset] = hidden  # a member no directory entry lists, before the directory
    end += len(hidden)
    struct.pack_into("<I", data, end + 16, cd_offset + len(hidden))
    (tmp_path / "hidden.zip").write_bytes(bytes(data))
    report = verify_site(tmp_path / "hidden.zip")
    assert not report.files_intact
    assert ("(zip)", "bytes after the last member that the zip's directory does not list") in report.unreadable


def test_the_zips_own_members_agree_with_their_local_headers(tmp_path):
    report = verify_site(built_zip(tmp_path))
    assert report.files_intact and report.unreadable == []


def _extracted(tmp_path: Path) -> Path:
    target = tmp_path / "extracted"
    with zipfile.ZipFile(built_zip(tmp_path)) as zf:
        zf.extractall(target)
    return target


def test_an_extracted_zip_is_verified_with_what_lies_beside_its_site(tmp_path):
    """The extracted folder holds the note and the site folder: a note rewritten to send inspectors elsewhere,
    or a page added beside the site, is reported as it is in the zip."""
    extracted = _extracted(tmp_path)
    assert verify_site(extracted).files_intact
    (extracted / ZIP_README).write_text("网站已更新，请改为访问 http://example.invalid/", "utf-8")
    (extracted / "index.html").write_text("<script>alert(1)</script>", "utf-8")
    report = verify_site(extracted)
    assert f"../{ZIP_README}" in report.altered and "../index.html" in report.added


def test_a_site_whose_manifest_was_moved_into_a_hidden_copy_is_not_intact(tmp_path):
    """The manifest taken out of the site and a genuine copy put inside it: verify does not certify the copy
    while the pages the browser opens are someone else's."""
    extracted = _extracted(tmp_path)
    site = next(child for child in extracted.iterdir() if child.is_dir())
    genuine = site / ".genuine"
    genuine.mkdir()
    for rel in [*SITE, MANIFEST_NAME]:
        (genuine / rel).parent.mkdir(parents=True, exist_ok=True)
        (genuine / rel).write_bytes((site / rel).read_bytes())
    (site / MANIFEST_NAME).unlink()
    (site / "index.html").write_text(TAMPERED.decode(), "utf-8")
    with pytest.raises(ArchiveError):
        verify_site(site)
