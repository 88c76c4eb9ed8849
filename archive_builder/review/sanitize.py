"""Sanitise HTML that comes from documents (raw HTML in Markdown, DOCX converted by mammoth).

The only module that imports nh3. Nothing from a document may run or load in an inspector's
browser: no script, event handler, iframe, object, form, stylesheet or external image. Every URL
is judged after decoding entities and removing the control characters and whitespace a browser
ignores (``h&#10;ttp://`` is ``http://`` to Chromium): links may only be relative links inside the
site or ``#`` anchors, images only relative or inlined ``data:image``. ``/\\host``, ``/<TAB>/host``
and absolute paths resolve outside the site over file:// (a UNC path on Windows) and are dropped.
"""

from __future__ import annotations

import html
import re

from archive_builder.core.budgets import check_html_depth

#: structure and emphasis a document may keep
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
#: tags removed together with everything inside them
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                  "noembed", "noframes", "frameset", "frame", "applet", "math", "svg",
                                  "title", "textarea", "select", "xmp", "plaintext"})
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
    "code": {"class"}, "pre": {"class"}, "span": {"class"},
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
_SAFE_CLASS = re.compile(r"^[A-Za-z0-9_ -]*$")


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything that could run or load something removed.

    Cleaned twice: when the filter drops an attribute, nh3 writes the ``rel`` it adds in another
    place than on a clean input, and the second pass settles that (sanitising is idempotent).
    HTML nested deeper than the budget is refused first (OverBudget): the parser's time grows with the
    square of the nesting.
    """
    check_html_depth(html)
    return _clean(_clean(html))


def _clean(html: str) -> str:
    import nh3

    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Keep an allowed attribute unless its value could load or run something."""
    if name == "src":
        return _image_source(value)
    if name == "href":
        return _link_target(value)
    if name == "style":
        return None if _CSS_LOADS.search(value) else value
    if name == "class":
        return value if _SAFE_CLASS.match(value) and "md-" not in value else None
    return value


def browser_url(value: str) -> str:
    """A URL as the browser reads it: entities decoded, whitespace and control characters removed."""
    return _IGNORED_IN_URLS.sub("", html.unescape(value))


def _image_source(value: str) -> str | None:
    """An image may come from the site itself or be inlined as data:image, never from anywhere else."""
    url = browser_url(value)
    if _DATA_IMAGE.match(url):
        return value
    return None if _OUTSIDE.search(url) else url


def _link_target(value: str) -> str | None:
    """A link may point to an anchor or a relative page of the site; anything else is dropped."""
    url = browser_url(value)
    if url.startswith("#"):
        return url
    return None if not url or _OUTSIDE.search(url) else url


#: characters that Markdown (with attr_list and tables) would read as syntax, written as numeric entities
_MARKDOWN_SIGNIFICANT = str.maketrans({ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#!|~<>"})


def escape_text(value: object) -> str:
    """Any value from an archive (a title, 文号, 责任者, a file name) as inert text for a Markdown page.

    HTML-escaped, then every character Markdown could read as a link, image, emphasis, attribute
    list or table cell written as an entity, so the value is shown as written and never interpreted.
    """
    return html.escape(str(value), quote=True).translate(_MARKDOWN_SIGNIFICANT)
