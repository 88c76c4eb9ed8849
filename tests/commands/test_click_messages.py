"""click's own messages follow --lang: usage errors in Chinese under ``--lang zh``, click's English otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from archive_builder.commands import clicktext
from archive_builder.commands.cli import cli

CLICK_PO = clicktext.LOCALE_DIR / "zh" / "LC_MESSAGES" / "click.po"
#: click strings only a programmer sees (mistakes in declaring a command), left in English
FOR_PROGRAMMERS = {
    "d", "Windows error: {error}", "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown color {colour!r}", "Choice({choices})", "Unknown standard stream '{name}'",
}
#: click strings it renders once, when a decorator makes the option or its type, so they cannot follow
#: --lang; left in English (commands/clihelp.py shows the help of --help and --version in Chinese when it
#: prints help; a path's kind, "file" or "directory", shows in "Invalid value" errors)
AT_DECORATION = {
    "Do you want to continue?", "Confirm the action without prompting.", "%(prog)s, version %(version)s",
    "Show the version and exit.", "Show this message and exit.", "file", "directory", "path",
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="archive-builder")


def test_an_unknown_option_is_an_error_in_chinese():
    result = run("--lang", "zh", "scan", "--bogus")
    assert result.exit_code == 2
    assert "用法：archive-builder scan [选项]" in result.output
    assert "运行“archive-builder scan --help”查看帮助。" in result.output
    assert "错误：没有选项 '--bogus'。" in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_an_unknown_command_a_missing_argument_and_a_bad_choice_in_chinese():
    assert "错误：没有命令 'serch'。" in run("--lang", "zh", "serch").output
    assert "错误：缺少参数 'QUERY...'" in run("--lang", "zh", "search").output
    bad = run("--lang", "zh", "check", "--format", "pdf").output
    assert "错误：'--format' 的值无效：'pdf' 不是" in bad and "之一。" in bad


def test_the_environment_s_language_applies_too(monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUILDER_LANG", "zh")
    assert "错误：没有选项 '--bogus'。" in run("scan", "--bogus").output


def test_english_help_after_chinese_help_is_english():
    assert "用法：" in run("--lang", "zh", "scan", "--help").output
    english = run("--lang", "en", "scan", "--help").output
    assert "Show this message and exit." in english and "用法" not in english and "显示" not in english


def test_in_english_click_s_messages_are_its_own():
    result = run("--lang", "en", "scan", "--bogus")
    assert "Usage: archive-builder scan [OPTIONS]" in result.output
    assert "Try 'archive-builder scan --help' for help." in result.output
    assert "Error: No such option '--bogus'." in result.output
    assert "Error: No such option '--bogus'." in run("scan", "--bogus").output


def click_strings() -> set[str]:
    """Every string the installed click marks for translation (each form of a counting one)."""
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, keywords={"_": None, "ngettext": (1, 2)}):
        found.update((message,) if isinstance(message, str) else message)
    return found


@pytest.fixture(scope="module")
def catalogue():
    with CLICK_PO.open("rb") as file:
        return read_po(file, locale="zh")


def test_the_catalogue_translates_every_string_click_shows_users_and_no_other(catalogue):
    translated = {form for m in catalogue if m.id for form in ((m.id,) if isinstance(m.id, str) else m.id)}
    strings = click_strings()
    assert len(strings) > 50
    assert not sorted(strings - FOR_PROGRAMMERS - AT_DECORATION - translated), "translate these in click.po"
    assert not sorted(translated - strings), "click no longer has these strings"
    assert not translated & AT_DECORATION
    assert all(m.string and all(m.string) for m in catalogue if m.id)


def test_each_translation_fills_only_placeholders_click_gives(catalogue):
    for m in catalogue:
        if not m.id:
            continue
        given = {name for form in ((m.id,) if isinstance(m.id, str) else m.id)
                 for name in re.findall(r"\{(\w+)", form) + re.findall(r"%\((\w+)\)", form)}
        for text in (m.string,) if isinstance(m.string, str) else m.string:
            assert set(re.findall(r"\{(\w+)", text)) <= given, m.id


def test_the_compiled_click_catalogue_is_the_source(catalogue):
    with CLICK_PO.with_suffix(".mo").open("rb") as file:
        compiled = read_mo(file)
    def texts(cat):
        return {str(tuple(m.id) if m.pluralizable else m.id): str(tuple(m.string) if m.pluralizable else m.string)
                for m in cat if m.id}

    assert texts(compiled) == texts(catalogue), "run: pybabel compile -d archive_builder/commands/locale -D click"
