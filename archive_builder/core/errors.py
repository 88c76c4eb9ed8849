"""The few exceptions the library raises; the CLI shows them as one plain message."""

from __future__ import annotations

from typing import IO, Any

import click


class ArchiveError(click.ClickException):
    """A failure the user can fix; its message says what and how."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the message with a label in the user's language."""
        from archive_builder.core.i18n import t

        click.echo(f"{t('severity.error')}: {self.format_message()}", err=True, file=file)


class ConfigError(ArchiveError):
    """archive.yml, a checklist or another config file is invalid."""


class UsageError(ArchiveError):
    """The command line asks for something that cannot be done."""

    exit_code = 2
