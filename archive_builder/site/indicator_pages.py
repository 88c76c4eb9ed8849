"""Markdown pages (with inline SVG charts) for the site's indicators section.

The site builder calls :func:`render_indicator_pages` with a computed report and the site URL of
each source table's page; it gets back relative ASCII paths and Markdown text. Charts are drawn by
matplotlib at build time into SVG (no JavaScript, no network), with Chinese labels drawn in a CJK
font file found by path and registered with matplotlib (:func:`chart_font`); without one the charts
are left out and :func:`chart_problems` says why. :func:`chart_font_key` belongs in any cache key of
drawn charts.

Every value that reaches a page's Markdown (a school's name, an indicator, a level, a source file, a
caption) goes through ``escape_text``, as the template pages' values do: a school named
``<script>…`` or ``[x](javascript:…)`` in a data table is shown as written. Only the links this module
builds itself (:class:`_Markdown`) are written as Markdown.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from html import escape
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import has, t
from archive_builder.core.model import Problem
from archive_builder.review.sanitize import escape_text
from archive_builder.statistics.stats import COMPOSITE
from archive_builder.statistics.tables import LEVELS
from archive_builder.statistics.workbook import funding_note

if TYPE_CHECKING:
    from archive_builder.core.model import Problem
    from archive_builder.statistics.stats import BalanceRow, IndicatorReport, SchoolValue

log = logging.getLogger(__name__)

SECTION = "indicators"
LEVEL_SLUGS = {"小学": "primary", "初中": "junior"}
#: Family names of Chinese fonts, best first (a font file may hold several faces).
_PREFERRED_CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                  "Microsoft YaHei", "PingFang SC", "SimHei", "Noto Sans CJK TC", "Noto Sans CJK JP")
_COLOURS = {"bar": "#4c78a8", "top": "#e45756", "mean": "#333333", "threshold": "#e45756", "line": "#4c78a8"}


def render_indicator_pages(report: IndicatorReport, source_links: dict[str, str]) -> dict[str, str]:
    """Relative path (``indicators/…``) -> Markdown, for every page of the indicators section.

    ``source_links`` maps a table stem (``school_stats``, ``classes`` …) to the URL of that table's
    page relative to the site root; pages live one folder down, so relative URLs get ``../``.
    """
    links = {stem: _from_section(url) for stem, url in source_links.items()}
    pages = {f"{SECTION}/index.md": _index_page(report, links)}
    for (year, level), rows in _groups(report.balance).items():
        pages[_detail_path(year, level)] = _detail_page(report, year, level, rows, links)
    pages[f"{SECTION}/class-size.md"] = _class_size_page(report, links)
    pages[f"{SECTION}/targets.md"] = _targets_page(report, links)
    return pages


def _from_section(url: str) -> str:
    """A site-root-relative URL as seen from a page under indicators/."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|/|#|\.\./)", url):
        return url
    return f"../{url}"


def _detail_path(year: int, level: str) -> str:
    return f"{SECTION}/{year}-{LEVEL_SLUGS.get(level, 'level')}.md"


def _groups(rows: list[BalanceRow]) -> dict[tuple[int, str], list[BalanceRow]]:
    """Balance rows by (year, level), in report order."""
    groups: dict[tuple[int, str], list[BalanceRow]] = {}
    for row in rows:
        groups.setdefault((row.year, row.level), []).append(row)
    return groups


# ---------------------------------------------------------------------------
# Pages


def _index_page(report: IndicatorReport, links: dict[str, str]) -> str:
    """Overview: trend charts of each composite, the composite table and links to the details."""

    lines = [f"# {t('indicators.page_title')}", "", escape_text(t("indicators.page_intro", title=report.profile_title)),
             ""]
    composites = report.composites
    if not composites:
        return "\n".join([*lines, t("indicators.no_data_page"), ""])
    lines += [f"## {t('indicators.trend_heading')}", ""]
    for level in _levels(composites):
        rows = [r for r in composites if r.level == level]
        lines += [_figure(partial(trend_chart, rows, level), t("indicators.chart_trend", level=level),
                          links.get("school_stats"), _source_name(report, "school_stats")), ""]
    lines += [f"## {t('indicators.summary_heading')}", ""]
    lines += _table([t("indicators.col_year"), t("indicators.col_level"), COMPOSITE, t("indicators.col_threshold"),
                     t("indicators.col_result")],
                    [[_link(r.year, _detail_path(r.year, r.level).split('/', 1)[1]), r.level, _num(r.cv, 3),
                      _threshold(r.threshold), _verdict(r)] for r in composites])
    lines += ["", f"- [{t('indicators.class_title')}](class-size.md)",
              f"- [{t('indicators.targets_title')}](targets.md)", ""]
    return "\n".join(lines)


def _detail_page(report: IndicatorReport, year: int, level: str, rows: list[BalanceRow],
                 links: dict[str, str]) -> str:
    """One year and level: the indicator table, then a bar chart per indicator by school."""

    lines = [f"# {escape_text(t('indicators.page_year_title', year=year, level=level))}", ""]
    top: dict[str, list[str]] = {}
    for value in report.contributors():
        if (value.year, value.level) == (year, level):
            top.setdefault(value.indicator, []).append(value.school)
    lines += _table(
        [t(f"indicators.col_{k}") for k in ("indicator", "mean", "std", "cv", "threshold", "result", "top")],
        [[r.indicator, _num(r.mean), _num(r.std), _num(r.cv, 3), _threshold(r.threshold), _verdict(r),
          "、".join(top.get(r.indicator, []))] for r in rows])
    lines += ["", _source_line(links.get("school_stats"), _source_name(report, "school_stats")), ""]
    lines += [f"## {t('indicators.bars_heading')}", ""]
    composite_threshold = next((r.threshold for r in rows if r.indicator == COMPOSITE), None)
    for row in rows:
        values = [v for v in report.school_values if (v.year, v.level, v.indicator) == (year, level, row.indicator)]
        if not values:
            continue
        threshold = row.threshold if row.threshold is not None else composite_threshold
        caption = t("indicators.chart_bar", year=year, level=level, indicator=row.indicator, cv=_num(row.cv, 3))
        lines += [f"### {escape_text(row.indicator)}", "",
                  _figure(partial(bar_chart, row, values, threshold, set(top.get(row.indicator, [])),
                                  composite=row.threshold is None), caption,
                          links.get("school_stats"), _source_name(report, "school_stats")), ""]
    return "\n".join(lines)


def _class_size_page(report: IndicatorReport, links: dict[str, str]) -> str:
    """County totals per year with a chart, then every school that had a class of 56 or more."""
    lines = [f"# {t('indicators.class_title')}", "", t("indicators.class_intro"), ""]
    if not report.class_size_totals:
        return "\n".join([*lines, t("indicators.no_data_page"), ""])
    lines += [_figure(lambda: class_size_chart(report), t("indicators.class_title"), links.get("classes"),
                      _source_name(report, "classes")), ""]
    header = [t(f"indicators.col_{k}") for k in ("year", "school", "classes", "large", "very_large", "max")]
    county = t("indicators.county_total")
    lines += _table(header, [[r.year, county, r.classes, _count_share(r.large, r.large_share),
                              _count_share(r.very_large, r.very_large_share), r.max_size]
                             for r in report.class_size_totals])
    flagged = [r for r in report.class_sizes if r.large or r.very_large]
    if flagged:
        lines += ["", *_table(header, [[r.year, r.school, r.classes, _count_share(r.large, r.large_share),
                                         _count_share(r.very_large, r.very_large_share), r.max_size]
                                        for r in flagged])]
    lines += ["", _source_line(links.get("classes"), _source_name(report, "classes")), ""]
    return "\n".join(lines)


def _targets_page(report: IndicatorReport, links: dict[str, str]) -> str:
    """Teacher exchange, consolidation, satisfaction and small schools, each with its source."""
    lines = [f"# {t('indicators.targets_title')}", ""]
    sections = (
        ("exchange_heading", "teacher_exchange", ["year", "eligible", "exchanged", "rate", "result", "backbone",
                                                  "share", "result"],
         [[r.year, r.eligible, r.exchanged, _pct(r.rate), _yes(r.rate_pass, r.complete), r.backbone,
           _pct(r.backbone_share), _yes(r.backbone_pass, r.complete)] for r in report.exchange]),
        ("consolidation_heading", "consolidation", ["year", "level", "rate", "threshold", "result"],
         [[r.year, r.level, _pct(r.rate), f"≥ {r.threshold:.1%}", _yes(r.passed, r.complete)]
          for r in report.consolidation]),
        ("satisfaction_heading", "satisfaction", ["year", "respondents", "satisfied", "rate", "threshold", "result"],
         [[r.year, r.respondents, r.satisfied, _pct(r.rate), f"≥ {r.threshold:.0%}", _yes(r.passed, r.complete)]
          for r in report.satisfaction]),
        ("small_heading", "school_stats", ["year", "school", "level", "students", "benchmark", "owed"],
         [[r.year, r.school, r.levels, r.students, f"{r.rate:,.0f}", f"{r.owed:,.0f}"] for r in report.small_schools]),
    )
    for heading, stem, columns, rows in sections:
        lines += [f"## {t('indicators.' + heading)}", ""]
        lines += _table([t(f"indicators.col_{c}") for c in columns], rows) if rows else [t("indicators.no_data_page")]
        lines += ["", _source_line(links.get(stem), _source_name(report, stem)), ""]

    lines += [f"- {escape_text(line)}" for line in funding_note(report)]
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Markdown helpers


class _Markdown(str):
    """Markdown this module wrote itself (a link to one of its pages): the only cell not escaped."""


def _link(text: object, url: str) -> _Markdown:
    """A Markdown link to a page of the site, its text escaped."""
    return _Markdown(f"[{escape_text(text)}]({url})")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown pipe table, every cell inert text (escape_text) but the links built here."""
    def cell(value: Any) -> str:
        text = value if isinstance(value, _Markdown) else escape_text(value)
        return text.replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def _figure(draw: Callable[[], str], caption: str, link: str | None, name: str | None = None) -> str:
    """An inline SVG in a <figure>, its caption linking to the source table page (one HTML block).

    Without a Chinese font the chart is not drawn (its labels would be boxes): the figure says so
    and the build reports one problem (:func:`chart_problems`).
    """
    source = ""
    if link:
        source = f' <a href="{escape(link)}">{escape(t("indicators.source", name=name or link))}</a>'
    elif name:
        source = " " + escape(t("indicators.source", name=name))
    if chart_font() is None:
        note = escape(t("indicators.chart_left_out"))
        return (f'<figure class="indicator-chart ab-no-chart">\n<p class="ab-note">{note}</p>\n'
                f"<figcaption>{escape(caption)}{source}</figcaption>\n</figure>")
    return (f'<figure class="indicator-chart">\n{draw()}\n'
            f"<figcaption>{escape(caption)}{source}</figcaption>\n</figure>")


def _source_name(report: IndicatorReport, stem: str) -> str | None:
    """A source table as the site names it: its Chinese name and its file (the file alone if unnamed)."""
    path = report.sources.get(stem)
    if not path or not has(f"site.table.{stem}"):
        return path
    return t("indicators.source_table", table=t(f"site.table.{stem}"), path=path)


#: where the link goes in the escaped source line (letters: neither the message nor escape_text alter them)
_LINK_SLOT = "abSourceLinkSlot"


def _source_line(link: str | None, path: str | None) -> str:
    """The line naming a table's source file, linked to its page when there is one."""
    name = path or ""
    if link:
        return escape_text(t("indicators.source", name=_LINK_SLOT)).replace(_LINK_SLOT, _link(name or link, link))
    return escape_text(t("indicators.source", name=name)) if name else ""


def _levels(rows: list[BalanceRow]) -> list[str]:

    present = {r.level for r in rows}
    return [lv for lv in LEVELS if lv in present] + sorted(present - set(LEVELS))


def _num(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return t("indicators.unknown")
    if digits is None:
        digits = 4 if abs(value) < 1 else 2
    return f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return t("indicators.unknown") if value is None else f"{value:.1%}"


def _threshold(value: float | None) -> str:
    return t("indicators.no_threshold") if value is None else f"≤ {value:.2f}"


def _yes(passed: bool | None, complete: bool = True) -> str:
    if not complete:
        return t("indicators.incomplete")
    return t({True: "indicators.pass", False: "indicators.fail", None: "indicators.unknown"}[passed])


def _verdict(row: BalanceRow) -> str:
    if not row.complete:
        return t("indicators.incomplete")
    if row.threshold is None and row.passed is None and row.cv is not None:
        return t("indicators.not_judged")
    return _yes(row.passed)


def _count_share(count: int, share: float) -> str:
    return f"{count} ({share:.1%})"


# ---------------------------------------------------------------------------
# Charts


#: Where Chinese fonts live when fontconfig cannot say (Debian and Ubuntu packages, Windows, macOS).
KNOWN_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",      # fonts-noto-cjk
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",                # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",              # fonts-wqy-microhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",                  # fonts-arphic-uming
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
#: Family names asked of fontconfig, best first.
FONTCONFIG_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC",
                       "Droid Sans Fallback", "AR PL UMing CN")
_PROBE = "示范县学校差异系数"  # characters every chart label needs


@dataclass(frozen=True)
class ChartFont:
    """The Chinese font the charts are drawn in: its file, the family matplotlib knows it by, and a key."""

    path: str
    family: str

    @property
    def key(self) -> str:
        """Changes when the font file changes (path, size, modification time): cached charts are redrawn."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return f"{self.path}:gone"
        return f"{self.path}:{stat.st_size}:{stat.st_mtime_ns}"


@lru_cache(maxsize=1)
def chart_font() -> ChartFont | None:
    """The CJK font file, registered with matplotlib by its path; None when the machine has none.

    matplotlib keeps a per-user list of installed fonts (``fontlist-*.json`` in its cache folder);
    a list written before the Chinese font was installed would never see it. The file is therefore
    found by path (fontconfig, then known locations) and added to matplotlib's font manager here.
    """
    from matplotlib import font_manager

    path = _find_font_file(font_manager)
    if path is None:
        log.debug("no CJK font file found (fontconfig, %d known paths, matplotlib's list)", len(KNOWN_FONT_FILES))
        return None
    known = {os.path.realpath(f.fname) for f in font_manager.fontManager.ttflist}
    if os.path.realpath(path) not in known:
        font_manager.fontManager.addfont(path)
    names = [f.name for f in font_manager.fontManager.ttflist if os.path.realpath(f.fname) == os.path.realpath(path)]
    family = next((n for n in _PREFERRED_CJK if n in names), names[0] if names else _face_family(path))
    log.debug("charts drawn in %s (%s)", family, path)
    return ChartFont(path, family)


def cjk_font() -> str | None:
    """The family name of the registered CJK font, or None."""
    font = chart_font()
    return font.family if font else None


def chart_font_key() -> str:
    """What the drawn charts depend on besides the data: the font file (``none`` without one)."""
    font = chart_font()
    return font.key if font else "none"


def chart_problems() -> list[Problem]:
    """The one problem of a build without a Chinese font (its charts are left out), else none."""

    if chart_font() is not None:
        return []
    return [Problem(KNOWN_FONT_FILES[0], "warning", "indicators.font_missing", {"font": "NotoSansCJK-Regular.ttc"})]


def _find_font_file(font_manager: Any) -> str | None:
    """A font file that draws Chinese: fontconfig's answer, a known location, or matplotlib's own list."""
    listed = (f.fname for f in font_manager.fontManager.ttflist if f.name in _PREFERRED_CJK)
    seen: set[str] = set()
    for path in itertools.chain(_fontconfig_files(), KNOWN_FONT_FILES, listed):
        if path not in seen and _draws_chinese(path):
            return path
        seen.add(path)
    return None


def _fontconfig_files() -> Iterator[str]:
    """The files fontconfig picks for the Chinese families, one by one (none without fc-match)."""
    import shutil
    import subprocess

    program = shutil.which("fc-match")
    if program is None:
        return
    for family in FONTCONFIG_FAMILIES:
        try:
            done = subprocess.run([program, "-f", "%{file}", f"{family}:lang=zh-cn"], capture_output=True,
                                  text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            return
        if done.returncode == 0 and done.stdout.strip():
            yield done.stdout.strip()


def _draws_chinese(path: str) -> bool:
    """Whether the font file exists and has a glyph for every probe character (fc-match falls back to any font)."""
    if not os.path.isfile(path):
        return False
    from matplotlib import ft2font

    try:
        font = ft2font.FT2Font(path)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(char)) for char in _PROBE)


def _face_family(path: str) -> str:
    from matplotlib import ft2font

    return ft2font.FT2Font(path).family_name


def _rc(text_as_paths: bool = True) -> dict[Any, Any]:  # matplotlib types the keys as literals
    """matplotlib settings: the CJK font first, reproducible SVG ids.

    Trend and class-size charts draw their text as glyph paths, so they look the same on any
    machine. The per-school bar charts (dozens of school names, 64 charts in the demo) keep text as
    <text> in the same font with a generic fallback: as paths they weigh 160 KB each and take
    three times as long to draw, which makes each detail page over a megabyte.
    """
    font = cjk_font()
    return {
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "path" if text_as_paths else "none",
        "svg.hashsalt": "archive-builder",
        "font.size": 9,
    }


def _svg(figure: Any, label: str) -> str:
    """The figure as an inline <svg> element without XML prolog, blank lines or fixed size."""
    buffer = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(buffer, format="svg", bbox_inches="tight",
                       metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    _report_missing_glyphs(caught)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                  lambda m: f'<svg {m.group(1)}role="img" aria-label="{escape(label)}" '
                            f'style="max-width:100%;height:auto"', text, count=1)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"(font-family: [^;\"]+)", r"\1, sans-serif", text)  # any CJK font of the reader's system
    return "\n".join(line for line in text.splitlines() if line.strip())


_GLYPH_MISSING = re.compile(r"Glyph (\d+) .*missing from font")


def _report_missing_glyphs(caught: list[warnings.WarningMessage]) -> None:
    """matplotlib's missing-glyph warnings said once per character in the user's language; others passed on."""
    for warning in caught:
        match = _GLYPH_MISSING.search(str(warning.message))
        if match is None:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        elif match.group(1) not in _glyphs_said:
            _glyphs_said.add(match.group(1))
            log.warning(t("indicators.glyph_missing", char=chr(int(match.group(1))), font=cjk_font() or "DejaVu Sans"))


_glyphs_said: set[str] = set()


def _figure_obj(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def trend_chart(rows: list[BalanceRow], level: str) -> str:
    """The composite CV of one level over the years, with its threshold as a dashed line."""
    import matplotlib


    points = [(r.year, r.cv) for r in rows if r.cv is not None]
    threshold = next((r.threshold for r in rows if r.threshold is not None), None)
    title = t("indicators.chart_trend", level=level)
    with matplotlib.rc_context(_rc()):
        figure = _figure_obj(6.4, 3.4)
        axes = figure.subplots()
        if points:
            years, cvs = zip(*points)
            axes.plot(years, cvs, marker="o", color=_COLOURS["line"], label=COMPOSITE)
            for year, cv in points:
                axes.annotate(f"{cv:.3f}", (year, cv), textcoords="offset points", xytext=(0, 6), ha="center")
        if threshold is not None:
            axes.axhline(threshold, color=_COLOURS["threshold"], linestyle="--",
                         label=t("indicators.chart_threshold", value=f"{threshold:.2f}"))
        axes.set_xticks(sorted({r.year for r in rows}))
        axes.set_xlabel(t("indicators.chart_year"))
        axes.set_ylim(bottom=0)
        axes.set_title(title)
        axes.legend(loc="best")
        return _svg(figure, title)


def bar_chart(row: BalanceRow, values: list[SchoolValue], threshold: float | None, highlight: set[str],
              composite: bool = False) -> str:
    """Each school's value for one indicator, largest first, with the county value X̄, the CV and its threshold.

    ``composite``: the threshold is the composite's (the profile judges no single indicator).
    """
    import matplotlib

    ordered = sorted(values, key=lambda v: v.value)
    title = t("indicators.chart_bar", year=row.year, level=row.level, indicator=row.indicator, cv=_num(row.cv, 3))
    if threshold is not None:
        key = "indicators.chart_composite_threshold" if composite else "indicators.chart_threshold"
        title += "  (" + t(key, value=f"≤ {threshold:.2f}") + ")"
    with matplotlib.rc_context(_rc(text_as_paths=False)):
        figure = _figure_obj(7.0, max(2.0, 0.5 + 0.2 * len(ordered)))
        axes = figure.subplots()
        colours = [_COLOURS["top"] if v.school in highlight else _COLOURS["bar"] for v in ordered]
        axes.barh([v.school for v in ordered], [v.value for v in ordered], color=colours, height=0.7)
        if row.mean is not None:
            axes.axvline(row.mean, color=_COLOURS["mean"], linestyle="--",
                         label=t("indicators.chart_mean", value=_num(row.mean)))
            axes.legend(loc="lower right")
        axes.tick_params(axis="y", labelsize=7)
        axes.set_title(title, fontsize=9)
        return _svg(figure, title)


def class_size_chart(report: IndicatorReport) -> str:
    """Per year, the county's classes of 56–65 and of 66+ as grouped bars."""
    import matplotlib

    totals = report.class_size_totals
    title = t("indicators.class_title")
    with matplotlib.rc_context(_rc()):
        figure = _figure_obj(6.4, 3.2)
        axes = figure.subplots()
        years = [r.year for r in totals]
        axes.bar([y - 0.2 for y in years], [r.large for r in totals], width=0.4, color="#f58518",
                 label=t("indicators.col_large"))
        axes.bar([y + 0.2 for y in years], [r.very_large for r in totals], width=0.4, color=_COLOURS["top"],
                 label=t("indicators.col_very_large"))
        axes.set_xticks(years)
        axes.set_xlabel(t("indicators.chart_year"))
        axes.set_title(title)
        axes.legend(loc="best")
        return _svg(figure, title)
