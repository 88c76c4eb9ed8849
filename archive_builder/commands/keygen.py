"""``archive-builder keygen``: the bureau's Ed25519 key pair for signing site manifests."""

from __future__ import annotations

from pathlib import Path

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.core.buildfs import unwritten_is_one_line
from archive_builder.core.i18n import Verbatim, t
from archive_builder.site.provenance import generate_keys


@click.command(cls=LocalizedCommand)
@click.argument("private_key", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--public", "public_key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the public key (default: the private key's name with .pub.pem).")
@click.option("--passphrase", is_flag=True, help="Protect the private key with a passphrase (asked twice).")
def command(private_key: Path, public_key: Path | None, passphrase: bool) -> None:
    """Make a key pair with which the bureau signs the sites it builds (build --sign-key).

    PRIVATE_KEY is the new private key file; keep it off the archive, the site and the zip. The
    public key goes to whoever checks a site (verify --public-key). Existing files are never
    overwritten. A passphrase-protected key is read at build time from ARCHIVE_BUILDER_KEY_PASSPHRASE.

    \b
    Example:
      archive-builder keygen 教育局签名.pem --public 教育局公钥.pem
      archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem
      archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem
    """

    public_key = public_key or private_key.with_name(private_key.stem + ".pub.pem")
    secret = click.prompt(t("keygen.passphrase"), hide_input=True, confirmation_prompt=True) if passphrase else None
    with unwritten_is_one_line(private_key):  # a folder that cannot be written, a full disk: one line
        key_id = generate_keys(private_key, public_key, secret)
    click.echo(t("keygen.written", private=str(private_key), public=str(public_key), key=Verbatim(key_id)))
