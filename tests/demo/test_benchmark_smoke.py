"""The scale benchmark, run once at N = 50: every figure is there, rare words are all found, no network."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import run  # noqa: E402

N = 50
RARE = 20
COMMANDS = ("scan_cold", "scan_warm", "check", "extract_cold", "extract_warm", "index_cold", "index_warm",
            "index_one_change", "build_cold", "build_warm", "build_one_change")


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[dict, Path]:
    """One benchmark run at N = 50 without stock mkdocs and without the browser; its JSON and out folder."""
    out = tmp_path_factory.mktemp("bench")
    target = out / "result.json"
    assert run.main(["--n", str(N), "--rare", str(RARE), "--out", str(out), "--skip-stock", "--skip-browser",
                     "--json", str(target)]) == 0
    return json.loads(target.read_text("utf-8")), out


def test_generation_is_deterministic_and_covers_the_registry():
    first, schools, words = generate.plan(70, seed=3, rare=10, covered=None)
    again, _, words_again = generate.plan(70, seed=3, rare=10, covered=None)
    assert [(s.path, s.paragraphs) for s in first] == [(s.path, s.paragraphs) for s in again]
    assert words == words_again and len(words) == 10
    departments, categories = generate.registry()
    assert {s.department for s in first} == {d["id"] for d in departments}
    assert {s.category for s in first} == {c["id"] for c in categories}
    assert {s.type for s in first} == {"md", "pdf", "docx", "xlsx", "csv"}
    assert len(schools) == 300
    assert all(3 <= len(w) <= 4 for w in words)


def test_every_figure_is_reported(bench):
    report, _out = bench
    assert report["commit"] and report["date"]
    (result,) = report["results"]
    assert result["n"] == N
    for name in COMMANDS:
        figure = result["commands"][name]
        assert figure["seconds"] > 0, name
        assert figure["peak_rss_mb"] > 0, name
        assert figure["error"] == "", (name, figure["error"])
        assert figure["returncode"] in ((0, 3, 4, 5, 6, 7) if name == "check" else (0,)), name  # check: a gap
    assert result["site"]["pages"] > N
    assert result["site"]["size_mb"] > 0
    assert 0 < result["site"]["largest_page_kb"] <= 150
    whoosh = result["whoosh"]
    assert whoosh["queries"] >= RARE
    assert whoosh["p50_ms"] > 0 and whoosh["p95_ms"] >= whoosh["p50_ms"]
    assert whoosh["rare_recall"] == 1.0
    assert whoosh["common_queries"] == len(run.COMMON_QUERIES) == len(whoosh["common_ms"])
    assert whoosh["common_max_ms"] >= whoosh["common_p50_ms"] > 0


def test_ground_truth_matches_the_files(bench):
    _report, out = bench
    root = out / f"n{N}"
    truth = generate.load_truth(root)
    assert len(truth["documents"]) == N
    assert (root / "content" / "data" / "schools.csv").is_file()
    shipped = sorted(e.name for e in resources.files("archive_builder").joinpath("checklists").iterdir()
                     if e.name.endswith(".yml"))
    assert sorted(p.name for p in (root / "checklists").iterdir()) == shipped  # the shipped checklists and targets
    assert "targets.yml" in shipped
    for word, paths in truth["rare_words"].items():
        assert 1 <= len(paths) <= 3, word
        for path in paths:
            if path.endswith(".md"):
                assert word in (root / "content" / path).read_text("utf-8")


def test_the_table_names_every_measure(bench):
    report, _out = bench
    text = run.table(report["results"])
    for label, _fn in run.ROWS:
        assert f"| {label} |" in text
    assert f"N={N}" in text


@pytest.mark.browser
def test_browser_finds_every_rare_word_with_no_network(bench):
    import browser

    _report, out = bench
    root = out / f"n{N}"
    figures = browser.measure(root / "site", run.expected_urls(root, generate.load_truth(root)))
    assert figures["recall"] == 1.0, figures["missed"]
    assert figures["exact_words"] == RARE, figures["unexpected"]  # nothing listed that lacks the word
    assert figures["http_requests"] == 0, figures["http_urls"]
    assert figures["rare_words"] == RARE
    for key in ("ready_after_load_ms", "keystroke_p50_ms", "keystroke_p95_ms"):
        assert figures[key] is not None and figures[key] >= 0, key
    assert figures["heap_mb"] > 0
