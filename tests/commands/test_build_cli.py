"""``archive-builder build`` on a scratch archive: the site, its paths, problems, --strict, --zip, secrets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from site_helpers import (
    DOC_BUDGET,
    RARE_WORD,
    VALID_ID,
    archive_files,
    external_references,
    site_files,
    tree_state,
)


@pytest.fixture
def archive(make_archive) -> Path:
    return make_archive(archive_files())


def test_build_writes_an_ascii_offline_site(archive: Path, run_cli):
    result = run_cli(archive, "build")
    assert result.exit_code == 0, result.output
    site = archive / "site"
    assert (site / "index.html").is_file()
    assert "Built" in result.output and "2 documents" in result.output
    names = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    assert names and all(name.isascii() for name in names), [n for n in names if not n.isascii()]
    assert external_references(site) == []
    home = (site / "index.html").read_text("utf-8")
    assert "义务教育发展基本均衡县迎检档案" in home
    assert 'href="categories/index.html"' in home  # the nav keeps to categories, departments, years, schools


def test_document_page_links_its_copied_original(archive: Path, run_cli):
    run_cli(archive, "build")
    site = archive / "site"
    page = next(p for p in (site / "docs" / "caizheng").glob("*.html") if RARE_WORD in p.read_text("utf-8"))
    text = page.read_text("utf-8")
    assert "财教〔2015〕12号" in text and "县财政局" in text
    original = text.split('data-ab-original')[0].rsplit('href="', 1)[1].split('"')[0]
    copied = (page.parent / original).resolve()
    assert copied.is_file() and copied.read_text("utf-8") == (archive / DOC_BUDGET).read_text("utf-8")


def test_scripts_from_documents_are_removed(archive: Path, run_cli):
    run_cli(archive, "build")
    for page in (archive / "site" / "docs").rglob("*.html"):
        text = page.read_text("utf-8")
        assert "__pwned" not in text and "onerror" not in text


def test_classified_and_internal_documents_stay_out(archive: Path, run_cli):
    run_cli(archive, "build")
    blobs = [p.read_bytes() for p in site_files(archive / "site")]
    assert not any(b"SECRETWORD" in b or "绝密测算表".encode() in b for b in blobs)
    assert not any(b"INTERNALWORD" in b for b in blobs)
    run_cli(archive, "build", "--include-internal")
    blobs = [p.read_bytes() for p in site_files(archive / "site")]
    assert any(b"INTERNALWORD" in b for b in blobs)
    assert not any(b"SECRETWORD" in b for b in blobs)


def test_id_numbers_are_masked_in_every_site_file(archive: Path, run_cli):
    run_cli(archive, "build")
    site = archive / "site"
    assert not [p for p in site_files(site) if VALID_ID.encode() in p.read_bytes()]
    data_pages = [p.read_text("utf-8") for p in (site / "data").glob("*.html") if p.name != "index.html"]
    assert any("110105********002X" in page for page in data_pages)


def test_broken_file_is_listed_and_the_rest_builds(archive: Path, run_cli):
    (archive / "content/县教科局/发展规划/2016/坏文件.pdf").write_bytes(b"not a pdf at all")
    result = run_cli(archive, "build")
    assert result.exit_code == 0, result.output
    problems = (archive / "site" / "problems.html").read_text("utf-8")
    assert "县教科局 / 发展规划：1 个文件待复核" in problems and "坏文件" not in problems  # it may be classified
    assert "县教科局/发展规划/2016/坏文件.pdf" in result.output  # the clerk's own message names it
    assert RARE_WORD in "".join(p.read_text("utf-8") for p in (archive / "site" / "docs").rglob("*.html"))


def test_strict_fails_and_keeps_the_previous_site(archive: Path, run_cli):
    assert run_cli(archive, "build").exit_code == 0
    before = tree_state(archive / "site")
    (archive / "content/县教科局/发展规划/2016/坏文件.pdf").write_bytes(b"not a pdf at all")
    result = run_cli(archive, "build", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.output and "previous one is unchanged" in result.output
    assert tree_state(archive / "site") == before
    assert not [p for p in archive.iterdir() if ".building-" in p.name]


def test_zip_holds_the_site_with_ascii_names(archive: Path, run_cli, tmp_path: Path):
    target = tmp_path / "out" / "迎检档案.zip"
    result = run_cli(archive, "build", "--output", str(tmp_path / "site"), "--zip", str(target))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive_zip:
        names = archive_zip.namelist()
    assert "site/index.html" in names
    assert all(name.isascii() for name in names if name != "打开方法.txt")  # the note beside the site


def test_output_inside_content_is_refused(archive: Path, run_cli):
    result = run_cli(archive, "build", "--output", str(archive / "content" / "site"))
    assert result.exit_code == 1
    assert "inside content/" in result.output
    assert not (archive / "content" / "site").exists()


def test_build_help_has_an_example(run_cli):
    result = run_cli(None, "build", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "--strict" in result.output
