"""The one place that turns results into terminal output (rich on a TTY, plain otherwise)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable

import click

from .i18n import t
from .model import Problem


def make_streams_safe() -> None:
    """Never raise on a console that cannot show a character (GBK, cp437, a pipe)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, AttributeError):  # pragma: no cover - detached streams
                pass


def is_interactive() -> bool:
    """A human at a terminal (not CI, not a pipe)."""
    if os.environ.get("CI"):
        return False
    return sys.stdout.isatty()


def console(stderr: bool = False):  # -> rich.console.Console
    """A rich console that degrades to plain text when not interactive."""
    from rich.console import Console

    interactive = is_interactive()
    return Console(
        stderr=stderr,
        force_terminal=interactive or None,
        no_color=not interactive,
        highlight=False,
        soft_wrap=not interactive,
    )


def echo_problems(problems: Iterable[Problem], err: bool = True) -> None:
    """One block per problem: path, what is wrong, how to fix it."""
    for problem in problems:
        label = t(f"severity.{problem.severity}")
        click.echo(f"{label}: {problem.path}: {problem.message}", err=err)
        if problem.hint and problem.hint != f"{problem.code}.hint":
            click.echo(f"    {t('present.fix')}: {problem.hint}", err=err)
