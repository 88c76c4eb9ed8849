"""The site's offline full-text search: published documents -> a sharded index the browser loads through
<script> tags, the browser's script and the box a page embeds.

Takes the ``SearchEntry`` of each published document (text already masked) and gives ``site/search/``:

- ``docs.js``: one row per document (url, title, department, category, years, school, type) and the
  facet lists for the filter dropdowns, plus the shard count;
- ``s/<hex>.js``: postings of the keys whose hash falls in that shard;
- ``text/<id // 1000>/<id>.js``: one document's readable (masked) searchable text, loaded for
  snippets (shown as written) and phrase checks (on its normalised form, computed in the browser).

Pages are opened from ``file://`` with no network, where ``fetch`` and workers do not work, so every
data file is a small script that hands its data to ``window.__abSearch``.

Keys are CJK unigrams and bigrams (so any Chinese substring of two or more characters is found),
jieba words of three or more characters (a ranking boost and a proof of adjacency), and lower-cased
words of letters and digits. Postings are written in document-id order with a deterministic encoding,
so an unchanged shard is byte-identical between builds and is not rewritten.

Modules: ``keys`` (text, keys and the postings encoding, mirrored in ``assets/search/search.js``),
``writer`` (the index files, written or patched), ``assets`` (search.js and search.css in the site, the
search box), ``reference`` (``query_index``: the lookup the browser performs, for tests, benchmarks and
the command line).

How the site build uses it::

    stats = write_search_index(entries, build_dir, cache_dir=config.cache_dir, previous=old_site_dir)
    install_assets(build_dir)
    (overrides / "main.html").write_text(search_main_override(), encoding="utf-8")

Keep Material's ``search`` plugin and ``navigation.instant`` off: the box is mounted once per page load.
"""

from __future__ import annotations

from archive_builder.search.text import parse_query
from archive_builder.site.search.assets import (
    ASSET_DIR,
    ASSET_TARGET,
    SEARCH_HTML,
    install_assets,
    search_html,
    search_main_override,
    search_partial,
    ui_labels,
)
from archive_builder.site.search.keys import (
    SearchEntry,
    clean_text,
    decode_postings,
    document_keys,
    encode_postings,
    entry_display,
    entry_text,
    jieba_words,
    match_text,
    query_keys,
    runs,
    shard_of,
)
from archive_builder.site.search.reference import query_index, scan_text
from archive_builder.site.search.writer import (
    FORMAT_VERSION,
    INDEX_DIR,
    TEXT_GROUP,
    SearchIndexStats,
    write_search_index,
)

__all__ = [
    "ASSET_DIR",
    "ASSET_TARGET",
    "FORMAT_VERSION",
    "INDEX_DIR",
    "SEARCH_HTML",
    "TEXT_GROUP",
    "SearchEntry",
    "SearchIndexStats",
    "clean_text",
    "decode_postings",
    "document_keys",
    "encode_postings",
    "entry_display",
    "entry_text",
    "install_assets",
    "jieba_words",
    "match_text",
    "parse_query",
    "query_index",
    "query_keys",
    "runs",
    "scan_text",
    "search_html",
    "search_main_override",
    "search_partial",
    "shard_of",
    "ui_labels",
    "write_search_index",
]
