"""Whether two built sites are the same site: a warm rebuild's and a clean build's of the same archive.

    python benchmarks/compare_sites.py WARM_SITE CLEAN_SITE

Compares the manifests (every file outside ``search/`` by SHA-256 and size, the originals, all but
``built_at``), the search index by document URL (a rebuild keeps the document numbers it patches), and
checks each site against its own manifest with ``verify``. Reads each file once; holds no site in memory.
Exit status 0 when they are the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from archive_builder.site.manifest import verify_site  # noqa: E402

from site_helpers import search_by_url  # noqa: E402  (the tests' own comparison)


def _manifest(site: Path) -> dict[str, Any]:
    data = json.loads((site / "manifest.json").read_text("utf-8"))
    data.pop("built_at")
    data["files"] = {rel: entry for rel, entry in data["files"].items() if not rel.startswith("search/")}
    return data


def main(warm: Path, clean: Path) -> int:
    """Print what differs; 0 when nothing does."""
    a, b = _manifest(warm), _manifest(clean)
    differences = {
        "only in the warm site": sorted(set(a["files"]) - set(b["files"])),
        "only in the clean site": sorted(set(b["files"]) - set(a["files"])),
        "different bytes": sorted(rel for rel in a["files"] if rel in b["files"] and a["files"][rel] != b["files"][rel]),
        "manifest fields": sorted(key for key in set(a) | set(b) if key != "files" and a.get(key) != b.get(key)),
        "search index": [] if search_by_url(warm) == search_by_url(clean) else ["differs"],
        "not intact": [str(site) for site in (warm, clean) if not verify_site(site).intact],
    }
    print(f"{len(a['files'])} files outside search/ in the warm site, {len(b['files'])} in the clean one")
    for what, items in differences.items():
        print(f"{what}: {len(items)}" + (f" (first: {items[:5]})" if items else ""))
    return 1 if any(differences.values()) else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
