"""The archive-builder command line: a Click group whose commands live in ``commands/``.

Commands are imported only when run, so ``--help`` stays instant and heavy libraries
(mkdocs, whoosh, OCR) load only for the command that needs them.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import click

from archive_builder import __version__
from archive_builder.commands import clicktext
from archive_builder.commands.clihelp import LocalizedGroup
from archive_builder.commands.present import make_streams_safe, show_library_warnings
from archive_builder.core.i18n import set_language

clicktext.install()  # click's own messages (Usage:, Error: …) follow --lang too

#: command name -> module under archive_builder.commands (each defines ``command``)
COMMANDS = {
    "init": "init",
    "scan": "scan",
    "check": "check",
    "build": "build",
    "serve": "serve",
    "index": "index",
    "search": "search",
    "indicators": "indicators",
    "catalogue": "catalogue",
    "verify": "verify",
    "keygen": "keygen",
    "status": "status",
    "assess": "assess",
}


class LazyGroup(LocalizedGroup):
    """A group that imports each command module on first use (help in the user's language)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, mod in COMMANDS.items() if _module_exists(mod))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None or not _module_exists(module):
            return None
        return importlib.import_module(f"archive_builder.commands.{module}").command


def _module_exists(module: str) -> bool:
    return importlib.util.find_spec(f"archive_builder.commands.{module}") is not None


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Apply --lang as soon as it is read, so ``--lang zh --help`` is already in Chinese."""
    set_language(value)
    return value


@click.group(cls=LazyGroup, help_name="archive-builder", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archive-builder")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The archive project folder (it holds content/ and checklists/).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    is_eager=True,
    callback=_choose_language,
    help="Language of messages (default: ARCHIVE_BUILDER_LANG, then the locale).",
)
@click.pass_context
def cli(ctx: click.Context, root: Path, lang: str | None) -> None:
    """Build a complete, checked, searchable inspection archive.

    \b
    Example:
      archive-builder --root demo-county scan
      archive-builder check --format junit --output gaps.xml
      archive-builder build --zip archive.zip
    """

    set_language(lang)
    show_library_warnings()
    ctx.obj = {"root": root}


def main() -> None:
    """Console-script entry point."""

    make_streams_safe()
    cli(prog_name="archive-builder")
