"""``archive-builder serve --watch``: a document dropped into content/ shows up on the served site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHECKLIST = """items:
  - id: cz-funding
    title: 教育经费拨付文件
    department: caizheng
    category: baozhang
    years: 2016
    match: {keywords: [经费]}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.fixture
def served(make_archive):
    root = make_archive({
        "checklists/a.yml": CHECKLIST,
        "content/县教科局/发展规划/2016/规划.md": "# 发展规划\n正文",
    })
    port = free_port()
    env = dict(os.environ, CI="true")
    process = subprocess.Popen(
        [sys.executable, "-c", "from archive_builder.commands.cli import main; main()", "--root", str(root),
         "serve", "--port", str(port), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "<html" in fetch(base + "/index.html"), 120), "server did not start"
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_added_document_completes_its_item_on_the_served_page(served):
    root, base = served
    item = base + "/items/cz-funding.html"
    assert "ab-missing" in fetch(item)
    target = root / "content/县财政局/保障机制/2016"
    target.mkdir(parents=True)
    (target / "经费拨付通知.md").write_text("# 经费拨付通知\n已拨付。", encoding="utf-8")
    assert wait_for(lambda: "ab-complete" in fetch(item), 90)


def test_a_bad_file_lands_on_the_problems_page_and_the_server_keeps_running(served):
    root, base = served
    (root / "content/县教科局/发展规划/2016/坏.pdf").write_bytes(b"")
    assert wait_for(lambda: "县教科局 / 发展规划：1 个文件待复核" in fetch(base + "/problems.html"), 90)
    assert "<html" in fetch(base + "/index.html")
