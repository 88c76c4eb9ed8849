"""``archive-builder search``: full-text search over every document, with filters."""

from __future__ import annotations

import click

from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.commands.present import console, is_interactive
from archive_builder.core.config import ArchiveConfig, load_config
from archive_builder.core.i18n import printable, printable_json, t, tn
from archive_builder.search.query import IndexBuilder, resolve_filters, search


@click.command(cls=LocalizedCommand)
@click.argument("query", nargs=-1, required=True)
@click.option("--department", "-d", help="Only this department (name, alias or id).")
@click.option("--category", "-c", help="Only this category (name, alias or id).")
@click.option("--year", "-y", help="Only documents of this year, e.g. 2016.")
@click.option("--school", "-s", help="Only documents about this school (name or code).")
@click.option("--type", "file_type", help="Only this file type, e.g. pdf, docx, xlsx, md.")
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Show at most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def command(ctx: click.Context, query: tuple[str, ...], department: str | None, category: str | None,
            year: str | None, school: str | None, file_type: str | None, limit: int, as_json: bool) -> None:
    """Find documents by the words in them, best matches first.

    Several words must all appear, each as written; use "quoted phrases" for text with
    spaces, -word or NOT word to exclude, or a 文号 in any brackets such as 襄政办发[2017]13号.
    The index is built on first use; run 'archive-builder index' after adding files.

    \b
    Example:
      archive-builder search 教师交流
      archive-builder search "教师 轮岗" --department 教科局 --year 2016
      archive-builder search 襄政办发〔2017〕13号 --json
    """

    config = load_config(ctx.obj["root"], snapshot=True)  # no YAML parser while archive.yml is unchanged
    filters = resolve_filters(config, department, category, year, school, file_type)
    results = search(config, " ".join(query), filters, limit=limit, build_index=_index_builder(config))
    if results.notice:
        click.echo(t(results.notice, **results.notice_params), err=True)
    if as_json:
        click.echo(printable_json(results.to_dict(), indent=2))
        return
    _print_results(config, results)


def _print_results(config, results) -> None:
    """Ranked results: title, where it is filed, path, and the passage with the match highlighted."""

    if not is_interactive():
        _print_plain(config, results)
        return
    from rich.text import Text


    out = console()
    if not results.hits:
        out.print(t("search.no_results", query=results.query))
        return
    for rank, hit in enumerate(results.hits, 1):
        out.print(Text(f"{rank}. {printable(hit.title)}", style="bold"))
        out.print(Text("   " + _where(config, hit), style="dim"))
        out.print(Text(f"   {printable(hit.path)}", style="cyan"))
        if hit.snippet:
            out.print(_highlighted(hit), soft_wrap=True)
    out.print(_total(results))


def _print_plain(config, results) -> None:
    """The same lines as plain text, matches in [brackets] (no terminal: nothing to colour)."""
    if not results.hits:
        click.echo(t("search.no_results", query=results.query))
        return

    for rank, hit in enumerate(results.hits, 1):
        click.echo(f"{rank}. {printable(hit.title)}")
        click.echo("   " + _where(config, hit))
        click.echo(f"   {printable(hit.path)}")
        if hit.snippet:
            click.echo("   " + _bracketed(hit))
    click.echo(_total(results))


def _total(results) -> str:
    """How many documents match: exact, or an upper bound when not every candidate was read."""
    key = "search.total" if results.exact else "search.total_upper"
    return tn(key, results.total, total=results.total, query=results.query, shown=len(results.hits))


def _bracketed(hit) -> str:
    """The snippet with each match in [brackets]."""
    return "".join(part if matched is None else f"[{part}]" for part, matched in _snippet_parts(hit))


def _snippet_parts(hit) -> list[tuple[str, bool | None]]:
    """The snippet cut at its matches, each part's control characters escaped; ``True`` marks a match.

    A snippet quotes the text and the name of a document (``bidi\u202ex``), so it is shown as the path and
    title lines are; escaping part by part keeps the highlights on the characters the index matched.
    """
    parts: list[tuple[str, bool | None]] = []
    cursor = 0
    for start, end in hit.highlights:
        parts += [(printable(hit.snippet[cursor:start]), None), (printable(hit.snippet[start:end]), True)]
        cursor = end
    return [*parts, (printable(hit.snippet[cursor:]), None)]


def _where(config, hit) -> str:
    """Department, category and years of a hit, by name."""
    department = config.department(hit.department)
    category = config.category(hit.category)
    return t("search.meta", department=department.name if department else hit.department,
             category=category.name if category else hit.category, years=_Years(hit.years))


class _Years(tuple):
    """A hit's years as the meta line shows them, "2016, 2017".

    Not a string: messages mask personal numbers in string values, and loading the masker for
    years read from the index would cost every search call a fifth of its start-up.
    """

    def __format__(self, spec: str) -> str:
        return ", ".join(str(year) for year in self)


def _highlighted(hit):
    """The snippet with each match in reverse video (and in [brackets] when plain)."""
    from rich.text import Text


    text = Text("   ")
    for part, matched in _snippet_parts(hit):
        if matched is None:
            text.append(part)
        else:
            text.append(part if is_interactive() else f"[{part}]", style="bold reverse")
    return text


def _index_builder(config: ArchiveConfig) -> IndexBuilder:
    """What builds a missing index or rebuilds a damaged one: the pipeline's scan, review and index stages."""

    def build(rebuild: bool) -> None:
        from archive_builder import pipeline  # lazy: a query loads the other stages only when the index must be built

        pipeline.refresh_index(config, rebuild=rebuild)

    return build
