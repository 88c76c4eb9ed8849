"""The pipeline every command runs: one function per stage, plain values in, new plain values out.

    scan      content/                     -> Inventory           inventory.scan
    review    Inventory                    -> Inventory           review.stage (text, marks, personal numbers)
    check     Inventory, checklists        -> CheckResult         checking (statistics and targets inside)
    assess    Inventory, CheckResult       -> Readiness           assessment
    publish   Inventory, CheckResult, ...  -> site/ and its zip   site (render, mkdocs, bodies, search, manifest)
    index     Inventory                    -> the whoosh index    search.index

A command asks for what it needs and the pipeline stops there: ``scan`` and ``catalogue`` stop after
the review (:func:`load_inventory`), ``check`` and ``status`` after the check (:func:`check_archive`),
``assess`` after the assessment (:func:`assess_archive`), ``index`` after the index (:func:`refresh_index`), ``catalogue`` after numbering (:func:`catalogue_archive`),
``build`` runs to the written site (:func:`build_site`). Nothing here prints: the commands present what
comes back. Stages are called through their modules (``site.write_search(...)``), so a test can stand
in for one stage.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive_builder.archival.catalogue import CatalogueRow, catalogue_rows
from archive_builder.archival.numbers import Numbering, assign_numbers, read_record
from archive_builder.assessment.readiness import Readiness, assess_inventory, checklist_ids, load_assessment
from archive_builder.checking.check import check_inventory, year_span
from archive_builder.checking.checklist import load_checklists
from archive_builder.checking.results import CheckResult
from archive_builder.checking.targets import load_targets
from archive_builder.checking.waivers import load_waivers
from archive_builder.core import budgets, buildfs, cache, parallel
from archive_builder.core.buildfs import check_cache_tree
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.errors import ArchiveError, UsageError, message
from archive_builder.core.model import Inventory, Problem
from archive_builder.inventory.scan import scan_archive
from archive_builder.review import stage as review
from archive_builder.review.policy import withheld_problem_paths
from archive_builder.search import query
from archive_builder.search.index import IndexReport, update_index
from archive_builder.search.query import Filters, SearchResults
from archive_builder.site import build as site
from archive_builder.site import mkdocs_adapter, pagebodies, provenance, unchanged
from archive_builder.site.build import BuildResult
from archive_builder.site.manifest import FileHashes
from archive_builder.site.render import render_tree
from archive_builder.statistics.schools import load_schools

Progress = Callable[[int, int], None]
StageProgress = Callable[[str, int, int], None]


# --- scan and review ------------------------------------------------------------------------------


def load_inventory(config: ArchiveConfig, *, review_text: bool = True, progress: Progress | None = None,
                   ocr: bool = True) -> Inventory:
    """Scan content/ and, unless told not to, review every document's text."""
    check_cache_tree(config.cache_dir)  # no link or pipe in the cache leads its writes elsewhere or blocks a read
    scanned = scan_archive(config)
    if review_text:
        return review.review_inventory(config, scanned, progress, ocr=ocr)
    return replace(scanned, problems=withheld_problem_paths(scanned))


# --- check and assess ---------------------------------------------------------------------------------


def check_archive(
    config: ArchiveConfig, *, department: str | None = None, category: str | None = None, year: int | None = None,
) -> CheckResult:
    """Load checklists, waivers and the school registry, scan and review content/, and run the whole check."""
    if year is not None and year not in config.years:
        raise UsageError(message("check.year_outside_option", year=year, years=year_span(config.years)))
    # Validate the configuration first: checklists, targets, registry, waivers (all errors at once).
    items = load_checklists(config)
    load_targets(config)
    schools = load_schools(config)
    waivers = load_waivers(config, items, schools)
    # The review reads each document's text, so a 秘密★ mark in its first lines withholds it.
    inventory = load_inventory(config)
    result = check_inventory(config, inventory, items, schools, waivers, department=department, category=category,
                             year=year)
    if not items:
        result.problems.insert(0, Problem("checklists", "warning", "check.no_checklists", {}))
    return result


def assess_archive(config: ArchiveConfig, *, profile: str | None = None, year: int | None = None,
                   as_of: dt.date | None = None) -> Readiness:
    """Load and validate everything (all configuration errors at once), check the archive, and assess it."""
    items = load_checklists(config)
    loaded_profile, timeline = load_assessment(config, profile, checklist_ids(items))
    schools = load_schools(config)
    waivers = load_waivers(config, items, schools)
    inventory = load_inventory(config)
    check = check_inventory(config, inventory, items, schools, waivers)
    return assess_inventory(config, inventory, check, schools, profile=loaded_profile, timeline=timeline,
                            year=year, as_of=as_of)


# --- the command line's index -------------------------------------------------------------------------


def refresh_index(config: ArchiveConfig, include_internal: bool = False, rebuild: bool = False, *,
                  ocr: bool = True, progress: Progress | None = None) -> IndexReport:
    """Scan and review the archive and bring the index up to date."""
    inventory = load_inventory(config, ocr=ocr, progress=progress)
    return update_index(config, inventory, include_internal, progress, rebuild=rebuild)


# --- the 归档文件目录 ------------------------------------------------------------------------------------


def catalogue_archive(config: ArchiveConfig, include_internal: bool = False) -> tuple[Numbering, list[CatalogueRow]]:
    """Every 件 numbered (档号, kept stable by archive_numbers.csv) and its row of the 归档文件目录: a classified
    document's row only its 档号 and 涉密, a 内部 one's likewise unless ``include_internal``."""
    inventory = load_inventory(config)
    numbering = assign_numbers(config, inventory.documents, read_record(config.root))
    return numbering, catalogue_rows(config, inventory.documents, numbering, include_internal)


def search(config: ArchiveConfig, text: str, filters: Filters | None = None, limit: int = 20,
           include_internal: bool = False) -> SearchResults:
    """Ranked documents for ``text``; the index is built first when missing and again when damaged."""
    return query.search(config, text, filters, limit, include_internal,
                        build_index=lambda rebuild: refresh_index(config, include_internal, rebuild))


# --- the site --------------------------------------------------------------------------------------------


def build_site(config: ArchiveConfig, output: Path | None = None, *, zip_path: Path | None = None,
               **options: Any) -> BuildResult:
    """Build the whole site for an archive into ``output`` (default ``<root>/site``).

    One build of an archive at a time; leftovers of a stopped build are cleaned and a damaged build
    cache is discarded first; a full disk is one ArchiveError and the previous site stays (buildfs).
    Options: ``strict``, ``include_internal``, ``progress``, ``ocr``, ``sign_key`` (an Ed25519 private
    key file: the manifest is signed into manifest.sig; the key is read before anything is built).
    """
    target = (Path(output) if output else config.root / "site").resolve()
    check_cache_tree(config.cache_dir)  # before any path into it is resolved: a link there would lead into content/
    # The site replaces its folder and the zip its file: neither may be the archive's own (checked first).
    site.refuse_unsafe_output(config, target)
    if zip_path is not None:
        buildfs.refuse_overwriting_archive(config, Path(zip_path))
    build_dir = (config.cache_dir / "build").resolve()
    with buildfs.build_lock(config.cache_dir), buildfs.disk_full_is_one_line(target):
        buildfs.clean_leftovers(target, Path(zip_path) if zip_path is not None else None)
        buildfs.check_build_cache(build_dir)
        try:
            result = _build_site(config, target, zip_path=zip_path, **options)
        except Exception as exc:
            buildfs.settle_build_cache(build_dir, exc)
            raise
        buildfs.settle_build_cache(build_dir, None)
        return result


def _build_site(
    config: ArchiveConfig,
    output: Path | None = None,
    *,
    zip_path: Path | None = None,
    strict: bool = False,
    include_internal: bool = False,
    progress: StageProgress | None = None,
    ocr: bool = True,
    sign_key: Path | None = None,
) -> BuildResult:
    started = time.monotonic()

    signer = provenance.load_signing_key(sign_key) if sign_key is not None else None
    report = progress or (lambda stage, done, total: None)
    output = (Path(output) if output else config.root / "site").resolve()
    build_dir = (config.cache_dir / "build").resolve()
    # 0. Nothing read by the build changed and the site is as the last build left it: nothing to do.
    written = (zip_path, provenance.fingerprint_path(zip_path)) if zip_path is not None else ()
    inputs = unchanged.inputs_key(config.root, output, {"strict": strict, "include_internal": include_internal,
                                                        "ocr": ocr, "sign_key": sign_key}, skip=written)
    previous = unchanged.previous_build(build_dir, inputs, output)
    theme = build_dir / "theme"
    if previous is not None and theme.is_dir() and not theme.is_symlink():  # else the build makes it again
        return _zipped(_unchanged_result(config, output, previous), zip_path, report, started)
    known = unchanged.known_hashes(build_dir, output)  # the site's files as the last build left them
    unchanged.forget(build_dir)
    # 1. Scan and review content/.
    report("build.stage.scan", 0, 0)
    inventory = load_inventory(config, ocr=ocr, progress=lambda done, total: report("build.stage.scan", done, total))
    # 2. Check it against the checklists and the school registry.
    report("build.stage.check", 0, 0)
    schools = load_schools(config)
    items = load_checklists(config)
    check = check_inventory(config, inventory, items, schools) if items else None
    # 3. The sections beside the documents: indicators (content/data), the 归档文件目录, the assessment.
    report("build.stage.indicators", 0, 0)
    extra = site.extra_files(config)
    numbering = site.numbering(config, inventory)  # every 档号, as the catalogue recorded them
    section_pages, section_nav, section_problems = site.extra_sections(config, inventory, build_dir, include_internal,
                                                                   check=check, schools=schools, numbering=numbering)
    extra.update(section_pages)
    # 4. Render the Markdown tree (only changed documents are rendered again).
    rendered = render_tree(
        config, inventory, build_dir, check=check, schools=schools, include_internal=include_internal,
        extra_pages=extra, extra_nav=section_nav, archive_numbers=numbering.codes,
        progress=lambda done, total: report("build.stage.render", done, total),
    )
    budgets.stop_worker()  # every file is read and converted: the reader worker's memory is not needed for mkdocs
    problems = [*inventory.problems, *(check.problems if check else []), *rendered.problems, *section_problems]
    if strict and problems:
        raise ArchiveError(message("build.strict_failed", count=len(problems)))
    # 5. Generate the site into a temporary folder, add bodies, search and manifest, swap it in.
    report("build.stage.site", 0, 0)
    mk_config, key = site.mkdocs_config(config, build_dir, rendered, extra, strict)
    temp = output.parent / f".{output.name}.building-{os.getpid()}"
    reused = False
    search: parallel.Beside | None = None
    try:
        reused = site.prepare_temp(output, temp, build_dir, key, {rel: stat for rel, (stat, _) in known.items()})
        started_ns = site.clock_mark(temp) if reused else 0
        buildfs.discard_if_not_a_file(build_dir / site.OUTPUTS_NAME)
        (build_dir / site.OUTPUTS_NAME).unlink(missing_ok=True)  # only this run's list may decide what is stale
        # Starting from the previous site, the search index is patched on the other core while mkdocs
        # writes the pages: neither touches the other's folders (site.WRITTEN_AFTER). A clean build's
        # mkdocs first empties the folder, so there the index is written after it.
        search = parallel.beside(lambda: site.write_search(config, temp, rendered)) if reused else None
        mkdocs_adapter.run(build_dir, mk_config, temp, dirty=reused)
        # Bodies into the pages the generator wrote (pagebodies.py), before anything hashes the site.
        pagebodies.fill_site(temp, rendered.docs_dir, site.bodies_dir(rendered), since_ns=started_ns)
        if reused:
            site.remove_stale(temp, build_dir / site.OUTPUTS_NAME, started_ns)
        site.drop_unused_theme_assets(temp)
        site.write_third_party_notice(temp)
        site.refuse_network_requests(temp, since_ns=started_ns)  # the last gate: nothing written asks the network
        report("build.stage.search", 0, 0)
        if search is not None:
            search.wait()
        else:
            site.write_search(config, temp, rendered)
        hashes = FileHashes(known if reused else {})
        site.write_manifest(temp, rendered.published, hashes)
        hashes.add(temp / site.MANIFEST_FILE, site.MANIFEST_FILE)
        manifest_bytes = (temp / site.MANIFEST_FILE).read_bytes()
        if signer is not None:
            cache.write_atomic(temp / provenance.SIGNATURE_NAME, provenance.sign(manifest_bytes, signer))
            hashes.add(temp / provenance.SIGNATURE_NAME, provenance.SIGNATURE_NAME)
        site.swap(temp, output)
    except BaseException:
        if search is not None:
            search.stop()
        shutil.rmtree(temp, ignore_errors=True)
        raise
    site.write_site_key(build_dir, key)
    result = BuildResult(output, rendered.published, rendered.pages, problems, rendered.withheld,
                         reused=reused, fingerprint=provenance.fingerprint(manifest_bytes),
                         signed_with=provenance.signing_key_id(signer) if signer is not None else "")
    unchanged.remember(build_dir, inputs, output, hashes.seen, unchanged.summary(
        result.documents, result.pages, result.problems, result.withheld, result.fingerprint, result.signed_with))
    return _zipped(result, zip_path, report, started)


def _unchanged_result(config: ArchiveConfig, output: Path, previous: dict[str, Any]) -> BuildResult:
    """The last build's report, for a build that found nothing to do."""
    return BuildResult(output, unchanged.documents_of(previous, config.content_dir), previous["pages"],
                       unchanged.problems_of(previous["problems"]), unchanged.problems_of(previous["withheld"]),
                       reused=True, fingerprint=previous["fingerprint"], signed_with=previous["signed_with"])


def _zipped(result: BuildResult, zip_path: Path | None, report: StageProgress, started: float) -> BuildResult:
    """6. The zip an inspector carries, with its fingerprint beside it."""
    if zip_path is not None:
        report("build.stage.zip", 0, 0)
        manifest_bytes = (result.output / site.MANIFEST_FILE).read_bytes()
        written = site.write_zip(result.output, Path(zip_path))
        result = replace(result, zip_path=written,
                         fingerprint_path=site.write_fingerprint(written, result.fingerprint, manifest_bytes))
    return replace(result, seconds=time.monotonic() - started)
