"""Search benchmark: the command-line index at N documents, on the shared tokenizer.

    python benchmarks/search.py --n 10000 [--out benchmarks/out/search]

Generates the benchmark archive (benchmarks/generate.py), builds the whoosh index cold, then times
``searchindex.search`` in one child process for the planted rare words and for common words and
phrases (reported apart), checks every rare word finds exactly the documents holding it, and times
``archive-builder search`` as a whole process (the wall time a clerk waits) over several calls of a
rare word, a common pair of words and a common quoted phrase: wall time and the child's CPU time
(on a machine shared with other work the CPU time is what one call costs; wall time adds the wait
for a core). The console script is run directly, not through a version manager's shim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import _QUERIES, COMMON_QUERIES, ENV, TOOL, percentile, python_child, run_child  # noqa: E402


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
    load_before = os.getloadavg()[0]
    calls = {query: timed_calls(root, query, args.calls) for query in (words[0], "教师 轮岗", '"教师交流轮岗"')}
    walls = sorted(w for wall, _ in calls.values() for w in wall)
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
        "search_calls": {q: {"wall_p50_ms": round(percentile(sorted(w), 50)), "wall_min_ms": round(min(w)),
                             "cpu_p50_ms": round(percentile(sorted(c), 50)), "cpu_min_ms": round(min(c))}
                         for q, (w, c) in calls.items()},
        "load_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    (args.out / f"search-n{args.n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


def console_script() -> list[str]:
    """The archive-builder script beside this interpreter (a pyenv shim on PATH costs a shell start)."""
    script = Path(sys.executable).with_name("archive-builder")
    return [str(script)] if script.is_file() else TOOL


def timed_calls(root: Path, query: str, calls: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``calls`` runs of ``archive-builder search QUERY``."""
    walls, cpus = [], []
    for _ in range(calls):
        started = time.perf_counter()
        child = subprocess.Popen([*console_script(), "--root", str(root), "search", query], env=ENV,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    return walls, cpus


if __name__ == "__main__":
    raise SystemExit(main())
