"""Markdown pages (with inline SVG charts) for the site's indicators section.

The site builder calls :func:`render_indicator_pages` with a computed report and the site URL of
each source table's page; it gets back relative ASCII paths and Markdown text. Charts are drawn by
matplotlib at build time into SVG (no JavaScript, no network), with Chinese labels drawn in the
installed Noto Sans CJK font.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from .i18n import t

if TYPE_CHECKING:
    from .stats import BalanceRow, IndicatorReport, SchoolValue

log = logging.getLogger(__name__)

SECTION = "indicators"
LEVEL_SLUGS = {"小学": "primary", "初中": "junior"}
CJK_FONT_PREFIX = "Noto Sans CJK"
_PREFERRED_CJK = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP")
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
    from .stats import COMPOSITE

    lines = [f"# {t('indicators.page_title')}", "", t("indicators.page_intro", title=report.profile_title), ""]
    composites = report.composites
    if not composites:
        return "\n".join([*lines, t("indicators.no_data_page"), ""])
    lines += [f"## {t('indicators.trend_heading')}", ""]
    for level in _levels(composites):
        rows = [r for r in composites if r.level == level]
        lines += [_figure(trend_chart(rows, level), t("indicators.chart_trend", level=level),
                          links.get("school_stats"), report.sources.get("school_stats")), ""]
    lines += [f"## {t('indicators.summary_heading')}", ""]
    lines += _table([t("indicators.col_year"), t("indicators.col_level"), COMPOSITE, t("indicators.col_threshold"),
                     t("indicators.col_result")],
                    [[f"[{r.year}]({_detail_path(r.year, r.level).split('/', 1)[1]})", r.level, _num(r.cv, 3),
                      _threshold(r.threshold), _verdict(r)] for r in composites])
    lines += ["", f"- [{t('indicators.class_title')}](class-size.md)",
              f"- [{t('indicators.targets_title')}](targets.md)", ""]
    return "\n".join(lines)


def _detail_page(report: IndicatorReport, year: int, level: str, rows: list[BalanceRow],
                 links: dict[str, str]) -> str:
    """One year and level: the indicator table, then a bar chart per indicator by school."""
    from .stats import COMPOSITE

    lines = [f"# {t('indicators.page_year_title', year=year, level=level)}", ""]
    top: dict[str, list[str]] = {}
    for value in report.contributors():
        if (value.year, value.level) == (year, level):
            top.setdefault(value.indicator, []).append(value.school)
    lines += _table(
        [t(f"indicators.col_{k}") for k in ("indicator", "mean", "std", "cv", "threshold", "result", "top")],
        [[r.indicator, _num(r.mean), _num(r.std), _num(r.cv, 3), _threshold(r.threshold), _verdict(r),
          "、".join(top.get(r.indicator, []))] for r in rows])
    lines += ["", _source_line(links.get("school_stats"), report.sources.get("school_stats")), ""]
    lines += [f"## {t('indicators.bars_heading')}", ""]
    composite_threshold = next((r.threshold for r in rows if r.indicator == COMPOSITE), None)
    for row in rows:
        values = [v for v in report.school_values if (v.year, v.level, v.indicator) == (year, level, row.indicator)]
        if not values:
            continue
        threshold = row.threshold if row.threshold is not None else composite_threshold
        caption = t("indicators.chart_bar", year=year, level=level, indicator=row.indicator, cv=_num(row.cv, 3))
        lines += [f"### {row.indicator}", "",
                  _figure(bar_chart(row, values, threshold, set(top.get(row.indicator, [])),
                                    composite=row.threshold is None), caption,
                          links.get("school_stats"), report.sources.get("school_stats")), ""]
    return "\n".join(lines)


def _class_size_page(report: IndicatorReport, links: dict[str, str]) -> str:
    """County totals per year with a chart, then every school that had a class of 56 or more."""
    lines = [f"# {t('indicators.class_title')}", "", t("indicators.class_intro"), ""]
    if not report.class_size_totals:
        return "\n".join([*lines, t("indicators.no_data_page"), ""])
    lines += [_figure(class_size_chart(report), t("indicators.class_title"), links.get("classes"),
                      report.sources.get("classes")), ""]
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
    lines += ["", _source_line(links.get("classes"), report.sources.get("classes")), ""]
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
        lines += ["", _source_line(links.get(stem), report.sources.get(stem)), ""]
    from .stats import funding_note

    lines += [f"- {line}" for line in funding_note(report)]
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Markdown helpers


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown pipe table."""
    def cell(value: Any) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def _figure(svg: str, caption: str, link: str | None, name: str | None = None) -> str:
    """An inline SVG in a <figure>, its caption linking to the source table page (one HTML block)."""
    source = ""
    if link:
        source = f' <a href="{escape(link)}">{escape(t("indicators.source", name=name or link))}</a>'
    elif name:
        source = " " + escape(t("indicators.source", name=name))
    return (f'<figure class="indicator-chart">\n{svg}\n'
            f"<figcaption>{escape(caption)}{source}</figcaption>\n</figure>")


def _source_line(link: str | None, path: str | None) -> str:
    name = path or ""
    if link:
        return t("indicators.source", name=f"[{name or link}]({link})")
    return t("indicators.source", name=name) if name else ""


def _levels(rows: list[BalanceRow]) -> list[str]:
    from .stats import LEVELS

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


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed Noto Sans CJK font, or None (with a warning)."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist if f.name.startswith(CJK_FONT_PREFIX)}
    for preferred in _PREFERRED_CJK:
        if preferred in names:
            return preferred
    if names:
        return sorted(names)[0]
    log.warning(t("indicators.font_missing"))
    return None


def _rc(text_as_paths: bool = True) -> dict[str, Any]:
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
    with warnings.catch_warnings():  # without a CJK font, cjk_font() has already said so once
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="svg", bbox_inches="tight",
                       metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                  lambda m: f'<svg {m.group(1)}role="img" aria-label="{escape(label)}" '
                            f'style="max-width:100%;height:auto"', text, count=1)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"(font-family: [^;\"]+)", r"\1, sans-serif", text)  # any CJK font of the reader's system
    return "\n".join(line for line in text.splitlines() if line.strip())


def _figure_obj(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100)


def trend_chart(rows: list[BalanceRow], level: str) -> str:
    """The composite CV of one level over the years, with its threshold as a dashed line."""
    import matplotlib

    from .stats import COMPOSITE

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
