"""Browser figures for the scale benchmark: headless Debian chromium over file://, driven by playwright.

For the site's own search: time from the page's load event until the search box says it is ready, time
from the last keystroke (the last ``input`` event) to the results being shown, the JS heap (CDP
``Runtime.getHeapUsage`` and ``performance.memory``), recall of the planted rare words against the plain
text scan, and the number of http(s) requests (every such request is refused, so none leaves the machine).
For a stock mkdocs-material site: load, search readiness, heap and http(s) requests.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--enable-precise-memory-info",
]
READY = "[data-ab-search][data-state=ready]"
TIMEOUT_MS = 60_000
STOCK_TIMEOUT_MS = 60_000

#: Records, in page time, the load event, the search box's state changes and the last input event.
PROBE = """
(() => {
  const b = window.__bench = {load: null, ready: null, lastInput: null, done: null};
  addEventListener("load", () => { b.load = performance.now(); });
  addEventListener("input", () => { b.lastInput = performance.now(); b.done = null; }, true);
  new MutationObserver(() => {
    const box = document.querySelector("[data-ab-search]");
    if (!box) return;
    const state = box.getAttribute("data-state");
    if (state === "ready" && b.ready === null) b.ready = performance.now();
    if (state === "done" && b.lastInput !== null && b.done === null) b.done = performance.now();
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true});
})();
"""

COMMON_QUERIES = ["教师", "教师 轮岗", "学校标准化", '"教师交流轮岗"', "营养改善计划 食堂管理", "督导评估"]


def launch(pw):
    """Debian chromium with the project's flags (never a downloaded browser)."""
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("Debian chromium is required: apt-get install -y chromium")
    return pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def _watch_network(page) -> list[str]:
    """Record every request; refuse any that would leave the machine."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.route("http://**/*", lambda route: route.abort())
    page.route("https://**/*", lambda route: route.abort())
    return seen


def heap_mb(page) -> dict[str, float]:
    """Used JS heap by CDP and by performance.memory, in MB."""
    session = page.context.new_cdp_session(page)
    used = session.send("Runtime.getHeapUsage")["usedSize"]
    memory = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
    return {"cdp": round(used / 2**20, 1), "performance_memory": round(memory / 2**20, 1)}


def _search(page, query: str) -> tuple[float, list[str]]:
    """Type a query; ms from its last keystroke to results, and the result links (absolute URLs)."""
    page.fill(".ab-search__input", "")
    page.evaluate("window.__bench.lastInput = null; window.__bench.done = null")
    page.click(".ab-search__input")
    page.keyboard.type(query)
    page.wait_for_function("() => window.__bench.done !== null && window.__bench.done > window.__bench.lastInput",
                           timeout=TIMEOUT_MS)
    latency = page.evaluate("window.__bench.done - window.__bench.lastInput")
    links = page.locator(".ab-search__title").evaluate_all("els => els.map(e => e.href)")
    return latency, links


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, round(pct / 100 * len(ordered)))) - 1]


def measure(site: Path, expected: dict[str, list[str]]) -> dict[str, Any]:
    """Every browser figure for the tool's site; ``expected`` maps rare words to site-relative URLs."""
    from playwright.sync_api import sync_playwright

    site = Path(site).resolve()
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context().new_page()
        requests = _watch_network(page)
        page.add_init_script(PROBE)
        started = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        page.wait_for_selector(READY, state="attached", timeout=TIMEOUT_MS)
        open_ms = (time.perf_counter() - started) * 1000
        page.wait_for_function("() => window.__bench.load !== null && window.__bench.ready !== null")
        load, ready = page.evaluate("[window.__bench.load, window.__bench.ready]")
        heap_loaded = heap_mb(page)
        latencies, found, expected_total, exact = [], 0, 0, 0
        missing: dict[str, list[str]] = {}
        unexpected: dict[str, list[str]] = {}
        for word, urls in expected.items():
            ms, links = _search(page, word)
            latencies.append(ms)
            want = {(site / url).as_uri() for url in urls}
            got = {link.split("#", 1)[0] for link in links}
            found += len(want & got)
            expected_total += len(want)
            exact += got == want
            if want - got:
                missing[word] = sorted(want - got)
            if got - want:
                unexpected[word] = sorted(got - want)
        for query in COMMON_QUERIES:
            latencies.append(_search(page, query)[0])
        heap_after = heap_mb(page)
        browser.close()
    http = [url for url in requests if url.startswith(("http:", "https:"))]
    return {
        "load_ms": round(load, 1), "ready_ms": round(ready, 1),
        "ready_after_load_ms": round(max(0.0, ready - load), 1), "open_to_ready_wall_ms": round(open_ms, 1),
        "queries": len(latencies), "keystroke_p50_ms": _round(percentile(latencies, 50)),
        "keystroke_p95_ms": _round(percentile(latencies, 95)), "keystroke_max_ms": _round(max(latencies, default=None)),
        "heap_after_load": heap_loaded, "heap_after_queries": heap_after,
        "heap_mb": max(heap_loaded["cdp"], heap_after["cdp"]),
        "recall": round(found / expected_total, 4) if expected_total else None, "rare_words": len(expected),
        "missed": missing, "exact_words": exact, "unexpected": unexpected,
        "requests": len(requests), "http_requests": len(http), "http_urls": http[:10],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def measure_stock(site: Path, query: str = "教师") -> dict[str, Any]:
    """Load a stock mkdocs-material site: when its search answers, its heap, its http(s) requests."""
    from playwright.sync_api import sync_playwright

    site = Path(site).resolve()
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context().new_page()
        requests = _watch_network(page)
        page.goto((site / "index.html").as_uri(), wait_until="load")
        load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        ready = _stock_ready(page, query)
        heap = heap_mb(page)
        browser.close()
    http = [url for url in requests if url.startswith(("http:", "https:"))]
    return {"load_ms": round(load, 1), "ready_ms": _round(ready),
            "ready_after_load_ms": None if ready is None else round(max(0.0, ready - load), 1),
            "search_works": ready is not None, "heap_mb": heap["cdp"], "heap": heap,
            "requests": len(requests), "http_requests": len(http), "http_urls": http[:10]}


def _stock_ready(page, query: str) -> float | None:
    """Page time at which Material's search first lists a result for ``query`` (None if it never does)."""
    if page.locator("input.md-search__input").count() == 0:
        return None  # the search box was removed: its worker could not start
    try:
        page.click("label.md-search__icon, .md-header__button[for=__search]", timeout=5000)
    except Exception:  # no search button: report it as not ready
        return None
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    deadline = time.monotonic() + STOCK_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if page.locator(".md-search-result__item").count():
            return page.evaluate("performance.now()")
        page.press("input.md-search__input", "End")  # Material reads the query on key release
        page.wait_for_timeout(100)
    return None
