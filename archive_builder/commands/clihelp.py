"""Command help in the user's language: descriptions and option help come from the catalogue.

In English, help is click's own output, untouched. In Chinese, a command's description is the
catalogue entry ``help.<command>`` and each option's help ``help.<command>.<param>`` (the Python
parameter name, e.g. ``as_json``); a missing entry falls back to the English text. The language
is looked up when help is printed, so ``--lang`` (and ``ARCHIVE_BUILDER_LANG``) already apply.
"""

from __future__ import annotations

import copy
import inspect
import unicodedata
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import click

from archive_builder.core.errors import ArchiveError
from archive_builder.core.i18n import has, language, t

#: where command modules live; a command's catalogue name is its module name there
_COMMANDS_PACKAGE = "archive_builder.commands."

# The mixin is written against click.Command: type checkers see that base, at run time it is plain.
if TYPE_CHECKING:
    _CommandBase = click.Command
else:
    _CommandBase = object


def chinese() -> bool:
    """Whether help is printed in Chinese right now."""
    return language() == "zh"


def catalogue_text(key: str) -> str | None:
    """The text of ``key`` in the current language, or None when the catalogue lacks it."""
    return t(key) if has(key) else None


def _usage_piece(command: click.Command, piece: str) -> str:
    """Chinese placeholders for click's [OPTIONS] and COMMAND [ARGS]... in the usage line."""
    if piece == command.options_metavar:
        return t("help.metavar.options")
    if piece == getattr(command, "subcommand_metavar", None):
        return t("help.metavar.command")
    return piece


def _translate_notes(notes: str) -> str:
    """Turn click's "[default: x; required]" into Chinese, item by item."""
    if not (notes.startswith("[") and notes.endswith("]")):
        return notes
    items = []
    for item in notes[1:-1].split("; "):
        if item.startswith("default: "):
            item = t("help.note.default", value=item[len("default: "):])
        elif item == "required":
            item = t("help.note.required")
        elif item.startswith("env var: "):
            item = t("help.note.envvar", name=item[len("env var: "):])
        items.append(item)
    return "[" + "；".join(items) + "]"


def _first_sentence(text: str, limit: int) -> str:
    """The first sentence of the first paragraph; if too long, its part before "：" or "（", cut to ``limit``."""
    sentence = text.split("\n\n", 1)[0].replace("\n", "").split("。", 1)[0]
    for mark in "：（":
        if display_width(sentence) > limit and sentence.find(mark) > 0:
            sentence = sentence[:sentence.index(mark)]
    if display_width(sentence) <= limit:
        return sentence
    while sentence and display_width(sentence) > limit - 2:
        sentence = sentence[:-1]
    return sentence + "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (Chinese characters take two)."""
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _chunks(text: str) -> list[str]:
    """Break points for wrapping: runs of spaces, Latin words, and single wide characters."""
    chunks: list[str] = []
    for ch in text:
        last = chunks[-1][-1] if chunks else ""
        if last and not _is_wide(ch) and not _is_wide(last) and ch.isspace() == last.isspace():
            chunks[-1] += ch
        else:
            chunks.append(ch)
    return chunks


def _is_wide(ch: str) -> bool:
    """Whether ``ch`` takes two columns (Chinese characters and full-width punctuation)."""
    return unicodedata.east_asian_width(ch) in "WF"


#: punctuation that must not start a line
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…·")


def wrap_line(text: str, width: int) -> list[str]:
    """Wrap one paragraph to ``width`` columns, breaking between Chinese characters or at spaces."""
    lines: list[list[str]] = []
    line: list[str] = []
    for chunk in _chunks(text):
        if chunk.isspace() and not line:
            continue
        if not line or display_width("".join(line) + chunk.rstrip()) <= width:
            line.append(chunk)
            continue
        lines.append(line)
        line = _carry(line, chunk) + ([] if chunk.isspace() else [chunk])
    lines.append(line)
    return [joined for joined in ("".join(chunks).strip() for chunks in lines) if joined]


def _carry(line: list[str], chunk: str) -> list[str]:
    """What moves down from a full ``line`` so that ``chunk`` (closing punctuation) does not start a line."""
    carry: list[str] = []
    if chunk[0] not in _NO_LINE_START:
        return carry
    while len(line) > 1 and line[-1][0] in _NO_LINE_START:
        carry.insert(0, line.pop())
    if len(line) > 1:
        carry.insert(0, line.pop())
    return carry


def _join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph: no space between Chinese characters, one space otherwise."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and not (_is_wide(text[-1]) and _is_wide(line[0])):
            text += " "
        text += line
    return text


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """click's paragraph wrapping (blank lines separate, a \\b paragraph is kept as written), width-aware."""
    blocks: list[str] = []
    for paragraph in text.split("\n\n"):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].strip() == "\b":
            blocks.append("\n".join(indent + line for line in lines[1:]))
            continue
        extra = " " * (len(lines[0]) - len(lines[0].lstrip()))
        wrapped = wrap_line(_join_lines(lines), max(width - len(indent) - len(extra), 10))
        blocks.append("\n".join(indent + extra + line for line in wrapped))
    return "\n\n".join(blocks)


class WideHelpFormatter(click.HelpFormatter):
    """A help formatter for Chinese: wraps by display columns, full-width colon after headings."""

    def write_heading(self, heading: str) -> None:
        """A section heading such as 选项："""
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        """Re-indented, re-wrapped text; \\b paragraphs kept as written."""
        self.write(wrap_paragraphs(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """A two-column list (options, commands) with the second column wrapped by display width."""
        rows = list(rows)
        first_col = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        margin = " " * self.current_indent
        for first, second in rows:
            self.write(f"{margin}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_paragraphs(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class LocalizedContext(click.Context):
    """A context that hands out the Chinese help formatter when the language is Chinese."""

    def make_formatter(self) -> click.HelpFormatter:
        """click's formatter in English, the width-aware one in Chinese."""
        if not chinese():
            return super().make_formatter()
        return WideHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class LocalizedHelp(_CommandBase):
    """Mixin for click commands and groups: help from the catalogue when the language is Chinese."""

    context_class = LocalizedContext

    def __init__(self, *args: Any, help_name: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_name = help_name

    @property
    def catalogue_name(self) -> str:
        """The command's name in catalogue keys (``help.<name>``)."""
        if self.help_name:
            return self.help_name
        module = getattr(self.callback, "__module__", "") or ""
        if module.startswith(_COMMANDS_PACKAGE):
            return module[len(_COMMANDS_PACKAGE):]
        return self.name or ""

    def localized_help(self) -> str:
        """The description in the current language (English when there is no translation)."""
        english = inspect.cleandoc(self.help).partition("\f")[0] if self.help else ""
        if not chinese():
            return english
        return catalogue_text(f"help.{self.catalogue_name}") or english

    def localized_param_help(self, ctx: click.Context, param: click.Parameter) -> str:
        """One option's help in the current language (English when there is no translation)."""
        english = getattr(param, "help", None) or ""
        if not chinese():
            return english
        key = "help.help_option" if param is self.get_help_option(ctx) else f"help.{self.catalogue_name}.{param.name}"
        return catalogue_text(key) or english

    def get_short_help_str(self, limit: int = 45) -> str:
        """The one-line summary in the group's command list."""
        if not chinese() or self.short_help:
            return super().get_short_help_str(limit)
        return _first_sentence(self.localized_help(), limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line, with a Chinese prefix and placeholders."""
        if not chinese():
            return super().format_usage(ctx, formatter)
        pieces = [_usage_piece(self, piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help.heading.usage"))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The description, from the catalogue in Chinese."""
        if not chinese():
            return super().format_help_text(ctx, formatter)
        text = self.localized_help()
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, each with its help from the catalogue in Chinese."""
        if not chinese():
            return super().format_options(ctx, formatter)
        rows = [row for param in self.get_params(ctx) if (row := self._help_record(ctx, param))]
        if rows:
            with formatter.section(t("help.heading.options")):
                formatter.write_dl(rows)

    def _help_record(self, ctx: click.Context, param: click.Parameter) -> tuple[str, str] | None:
        """click's help row for ``param`` with the Chinese help and notes ([默认：…], [必填])."""
        record = param.get_help_record(ctx)
        if record is None:
            return None
        bare = copy.copy(param)
        if isinstance(bare, click.Option):  # only options have help; arguments have no help row
            bare.help = None
        notes = _translate_notes((bare.get_help_record(ctx) or ("", ""))[1])
        text = self.localized_param_help(ctx, param)
        return record[0], f"{text}  {notes}" if text and notes else text or notes


class LocalizedCommand(LocalizedHelp, click.Command):
    """A click command whose help speaks the user's language."""


class ShownError(click.ClickException):
    """An :class:`ArchiveError` as the command line shows it: one line with a label in the user's language."""

    def __init__(self, error: ArchiveError) -> None:
        super().__init__(error.format_message())
        self.exit_code = error.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"{t('severity.error')}: {self.format_message()}", err=True, file=file)


class LocalizedGroup(LocalizedHelp, click.Group):
    """A click group whose help, command list included, speaks the user's language; a library error
    reaches the user as one line (:class:`ShownError`), never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ArchiveError as error:
            raise ShownError(error) from error

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Options, then the command list (click's group does both in English; in Chinese, add the list)."""
        super().format_options(ctx, formatter)
        if chinese():
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """A group's command list, with Chinese summaries."""
        if not chinese():
            return super().format_commands(ctx, formatter)
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                commands.append((name, cmd))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        with formatter.section(t("help.heading.commands")):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])
