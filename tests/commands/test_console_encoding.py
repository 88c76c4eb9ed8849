"""Chinese output on consoles that cannot show every character (GBK on Windows, pipes)."""

from __future__ import annotations

import os
import subprocess
import sys


def run(root, *args, encoding="gbk"):
    env = dict(os.environ, PYTHONIOENCODING=encoding, CI="true")
    return subprocess.run(
        [sys.executable, "-c", "from archive_builder.commands.cli import main; main()", "--root", str(root), *args],
        capture_output=True, env=env, timeout=120,
    )


def test_gbk_console_prints_chinese_and_survives_characters_gbk_lacks(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/规划📁草案.md": "# 规划\n",  # emoji: not in GBK
        "content/县教科局/发展规划/2016/空.pdf": b"",
    })
    result = run(root, "--lang", "zh", "scan")
    assert result.returncode == 1  # one error (the empty PDF), reported, not a crash
    out = result.stdout.decode("gbk")
    assert "共 1 份材料" in out
    assert "文件是空的" in out
    assert b"Traceback" not in result.stderr


def test_help_in_a_gbk_console(make_archive):
    root = make_archive()
    result = run(root, "scan", "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout.decode("gbk")
