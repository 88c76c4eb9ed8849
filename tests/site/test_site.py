"""The mkdocs stage: configuration merge, the archive's overrides, atomic swap, reuse of the previous site."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import ArchiveError, ConfigError, message
from archive_builder.pipeline import build_site
from archive_builder.site import build as site_module

from site_helpers import DOC_PLAN, RARE_WORD, archive_files, tree_state


@pytest.fixture
def archive(make_archive) -> Path:
    return make_archive(archive_files())


def test_defaults_keep_everything_offline():
    defaults = site_module.load_defaults()
    assert defaults["theme"]["font"] is False and defaults["theme"]["language"] == "zh"
    assert defaults["use_directory_urls"] is False
    names = {site_module._plugin_name(p) for p in defaults["plugins"]}
    assert not names & site_module.REFUSED_PLUGINS


def test_merge_config_merges_mappings_and_appends_lists():
    base = {"theme": {"name": "material", "font": False}, "extra_css": ["a.css"], "plugins": ["tags"]}
    merged = site_module.merge_config(base, {"theme": {"palette": {"primary": "red"}}, "extra_css": ["b.css"],
                                             "plugins": ["search"]})
    assert merged["theme"] == {"name": "material", "font": False, "palette": {"primary": "red"}}
    assert merged["extra_css"] == ["a.css", "b.css"]
    assert merged["plugins"] == ["search"]
    assert base["extra_css"] == ["a.css"]


def test_archive_overrides_apply_but_search_and_fonts_stay_off(archive: Path):
    (archive / "mkdocs.yml").write_text(
        "site_name: 示范县迎检档案\ntheme:\n  font:\n    text: Roboto\n  palette:\n    primary: red\n"
        "plugins:\n  - search\n  - tags\n", encoding="utf-8")
    (archive / "site_config").mkdir()
    (archive / "site_config" / "县样式.css").write_text(".md-header { background: #900; }", encoding="utf-8")
    (archive / "site_config" / "overrides" / "partials").mkdir(parents=True)
    (archive / "site_config" / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="county-copyright">县教科局制</div>', encoding="utf-8")
    result = build_site(load_config(archive))
    home = (result.output / "index.html").read_text("utf-8")
    assert "示范县迎检档案" in home
    assert "assets/extra/extra-1.css" in home and (result.output / "assets/extra/extra-1.css").is_file()
    assert "county-copyright" in home
    assert "fonts.googleapis.com" not in home
    assert not (result.output / "search" / "search_index.json").exists()  # Material's search plugin stayed off
    assert (result.output / "search" / "docs.js").is_file()  # the site's own index is there


def test_bad_archive_mkdocs_yml_fails_and_keeps_the_previous_site(archive: Path):
    config = load_config(archive)
    build_site(config)
    before = tree_state(archive / "site")
    (archive / "mkdocs.yml").write_text("theme: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="mkdocs.yml"):
        build_site(config)
    assert tree_state(archive / "site") == before


def test_a_failing_mkdocs_build_leaves_no_temporary_folder(archive: Path, monkeypatch):
    config = load_config(archive)
    build_site(config)
    before = tree_state(archive / "site")
    # A changed document, so the failing build starts from the previous site (hard links to its files)
    # and mkdocs and the bodies have written pages before the failure: none of it may reach the old site.
    (archive / DOC_PLAN).write_text("新的规划内容：城乡一体化。\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise ArchiveError(message("build.mkdocs_failed", detail="boom"))

    monkeypatch.setattr(site_module, "write_search", broken)
    with pytest.raises(ArchiveError, match="boom"):
        build_site(config)
    assert tree_state(archive / "site") == before
    assert not [p for p in archive.iterdir() if p.name.startswith(".site.")]


def test_second_build_reuses_the_site_and_renders_changes(archive: Path):
    config = load_config(archive)
    first = build_site(config)
    assert not first.reused
    second = build_site(config)
    assert second.reused
    doc = archive / "content/县教科局/发展规划/2016/2016年均衡发展规划.txt"
    doc.write_text("新的规划内容：城乡一体化。\n", encoding="utf-8")
    third = build_site(config)
    assert third.reused
    pages = "".join(p.read_text("utf-8") for p in (archive / "site" / "docs").rglob("*.html"))
    assert "城乡一体化" in pages and "交流轮岗制度" not in pages
    assert RARE_WORD in pages
    doc.unlink()
    fourth = build_site(config)
    pages = "".join(p.read_text("utf-8") for p in (archive / "site" / "docs").rglob("*.html"))
    assert "城乡一体化" not in pages and len(fourth.documents) == 1


def test_manifest_lists_published_originals(archive: Path):
    import json

    result = build_site(load_config(archive))
    manifest = json.loads((result.output / "manifest.json").read_text("utf-8"))
    paths = {entry["path"] for entry in manifest["originals"]}
    assert "县财政局/保障机制/2015/2015年教育经费预算.md" in paths
    assert not any("内部测算" in p for p in paths)


def test_every_third_party_script_is_named_with_its_version_and_licence(archive: Path):
    """The theme's unused search (lunr, its worker) is not shipped; what the theme ships is in the notice."""
    from importlib import metadata

    site = build_site(load_config(archive)).output
    assert not (site / "assets/javascripts/lunr").exists()
    assert not (site / "assets/javascripts/workers").exists()
    notice = (site / site_module.THIRD_PARTY_NOTICE).read_text("utf-8")
    assert f"== mkdocs-material {metadata.version('mkdocs-material')} (MIT) ==" in notice
    assert "Permission is hereby granted, free of charge" in notice  # the theme's own MIT licence
    ours = ("search/", "assets/ab-search/")
    scripts = [p.relative_to(site).as_posix() for p in site.rglob("*.js")]
    theirs = [s for s in scripts if not s.startswith(ours)]
    assert theirs and all(f"\n{s}\n" in notice for s in theirs), theirs
    manifest = (site / "manifest.json").read_text("utf-8")
    assert "lunr" not in manifest and "THIRD-PARTY-NOTICES.txt" in manifest
