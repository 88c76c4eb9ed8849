"""A 密级 the page shows at its top while the text before it is something the page drops, and a level written
where a name would carry it in brackets or at the end.

- A Markdown body opens with a block the sanitiser removes with its content (``<style>`` of 45 rules, a script,
  an SVG, a template …) and then 机密★5年: the page starts with the mark, so the mark is read there, however
  many lines the dropped block took (and two dropped blocks on the mark's own line are read past too).
- A file, folder or title begins with the level in brackets no rule knew (〖绝密〗, 〘机密〙, 『机密』, ❲机密❳,
  ⟦机密⟧, “机密”, {机密}) or ends with it set apart (方案（机密）, 方案-机密, 方案_绝密 v2).
- Words that only speak of secrets stay public: 保守秘密工作方案, 内部控制制度, 机密文件管理办法.

The promise is the site's: a classified document is on no page, in no search shard and no original."""

from __future__ import annotations

import pytest
from withheld import FOLDER, build_and_judge

CSS = "".join(f".c{i}{{color:red}}\n" for i in range(45))
DROPPED_HEADS = {
    "style": f"<style>\n{CSS}</style>\n\n机密★5年\n",
    "two_on_the_line": "<style>a{}</style><style>b{}</style>绝密★启用前\n",
    "script": "<script>\n" + "var a = 1;\n" * 45 + "</script>\n秘密★10年\n",
    "svg": "<svg>\n" + "<g></g>\n" * 45 + "</svg>\n机密★5年\n",
    "template": "<template>\n" + "<p>x</p>\n" * 45 + "</template>\n机密★5年\n",
    "textarea": "<textarea>\n" + "x\n" * 45 + "</textarea>\n机密★5年\n",
}


@pytest.mark.parametrize("name", sorted(DROPPED_HEADS))
def test_a_mark_after_a_block_the_page_drops_is_read(tmp_path, name):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "方案.md").write_text(DROPPED_HEADS[name] + "\n# 方案HIDDENHEAD\n\n正文。\n", "utf-8")
    (folder / "通知.md").write_text("# 通知PUBLICWORD\n\n正文。\n", "utf-8")
    site, statuses = build_and_judge(root)
    assert statuses["方案.md"] == "classified"
    assert b"HIDDENHEAD" not in site and b"PUBLICWORD" in site


CLASSIFIED_NAMES = ["〖绝密〗方案", "〘机密〙方案", "『机密』方案", "❲机密❳方案", "⟦机密⟧方案", "“机密”方案", "{机密}方案",
                    "方案（机密）", "方案-机密", "方案_绝密 v2"]
PUBLIC_NAMES = ["保守秘密工作方案", "内部控制制度", "机密文件管理办法", "关于做好保密工作的通知"]


def test_levels_in_brackets_or_at_the_end_of_names_and_titles_hold_the_document(tmp_path):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for number, name in enumerate(CLASSIFIED_NAMES + PUBLIC_NAMES):
        (folder / f"{name}.md").write_text(f"# 正文NAMEWORD{number:02d}X\n\n正文。\n", "utf-8")
    (folder / "〖机密〗文件夹").mkdir()
    (folder / "〖机密〗文件夹" / "计划.md").write_text("# 计划FOLDERWORD\n", "utf-8")
    (folder / "要点.md").write_text("# 要点TITLEWORD\n", "utf-8")
    (folder / "要点.md.yml").write_text("标题: 〖机密〗2016年工作要点\n", "utf-8")
    site, statuses = build_and_judge(root)
    for number, name in enumerate(CLASSIFIED_NAMES):
        assert statuses[f"{name}.md"] == "classified", name
        assert f"NAMEWORD{number:02d}X".encode() not in site, name
    for number, name in enumerate(PUBLIC_NAMES, start=len(CLASSIFIED_NAMES)):
        assert statuses[f"{name}.md"] == "published", name
        assert f"NAMEWORD{number:02d}X".encode() in site, name
    assert statuses["〖机密〗文件夹/计划.md"] == "classified" and b"FOLDERWORD" not in site
    assert statuses["要点.md"] == "classified" and b"TITLEWORD" not in site
