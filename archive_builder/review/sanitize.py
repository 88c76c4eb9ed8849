"""Sanitise HTML that comes from documents (raw HTML in Markdown, DOCX converted by mammoth).

The only module that imports nh3. Nothing from a document may run or load in an inspector's
browser: no script, event handler, iframe, object, form, stylesheet or external image. Every URL
is judged after decoding entities and removing the control characters and whitespace a browser
ignores (``h&#10;ttp://`` is ``http://`` to Chromium): links may only be relative links inside the
site or ``#`` anchors, images only relative or inlined ``data:image``. ``/\\host``, ``/<TAB>/host``
and absolute paths resolve outside the site over file:// (a UNC path on Windows) and are dropped, and
so is a relative URL whose ``..`` (also ``%2e%2e``, which a browser reads as ``..``) climbs above the
site folder from the page the HTML goes on. Classes are kept only where the site's own converters make
them (``language-*`` on code): a theme script acts on some classes (Material loads mermaid from the
web for ``pre.mermaid``), and the site's own classes would let a document dress up as the page around it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from functools import partial

from archive_builder.core.budgets import check_html_depth
from archive_builder.core.privacy import DROPPED_WITH_CONTENT

#: structure and emphasis a document may keep
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ATTRIBUTES = {
    "*": {"title", "lang", "dir", "align", "style"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "valign"},
    "th": {"colspan", "rowspan", "valign", "scope"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "ol": {"start", "type"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "code": {"class"},
}
#: CSS a document may keep (layout of tables and text; nothing that can load a resource)
STYLE_PROPERTIES = frozenset({
    "text-align", "vertical-align", "font-weight", "font-style", "text-decoration", "color",
    "background-color", "width", "height", "text-indent", "margin-left", "padding-left", "border",
})
URL_SCHEMES = frozenset({"data"})

#: what a browser removes from a URL before reading it: ASCII whitespace and C0 controls, anywhere
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
#: a scheme, a network path (//host), any backslash, or an absolute path (outside the site over file://)
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)|\\", re.IGNORECASE)
_DATA_IMAGE = re.compile(r"^\s*data:image/(?:png|jpeg|jpg|gif|webp|bmp);", re.IGNORECASE)
_CSS_LOADS = re.compile(r"url\s*\(|expression\s*\(|@import|image-set|\\", re.IGNORECASE)
#: the one class a document's HTML may keep: a fenced code block's language (Python-Markdown's fenced_code)
_LANGUAGE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.-]+$")
#: the end of a URL's path: its query or fragment
_AFTER_PATH = re.compile(r"[?#]")
#: path segments a browser reads as ``.`` and ``..`` (the URL standard's single- and double-dot segments)
_SINGLE_DOT = frozenset({".", "%2e"})
_DOUBLE_DOT = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})


def sanitize_html(html: str, page: str = "") -> str:
    """Return ``html`` with everything that could run or load something removed.

    ``page`` is the site path of the page the HTML goes on (``docs/caizheng/1a2b.html``): relative
    URLs are resolved from its folder, and one that leaves the site is dropped. Without it the page is
    taken to be at the site's root, so no ``..`` may climb at all.

    Cleaned twice: when the filter drops an attribute, nh3 writes the ``rel`` it adds in another
    place than on a clean input, and the second pass settles that (sanitising is idempotent).
    HTML nested deeper than the budget is refused first (OverBudget): the parser's time grows with the
    square of the nesting.
    """
    check_html_depth(html)
    depth = page_depth(page)
    return _clean(_clean(html, depth), depth)


def page_depth(page: str) -> int:
    """How many folders a site page sits below the site's root (``docs/caizheng/x.html``: 2)."""
    folder = posixpath.dirname(posixpath.normpath(page)) if page else ""
    return 0 if folder in ("", ".") else len(folder.split("/"))


def _clean(html: str, depth: int) -> str:
    import nh3

    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=partial(_filter_attribute, depth=depth),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _filter_attribute(tag: str, name: str, value: str, depth: int = 0) -> str | None:
    """Keep an allowed attribute unless its value could load or run something (``depth``: the page's, see
    page_depth)."""
    if name == "src":
        return _image_source(value, depth)
    if name == "href":
        return _link_target(value, depth)
    if name == "style":
        return None if _CSS_LOADS.search(value) else value
    if name == "class":
        return _language_class(value)
    return value


def _language_class(value: str) -> str | None:
    """A code block's ``language-*`` classes, nothing else (a theme script acts on others, e.g. ``mermaid``)."""
    kept = [name for name in value.split() if _LANGUAGE_CLASS.match(name)]
    return " ".join(kept) or None


def browser_url(value: str) -> str:
    """A URL as the browser reads it: entities decoded, whitespace and control characters removed."""
    return _IGNORED_IN_URLS.sub("", html.unescape(value))


def _image_source(value: str, depth: int = 0) -> str | None:
    """An image may come from the site itself or be inlined as data:image, never from anywhere else."""
    url = browser_url(value)
    if _DATA_IMAGE.match(url):
        return value
    return url if _inside_site(url, depth) else None


def _link_target(value: str, depth: int = 0) -> str | None:
    """A link may point to an anchor or a relative page of the site; anything else is dropped."""
    url = browser_url(value)
    if url.startswith("#"):
        return url
    return url if url and _inside_site(url, depth) else None


def _inside_site(url: str, depth: int) -> bool:
    """Whether a relative URL (as the browser reads it) stays in the site from a page ``depth`` folders down.

    Walks the path as a browser resolves it: each ``..`` (or its percent-encoded form) climbs one
    folder, and a climb above the site's root leaves the site (over file:// it reaches the disk).
    """
    if _OUTSIDE.search(url):
        return False
    level = depth
    for segment in _AFTER_PATH.split(url, 1)[0].split("/"):
        lowered = segment.lower()
        if lowered in _DOUBLE_DOT:
            level -= 1
            if level < 0:
                return False
        elif lowered not in _SINGLE_DOT:
            level += 1
    return True


#: characters that HTML would read as markup, and those that Markdown (with attr_list and tables) would
#: read as syntax, each written as an entity in one pass (an entity made here is never escaped again)
_INERT = str.maketrans({
    **{ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#!|~"},
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
})


#: what a YAML scalar cannot hold (C0 and C1 controls but tab, newline and return, U+FFFE, U+FFFF, lone
#: surrogates): PyYAML refuses them, and mkdocs then drops the whole front matter and renders it as Markdown
_NOT_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def front_matter_text(value: object) -> str:
    """A value for a template that prints it unescaped (Material's site name): HTML-escaped, without the
    characters YAML and HTML cannot hold."""
    return html.escape(_NOT_IN_YAML.sub("", str(value)))


def front_matter_value(value: object) -> str:
    """A value from an archive as a page's front matter holds it (a title, a tag): a double-quoted YAML string
    of its inert text (:func:`escape_text`; Material prints front matter unescaped) without the characters YAML
    cannot hold, so the front matter always parses and nothing in it is ever read as Markdown or HTML."""
    return json.dumps(_NOT_IN_YAML.sub("", escape_text(value)), ensure_ascii=False)


def escape_text(value: object) -> str:
    """Any value from an archive (a title, 文号, 责任者, a file name) as inert text for a Markdown page.

    Every character HTML could read as markup and every character Markdown could read as a link,
    image, emphasis, attribute list or table cell written as an entity, in one translation, so the
    value is shown as written (an apostrophe as ``'``, not as the text of its entity) and never
    interpreted.
    """
    return str(value).translate(_INERT)
