"""The message catalogue: every message in both languages, and the CLI documented."""

from __future__ import annotations

import re

from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.i18n import set_language, t
from archive_builder.core.messages import CATALOGUE


def test_every_message_exists_in_english_and_chinese():
    for key, entry in CATALOGUE.items():
        assert entry.get("en", "").strip(), key
        assert entry.get("zh", "").strip(), key
        words = re.sub(r"\{\w+[^}]*\}", "", entry["en"])
        if re.search(r"[A-Za-z]{2,}", words):  # a sentence, not just a format like "{a} · {b}"
            assert re.search(r"[\u4e00-\u9fff]", entry["zh"]), f"{key} has no Chinese text"


def test_both_languages_use_the_same_placeholders():
    for key, entry in CATALOGUE.items():
        en = set(re.findall(r"\{(\w+)", entry["en"]))
        zh = set(re.findall(r"\{(\w+)", entry["zh"]))
        assert en == zh, key


def test_language_switch_changes_the_rendering():
    set_language("zh")
    assert t("scan.zero_bytes") == "文件是空的（0 字节）。"
    set_language("en")
    assert t("scan.zero_bytes") == "the file is empty (0 bytes)."


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    commands = cli.list_commands(None)  # type: ignore[arg-type]
    assert "scan" in commands
    for name in commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"
        assert "archive-builder" in result.output.split("Example", 1)[1], name


def test_ci_runs_exactly_the_readme_test_command():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    readme = (repo / "README.md").read_text("utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (repo / ".ci/run").read_text("utf-8").splitlines()
