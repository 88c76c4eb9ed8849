"""The few exceptions the library raises; the command line shows each as one plain message.

Nothing here knows about Click: ``commands.clihelp`` turns an :class:`ArchiveError` into the one
line ``错误: …`` / ``Error: …`` and its exit status.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """A failure the user can fix; its message says what and how."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        """The message as the user reads it."""
        return self.message


class ConfigError(ArchiveError):
    """archive.yml, a checklist or another config file is invalid."""


class UsageError(ArchiveError):
    """The command line asks for something that cannot be done."""

    exit_code = 2
