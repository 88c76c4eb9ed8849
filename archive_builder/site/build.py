"""The inspectors' offline site: scan, check, render the Markdown tree, build it with mkdocs-material.

mkdocs itself is reached only through mkdocs_adapter.py; the site is built into a temporary folder next to the output
and swapped in at the end, so a failed build leaves the previous site untouched. When the theme,
configuration and navigation are unchanged since the last build, the temporary folder starts as hard
links to the previous site's files (those still as that build left them), nothing is written through
a link, and mkdocs renders only the pages whose Markdown changed. A build whose inputs are all those
of the last build does nothing (unchanged.py).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from importlib.metadata import PackageMetadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder import __version__
from archive_builder.archival import catalogue as catalogue_module
from archive_builder.archival.catalogue import (
    CatalogueRow,
    by_class,
    catalogue_page,
    catalogue_rows,
    class_page,
    class_summary,
)
from archive_builder.archival.numbers import ArchiveClass, Numbering, assign_numbers, read_record
from archive_builder.core import buildfs, cache
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t_in, using_language
from archive_builder.core.model import Document, Inventory, Problem
from archive_builder.core.privacy import mark_rules_version, mask_text
from archive_builder.core.sitepaths import original_path, url_of
from archive_builder.review.sanitize import escape_text, front_matter_text, front_matter_value
from archive_builder.site import manifest, mkdocs_adapter, offline
from archive_builder.site import search as sitesearch
from archive_builder.site.assessment_pages import assessment_section
from archive_builder.site.bodies import SITE_LANG
from archive_builder.site.indicator_pages import chart_font_key, chart_problems, render_indicator_pages
from archive_builder.site.manifest import Stat
from archive_builder.site.mkdocs_adapter import user_config
from archive_builder.site.provenance import fingerprint_path, fingerprint_text
from archive_builder.site.render import RenderResult
from archive_builder.site.settings import site_settings
from archive_builder.site.table_pages import table_page
from archive_builder.statistics.stats import compute_indicators

if TYPE_CHECKING:
    from archive_builder.checking.results import CheckResult
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
#: The list of files mkdocs writes, recorded by mkdocs_adapter.py in the build folder.
OUTPUTS_NAME = "site-outputs.json"
#: Site paths written after mkdocs by their own writers, which remove what they no longer write
#: (the search index patches the previous one, so it must still be there).
WRITTEN_AFTER = ("search/", "assets/ab-search/")
APPENDED_KEYS = ("extra_css", "extra_javascript", "markdown_extensions")
#: Plugins that would load assets from the network or duplicate the site's own search.
REFUSED_PLUGINS = frozenset({"search", "material/search", "offline", "material/offline", "social"})
STYLESHEET = "assets/archive.css"
#: The A4 print layout (归档文件目录 in the DA/T 22 layout), every rule inside @media print.
PRINT_STYLESHEET = "assets/print.css"
#: Hides the inline-styled "extract the whole zip first" notice: loaded only when the site's files are there.
UNZIP_STYLESHEET = "assets/unzip-notice.css"
#: The folder the site sits in inside the zip, unless the site folder's own name is short ASCII.
ZIP_FOLDER = "site"
#: The theme's own search, which the site's search replaces; never loaded, so not shipped.
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")
#: Third-party code in the site: package -> the site files that come from it (named in the notice).
THIRD_PARTY = {"mkdocs-material": ("assets/javascripts/*.js", "assets/stylesheets/*.css")}
THIRD_PARTY_NOTICE = "assets/THIRD-PARTY-NOTICES.txt"

#: progress(stage key, done, total); total 0 means "no count".
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """What one build produced."""

    output: Path
    documents: list[Document] = field(default_factory=list)
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    withheld: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    zip_path: Path | None = None
    reused: bool = False  # previous site reused, only changed pages rendered
    fingerprint: str = ""  # SHA-256 of the site's manifest.json (provenance.py)
    fingerprint_path: Path | None = None  # where it was written beside the zip
    signed_with: str = ""  # the id of the key that signed the manifest (build --sign-key)






def refuse_unsafe_output(config: ArchiveConfig, output: Path) -> None:
    """The site folder replaces what was there, so it may be only a new or empty folder or an earlier site
    (it holds the manifest): never under content/, never the archive folder or one that holds it, never a
    folder of other files."""
    content = config.content_dir.resolve()
    target = output.resolve()
    if target == content or content in target.parents:
        raise ArchiveError(message("build.output_inside_content", output=str(output)))
    root = config.root.resolve()
    if target == root or target in root.parents:
        raise ArchiveError(message("build.output_holds_archive", output=str(output)))
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ArchiveError(message("build.output_not_a_site", output=str(output)))
    if target.is_dir() and any(target.iterdir()) and not (target / manifest.MANIFEST_NAME).is_file():
        raise ArchiveError(message("build.output_not_a_site", output=str(output)))


# --- extra sections ---------------------------------------------------------------------------


def extra_sections(config: ArchiveConfig, inventory: Inventory, build_dir: Path, include_internal: bool = False,
                    *, check: CheckResult | None, schools: SchoolRegistry,
                    numbering: Numbering) -> tuple[dict[str, str], list[dict[str, Any]], list[Problem]]:
    """Pages, nav entries and problems of the assessment, the indicators section and the catalogue."""
    pages: dict[str, str] = {}
    nav: list[dict[str, Any]] = []
    indicator_pages, problems = _indicator_pages(config, inventory, build_dir)
    if indicator_pages:
        pages.update(indicator_pages)
        nav.append({t_in(SITE_LANG, "site.nav.indicators"): ["indicators/index.md"]})
    pages.update(_catalogue_pages(config, inventory, numbering, build_dir, include_internal))
    nav.append({t_in(SITE_LANG, "site.nav.catalogue"): ["catalogue/index.md"]})

    found = assessment_section(config, inventory, check, schools, set(pages), include_internal)
    pages.update(found[0])
    return pages, found[1] + nav, problems + found[2]


_STATS_TABLES = ("school_stats", "classes", "teacher_exchange", "consolidation", "satisfaction")


def _indicator_pages(config: ArchiveConfig, inventory: Inventory, build_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """The indicators section, recomputed only when a statistics table or the profile changed."""
    tables = {Path(tb.path).stem: tb for tb in inventory.tables}
    if not any(stem in tables for stem in _STATS_TABLES):
        return {}, []

    key = hashlib.sha256(json.dumps(
        [__version__, config.indicator_profile, config.school_year_rule, config.funding.to_dict(),
         sorted((tb.path, tb.sha256) for tb in inventory.tables), chart_font_key()]  # a new font redraws charts
    ).encode()).hexdigest()
    entry = build_dir / "indicators.json"
    cached = cache.read_entry(entry, key, valid=lambda p: isinstance(p["pages"], dict)
                              and all(Problem(**q) for q in p["problems"]))
    if cached is not None:
        return cached["pages"], [Problem(**p) for p in cached["problems"]]
    pages, problems = _compute_indicator_pages(config, tables)
    cache.write_entry(entry, key, {"pages": pages, "problems": [
        {"path": p.path, "severity": p.severity, "code": p.code, "params": p.params} for p in problems
    ]})
    return pages, problems


def _compute_indicator_pages(config: ArchiveConfig, tables: dict[str, Any]) -> tuple[dict[str, str], list[Problem]]:

    try:
        report = compute_indicators(config)
    except ArchiveError as exc:
        return {}, [Problem("data", "warning", "build.indicators_failed", {"detail": exc.format_message()})]
    links = {stem: url_of(table_page(tb)) for stem, tb in tables.items()}
    if not report.balance:
        return {}, list(report.problems)
    with using_language(SITE_LANG):  # the site speaks the inspectors' language, whatever the console's
        pages = render_indicator_pages(report, links)
    return _charts_as_files(pages), [*report.problems, *chart_problems()]


_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def _charts_as_files(pages: dict[str, str]) -> dict[str, str]:
    """Inline SVG charts moved to files beside their page, so no page outgrows the HTML budget."""
    out: dict[str, str] = {}
    for path, text in pages.items():
        folder = posixpath.dirname(path)

        def to_file(match: re.Match[str], folder: str = folder) -> str:  # this page's folder, bound now
            svg = match.group(0)
            name = f"charts/{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:16]}.svg"
            out[posixpath.join(folder, name)] = '<?xml version="1.0" encoding="utf-8"?>\n' + svg
            return f'<img class="ab-chart" src="{name}" alt="{t_in(SITE_LANG, "site.chart")}">'

        out[path] = _SVG_RE.sub(to_file, text)
    return out


def numbering(config: ArchiveConfig, inventory: Inventory) -> Numbering:
    """Every document's 档号 (recorded by ``catalogue``, the next free one otherwise), for pages, search
    and the 归档文件目录. The build reads the record but never writes it."""
    return assign_numbers(config, inventory.documents, read_record(config.root))


def _catalogue_pages(config: ArchiveConfig, inventory: Inventory, numbering: Numbering, build_dir: Path,
                     include_internal: bool = False) -> dict[str, str]:
    """The 归档文件目录: an index of classes and a page per class, from the recorded 档号.

    A class's page is made again only when its rows changed (``catalogue-pages.json`` keeps each page by
    the digest of what it shows), so one changed document costs the page of its own class.
    """
    title = t_in(SITE_LANG, "site.nav.catalogue")
    pages: dict[str, str] = {}
    lines = [f"---\ntitle: {front_matter_value(title)}\n---\n", f"全宗名称：{escape_text(config.name)}\n",
             "| 类别 | 年度 | 保管期限 | 机构 | 件数 |", "|---|---|---|---|---|"]
    entry = build_dir / "catalogue-pages.json"
    known = (cache.read_entry(entry, _catalogue_rules(), valid=lambda p: isinstance(p["pages"], dict)) or {}).get(
        "pages", {})
    made: dict[str, str] = {}
    with using_language(SITE_LANG):
        groups = by_class(catalogue_rows(config, inventory.documents, numbering, include_internal))
        for cls, rows in groups:
            page = catalogue_page(cls)
            key = _class_key(config, cls, rows)
            made[key] = known.get(key) or (f"---\ntitle: {front_matter_value(cls.label)}\n---\n\n"
                                           + _mask_all(class_page(config, cls, rows)))
            pages[page] = made[key]
            year, retention, org = class_summary(config, cls)
            link = page.split("/", 1)[1]
            shown = " | ".join(escape_text(value) for value in (year, retention, org, len(rows)))
            lines.append(f"| [{escape_text(cls.label)}]({link}) | {shown} |")
    if made != known:
        cache.write_entry(entry, _catalogue_rules(), {"pages": made})
    pages["catalogue/index.md"] = "\n".join(lines) + "\n"
    return pages


def _class_key(config: ArchiveConfig, cls: ArchiveClass, rows: list[CatalogueRow]) -> str:
    """What a class's page shows: the fonds, the class and its caption, and every row as written."""
    shown = [config.name, cls.label, class_summary(config, cls),
             [[*row.values(), row.code, row.page] for row in rows]]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def _catalogue_rules() -> str:
    """Changes with the code that writes a class's page and with the masking rules."""
    digest = hashlib.sha256(Path(catalogue_module.__file__).read_bytes() + Path(__file__).read_bytes())
    digest.update(mark_rules_version().encode())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def _mask_all(text: str) -> str:

    return mask_text(text)[0]


# --- configuration ----------------------------------------------------------------------------


def extra_files(config: ArchiveConfig) -> dict[str, str | bytes]:
    """The package stylesheets and the archive's own stylesheets (site_config/*.css), ASCII-named."""
    css = resources.files("archive_builder").joinpath("assets/css")
    files: dict[str, str | bytes] = {
        STYLESHEET: css.joinpath("archive.css").read_bytes(),
        PRINT_STYLESHEET: css.joinpath("print.css").read_bytes(),
        UNZIP_STYLESHEET: css.joinpath("unzip-notice.css").read_bytes(),
    }
    folder = config.root / "site_config"
    for number, css in enumerate(sorted(folder.glob("*.css")) if folder.is_dir() else [], 1):
        files[f"assets/extra/extra-{number}.css"] = css.read_bytes()
    return files


def load_defaults() -> dict[str, Any]:
    """The shipped mkdocs.yml defaults."""
    import yaml

    text = resources.files("archive_builder").joinpath("defaults/mkdocs.yml").read_text("utf-8")
    return yaml.safe_load(text)




def merge_config(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merged key by key, the APPENDED_KEYS lists appended, anything else replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_config(merged[key], value)
        elif key in APPENDED_KEYS and isinstance(value, list):
            merged[key] = [*merged.get(key, []), *value]
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _plugin_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def mkdocs_config(config: ArchiveConfig, build_dir: Path, rendered: RenderResult, extra: dict[str, Any],
                   strict: bool) -> tuple[dict[str, Any], str]:
    """The full mkdocs configuration, and a key that changes when every page must be rebuilt."""
    merged = merge_config(load_defaults(), user_config(config))
    merged["plugins"] = [_without_tags_export(p) for p in merged.get("plugins") or []
                         if _plugin_name(p) not in REFUSED_PLUGINS]
    merged = site_settings(merged)  # Material prints settings unescaped: text escaped, names plain, links out
    # Material prints the site name and the copyright line unescaped on every page: they go in as text.
    merged["site_name"] = front_matter_text(merged.get("site_name") or config.name)
    if merged.get("copyright"):
        merged["copyright"] = front_matter_text(merged["copyright"])
    merged["docs_dir"] = str(rendered.docs_dir)
    merged["nav"] = _escape_nav(rendered.nav)
    merged["use_directory_urls"] = False
    merged["strict"] = strict
    merged["extra_css"] = [STYLESHEET, PRINT_STYLESHEET, UNZIP_STYLESHEET,
                           *[p for p in extra if p.startswith("assets/extra/")],
                           *_in_the_site(merged.get("extra_css") or [])]
    # The build's mkdocs hooks (mkdocs_adapter.py) list what mkdocs writes (for stale removal) and make
    # the 404 page relative. Bodies go in after mkdocs (pagebodies.py).
    merged["hooks"] = [mkdocs_adapter.HOOKS_FILE]  # an archive's own hooks are refused where the file is read
    merged.setdefault("extra", {})["ab_outputs"] = str(build_dir / OUTPUTS_NAME)
    merged["extra"]["ab_written_after"] = list(WRITTEN_AFTER)
    merged["extra"]["ab_content_policy"] = offline.POLICY_META
    merged["extra"]["ab_unzip"] = {"title": t_in(SITE_LANG, "site.unzip.title"),
                                   "text": t_in(SITE_LANG, "site.unzip.text")}
    merged["extra"]["ab_not_found"] = {key: t_in(SITE_LANG, f"site.not_found.{key}") for key in ("title", "text", "home")}
    theme = merged.setdefault("theme", {})
    theme["custom_dir"] = str(_theme_dir(config, build_dir))
    theme.setdefault("language", SITE_LANG)
    theme["font"] = False  # Google fonts would need the network
    for key in ("logo", "favicon"):  # a picture by URL is fetched on every page
        if isinstance(theme.get(key), str) and offline.leaves_the_site(theme[key]):
            theme.pop(key)
    basis = json.dumps([merged, __version__, _tree_digest(build_dir / "theme")], sort_keys=True, default=str)
    return merged, hashlib.sha256(basis.encode()).hexdigest()


def _in_the_site(entries: list[Any]) -> list[Any]:
    """Stylesheets of the archive's mkdocs.yml that are files of the site: one named by a web address would be
    fetched from the network on every page, and one given inline (``data:``) is no file of the site, so either
    is left out (as the theme's fonts are)."""
    def address(entry: Any) -> str:
        return str(entry.get("path", "")) if isinstance(entry, dict) else str(entry)
    return [entry for entry in entries if offline.is_site_file(address(entry))]


def _without_tags_export(entry: Any) -> Any:
    """The tags plugin without its tags.json export (unless the archive asks for it).

    Nothing in the site reads that file, and a build that reuses the previous site would write it
    from the changed pages only (mkdocs does not read the others' metadata), unlike a clean build.
    """
    name = _plugin_name(entry)
    if name not in ("tags", "material/tags"):
        return entry
    options = dict(entry[name] or {}) if isinstance(entry, dict) else {}
    options.setdefault("export", False)
    return {name: options}


def _escape_nav(nav: Any) -> Any:
    """Navigation titles HTML-escaped: Material prints them unescaped."""
    import html

    if isinstance(nav, list):
        return [_escape_nav(entry) for entry in nav]
    if isinstance(nav, dict):
        return {html.escape(title): _escape_nav(value) for title, value in nav.items()}
    return nav


def _theme_dir(config: ArchiveConfig, build_dir: Path) -> Path:
    """The theme overrides: the package's, the search box, then the archive's site_config/overrides/."""
    target = build_dir / "theme"
    buildfs.remove(target)  # a link or a file left there too
    package = resources.files("archive_builder").joinpath("assets/theme")
    with resources.as_file(package) as source:
        shutil.copytree(source, target)
    (target / "partials" / "search.html").write_text(_search_partial(), "utf-8")
    overrides = config.root / "site_config" / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, target, dirs_exist_ok=True)
    return target


def _search_partial() -> str:
    """The search box template from the site search module."""
    return sitesearch.search_partial(SITE_LANG)


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- the mkdocs build ----------------------------------------------------------------------------------


def bodies_dir(rendered: RenderResult) -> Path:
    """The body store the tree writer fills beside the Markdown tree (tree.Tree)."""
    return rendered.docs_dir.parent / "bodies"


def prepare_temp(output: Path, temp: Path, build_dir: Path, key: str, recorded: dict[str, Stat]) -> bool:
    """Start the temporary folder from the previous site when only pages changed; returns whether.

    ``recorded`` is every site file as the last build left it (size, time, inode: site/unchanged.py);
    only those still so are taken over, so a page edited or added by hand since is made again.
    """
    shutil.rmtree(temp, ignore_errors=True)
    previous_key = build_dir / "site-key.txt"
    if not (output / "index.html").is_file() or not previous_key.is_file() or not recorded:
        return False
    if previous_key.read_bytes() != key.encode():
        return False
    _link_site(output, temp, recorded)
    return True


def write_site_key(build_dir: Path, key: str) -> None:
    """Remember what the new site was built from; if that fails the next build starts afresh."""
    path = build_dir / "site-key.txt"
    try:
        cache.write_atomic(path, key.encode("utf-8"))
    except OSError as exc:  # the site is already in place: only the next build's reuse is lost
        log.warning("site key not written: %s", exc)
        path.unlink(missing_ok=True)


def _link_site(source: Path, target: Path, recorded: dict[str, Stat]) -> None:
    """Start the new site as hard links to the previous one's files that are as the last build left them.

    Nothing is written through a link: mkdocs' hook removes every file mkdocs will write before it
    writes (mkdocs_adapter.on_files), and the writers after it replace files (cache.write_atomic),
    so the previous site stays exactly as it was while the new one is made. Where a link cannot be
    made (another file system), the file is copied with its time.
    """
    top = str(source)
    for dirpath, _dirs, files in os.walk(top):
        rel_dir = _posix_rel(dirpath, top)
        dest = os.path.join(target, rel_dir) if rel_dir else str(target)
        os.makedirs(dest, exist_ok=True)
        for name in files:
            path = os.path.join(dirpath, name)
            found = os.lstat(path)
            if recorded.get(rel_dir + "/" + name if rel_dir else name) != (found.st_size, found.st_mtime_ns,
                                                                             found.st_ino):
                continue  # written, replaced or added since the last build: made again
            try:
                os.link(path, os.path.join(dest, name), follow_symlinks=False)
            except OSError:
                shutil.copy2(path, os.path.join(dest, name))


def _posix_rel(dirpath: str, top: str) -> str:
    """``dirpath`` (a folder os.walk gave under ``top``) relative to ``top``, with / between names; "" for top."""
    return dirpath[len(top) + 1:].replace(os.sep, "/") if dirpath != top else ""


def clock_mark(folder: Path) -> int:
    """The time now as the file system under ``folder`` stamps files (its clock and its granularity)."""
    mark = folder / ".ab-clock-mark"
    mark.write_bytes(b"")
    try:
        return mark.stat().st_mtime_ns
    finally:
        mark.unlink()


def remove_stale(site_dir: Path, outputs_file: Path, started_ns: int) -> None:
    """After a reuse build: delete every file this build did not produce, then empty folders.

    Produced means listed by mkdocs_adapter.py (every file mkdocs writes or, unchanged, would write) or
    written since mkdocs started (what plugins add after, such as tags.json); what is written after
    mkdocs (search, manifest, notices) is written again anyway. So the site is what a clean build
    makes: a page whose source is gone (a deleted or renamed document, an emptied catalogue class)
    leaves no trace.
    """
    if not outputs_file.is_file():  # the hook did not run (an archive's mkdocs.yml replaced the hooks?)
        log.warning("%s not written by mkdocs_adapter.py: files of the previous site are kept", outputs_file.name)
        return
    outputs = set(json.loads(outputs_file.read_text("utf-8")))
    top = str(site_dir)
    for dirpath, _dirs, files in os.walk(top, topdown=False):
        rel_dir = _posix_rel(dirpath, top)
        for name in files:
            path = os.path.join(dirpath, name)
            rel = rel_dir + "/" + name if rel_dir else name
            if rel not in outputs and not rel.startswith(WRITTEN_AFTER) and os.stat(path).st_mtime_ns < started_ns:
                os.unlink(path)
        if dirpath != top and not os.listdir(dirpath):
            os.rmdir(dirpath)


def refuse_network_requests(site_dir: Path, since_ns: int = 0) -> None:
    """Stop the build when a page or stylesheet written since ``since_ns`` would ask the network for anything
    (site/offline.py): the site is for a laptop with no network, and the previous site stays."""
    written = []
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            if name.endswith((".html", ".css")):
                path = os.path.join(folder, name)
                if since_ns == 0 or os.stat(path).st_mtime_ns >= since_ns:
                    written.append(os.path.relpath(path, site_dir).replace(os.sep, "/"))
    found = offline.network_references(site_dir, sorted(written))
    if found:
        page, address = found[0]
        raise ArchiveError(message("build.network_reference", page=page, address=mask_text(address)[0]))
    unguarded = offline.without_policy(site_dir, sorted(written))
    if unguarded:
        raise ArchiveError(message("build.no_content_policy", page=unguarded[0]))


def drop_unused_theme_assets(site_dir: Path) -> None:
    """Remove the theme's own search (lunr and its worker): the site's search replaces it, nothing loads it."""
    for rel_path in UNUSED_THEME_ASSETS:
        shutil.rmtree(site_dir / rel_path, ignore_errors=True)


def write_third_party_notice(site_dir: Path) -> None:
    """Name the third-party code the site carries (the theme's scripts and styles), its version and licence."""
    from importlib import metadata

    parts = [t_in(SITE_LANG, "site.third_party_intro")]
    for package in THIRD_PARTY:
        dist = metadata.distribution(package)
        licence = next((f for f in dist.files or [] if ".dist-info" in str(f)
                        and f.name.upper().startswith(("LICENSE", "LICENCE"))), None)  # the package's own
        files = sorted(p.relative_to(site_dir).as_posix() for pattern in THIRD_PARTY[package]
                       for p in site_dir.glob(pattern))
        parts.append("\n".join([
            f"== {package} {dist.version} ({_licence_name(dist.metadata)}) ==",
            *files, "", licence.read_text().strip() if licence else "",
        ]))
    target = site_dir / THIRD_PARTY_NOTICE
    target.parent.mkdir(parents=True, exist_ok=True)
    cache.write_atomic(target, ("\n\n".join(parts) + "\n").encode("utf-8"))


def _licence_name(meta: PackageMetadata) -> str | None:
    """A package's licence as its metadata names it: the SPDX expression, else the free-text field."""
    for name in ("License-Expression", "License"):
        values = meta.get_all(name, [])
        if values and values[0]:
            return str(values[0])
    return None


def write_search(config: ArchiveConfig, site_dir: Path, rendered: RenderResult) -> None:
    """The site's own search index and its assets."""
    sitesearch.install_assets(site_dir)
    sitesearch.write_search_index(rendered.search_entries, site_dir, cache_dir=config.cache_dir / "search",
                                  departments=[d.name for d in config.departments],
                                  categories=[c.name for c in config.categories])


def write_manifest(site_dir: Path, documents: list[Document], hashes: manifest.FileHashes | None = None) -> None:
    """SHA-256 of every original and site file (``hashes``: those of the last build, for files unchanged since)."""

    originals = [{"path": d.path, "sha256": d.sha256, "size": d.size,
                  "site_path": original_path(d.department, d.sha256, d.type)} for d in documents]
    manifest.write_manifest(site_dir, originals, __version__, hashes)


def write_fingerprint(zip_path: Path, value: str, manifest_bytes: bytes) -> Path:
    """The manifest's fingerprint beside the zip, for a reviewer to record apart from it (provenance.py)."""

    built_at = str(json.loads(manifest_bytes).get("built_at", ""))
    target = fingerprint_path(zip_path)
    part = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        with buildfs.disk_full_is_one_line(target, "build.zip_disk_full"):
            part.write_text(fingerprint_text(value, zip_path.name, built_at), "utf-8")
            os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return target


def swap(temp: Path, output: Path) -> None:
    """Put the new site in place of the old one in one step (buildfs.swap_in)."""
    buildfs.swap_in(temp, output)


def write_zip(site_dir: Path, zip_path: Path) -> Path:
    """Zip the site for the inspectors: ``打开方法.txt`` at the root, the site in one short ASCII folder.

    The text says, in plain Chinese, to extract the whole zip and open index.html; a page opened
    inside the zip without its files shows the same advice (theme partials/unzip-notice.html).
    """
    folder = _zip_folder(site_dir)
    temp = buildfs.zip_part(zip_path)
    # a full disk has its own line; any other failure to write (a read-only folder) is one line too
    with buildfs.unwritten_is_one_line(zip_path):
        try:
            zip_path.parent.mkdir(parents=True, exist_ok=True)
            with buildfs.disk_full_is_one_line(zip_path, "build.zip_disk_full"), \
                    zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                archive.writestr(_zip_info(manifest.ZIP_README, site_dir), manifest.zip_note(folder))
                for path in sorted(site_dir.rglob("*")):
                    if path.is_file():
                        archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
            os.replace(temp, zip_path)
        except BaseException:
            with contextlib.suppress(OSError):  # on a read-only disk even removing a missing file fails
                temp.unlink(missing_ok=True)
            raise
    return zip_path


def _zip_folder(site_dir: Path) -> str:
    """The site folder's own name when it is short ASCII, else ``site``."""
    name = site_dir.name
    return name if name.isascii() and re.fullmatch(r"[A-Za-z0-9._-]{1,24}", name) else ZIP_FOLDER


def _zip_info(name: str, site_dir: Path) -> zipfile.ZipInfo:
    """A root member dated like the site's index page (not the clock), readable by everyone."""
    index = site_dir / "index.html"
    stamp = time.localtime(max(index.stat().st_mtime if index.is_file() else time.time(), 315619200))  # zip dates start in 1980
    info = zipfile.ZipInfo(name, date_time=(stamp.tm_year, stamp.tm_mon, stamp.tm_mday,
                                            stamp.tm_hour, stamp.tm_min, stamp.tm_sec))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
