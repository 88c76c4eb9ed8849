"""Writing the site search index: shards, document table and texts, patched in place when few documents change.

Document ids stay stable across builds and each text's keys are cached by its hash (under the cache
folder given); every file is written only when its content changes, so an unchanged shard keeps its
bytes and its time between builds.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archive_builder.core import cache
from archive_builder.core.cache import Store
from archive_builder.core.parallel import warm
from archive_builder.search.text import fold_pairs, normalise
from archive_builder.site.search.keys import (
    SearchEntry,
    decode_postings,
    document_keys,
    encode_postings,
    entry_display,
    jieba_words,
    shard_of,
)

INDEX_DIR = "search"
FORMAT_VERSION = 5
TEXT_GROUP = 1000  # documents per text/ sub-folder
_TARGET_SHARD_BYTES = 24_000
_MIN_SHARDS, _MAX_SHARDS = 16, 65_536


@dataclass
class SearchIndexStats:
    """What write_search_index produced."""

    documents: int = 0
    keys: int = 0
    postings: int = 0
    shards: int = 0
    shards_written: int = 0
    texts_written: int = 0
    bytes: int = 0
    files: list[str] = field(default_factory=list, repr=False)


@dataclass
class _Build:
    """What one index build works from: documents, their ids, readable texts and their digests."""

    docs: list[SearchEntry]
    ids: dict[str, int]
    texts: dict[str, str]
    digests: dict[str, str]
    departments: list[str] = field(default_factory=list)  # the filter's order (the registry's)
    categories: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # department -> its other names


def write_search_index(
    entries: Iterable[SearchEntry],
    site_dir: Path,
    cache_dir: Path | None = None,
    previous: Path | None = None,
    departments: Sequence[str] = (),
    categories: Sequence[str] = (),
) -> SearchIndexStats:
    """Write the search index for ``entries`` under ``site_dir/search``.

    ``departments`` and ``categories`` are the registry's names in its order, the order of the
    filter lists (names not among them follow in code-point order).

    With ``cache_dir``, document ids stay stable across builds and each document's keys are cached
    by the hash of its text. When the index from the last build is in place (in ``site_dir``, or in
    ``previous``, a former site folder to start from) and few documents changed, only the shards
    holding their keys are patched; the result is byte-identical to a full build.
    """
    target = site_dir / INDEX_DIR
    docs = sorted(entries, key=lambda e: e.url)
    state = _load_state(cache_dir)
    texts = {e.url: entry_display(e) for e in docs}
    build = _Build(docs, _assign_ids([e.url for e in docs], state), texts,
                   {u: hashlib.sha256(x.encode("utf-8")).hexdigest() for u, x in texts.items()},
                   _ordered({d.department for d in docs}, departments),
                   _ordered({d.category for d in docs}, categories), _aliases(docs))
    if previous is not None and (previous / INDEX_DIR).is_dir() and previous.resolve() != site_dir.resolve():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(previous / INDEX_DIR, target)
    stats = _patch_index(build, state, target, cache_dir) if state else None
    if stats is None:
        stats = _full_index(build, target, cache_dir)
    if cache_dir is not None:
        _save_state(cache_dir, build, stats)
    return stats


def _ordered(names: set[str], order: Sequence[str]) -> list[str]:
    """``names`` in the registry's order, any others after them in code-point order."""
    known = [name for name in dict.fromkeys(order) if name in names]
    return known + sorted(names - set(known))


def _aliases(docs: list[SearchEntry]) -> dict[str, list[str]]:
    """Each department's other names, for the no-result suggestion."""
    out: dict[str, list[str]] = {}
    for entry in docs:
        out.setdefault(entry.department, list(dict.fromkeys(a for a in entry.aliases if a != entry.department)))
    return out


def _full_index(build: _Build, target: Path, cache_dir: Path | None) -> SearchIndexStats:
    """Tokenise every document and write every file (unchanged files are left untouched)."""
    stats = SearchIndexStats(documents=len(build.docs))
    # Segment uncached documents on every core first; the ordered pass below reads the cache.
    if cache_dir is not None:
        cold = [(build.texts[e.url], build.digests[e.url], cache_dir) for e in build.docs
                if not _key_cache_path(cache_dir, build.digests[e.url]).is_file()]
        warm(_warm_keys, cold)
    # Gather: postings per key, in document-id order.
    postings: dict[str, array] = {}
    for entry in sorted(build.docs, key=lambda e: build.ids[e.url]):
        doc_id = build.ids[entry.url]
        counts = _keys_cached(build.texts[entry.url], build.digests[entry.url], cache_dir)
        for key, tf in counts.items():
            packed = (doc_id << 16) | min(tf, 0xFFFF)
            found = postings.get(key)
            if found is None:
                postings[key] = array("q", (packed,))
            else:
                found.append(packed)
        stats.texts_written += _write_text(target, doc_id, build.texts[entry.url], stats)
    stats.keys = len(postings)
    stats.postings = sum(len(p) for p in postings.values())
    stats.shards = shards = _shard_count(stats.postings)
    # Write: shards, then the document table.
    grouped: list[list[str]] = [[] for _ in range(shards)]
    for key in postings:
        grouped[shard_of(key, shards)].append(key)
    for number, keys in enumerate(grouped):
        body = {k: encode_postings(postings[k]) for k in sorted(keys)}
        stats.shards_written += _write_shard(target, number, shards, body, stats)
    _write_if_changed(target / "docs.js", _docs_script(build, shards), stats)
    _remove_stale(target, stats.files)
    return stats


def _patch_index(build: _Build, state: dict, target: Path, cache_dir: Path | None) -> SearchIndexStats | None:
    """Update only what the changed documents touch; None when a full build is needed instead."""
    old_ids: dict[str, int] = state.get("ids", {})
    old_digests: dict[str, str] = state.get("digests", {})
    changed = [u for u in build.ids if old_digests.get(u) != build.digests[u]]
    removed = [u for u in old_digests if u not in build.ids]
    if not (target / "docs.js").is_file() or len(changed) + len(removed) > max(20, len(build.ids) // 20):
        return None
    cached = {old_ids[u]: _cached_keys_only(old_digests[u], cache_dir) for u in removed + changed if u in old_digests}
    old_keys = {number: keys for number, keys in cached.items() if keys is not None}
    if len(old_keys) < len(cached):  # a cache entry is gone: write the index anew
        return None
    new_keys = {build.ids[u]: _keys_cached(build.texts[u], build.digests[u], cache_dir) for u in changed}
    total = state["postings"] - sum(len(k) for k in old_keys.values()) + sum(len(k) for k in new_keys.values())
    shards = state["shards"]
    if _shard_count(total) != shards:
        return None
    stats = SearchIndexStats(documents=len(build.docs), postings=total, shards=shards)
    # Gather the touched keys per shard, then rewrite each of those shards once. A key whose count in
    # every changed document is what it was keeps its postings as they are (a document keeps its id).
    touched: dict[int, set[str]] = {}
    for number in set(old_keys) | set(new_keys):
        before, after = old_keys.get(number, Counter()), new_keys.get(number, Counter())
        for key in before.keys() | after.keys():
            if min(before.get(key, 0), 0xFFFF) != min(after.get(key, 0), 0xFFFF):
                touched.setdefault(shard_of(key, shards), set()).add(key)
    drop = set(old_keys) | set(new_keys)
    for number, keys in sorted(touched.items()):
        body = _read_shard(target, number, shards)
        for key in keys:
            kept = [(d << 16) | tf for d, tf in decode_postings(body.get(key, "")) if d not in drop]
            kept += [(d << 16) | min(c[key], 0xFFFF) for d, c in new_keys.items() if key in c]
            if kept:
                body[key] = encode_postings(sorted(kept))
            else:
                body.pop(key, None)
        stats.shards_written += _write_shard(target, number, shards, dict(sorted(body.items())), stats)
    for url in changed:
        stats.texts_written += _write_text(target, build.ids[url], build.texts[url], stats)
    for url in removed:
        _text_path(target, old_ids[url]).unlink(missing_ok=True)
    _write_if_changed(target / "docs.js", _docs_script(build, shards), stats)
    return stats


def _text_path(target: Path, doc_id: int) -> Path:
    return target / "text" / str(doc_id // TEXT_GROUP) / f"{doc_id}.js"


def _write_text(target: Path, doc_id: int, display: str, stats: SearchIndexStats) -> int:
    """One document's readable searchable text, for snippets and phrase checks."""
    return _write_if_changed(_text_path(target, doc_id), f"__abSearch.text({doc_id},{_js(display)});\n", stats)


def _shard_path(target: Path, number: int, shards: int) -> Path:
    width = len(f"{shards - 1:x}")
    return target / "s" / f"{number:0{width}x}.js"


def _write_shard(target: Path, number: int, shards: int, body: dict[str, str], stats: SearchIndexStats) -> int:
    return _write_if_changed(_shard_path(target, number, shards), f"__abSearch.shard({number},{_js(body)});\n", stats)


def _read_shard(target: Path, number: int, shards: int) -> dict[str, str]:
    path = _shard_path(target, number, shards)
    return _payload(path)[1] if path.is_file() else {}


def _load_state(cache_dir: Path | None) -> dict:
    """The last build's ids, text digests, posting count and shard count (empty without a cache)."""
    if cache_dir is None:
        return {}
    state = cache.read_entry(cache_dir / "sitesearch" / "state.json", FORMAT_VERSION, valid=_is_state)
    return state or {}


def _is_state(state: dict) -> bool:
    return all(isinstance(state[name], dict) for name in ("ids", "digests")) and all(
        isinstance(state[name], int) for name in ("postings", "shards"))


def _save_state(cache_dir: Path, build: _Build, stats: SearchIndexStats) -> None:
    """Keep the state of this build, and the keys of its texts only."""
    state = {"ids": build.ids, "digests": build.digests, "postings": stats.postings, "shards": stats.shards}
    cache.write_entry(cache_dir / "sitesearch" / "state.json", FORMAT_VERSION, state)
    _key_store(cache_dir).prune(set(build.digests.values()))


def _assign_ids(urls: list[str], state: dict) -> dict[str, int]:
    """Document ids: kept from the last build, new documents numbered after the highest id so far."""
    previous: dict[str, int] = state.get("ids", {})
    ids = {u: previous[u] for u in urls if u in previous}
    next_id = max(previous.values(), default=-1) + 1
    for url in urls:
        if url not in ids:
            ids[url], next_id = next_id, next_id + 1
    return ids


def _key_store(cache_dir: Path) -> Store:
    """Each text's keys by the hash of the text, under the index format."""
    return Store(cache_dir / "sitesearch" / "keys", FORMAT_VERSION,
                 valid=lambda entry: all(isinstance(tf, int) for tf in entry["keys"].values()))


def _key_cache_path(cache_dir: Path, digest: str) -> Path:
    return _key_store(cache_dir).path(digest)


def _cached_keys_only(digest: str, cache_dir: Path | None) -> Counter[str] | None:
    if cache_dir is None:
        return None
    entry = _key_store(cache_dir).get(digest)
    return Counter(entry["keys"]) if entry is not None else None


def _warm_keys(job: tuple[str, str, Path]) -> None:
    """Worker task: compute and cache one document's keys."""
    _keys_cached(*job)


def _keys_cached(display: str, digest: str, cache_dir: Path | None) -> Counter[str]:
    """document_keys with jieba words, cached by the text's digest when a cache folder is given."""
    cached = _cached_keys_only(digest, cache_dir)
    if cached is not None:
        return cached
    matched = normalise(display)
    counts = document_keys(matched, jieba_words(matched))
    if cache_dir is not None:
        _key_store(cache_dir).put(digest, {"keys": counts})  # workers may race on equal texts: one wins whole
    return counts


def _shard_count(postings: int) -> int:
    """A power of two giving shards of roughly _TARGET_SHARD_BYTES (about two bytes a posting)."""
    wanted = max(1, postings * 2 // _TARGET_SHARD_BYTES)
    count = _MIN_SHARDS
    while count < wanted and count < _MAX_SHARDS:
        count *= 2
    return count


def _docs_script(build: _Build, shards: int) -> str:
    """The document table and filter facets, as one registration call."""
    docs = build.docs
    departments, categories = build.departments, build.categories
    years = sorted({y for d in docs for y in d.years})
    rows: list[list | None] = [None] * (max(build.ids.values(), default=-1) + 1)
    for entry in docs:
        rows[build.ids[entry.url]] = [
            entry.url, entry.title, departments.index(entry.department),
            categories.index(entry.category), sorted(entry.years), entry.school or "", entry.type,
        ]
    data = {
        "fold": fold_pairs(),
        "v": FORMAT_VERSION, "shards": shards, "width": len(f"{shards - 1:x}"), "group": TEXT_GROUP,
        "departments": departments, "categories": categories, "years": years, "docs": rows,
        "aliases": [build.aliases.get(name, []) for name in departments],
    }
    return f"__abSearch.docs({_js(data)});\n"


def _js(value: object) -> str:
    """JSON as a JS literal: UTF-8 kept as is, '</' and line separators escaped for <script>."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _write_if_changed(path: Path, content: str, stats: SearchIndexStats) -> int:
    """Write ``content`` unless the file already holds exactly it; 1 when written."""
    data = content.encode("utf-8")
    stats.bytes += len(data)
    stats.files.append(path.as_posix())
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return 0
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    cache.write_atomic(path, data)  # the site may hold this file hard-linked from the previous one
    return 1


def _remove_stale(target: Path, keep: list[str]) -> None:
    """Delete index files a previous build wrote that this build did not."""
    wanted = set(keep)
    for path in sorted(target.rglob("*.js")):
        if path.as_posix() not in wanted:
            path.unlink()



_PAYLOAD_RE = re.compile(r"^__abSearch\.\w+\((?:(\d+),)?(.*)\);\s*$", re.DOTALL)


def _payload(path: Path) -> tuple:
    """(data,) for docs.js; (number, data) for shard and text files."""
    match = _PAYLOAD_RE.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"not an index file: {path}")
    data = json.loads(match.group(2))
    return (data,) if match.group(1) is None else (int(match.group(1)), data)
