"""Metadata keys and values as clerks write them, in English or Chinese, normalised.

Pure functions: each takes a raw value and returns the normalised value or None when it
cannot be understood; the scanner turns None into a problem for the clerk.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from archive_builder.core.model import CLASSIFICATIONS
from archive_builder.core.privacy import mask_text

#: canonical key -> the spellings clerks may use
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "题名", "名称"),
    "department": ("department", "单位", "部门"),
    "author": ("author", "责任者", "发文单位"),
    "category": ("category", "类别", "门类"),
    "year": ("year", "years", "年度", "年份"),
    "date": ("date", "日期", "成文日期"),
    "doc_no": ("doc_no", "文号"),
    "school": ("school", "学校"),
    "checklist": ("checklist", "清单", "清单项"),
    "classification": ("classification", "密级", "保密等级", "保密级别", "密级等级", "秘密等级", "密等", "密级程度",
                       "security_level", "security-level", "securitylevel", "security_classification",
                       "classification_level", "secrecy", "secrecy_level", "secret_level", "confidentiality",
                       "confidentiality_level"),
    "secrecy_term": ("secrecy_term", "保密期限", "密级期限", "secrecy_period", "classification_period"),
    "retention": ("retention", "保管期限"),
    "tags": ("tags", "标签"),
    "pages": ("pages", "页数"),
    "archive_no": ("archive_no", "档号"),
}
_LOOKUP = {alias.casefold(): key for key, aliases in KEY_ALIASES.items() for alias in aliases}

_CLASSIFICATION_ALIASES = {
    "public": "公开", "公开": "公开", "非密": "公开", "无": "公开",
    "internal": "内部", "内部": "内部", "内部资料": "内部",
    "secret": "秘密", "秘密": "秘密",
    "confidential": "机密", "机密": "机密",
    "top secret": "绝密", "绝密": "绝密",
    "classified": "秘密",  # a level not named: the least of the secret ones, never 公开
    # pinyin, as a clerk types a key or a value without a Chinese input method
    "gongkai": "公开", "neibu": "内部", "mimi": "秘密", "jimi": "机密", "juemi": "绝密",
}
#: from least to most strict: when metadata states two levels (密级: 机密 and classification: 公开), the stricter holds
STRICTNESS = ("公开", "内部", "秘密", "机密", "绝密")
#: a 保密期限 that names no term
NO_TERM = frozenset(("无", "-", "—", "/", "none", "None", "不涉密", "公开"))
#: words of a key that may be meant as a 密级 in English (secret_class, classified; not secretary)
_ENGLISH_SECRECY = re.compile(r"secre(?!tar)|classif|confidential|^miji$|^baomi|sensitiv")
_RETENTION_ALIASES = {
    "永久": "永久", "y": "永久", "permanent": "永久",
    "30年": "30年", "d30": "30年", "30": "30年", "长期": "30年",
    "10年": "10年", "d10": "10年", "10": "10年", "短期": "10年",
}
_YEAR_MIN, _YEAR_MAX = 1949, 2100
_RANGE_RE = re.compile(r"^(\d{4})\s*(?:年)?\s*[-–—~～至到]\s*(\d{4})\s*(?:年|学年度?|年度)?$")
_SINGLE_RE = re.compile(r"^(\d{4})\s*(?:年度?|学年度?)?$")
_DATE_RES = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_FILENAME_YEAR_RE = re.compile(r"^((?:19|20)\d{2})(?:年度?|[-_ .、])")
_DOC_NO_YEAR_RE = re.compile(r"[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]")


def nfc(text: str) -> str:
    """Unicode NFC, so names typed on a Mac and on Windows compare equal."""
    return unicodedata.normalize("NFC", text)


def key_form(key: Any) -> str:
    """A metadata key as it is looked up: NFKC, no spaces or invisible characters, case folded (密 级 = 密级)."""
    text = unicodedata.normalize("NFKC", str(key))
    return re.sub(r"[\s\u200b-\u200f\u2060\ufeff]+", "", text).translate(_VARIANTS).translate(_LOOKALIKES).casefold()


#: traditional forms of the characters of metadata keys that matter for publication
_VARIANTS = str.maketrans("級機絕祕題標號", "级机绝秘题标号")
#: Cyrillic and Greek letters that look like Latin ones (clаssification with a Cyrillic а reads as classification)
_LOOKALIKES = str.maketrans("аеорсухіјѕԁАВЕКМНОРСТХІЅαοτνΑΒΕΗΙΚΜΝΟΡΤΧ", "aeopcyxijsdABEKMHOPCTXISaotvABEHIKMNOPTX")


def looks_like_classification_key(key: Any) -> bool:
    """An unknown key that may still be meant as 密级 (it mentions 密): never ignored."""
    form = key_form(key)
    return "密" in form or bool(_ENGLISH_SECRECY.search(form))


#: keys that say a document is internal when their value is yes (内部: 是, internal: true) ...
_INTERNAL_KEYS = frozenset({"内部", "内部资料", "内部文件", "internal", "internalonly", "internal_only", "neibu"})
#: ... or that it is not public when their value is no (公开属性: 不予公开, 是否公开: 否, public: false)
_PUBLIC_KEYS = frozenset({"公开", "是否公开", "公开属性", "信息公开属性", "公开方式", "public", "ispublic", "is_public"})
_YES = frozenset({"是", "yes", "y", "true", "1", "对", "√"})
_NO = frozenset({"否", "no", "n", "false", "0", "不", "不公开", "不予公开", "非公开", "依申请公开", "×"})


def states_not_public(key: Any, value: Any) -> bool:
    """Whether an unknown key and its value say the document is not public without naming a level
    (内部: 是, internal: true, 公开属性: 不予公开): never published on a guess either."""
    form = key_form(key)
    answer = str(value).strip().casefold() if value is not None else ""
    return (form in _INTERNAL_KEYS and answer in _YES) or (form in _PUBLIC_KEYS and answer in _NO)


def states_a_level(value: Any, depth: int = 0) -> bool:
    """Whether a value (or one inside it) is a spelling of a level above 公开 (confidential, Top Secret, 内部):
    under a key the tool does not know it may still be meant as the 密级, so it is never published on a guess."""
    if isinstance(value, str):
        return normalise_classification(value) not in (None, "公开")
    if depth > 20:
        return False
    if isinstance(value, dict):
        return any(states_a_level(item, depth + 1) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(states_a_level(item, depth + 1) for item in value)
    return False


def canonical(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split raw metadata into known keys (canonical names) and unknown extras.

    Two spellings of one key: the later wins, except for the 密级 (the stricter level holds, see :func:`stricter`)
    and the 保密期限 (a term holds over 无).
    """
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        name = _LOOKUP.get(key_form(key))
        if name is None:
            extra[str(key)] = value
        elif name == "classification" and name in known:
            known[name] = stricter(known[name], value)
        elif name == "secrecy_term" and states_a_term(known.get(name)) and not states_a_term(value):
            continue
        else:
            known[name] = value
    return known, extra


def stricter(first: Any, second: Any) -> Any:
    """Of two stated 密级 values, the one to hold: the stricter level, or one that cannot be read (a level nobody
    can tell is never lowered to a readable one); an empty value states nothing."""
    if first is None or first == "":
        return second
    if second is None or second == "":
        return first
    levels = normalise_classification(first), normalise_classification(second)
    if levels[0] is None:
        return first
    if levels[1] is None:
        return second
    return second if STRICTNESS.index(levels[1]) >= STRICTNESS.index(levels[0]) else first


def states_a_term(term: Any) -> bool:
    """Whether a 保密期限 value names a term (not 无 / - / empty)."""
    return term not in (None, "") and str(term).strip() not in NO_TERM


def parse_years(value: Any) -> list[int] | None:
    """``2016`` / ``"2016年"`` / ``"2015-2016"`` (school year: both) / a list of those."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return [value] if _YEAR_MIN <= value <= _YEAR_MAX else None
    if isinstance(value, (list, tuple)):
        parts = [parse_years(v) for v in value]
        if not parts or any(p is None for p in parts):
            return None
        return sorted({y for p in parts for y in p})  # type: ignore[union-attr]
    if isinstance(value, str):
        return _years_from_text(nfc(value).strip())
    return None


def _years_from_text(text: str) -> list[int] | None:
    if "," in text or "，" in text or "、" in text:
        return parse_years([p for p in re.split(r"[,，、]", text) if p.strip()])
    match = _RANGE_RE.match(text) or _SINGLE_RE.match(text)
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if match.lastindex == 2 else start
    if not (_YEAR_MIN <= start <= end <= _YEAR_MAX) or end - start > 10:
        return None
    return list(range(start, end + 1))


def parse_date(value: Any) -> str | None:
    """A date as ISO ``yyyy-mm-dd`` from a YAML date, ``2017-02-27`` or ``2017年2月27日``."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, (str, int)):
        return None
    text = nfc(str(value)).strip()
    for pattern in _DATE_RES:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                return None
    return None


#: what may follow a level in a value and still leave it that level: a star and its term (机密★5年, Top Secret★5年),
#: a term or note in brackets (confidential (5 years)), the 件 or 级 of 绝密件, 机密级
_LEVEL_TAIL = re.compile(r"(?:\s*[★☆*].*|\s*[(（\[【][^)）\]】]*[)）\]】]|[件级])$")


def normalise_classification(value: Any) -> str | None:
    """One of 公开/内部/秘密/机密/绝密, or None if not recognised. Full-width letters, letters that only look Latin
    (a Cyrillic е in Sеcret) and what may follow a level (:data:`_LEVEL_TAIL`) do not hide it."""
    text = unicodedata.normalize("NFKC", str(value)).translate(_VARIANTS).translate(_LOOKALIKES).strip()
    text = _LEVEL_TAIL.sub("", text).strip().casefold()
    if text.isascii():
        text = " ".join(re.split(r"[\s_\-]+", text)).strip()  # top_secret, Top-Secret, TOP  SECRET
        text = "top secret" if text == "topsecret" else text
    level = _CLASSIFICATION_ALIASES.get(text)
    return level if level in CLASSIFICATIONS else None


def normalise_retention(value: Any) -> str | None:
    """永久 / 30年 / 10年 (also Y, D30, D10), or None."""
    return _RETENTION_ALIASES.get(nfc(str(value)).strip().casefold())


def as_text_list(value: Any) -> list[str] | None:
    """A string or a list of strings -> list; commas and 、 split a single string."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [nfc(str(v)).strip() for v in value if v is not None]
    elif isinstance(value, (str, int)):
        items = [p.strip() for p in re.split(r"[,，、;；]", nfc(str(value)))]
    else:
        return None
    return [i for i in items if i]


def parse_pages(value: Any) -> int | None:
    """A positive page count."""
    if isinstance(value, bool):
        return None
    try:
        pages = int(str(value).strip().rstrip("页"))
    except ValueError:
        return None
    if pages <= 0 or mask_text(str(pages))[1]:
        return None  # a personal number (页数: 13912345678) is no page count, and is not shown as one
    return pages


def year_from_filename(name: str) -> int | None:
    """The year a file name starts with: ``2016-…``, ``2016年…``, ``2016_…``."""
    match = _FILENAME_YEAR_RE.match(nfc(name))
    return int(match.group(1)) if match else None


def title_from_filename(stem: str) -> str:
    """A readable title from a file stem: drop a leading ``2016-`` style prefix, keep ``2016年…``."""
    stem = nfc(stem).strip()
    match = re.match(r"^(?:19|20)\d{2}[-_ .、]+(.+)$", stem)
    return match.group(1).strip() if match else stem


def year_from_doc_no(doc_no: str) -> int | None:
    """The year inside a 文号: ``示政办发〔2017〕13号`` -> 2017."""
    match = _DOC_NO_YEAR_RE.search(nfc(doc_no))
    return int(match.group(1)) if match else None


def years_from_folder(name: str) -> list[int] | None:
    """A folder named like a year (``2016``, ``2016年``, ``2015-2016学年``) -> its years."""
    return _years_from_text(nfc(name).strip())
