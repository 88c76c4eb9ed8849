"""The scale benchmark: generate an archive of N documents, run every command on it, measure.

    python benchmarks/run.py --n 1000 [--n 10000] [--out benchmarks/out] [--skip-stock] [--skip-browser]
                             [--json FILE] [--rare 200]

Each tool command runs as a fresh child process (``archive-builder`` through this interpreter) under GNU
``/usr/bin/time -f %M``: its wall time is measured around it, its peak memory is the peak resident set
size GNU time reads from that child's own rusage (not this process's, which a fork would copy). The whoosh query times come from a
child that calls ``archive_builder.search.query.search`` directly, many times. Browser figures come from
``browser.py`` (headless Debian chromium over ``file://``). The same pages are also built with stock
mkdocs-material (search with jieba, offline plugin) for the ratios. Prints a table; writes JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)

TOOL = [sys.executable, "-c", "from archive_builder.commands.cli import main; main()"]
STOCK_CAP = 15 * 60  # seconds
GNU_TIME = "/usr/bin/time"  # Debian package "time": -f %M is the peak RSS of the command it runs
ENV = {**os.environ, "CI": "1", "ARCHIVE_BUILDER_LANG": "en", "PYTHONHASHSEED": "0"}
CHANGED_LINE = "\n\n补充说明：本文件已按督导组意见修订。\n"


@dataclass
class Timed:
    """One child process: wall time, peak resident memory, exit code."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool = False
    error: str = ""


def run_child(cmd: list[str], cwd: Path | None = None, timeout: float | None = None) -> Timed:
    """Run ``cmd`` as a fresh child under GNU time, which reports that child's own peak RSS."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, open(os.devnull, "wb") as null:
        started = time.perf_counter()
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", rss.name, *cmd], cwd=cwd, env=ENV, stdout=null,
                                stderr=subprocess.PIPE, start_new_session=True)
        timed_out = False
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and everything it started
            _out, err = proc.communicate()
            timed_out = True
        seconds = time.perf_counter() - started
        peak_kb = _last_int(Path(rss.name).read_text())
    text = err.decode("utf-8", "replace")
    traceback = text[text.rfind("Traceback"):][-2000:] if "Traceback" in text else ""
    return Timed(round(seconds, 2), round(peak_kb / 1024, 1), proc.returncode, timed_out, traceback)


def _last_int(text: str) -> int:
    """The last integer line GNU time wrote (0 when it wrote none, e.g. after a kill)."""
    numbers = [line for line in text.split() if line.isdigit()]
    return int(numbers[-1]) if numbers else 0


def tool(root: Path, *args: str) -> Timed:
    """One archive-builder command on ``root``."""
    return run_child([*TOOL, "--root", str(root), *args])


# --- the tool's own figures ----------------------------------------------------------------------

_EXTRACT = """
import sys, time
from pathlib import Path
from archive_builder.core.config import load_config
from archive_builder.review.extract import extract_all
from archive_builder.inventory.scan import scan_archive
config = load_config(Path(sys.argv[1]))
docs = scan_archive(config).documents
extract_all(docs, config.cache_dir)
"""

_QUERIES = """
import json, sys, time
from pathlib import Path
from archive_builder.core.config import load_config
from archive_builder.pipeline import search
config = load_config(Path(sys.argv[1]))
queries = json.loads(Path(sys.argv[2]).read_text("utf-8"))
search(config, queries[0])  # open once: the first query may refresh the index
times, found = [], []
for q in queries:
    t = time.perf_counter()
    result = search(config, q, limit=20)
    times.append((time.perf_counter() - t) * 1000)
    found.append(sorted(h.path for h in result.hits))
print(json.dumps({"ms": times, "found": found}, ensure_ascii=False))
"""


def python_child(code: str, *args: str) -> tuple[Timed, str]:
    """Run a snippet in a fresh interpreter; its timing and stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    error = err.decode("utf-8", "replace")[-2000:] if proc.returncode else ""
    return Timed(round(seconds, 2), -1.0, proc.returncode, False, error), out.decode("utf-8")


def extract_child(root: Path) -> Timed:
    """Scan, then extract every document's text, in a fresh child."""
    return run_child([sys.executable, "-c", _EXTRACT, str(root)])


def change_one_file(root: Path, truth: dict[str, Any]) -> str:
    """Append a sentence to the first Markdown document; its content path."""
    path = next(d["path"] for d in truth["documents"] if d["type"] == "md")
    with open(root / "content" / path, "a", encoding="utf-8") as handle:
        handle.write(CHANGED_LINE)
    return path


def drop(root: Path, *parts: str) -> None:
    """Remove folders of the archive (caches, the site)."""
    for part in parts:
        path = root / part
        if path.is_file():
            path.unlink()
        shutil.rmtree(path, ignore_errors=True)


def caches_but_index(root: Path) -> list[str]:
    """Everything in .archive-cache/ but the whoosh index (kept so "index, 1 file changed" follows "index warm")."""
    cache = root / ".archive-cache"
    return [f".archive-cache/{p.name}" for p in cache.iterdir() if p.name != "index"] if cache.is_dir() else []


def tool_figures(root: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Every command timed, in an order where cold means nothing cached and warm means nothing changed."""
    figures: dict[str, Any] = {}
    drop(root, ".archive-cache", "site")
    figures["scan_cold"] = tool(root, "scan")  # the scan's review stage reads every document's text
    figures["scan_warm"] = tool(root, "scan")
    figures["check"] = tool(root, "check", "--format", "json")
    drop(root, ".archive-cache/text")
    figures["extract_cold"] = extract_child(root)
    figures["extract_warm"] = extract_child(root)
    drop(root, ".archive-cache/index")
    figures["index_cold"] = tool(root, "index")  # text extracted, index empty
    figures["index_warm"] = tool(root, "index")
    drop(root, *caches_but_index(root), "site")
    figures["build_cold"] = tool(root, "build")  # nothing the build uses is cached
    figures["build_warm"] = tool(root, "build")
    figures["changed_file"] = change_one_file(root, truth)
    figures["index_one_change"] = tool(root, "index")
    figures["build_one_change"] = tool(root, "build")
    return figures


def whoosh_queries(root: Path, truth: dict[str, Any], out: Path) -> dict[str, Any]:
    """p50/p95 of index.search over rare words and common, multi-word and phrase queries."""
    words = list(truth["rare_words"])
    queries = [*words, *COMMON_QUERIES]
    qfile = out / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    timed, stdout = python_child(_QUERIES, str(root), str(qfile))
    if timed.returncode:
        return {"error": timed.error}
    data = json.loads(stdout)
    ms = sorted(data["ms"])
    common = sorted(data["ms"][len(words):])  # words most documents hold: the slow end of real use
    found = data["found"][: len(words)]
    hits = sum(len(set(f) & set(truth["rare_words"][w])) for w, f in zip(words, found))
    expected = sum(len(v) for v in truth["rare_words"].values())
    return {"queries": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "max_ms": round(ms[-1], 1), "common_queries": len(common),
            "common_p50_ms": round(percentile(common, 50), 1), "common_max_ms": round(common[-1], 1),
            "common_ms": dict(zip(COMMON_QUERIES, (round(v, 1) for v in data["ms"][len(words):]))),
            "rare_recall": round(hits / expected, 4) if expected else None}


COMMON_QUERIES = ["教师", "轮岗", "教师 轮岗", "学校标准化建设", '"教师交流轮岗"', "营养改善计划 食堂管理",
                  "生均图书册数", "县政办发〔2016〕12号", "督导评估", "寄宿制学校建设 留守儿童关爱"]


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not values:
        return float("nan")
    rank = max(1, round(pct / 100 * len(values)))
    return values[min(rank, len(values)) - 1]


def site_figures(site: Path) -> dict[str, Any]:
    """Total size, file count, number of pages and the largest page's HTML."""
    total = files = pages = 0
    largest, largest_name = 0, ""
    for folder, _dirs, names in os.walk(site):
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            files += 1
            if name.endswith(".html"):
                pages += 1
                if size > largest:
                    largest, largest_name = size, os.path.relpath(os.path.join(folder, name), site)
    return {"size_mb": round(total / 2**20, 1), "files": files, "pages": pages,
            "largest_page_kb": round(largest / 1024, 1), "largest_page": largest_name}


# --- stock mkdocs-material ---------------------------------------------------------------------------


def stock_config(docs_dir: Path, site_dir: Path, prune: bool) -> dict[str, Any]:
    """A plain mkdocs.yml: theme material, search with jieba, the offline plugin."""
    theme: dict[str, Any] = {"name": "material", "language": "zh"}
    if prune:
        theme["features"] = ["navigation.prune"]
    return {
        "site_name": "stock", "docs_dir": str(docs_dir), "site_dir": str(site_dir), "use_directory_urls": False,
        "theme": theme, "plugins": [{"search": {"lang": "zh", "separator": r"[\s\u200b\-]"}}, "offline"],
        "markdown_extensions": ["tables", "attr_list", "md_in_html", "admonition"],
    }


def build_stock(root: Path, out: Path, prune: bool) -> dict[str, Any]:
    """The tool's own Markdown tree built with stock mkdocs-material, capped at STOCK_CAP seconds."""
    import yaml

    tree = root / ".archive-cache" / "build" / "docs"
    work = out / "stock"
    drop(work, "docs", "site")
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(tree, work / "docs")
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(stock_config(work / "docs", work / "site", prune), allow_unicode=True), "utf-8")
    timed = run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=work,
                      timeout=STOCK_CAP)
    result: dict[str, Any] = {"config": "navigation.prune" if prune else "default", "build": asdict(timed),
                              "site": None, "site_dir": str(work / "site")}
    if not timed.timed_out and timed.returncode == 0:
        result["site"] = site_figures(work / "site")
    return result


# --- one N -----------------------------------------------------------------------------------------------


def bench_one(n: int, out: Path, rare: int, stock: bool, browser: bool) -> dict[str, Any]:
    """Generate, run the tool, query whoosh, drive the browser, build stock: every figure for one N."""
    root = out / f"n{n}"
    generated = generate.generate_archive(root, n, rare=rare)
    truth = generate.load_truth(root)
    result: dict[str, Any] = {"n": n, "generate_seconds": round(generated.seconds, 1)}
    commands = tool_figures(root, truth)
    result["changed_file"] = commands.pop("changed_file")
    result["commands"] = {name: asdict(timed) for name, timed in commands.items()}
    result["site"] = site_figures(root / "site")
    result["whoosh"] = whoosh_queries(root, truth, out)
    if browser:
        import browser as chrome

        result["browser"] = chrome.measure(root / "site", expected_urls(root, truth))
    if stock:
        result["stock"] = build_stock(root, out, prune=n > 1000)
        if browser and result["stock"]["site"]:
            import browser as chrome

            result["stock"]["browser"] = chrome.measure_stock(Path(result["stock"]["site_dir"]))
    return result


def expected_urls(root: Path, truth: dict[str, Any]) -> dict[str, list[str]]:
    """Rare word -> site URLs (relative to the site root) of the documents that contain it."""
    from archive_builder.core.config import load_config
    from archive_builder.core.sitepaths import doc_page, url_of
    from archive_builder.inventory.scan import scan_archive

    pages = {d.path: url_of(doc_page(d)) for d in scan_archive(load_config(root)).documents}
    return {word: sorted(pages[p] for p in paths) for word, paths in truth["rare_words"].items()}


# --- report --------------------------------------------------------------------------------------------

ROWS = [
    ("generate (s)", lambda r: r["generate_seconds"]),
    ("scan cold (s)", lambda r: r["commands"]["scan_cold"]["seconds"]),
    ("scan warm (s)", lambda r: r["commands"]["scan_warm"]["seconds"]),
    ("check (s)", lambda r: r["commands"]["check"]["seconds"]),
    ("extract cold (s)", lambda r: r["commands"]["extract_cold"]["seconds"]),
    ("extract warm (s)", lambda r: r["commands"]["extract_warm"]["seconds"]),
    ("index cold (s)", lambda r: r["commands"]["index_cold"]["seconds"]),
    ("index warm (s)", lambda r: r["commands"]["index_warm"]["seconds"]),
    ("index, 1 file changed (s)", lambda r: r["commands"]["index_one_change"]["seconds"]),
    ("build cold (s)", lambda r: r["commands"]["build_cold"]["seconds"]),
    ("build warm, no change (s)", lambda r: r["commands"]["build_warm"]["seconds"]),
    ("build, 1 file changed (s)", lambda r: r["commands"]["build_one_change"]["seconds"]),
    ("peak RSS, any command (MB)", lambda r: max(c["peak_rss_mb"] for c in r["commands"].values())),
    ("site size (MB)", lambda r: r["site"]["size_mb"]),
    ("largest page HTML (KB)", lambda r: r["site"]["largest_page_kb"]),
    ("whoosh query p50 (ms)", lambda r: r["whoosh"].get("p50_ms")),
    ("whoosh query p95 (ms)", lambda r: r["whoosh"].get("p95_ms")),
    ("whoosh common queries p50 / max (ms)", lambda r: f"{r['whoosh']['common_p50_ms']} / {r['whoosh']['common_max_ms']}"),
    ("search ready after load (ms)", lambda r: r.get("browser", {}).get("ready_after_load_ms")),
    ("keystroke to results p50 (ms)", lambda r: r.get("browser", {}).get("keystroke_p50_ms")),
    ("keystroke to results p95 (ms)", lambda r: r.get("browser", {}).get("keystroke_p95_ms")),
    ("JS heap (MB)", lambda r: r.get("browser", {}).get("heap_mb")),
    ("rare-word recall (browser)", lambda r: r.get("browser", {}).get("recall")),
    ("rare words listed exactly (browser)", lambda r: _exact(r.get("browser"))),
    ("http(s) requests", lambda r: r.get("browser", {}).get("http_requests")),
]
STOCK_ROWS = {
    "build cold (s)": lambda s: s["build"]["seconds"],
    "peak RSS, any command (MB)": lambda s: s["build"]["peak_rss_mb"],
    "site size (MB)": lambda s: (s.get("site") or {}).get("size_mb"),
    "largest page HTML (KB)": lambda s: (s.get("site") or {}).get("largest_page_kb"),
    "search ready after load (ms)": lambda s: _stock_ready(s.get("browser")),
    "JS heap (MB)": lambda s: s.get("browser", {}).get("heap_mb"),
    "http(s) requests": lambda s: s.get("browser", {}).get("http_requests"),
}


def _stock_ready(figures: dict[str, Any] | None) -> Any:
    """Stock search readiness, or 'never' when its search box never answered (worker shim from a CDN)."""
    if not figures:
        return None
    return figures["ready_after_load_ms"] if figures["search_works"] else "never"


def _exact(figures: dict[str, Any] | None) -> str | None:
    """Rare words whose results were exactly the documents holding them, of all rare words searched."""
    return f"{figures['exact_words']} / {figures['rare_words']}" if figures else None


def _get(fn, data) -> Any:
    try:
        return fn(data)
    except (KeyError, TypeError, ValueError):
        return None


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: our figure per N, stock's beside it and the ratio ours / stock."""
    head = ["measure"]
    for r in results:
        head += [f"N={r['n']}"] + ([f"stock N={r['n']}", "ours/stock"] if "stock" in r else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, fn in ROWS:
        cells = [label]
        for r in results:
            ours = _get(fn, r)
            cells.append(_fmt(ours))
            if "stock" in r:
                stock = _get(STOCK_ROWS[label], r["stock"]) if label in STOCK_ROWS else None
                if stock is None and label == "build cold (s)" and r["stock"]["build"]["timed_out"]:
                    stock = f"> {STOCK_CAP} (cap)"
                cells += [_fmt(stock), _ratio(ours, stock)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "—" if value is None else str(value)


def _ratio(ours: Any, stock: Any) -> str:
    if not isinstance(ours, (int, float)) or not isinstance(stock, (int, float)) or not stock:
        return ""
    return f"{ours / stock:.2f}×"


def commit() -> str:
    """The repository's current commit (short), or '' outside git."""
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return proc.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """Command line: every N in turn; the table on stdout, the JSON to --json (or OUT/results.json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="documents (repeat for several)")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--rare", type=int, default=200, help="planted rare words")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = {"date": dt.date.today().isoformat(), "commit": commit(), "cores": os.cpu_count(),
              "peak_rss_method": "GNU /usr/bin/time -f %M around each command (its child's ru_maxrss)", "results": []}
    for n in args.n or [1000]:
        report["results"].append(bench_one(n, out, args.rare, not args.skip_stock, not args.skip_browser))
        (args.json or out / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    print(f"archive-builder scale benchmark, {report['date']}, commit {report['commit']}, {report['cores']} cores")
    print(table(report["results"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
