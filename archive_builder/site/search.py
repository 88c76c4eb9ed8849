"""The site's offline full-text search: a sharded index the browser loads through <script> tags.

Pages are opened from ``file://`` with no network, where ``fetch`` and workers do not work, so every
data file is a small script that hands its data to ``window.__abSearch``. Layout under ``site/search/``:

- ``docs.js``: one row per document (url, title, department, category, years, school, type) and the
  facet lists for the filter dropdowns, plus the shard count;
- ``s/<hex>.js``: postings of the keys whose hash falls in that shard;
- ``text/<id // 1000>/<id>.js``: one document's readable (masked) searchable text, loaded for
  snippets (shown as written) and phrase checks (on its normalised form, computed in the browser).

Keys are CJK unigrams and bigrams (so any Chinese substring of two or more characters is found),
jieba words of three or more characters (a ranking boost and a proof of adjacency), and lower-cased
words of letters and digits. Postings are written in document-id order with a deterministic encoding,
so an unchanged shard is byte-identical between builds and is not rewritten. ``query_index`` is the
reference implementation of the lookup the browser performs (``assets/search/search.js``).

How the site build uses it::

    stats = write_search_index(entries, build_dir, cache_dir=config.cache_dir, previous=old_site_dir)
    install_assets(build_dir)
    (overrides / "main.html").write_text(search_main_override(), encoding="utf-8")

Keep Material's ``search`` plugin and ``navigation.instant`` off: the box is mounted once per page load.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archive_builder.core import cache
from archive_builder.core.cache import Store
from archive_builder.core.i18n import language, t_in
from archive_builder.core.parallel import warm
from archive_builder.search import text as searchtext
from archive_builder.search.text import Clause, clause_keys, fold_pairs, normalise, parse_query, searchable_text

log = logging.getLogger(__name__)

#: Package folder of the browser side (search.js, search.css).
ASSET_DIR = Path(__file__).resolve().parents[1] / "assets" / "search"
#: Where install_assets puts them, relative to the site root.
ASSET_TARGET = Path("assets") / "ab-search"
INDEX_DIR = "search"
FORMAT_VERSION = 5
TEXT_GROUP = 1000  # documents per text/ sub-folder
_TARGET_SHARD_BYTES = 24_000
_MIN_SHARDS, _MAX_SHARDS = 16, 65_536
_WORD_MIN = 3  # jieba words shorter than this are already unigrams or bigrams

_CJK = (
    "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
    "\U00020000-\U0003134f"
)
_CJK_RE = re.compile(f"[{_CJK}]")
_TOKEN_RE = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\\W_])+)")
_SPACE_RE = re.compile(r"\s+")
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_DECODE = {c: i for i, c in enumerate(_ALPHABET)}
_FAST = [c for c in _ALPHABET[:32]]


@dataclass
class SearchEntry:
    """One published document as the search index sees it (text already masked)."""

    url: str  # relative to the site root, ASCII, e.g. "docs/caizheng/ab12cd34.html"
    title: str
    department: str  # Chinese name
    category: str  # Chinese name
    years: list[int]
    school: str | None
    type: str
    text: str
    doc_no: str = ""
    archive_no: str = ""  # 档号
    file_name: str = ""  # the original's name, masked
    aliases: tuple[str, ...] = ()  # the department's other names (教科局, 县教育局 …)


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


# --- text and keys: archive_builder/search/text.py (mirrored exactly in search.js) ---------------


def clean_text(text: str) -> str:
    """The normalised form of a document's text, as the index holds it (searchtext.normalise)."""
    return normalise(text)


def match_text(text: str) -> str:
    """The form phrases are matched against (the same normalised form)."""
    return normalise(text)


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Yield ("cjk", run) and ("word", run) pieces of normalised text (for jieba's proof words)."""
    for match in _TOKEN_RE.finditer(text):
        yield ("cjk", match.group()) if match.group("cjk") else ("word", match.group())


def document_keys(matched: str, words: Iterable[str] = ()) -> Counter[str]:
    """Key -> frequency: every character and pair (searchtext), plus jieba words that prove a phrase."""
    counts = searchtext.document_keys(matched)
    counts.update(w for w in words if len(w) >= _WORD_MIN and _is_cjk_run(w))
    return counts


def query_keys(clause: str) -> list[str]:
    """The keys a clause's documents must all contain (its pairs, or its one character)."""
    return clause_keys(clause)


def entry_display(entry: SearchEntry) -> str:
    """Everything the entry is found by (body, title, 文号, 档号, school, file name, department …) as written."""
    return searchable_text(
        title=entry.title, doc_no=entry.doc_no, archive_no=entry.archive_no, school=entry.school or "",
        file_name=entry.file_name, department=entry.department, aliases=tuple(entry.aliases),
        category=entry.category, body=entry.text,
    )


def entry_text(entry: SearchEntry) -> str:
    """The entry's searchable text in the normalised form both indexes match."""
    return normalise(entry_display(entry))


def _is_cjk_run(word: str) -> bool:
    return all(_CJK_RE.match(ch) for ch in word)


def jieba_words(matched: str) -> list[str]:
    """jieba words of three or more CJK characters (jieba imported here, lazily)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    out: list[str] = []
    for kind, run in runs(matched):
        if kind == "cjk" and len(run) >= _WORD_MIN:
            out.extend(w for w in jieba.cut(run, HMM=False) if len(w) >= _WORD_MIN)
    return out


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units, modulo the (power of two) shard count."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & (shards - 1)


# --- postings encoding ---------------------------------------------------------------------


def _varint(value: int, out: list[str]) -> None:
    """Append base-32 digits, most significant first; all but the last carry +32."""
    digits = [value & 31]
    value >>= 5
    while value:
        digits.append((value & 31) | 32)
        value >>= 5
    out.extend(_ALPHABET[d] for d in reversed(digits))


def encode_postings(packed: Iterable[int]) -> str:
    """Encode (doc_id << 16 | tf) values, ascending: gap*2+(tf>1) then tf-2 when tf>1."""
    out: list[str] = []
    last = -1
    for value in packed:
        doc, tf = value >> 16, value & 0xFFFF
        flag = 1 if tf > 1 else 0
        code = ((doc - last - 1) << 1) | flag
        if code < 32:
            out.append(_FAST[code])
        else:
            _varint(code, out)
        if flag:
            _varint(tf - 2, out)
        last = doc
    return "".join(out)


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    """The inverse of encode_postings: [(doc_id, tf), ...]."""
    values: list[int] = []
    n = 0
    for ch in encoded:
        d = _DECODE[ch]
        n = (n << 5) | (d & 31)
        if d < 32:
            values.append(n)
            n = 0
    out: list[tuple[int, int]] = []
    last, i = -1, 0
    while i < len(values):
        code = values[i]
        i += 1
        tf = 1
        if code & 1:
            tf = values[i] + 2
            i += 1
        last = last + (code >> 1) + 1
        out.append((last, tf))
    return out


# --- writing the index ---------------------------------------------------------------------


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


# --- browser assets and the search box -----------------------------------------------------


def install_assets(site_dir: Path) -> Path:
    """Copy search.js and search.css to ``site_dir/assets/ab-search``; returns that folder."""
    target = site_dir / ASSET_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(ASSET_DIR.iterdir()):
        if source.suffix in {".js", ".css"}:
            data, dest = source.read_bytes(), target / source.name
            if dest.is_file() and dest.read_bytes() == data:
                continue  # kept as it is (it may be hard-linked from the previous site: never written through)
            cache.write_atomic(dest, data)
            shutil.copystat(source, dest)
    return target


_UI_KEYS = (
    "placeholder", "label", "all_departments", "all_categories", "all_years", "loading",
    "no_results", "count", "count_upper", "more", "need_term", "load_failed", "close", "suggest",
)


def ui_labels(lang: str | None = None) -> dict[str, str]:
    """The search box's words in the chosen language, from the catalogue."""
    chosen = lang or language()
    return {key: t_in(chosen, f"sitesearch.ui.{key}") for key in _UI_KEYS}


def search_html(asset_prefix: str, lang: str | None = None) -> str:
    """The search box for a page whose site root is ``asset_prefix`` away ("", "../", "../../")."""
    labels = html.escape(json.dumps(ui_labels(lang), ensure_ascii=False), quote=True)
    base = f"{asset_prefix}{ASSET_TARGET.as_posix()}"
    return SEARCH_HTML.format(css=f"{base}/search.css", js=f"{base}/search.js", labels=labels)


def search_partial(lang: str | None = None) -> str:
    """A Material ``partials/search.html`` override: the same box, asset URLs via mkdocs' url filter."""
    labels = html.escape(json.dumps(ui_labels(lang), ensure_ascii=False), quote=True)
    base = ASSET_TARGET.as_posix()
    return SEARCH_HTML.format(
        css=f"{{{{ '{base}/search.css' | url }}}}",
        js=f"{{{{ '{base}/search.js' | url }}}}",
        labels=labels,
    )


def search_main_override(lang: str | None = None) -> str:
    """A Material ``main.html`` override putting the box in a bar under the header.

    Material includes ``partials/search.html`` only while its own search plugin is on; with that
    plugin off (as here) this block override is the place that always renders.
    """
    box = search_partial(lang)
    return (
        '{% extends "base.html" %}\n'
        "{% block header %}{{ super() }}"
        f'<div class="ab-search-bar md-grid">{box}</div>'
        "{% endblock %}\n"
    )


#: How a page embeds the search box: the stylesheet, an empty container the script fills (input,
#: filter dropdowns, results) and the script, which finds the site root from its own URL. Put it
#: anywhere in the page (Material: the ``partials/search.html`` override, see search_partial).
SEARCH_HTML = (
    '<link rel="stylesheet" href="{css}">'
    '<div class="ab-search" data-ab-search data-labels="{labels}"></div>'
    '<script src="{js}" defer></script>'
)


# --- reference lookup (what search.js does), for tests, benchmarks and the CLI ---------------


def query_index(
    site_dir: Path,
    query: str,
    department: str | None = None,
    category: str | None = None,
    year: int | None = None,
) -> list[str]:
    """URLs of the documents matching ``query`` (unranked, in id order), read from the written index."""
    reader = _Reader(site_dir / INDEX_DIR)
    clauses = parse_query(query)
    positive = [c for c in clauses if not c.negated]
    if not positive:
        return []
    found: set[int] | None = None
    for clause in positive:
        docs = reader.clause_docs(clause)
        found = docs if found is None else found & docs
    hits = []
    for doc_id in sorted(found or ()):
        row = reader.docs[doc_id]
        if not _passes_filters(row, reader.meta, department, category, year):
            continue
        if reader.verify(doc_id, clauses):
            hits.append(row[0])
    return hits


def _passes_filters(row: list, meta: dict, department: str | None, category: str | None,
                    year: int | None) -> bool:
    """Whether a document row passes the department, category and year filters."""
    if department is not None and meta["departments"][row[2]] != department:
        return False
    if category is not None and meta["categories"][row[3]] != category:
        return False
    return year is None or year in row[4]


class _Reader:
    """Reads the index files back (strips the registration call around each JSON payload)."""

    def __init__(self, index_dir: Path) -> None:
        self.dir = index_dir
        self.meta = _payload(index_dir / "docs.js")[0]
        self.docs = self.meta["docs"]
        self._shards: dict[int, dict[str, str]] = {}

    def postings(self, key: str) -> dict[int, int]:
        number = shard_of(key, self.meta["shards"])
        if number not in self._shards:
            name = f"{number:0{self.meta['width']}x}.js"
            self._shards[number] = _payload(self.dir / "s" / name)[1]
        return dict(decode_postings(self._shards[number].get(key, "")))

    def clause_docs(self, clause: Clause) -> set[int]:
        docs: set[int] | None = None
        for key in clause.keys:
            ids = set(self.postings(key))
            docs = ids if docs is None else docs & ids
        return docs or set()

    def text(self, doc_id: int) -> str:
        """A document's searchable text, normalised as the browser does before checking it."""
        return normalise(self.display(doc_id))

    def display(self, doc_id: int) -> str:
        """A document's searchable text as the site ships it (readable, masked)."""
        path = self.dir / "text" / str(doc_id // self.meta["group"]) / f"{doc_id}.js"
        return _payload(path)[1]

    def verify(self, doc_id: int, clauses: list[Clause]) -> bool:
        """Phrases adjacent in the text; excluded clauses absent."""
        text: str | None = None
        for clause in clauses:
            if clause.exact and not clause.negated:
                continue
            if clause.exact:
                if doc_id in self.postings(clause.keys[0]):
                    return False
                continue
            text = self.text(doc_id) if text is None else text
            if (clause.text in text) == clause.negated:
                return False
        return True


_PAYLOAD_RE = re.compile(r"^__abSearch\.\w+\((?:(\d+),)?(.*)\);\s*$", re.DOTALL)


def _payload(path: Path) -> tuple:
    """(data,) for docs.js; (number, data) for shard and text files."""
    match = _PAYLOAD_RE.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"not an index file: {path}")
    data = json.loads(match.group(2))
    return (data,) if match.group(1) is None else (int(match.group(1)), data)


def scan_text(entries: Iterable[SearchEntry], needle: str) -> list[str]:
    """URLs whose cleaned text contains ``needle`` (the plain scan recall is measured against)."""
    wanted = match_text(needle)
    return sorted(e.url for e in entries if wanted in entry_text(e))


__all__ = [
    "ASSET_DIR",
    "SEARCH_HTML",
    "SearchEntry",
    "SearchIndexStats",
    "clean_text",
    "install_assets",
    "parse_query",
    "query_index",
    "scan_text",
    "search_html",
    "search_main_override",
    "search_partial",
    "write_search_index",
]
