"""Indicator charts keep their Chinese: the CJK font file is registered by path, keys the chart cache,
and its absence is one problem instead of boxes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.i18n import t_in
from archive_builder.inventory.scan import scan_archive
from archive_builder.site import indicator_pages

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"

#: Words in the names of every Chinese font Debian ships, hidden from the stale font list.
CHINESE_FAMILIES = ["CJK", "WenQuanYi", "Droid Sans Fallback", "AR PL", "Source Han"]

#: Writes matplotlib's per-user font list as it was before the CJK font was installed.
STALE_CACHE = """
import json
from pathlib import Path
import matplotlib
from matplotlib import font_manager
hidden = json.loads(input())
manager = font_manager.FontManager()
manager.ttflist = [f for f in manager.ttflist if not any(word in f.name for word in hidden)]
font_manager.json_dump(manager, Path(matplotlib.get_cachedir(), f"fontlist-v{manager._version}.json"))
"""

#: Draws a trend and a bar chart under that stale list; prints what it saw as JSON.
DRAW = """
import json, logging, warnings
HIDDEN = %r
from matplotlib import font_manager
listed = sorted({f.name for f in font_manager.fontManager.ttflist if any(w in f.name for w in HIDDEN)})
logging.basicConfig(level=logging.WARNING)
from archive_builder.site import indicator_pages
from archive_builder.statistics.stats import BalanceRow, SchoolValue
rows = [BalanceRow(year=y, level="小学", indicator="综合差异系数", cv=cv, threshold=0.65, passed=True)
        for y, cv in ((2016, 0.41), (2017, 0.38))]
values = [SchoolValue(year=2016, level="小学", indicator="生均教学用房面积", school=s, school_id=s, students=100,
                      value=v, term=0.0, share=0.0) for s, v in (("城关镇中心小学", 4.1), ("河西乡希望小学", 5.3))]
bar_row = BalanceRow(year=2016, level="小学", indicator="生均教学用房面积", cv=0.13, threshold=None, passed=None,
                     mean=4.7, std=0.6)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    trend = indicator_pages.trend_chart(rows, "小学")
    bars = indicator_pages.bar_chart(bar_row, values, 0.65, set(), composite=True)
font = indicator_pages.chart_font()
print(json.dumps({"listed": listed, "family": font and font.family, "path": font and font.path,
                  "trend": trend, "bars": bars, "warnings": [str(w.message) for w in caught]}))
"""


def _postscript_names(path: str) -> set[str]:
    from matplotlib import ft2font

    faces = ft2font.FT2Font(path).num_faces
    return {ft2font.FT2Font(path, face_index=i).postscript_name for i in range(faces)}


def _run(code: str, mplconfig: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MPLCONFIGDIR": str(mplconfig), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def test_a_font_list_written_before_the_font_was_installed_still_draws_chinese(tmp_path):
    font = indicator_pages.chart_font()
    assert font is not None, "a CJK font is installed on the build machine (fonts-noto-cjk)"
    mplconfig = tmp_path / "mplconfig"
    mplconfig.mkdir()
    stale = _run(STALE_CACHE, mplconfig, json.dumps(CHINESE_FAMILIES))
    assert stale.returncode == 0, stale.stderr
    assert list(mplconfig.glob("fontlist-*.json")), "the stale font list is in place"
    drawn = _run(DRAW % (CHINESE_FAMILIES,), mplconfig)
    assert drawn.returncode == 0, drawn.stderr
    seen = json.loads(drawn.stdout)
    assert seen["listed"] == [], "matplotlib's own list does not know the CJK font"  # the situation under test
    assert seen["path"] == font.path and seen["family"] == font.family
    glyph_fonts = set(re.findall(r'<path id="([A-Za-z][\w-]*?)-[0-9a-f]+"', seen["trend"]))
    assert glyph_fonts and glyph_fonts <= _postscript_names(font.path)  # every label glyph from the CJK font
    assert f"font-family: '{font.family}'" in seen["bars"] and ">城关镇中心小学<" in seen["bars"]
    assert not [w for w in seen["warnings"] if "missing from font" in w], seen["warnings"]
    assert "missing from font" not in drawn.stderr and "not in the chart font" not in drawn.stderr


def test_the_font_is_found_by_its_file_when_matplotlib_lists_none(monkeypatch):
    from matplotlib import font_manager

    font = indicator_pages.chart_font()
    assert font is not None
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.fname != font.path])
    indicator_pages.chart_font.cache_clear()
    try:
        found = indicator_pages.chart_font()
        names = {f.name for f in font_manager.fontManager.ttflist if f.fname == font.path}
    finally:
        indicator_pages.chart_font.cache_clear()
    assert found == font and font.family in names  # registered again from its path


def test_no_font_file_anywhere_is_one_problem_in_both_languages(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.setattr(indicator_pages, "KNOWN_FONT_FILES", ("/nonexistent/NotoSansCJK-Regular.ttc",))
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    assert Path(dejavu).is_file()
    monkeypatch.setattr(indicator_pages, "_fontconfig_files", lambda: iter([dejavu]))  # fc-match's fallback
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [f for f in font_manager.fontManager.ttflist
                                                              if not any(w in f.name for w in CHINESE_FAMILIES)])
    indicator_pages.chart_font.cache_clear()
    try:
        assert indicator_pages.chart_font() is None  # a font without Chinese glyphs is no answer
        problems = indicator_pages.chart_problems()
        key = indicator_pages.chart_font_key()
    finally:
        indicator_pages.chart_font.cache_clear()
    assert key == "none"
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "/nonexistent/NotoSansCJK-Regular.ttc" and problem.code == "indicators.font_missing"
    for lang, words in (("en", "no Chinese font"), ("zh", "未找到中文字体")):
        assert words in t_in(lang, problem.code, **problem.params)
        assert "apt-get install fonts-noto-cjk" in t_in(lang, problem.code + ".hint", **problem.params)


def test_the_key_follows_the_font_file(tmp_path):
    font = indicator_pages.chart_font()
    assert font is not None
    copy = tmp_path / "font.ttc"
    copy.write_bytes(Path(font.path).read_bytes())
    other = indicator_pages.ChartFont(str(copy), font.family)
    before = other.key
    os.utime(copy, ns=(1, 1))
    assert other.key != before and font.key != other.key


@pytest.fixture
def stats_archive(tmp_path):
    root = tmp_path / "archive"
    (root / "content" / "data").mkdir(parents=True)
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text("years: 2016\n", encoding="utf-8")
    (root / "content" / "data" / "school_stats.xlsx").write_bytes((FIXTURES / "school_stats_wanyuan.xlsx").read_bytes())
    return root


def test_installing_the_font_redraws_the_cached_charts(stats_archive, monkeypatch):
    from archive_builder.site import build as site

    config = load_config(stats_archive)
    inventory = scan_archive(config)
    build_dir = stats_archive / ".archive-cache" / "build"
    real = indicator_pages.chart_font
    monkeypatch.setattr(indicator_pages, "chart_font", lambda: None)  # built before the font was installed
    pages, problems = site._indicator_pages(config, inventory, build_dir)
    assert not any(p.endswith(".svg") for p in pages)
    assert "ab-no-chart" in pages["indicators/index.md"]
    assert [p.code for p in problems].count("indicators.font_missing") == 1
    monkeypatch.setattr(indicator_pages, "chart_font", real)  # installed: the next build draws the charts
    pages, problems = site._indicator_pages(config, inventory, build_dir)
    charts = [text for path, text in pages.items() if path.endswith(".svg")]
    assert charts and "ab-no-chart" not in pages["indicators/index.md"]
    assert "indicators.font_missing" not in [p.code for p in problems]
    assert any("NotoSansCJK" in text or "WenQuanYi" in text for text in charts)
