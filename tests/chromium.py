"""Debian chromium for the browser tests, with the project's flags (never a downloaded browser)."""

from __future__ import annotations

import shutil

import pytest

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def launch(pw):
    """Chromium from Debian's package, launched by playwright; a plain failure when it is missing."""
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian chromium is required for browser tests (apt-get install chromium)")
    return pw.chromium.launch(executable_path=path, args=ARGS)


def open_page(browser):
    """A fresh context and page whose requests are recorded in ``page.requests``; returns both."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    return context, page
