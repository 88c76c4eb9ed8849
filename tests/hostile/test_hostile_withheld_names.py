"""Every report names a classified or possibly classified file as a withheld file is named (its folder and a short
reference), never by its own name: a classified file that also holds personal numbers (the scan's numbers line), and
front matter refused as YAML (a repeated key) whose text states 密级: 机密."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from withheld import FOLDER

from archive_builder.commands.cli import cli


def _outputs(root: Path, files: dict[str, str], commands: list[list[str]]) -> list[str]:
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return [CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False).output for args in commands]


def test_the_personal_numbers_line_of_a_classified_file_hides_its_name(tmp_path):
    [output] = _outputs(tmp_path / "archive", {
        "2016-NAMESLIPA方案.md": "机密★5年\n\n# 方案\n\n联系电话 13812345678\n",
        "2016-NAMESLIPB方案.md": "联系电话 13912345678\n",
        "2016-NAMESLIPB方案.md.yml": "密级: 机密\n",
    }, [["scan"]])
    assert "NAMESLIP" not in output and "13812345678" not in output


def test_a_refused_front_matter_that_states_a_level_veils_the_name(tmp_path):
    outputs = _outputs(tmp_path / "archive", {"2016-NAMESLIP纪要.md": "---\n密级: 机密\n标题: 纪要\n密级: 公开\n---\n\n正文\n"},
                       [["scan"], ["scan", "--json"], ["check", "--format", "json"], ["check", "--format", "junit"],
                        ["check", "--format", "markdown"], ["status"]])
    assert not [output for output in outputs if "NAMESLIP" in output]
