"""The last gate of a build: a page or stylesheet of the written site that would make a request to the network.

Bodies are sanitised and every value escaped before they reach a page (review/sanitize.py); this pass reads
what the generator finally wrote, so a theme override, a setting of the archive's mkdocs.yml (an analytics
snippet, a remote script or stylesheet, a logo by URL) or a template that lets one through is caught before the
site is swapped in. What loads by itself is looked at: the ``src``/``srcset``/``data``/``poster`` of embedded
things, stylesheets, icons and preloads a ``<link>`` fetches, a meta refresh, CSS ``url()`` and ``@import``,
and web addresses written into an inline script. A link a person clicks (``<a href>``) is not a request.

What a pattern cannot see (a script that builds its address, a stylesheet the archive's theme adds) the
browser refuses itself: every page carries CONTENT_POLICY, a Content-Security-Policy that lets a page load
only the site's own files and inline data, and the gate stops a build whose page lacks it or puts something
that loads before it (an archive's theme override that leaves the tool's head out, say).
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
_REFRESH = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.+)$", re.IGNORECASE | re.DOTALL)
#: CSS escapes (``u\72l(``, ``@\69mport``), undone before a stylesheet is read
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_CSS_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.IGNORECASE)
_CSS_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")

#: What a page of the site may load: its own files (``file:`` from disk, ``'self'`` when served), inline
#: code and styles, and data and blob URLs for pictures, fonts and workers. No address on the network.
CONTENT_POLICY = ("default-src 'self' file:; script-src 'self' file: 'unsafe-inline'; "
                  "style-src 'self' file: 'unsafe-inline'; img-src 'self' file: data: blob:; "
                  "font-src 'self' file: data:; connect-src 'self' file: data: blob:; worker-src 'self' file: blob:; "
                  "frame-src 'self' file: data: blob:; media-src 'self' file: data: blob:; object-src 'self' file:; "
                  "form-action 'none'; base-uri 'none'")
#: the policy as the theme writes it first in every page's head (assets/theme/main.html)
POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">'
#: tags that load or change what loads, none of which may come before the policy
_LOADS_BEFORE_POLICY = re.compile(r"<(?:script|link|style|img|iframe|frame|base|object|embed|svg|video|audio|"
                                  r"source|image|input|body|meta\s+http-equiv\s*=\s*[\"']?refresh)\b",
                                  re.IGNORECASE)


def network_references(site_dir: Path, pages: Iterable[str]) -> list[tuple[str, str]]:
    """(page, address) for each request to the network the given pages and stylesheets of the site would make."""
    found: list[tuple[str, str]] = []
    for page in pages:
        text = (site_dir / page).read_bytes().decode("utf-8", "replace")
        addresses = _css_addresses(text) if page.endswith(".css") else _page_addresses(text)
        found.extend((page, address) for address in addresses)
    return found


def without_policy(site_dir: Path, pages: Iterable[str]) -> list[str]:
    """The HTML pages among ``pages`` that do not begin with the content policy, before anything that loads."""
    missing = []
    for page in pages:
        if page.endswith((".html", ".htm")):
            text = (site_dir / page).read_bytes().decode("utf-8", "replace")
            at = text.find(POLICY_META)
            if at < 0 or _LOADS_BEFORE_POLICY.search(text, 0, at):
                missing.append(page)
    return missing


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
    plain = _CSS_ESCAPE.sub(_css_unescaped, html.unescape(css))
    candidates = [(quoted_url or imported).strip().strip("\"'") for quoted_url, imported in _CSS_URL.findall(plain)]
    for images in _CSS_IMAGE_SET.findall(plain):  # image-set("http://…" 1x): a bare string is an address there
        candidates.extend(double or single for double, single in _CSS_STRING.findall(images))
    return [address for address in candidates if leaves_the_site(address)]


def _css_unescaped(match: re.Match[str]) -> str:
    code, character = match.groups()
    if code is None:
        return character
    number = int(code, 16)
    return chr(number) if 0 < number <= 0x10FFFF else "\ufffd"


def _attribute(attrs: str, name: str) -> str:
    return next((value for key, value in _ATTRIBUTE.findall(attrs) if key.lower() == name), "")


def is_site_file(address: str) -> bool:
    """Whether ``address`` names a file of the site itself: a relative path, no scheme (``data:`` included:
    a script or stylesheet given inline by the archive's settings is code no file of the site holds)."""
    form = _INVISIBLE.sub("", address).replace("\\", "/")
    return bool(form) and not form.startswith("/") and not _SCHEME.match(form)


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
