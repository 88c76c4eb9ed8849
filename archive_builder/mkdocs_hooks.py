"""mkdocs hooks of the site build: pre-rendered HTML bodies go into their pages.

Document and table bodies are finished HTML (converted, sanitised, masked). Sending them through
Python-Markdown's raw-HTML parser took most of mkdocs' time (16 of 25 s at 1,000 documents,
measured), so the page's Markdown carries a marker and the body is put in after the Markdown stage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archive_builder.render import fill_bodies


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Replace each body marker with the stored body."""
    folder = config["extra"].get("ab_bodies")
    return fill_bodies(html, Path(folder)) if folder else html
