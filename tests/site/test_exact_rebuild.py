"""A rebuild after documents are deleted, renamed or reclassified equals a clean build of the same archive."""

from __future__ import annotations

import shutil
from pathlib import Path

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site
from archive_builder.site.manifest import verify_site

from conftest import REPO
from site_helpers import comparable_tree

FIN = "content/县财政局/保障机制"
EDU = "content/县教科局/发展规划"
GONE_TITLE = "二〇一五年薄改资金拨付通知"
RENAMED_TITLE = "二〇一六年教师交流方案"
TO_INTERNAL_TITLE = "二〇一六年控辍保学通报"
TO_SECRET_TITLE = "二〇一六年经费测算说明"


def _doc(title: str, word: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\n{extra}---\n# {title}\n\n正文写明{word}的安排。\n"


FILES = {
    # 县财政局 keeps a document in 2014, so its department page and the 2015 year stay (the navigation
    # is unchanged and the previous site is reused); its 2015 catalogue class empties.
    f"{FIN}/2014/2014年经费保障.md": _doc("二〇一四年经费保障办法", "经费保障", "tags: [经费, 保障]\n"),
    f"{FIN}/2015/2015年薄改资金.md": _doc(GONE_TITLE, "薄改资金甲乙"),
    f"{EDU}/2015/2015年均衡规划.md": _doc("二〇一五年均衡发展规划", "均衡规划"),
    f"{EDU}/2016/2016年交流方案.md": _doc(RENAMED_TITLE, "交流轮岗丙丁"),
    f"{EDU}/2016/2016年控辍保学.md": _doc(TO_INTERNAL_TITLE, "控辍保学戊己"),
    f"{EDU}/2016/2016年经费测算.md": _doc(TO_SECRET_TITLE, "测算庚辛"),
    f"{EDU}/2016/2016年教研工作.md": _doc("二〇一六年教研工作总结", "教研工作"),
}


def _changes(root: Path) -> None:
    """Delete one document, rename one, make one 内部 and one 秘密."""
    (root / FIN / "2015/2015年薄改资金.md").unlink()
    (root / EDU / "2016/2016年交流方案.md").rename(root / EDU / "2016/2016年教师交流轮岗方案.md")
    (root / EDU / "2016/2016年控辍保学.md").write_text(
        _doc(TO_INTERNAL_TITLE, "控辍保学戊己", "classification: 内部\n"), "utf-8")
    (root / EDU / "2016/2016年经费测算.md").write_text(
        _doc(TO_SECRET_TITLE, "测算庚辛", "classification: 秘密\n"), "utf-8")


def _texts(site: Path) -> str:
    return "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def test_rebuild_after_delete_rename_reclassify_equals_clean_build(make_archive, tmp_path):
    root = make_archive(FILES)
    (root / "checklists").mkdir()
    shutil.copy2(REPO / "checklists" / "county.yml", root / "checklists")  # item pages list documents too
    config = load_config(root)
    first = build_site(config)
    assert GONE_TITLE in _texts(first.output) and "2015-y-czj.html" in _texts(first.output)
    assert (first.output / "catalogue" / "2015-y-czj.html").is_file()

    _changes(root)
    rebuilt = build_site(load_config(root))
    assert rebuilt.reused, "the second build must reuse the first site, or this test proves nothing"
    incremental = comparable_tree(rebuilt.output)

    clean_root = tmp_path / "clean"
    shutil.copytree(root, clean_root, ignore=shutil.ignore_patterns(".archive-cache", "site"))
    clean = build_site(load_config(clean_root))
    assert not clean.reused
    expected = comparable_tree(clean.output)

    assert sorted(set(incremental) - set(expected)) == []  # nothing left behind
    assert sorted(set(expected) - set(incremental)) == []
    assert [rel for rel in expected if incremental[rel] != expected[rel]] == []

    text = _texts(rebuilt.output)
    for gone in (GONE_TITLE, "薄改资金甲乙", TO_INTERNAL_TITLE, "控辍保学戊己", TO_SECRET_TITLE, "测算庚辛",
                 "2016年交流方案", "2015-y-czj"):
        assert gone not in text, gone
    assert not (rebuilt.output / "catalogue" / "2015-y-czj.html").exists()
    assert RENAMED_TITLE in text
    assert verify_site(rebuilt.output).intact


def test_rebuild_does_not_show_mkdocs_dirty_warning(make_archive, run_cli):
    root = make_archive(FILES)
    assert run_cli(root, "build").exit_code == 0
    (root / FIN / "2015/2015年薄改资金.md").unlink()
    result = run_cli(root, "--lang", "zh", "build")
    assert result.exit_code == 0, result.output
    assert "dirty" not in result.output
    assert "已生成" in result.output
