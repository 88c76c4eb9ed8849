"""Provenance: the manifest's fingerprint printed and written beside the zip, the bureau's signature,
and `verify` failing an edited page plus an edited manifest once either is given."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.site import provenance

from site_helpers import archive_files


def invoke(*args: str, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> dict[str, Path | str]:
    """A scratch archive built with --zip and --sign-key; the keys kept outside the archive."""
    base = tmp_path_factory.mktemp("provenance")
    root = base / "archive"
    for rel, data in archive_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    keys = base / "keys"
    made = invoke("keygen", str(keys / "bureau.pem"), "--public", str(keys / "bureau-pub.pem"))
    assert made.exit_code == 0, made.output
    zip_path = base / "迎检档案.zip"
    built = invoke("--root", str(root), "build", "--zip", str(zip_path), "--sign-key", str(keys / "bureau.pem"))
    assert built.exit_code == 0, built.output
    return {"root": root, "site": root / "site", "zip": zip_path, "keys": keys, "output": built.output,
            "keygen": made.output}


def _tamper(site: Path) -> None:
    """Edit a page and write the manifest again to match: what verify alone cannot see."""
    page = site / "index.html"
    page.write_text(page.read_text("utf-8").replace("</h1>", "（已核准）</h1>", 1), "utf-8")
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    data = page.read_bytes()
    manifest["files"]["index.html"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    (site / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _zip_folder(site: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, f"site/{path.relative_to(site).as_posix()}")
    return target


def test_build_prints_the_fingerprint_and_writes_it_beside_the_zip(signed):
    value = hashlib.sha256((signed["site"] / "manifest.json").read_bytes()).hexdigest()
    assert f"Manifest fingerprint (SHA-256 of manifest.json): {value}." in signed["output"]
    beside = signed["zip"].with_name("迎检档案.fingerprint.txt")
    assert f"Fingerprint written: {beside}" in signed["output"]
    lines = beside.read_text("utf-8").splitlines()
    assert lines[0] == f"{value}  manifest.json"  # as sha256sum writes it
    assert any("请把本文件与压缩包分开保存" in line for line in lines[1:])
    assert all(line.startswith("# ") for line in lines[1:])
    with zipfile.ZipFile(signed["zip"]) as archive:
        assert hashlib.sha256(archive.read("site/manifest.json")).hexdigest() == value
        assert "site/manifest.sig" in archive.namelist()
        assert not [n for n in archive.namelist() if n.endswith(".pem")]  # no key travels with the site


def test_verify_accepts_the_recorded_fingerprint_as_hex_or_file(signed):
    beside = str(signed["zip"].with_name("迎检档案.fingerprint.txt"))
    value = Path(beside).read_text("utf-8").split()[0]
    for target in (signed["site"], signed["zip"]):
        for given in (beside, value, value.upper()):
            result = invoke("verify", str(target), "--fingerprint", given)
            assert result.exit_code == 0, result.output
            assert f"The manifest is the recorded one: fingerprint {value}." in result.output


def test_verify_accepts_a_valid_signature(signed):
    key = signed["keys"] / "bureau-pub.pem"
    key_id = signed["output"].split("with the key ")[1].split(".")[0]
    for target in (signed["site"], signed["zip"]):
        result = invoke("verify", str(target), "--public-key", str(key))
        assert result.exit_code == 0, result.output
        assert f"Signature valid: the manifest was signed with the key {key_id}." in result.output
    data = json.loads(invoke("verify", str(signed["zip"]), "--json", "--public-key", str(key)).output)
    assert data["intact"] and data["signature"] == {"status": "valid", "key": key_id, "signed_with": key_id}


def test_edited_page_and_manifest_pass_plain_verify_but_fail_fingerprint_and_signature(signed, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(signed["site"], site)
    _tamper(site)
    beside = str(signed["zip"].with_name("迎检档案.fingerprint.txt"))
    public = str(signed["keys"] / "bureau-pub.pem")
    for target in (site, _zip_folder(site, tmp_path / "tampered.zip")):
        plain = invoke("verify", str(target))
        assert plain.exit_code == 0 and "Intact" in plain.output  # the manifest matches the edited page
        result = invoke("verify", str(target), "--fingerprint", beside)
        assert result.exit_code == 1
        assert result.output.startswith("Not intact: all ") and "Intact" not in result.output
        assert "The manifest is not the recorded one" in result.output
        result = invoke("verify", str(target), "--public-key", public)
        assert result.exit_code == 1
        assert "Signature not valid for the key" in result.output


def test_a_signature_made_with_another_key_or_removed_fails(signed, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(signed["site"], site)
    assert invoke("keygen", str(tmp_path / "other.pem")).exit_code == 0
    result = invoke("verify", str(site), "--public-key", str(tmp_path / "other.pub.pem"))
    assert result.exit_code == 1 and "Signature not valid for the key" in result.output
    # A forger with their own key re-signs the edited manifest: the bureau's key still refuses it.
    _tamper(site)
    forged = provenance.sign((site / "manifest.json").read_bytes(),
                             provenance.load_signing_key(tmp_path / "other.pem"))
    (site / "manifest.sig").write_bytes(forged)
    result = invoke("verify", str(site), "--public-key", str(signed["keys"] / "bureau-pub.pem"))
    assert result.exit_code == 1 and "Signature not valid" in result.output
    (site / "manifest.sig").unlink()
    result = invoke("verify", str(site), "--public-key", str(signed["keys"] / "bureau-pub.pem"))
    assert result.exit_code == 1 and "No signature: the site has no manifest.sig" in result.output


def test_verify_refuses_a_fingerprint_or_key_it_cannot_read(signed, tmp_path):
    result = invoke("verify", str(signed["site"]), "--fingerprint", "abc123")
    assert result.exit_code == 1
    assert "--fingerprint abc123: neither a SHA-256 fingerprint" in result.output
    (tmp_path / "not-a-key.pem").write_text("hello\n")
    result = invoke("verify", str(signed["site"]), "--public-key", str(tmp_path / "not-a-key.pem"))
    assert result.exit_code == 1 and "not an Ed25519 public key in PEM" in result.output


def test_build_with_a_bad_key_builds_nothing_and_keeps_the_site(signed, tmp_path):
    before = (signed["site"] / "manifest.json").read_bytes()
    (tmp_path / "bad.pem").write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    result = invoke("--root", str(signed["root"]), "build", "--sign-key", str(tmp_path / "bad.pem"))
    assert result.exit_code == 1
    assert "not an Ed25519 private key in PEM" in result.output and "nothing was built" in result.output
    assert (signed["site"] / "manifest.json").read_bytes() == before


def test_keygen_keeps_the_private_key_private_and_never_overwrites(signed):
    private = signed["keys"] / "bureau.pem"
    assert stat.S_IMODE(os.stat(private).st_mode) == 0o600
    assert "Private key:" in signed["keygen"] and "Public key:" in signed["keygen"]
    before = private.read_bytes()
    result = invoke("keygen", str(private))
    assert result.exit_code == 1 and "a key is never overwritten" in result.output
    assert private.read_bytes() == before


def test_a_passphrase_protected_key_is_read_from_the_environment(tmp_path, monkeypatch):
    result = invoke("keygen", str(tmp_path / "k.pem"), "--passphrase", input="门卫口令\n门卫口令\n")
    assert result.exit_code == 0, result.output
    assert b"ENCRYPTED" in (tmp_path / "k.pem").read_bytes()
    monkeypatch.delenv(provenance.PASSPHRASE_ENV, raising=False)
    with pytest.raises(Exception, match=provenance.PASSPHRASE_ENV):
        provenance.load_signing_key(tmp_path / "k.pem")
    monkeypatch.setenv(provenance.PASSPHRASE_ENV, "门卫口令")
    key = provenance.load_signing_key(tmp_path / "k.pem")
    signature = provenance.sign(b"{}", key)
    public = provenance.load_public_key(tmp_path / "k.pub.pem")
    assert provenance.check_signature(b"{}", signature, public).status == "valid"
    assert provenance.check_signature(b"{ }", signature, public).status == "invalid"


def test_a_later_build_without_the_key_leaves_no_old_signature(make_archive, tmp_path):
    root = make_archive(archive_files())
    assert invoke("keygen", str(tmp_path / "k.pem")).exit_code == 0
    assert invoke("--root", str(root), "build", "--sign-key", str(tmp_path / "k.pem")).exit_code == 0
    assert (root / "site" / "manifest.sig").is_file()
    (root / "content" / "新增说明.md").write_text("# 新增说明\n\n新增的说明文字。\n", "utf-8")
    result = invoke("--root", str(root), "build")
    assert result.exit_code == 0 and "signed" not in result.output
    assert not (root / "site" / "manifest.sig").exists()  # a signature of another manifest would mislead
    result = invoke("verify", str(root / "site"), "--public-key", str(tmp_path / "k.pub.pem"))
    assert result.exit_code == 1 and "No signature" in result.output
