"""A small scratch archive for the site tests, shared by test_build_cli, test_site and test_site_browser."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from archive_builder.site.search.keys import decode_postings
from archive_builder.site.search.writer import _payload

#: A resident ID number with a valid check digit (the masker must hide it everywhere).
VALID_ID = "11010519491231002X"
RARE_WORD = "蜂鸟计划"

DOC_BUDGET = "content/县财政局/保障机制/2015/2015年教育经费预算.md"
DOC_PLAN = "content/县教科局/发展规划/2016/2016年均衡发展规划.txt"
DOC_SECRET = "content/县教科局/发展规划/2016/2016年内部测算.md"
DOC_INTERNAL = "content/县教科局/发展规划/2016/2016年内部通报.md"
ROSTER = "content/data/留守儿童名册.csv"


def archive_files() -> dict[str, str | bytes]:
    """Files of the scratch archive: Markdown, text, CSV roster, a classified and an internal document."""
    return {
        DOC_BUDGET: (
            "---\ntitle: 2015年教育经费预算安排\ndoc_no: 财教〔2015〕12号\n---\n"
            f"# 2015年教育经费预算\n\n本年度义务教育经费全部纳入财政预算，{RARE_WORD}按时足额拨付。\n\n"
            "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n"
        ),
        DOC_PLAN: "全县实行校长教师交流轮岗制度，推进义务教育均衡发展。\n",
        DOC_SECRET: "---\ntitle: 绝密测算表\nclassification: 秘密\n---\n绝密测算内容 SECRETWORD\n",
        DOC_INTERNAL: "---\ntitle: 内部通报\nclassification: 内部\n---\n内部通报内容 INTERNALWORD\n",
        ROSTER: f"姓名,身份证号\n张三,{VALID_ID}\n",
    }


def site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


_EXTERNAL = re.compile(r"<(?:script|link|img|iframe|embed|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?://",
                       re.IGNORECASE)


def external_references(site: Path) -> list[str]:
    """Files whose script/link/img/iframe tags load an http(s) URL, or stylesheets importing one."""
    found = []
    for path in site_files(site):
        if path.suffix == ".html" and _EXTERNAL.search(path.read_text("utf-8", errors="replace")):
            found.append(str(path))
        if path.suffix == ".css" and re.search(r"url\(\s*[\"']?https?://|@import\s+[\"']?https?://",
                                               path.read_text("utf-8", errors="replace")):
            found.append(str(path))
    return found


def tree_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file's mtime and bytes, to prove a folder was left untouched."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in site_files(folder)}


def comparable_tree(site: Path) -> dict[str, bytes]:
    """Every file of a site, byte for byte, but for two documented differences.

    The manifest's ``built_at`` is the build's time. The search index numbers documents in the order
    they first entered it and keeps the numbers (so a rebuild patches it), so its files are compared
    by what they say: each document's row and text, and each key's postings, by document URL. The
    manifest lists the index files by number, so its entries under search/ are compared the same way.
    """
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    manifest = json.loads(files.pop("manifest.json"))
    manifest.pop("built_at")
    manifest["files"] = {rel: entry for rel, entry in manifest["files"].items() if not rel.startswith("search/")}
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    files = {rel: data for rel, data in files.items() if not rel.startswith("search/")}
    files["search/*"] = json.dumps(search_by_url(site), sort_keys=True, ensure_ascii=False).encode()
    return files


def search_by_url(site: Path) -> dict[str, Any]:
    """The browser search index with document numbers replaced by URLs."""
    (table,) = _payload(site / "search" / "docs.js")
    urls = {number: row[0] for number, row in enumerate(table.pop("docs")) if row}
    texts = {}
    for path in (site / "search" / "text").rglob("*.js"):
        number, text = _payload(path)
        texts[urls.get(number, f"unlisted {number}")] = text
    postings: dict[str, list[Any]] = {}
    for path in (site / "search" / "s").glob("*.js"):
        for key, encoded in _payload(path)[1].items():
            postings[key] = sorted((urls.get(d, f"unlisted {d}"), tf) for d, tf in decode_postings(encoded))
    rows = {row[0]: row for row in _payload(site / "search" / "docs.js")[0]["docs"] if row}
    return {"table": table, "rows": rows, "texts": texts, "postings": postings,
            "files": len(list((site / "search").rglob("*.js")))}
