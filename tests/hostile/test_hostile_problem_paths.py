"""A personal number in a file or folder name never reaches the command line's problem lines or a report.

``scan``, ``status`` and ``check`` in every format name the files they could not take in; a file named
``通知13912345678.md`` or a folder named after a child's ID is named with the number masked, as the
site names it, and the masked name is still there to be found.
"""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.model import Problem

MOBILE = "13912345678"
OTHER_MOBILE = "15912345678"
ID_X = "11010519491231002X"
FOLDER = "content/县教科局/发展规划"
FILES = {
    f"{FOLDER}/2016/通知{MOBILE}.md": "---\n标题: 通知\n日期: 昨天\n---\n正文\n",  # a bad date: a warning
    f"{FOLDER}/2016/坏{MOBILE}.pdf": b"\x00\x01not a pdf",  # unreadable
    f"{FOLDER}/名单{ID_X}/名单.md": "# 名单\n\n正文\n",  # no year, in a folder named after an ID
    f"content/县教科局{OTHER_MOBILE}/发展规划/2016/方案.md": "# 方案\n\n正文\n",  # an unknown department folder
}
MASKED = ("139****5678", "110105********002X", "159****5678")


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("problem-paths") / "archive"
    for rel, data in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    runner = CliRunner()
    found: dict[str, str] = {}
    xlsx, table = root.parent / "check.xlsx", root.parent / "check.txt"
    for name, args in {
        "scan": ["scan"], "scan-json": ["scan", "--json"], "status": ["status"], "status-zh": ["--lang", "zh", "status"],
        "check": ["check"], "check-json": ["check", "--format", "json"], "check-junit": ["check", "--format", "junit"],
        "check-markdown": ["check", "--format", "markdown"], "check-table-file": ["check", "--output", str(table)],
        "check-xlsx": ["check", "--format", "xlsx", "--output", str(xlsx)],
    }.items():
        result = runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)
        found[name] = result.output
    found["check-table-file"] += table.read_text("utf-8")
    workbook = openpyxl.load_workbook(xlsx)
    found["check-xlsx"] += "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows()
                                     for cell in row if cell.value is not None)
    return found


@pytest.mark.parametrize("output", ["scan", "scan-json", "status", "status-zh", "check", "check-json", "check-junit",
                                    "check-markdown", "check-table-file", "check-xlsx"])
def test_problem_paths_are_printed_with_their_numbers_masked(outputs, output):
    text = outputs[output]
    for number in (MOBILE, OTHER_MOBILE, ID_X):
        assert number not in text, (output, number)
        assert number not in _digits(text), (output, number)
    # the files are still named, so a clerk can find and fix them
    shown = json.dumps(json.loads(text), ensure_ascii=False) if output.endswith("json") else text
    assert f"通知{MASKED[0]}.md" in shown, output
    assert f"县教科局{MASKED[2]}" in text, output


def test_masking_a_shown_path_again_changes_nothing():
    problem = Problem(f"县教科局/名单{ID_X}/通知{MOBILE}.md", "warning", "scan.no_year")
    shown = problem.shown_path
    assert shown == f"县教科局/名单{MASKED[1]}/通知{MASKED[0]}.md"
    assert Problem(shown, "warning", "scan.no_year").shown_path == shown
    assert Problem("县教科局/发展规划/2016/（classified file 0a1b2c3d）", "warning", "x").shown_path.endswith("0a1b2c3d）")


def test_scan_names_withheld_and_numbered_documents_with_their_numbers_masked(tmp_path):
    """The lines ``scan`` prints about a document mask the numbers in its file name; a classified document's
    file name is not printed at all, its title, 文号 and 责任者 neither (in --json too)."""
    folder = tmp_path / FOLDER / "2016"
    folder.mkdir(parents=True)
    (folder / f"密件{MOBILE}.md").write_text("---\n标题: 密件题名\n文号: 示教发〔2016〕9号\n责任者: 某某\n---\n"
                                            "机密★5年\n\n# 密件\n\n正文\n", "utf-8")
    (folder / f"名单{OTHER_MOBILE}.md").write_text(f"# 名单\n\n联系人电话 {MOBILE}\n", "utf-8")
    runner = CliRunner()
    for args in (["scan"], ["scan", "--json"]):
        output = runner.invoke(cli, ["--root", str(tmp_path), *args], catch_exceptions=False).output
        assert "密件" not in output and "9号" not in output and "某某" not in output, args  # folder and reference only
        assert re.search(r"县教科局/发展规划/2016/\(classified file [0-9a-f]{8}\)", output), args
        assert f"名单{MASKED[2]}.md" in output, args
        assert MOBILE not in output and OTHER_MOBILE not in output, args
