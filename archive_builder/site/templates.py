"""The page templates: one Jinja2 environment, every value escaped for HTML and Markdown on its way in."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import t_in, tn_in
from archive_builder.review.sanitize import escape_text, front_matter_value
from archive_builder.site.bodies import SITE_LANG

if TYPE_CHECKING:
    import jinja2

#: Pages without a useful table of contents (Material's right column), so tables get its room.
NO_TOC = ("toc",)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    """The Jinja2 environment for the page templates (HTML-escaped by default)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("archive_builder", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=_inert,  # every value reaches the page through one escaping path
    )
    env.globals["t"] = lambda key, **kw: t_in(SITE_LANG, key, **kw)
    env.globals["tn"] = lambda key, n, **kw: tn_in(SITE_LANG, key, n, **kw)
    # Front matter values reach Material's templates unescaped: escape them here.
    env.filters["yamlstr"] = lambda value: markup(front_matter_value(value))
    return env


def _inert(value: Any) -> Any:
    """A template value: trusted markup as it is, anything else escaped for HTML and for Markdown."""
    import markupsafe

    if isinstance(value, markupsafe.Markup) or value is None:
        return value
    return markupsafe.Markup(escape_text(value))


def render_template(name: str, **context: Any) -> str:
    """One page from its template."""
    return _env().get_template(name).render(**context)


def markup(text: str) -> Any:
    """Trusted HTML (already sanitised or built here) for a template."""
    import markupsafe

    return markupsafe.Markup(text)
