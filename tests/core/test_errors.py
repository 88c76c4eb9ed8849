"""The one error model: a library error carries message codes and is rendered only where it is shown."""

from __future__ import annotations

import ast
from pathlib import Path

from archive_builder.core.errors import ConfigError, message, render
from archive_builder.core.i18n import set_language

PACKAGE = Path(__file__).resolve().parents[2] / "archive_builder"
RAISED = {"ArchiveError", "ConfigError", "UsageError", "DiskFull"}


def test_an_error_is_rendered_in_the_language_it_is_shown_in():
    error = ConfigError(message("config.no_content", root="/tmp/x"), message("config.bad_file", file="a.yml"))
    assert error.codes == ["config.no_content", "config.bad_file"]
    set_language("en")
    english = error.format_message()
    set_language("zh")
    chinese = str(error)
    assert english.splitlines()[1] == "a.yml could not be read: check its YAML."
    assert "不是档案项目" in chinese.splitlines()[0] and chinese != english


def test_a_message_parameter_may_be_a_message():
    inner = message("config.bad_file", file="standard.yml")
    assert render(message("config.at_line", file="profile.yml", line=3, detail=inner)) == (
        "profile.yml:3: standard.yml could not be read: check its YAML.")


def test_the_command_line_shows_a_library_error_as_one_line_in_the_users_language(run_cli, tmp_path):
    result = run_cli(tmp_path, "--lang", "zh", "check")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("错误:") and "不是档案项目" in result.stderr
    assert "Traceback" not in result.stderr


def _raised_text(node: ast.Raise) -> ast.expr | None:
    """The first argument of ``raise XError(arg, …)`` for the library's own errors."""
    exc = node.exc
    if isinstance(exc, ast.IfExp):
        exc = exc.body
    if isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) and exc.func.id in RAISED and exc.args:
        return exc.args[0]
    return None


def _prerendered(source: str) -> list[int]:
    """Lines that raise a library error with text already rendered (a literal, an f-string or ``t(…)``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and (arg := _raised_text(node)) is not None:
            if isinstance(arg, (ast.Constant, ast.JoinedStr)) or (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "t"):
                lines.append(node.lineno)
    return lines


def test_no_library_error_is_raised_with_text_rendered_before_it_is_shown():
    """``raise ConfigError(t(…))`` or ``raise ArchiveError(f"…")`` would fix the language at raise time."""
    planted = 'raise ConfigError(t("config.no_content", root=r))\nraise UsageError(f"bad {x}")\nraise ArchiveError(message("k"))\n'
    assert _prerendered(planted) == [1, 2]
    found = {str(path.relative_to(PACKAGE)): _prerendered(path.read_text("utf-8")) for path in PACKAGE.rglob("*.py")}
    assert {path: lines for path, lines in found.items() if lines} == {}
