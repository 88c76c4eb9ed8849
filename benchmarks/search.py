"""Search benchmark: the command-line index at N documents, on the shared tokenizer.

    python benchmarks/search.py --n 10000 [--out benchmarks/out/search]

Generates the benchmark archive (benchmarks/generate.py), builds the whoosh index cold, then times
``searchindex.search`` in one child process for the planted rare words and for common words and
phrases (reported apart), checks every rare word finds exactly the documents holding it, and times
``archive-builder search`` as a whole process (the wall time a clerk waits) over several calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import COMMON_QUERIES, ENV, TOOL, _QUERIES, percentile, python_child, run_child  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "search")
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep an archive and index generated before")
    args = parser.parse_args()
    root = args.out / f"n{args.n}"
    root.mkdir(parents=True, exist_ok=True)
    if args.reuse and (root / generate.TRUTH_FILE).is_file():
        truth, index = generate.load_truth(root), None
    else:
        truth = generate.generate_archive(root, args.n).to_dict()
        index = run_child([*TOOL, "--root", str(root), "index"])
    words = list(truth["rare_words"])
    qfile = root / "queries.json"
    qfile.write_text(json.dumps([*words, *COMMON_QUERIES], ensure_ascii=False), "utf-8")
    timed, stdout = python_child(_QUERIES, str(root), str(qfile))
    data = json.loads(stdout)
    ms, common = sorted(data["ms"]), sorted(data["ms"][len(words):])
    exact = sum(1 for w, f in zip(words, data["found"]) if set(f) == set(truth["rare_words"][w]))
    walls = []
    for _ in range(args.calls):
        started = time.perf_counter()
        subprocess.run(["archive-builder", "--root", str(root), "search", "教师 轮岗"], env=ENV,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append((time.perf_counter() - started) * 1000)
    walls.sort()
    result = {
        "date": dt.date.today().isoformat(),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                 cwd=HERE.parent).stdout.strip(),
        "n": args.n, "index_cold_s": index.seconds if index else None,
        "index_peak_rss_mb": index.peak_rss_mb if index else None,
        "queries": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
        "max_ms": round(ms[-1], 1), "common_p50_ms": round(percentile(common, 50), 1),
        "common_p95_ms": round(percentile(common, 95), 1), "common_max_ms": round(common[-1], 1),
        "common_ms": dict(zip(COMMON_QUERIES, (round(v, 1) for v in data["ms"][len(words):]))),
        "rare_exact": f"{exact}/{len(words)}",
        "search_call_p50_ms": round(percentile(walls, 50)), "search_call_p95_ms": round(percentile(walls, 95)),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    (args.out / f"search-n{args.n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
