"""``archive-builder serve``: preview the built site on localhost, optionally rebuilding on changes."""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_builder.commands.build import build_summary
from archive_builder.commands.clihelp import LocalizedCommand
from archive_builder.core.config import ArchiveConfig, load_config
from archive_builder.core.errors import ArchiveError
from archive_builder.core.i18n import t
from archive_builder.pipeline import build_site

if TYPE_CHECKING:
    from watchdog.events import FileSystemEvent

QUIET_SECONDS = 1.0  # wait for a burst of file events to settle before rebuilding


@click.command(cls=LocalizedCommand)
@click.option("--port", "-p", type=int, default=8000, show_default=True, help="Port on localhost.")
@click.option("--watch", is_flag=True, help="Rebuild when files under content/ are added, changed or removed.")
@click.pass_context
def command(ctx: click.Context, port: int, watch: bool) -> None:
    """Preview the site at http://127.0.0.1:PORT/ (builds it first if there is none).

    \b
    Example:
      archive-builder serve
      archive-builder serve --port 8080 --watch
    """
    config = load_config(ctx.obj["root"])
    site_dir = (config.root / "site").resolve()
    if not (site_dir / "index.html").is_file():
        click.echo(t("serve.building"))
        build_site(config, site_dir)
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(site_dir)))
    if watch:
        _watch(config, site_dir)
        click.echo(t("serve.watching"))
    click.echo(t("serve.url", site=str(site_dir), url=f"http://127.0.0.1:{server.server_address[1]}/"))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # signature from the base class
        return


def _watch(config: ArchiveConfig, site_dir: Path) -> None:
    """Start a watchdog observer on content/ and a thread that rebuilds once events settle."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type != "opened" and event.event_type != "closed_no_write":
                changed.set()

    observer = Observer()
    observer.schedule(Handler(), str(config.content_dir), recursive=True)
    observer.daemon = True
    observer.start()
    threading.Thread(target=_rebuild_loop, args=(config, site_dir, changed), daemon=True).start()


def _rebuild_loop(config: ArchiveConfig, site_dir: Path, changed: threading.Event) -> None:
    """Rebuild after each burst of changes; a failed build is reported and the old site stays."""
    while True:
        changed.wait()
        while changed.is_set():
            changed.clear()
            time.sleep(QUIET_SECONDS)
        try:
            result = build_site(config, site_dir)
        except ArchiveError as exc:
            click.echo(t("serve.rebuild_failed", detail=exc.format_message()), err=True)
            continue
        except Exception as exc:  # the preview server must keep running
            click.echo(t("serve.rebuild_failed", detail=str(exc)), err=True)
            continue
        click.echo(t("serve.rebuilt", summary=build_summary(result)))
