"""Personal data masking and classification marks, applied to everything the tool shows.

Rosters in the archive carry children's resident ID numbers, parents' mobile numbers and bank card
numbers for subsidies. Every output (site pages, extracted text, search index, snippets, reports)
passes its text through :func:`mask_text`; ``content/`` itself is never changed.

Only numbers that validate are masked (ID check digit and birth date, Luhn for cards, a mobile
prefix for phones), so amounts, dates, school codes and 文号 stay readable.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

#: kinds of personal data, in the order they win when two candidates overlap
KINDS = ("id", "bank", "phone")

#: every decimal digit of any script (full-width ０, mathematical 𝟎, Arabic-Indic ٠ …) and the full-width X,
#: plus and minus, mapped one to one so positions in the text do not move
_FULLWIDTH = str.maketrans({
    **{chr(code): str(unicodedata.decimal(chr(code))) for code in range(0x80, 0x20000)
       if unicodedata.category(chr(code)) == "Nd"},
    **dict(zip("Ｘｘ＋－\u3000．（）／～＿", "Xx+- .()/~_")),
    # an input method's full stops and wave dash between groups (139。1234。5678, 139〜1234〜5678)
    **dict(zip("。｡\u301c", "··~")),  # a middle dot, not a decimal point: 附件2。110101… stays an ID
    # the spaces and dashes a word processor or an input method puts between groups: every space but the
    # tab (no-break, en, em, figure, punctuation, thin, hair, narrow, math and ideographic spaces), every
    # hyphen and dash (hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus sign,
    # small and full-width hyphen-minus), and the Roman numeral Ⅹ written as an ID's check character; a tab
    # stays a tab, for it parts a sheet's cells (150⇥1234⇥5678 is three figures, not a phone)
    **{chr(code): " " for code in range(0x80, 0x20000) if unicodedata.category(chr(code)) == "Zs"},
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
    **dict(zip("\u2169\u2179", "Xx")),
    # bullets and rules a typist puts between groups (139•1234•5678, 139‧1234‧5678, 139─1234─5678), and the
    # braille blank, which a page shows as a space
    **dict.fromkeys("\u2022\u2027\u2219\u2500\u2501\u2043", "-"),
    "\u2800": " ",
    # and the letters an input method gives for x in an ID's check character: the multiplication sign ×
    # (智能ABC, 搜狗), Greek chi and Cyrillic ha, which look like it
    **dict(zip("\u00d7\u03c7\u03a7\u0445\u0425", "XxXxX")),
})

#: what may part the groups of a number: a space, dot, middle dot, dash, slash, underscore or tilde, a dash or
#: slash with a space on either side (159 - 1234 - 5678), and a full-width or ideographic comma (see _COMMAS)
_SEP = r"(?: {0,2}\\?[—–/-] {0,2}|\. ?| {1,3}|[·・_~，、])"  # not a tab: it parts a sheet's cells (150 pupils, 1234 元)
#: what may part the groups of a card number: one or two spaces, a comma, a dot, an underscore, a slash or a dash
_CARD_SEP = r"(?: {1,2}|[，、._/-])"
#: commas a typist puts between the groups of a number (1410，2319，9708，0210，16) as between the figures of a
#: list (人数 139，1250，1180): a number so written counts only when it is checked strongly (an ID's date and
#: check digit) or labelled (手机, 卡号), and never when the list goes on past it
_COMMAS = frozenset("，、")
_LIST_GOES_ON = re.compile(r"[0-9][，、]$|^[，、][0-9]")

#: a fraction after a figure (13912345678.5 is an amount), but not the one zero a spreadsheet adds when it
#: writes a whole number as a float (13912345678.0 is the phone number of a cell typed as a number)
_FRACTION = r"\.(?!0(?![0-9]))[0-9]"

# Each pattern sits in a lookahead so candidates may overlap; validation then picks the real ones.
_ID18 = re.compile(
    rf"(?<![0-9])(?<![0-9]\.)(?=([0-9]{{6}}{_SEP}?[0-9]{{4}}{_SEP}?[0-9]{{4}}{_SEP}?[0-9]{{3}}[0-9Xx]"  # 6-8-4, 6-4-4-4
    rf"|[0-9]{{6}}{_SEP}[0-9]{{6}}{_SEP}[0-9]{{5}}[0-9Xx]"  # 6-6-6
    rf"|[0-9]{{4}}(?:{_CARD_SEP}[0-9]{{4}}){{3}}{_CARD_SEP}[0-9][0-9Xx])(?![0-9]))",  # groups of four: 1410 2319 9708 0210 16
    re.ASCII,
)
#: an ID in groups of any size, as explainers and forms part it (6-8-3-1 地址码 出生日期码 顺序码 校验码,
#: 2-2-2-8-4, the birth date written as a date 110101-2005-03-07-1227): counted only when the 18 characters
#: validate (a province, a birth date and the check character)
_ID18_GROUPS = re.compile(rf"(?<![0-9])(?<![0-9]\.)(?=([0-9]{{1,8}}(?:{_SEP}[0-9]{{1,8}}){{1,7}}(?:{_SEP}?[0-9Xx])?)(?![0-9]))",
                          re.ASCII)
_ID15 = re.compile(rf"(?<![0-9])(?<![0-9]\.)(?=([0-9]{{15}}|[0-9]{{6}}{_SEP}[0-9]{{6}}{_SEP}[0-9]{{3}})(?![0-9])(?!{_FRACTION}))",
                   re.ASCII)  # 140102750307123, 140102 750307 123
_BANK = re.compile(
    rf"(?<![0-9])(?<![0-9]\.)(?=([0-9]{{16,19}}|3[47][0-9]{{13}}|[0-9]{{4}}(?:{_CARD_SEP}[0-9]{{4}}){{3}}(?:{_CARD_SEP}[0-9]{{1,3}})?"
    rf"|[0-9]{{4}}(?:{_CARD_SEP}[0-9]{{4}}){{2}}{_CARD_SEP}[0-9]{{7}}|[0-9]{{8}}{_CARD_SEP}[0-9]{{8,11}}"  # 4-4-4-7, 8-8 … 8-11
    rf"|[0-9]{{6}}{_CARD_SEP}[0-9]{{10,13}}|[0-9]{{6}}{_CARD_SEP}[0-9]{{6}}{_CARD_SEP}[0-9]{{4,7}}"  # 6-13, 6-6-4 … 6-6-7
    rf"|[0-9]{{4}}{_CARD_SEP}[0-9]{{6}}{_CARD_SEP}[0-9]{{6,9}}|3[47][0-9]{{2}}{_CARD_SEP}[0-9]{{6}}{_CARD_SEP}[0-9]{{5}})"  # 4-6-6 …, Amex: 4-6-5
    rf"(?![0-9])(?!{_FRACTION}))",
    re.ASCII,
)
_PHONE = re.compile(
    rf"(?<![0-9])(?<![0-9]\.)(?=((?:(?:\+|00)?86[ .-]?|0(?=1[3-9]))?)(\(?1[3-9][0-9]\)?(?:{_SEP}?[0-9]{{4}}){{2}}"  # 3-4-4, (159) 1234 5678
    rf"|1[3-9][0-9]{{2}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}}"  # 4-3-4
    rf"|1[3-9][0-9]{{2}}{_SEP}[0-9]{{4}}{_SEP}[0-9]{{3}})(?![0-9])(?!{_FRACTION}))",  # 4-4-3
    re.ASCII,
)
#: labels that say what the number after them is: the nearest one within reach decides
_PERSONAL_LABELS = ("身份证", "证件号", "证件", "公民身份", "手机", "电话", "联系方式", "卡号", "账号", "帐号", "银行卡", "社保卡",
                    "学籍编号", "学籍号", "学生编号", "考生编号")  # a 学籍号 is G and the pupil's ID number
_OTHER_LABELS = ("项目编号", "项目代码", "编号", "凭证号", "凭证", "记账", "流水号", "单号", "订单", "合同号", "批次", "金额",
                 "代码", "标识码", "登记号", "许可证号")
_LABEL_REACH = 12
#: an amount, not a phone: 13500000000 元, 135亿 (not 万老师: a 万 or 亿 before another word is a surname's, a name's)
_MONEY_AFTER = re.compile(r"[^\S\t\r\n]*(?:元|[万亿](?:元|美元)?(?![\u4e00-\u9fff])|美元|RMB|yuan)", re.IGNORECASE)  # not over a tab
_MONEY_BEFORE = re.compile(r"(?:[¥￥$]|RMB)\s*$", re.IGNORECASE)
#: a row whose cell before names the unit: | 总投入（元） | 13500000000 | (<td>总投入（元）</td><td>…)
_UNIT_CELL_BEFORE = re.compile(r"\(万?元\)(?:\s|[|,]|</?t[dh]>)*$")
_UNIT_CELL_REACH = 24

#: province codes of resident ID numbers (first two digits)
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class _Hit:
    """One personal number found: where, what kind, how many digits stay visible."""

    kind: str
    start: int  # of the digits to mask (a +86 prefix stays outside)
    end: int
    keep_head: int
    keep_tail: int


#: fields (titles, 文号, names, paths) are masked again and again by the pages, the catalogue and the
#: record: a short text's answer is kept, up to this many of them
_REMEMBERED_TEXTS = 1 << 16
_SHORT_TEXT = 512


def mask_text(text: str) -> tuple[str, int]:
    """Mask ID, mobile and bank card numbers in ``text``; return the masked text and how many.

    Character references of digits (``&#49;&#51;&#56;…``, which a page shows as 138…) are written
    out first, so a number spelt that way is masked too.
    """
    if len(text) <= _SHORT_TEXT:
        return _mask_short(text)
    return _mask(text)


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def _mask_short(text: str) -> tuple[str, int]:
    return _mask(text)


def _mask(text: str) -> tuple[str, int]:
    written = _digit_references_written_out(text)
    hits = _find(written)
    if not hits:
        return text, 0  # nothing to mask: the text is left exactly as it was
    text = written
    parts: list[str] = []
    last = 0
    for hit in hits:
        parts.append(text[last:hit.start])
        parts.append(_masked(text[hit.start:hit.end], hit.keep_head, hit.keep_tail))
        last = hit.end
    parts.append(text[last:])
    return "".join(parts), len(hits)


def mask_value(value: Any) -> Any:
    """``value`` with every string inside it masked (lists, tuples, sets and dict values too, keys as well).

    A number whose digits are a personal number (YAML reads ``备注: 13912345678`` as an int) comes back as
    its masked digits, a string; every other number is returned as it is.
    """
    if isinstance(value, str):
        return mask_text(value)[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _masked_number(value)
    if isinstance(value, dict):
        return {mask_value(key): mask_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(mask_value(item) for item in value)
    return value


def _masked_number(value: int | float) -> int | float | str:
    """``value``, or its digits masked when they are a personal number (an ID, a mobile, a card)."""
    if isinstance(value, float):
        if not (value.is_integer() and 1e10 <= abs(value) < 1e20):
            return value  # no personal number has fewer than 11 digits or more than 19
        written = str(int(value))
    else:
        if not 10**10 <= abs(value) < 10**20:
            return value
        written = str(value)
    masked, count = mask_text(written)
    return masked if count else value


def mask_counts(text: str) -> dict[str, int]:
    """How many numbers of each kind (id, phone, bank) ``text`` holds."""
    counts = dict.fromkeys(KINDS, 0)
    for hit in _find(_digit_references_written_out(text)):
        counts[hit.kind] += 1
    return counts


#: a numeric character reference (&#49; &#x31; and without the semicolon, as browsers read it)
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?"
                        r"|&(nbsp|ensp|emsp|thinsp|numsp|shy|ZeroWidthSpace|NoBreak|minus|hyphen|dash|ndash|mdash"
                        r"|zwnj|zwj|lrm|rlm|ThinSpace|hairsp|MediumSpace|NonBreakingSpace|VeryThinSpace|middot"
                        r"|centerdot|period|bull|bullet|InvisibleTimes|it|ic|af)(?:;|(?=[0-9]))"
                        r"|((?:%3[0-9]){2,})")
#: a space or a dash percent-encoded between two digits of a link (tel:139%2D1234%2D5678, sfz=110101%2020050307)
_PERCENT_BETWEEN = re.compile(r"(?<=[0-9])%(?:20|2[dD]|2[eE])(?=[0-9]|%3[0-9])")
_NUMBER_CHARACTERS = frozenset("0123456789Xx +-.")
#: the named references a page shows between two digits as a space, a dash or nothing at all
_NAMED_BETWEEN = {"nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ", "numsp": " ", "shy": "\u00ad",
                  "ZeroWidthSpace": "\u200b", "NoBreak": "\u2060", "minus": "-", "hyphen": "-", "dash": "-",
                  "ndash": "-", "mdash": "-", "zwnj": "\u200c", "zwj": "\u200d", "lrm": "\u200e", "rlm": "\u200f",
                  "ThinSpace": " ", "hairsp": " ", "MediumSpace": " ", "NonBreakingSpace": " ", "VeryThinSpace": " ",
                  "middot": "·", "centerdot": "·", "period": ".", "bull": "·", "bullet": "·", "InvisibleTimes": "\u2062",
                  "it": "\u2062", "ic": "\u2063", "af": "\u2061"}


def _digit_references_written_out(text: str) -> str:
    """``text`` with each reference to a digit, X, separator or invisible character replaced by that character,
    and percent-encoded digits in a link (tel=%31%33%39…) written out."""
    if "&" not in text and "%3" not in text and "%2" not in text:
        return text
    if "%2" in text:
        text = _PERCENT_BETWEEN.sub(lambda match: "-" if match.group(0)[2] in "dD" else " ", text)
    return _REFERENCE.sub(_written_out, text)


def _written_out(match: re.Match[str]) -> str:
    if match.group(4):  # %31%33%39: a browser's address bar shows 139
        return bytes.fromhex(match.group(4).replace("%", "")).decode("ascii")
    if match.group(3):  # a named space, dash or invisible character between two digits parts or joins their groups
        text, start, end = match.string, match.start(), match.end()
        between = 0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()
        return _NAMED_BETWEEN[match.group(3)] if between else match.group(0)
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    character = chr(code) if code < 0x110000 else ""
    plain = character.translate(_FULLWIDTH)
    if plain and (plain in _NUMBER_CHARACTERS or _INVISIBLE.fullmatch(plain)):
        return plain
    return match.group(0)


#: the characters a writer uses for digits in Chinese: 〇 and 零 (and the circles ○ ◯ typed for 〇), 一 to 九, 幺 for 1 as
#: phone numbers are read out, and the financial forms 壹 to 玖, each standing for one digit
_NUMERALS = "〇○◯零一二三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖"
_NUMERAL_DIGITS = str.maketrans(_NUMERALS, "0000123456789" "1" "122334566789")
_NUMERAL = f"[{_NUMERALS}0-9]"
_NUMERAL_SEP = r"[ \-—–.·]"


def _numeral_shapes(*shapes: tuple[int, ...]) -> str:
    """Groups of numerals parted by one separator each, as an alternation: (3, 4, 4) is 一三八 〇〇一三 八〇〇〇."""
    return "|".join(_NUMERAL_SEP.join(f"{_NUMERAL}{{{size}}}" for size in shape) for shape in shapes)


#: an ID or a mobile written in Chinese numerals (digits mixed in): 一四一〇二三一九九七〇八〇二一〇一六, 一三八〇〇一三八〇〇〇,
#: or in an ID's or a mobile's usual groups; a longer run of numerals is no such number
_NUMERAL_NUMBER = re.compile(
    rf"(?<!{_NUMERAL})(?=((?:{_numeral_shapes((17,), (6, 8, 3), (6, 4, 4, 3), (6, 6, 5))})(?:{_NUMERAL}|[Xx])"
    rf"|{_numeral_shapes((19,), (18,), (16,), (4, 4, 4, 4, 3), (4, 4, 4, 4, 2), (4, 4, 4, 4, 1), (4, 4, 4, 4))}"
    rf"|{_numeral_shapes((11,), (3, 4, 4), (4, 4, 3), (4, 3, 4))})(?!{_NUMERAL}|[Xx]))")


def _numeral_numbers(plain: str, labels: _Labels):
    """IDs, mobiles and cards written in Chinese numerals, in text order: an ID when the digits they stand for
    validate (province, birth date, check character); a mobile when they are 1[3-9] and nine more, in one run
    or in a mobile's groups (一三九 一二三四 五六七八); a card when 16 to 19 of them follow a card label (卡号,
    银行卡). A date (二〇一六年) or an amount (一百二十三万元) is none of them: too short, and 十, 百, 千 and 万
    are no digits."""
    if not (_NUMERAL_BEFORE_FIGURE.search(plain) or _DIGIT_BEFORE_NUMERAL.search(plain)):
        return  # no numeral beside another numeral or a digit (a roster of digits, 张三): nothing to look at
    for match in _NUMERAL_NUMBER.finditer(plain):
        written = match.group(1)
        if written.isascii():
            continue  # digits only: the patterns for digits judge them
        start, end = match.start(1), match.end(1)
        digits = _digits(written.translate(_NUMERAL_DIGITS))
        if len(digits) == 18 and _valid_id18(digits):
            yield _Hit("id", start, end, 6, 4)
        elif len(digits) == 11 and _MOBILE.fullmatch(digits):
            yield _Hit("phone", start, end, 3, 4)
        elif 16 <= len(digits) <= 19 and labels.card_label_before(start):
            yield _Hit("bank", start, end, 0, 4)


_MOBILE = re.compile("1[3-9][0-9]{9}")
#: two searches, each starting with a set of characters, which the regular expression engine skips to quickly
_NUMERAL_BEFORE_FIGURE = re.compile(f"[{_NUMERALS}]{_NUMERAL}")
_DIGIT_BEFORE_NUMERAL = re.compile(f"[0-9][{_NUMERALS}]")
_FIGURE = re.compile(rf"[{_NUMERALS}]|\d")


def may_hold_number(text: str) -> bool:
    """Whether ``text`` has a digit of any script or a Chinese numeral, so it may hold a personal number: a reader
    that keeps only such strings of a file's hidden parts keeps 一四一〇二三… as well as 141023…."""
    return _FIGURE.search(text) is not None


def _find(text: str) -> list[_Hit]:
    """Every valid personal number, non-overlapping, in text order.

    Linear in the text: each kind's candidates come in text order and are merged into the hits
    taken so far in one pass (IDs win over cards, cards over phones), and the labels before every
    candidate are looked up among label positions found once for the whole text.
    """
    plain, places = _as_shown(text.translate(_FULLWIDTH))
    labels = _Labels(plain)
    taken: list[_Hit] = []
    for candidates in (_ids18(plain), _ids15(plain), _banks(plain, labels), _phones(plain, labels),
                       _numeral_numbers(plain, labels)):
        taken = _merge(taken, (hit for hit in candidates if not _named_otherwise(plain, labels, hit)))
    if _SPACED.search(plain):
        taken = _merge(taken, _spaced(plain))
    if places is None:
        return taken
    return [_Hit(hit.kind, places[hit.start], places[hit.end - 1] + 1, hit.keep_head, hit.keep_tail) for hit in taken]


#: what a reader never sees between two digits: invisible format characters anywhere, and between
#: digits an inline tag (141023<b>1997</b>…; a cell's or a paragraph's tags do part two numbers),
#: Markdown emphasis (141023**1997**…; four stars or more are a masked number's, 130****0000); and a single
#: line break, which a page shows as a space (a blank line parts paragraphs, and so numbers)
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e"
                        r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e01ef"
                        # combining marks drawn on a digit (underline, strike, keycap): the digit is still read
                        r"\u0300-\u036f\u20d0-\u20ff\ufe20-\ufe2f]+")
#: a tag's attributes, of any length: unquoted text on the tag's line, or quoted values (a sanitised page writes
#: < and > inside them as entities, so no scan runs past the next < or >: linear in the text)
_ATTRIBUTES = r"""(?:[^<>"'\n]|"[^"<>]*"|'[^'<>]*')*"""
_BETWEEN_DIGITS = re.compile(r"(?<=[0-9Xx])(?:</?(?:b|i|u|s|em|strong|span|a|wbr|font|mark|small|code|del|ins|abbr|kbd|sup|sub|samp|cite|q|var|dfn|bdi|bdo|time|data"
                             r"|big|tt|nobr|label|strike|ruby)"
                             rf"(?:\s{_ATTRIBUTES})?>|<!--(?:(?!-->)[^\n]){{0,200}}-->|(?<!\*)\*{{1,3}}(?!\*)|_{{2,3}}|~~|`{{1,3}})+(?=[0-9Xx])")
_LINE_BREAK = re.compile(r"(?:(?<=[0-9Xx])|(?<=[0-9Xx][-—–])|(?<=[0-9Xx] [-—–]))[ \t]*\r?\n[ \t]*(?=[0-9])")
#: a line holding one bare figure: three such lines in a row are a table read one cell per line
#: (人数 / 139 / 1250 / 1180), whose breaks part the figures
_CELL_LINE = re.compile(r"[ \t]*[0-9][0-9.,]*[Xx]?[ \t\r]*")


def _as_shown(plain: str) -> tuple[str, list[int] | None]:
    """``plain`` as a reader sees its digits, and where each of its characters stands in ``plain``.

    None for the places when nothing was hidden (the common case: the text is its own view).
    """
    if not (_INVISIBLE.search(plain) or _BETWEEN_DIGITS.search(plain) or _LINE_BREAK.search(plain)):
        return plain, None
    shown: list[str] = []
    places: list[int] = []

    def keep(start: int, end: int) -> None:
        shown.append(plain[start:end])
        places.extend(range(start, end))

    hidden = sorted([(*m.span(), "") for m in _INVISIBLE.finditer(plain)]
                    + [(*m.span(), "") for m in _BETWEEN_DIGITS.finditer(plain)]
                    + [(*m.span(), " ") for m in _LINE_BREAK.finditer(plain) if not _in_column(plain, *m.span())])
    last = 0
    for start, end, instead in hidden:
        start = max(start, last)
        if end <= start:
            continue
        keep(last, start)
        if instead:  # the break is shown as a space, standing where the break starts
            shown.append(instead)
            places.append(start)
        last = end
    keep(last, len(plain))
    return "".join(shown), places


def _in_column(plain: str, start: int, end: int) -> bool:
    """Whether the line break at ``start:end`` sits in a run of three or more lines of one bare figure each."""
    above = _lines_of_cells(plain, start, -1)
    return above > 0 and above + _lines_of_cells(plain, end, 1) >= 3


def _lines_of_cells(plain: str, at: int, step: int) -> int:
    """How many lines from the one ending (``step`` -1) or starting (1) at ``at`` hold one bare figure (two at most)."""
    count = 0
    while count < 2 and 0 <= at <= len(plain):
        if step < 0:
            begin = plain.rfind("\n", 0, at) + 1
            line, at = plain[begin:at], begin - 1
        else:
            finish = plain.find("\n", at)
            finish = len(plain) if finish < 0 else finish
            line, at = plain[at:finish], finish + 1
        if not _CELL_LINE.fullmatch(line):
            break
        count += 1
        if at < 0 or at > len(plain):
            break
    return count


def _merge(taken: list[_Hit], candidates) -> list[_Hit]:  # noqa: ANN001 - an iterator of _Hit in text order
    """``taken`` with every candidate added that overlaps neither a taken hit nor an earlier candidate."""
    merged: list[_Hit] = []
    index = 0
    for hit in candidates:
        while index < len(taken) and taken[index].start < hit.start:
            merged.append(taken[index])
            index += 1
        if merged and merged[-1].end > hit.start:
            continue
        if index < len(taken) and taken[index].start < hit.end:
            continue
        merged.append(hit)
    merged.extend(taken[index:])
    return merged


def _ids18(plain: str):
    """Resident ID candidates: 18 digits with a valid birth date and check digit, in the groups an ID is
    usually written in, or in any other grouping (:data:`_ID18_GROUPS`), in text order."""
    hits: dict[int, _Hit] = {}
    for pattern in (_ID18, _ID18_GROUPS):
        for match in pattern.finditer(plain):
            start, end = match.start(1), match.end(1)
            if start in hits or _comma_written(plain, start, end) and not _alone(plain, start, end):
                continue
            digits = _digits(match.group(1))
            if len(digits) == 18 and _valid_id18(digits):
                hits[start] = _Hit("id", start, end, 6, 4)
    yield from (hits[start] for start in sorted(hits))


def _ids15(plain: str):
    """Old 15-digit resident ID numbers (before 1999) with a valid birth date."""
    for match in _ID15.finditer(plain):
        if _valid_id15(_digits(match.group(1))):
            yield _Hit("id", match.start(1), match.end(1), 6, 4)


def _banks(plain: str, labels: _Labels):
    """Bank card candidates: 16–19 digits, a card-like first digit, a valid Luhn sum; or, right after a card or
    account label (卡号, 银行卡, 账号), any 16–19 digits: a mistyped card number is still a person's."""
    for match in _BANK.finditer(plain):
        digits = _digits(match.group(1))
        card = 16 <= len(digits) <= 19 or len(digits) == 15 and digits[:2] in ("34", "37")
        start, end = match.start(1), match.end(1)
        if _comma_written(plain, start, end) and not (
                _alone(plain, start, end) and (_union_pay(digits) or labels.card_label_before(start))):
            continue
        if not card:
            continue
        if labels.card_label_before(start):
            yield _Hit("bank", start, end, 0, 4)
        elif _card_prefix(digits) and _luhn_ok(digits) and not _project_number(digits) and not _org_code(plain, start, digits):
            yield _Hit("bank", start, end, 0, 4)


def _org_code(plain: str, start: int, digits: str) -> bool:
    """Whether 18 digits are an organisation's public 统一社会信用代码, not a card: labelled so, or valid as one."""
    return len(digits) == 18 and (_org_code_named(plain, start) or _uscc(digits))


def _named_otherwise(plain: str, labels: _Labels, hit: _Hit) -> bool:
    """Whether a label of another kind names the number at ``hit``; a 统一社会信用代码 label never hides a valid ID
    (the label then names the wrong thing: the 18 digits are a person's)."""
    if not labels.otherwise(hit.start):
        return False
    return not (hit.kind == "id" and _org_code_named(plain, hit.start))


#: the label of an organisation's 统一社会信用代码 (GB 32100-2015) on the line before a number
_ORG_CODE_LABEL = re.compile(r"(?:统一社会信用代码|社会信用代码|信用代码|(?<![A-Za-z])USCC)[^\n0-9]{0,12}\Z", re.IGNORECASE)
_ORG_CODE_REACH = 24


def _org_code_named(plain: str, start: int) -> bool:
    """Whether a 统一社会信用代码 (信用代码, USCC) label stands right before ``start`` on its line."""
    return bool(_ORG_CODE_LABEL.search(plain, max(0, start - _ORG_CODE_REACH), start))


#: the characters of a 统一社会信用代码, by their value (no I, O, S, V, Z)
_USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, place, 31) for place in range(17))
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
#: the registering authority and the kind of organisation (first two characters) an all-digit code may begin with
_USCC_KINDS = re.compile(r"1[1239]|5[1239]|9[123]|[2-8][19]")


def _uscc(digits: str) -> bool:
    """Whether 18 digits are an organisation's 统一社会信用代码: a registering authority and kind, an area code, an
    organisation code with its own check digit (GB 11714) and the code's check character (GB 32100-2015).

    A card passes all of these about once in a few thousand times; an ID is judged before (a valid ID is masked)."""
    if len(digits) != 18 or not digits.isdigit() or not _USCC_KINDS.fullmatch(digits[:2]):
        return False
    if digits[2:4] not in _PROVINCES and digits[2:4] != "10":  # 100000: an organisation of the central state
        return False
    organisation = sum(int(digit) * weight for digit, weight in zip(digits[8:16], _ORG_CODE_WEIGHTS))
    if str((11 - organisation % 11) % 11) != digits[16]:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:17], _USCC_WEIGHTS))
    return _USCC_CHARACTERS[(31 - total % 31) % 31] == digits[17]


def _project_number(digits: str) -> bool:
    """Whether 16–19 digits read as a project or approval number: an area code, a date (1990–2035), a serial
    (6201022017040666386). Such a number passes Luhn one time in ten by chance; a card label still makes it a card."""
    if len(digits) < 16 or digits[:2] not in _PROVINCES or digits[2:6] == "0000":
        return False
    try:
        day = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return 1990 <= day.year <= 2035


#: single digits one per cell (a form's boxes: 身份证号码⇥1⇥4⇥0…, a page's <td>1</td><td>4</td>…) or letter-spaced
#: (1 4 0 7 …), with a tab, spaces, a table's pipe or a cell's tags between them
_CELL_GAP = r"(?:[ \t|,]{1,5}|(?:</p>)?</t[dh]>\s{0,2}<t[dh](?:\s[^<>]{0,80})?>(?:<p>)?)"
_SPACED = re.compile(rf"(?<![0-9])[0-9](?:{_CELL_GAP}[0-9]){{9,17}}(?:{_CELL_GAP}[0-9Xx])?(?![0-9A-Za-z])", re.ASCII)
#: a label of a personal number right before such digits (tags and the label's own words between)
_SPACED_LABEL = re.compile(r"(?:身份证|证件|公民身份|手机|电话|联系|家长|监护人|卡号|银行卡|(?<![A-Za-z])ID)[^\n0-9]{0,10}$")
_CELL_TAGS = re.compile(r"<[^<>]*>|[ \t|,]")
#: the length a form's label states (公民身份号码（18位）, 家长手机（11位）): no figure of the number
_LENGTH_NOTE = re.compile(r"[（(]\s*[0-9]{1,2}\s*位\s*[）)]")


def _spaced(plain: str):
    """A number written one digit per cell or letter-spaced, right after a label of a personal number (身份证,
    手机, 银行卡 …) on its line, that validates whole: an ID (check digit and birth date), a mobile, a card (Luhn)."""
    for match in _SPACED.finditer(plain):
        start, end = match.span()
        digits = _CELL_TAGS.sub("", match.group())
        if not _SPACED_LABEL.search(_LENGTH_NOTE.sub("", _TAG_TEXT.sub("", plain[max(0, start - 60):start]))):
            continue
        if len(digits) == 18 and _valid_id18(digits) or len(digits) == 15 and _valid_id15(digits):
            yield _Hit("id", start, end, 6, 4)
        elif len(digits) == 11 and re.fullmatch("1[3-9][0-9]{9}", digits):
            yield _Hit("phone", start, end, 3, 4)
        elif 16 <= len(digits) <= 19 and _luhn_ok(digits):
            yield _Hit("bank", start, end, 0, 4)


def _union_pay(digits: str) -> bool:
    """A 19-digit UnionPay debit card (62…) with a valid Luhn sum: checked as strongly as an ID's check digit."""
    return len(digits) == 19 and digits.startswith("62") and _luhn_ok(digits)


def _card_prefix(digits: str) -> bool:
    """A card network's first digits: 3/4/5/6/8/9, or Mastercard's 2-series (2221–2720)."""
    return digits[0] in "345689" or 2221 <= int(digits[:4]) <= 2720


#: what may stand between a label of another kind and the number it names (项目编号：…, 凭证号码 …, 金额（元）…):
#: a figure, a name or a cell between them (编号 001 李四 1101…, 第一批次,王五,1101…) means the label names
#: something else, and the number after them is judged on its own
_LABELS_THIS = re.compile(r"[ \t:：=#＃№（）()\[\]【】.\-—_/为是码元]*(?:[0-9]+[ .\-—_/])*").fullmatch


class _Labels:
    """Where the labels stand in a text, found once: the nearest one within reach of a number decides."""

    _PATTERN = re.compile("(?=(" + "|".join(map(re.escape, (*_PERSONAL_LABELS, *_OTHER_LABELS))) + "))")

    def __init__(self, plain: str) -> None:
        found = [(m.start(), m.group(1)) for m in self._PATTERN.finditer(plain)]
        self.starts = [start for start, _ in found]
        self.found = found
        self.plain = plain
        self.columns = _Columns(plain)

    def otherwise(self, start: int) -> bool:
        """Whether the nearest label before ``start`` names a project number, voucher, amount or code.

        Only on the number's own line: a table's header row (… 手机 金额) says nothing of the first cell
        of the row below it (张三 15912345678).
        """
        personal = other = personal_end = -1
        index = bisect.bisect_left(self.starts, start - _LABEL_REACH)
        while index < len(self.found) and self.found[index][0] < start:
            at, label = self.found[index]
            if at + len(label) <= start:
                if label in _PERSONAL_SET:
                    if at + len(label) > personal_end:  # 学籍号 inside 学籍编号 is the same label
                        personal, personal_end = at, at + len(label)
                elif at + len(label) <= personal_end:
                    pass  # 编号 inside 学籍编号
                elif at == personal_end:
                    personal = at  # 身份证编号, 银行卡编号, 手机编号: the number of a person's card or phone
                elif _LABELS_THIS(self.plain[at + len(label):start]):
                    other = at
            index += 1
        if personal >= 0 or other >= 0:
            return other > personal
        return self.columns.other_column(start)

    def card_label_before(self, start: int) -> bool:
        """Whether the nearest label before ``start``, on its line and within reach, names a card or account."""
        return self.label_before(start, _CARD_LABELS)

    def label_before(self, start: int, kinds: frozenset[str]) -> bool:
        """Whether the nearest label before ``start``, on its line and within reach, is one of ``kinds``."""
        index = bisect.bisect_right(self.starts, start) - 1
        while index >= 0 and self.found[index][0] >= start - _LABEL_REACH:
            at, label = self.found[index]
            if at + len(label) <= start and "\n" not in self.plain[at + len(label):start]:
                before = self.found[index - 1] if index > 0 else None  # 银行卡编号: the card's number
                compound = before is not None and before[0] + len(before[1]) == at and before[1] in kinds
                return label in kinds or compound
            index -= 1
        return False


class _Columns:
    """The header of the table column a number stands in, so 项目编号, 凭证号 or 金额（元） over a column keeps its
    figures as the same label before a number on its line does.

    Two kinds of table have columns to trust: a Markdown table (a header row, then its |---| row) and an HTML
    table without spanning cells (a page's <table>, the first row its header). A sheet's text is not one: its
    empty cells are dropped, so a figure may stand under another column's header. Everything is found once
    for the text and looked up by bisection: linear in the text however many numbers it holds.
    """

    def __init__(self, plain: str) -> None:
        self.plain = plain
        self._lines: list[int] | None = None
        self._html: dict[str, list[int]] | None = None
        self._blocks: dict[int, int] = {}
        self._headers: dict[int, list[str] | None] = {}
        self._rows: dict[int, list[int]] = {}
        self._pipes: list[int] | None = None
        self._piped_text = "|" in plain
        self._tabled = "<t" in plain or "<T" in plain

    def other_column(self, start: int) -> bool:
        """Whether the number at ``start`` stands in a table column whose header names no personal number
        but a project number, voucher, serial or amount."""
        header = self._pipe_header(start) if self._piped_text else None
        if header is None and self._tabled:
            header = self._html_header(start)
        return header is not None and _other_column(header)

    # --- Markdown tables ---

    def _pipe_header(self, start: int) -> str | None:
        lines = self._line_starts()
        line = bisect.bisect_right(lines, start) - 1
        if not self._piped(line):
            return None
        first = self._block_start(line)
        if line < first + 2:
            return None  # the header row itself or its rule
        cells = self._pipe_cells(first)
        if self._pipes is None:
            self._pipes = [m.start() for m in _PIPE.finditer(self.plain)]
        column = _count(self._pipes, lines[line] - 1, start) - bool(_LEADING_PIPE.match(self.plain, lines[line]))
        return cells[column] if cells is not None and 0 <= column < len(cells) else None

    def _line_starts(self) -> list[int]:
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self.plain))]
        return self._lines

    def _line(self, index: int) -> str:
        lines = self._line_starts()
        end = lines[index + 1] - 1 if index + 1 < len(lines) else len(self.plain)
        return self.plain[lines[index]:end]

    def _piped(self, index: int) -> bool:
        lines = self._line_starts()
        end = lines[index + 1] if index + 1 < len(lines) else len(self.plain)
        if self._pipes is None:
            self._pipes = [m.start() for m in _PIPE.finditer(self.plain)]
        return _count(self._pipes, lines[index] - 1, end) > 0

    def _block_start(self, index: int) -> int:
        """The first of the run of table lines (each with a |) that ``index`` is in; each line visited once."""
        visited = []
        while index not in self._blocks and index > 0 and self._piped(index - 1):
            visited.append(index)
            index -= 1
        first = self._blocks.get(index, index)
        for line in (*visited, index):
            self._blocks[line] = first
        return first

    def _pipe_cells(self, first: int) -> list[str] | None:
        """The header cells of the Markdown table whose first line is ``first``; None when the line after
        it is no |---| rule (then the lines are not a table). Found once a table."""
        key = -1 - first  # apart from the HTML rows' keys
        if key not in self._headers:
            cells = None
            if _TABLE_RULE.fullmatch(self._line(first + 1)):
                cells = _PIPE.split(self._line(first).strip())
                cells = [cell[:_HEADER_CELL] for cell in (cells[1:] if cells and not cells[0] else cells)]
            self._headers[key] = cells
        return self._headers[key]

    # --- HTML tables ---

    def _html_header(self, start: int) -> str | None:
        tags = self._html_tags()
        table = _last_before(tags["table"], start)
        row = _last_before(tags["tr"], start)
        if table is None or row is None or row < table or _count(tags["end"], table, start):
            return None  # not in a table's row, or after the table it follows ended
        if _count(tags["span"], table, start):
            return None  # a spanning cell before it: columns no longer line up
        head = tags["tr"][bisect.bisect_right(tags["tr"], table)]
        if head == row:
            return None
        if head not in self._headers:
            texts = [_cell_text(self.plain, cell) for cell in self._row_cells(head)]
            # a header names two columns or more: a sheet's first row may be its title, one cell over all
            self._headers[head] = texts if sum(bool(text.strip()) for text in texts) >= 2 else None
        cells = self._headers[head]
        if cells is None or len(self._row_cells(row)) != len(cells):
            return None
        column = _count(tags["cell"], row, start) - 1
        return cells[column] if 0 <= column < len(cells) else None

    def _row_cells(self, row: int) -> list[int]:
        """Where each cell of the HTML row opening at ``row`` opens (found once a row)."""
        if row not in self._rows:
            tags = self._html_tags()
            after = bisect.bisect_right(tags["tr"], row)
            ends = tags["tr"][after] if after < len(tags["tr"]) else len(self.plain)
            self._rows[row] = tags["cell"][bisect.bisect_right(tags["cell"], row):bisect.bisect_left(tags["cell"], ends)]
        return self._rows[row]

    def _html_tags(self) -> dict[str, list[int]]:
        if self._html is None:
            found: dict[str, list[int]] = {"table": [], "tr": [], "cell": [], "end": [], "span": []}
            for match in _TABLE_TAGS.finditer(self.plain):
                found[_TABLE_TAG_KINDS[(match.group(1) or "span").lower()]].append(match.start())
            self._html = found
        return self._html


#: the rule under a Markdown table's header row: |---|:---:|
_TABLE_RULE = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?")
_PIPE = re.compile(r"(?<!\\)\|")
_LEADING_PIPE = re.compile(r"[ \t]*\|")
_TABLE_TAGS = re.compile(r"<(table|tr|td|th|/table)(?=[\s>/])|\b(colspan|rowspan)\b", re.IGNORECASE)
_TABLE_TAG_KINDS = {"table": "table", "tr": "tr", "td": "cell", "th": "cell", "/table": "end", "span": "span"}
_HEADER_CELL = 40  # a header's first characters are enough to name its column
_TAG_TEXT = re.compile(r"<[^<>]*>")
#: what a column's header says of its figures: a project number, a voucher or a serial. Not an amount: a header
#: far above a cell (金额, 拨付金额（元）) does not make 13800138000 in it money, nor does a row missing a cell put
#: a parent's mobile under 金额 by right; an amount says so in its own cell (元, ¥, 金额 before it, decimals)
_COLUMN_LABELS = frozenset(("项目编号", "项目代码", "项目号", "凭证号", "凭证编号", "记账凭证号", "流水号", "交易流水号",
                            "合同号", "合同编号", "订单号", "批次号"))


def _other_column(header: str) -> bool:
    """Whether a column header names project numbers, vouchers or serials, and no personal number."""
    name = re.sub(r"[\s*_`]", "", header.translate(_FULLWIDTH))
    if not name or any(label in name for label in _PERSONAL_LABELS):
        return False
    return re.sub(r"\([^()]*\)$", "", name) in _COLUMN_LABELS  # 凭证号（记账）


def _cell_text(plain: str, at: int) -> str:
    """The text of the cell whose tag opens at ``at`` (its first characters)."""
    opened = plain.find(">", at)
    if opened < 0:
        return ""
    closes = [end for end in (plain.find("</t", opened), plain.find("<t", opened + 1)) if end >= 0]
    end = min([*closes, opened + 1 + 4 * _HEADER_CELL])
    return _TAG_TEXT.sub("", plain[opened + 1:end])[:_HEADER_CELL]


def _last_before(positions: list[int], at: int) -> int | None:
    index = bisect.bisect_left(positions, at) - 1
    return positions[index] if index >= 0 else None


def _count(positions: list[int], start: int, end: int) -> int:
    """How many of ``positions`` lie between ``start`` and ``end``."""
    return bisect.bisect_left(positions, end) - bisect.bisect_right(positions, start)


_PERSONAL_SET = frozenset(_PERSONAL_LABELS)
_CARD_LABELS = frozenset(("卡号", "银行卡", "账号", "帐号", "社保卡"))
_PHONE_LABELS = frozenset(("手机", "电话", "联系方式"))


def _phones(plain: str, labels: _Labels):
    """Mainland mobile numbers, unless they read as an amount of money (or a list of figures, see _COMMAS)."""
    for match in _PHONE.finditer(plain):
        start, end = match.start(2), match.end(2)
        money = _MONEY_AFTER.match(plain, end) or _money_before(plain, match.start(1))
        if money and not labels.label_before(start, _PHONE_LABELS):  # 手机13912345678元旦后 is a phone
            continue
        if _comma_written(plain, start, end) and not (_alone(plain, start, end) and labels.label_before(start, _PHONE_LABELS)):
            continue
        yield _Hit("phone", start, end, 3, 4)


def _money_before(plain: str, at: int) -> bool:
    """Whether a money sign (¥, RMB) or a cell naming the unit (总投入（元）) stands right before ``at``."""
    if _MONEY_BEFORE.search(plain, max(0, at - 8), at):
        return True
    before = plain[max(0, at - _UNIT_CELL_REACH):at]
    return "元)" in before and _UNIT_CELL_BEFORE.search(before) is not None


def _comma_written(plain: str, start: int, end: int) -> bool:
    """Whether the candidate at ``start:end`` has a comma between its groups (see _COMMAS)."""
    return not _COMMAS.isdisjoint(plain[start:end])


def _alone(plain: str, start: int, end: int) -> bool:
    """Whether no figure goes on with a comma before or after ``start:end``: the candidate is not part of a list."""
    return not (_LIST_GOES_ON.search(plain[max(0, start - 2):start]) or _LIST_GOES_ON.search(plain[end:end + 2]))


def _digits(value: str) -> str:
    """The digits (and X) of a number written with spaces, dots or dashes."""
    return value.translate(_SEPARATORS)


_SEPARATORS = str.maketrans("", "", " -.—–/_~·・()，、\\")


def _valid_id18(digits: str) -> bool:
    """Province, birth date and ISO 7064 MOD 11-2 check digit of an 18-digit ID number."""
    if digits[:2] not in _PROVINCES or not _valid_birth(digits[6:14]):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == digits[17].upper()


def _valid_id15(digits: str) -> bool:
    """Province and birth date (19YYMMDD) of a 15-digit ID number from before 1999."""
    return digits[:2] in _PROVINCES and _valid_birth("19" + digits[6:12])


def _valid_birth(yyyymmdd: str) -> bool:
    """A real calendar date between 1900 and 2099."""
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2099


def _luhn_ok(digits: str) -> bool:
    """The Luhn checksum every bank card number satisfies."""
    odd = digits[::-1][1::2]
    total = sum(map(int, digits[::-1][::2])) + sum(_LUHN_DOUBLED[int(ch)] for ch in odd)
    return total % 10 == 0


_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _masked(span: str, keep_head: int, keep_tail: int) -> str:
    """Replace the digits of ``span`` with '*' except the first and last few; keep separators."""
    if span.isascii() and span.isalnum():  # the common case: digits only
        return span[:keep_head] + "*" * (len(span) - keep_head - keep_tail) + span[len(span) - keep_tail:]
    places = [m.start(1) for m in _ALNUM.finditer(span.translate(_FULLWIDTH).translate(_NUMERAL_DIGITS)) if m.group(1)]
    chars = list(span)
    for place in places[keep_head:len(places) - keep_tail]:
        chars[place] = "*"
    return "".join(chars)


_ALNUM = re.compile(rf"<{_ATTRIBUTES}>|([0-9A-Za-z])")  # a tag's letters are not the number's


# --- classification marks -------------------------------------------------------------------

_LEVELS = ("秘密", "机密", "绝密")  # lowest first
_STAR = "★☆*＊"
#: every star-like sign a typist puts between the level and the term: 机密⭐5年, 绝密▲长期, 机密✱10年, 机密✩5年,
#: 机密⋆5年, 机密※5年: the common ones, and every symbol Unicode names a star, asterisk, asterism, sparkle or florette
_STARS = "★☆*＊⭐✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿❉❊❋▲△▼▽◆◇●○■□※⁕" + "".join(sorted(
    {chr(code) for start, end in ((0x00A0, 0x0700), (0x2000, 0x2C00), (0x3000, 0x3040), (0xFE00, 0x10000),
                                  (0x1F000, 0x1FC00))
     for code in range(start, end)
     if re.search(r"\b(?:STAR|ASTERISK|ASTERISM|SPARKLE|FLORETTE)\b", unicodedata.name(chr(code), ""))}
    - set("★☆*＊⭐✱✲✳✴✵✶✷✸✹✺✻✼✽✾✿❉❊❋")))
#: a dash or another sign a typist puts between the level and the term instead of a star: 机密-5年, 机密/5年, 机密+5年
_JOINERS = "-‐‑‒–—―−+/:：~～"
_TERM = r"(?:[0-9]+个?[年月]|[一二三四五六七八九十]+个?[年月]|长期)"
_LEVEL = r"(秘密|机密|绝密)"
#: a term as a mark gives it, not a year (机密-5年, 秘密 10年; not 秘密 2016年)
_SHORT_TERM = r"(?:[0-9]{1,2}个?[年月]|[一二三四五六七八九十]+个?[年月]|长期)"
#: a line that is only the mark: 秘密 / 机密★ / 绝密★长期 / 密级：机密★1年。 / ★机密 / 机密级 (compacted: no spaces)
_ALONE = re.compile(rf"^(?:密级[:：]?)?[★☆]?{_LEVEL}级?(?:[{_STAR}]{_TERM}?)?[。.]?$")
#: the same read through OCR noise: one or two stray characters where the star was (机密妇1年)
_NOISY = re.compile(rf"^(?:密级[:：]?)?{_LEVEL}[^\u4e00-\u9fff]?.?{_TERM}[。.]?$")
#: a term right after the level, no star: 机密10年 / 秘密 5年, at the start or end of a head line
_TERMED = re.compile(rf"(?:^|[^\u4e00-\u9fff]){_LEVEL}{_TERM}(?:$|[^\u4e00-\u9fff])")
#: the mark with its star anywhere in a head line: 份号 000012  机密★5年, 份号：000012　机密-5年　特急
_STARRED = re.compile(rf"(?<![\u4e00-\u9fff]){_LEVEL}\s*(?:[★☆⭐✱▲△◆●]\s*{_TERM}?|[{re.escape(_STARS)}]\s*{_TERM}"
                      rf"|[{re.escape(_JOINERS)}]\s*{_SHORT_TERM})")
#: the level and its term parted by a gap, the term ending there: 机密 5年 份号0001 (机密（5年）份号0001)
_GAPPED = re.compile(rf"(?<![\u4e00-\u9fff]){_LEVEL}\s+{_SHORT_TERM}(?![\u4e00-\u9fff])")
#: the level followed by its period named as a field: 秘密  保密期限：10年
_PERIOD = re.compile(rf"(?<![\u4e00-\u9fff]){_LEVEL}(?:保密期限|期限)[:：]?{_TERM}")
#: the full mark (a star and a term, or 保密期限) right after the words of a short line above it that a reader
#: joined to it: a PDF's letterhead 示范县教育和科技局 over 机密★5年 is read as 示范县教育和科技局机密★5年工作方案…;
#: the star and the term, or the named period, keep prose (机密文件) out, and so does a word of prose before the level
#: that speaks of secrets in general (保守机密, 泄露秘密, 涉及机密, 知悉绝密: a letterhead ends in 局, 府, 委, 办, 室,
#: 文件 …). Words that say what this document is (本文件定为机密★5年, 属机密★5年, 按机密★5年管理) are no prose: the
#: document says it is classified, and it is held.
_JOINED_REACH = 40  # the words a reader may have joined before the mark: a letterhead, an issuing office
_PROSE_BEFORE = "的和与及或等含有涉守露漏悉触取探握递"
#: 启用前 / 启封前 after the star stand for the term (绝密★启用前 on an examination paper under its letterhead)
_JOINED = re.compile(rf"^.{{0,{_JOINED_REACH}}}?(?<![{_PROSE_BEFORE}]){_LEVEL}\s*(?:[{re.escape(_STARS)}]\s*(?:{_TERM}|启[用封]前)"
                     rf"|保密期限[:：]?\s*{_TERM})")
#: the 密级 field of a 文件头 or a form: 密级：秘密 保密期限：5年, or of front matter a reader did not take
#: as metadata: 密级 = "机密" (TOML), "密级": "机密" (JSON)
_FIELD = re.compile(rf"(?:密级|保密等级|保密级别|秘密等级|密等)(?:和保密期限|及保密期限)?(?:为|是)?[\"'“”‘’/]?[:：=]?[\"'“”‘’]?{_LEVEL}")
#: the mark at the right end of a 文件头 line, after a wide gap
_TOP_RIGHT = re.compile(r"\S(?:\s{2,}|\u3000+)(?:密级[:：]?\s*)?(秘密|机密|绝密)\s*[。.]?$")
_DECORATION = re.compile(r"<[^>]*>|\*\*|__|[「」【】\[\]()（）〔〕〖〗〘〙『』❲❳⟦⟧{}|,，\t·・•‧∙]")
#: a ruby annotation's reading and its fallback brackets (<ruby>机<rt>jī</rt></ruby>): a page prints them above
#: the characters, not between them, so they are dropped before the mark is looked for
_RUBY_TEXT = re.compile(r"<(rt|rp)\b[^>]*>[^<]*(?:</\1\s*>)?", re.IGNORECASE)


def _code_ranges(codes) -> list[tuple[int, int]]:  # noqa: ANN001 - an iterator of code points, ascending
    """Ascending code points as (first, last) runs."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


#: what normalising for marks removes besides: every format character (Cf: bidi marks and isolates, U+061C,
#: tags), combining mark (Mn, Me: 机\u0301密) and other default-ignorable code point, which a page does not show
#: between the characters of a mark. Used for finding marks only, never on the text a page shows.
_MARK_IGNORED = re.compile("[" + "".join(
    f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in _code_ranges(
        code for code in (*range(0x20000), *range(0xE0000, 0xE1000))
        if unicodedata.category(chr(code)) in ("Cf", "Mn", "Me")
        or 0x2060 <= code <= 0x206F or 0xFFF0 <= code <= 0xFFF8 or code >= 0xE0000
        or chr(code) in "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
        or 0x2028 <= code <= 0x202E)) + "]")
#: a gap inside a level or 密级, as GB/T 9704 typesets them (机　密★1年　　特　急; NFKC made the gap a space)
_LEVEL_GAP = re.compile(r"(?<=[机秘绝])[ \t]+(?=密)|(?<=密)[ \t]+(?=级)")
#: traditional and variant forms of the characters of a mark (a captured page may be traditional)
_VARIANTS = str.maketrans("機絕絶祕宻級袐", "机绝绝秘密级秘")  # 袐: a common mistyping of 秘
_SPLIT_PART = 4  # a line this short may be the first part of a mark broken over two lines
#: a line that is only the star and the term, the second half of a mark whose level ends the line above
_STAR_TERM = re.compile(rf"^\s*[{_STARS}]\s*{_TERM}?\s*$")
_HEAD_LINES = 40  # about one page: a mark sits at the top, never deep in the body


_SPACES = re.compile(r"\s+")
_HEAD_MARKER = re.compile(r"^\s*(?:#{1,6}|>)\s*")
#: an admonition's title is what a page shows of its first line: !!! danger "绝密" shows 绝密
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:\"([^\"]*)\")?")
#: an attribute list after a heading or paragraph: # 绝密 {: .red}
_ATTRIBUTE_LIST = re.compile(r"\{(?::|\s*[.#])[^{}]*\}\s*$")
#: Markdown emphasis round the characters of a line: *绝密*, _秘密_, *机密*★5年 (not the * of 机密*5年, a star)
_EMPHASIS = re.compile(r"(?:(?<=^)|(?<=\s))[*_]{1,3}(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[*_]{1,3}(?=\s|$|[★☆])")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")


def mark_rules_version() -> str:
    """Changes whenever the mark rules may: a digest of this module's source and of Python's Unicode tables (NFKC).

    A mark found earlier is reused (the scan cache keeps it by the text's hash) only under the same rules.
    """
    return _mark_rules_digest()


@lru_cache(maxsize=1)
def _mark_rules_digest() -> str:
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + unicodedata.unidata_version.encode("ascii")).hexdigest()[:16]


def detect_classification(text: str, lines: int = _HEAD_LINES) -> str | None:
    """The classification mark (秘密/机密/绝密) in the first ``lines`` lines of ``text``, if any."""
    found: list[str] = []
    head = _head_lines(text, lines)
    for index, line in enumerate(head):
        level = _line_mark(line) or _english_mark(line)
        if not level and index + 1 < len(head) and len(_SPACES.sub("", line)) <= _SPLIT_PART:
            level = _line_mark(line + head[index + 1])  # 机 / 密★5年 on two lines: a page shows 机 密★5年
        if not level and index and _STAR_TERM.match(line):
            level = _line_mark(head[index - 1].split()[-1] + line.strip())  # 份号 000012  机密 / ★5年 (one cell)
        if level:
            found.append(level)
    return max(found, key=_LEVELS.index) if found else None


#: a head line that marks the document 内部 (internal), as offices print it: 内部 / 内部资料 / 内部文件★ /
#: 内部资料 注意保存 / 仅供内部使用 / 密级：内部 (compacted: no spaces); not prose (关于加强内部管理的通知)
_INTERNAL_ALONE = re.compile(r"^(?:密级[:：]?)?[★☆]?(?:仅供|仅限|限)?内部(?:资料|文件|材料|刊物|参考|使用|发行|传阅|交流)?"
                             r"(?:资料|材料)?[★☆*＊]?(?:[,，、;；]?(?:注意保存|注意保密|妥善保管|严禁外传|不得外传|请勿外传|"
                             r"不得翻印|严禁翻印|内部使用))?[。.]?$")
#: the mark and, after a gap or a comma, the few words offices print with it: 内部资料，免费交流 (which the rules on
#: internal publications require), 内部资料　严禁转载, 内部传阅件　注意保管, 仅供内部参考使用
_INTERNAL_PHRASED = re.compile(r"^(?:仅供|仅限|限)?内部(?:资料|文件|材料|刊物|参考|传阅|交流|发行)(?:资料|材料|件|使用|阅读)?"
                               r"[★☆*＊]?(?:(?:[ ,，、;；。.]+)[\u4e00-\u9fff]{2,8}[。.!！]?)?$")
#: the 密级 field of a 文件头, a form or front matter a reader did not take as metadata: 密级：内部, "密级": "内部"
_INTERNAL_FIELD = re.compile(r"(?:密级|保密等级|保密级别|秘密等级|密等)(?:为|是)?[\"'“”‘’/]?[:：=]?[\"'“”‘’]?内部")
#: the mark at the right end of a 文件头 line, after a wide gap: 示范县教育和科技局文件        内部
_INTERNAL_TOP_RIGHT = re.compile(r"\S(?:\s{2,}|\u3000+)内部(?:资料|文件)?\s*[。.]?$")


#: traditional forms of the characters of an internal mark (內部資料, 僅供內部參考)
_INTERNAL_VARIANTS = str.maketrans("內資傳參閱發僅", "内资传参阅发仅")


def detect_internal_mark(text: str, lines: int = _HEAD_LINES) -> str | None:
    """"内部" when one of the first ``lines`` lines of ``text`` marks the document internal, else None."""
    for line in _head_lines(text, lines):
        line = line.translate(_INTERNAL_VARIANTS)
        compact = _SPACES.sub("", line)
        if "内部" not in compact:
            continue
        if _INTERNAL_ALONE.match(compact) or _INTERNAL_FIELD.search(compact) or _INTERNAL_TOP_RIGHT.search(line) \
                or _INTERNAL_PHRASED.match(line.strip()):
            return "内部"
    return None


#: a file or folder name that is the level or begins with it: 内部资料-2016年工作要点, 【内部】会议纪要, (内部)名单,
#: 【机密】会议纪要, 秘密-请示, a folder 机密文件 or 绝密资料 (not 机密文件管理办法: a word follows)
_NAME_LEVEL = re.compile(r"^[\s【\[(（〔「<《〖〘『❲⟦“\"{'‘]*(?:仅供|仅限|限)?(内部|秘密|机密|绝密)"
                         r"(?:资料|文件|材料|档案|件|使用|参考)?"
                         r"(?:[\s】\])）〕」>》〗〙』❳⟧”\"}'’\-_—–·.、:：★☆*]|$)")
#: the level later in a name, set apart by a bracket or a separator and no word after it: 方案（机密）,
#: 方案-机密, 方案_绝密 v2 (not 方案-机密文件管理, 内部控制制度 or 保守秘密: a word follows, or nothing sets it apart)
_NAME_LEVEL_END = re.compile(r"[\s【\[(（〔「<《〖〘『❲⟦“\"{'‘\-_—–·.、:：](内部|秘密|机密|绝密)(?![\u4e00-\u9fff])")


def name_level_mark(names: list[str], file_name: str = "") -> str | None:
    """The strictest level a file or folder name is or begins with (a folder 内部资料 or 机密文件 holds such
    papers, a file named 【机密】… is one), else None."""
    found = [level for level in (*(_name_level(name, False) for name in names), _name_level(file_name, True))
             if level]
    return max(found, key=("内部", *_LEVELS).index) if found else None


@lru_cache(maxsize=16384)
def _name_level(name: str, is_file: bool) -> str | None:
    """The level one name is or begins with (kept: the folders of a department are asked about for every file)."""
    form = normalise_mark_text(name).translate(_INTERNAL_VARIANTS)
    match = _NAME_LEVEL.match(form)
    if match and is_file and match.end() == len(form):
        match = None  # a file named only 机密文件 may be about them; a folder so named holds them
    match = match or _NAME_LEVEL_END.search(form)
    if match:
        return match.group(1)
    return "内部" if detect_internal_mark(form, lines=1) else None


def detect_mark(text: str, lines: int = _HEAD_LINES) -> str | None:
    """The strictest mark the head of ``text`` prints: 秘密/机密/绝密 (:func:`detect_classification`), else 内部."""
    return detect_classification(text, lines) or detect_internal_mark(text, lines)


def normalise_mark_text(text: str) -> str:
    """Entities decoded (a page shows &#26426; as 机), NFKC, no invisible characters (:data:`_MARK_IGNORED`),
    simplified forms, and no gap inside a level (GB/T 9704 spaces out 机　密 and 密　级). For finding marks only."""
    text = _MARK_IGNORED.sub("", unicodedata.normalize("NFKC", html.unescape(text))).translate(_VARIANTS)
    return _LEVEL_GAP.sub("", text) if "密" in text else text


def _head_lines(text: str, limit: int = _HEAD_LINES) -> list[str]:
    """The first ``limit`` non-empty lines a page shows, without Markdown heading or quote markers and HTML
    tags; lines a page does not show (an HTML comment, a Markdown link definition) are read too but do not
    count, so they cannot push the first visible line out of the head."""
    lines: list[str] = []
    shown = 0
    in_comment = False
    dropped: str | None = None  # the element (style, script …) whose content the page does not show, until closed
    for raw in _raw_lines(text):
        if dropped is not None or "<" in raw:
            raw, was_dropped, dropped = _without_dropped(raw, dropped)
            if was_dropped and not raw.strip():
                continue  # a line of a <style> block, say: read past, never counted
        hidden = in_comment or bool(_LINK_DEFINITION.match(raw)) or raw.lstrip().startswith("<!--")
        if "<!--" in raw:
            in_comment = "-->" not in raw.rsplit("<!--", 1)[1]
        elif in_comment and "-->" in raw:
            in_comment = False
        line = _EMPHASIS.sub(" ", _ATTRIBUTE_LIST.sub(" ", _ADMONITION.sub(r"\1 ", _HEAD_MARKER.sub("", raw))))
        line = _DECORATION.sub(" ", _RUBY_TEXT.sub("", line) if "<r" in line.lower() else line).rstrip().lstrip(" ")
        if line.strip():
            lines.append(line)
            shown += not hidden
        if shown >= limit:
            break
    return lines


#: elements a page drops with everything inside them (the sanitiser removes them: review/sanitize.py)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed",
                                  "noembed", "noframes", "frameset", "frame", "applet", "math", "svg",
                                  "title", "textarea", "select", "xmp", "plaintext"})
_DROPPED_OPEN = re.compile(r"<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")\b[^>]*>", re.IGNORECASE)


def _without_dropped(raw: str, open_element: str | None) -> tuple[str, bool, str | None]:
    """A head line without what the page drops (a style block's rules, a script): (the rest, whether anything
    was dropped, the element still open at the line's end). A mark after a dropped block is read where the
    page shows it, at the top, however many lines the block took."""
    kept: list[str] = []
    position = 0
    dropped = open_element is not None
    while True:
        if open_element is not None:
            close = re.search(rf"</{open_element}\s*>", raw[position:], re.IGNORECASE)
            if close is None:
                return "".join(kept), True, open_element
            position += close.end()
            open_element = None
        opening = _DROPPED_OPEN.search(raw, position)
        if opening is None:
            kept.append(raw[position:])
            return "".join(kept), dropped, None
        kept.append(raw[position:opening.start()])
        dropped = True
        open_element = opening.group(1).lower()
        position = opening.end()


def _raw_lines(text: str):
    """Each line of ``text`` normalised, one at a time (only the head of a long body is ever needed)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        yield from (line if line.isascii() and "&" not in line else normalise_mark_text(line)).splitlines() or [""]
        start = end + 1


#: a level in English atop a page or in front matter a reader did not take as metadata (TOML, JSON):
#: TOP SECRET, classification = "secret", "security_level": "confidential"
_ENGLISH_LEVEL = {"secret": "秘密", "confidential": "机密", "top secret": "绝密"}
_ENGLISH_ALONE = re.compile(r"^\W*(top\s*secret|secret|confidential)\W*$", re.IGNORECASE)
_ENGLISH_FIELD = re.compile(r"^\W*(?:classification|security[_ -]?level|secrecy|sensitivity)\W*\s*[:=]\s*[\"']?"
                            r"(top\s*secret|secret|confidential)\b", re.IGNORECASE)


def _english_mark(line: str) -> str | None:
    """The level a head line states in English, or None (most lines: no 'secret' or 'confidential' in them)."""
    lowered = line.casefold()
    if "secret" not in lowered and "confidential" not in lowered:
        return None
    match = _ENGLISH_ALONE.match(line) or _ENGLISH_FIELD.match(line)
    return _ENGLISH_LEVEL[" ".join(match.group(1).casefold().replace("top", "top ").split())] if match else None


def _line_mark(line: str) -> str | None:
    """The level a single head line marks, or None for ordinary prose."""
    if "密" not in line:
        return None  # every level (秘密, 机密, 绝密) has it, and each rule needs a level: most lines end here
    compact = _SPACES.sub("", line).replace("「★」", "★")
    match = (_ALONE.match(compact) or _NOISY.match(compact) or _FIELD.search(compact)
             or _STARRED.search(line.replace("「★」", "★")) or _TERMED.search(compact) or _PERIOD.search(compact)
             or _GAPPED.search(line) or _TOP_RIGHT.search(line) or _JOINED.search(line))
    return match.group(1) if match else None
