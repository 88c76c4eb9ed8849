"""Command-line help in both languages: Chinese from the catalogue, English exactly as written."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from archive_builder.commands.cli import cli
from archive_builder.commands.clihelp import _NO_LINE_START, _chunks, display_width, wrap_line
from archive_builder.core.i18n import set_language
from archive_builder.core.messages import LANGUAGES, catalogue, lookup

CJK = re.compile(r"[\u4e00-\u9fff]")
COMMANDS = cli.list_commands(None)  # type: ignore[arg-type]


def command(name: str) -> click.Command:
    """The click command registered under ``name``."""
    return cli.get_command(None, name)  # type: ignore[arg-type]


def helped_options(cmd: click.Command) -> list[click.Parameter]:
    """The command's options that carry a help text of their own."""
    return [p for p in cmd.params if getattr(p, "help", None)]


def example_lines(cmd: click.Command) -> list[str]:
    """The command lines of the docstring's Example block."""
    example = inspect.cleandoc(cmd.help or "").split("Example:", 1)[1]
    return [line.strip() for line in example.splitlines() if line.strip()]


def show_help(*args: str, env: dict[str, str] | None = None) -> str:
    """The output of ``archive-builder ARGS`` (which must end in --help)."""
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False, prog_name="archive-builder")
    assert result.exit_code == 0, result.output
    return result.output


def squeeze(text: str) -> str:
    """Whitespace-insensitive form, since click re-wraps paragraphs (also after a hyphen)."""
    return "".join(text.split())


def options_section(output: str, heading: str) -> str:
    """The part of a help page from the options heading on."""
    assert heading in output, output
    return output.split(heading, 1)[1]


def test_every_command_is_covered():
    assert {"init", "scan", "check", "build", "search", "status"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_help_describes_the_command_and_its_options(name):
    output = show_help("--lang", "zh", name, "--help")
    description, options = output.split("选项：", 1)
    assert CJK.search(description.split("示例：", 1)[0]), output
    assert any(CJK.search(line) for line in options.splitlines() if line.strip().startswith("-")), output
    assert "用法：archive-builder" in output
    assert "Options:" not in output and "Show this message and exit." not in output


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_help_keeps_the_example_block_line_for_line(name):
    output = show_help("--lang", "zh", name, "--help")
    assert "示例：" in output
    lines = [line.strip() for line in output.splitlines()]
    for example in example_lines(command(name)):
        assert example in lines, f"{name}: {example!r} missing from\n{output}"


@pytest.mark.parametrize("name", COMMANDS)
def test_english_help_is_the_docstring_and_option_help(name):
    cmd = command(name)
    output = show_help(name, "--help")
    assert output.startswith(f"Usage: archive-builder {name} ")
    paragraphs = inspect.cleandoc(cmd.help or "").split("\n\n")
    for paragraph in paragraphs:
        if paragraph.startswith("\b"):
            for line in paragraph.splitlines()[1:]:
                assert f"  {line}\n" in output, f"{name}: {line!r}"
        else:
            assert squeeze(paragraph) in squeeze(output), f"{name}: {paragraph!r}"
    for param in helped_options(cmd):
        assert squeeze(param.help) in squeeze(output), f"{name} {param.name}"
    written = set(CJK.findall(" ".join(param.help for param in helped_options(cmd))))
    assert set(CJK.findall(options_section(output, "Options:"))) <= written, output


@pytest.mark.parametrize("name", COMMANDS)
def test_catalogue_english_matches_the_code_and_every_option_has_chinese(name):
    cmd = command(name)
    assert lookup(f"help.{name}")["en"] == inspect.cleandoc(cmd.help or ""), name
    for param in helped_options(cmd):
        entry = lookup(f"help.{name}.{param.name}")
        assert entry is not None, f"help.{name}.{param.name} is missing"
        assert entry["en"] == param.help, f"help.{name}.{param.name}"
        assert CJK.search(entry["zh"]), f"help.{name}.{param.name}"


def test_catalogue_english_matches_the_group():
    assert lookup("help.archive-builder")["en"] == inspect.cleandoc(cli.help or "")
    for param in helped_options(cli):
        assert lookup(f"help.archive-builder.{param.name}")["en"] == param.help, param.name


def test_group_help_in_chinese_lists_commands_with_chinese_summaries():
    output = show_help("--lang", "zh", "--help")
    assert "用法：archive-builder [选项] 命令 [参数]..." in output
    assert "建立一套完整" in output
    assert "档案项目所在的文件夹" in output  # --root
    assert "提示信息的语言" in output  # --lang
    assert "显示版本号并退出。" in output
    commands = options_section(output, "命令：")
    for name in COMMANDS:
        row = next(line for line in commands.splitlines() if line.strip().startswith(name + " "))
        assert CJK.search(row), row
    assert "生成可离线浏览的档案网站" in commands  # summary cut before the colon


def test_group_help_in_english_is_unchanged():
    output = show_help("--help")
    assert "Build a complete, checked, searchable inspection archive." in output
    assert "Options:" in output and "Commands:" in output
    assert re.search(r"\n  scan {8}List every document under content/", output), output
    assert "选项" not in output and "命令" not in output and "显示" not in output


def test_option_notes_are_translated():
    output = show_help("--lang", "zh", "init", "--help")
    assert re.search(r"--county TEXT\s+县的名称，例如 示范县。\s+\[必填\]", output), output
    assert "[默认：2014-2017]" in output
    english = show_help("init", "--help")
    assert "[required]" in english and "[default: 2014-2017]" in english


def test_environment_variable_chooses_chinese_for_a_command(monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUILDER_LANG", "zh")
    output = show_help("scan", "--help")
    assert "列出 content/ 文件夹里的每一份材料" in output
    assert "以 JSON 格式输出材料清单。" in output


def test_environment_variable_chooses_chinese_for_the_group(monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUILDER_LANG", "zh")
    set_language(None)  # a fresh process: no language chosen yet
    assert "建立一套完整" in show_help("--help")


def test_lang_option_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("ARCHIVE_BUILDER_LANG", "zh")
    output = show_help("--lang", "en", "scan", "--help")
    assert "List every document under content/" in output
    assert not CJK.search(options_section(output, "Options:"))


def test_environment_variable_in_a_real_process_on_a_gbk_console():
    env = {**os.environ, "ARCHIVE_BUILDER_LANG": "zh", "PYTHONIOENCODING": "gbk"}
    result = subprocess.run(
        [sys.executable, "-c", "from archive_builder.commands.cli import main; main()", "check", "--help"],
        capture_output=True, env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    output = result.stdout.decode("gbk")
    assert "用法：archive-builder check [选项]" in output
    assert "按年度、按学校逐项核对检查清单" in output
    assert "archive-builder check --format xlsx --output 台账.xlsx" in output


def forget(monkeypatch: pytest.MonkeyPatch, *keys: str) -> None:
    """Take ``keys`` out of every loaded catalogue for one test."""
    for lang in LANGUAGES:
        for key in keys:
            monkeypatch.delitem(catalogue(lang)._catalog, key)


def test_missing_translation_falls_back_to_english(monkeypatch):
    forget(monkeypatch, "help.scan", "help.scan.strict")
    output = show_help("--lang", "zh", "scan", "--help")
    assert "List every document under content/ and every problem with a file." in output
    assert "Treat warnings as errors." in output
    assert "以 JSON 格式输出材料清单。" in output  # the other option is still translated
    assert "选项：" in output


def test_missing_translation_falls_back_in_the_command_list(monkeypatch):
    forget(monkeypatch, "help.verify")
    output = show_help("--lang", "zh", "--help")
    commands = options_section(output, "命令：")
    assert re.search(r"verify\s+Check a built site folder", commands), commands
    assert re.search(r"scan\s+列出", commands), commands


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_chinese_help_fits_an_80_column_console(name):
    args = ["--lang", "zh", *([name] if name else []), "--help"]
    for line in show_help(*args).splitlines():
        assert display_width(line) <= 80, line


def test_wrapping_breaks_between_chinese_characters_and_keeps_latin_words_whole():
    text = "新增文件后请运行“archive-builder index”，再用 archive-builder search 查找材料。"
    lines = wrap_line(text, 20)
    assert all(display_width(line) <= 22 for line in lines), lines  # closing punctuation may hang
    assert any("archive-builder" in line for line in lines)
    assert not any(line[0] in "，。”" for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet="档案材料检查，。（）ab cd-ef", max_size=120), st.integers(min_value=10, max_value=60))
def test_wrapping_loses_no_text_and_overflows_only_where_it_must(text, width):
    lines = wrap_line(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert line == line.strip()
        core = line.rstrip("".join(_NO_LINE_START))  # closing punctuation hangs past the margin
        assert display_width(core) <= width or len(_chunks(core)) == 1, (line, width)
