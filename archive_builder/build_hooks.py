"""mkdocs hooks of the site build: what the build writes, and a 404 page that opens over file://.

The build's only mkdocs hooks (its ``hooks`` setting, site.py), kept to what is specific to mkdocs:
what works on pages reads the generator's output instead (bodies go into the written pages in
pagebodies.py), so another generator needs only these two, from its own hooks or configuration:

- ``on_files`` records every file mkdocs is about to write (pages, static files, theme assets,
  the theme's static templates) in ``extra.ab_outputs``; after a build that reused the previous
  site, everything else is stale and removed (site.py), so the site equals a clean build.
- ``on_template_context`` gives the 404 page relative links: mkdocs makes them absolute (``/assets/…``)
  for a web server, but the inspectors open the site from disk, where an absolute path is the disk's root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.utils import normalize_url

_ERROR_PAGE = "404.html"


def on_files(files: Any, config: Any) -> Any:
    """Write the list of site paths this build produces to the file named in ``extra.ab_outputs``."""
    target = config["extra"].get("ab_outputs")
    if not target:
        return files
    outputs = {f.dest_uri for f in files if not f.inclusion.is_excluded()}
    for name in config.theme.static_templates:
        outputs.add(name)
        if name == "sitemap.xml":
            outputs.add(name + ".gz")
    Path(target).write_text(json.dumps(sorted(outputs), ensure_ascii=False), "utf-8")
    return files


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page (at the site's root) links relative to itself, like every other page."""
    if template_name != _ERROR_PAGE:
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(str(path), None, ".") for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
    return context
