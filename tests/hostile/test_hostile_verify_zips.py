"""``verify`` on tampered manifests: a manifest of the wrong shape (an integer too long to convert, originals
that are not a list of entries) is one clear error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive_builder.core.errors import ArchiveError
from archive_builder.site.build import write_zip
from archive_builder.site.manifest import MANIFEST_NAME, verify_site, write_manifest


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
