"""The problems page: every problem found by scan, check and rendering, with how to fix it, naming a withheld
or unread file only as the public may see it."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive_builder.checking.results import problem_kind
from archive_builder.core.i18n import lookup, t_in
from archive_builder.core.model import Inventory, Problem
from archive_builder.review.policy import decide
from archive_builder.site.bodies import SITE_LANG, mask
from archive_builder.site.templates import NO_TOC, render_template
from archive_builder.site.tree_state import Site, archive_number


def write_problems(site: Site, inventory: Inventory) -> str:
    """Every problem found by scan, check and rendering: path, problem, how to fix it.

    A file the tool could not read, or whose metadata it could not parse, may be classified: the page names
    it only by its 档号, or by its department and category (the clerk's own scan and check name the file).
    """
    problems = [*inventory.problems, *(site.check.problems if site.check else []), *site.result.problems]

    files = len(inventory.problems)
    unread = _unread_files(site, inventory)
    withheld = _WithheldNames(inventory)
    rows = []
    for n, p in enumerate(problems):
        shown = p if p.path not in unread else replace(p, path=unread[p.path], params=_veiled(p.params))
        shown = withheld.in_site_language(shown)
        rows.append({"path": mask(shown.path)[0], "severity": t_in(SITE_LANG, f"severity.{p.severity}"),
                     "message": mask(t_in(SITE_LANG, p.code, **shown.params))[0], "hint": mask(_hint(shown))[0],
                     "kind": t_in(SITE_LANG, f"report.problem_kind.{problem_kind(p.code)}") if n < files else ""})
    site.tree.write("problems.md", render_template("problems.md.j2", title=t_in(SITE_LANG, "site.nav.problems"),
                                                   rows=rows, hide=NO_TOC))
    return "problems.md"


def _unread_files(site: Site, inventory: Inventory) -> dict[str, str]:
    """Each file of content/ with a problem that is neither a document read and decided on nor a data table
    (skipped, unreadable, or held for review), and how the public problems page names it."""

    decided = {doc.path for doc in inventory.documents if decide(doc).status in ("published", "internal")}
    decided.update(table.path for table in inventory.tables)
    numbers = {doc.path: archive_number(site, doc) for doc in inventory.documents}
    named: dict[str, str] = {}
    for problem in [*inventory.problems, *(site.check.problems if site.check else []), *site.result.problems]:
        path = problem.path
        if path in decided or path in named or not _content_file(site.config.content_dir, path):
            continue
        named[path] = site.archive_numbers.get(path) or numbers.get(path) or _under_review_name(path)
    return named


def _content_file(content: Path, path: str) -> bool:
    """Whether ``path`` names a file (or a link, or anything but a folder) under content/."""
    if not path or path.startswith(("/", "..")):
        return False
    where = content / path
    return os.path.lexists(where) and not (where.is_dir() and not where.is_symlink())


def _under_review_name(path: str) -> str:
    """A file named by its department and category only: 县教科局 / 发展规划：1 个文件待复核."""
    parts = path.split("/")
    folder = " / ".join(parts[:2]) if len(parts) >= 3 else ""
    return t_in(SITE_LANG, "site.problems.unread_file", folder=folder) if folder \
        else t_in(SITE_LANG, "site.problems.unread_file_top")


class _WithheldNames:
    """The name scan and check give a withheld file's problem (its folder and a short hash, in the language of
    the command line), as the site names it: in the site's language, 涉密 or 内部 as the document is, and a
    file the scan skipped (unread: it may be either) by its department and category only."""

    def __init__(self, inventory: Inventory) -> None:

        self.status = {doc.sha256[:8]: decide(doc).status for doc in inventory.documents if doc.sha256}
        self.patterns = []
        templates = [*(lookup("report.withheld_file") or {}).values(), *(lookup("report.internal_file") or {}).values()]
        for template in templates:  # either label, in either language of the command line
            before, _, after = template.partition("{ref}")
            self.patterns.append(re.compile(f"(.*?){re.escape(before)}(.*?){re.escape(after)}", re.DOTALL))

    def in_site_language(self, problem: Problem) -> Problem:
        for pattern in self.patterns:
            found = pattern.fullmatch(problem.path)
            if found:
                return self._renamed(problem, found.group(1), found.group(2))
        return problem

    def _renamed(self, problem: Problem, folder: str, ref: str) -> Problem:
        status = self.status.get(ref)
        if status in ("classified", "internal"):
            name = folder + t_in(SITE_LANG, f"site.withheld_file.{status}", ref=ref)
            return replace(problem, path=name)
        return replace(problem, path=_under_review_name(folder + "-"), params=_veiled(problem.params))


def _veiled(params: dict[str, Any]) -> dict[str, Any]:
    """A problem's details without their words (a parser's message may quote the file's 密级 or title)."""
    return {key: "…" if isinstance(value, str) else value for key, value in params.items()}


def _hint(problem: Problem) -> str:
    hint = t_in(SITE_LANG, f"{problem.code}.hint", **problem.params)
    return "" if hint == f"{problem.code}.hint" else hint
