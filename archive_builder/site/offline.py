"""The last gate of a build: a page or stylesheet of the written site that would make a request to the network.

Bodies are sanitised and every value escaped before they reach a page (review/sanitize.py); this pass reads
what the generator finally wrote, so a theme override, a setting of the archive's mkdocs.yml (an analytics
snippet, a remote script or stylesheet, a logo by URL) or a template that lets one through is caught before the
site is swapped in. What loads by itself is looked at: the ``src``/``srcset``/``data``/``poster`` of embedded
things, stylesheets, icons and preloads a ``<link>`` fetches, a meta refresh, CSS ``url()`` and ``@import``,
and web addresses written into an inline script. A link a person clicks (``<a href>``) is not a request.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

#: tags whose attributes fetch by themselves (``<a>`` and ``<area>`` only navigate when clicked)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_FETCHING = frozenset({"src", "srcset", "data", "poster", "background", "xlink:href", "lowsrc", "dynsrc",
                       "imagesrcset", "manifest", "codebase", "archive", "profile", "longdesc", "ping"})
_NAVIGATING_TAGS = frozenset({"a", "area", "base"})
_LOADING_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                           "mask-icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch",
                           "preconnect", "prerender", "import", "fluid-icon"})
#: what a page may name without a request: its own files (relative), an anchor, inline data
_LOCAL_SCHEMES = ("data:", "about:", "blob:")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]+")
_CSS_URL = re.compile(r"url\(\s*(\"[^\"]*\"|'[^']*'|[^)]*)\s*\)|@import\s+(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
#: a web address written in an inline script (an analytics loader builds its script's URL from one)
_SCRIPT_ADDRESS = re.compile(r"(?:https?|wss?|ftp):\\?/\\?/|(?<![\w:/])\\?/\\?/[a-z0-9-]+(?:\.[a-z0-9-]+)+\\?/",
                             re.IGNORECASE)
_REFRESH = re.compile(r"url\s*=\s*(.+)$", re.IGNORECASE)


def network_references(site_dir: Path, pages: Iterable[str]) -> list[tuple[str, str]]:
    """(page, address) for each request to the network the given pages and stylesheets of the site would make."""
    found: list[tuple[str, str]] = []
    for page in pages:
        text = (site_dir / page).read_bytes().decode("utf-8", "replace")
        addresses = _css_addresses(text) if page.endswith(".css") else _page_addresses(text)
        found.extend((page, address) for address in addresses)
    return found


def _page_addresses(text: str) -> list[str]:
    found = [address for attrs, body in _SCRIPT.findall(text) if not _attribute(attrs, "src")
             for address in _SCRIPT_ADDRESS.findall(body)]
    for body in _STYLE.findall(text):
        found.extend(_css_addresses(body))
    for tag, attrs in _TAG.findall(text):
        found.extend(_tag_addresses(tag.lower(), attrs))
    return found


def _tag_addresses(tag: str, attrs: str) -> list[str]:
    values = {name.lower(): html.unescape(value.strip("\"'")) for name, value in _ATTRIBUTE.findall(attrs)}
    found = [value for name, value in values.items() if name == "style" for value in _css_addresses(value)]
    for name, value in values.items():
        if name in _FETCHING and tag not in _NAVIGATING_TAGS:
            candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name.endswith("srcset") \
                else [value]
            found.extend(candidate for candidate in candidates if leaves_the_site(candidate))
    if tag == "link" and _LOADING_RELS & set(values.get("rel", "").lower().split()) \
            and leaves_the_site(values.get("href", "")):
        found.append(values["href"])
    if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
        target = _REFRESH.search(values.get("content", ""))
        if target and leaves_the_site(target.group(1).strip("\"' ")):
            found.append(target.group(1))
    if tag in ("form", "button", "input") and any(leaves_the_site(values.get(name, ""))
                                                   for name in ("action", "formaction")):
        found.append(values.get("action") or values.get("formaction", ""))
    return found


def _css_addresses(css: str) -> list[str]:
    found = []
    for quoted_url, imported in _CSS_URL.findall(html.unescape(css)):
        address = (quoted_url or imported).strip().strip("\"'")
        if leaves_the_site(address):
            found.append(address)
    return found


def _attribute(attrs: str, name: str) -> str:
    return next((value for key, value in _ATTRIBUTE.findall(attrs) if key.lower() == name), "")


def leaves_the_site(address: str) -> bool:
    """Whether a browser given ``address`` on a page of the site would ask the network (or another host)."""
    form = _INVISIBLE.sub("", address).replace("\\", "/").lower()
    if not form or form.startswith("#"):
        return False
    if form.startswith("//"):
        return True  # another host (file://host/x is a network share on Windows)
    if _SCHEME.match(form):
        return not form.startswith(_LOCAL_SCHEMES)
    return False
