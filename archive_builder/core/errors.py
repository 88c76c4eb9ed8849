"""The library's one error model: what went wrong as message codes, rendered only where it is shown.

A :class:`Message` is a catalogue key and its parameters, nothing rendered; an :class:`ArchiveError`
carries one or more of them (a configuration check reports every error at once). The command line's
presenter (``commands.clihelp``) renders them in the user's language as one ``错误: …`` / ``Error: …``
block with the error's exit status; a page or a log renders them with :func:`render`. Nothing here
knows about Click.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from archive_builder.core.i18n import t


@dataclass(frozen=True)
class Message:
    """What to tell the user: a message key and its parameters (a parameter may be a Message itself)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def message(code: str, /, **params: Any) -> Message:
    """``message("config.no_content", root=…)``: a Message, rendered when it is shown."""
    return Message(code, params)


def render(text: Message | str) -> str:
    """A message in the current language (a plain string is already text)."""
    if isinstance(text, str):
        return text
    return t(text.code, **{key: render(value) if isinstance(value, Message) else value
                           for key, value in text.params.items()})


class ArchiveError(Exception):
    """A failure the user can fix; its messages say what and how."""

    exit_code = 1

    def __init__(self, *messages: Message) -> None:
        super().__init__(*messages)
        self.messages: tuple[Message, ...] = messages

    @property
    def codes(self) -> list[str]:
        """The message codes, for tests and callers that decide by kind of failure."""
        return [m.code for m in self.messages]

    def format_message(self) -> str:
        """The messages as the user reads them, one a line, in the current language."""
        return "\n".join(render(m) for m in self.messages)

    def __str__(self) -> str:
        return self.format_message()


class ConfigError(ArchiveError):
    """archive.yml, a checklist or another config file is invalid."""


class UsageError(ArchiveError):
    """The command line asks for something that cannot be done."""

    exit_code = 2
