"""The site manifest and its verification (archive_builder.site.manifest)."""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from archive_builder.core.errors import ArchiveError
from archive_builder.core.model import Document
from archive_builder.site.manifest import MANIFEST_NAME, verify_site, write_manifest

SITE_FILES = {
    "index.html": "<h1>首页</h1>",
    "assets/site.css": "body{}",
    "documents/县财政局/预算.html": "<p>预算</p>",
    "files/县财政局/预算 2023（终稿）.pdf": b"%PDF-1.4 fake",
}


def make_site(tmp_path: Path, name: str = "site") -> Path:
    """A small built site (without manifest)."""
    site = tmp_path / name
    for rel, data in SITE_FILES.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return site


def zip_site(site: Path, target: Path, top: str | None = None) -> Path:
    """Zip ``site`` at the zip's root or inside one top folder."""
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                rel = path.relative_to(site).as_posix()
                zf.write(path, f"{top}/{rel}" if top else rel)
    return target


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing --------------------------------------------------------------------------------

def test_the_manifest_lists_every_site_file_with_hash_and_size(tmp_path):
    site = make_site(tmp_path)
    path = write_manifest(site, [], "1.2.3")
    assert path == site / MANIFEST_NAME
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(SITE_FILES)
    pdf = "files/县财政局/预算 2023（终稿）.pdf"
    assert manifest["files"][pdf] == {"sha256": sha(b"%PDF-1.4 fake"), "size": 13}
    assert manifest["version"] == "1.2.3"
    assert manifest["algorithm"] == "sha256"
    built = datetime.fromisoformat(manifest["built_at"].replace("Z", "+00:00"))
    assert built.utcoffset().total_seconds() == 0


def test_originals_are_hashed_from_their_file_or_taken_as_given(tmp_path):
    site = make_site(tmp_path)
    original = tmp_path / "content" / "县财政局" / "预算.pdf"
    original.parent.mkdir(parents=True)
    original.write_bytes(b"original bytes")
    (site / "files" / "县财政局").mkdir(parents=True, exist_ok=True)
    (site / "files" / "县财政局" / "预算.pdf").write_bytes(b"original bytes")
    write_manifest(site, [
        {"path": "县财政局/预算.pdf", "abspath": original, "site_path": "files/县财政局/预算.pdf"},
        {"path": "县教育局/名册.csv", "sha256": "ab" * 32, "size": 99, "site_path": "files/县教育局/名册.csv"},
    ], "0.1.0")
    originals = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))["originals"]
    assert originals == [
        {"path": "县教育局/名册.csv", "site_path": None, "sha256": "ab" * 32, "size": 99},  # not in the site
        {"path": "县财政局/预算.pdf", "site_path": "files/县财政局/预算.pdf",
         "sha256": sha(b"original bytes"), "size": 14},
    ]


def test_verify_fails_when_a_listed_original_is_missing(tmp_path):
    """The manifest lists exactly the site's files: an original it names must be there."""
    site = make_site(tmp_path)
    (site / "files").mkdir(exist_ok=True)
    (site / "files" / "a.pdf").write_bytes(b"pdf")
    write_manifest(site, [{"path": "a.pdf", "sha256": "ab" * 32, "size": 3, "site_path": "files/a.pdf"}], "0.1.0")
    assert verify_site(site).intact
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    del manifest["files"]["files/a.pdf"]  # an edited manifest that forgets the file
    (site / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    (site / "files" / "a.pdf").unlink()
    assert verify_site(site).removed == ["files/a.pdf"]


def test_documents_can_be_given_as_originals(tmp_path):
    site = make_site(tmp_path)
    original = tmp_path / "a.txt"
    original.write_bytes(b"abc")
    doc = Document(path="县财政局/a.txt", abspath=original, type="txt", title="a", department="czj",
                   category="bzjz", years=[2023], sha256="", size=0)
    write_manifest(site, [doc], "0.1.0")
    entry = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))["originals"][0]
    assert entry["sha256"] == sha(b"abc") and entry["size"] == 3


def test_classified_originals_are_left_out_even_if_given(tmp_path):
    site = make_site(tmp_path)
    secret = Document(path="县教科局/发展规划/2016/绝密测算.md", abspath=tmp_path / "x", type="md", title="t",
                      department="jiaoke", category="guihua", years=[2016], sha256="cd" * 32, size=1,
                      classification="秘密")
    marked = {"path": "县教科局/标了密级.md", "sha256": "ef" * 32, "size": 2, "classification_mark": "机密"}
    public = {"path": "县教科局/公开.md", "sha256": "ab" * 32, "size": 3, "classification": "公开"}
    write_manifest(site, [secret, marked, public], "0.1.0")
    text = (site / MANIFEST_NAME).read_text(encoding="utf-8")
    assert "绝密测算" not in text and "标了密级" not in text
    assert [o["path"] for o in json.loads(text)["originals"]] == ["县教科局/公开.md"]


def test_the_manifest_does_not_list_itself(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    write_manifest(site, [], "0.1.0")  # a second run must not pick up the first manifest
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert MANIFEST_NAME not in manifest["files"]


# --- verifying a folder ---------------------------------------------------------------------

def test_a_fresh_site_is_intact(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    report = verify_site(site)
    assert report.intact
    assert report.checked == len(SITE_FILES)
    assert (report.added, report.removed, report.altered) == ([], [], [])


def test_one_changed_byte_is_reported_as_altered(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    page = site / "documents/县财政局/预算.html"
    data = bytearray(page.read_bytes())
    data[0] ^= 1
    page.write_bytes(bytes(data))
    report = verify_site(site)
    assert not report.intact
    assert report.altered == ["documents/县财政局/预算.html"]
    assert report.added == [] and report.removed == []


def test_added_and_removed_files_are_named(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    (site / "assets/site.css").unlink()
    (site / "extra.js").write_text("alert(1)", encoding="utf-8")
    report = verify_site(site)
    assert report.removed == ["assets/site.css"]
    assert report.added == ["extra.js"]
    assert report.altered == []


def test_a_same_size_change_is_caught_by_the_hash(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    (site / "assets/site.css").write_text("body[]", encoding="utf-8")
    assert verify_site(site).altered == ["assets/site.css"]


def test_a_folder_holding_the_site_folder_is_accepted(tmp_path):
    site = make_site(tmp_path / "unzipped")
    write_manifest(site, [], "0.1.0")
    assert verify_site(tmp_path / "unzipped").intact


def test_names_decomposed_by_another_system_still_match(tmp_path):
    site = make_site(tmp_path)
    (site / "files" / "café.txt").write_text("x", encoding="utf-8")
    write_manifest(site, [], "0.1.0")
    nfd = unicodedata.normalize("NFD", "café.txt")
    (site / "files" / "café.txt").rename(site / "files" / nfd)
    report = verify_site(site)
    assert report.intact, report


def test_a_folder_without_manifest_is_a_clear_error(tmp_path):
    site = make_site(tmp_path)
    with pytest.raises(ArchiveError, match="no manifest.json"):
        verify_site(site)


def test_a_damaged_manifest_is_a_clear_error(tmp_path):
    site = make_site(tmp_path)
    (site / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ArchiveError, match="cannot be read"):
        verify_site(site)
    (site / MANIFEST_NAME).write_text('{"files": []}', encoding="utf-8")
    with pytest.raises(ArchiveError, match="cannot be read"):
        verify_site(site)


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(ArchiveError, match="does not exist"):
        verify_site(tmp_path / "nowhere")


def test_a_file_that_is_not_a_zip_is_a_clear_error(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(ArchiveError, match="neither a site folder nor a .zip"):
        verify_site(other)


# --- verifying a zip ------------------------------------------------------------------------

@pytest.mark.parametrize("top", [None, "示范县档案"])
def test_a_zip_of_an_intact_site_verifies(tmp_path, top):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    report = verify_site(zip_site(site, tmp_path / "site.zip", top))
    assert report.intact
    assert report.checked == len(SITE_FILES)


def test_a_zip_with_one_altered_file_names_it(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    (site / "index.html").write_text("<h1>首页！</h1>", encoding="utf-8")
    shutil.copy2(site / "index.html", site / "copy.html")
    report = verify_site(zip_site(site, tmp_path / "site.zip", "top"))
    assert report.altered == ["index.html"]
    assert report.added == ["copy.html"]


def test_a_zip_without_manifest_is_a_clear_error(tmp_path):
    site = make_site(tmp_path)
    with pytest.raises(ArchiveError, match="no manifest.json"):
        verify_site(zip_site(site, tmp_path / "site.zip", "top"))


def test_a_truncated_zip_is_a_clear_error(tmp_path):
    site = make_site(tmp_path)
    write_manifest(site, [], "0.1.0")
    archive = zip_site(site, tmp_path / "site.zip")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArchiveError, match="zip .* cannot be read"):
        verify_site(archive)
