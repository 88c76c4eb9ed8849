"""mkdocs, the site's generator, behind one small adapter: the only module that imports it.

- ``run`` builds the Markdown tree into a folder; mkdocs' errors become one ArchiveError.
- ``load_yaml`` reads an archive's mkdocs.yml as mkdocs does (its ``!ENV`` and Python tags).
- Two hooks, set in mkdocs' ``hooks`` option (site.py; mkdocs loads this file by its path):
  ``on_files`` records every file mkdocs is about to write (pages, static files, theme assets, the
  theme's static templates) in ``extra.ab_outputs``; after a build that reused the previous site,
  everything else is stale and removed (site.py), so the site equals a clean build.
  ``on_template_context`` gives the 404 page relative links: mkdocs makes them absolute (``/assets/…``)
  for a web server, but the inspectors open the site from disk, where an absolute path is the disk's root.

What works on pages reads the generator's output instead (bodies go into the written pages in
pagebodies.py), so another generator needs only this module's counterpart.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core import buildfs, yamlio
from archive_builder.core.errors import ArchiveError, ConfigError, message

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

#: The hooks file mkdocs loads (by path, so this module's imports are absolute).
HOOKS_FILE = str(Path(__file__))
_ERROR_PAGE = "404.html"


def run(build_dir: Path, mk_config: dict[str, Any], site_dir: Path, dirty: bool) -> None:
    """mkdocs build of the tree into ``site_dir``; mkdocs errors become one ArchiveError."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # The options go in as keyword overrides: an archive's mkdocs.yml may hold Python tags that
    # cannot be written back as YAML. The file only anchors mkdocs' relative paths.
    config_file = build_dir / "mkdocs.yml"
    buildfs.discard_if_not_a_file(config_file)
    config_file.write_text(yaml.safe_dump({"site_name": str(mk_config.get("site_name"))}, allow_unicode=True),
                           "utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    _quiet_dirty_warning()
    try:
        mk = load_config(config_file=str(config_file), **{**mk_config, "site_dir": str(site_dir)})
        build(mk, dirty=dirty)
    except MkDocsException as exc:
        raise ArchiveError(message("build.mkdocs_failed", detail=str(exc))) from exc
    except (ValueError, OSError) as exc:
        raise ArchiveError(message("build.mkdocs_failed", detail=str(exc))) from exc


class _DirtyWarning(logging.Filter):
    """mkdocs' "A 'dirty' build is being performed" line, which does not apply here: a site is reused
    only when theme, configuration and navigation are unchanged, and what is stale is removed after.
    Dropped at its logger, so it is neither shown (in English, to Chinese users) nor counted by --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def _quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())


def load_yaml(text: str) -> Any:
    """YAML as mkdocs reads its configuration (``!ENV``, ``!relative`` and Python tags)."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load(text)


# --- the hooks -------------------------------------------------------------------------------------


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
    _remove_rewritten(files, config)
    return files


def _remove_rewritten(files: Any, config: Any) -> None:
    """Remove from the site folder every file mkdocs is about to write, and every file it no longer makes.

    A build that reuses the previous site starts from hard links to its files (site/build.py): mkdocs
    writes a file by opening it, which would write through the link into the previous site. So only
    what mkdocs leaves untouched stays — a page or file not modified since it was written — and the
    folders written after mkdocs by their own writers (``extra.ab_written_after``). In a clean build
    the folder is empty and nothing is removed.
    """
    site_dir = Path(config["site_dir"])
    kept = {f.dest_uri for f in files if not f.inclusion.is_excluded() and not f.is_modified()}
    kept.difference_update(config.theme.static_templates)  # written on every build
    after = tuple(config["extra"].get("ab_written_after") or ())
    for dirpath, _dirs, names in os.walk(site_dir):
        rel = Path(dirpath).relative_to(site_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        if prefix.startswith(after) and after:
            continue
        for name in names:
            if prefix + name not in kept:
                os.unlink(os.path.join(dirpath, name))


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page (at the site's root) links relative to itself, like every other page."""
    from mkdocs.utils import normalize_url

    if template_name != _ERROR_PAGE:
        return context
    context["base_url"] = "."
    context["extra_css"] = [normalize_url(str(path), None, ".") for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
    return context


def user_config(config: ArchiveConfig) -> dict[str, Any]:
    """The archive's own mkdocs.yml ({} when absent)."""
    path = config.root / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        yamlio.refuse_hostile(text)  # no alias is expanded in any YAML the tool reads
        refuse_code(text)
        data = load_yaml(text)
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - any YAML or tag error is the user's to fix
        raise ConfigError(message("build.bad_mkdocs_yml", file="mkdocs.yml", detail=str(exc).splitlines()[0])) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(message("build.bad_mkdocs_yml", file="mkdocs.yml", detail="not a mapping"))
    if data.get("hooks"):  # Python files run on every build: code the tool has not reviewed
        raise ConfigError(message("build.mkdocs_code", file="mkdocs.yml", line=_key_line(text, "hooks"),
                                  what="hooks"))
    return data


#: Python tags mkdocs' loader understands that only name a function of the theme's Markdown extensions
#: (``emoji_index: !!python/name:material.extensions.emoji.twemoji``): naming runs nothing of the file's.
ALLOWED_PYTHON_NAMES = ("material.extensions.", "pymdownx.")
_MKDOCS_TAGS = frozenset({"!ENV", "!relative"})
_PYTHON_NAME = "tag:yaml.org,2002:python/name:"


def refuse_code(text: str) -> None:
    """A ConfigError for a tag of the file that would run code as it is read (``!!python/object/apply:…``,
    ``!!python/module:…``, a name outside the theme's extensions), with its line."""
    for event in yamlio.parse_events(text):
        tag = getattr(event, "tag", None)
        if not tag or tag in _MKDOCS_TAGS or (tag.startswith("tag:yaml.org,2002:") and "python/" not in tag):
            continue
        if tag.startswith(_PYTHON_NAME) and tag[len(_PYTHON_NAME):].startswith(ALLOWED_PYTHON_NAMES):
            continue
        mark = event.start_mark
        raise ConfigError(message("build.mkdocs_code", file="mkdocs.yml", line=mark.line + 1 if mark else "?",
                                  what=tag.replace("tag:yaml.org,2002:", "!!")))


def _key_line(text: str, key: str) -> int | str:
    found = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else "?"
