"""The archive's own site settings as an attacker writes them: Python tags and hooks in mkdocs.yml (code run
while the site is built, which could write into content/), text and palette settings Material prints unescaped,
a script file of the theme overrides named in extra_javascript, an inline (``data:``) script or stylesheet, and
theme overrides that load from the network in ways no pattern reads (an inline script that builds its address,
an SVG ``<image>``, an ``<iframe srcdoc>``, CSS ``image-set()`` and escapes, a meta refresh without ``url=``).

Promises: no code of the settings runs at build time (the build stops with file and line, content/ untouched);
no setting puts markup on a page; every page carries the content policy, so Chromium opening the site from
disk sends nothing to the network and the archive's scripts do not run."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from archive_builder.commands.cli import cli
from archive_builder.site.offline import POLICY_META, network_references
from tests.chromium import launch

MARKER = "/tmp/archive-builder-hostile-marker"  # never written: the tag that would write it is refused
LOCAL = ("file:", "data:", "blob:", "about:", "chrome-error:")


def _archive(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "archive"
    document = root / "content/县政府办/保障机制/2014/2014年工作总结.md"
    document.parent.mkdir(parents=True)
    document.write_text("---\n标题: 2014年工作总结\n---\n正文\n", "utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def _build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), "build", "--no-ocr"], catch_exceptions=False)
    return result.exit_code, result.output


def _content_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "content").rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _browse(site: Path, pages: list[str]) -> tuple[list[str], list[str]]:
    """(requests that left the disk, values a script of the archive set) for each page opened from disk."""
    requests: list[str] = []
    marks: list[str] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL)
                      else (requests.append(route.request.url), route.abort()))
        for rel in pages:
            page = context.new_page()
            page.goto((site / rel).as_uri(), wait_until="load")
            page.wait_for_timeout(800)
            mark = page.evaluate("() => window.__pwn || null")
            if mark:
                marks.append(f"{rel}: {mark}")
            page.close()
        browser.close()
    return requests, marks


CODE_TAGS = [
    f'site_name: !!python/object/apply:builtins.exec ["open(\'{MARKER}\', \'w\').write(\'x\')"]\n',
    "site_name: !!python/object/apply:os.system ['true']\n",
    "site_name: !!python/name:os.system\n",
    "site_name: !!python/module:os\n",
    "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_generator: !!python/object/new:os.system ['true']\n",
]


@pytest.mark.parametrize("setting", CODE_TAGS)
def test_a_python_tag_that_would_run_code_stops_the_build_with_its_line(tmp_path, setting):
    root = _archive(tmp_path, {"mkdocs.yml": "# the county's settings\n" + setting})
    before = _content_digest(root)
    code, output = _build(root)
    assert code != 0
    line = 2 + setting.count("\n", 0, setting.index("!!"))
    assert f"mkdocs.yml line {line}" in output and "Python" in output and "Traceback" not in output
    assert not Path(MARKER).exists()
    assert not (root / "site").exists()
    assert _content_digest(root) == before


def test_hooks_of_the_archive_stop_the_build(tmp_path):
    hook = tmp_path / "hook.py"
    hook.write_text("def on_post_page(output, **kw):\n    return output.replace('</body>', "
                    "'<script>window.__pwn=1</script></body>')\n", "utf-8")
    root = _archive(tmp_path, {"mkdocs.yml": f"site_name: x\nhooks:\n  - {hook}\n"})
    code, output = _build(root)
    assert code != 0 and "mkdocs.yml line 2" in output and "hooks" in output
    assert not (root / "site").exists()


def test_a_name_of_the_themes_markdown_extensions_is_allowed(tmp_path):
    root = _archive(tmp_path, {"mkdocs.yml": (
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")})
    code, output = _build(root)
    assert code == 0, output


TEXT_PAYLOAD = "'\"><script>window.__pwn='setting'</script><img src=x>"
QUOTED = json.dumps(TEXT_PAYLOAD)  # a YAML double-quoted string


def test_text_palette_and_extra_settings_put_no_markup_on_a_page(tmp_path):
    root = _archive(tmp_path, {"mkdocs.yml": f"""\
site_description: {QUOTED}
site_author: {QUOTED}
site_url: "https://example.invalid/'><script>window.__pwn='url'</script>"
theme:
  palette:
    - primary: {QUOTED}
      accent: teal
      media: {QUOTED}
      toggle: {{icon: material/brightness-7, name: {QUOTED}}}
extra:
  homepage: "javascript:window.__pwn='home'"
  social: [{{icon: fontawesome/brands/github, link: "javascript:window.__pwn='social'"}}]
  alternate: [{{name: {QUOTED}, link: "'><script>window.__pwn='alt'</script>", lang: "'><b>"}}]
"""})
    code, output = _build(root)
    assert code == 0, output
    assert "extra.social" in output and "theme.palette.primary" in output  # named, so its owner knows
    site = root / "site"
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    everything = "\n".join((site / page).read_text("utf-8") for page in pages)
    assert "<script>window.__pwn" not in everything and "<img src=x>" not in everything
    assert "javascript:" not in everything and "example.invalid" not in everything
    assert "&lt;script&gt;window.__pwn=" in everything  # the description and author kept, as text
    requests, marks = _browse(site, ["index.html", *[p for p in pages if p != "index.html"][:2]])
    assert requests == [] and marks == []


def test_the_archives_scripts_do_not_run_and_stylesheets_inline_are_left_out(tmp_path):
    root = _archive(tmp_path, {
        "site_config/overrides/assets/extra.js": 'window.__pwn = "extra_javascript ran";\n'
                                                 'new Image().src = "http://127.0.0.1:9/from-extra-js";\n',
        "mkdocs.yml": ('extra_javascript: [assets/extra.js, "data:text/javascript,window.__pwn=2"]\n'
                       'extra_css: ["data:text/css,body{background:url(http://127.0.0.1:9/css)}"]\n'),
    })
    code, output = _build(root)
    assert code == 0, output
    assert "extra_javascript" in output
    index = (root / "site" / "index.html").read_text("utf-8")
    assert "extra.js" not in index and "data:text" not in index
    assert _browse(root / "site", ["index.html"]) == ([], [])


OVERRIDE_HEAD = """{% extends "base.html" %}
{% block site_meta %}{{ config.extra.ab_content_policy }}{{ super() }}{% endblock %}
{% block extrahead %}PAYLOAD{% endblock %}
"""
UNSEEN_REQUESTS = [
    "<script>var h=String.fromCharCode(104,116,116,112);new Image().src=h+'://127.0.0.1:9/built';"
    "window.__pwn=undefined</script>",
    '<svg><image href="http://127.0.0.1:9/svg-image.png" width="1" height="1"/></svg>',
    '<iframe srcdoc="&lt;img src=&quot;http://127.0.0.1:9/srcdoc.png&quot;&gt;"></iframe>',
    "<script>fetch(['ht','tp:','//127.0.0.1:9/fetch'].join('')).catch(function(){})</script>",
]


@pytest.mark.parametrize("payload", UNSEEN_REQUESTS)
def test_a_theme_override_that_builds_its_address_makes_no_request(tmp_path, payload):
    root = _archive(tmp_path, {"site_config/overrides/main.html": OVERRIDE_HEAD.replace("PAYLOAD", payload)})
    code, output = _build(root)
    assert code == 0, output
    assert _browse(root / "site", ["index.html"])[0] == []


@pytest.mark.parametrize("css", [
    "body{background-image:image-set(\"http://127.0.0.1:9/set.png\" 1x)}",
    "body{background-image:-webkit-image-set('http://127.0.0.1:9/webkit.png' 1x)}",
    "body{background:u\\72l(http://127.0.0.1:9/escaped.png)}",
    "@\\69mport 'http://127.0.0.1:9/imported.css';",
])
def test_a_stylesheet_that_fetches_in_disguise_stops_the_build(tmp_path, css):
    root = _archive(tmp_path, {"site_config/overrides/assets/extra.css": css,
                               "mkdocs.yml": "extra_css: [assets/extra.css]\n"})
    code, output = _build(root)
    assert code != 0 and "127.0.0.1:9" in output and "Traceback" not in output
    assert not (root / "site").exists()


@pytest.mark.parametrize("refresh", ["0;http://127.0.0.1:9/r", "0; //127.0.0.1:9/r", "5,https://127.0.0.1:9/r"])
def test_a_meta_refresh_without_url_is_seen(tmp_path, refresh):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<html><head>{POLICY_META}<meta http-equiv="refresh" content="{refresh}">'
                                     "</head><body></body></html>", "utf-8")
    assert network_references(site, ["index.html"]) == [("index.html", refresh.split(";")[-1].split(",")[-1].strip())]


def test_an_override_that_leaves_the_policy_out_stops_the_build_and_keeps_the_site(tmp_path):
    root = _archive(tmp_path, {})
    assert _build(root)[0] == 0
    before = (root / "site" / "index.html").read_bytes()
    assert POLICY_META in before.decode("utf-8")
    (root / "site_config" / "overrides").mkdir(parents=True)
    (root / "site_config" / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block site_meta %}<meta charset="utf-8">{% endblock %}', "utf-8")
    code, output = _build(root)
    assert code != 0 and "super()" in output and "Traceback" not in output
    assert (root / "site" / "index.html").read_bytes() == before
