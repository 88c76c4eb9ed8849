"""Where a site came from: the manifest's fingerprint, and the bureau's Ed25519 signature of it.

``verify`` alone compares a site with the manifest inside it, so whoever edits a page and the
manifest passes. Two things kept apart from the site close that gap:

- the **fingerprint**, the SHA-256 of ``manifest.json``: ``build`` prints it and writes it beside the
  zip (``<zip name>.fingerprint.txt``); a reviewer records it elsewhere, and ``verify --fingerprint``
  checks the manifest against it;
- the **signature**: with ``build --sign-key key.pem`` the bureau signs ``manifest.json`` with its own
  Ed25519 key (``manifest.sig`` in the site), and ``verify --public-key pub.pem`` checks it. The
  private key never enters the site or the zip; ``keygen`` makes a key pair.

The only module that imports ``cryptography`` (lazily, so ``--help`` stays instant).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t_in

SIGNATURE_NAME = "manifest.sig"
ALGORITHM = "ed25519"
_HEX = re.compile(r"^\s*([0-9a-fA-F]{64})(?![0-9a-fA-F])", re.MULTILINE)
#: what key_id makes; a signature file naming anything else names no key
_KEY_ID = re.compile(r"[0-9a-f]{16}")
PASSPHRASE_ENV = "ARCHIVE_BUILDER_KEY_PASSPHRASE"
NOTE_LANG = "zh"  # the fingerprint file travels with the zip, to Chinese reviewers


def fingerprint(manifest_bytes: bytes) -> str:
    """The manifest's fingerprint: SHA-256 of its bytes, lower-case hex."""
    return hashlib.sha256(manifest_bytes).hexdigest()


def fingerprint_path(zip_path: Path) -> Path:
    """Where the fingerprint is written beside a zip: ``迎检档案.zip`` -> ``迎检档案.fingerprint.txt``."""
    return zip_path.with_name(zip_path.stem + ".fingerprint.txt")


def fingerprint_text(value: str, zip_name: str, built_at: str) -> str:
    """The fingerprint file: ``<hex>  manifest.json`` (as sha256sum writes it), then what it is, in Chinese."""
    note = t_in(NOTE_LANG, "provenance.fingerprint_note", zip=zip_name, built_at=built_at)
    return f"{value}  manifest.json\n" + "".join(f"# {line}\n" for line in note.splitlines())


def expected_fingerprint(value: str) -> str:
    """A fingerprint given to ``verify``: 64 hex digits, or a file holding them at the start of a line."""
    if re.fullmatch(r"[0-9a-fA-F]{64}", value.strip()):
        return value.strip().lower()
    path = Path(value)
    try:
        text = path.read_text("utf-8-sig", errors="replace") if path.is_file() else None
    except OSError:
        text = None
    found = _HEX.search(text) if text is not None else None
    if found is None:
        raise ArchiveError(message("verify.bad_fingerprint", value=value))
    return found.group(1).lower()


# --- keys and signatures -------------------------------------------------------------------------------


@dataclass
class SignatureCheck:
    """The outcome of checking manifest.sig: ``valid``, ``invalid`` or ``missing``, and the keys involved."""

    status: str
    key: str = ""  # the fingerprint of the public key given to verify
    signed_with: str = ""  # the key the signature file names


def key_id(public_raw: bytes) -> str:
    """A public key's short name: the first 16 hex digits of the SHA-256 of its raw 32 bytes."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def generate_keys(private_path: Path, public_path: Path, passphrase: str | None = None) -> str:
    """Write a new Ed25519 key pair (PEM; the private key readable by its owner only); return the key id."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    for path in (private_path, public_path):
        if path.exists():
            raise ArchiveError(message("keygen.exists", path=str(path)))
    key = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase
                  else serialization.NoEncryption())
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    public = key.public_key()
    public_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.write_bytes(public_pem)
    return key_id(_raw_public(public))


def load_signing_key(path: Path) -> Any:
    """The bureau's Ed25519 private key from a PEM file (its passphrase, if any, from the environment)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ArchiveError(message("build.bad_sign_key", path=str(path), reason=exc.strerror or exc)) from exc
    passphrase = os.environ.get(PASSPHRASE_ENV)
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8") if passphrase else None)
    except TypeError as exc:  # encrypted without a passphrase, or a passphrase for a plain key
        raise ArchiveError(message("build.sign_key_passphrase", path=str(path), env=PASSPHRASE_ENV)) from exc
    except ValueError as exc:
        raise ArchiveError(message("build.bad_sign_key", path=str(path), reason=str(exc).splitlines()[0])) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ArchiveError(message("build.bad_sign_key", path=str(path), reason=type(key).__name__))
    return key


def sign(manifest_bytes: bytes, key: Any) -> bytes:
    """The signature file for a manifest: JSON naming the algorithm, the key and the signature."""
    record = {"algorithm": ALGORITHM, "key": key_id(_raw_public(key.public_key())),
              "signature": base64.b64encode(key.sign(manifest_bytes)).decode("ascii")}
    return (json.dumps(record, indent=1) + "\n").encode("ascii")


def signing_key_id(key: Any) -> str:
    """The id of the public half of a private key."""
    return key_id(_raw_public(key.public_key()))


def load_public_key(path: Path) -> Any:
    """An Ed25519 public key from a PEM file (the pub.pem ``keygen`` writes)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except OSError as exc:
        raise ArchiveError(message("verify.bad_public_key", path=str(path), reason=exc.strerror or exc)) from exc
    except ValueError as exc:
        raise ArchiveError(message("verify.bad_public_key", path=str(path), reason=str(exc).splitlines()[0])) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ArchiveError(message("verify.bad_public_key", path=str(path), reason=type(key).__name__))
    return key


def check_signature(manifest_bytes: bytes, signature_file: bytes | None, public_key: Any) -> SignatureCheck:
    """Whether ``signature_file`` is a valid signature of the manifest by ``public_key``."""
    from cryptography.exceptions import InvalidSignature

    check = SignatureCheck("missing", key=key_id(_raw_public(public_key)))
    if signature_file is None:
        return check
    check.status = "invalid"
    try:
        record = json.loads(signature_file.decode("ascii"))
        check.signed_with = _named_key(record.get("key"))
        raw = base64.b64decode(record["signature"], validate=True)
        if record.get("algorithm") != ALGORITHM:
            return check
        public_key.verify(raw, manifest_bytes)
    except (InvalidSignature, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return check
    check.status = "valid"
    return check


def _named_key(value: object) -> str:
    """The key id a signature file names, or "" when it holds something no key id looks like.

    The value is the site's, not the tool's: a forged file could hold a line of its own ("Signature valid")
    or terminal escapes, and verify prints it next to its verdict.
    """
    return value if isinstance(value, str) and _KEY_ID.fullmatch(value) else ""


def _raw_public(public_key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
