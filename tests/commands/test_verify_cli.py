"""``archive-builder verify``: exit codes and messages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from archive_builder.core.i18n import set_language
from archive_builder.site.manifest import write_manifest


def built_site(root: Path) -> Path:
    """A small site with a manifest, at ``root/site``."""
    site = root / "site"
    (site / "documents").mkdir(parents=True)
    (site / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    (site / "documents" / "预算.html").write_text("<p>预算</p>", encoding="utf-8")
    write_manifest(site, [], "9.9.9")
    return site


def test_an_intact_site_exits_0(tmp_path, run_cli):
    site = built_site(tmp_path)
    result = run_cli(None, "verify", str(site))
    assert result.exit_code == 0
    assert "Intact: all 2 files match the manifest" in result.output
    assert "archive-builder 9.9.9" in result.output


def test_the_default_is_the_site_folder_of_the_archive(tmp_path, run_cli):
    built_site(tmp_path)
    result = run_cli(tmp_path, "verify")
    assert result.exit_code == 0
    assert "Intact" in result.output


def test_one_changed_byte_exits_1_naming_the_file(tmp_path, run_cli):
    site = built_site(tmp_path)
    page = site / "documents" / "预算.html"
    page.write_bytes(page.read_bytes().replace(b"<p>", b"<P>"))
    result = run_cli(None, "verify", str(site))
    assert result.exit_code == 1
    assert "altered: documents/预算.html" in result.output
    assert "Changed since the build: 0 added, 0 removed, 1 altered." in result.output


def test_added_and_removed_files_are_listed(tmp_path, run_cli):
    site = built_site(tmp_path)
    (site / "index.html").unlink()
    (site / "evil.js").write_text("alert(1)", encoding="utf-8")
    result = run_cli(None, "verify", str(site))
    assert result.exit_code == 1
    assert "removed: index.html" in result.output
    assert "added: evil.js" in result.output


def test_a_zip_is_verified(tmp_path, run_cli):
    site = built_site(tmp_path)
    archive = tmp_path / "档案.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in site.rglob("*"):
            if path.is_file():
                zf.write(path, "档案/" + path.relative_to(site).as_posix())
    assert run_cli(None, "verify", str(archive)).exit_code == 0
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("档案/extra.html", "x")
    result = run_cli(None, "verify", str(archive))
    assert result.exit_code == 1
    assert "added: extra.html" in result.output


def test_json_output(tmp_path, run_cli):
    site = built_site(tmp_path)
    (site / "index.html").write_text("changed", encoding="utf-8")
    result = run_cli(None, "verify", "--json", str(site))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["intact"] is False
    assert data["altered"] == ["index.html"]
    assert data["version"] == "9.9.9"


def test_a_folder_without_manifest_is_a_clear_error(tmp_path, run_cli):
    (tmp_path / "site").mkdir()
    result = run_cli(None, "verify", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "has no manifest.json, so it cannot be verified" in result.output
    assert "Traceback" not in result.output


def test_messages_in_chinese(tmp_path, run_cli):
    site = built_site(tmp_path)
    (site / "index.html").write_text("changed", encoding="utf-8")
    set_language("zh")
    result = run_cli(None, "--lang", "zh", "verify", str(site))
    assert result.exit_code == 1
    assert "被改动：index.html" in result.output
    assert "生成后已有改动：新增 0 个，缺少 0 个，被改动 1 个。" in result.output


def test_help_has_an_example(run_cli):
    result = run_cli(None, "verify", "--help")
    assert result.exit_code == 0
    assert "archive-builder verify site" in result.output


def test_a_built_site_and_its_zip_verify_and_one_changed_byte_is_named(make_archive, run_cli, tmp_path):
    root = make_archive({
        "content/县财政局/保障机制/2015/2015年预算.md": "---\ntitle: 2015年预算\n---\n预算正文。\n",
        "content/县教科局/发展规划/2016/2016年规划.txt": "均衡发展规划。\n",
    })
    target = tmp_path / "archive.zip"
    assert run_cli(root, "build", "--zip", str(target)).exit_code == 0
    assert run_cli(root, "verify").exit_code == 0
    assert run_cli(None, "verify", str(target)).exit_code == 0
    page = next((root / "site" / "docs").rglob("*.html"))
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x20
    page.write_bytes(bytes(data))
    result = run_cli(root, "verify")
    assert result.exit_code == 1
    assert f"altered: {page.relative_to(root / 'site').as_posix()}" in result.output
