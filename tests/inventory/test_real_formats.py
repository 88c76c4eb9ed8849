"""Every file a county really has, end to end: DOC, WPS, OFD, a scanned PDF, a phone photo, a TIFF.

The files are real: DOC and WPS come from LibreOffice (tests/fixtures/make_office.py, committed),
OFD from a generator that follows the GB/T 33190 package structure, scans from a renderer with
skew, blur, noise, a red stamp and JPEG compression (tests/fixtures/make_scans.py). OCR is the real
engine. Each file exists twice: once with 机密★5年 on its first line (it must reach no output) and
once without (it must be published and found by both searches).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from fixtures import make_scans
from fixtures.make_ofd import make_ofd

from archive_builder.core.config import load_config
from archive_builder.pipeline import search

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
FOLDER = "content/县教科局/发展规划/2016"
MARK = "机密★5年"

#: file stem -> the phrase only its body holds (OCR'd ones chosen from plain, common characters)
PUBLIC = {
    "通知.doc": "校舍安全工程专项资金",
    "通知.wps": "校舍安全工程专项资金",
    "电子公文.ofd": "营养改善计划实施细则",
    "扫描通知.pdf": "农村学校教师周转宿舍",
    "手机拍照.jpg": "留守儿童关爱工作方案",
    "多页扫描.tiff": "学校食堂卫生检查记录",
}
SECRET = {
    "密件.doc": "教师交流轮岗实施方案",
    "密件.wps": "教师交流轮岗实施方案",
    "密件电子公文.ofd": "县域教育布局调整方案",
    "密件扫描.pdf": "中小学校长职级制改革",
    "密件拍照.jpg": "教育经费追加预算请示",
    "密件多页.tiff": "考试命题保密工作安排",
}


def _page(phrase: str, mark: str | None, seed: int):
    lines = ["示范县教育科技局文件", "示教发〔2016〕21号", f"关于{phrase}的通知",
             "各乡镇中心学校：", f"现将{phrase}印发给你们，请认真贯彻执行。", "示范县教育科技局", "2016年5月12日"]
    return make_scans.render_page(lines, mark=mark, seed=seed)


def _write_formats(root: Path) -> None:
    folder = root / FOLDER
    shutil.copy(FORMATS / "plain.doc", folder / "通知.doc")
    shutil.copy(FORMATS / "plain.wps", folder / "通知.wps")
    shutil.copy(FORMATS / "secret.doc", folder / "密件.doc")
    shutil.copy(FORMATS / "secret.wps", folder / "密件.wps")
    for name, phrase, mark in (("电子公文.ofd", PUBLIC["电子公文.ofd"], None),
                               ("密件电子公文.ofd", SECRET["密件电子公文.ofd"], MARK)):
        lines = ([mark] if mark else []) + ["示范县教育科技局文件", f"关于{phrase}的通知", "请认真执行。"]
        make_ofd(folder / name, [lines], title="通知")
    for stem, mark in ((PUBLIC, None), (SECRET, MARK)):
        pdf, jpg, tiff = (name for name in stem if name.endswith((".pdf", ".jpg", ".tiff")))
        make_scans.save_scanned_pdf([make_scans.scan(_page(stem[pdf], mark, 1), 1)], folder / pdf)
        make_scans.save_jpeg(make_scans.phone_photo(_page(stem[jpg], mark, 2), 2), folder / jpg)
        pages = [make_scans.scan(_page(stem[tiff], mark, 3), 3), make_scans.scan(_page("第二页内容", None, 4), 4)]
        make_scans.save_tiff(pages, folder / tiff)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The archive with every format, built into a site and a zip, indexed, checked and catalogued."""
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("formats") / "archive"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / "说明.md").write_text("# 说明\n普通说明文字。\n", "utf-8")
    (root / FOLDER / "坏文件.ofd").write_bytes(b"PK\x03\x04 this is not a package")
    (root / FOLDER / "空白扫描.png").write_bytes(_blank_png())
    _write_formats(root)
    runner = CliRunner()
    outputs = {}
    for name, args in {"build": ["build", "--zip", str(root / "site.zip")], "index": ["index"],
                       "scan": ["scan", "--json"], "check": ["check", "--format", "json"],
                       "catalogue": ["catalogue", "--format", "csv"], "status": ["status"]}.items():
        outputs[name] = runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False).output
    return root, outputs


def _blank_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 1100), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _every_output(root: Path, outputs: dict[str, str]) -> dict[str, str]:
    """Every file the tool wrote (site, zip members, indexes, caches) and every report, as text."""
    found: dict[str, str] = {f"report:{k}": v for k, v in outputs.items()}
    for base in (root / "site", root / ".archive-cache"):
        for path in base.rglob("*"):
            if path.is_file():
                found[str(path)] = path.read_bytes().decode("utf-8", "replace")
    with zipfile.ZipFile(root / "site.zip") as archive:
        for info in archive.infolist():
            found[f"zip:{info.filename}"] = archive.read(info).decode("utf-8", "replace")
    return found


def test_no_word_of_a_classified_file_reaches_any_output(built):
    root, outputs = built
    every = _every_output(root, outputs)
    for name, phrase in SECRET.items():
        leaks = [where for where, text in every.items() if phrase in text]
        assert leaks == [], (name, leaks)


def test_classified_files_are_named_as_classified_by_scan(built):
    root, outputs = built
    inventory = json.loads(outputs["scan"])
    withheld = [w["path"] for w in inventory["withheld"]]
    for name in SECRET:  # each named by its folder and short reference, never by its file name
        ref = hashlib.sha256(next((root / "content").rglob(name)).read_bytes()).hexdigest()[:8]
        assert any(path.endswith(f"(classified file {ref})") for path in withheld), (name, withheld)
        assert name not in outputs["scan"]


def test_public_files_are_found_by_the_command_line_search(built):
    root, _ = built
    config = load_config(root)
    for name, phrase in PUBLIC.items():
        hits = [Path(hit.path).name for hit in search(config, phrase).hits]
        assert name in hits, (name, phrase, hits)


@pytest.mark.browser
def test_public_files_are_found_by_the_site_search_over_file(built, browser):
    import chromium

    root, _ = built
    context, page = chromium.open_page(browser)
    try:
        page.goto((root / "site" / "index.html").as_uri())
        page.wait_for_selector("[data-ab-search][data-state=ready]")
        for name, phrase in PUBLIC.items():
            page.fill(".ab-search__input", phrase)
            page.press(".ab-search__input", "End")
            page.wait_for_selector("[data-ab-search][data-state=done]")
            titles = page.locator(".ab-search__title").all_text_contents()
            assert Path(name).stem in titles, (name, phrase, titles)
        assert {url.split(":", 1)[0] for url in page.requests} == {"file"}
    finally:
        context.close()


def test_a_file_nothing_can_read_is_held_and_named_with_the_fix(built):
    root, outputs = built
    for name in ("坏文件.ofd", "空白扫描.png"):
        assert name in outputs["scan"] and name in outputs["status"] + outputs["check"], name
        assert not any(name in p.name for p in (root / "site").rglob("*.html") if "problems" not in p.name)
    problems = {Path(p["path"]).name: p for p in json.loads(outputs["scan"])["problems"]}
    held = {Path(h["path"]).name: h for h in json.loads(outputs["scan"])["held"]}
    assert "空白扫描.png" in held and "密级: 公开" in held["空白扫描.png"]["fix"]
    assert problems["坏文件.ofd"]["code"] == "scan.broken_ofd" and problems["坏文件.ofd"]["hint"]
    assert problems["空白扫描.png"]["code"] == "policy.held_no_text"
    assert "密级: 公开" in problems["空白扫描.png"]["hint"]
    page = (root / "site" / "problems.html").read_text("utf-8")
    assert "空白扫描" not in page and "坏文件" not in page  # unread, they may be classified: no name in public
    assert page.count("1 个文件待复核") + page.count("1 file to be reviewed") >= 1


def test_a_person_can_release_a_held_scan_by_stating_its_level(built):
    from archive_builder.pipeline import load_inventory
    from archive_builder.review.policy import decide

    root, _ = built
    sidecar = root / FOLDER / "空白扫描.png.yml"
    sidecar.write_text("密级: 公开\n", "utf-8")
    try:
        docs = {Path(d.path).name: d for d in load_inventory(load_config(root)).documents}
        assert decide(docs["空白扫描.png"]).status == "published"
    finally:
        sidecar.unlink()
