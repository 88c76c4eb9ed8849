"""A small scratch archive for the site tests, shared by test_build_cli, test_site and test_site_browser."""

from __future__ import annotations

import re
from pathlib import Path

#: A resident ID number with a valid check digit (the masker must hide it everywhere).
VALID_ID = "11010519491231002X"
RARE_WORD = "蜂鸟计划"

DOC_BUDGET = "content/县财政局/保障机制/2015/2015年教育经费预算.md"
DOC_PLAN = "content/县教科局/发展规划/2016/2016年均衡发展规划.txt"
DOC_SECRET = "content/县教科局/发展规划/2016/2016年内部测算.md"
DOC_INTERNAL = "content/县教科局/发展规划/2016/2016年内部通报.md"
ROSTER = "content/data/留守儿童名册.csv"


def archive_files() -> dict[str, str | bytes]:
    """Files of the scratch archive: Markdown, text, CSV roster, a classified and an internal document."""
    return {
        DOC_BUDGET: (
            "---\ntitle: 2015年教育经费预算安排\ndoc_no: 财教〔2015〕12号\n---\n"
            f"# 2015年教育经费预算\n\n本年度义务教育经费全部纳入财政预算，{RARE_WORD}按时足额拨付。\n\n"
            "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n"
        ),
        DOC_PLAN: "全县实行校长教师交流轮岗制度，推进义务教育均衡发展。\n",
        DOC_SECRET: "---\ntitle: 绝密测算表\nclassification: 秘密\n---\n绝密测算内容 SECRETWORD\n",
        DOC_INTERNAL: "---\ntitle: 内部通报\nclassification: 内部\n---\n内部通报内容 INTERNALWORD\n",
        ROSTER: f"姓名,身份证号\n张三,{VALID_ID}\n",
    }


def site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


_EXTERNAL = re.compile(r"<(?:script|link|img|iframe|embed|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?://",
                       re.IGNORECASE)


def external_references(site: Path) -> list[str]:
    """Files whose script/link/img/iframe tags load an http(s) URL, or stylesheets importing one."""
    found = []
    for path in site_files(site):
        if path.suffix == ".html" and _EXTERNAL.search(path.read_text("utf-8", errors="replace")):
            found.append(str(path))
        if path.suffix == ".css" and re.search(r"url\(\s*[\"']?https?://|@import\s+[\"']?https?://",
                                               path.read_text("utf-8", errors="replace")):
            found.append(str(path))
    return found


def tree_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file's mtime and bytes, to prove a folder was left untouched."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in site_files(folder)}
