"""The one place that turns results into terminal output (rich on a TTY, plain otherwise)."""

from __future__ import annotations

import io
import logging
import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from archive_builder.core.i18n import printable, t
from archive_builder.core.model import Problem

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


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


def console(stderr: bool = False) -> Console:
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
        click.echo(f"{label}: {printable(problem.shown_path)}: {problem.message}", err=err)
        if problem.hint and problem.hint != f"{problem.code}.hint":
            click.echo(f"    {t('present.fix')}: {problem.hint}", err=err)


class _Notices(logging.Handler):
    """The library's warnings (a damaged cache discarded, a file that could not be shown) as plain lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.name.startswith("mkdocs") and _DISK_FULL.search(message):
                return  # the build reports a full disk itself, in one line
            click.echo(printable(message), err=True)
        except Exception:  # a message that cannot be shown must not stop the command
            self.handleError(record)


_NOTICES = _Notices(logging.WARNING)
_DISK_FULL = re.compile(r"\[Errno (?:28|122)\]|No space left on device|Disk quota exceeded")


def show_library_warnings() -> None:
    """Print the package's and mkdocs' warnings through the presenter (once per process), control characters escaped."""
    for name in ("archive_builder", "mkdocs"):
        logger = logging.getLogger(name)
        if _NOTICES not in logger.handlers:
            logger.addHandler(_NOTICES)


class StageProgress:
    """Progress per stage with counts and time left on a terminal; silent under CI or in a pipe.

    Used as a callback ``progress(stage_key, done, total)``; ``total`` 0 means "no count yet".
    """

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled and is_interactive()
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StageProgress:
        if self._enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console(stderr=True), transient=True)
            self._bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(t(stage), total=total or None)
        self._bar.update(self._tasks[stage], completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
