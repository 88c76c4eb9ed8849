"""The search's browser side in the site: search.js and search.css copied in, and the box a page embeds.

Keep Material's ``search`` plugin and ``navigation.instant`` off: the box is mounted once per page load.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from archive_builder.core import cache
from archive_builder.core.i18n import language, t_in

#: Package folder of the browser side (search.js, search.css).
ASSET_DIR = Path(__file__).resolve().parents[2] / "assets" / "search"
#: Where install_assets puts them, relative to the site root.
ASSET_TARGET = Path("assets") / "ab-search"


def install_assets(site_dir: Path) -> Path:
    """Copy search.js and search.css to ``site_dir/assets/ab-search``; returns that folder."""
    target = site_dir / ASSET_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(ASSET_DIR.iterdir()):
        if source.suffix in {".js", ".css"}:
            data, dest = source.read_bytes(), target / source.name
            if dest.is_file() and dest.read_bytes() == data:
                continue  # kept as it is (it may be hard-linked from the previous site: never written through)
            cache.write_atomic(dest, data)
            shutil.copystat(source, dest)
    return target


_UI_KEYS = (
    "placeholder", "label", "all_departments", "all_categories", "all_years", "loading",
    "no_results", "count", "count_upper", "more", "need_term", "load_failed", "close", "suggest",
)


def ui_labels(lang: str | None = None) -> dict[str, str]:
    """The search box's words in the chosen language, from the catalogue."""
    chosen = lang or language()
    return {key: t_in(chosen, f"sitesearch.ui.{key}") for key in _UI_KEYS}


def search_html(asset_prefix: str, lang: str | None = None) -> str:
    """The search box for a page whose site root is ``asset_prefix`` away ("", "../", "../../")."""
    labels = html.escape(json.dumps(ui_labels(lang), ensure_ascii=False), quote=True)
    base = f"{asset_prefix}{ASSET_TARGET.as_posix()}"
    return SEARCH_HTML.format(css=f"{base}/search.css", js=f"{base}/search.js", labels=labels)


def search_partial(lang: str | None = None) -> str:
    """A Material ``partials/search.html`` override: the same box, asset URLs via mkdocs' url filter."""
    labels = html.escape(json.dumps(ui_labels(lang), ensure_ascii=False), quote=True)
    base = ASSET_TARGET.as_posix()
    return SEARCH_HTML.format(
        css=f"{{{{ '{base}/search.css' | url }}}}",
        js=f"{{{{ '{base}/search.js' | url }}}}",
        labels=labels,
    )


def search_main_override(lang: str | None = None) -> str:
    """A Material ``main.html`` override putting the box in a bar under the header.

    Material includes ``partials/search.html`` only while its own search plugin is on; with that
    plugin off (as here) this block override is the place that always renders.
    """
    box = search_partial(lang)
    return (
        '{% extends "base.html" %}\n'
        "{% block header %}{{ super() }}"
        f'<div class="ab-search-bar md-grid">{box}</div>'
        "{% endblock %}\n"
    )


#: How a page embeds the search box: the stylesheet, an empty container the script fills (input,
#: filter dropdowns, results) and the script, which finds the site root from its own URL. Put it
#: anywhere in the page (Material: the ``partials/search.html`` override, see search_partial).
SEARCH_HTML = (
    '<link rel="stylesheet" href="{css}">'
    '<div class="ab-search" data-ab-search data-labels="{labels}"></div>'
    '<script src="{js}" defer></script>'
)
