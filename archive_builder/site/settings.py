"""The archive's own site settings (its mkdocs.yml, merged over the defaults) as the site may use them.

Material prints many settings into every page without escaping them (the description, the author, the
palette's names, links under ``extra``), and some make the theme ask the network. So a setting reaches
the generator only in a form that cannot be read as markup: text settings HTML-escaped, the theme's
palette and icon names only when they are plain names, and the ``extra`` settings only those the site
uses (``generator``). Scripts run on the site only as the tool and the theme ship them: the archive's
``extra_javascript`` is not used (every page also carries a content policy that refuses the network:
site/offline.py). What is left out is named once in the build's log, so its owner knows why it has
no effect. Code from the file (mkdocs ``hooks``, Python tags) is refused where it is read
(mkdocs_adapter.user_config).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from archive_builder.core.i18n import t
from archive_builder.review.sanitize import front_matter_text

log = logging.getLogger(__name__)

#: Settings printed as text into every page: kept, HTML-escaped.
TEXT_SETTINGS = ("site_description", "site_author")
#: Settings the site opened from disk has no use for, which the theme prints into links (unescaped).
DROPPED_SETTINGS = ("site_url", "repo_url", "repo_name", "edit_uri")
#: Settings that add code to every page, which the tool has not reviewed: left out, with a notice.
CODE_SETTINGS = ("extra_javascript",)
#: The ``extra`` settings the site uses; the tool's own (``ab_…``) are set after this pass.
EXTRA_KEPT = frozenset({"generator"})
#: A palette or icon value the theme may print as it is: a colour, scheme or icon name, a media query.
_PLAIN = re.compile(r"^[A-Za-z0-9 _:()./,-]{0,120}$")
_PALETTE_PLAIN_KEYS = ("scheme", "primary", "accent", "media")


def site_settings(merged: dict[str, Any]) -> dict[str, Any]:
    """``merged`` (the defaults with the archive's mkdocs.yml) with every setting in a form the site may use."""
    settings = {key: value for key, value in merged.items() if key not in DROPPED_SETTINGS + CODE_SETTINGS}
    for key in CODE_SETTINGS:
        if merged.get(key):
            _not_used(key)
    for key in TEXT_SETTINGS:
        if isinstance(settings.get(key), str):
            settings[key] = front_matter_text(settings[key])
        elif key in settings:
            settings.pop(key)
            _not_used(key)
    if isinstance(settings.get("extra"), dict):
        settings["extra"] = _extra(settings["extra"])
    if isinstance(settings.get("theme"), dict):
        settings["theme"] = _theme(settings["theme"])
    return settings


def _extra(extra: dict[str, Any]) -> dict[str, Any]:
    for key in sorted(set(extra) - EXTRA_KEPT):
        _not_used(f"extra.{key}")
    return {key: value for key, value in extra.items() if key in EXTRA_KEPT and isinstance(value, bool)}


def _theme(theme: dict[str, Any]) -> dict[str, Any]:
    result = dict(theme)
    if "palette" in result:
        palettes = result["palette"] if isinstance(result["palette"], list) else [result["palette"]]
        kept = [palette for palette in (_palette(entry) for entry in palettes) if palette]
        if not kept:
            result.pop("palette")
        else:
            result["palette"] = kept if isinstance(result["palette"], list) else kept[0]
    if "icon" in result:
        icons = result["icon"] if isinstance(result["icon"], dict) else {}
        result["icon"] = {key: value for key, value in icons.items() if _plain_value(f"theme.icon.{key}", value)}
    return result


def _palette(entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        _not_used("theme.palette")
        return {}
    palette = {key: entry[key] for key in _PALETTE_PLAIN_KEYS
               if key in entry and _plain_value(f"theme.palette.{key}", entry[key])}
    toggle = entry.get("toggle")
    if isinstance(toggle, dict):
        palette["toggle"] = {
            **({"icon": toggle["icon"]} if _plain_value("theme.palette.toggle.icon", toggle.get("icon", "")) else {}),
            **({"name": front_matter_text(toggle["name"])} if isinstance(toggle.get("name"), str) else {}),
        }
    return palette


def _plain_value(setting: str, value: Any) -> bool:
    if isinstance(value, str) and _PLAIN.match(value):
        return True
    _not_used(setting)
    return False


def _not_used(setting: str) -> None:
    log.warning(t("build.setting_not_used", setting=setting))
