"""What a workbook cell shows where its stored value does not say it: a formula's text worked out, a number
laid out in its custom number format.

A formula written without a stored result (as generators write it) shows nothing to calamine, yet Excel and
WPS compute it on opening: ``=SUBSTITUTE("机X","X","密")&"★5年"`` shows 机密★5年 and ``="1410231997"&"08021016"``
an ID. A number formatted ``"141023"00000000"1016"`` shows an ID as well. The review must see what a person
sees, so the simple cases are worked out here: constants joined with ``&``, CONCATENATE and CONCAT,
SUBSTITUTE, CHAR and UNICHAR, HEX2DEC, TEXT and a few more text functions, arithmetic on constants. Anything
else (a cell reference, a function not listed) is :class:`Unevaluated`; the reader decides what that means.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from archive_builder.inventory.readers.cells import PERSONAL_FIGURE_DIGITS, masked_figure

#: Excel's longest text in a cell; a longer result is refused (REPT("机", 10^9) is no text to hold)
MAX_TEXT = 32_767
#: brackets and calls nested in one another at most (Excel's own limit)
MAX_NESTING = 64
#: a formula that builds text: ``&`` or a text function, which may put a mark or a number together from pieces
_BUILDS_TEXT = re.compile(r"&|\b(?:_xlfn\.)?(?:CONCATENATE|CONCAT|TEXTJOIN|SUBSTITUTE|REPLACE|REPLACEB|CHAR|UNICHAR|"
                          r"MID|MIDB|LEFT|LEFTB|RIGHT|RIGHTB|REPT|TEXT|FIXED|DOLLAR|RMB|BASE|DEC2HEX|HEX2DEC|DEC2BIN|"
                          r"DEC2OCT|UPPER|LOWER|PROPER|TRIM|CLEAN|NUMBERSTRING|BAHTTEXT|ENCODEURL|T|VALUE)\s*\(",
                          re.IGNORECASE)
_TOKEN = re.compile(r'\s*(?:"((?:[^"]|"")*)"|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)'
                    r"|((?:_xlfn\.|_xlws\.)?[A-Za-z][A-Za-z0-9.]*)\s*\(|([&+\-*/^(),%]))")

Value = str | float


class Unevaluated(Exception):
    """The formula is not one this module can work out (a cell reference, an unknown function, bad syntax)."""


def builds_text(formula: str) -> bool:
    """Whether a formula puts text together (``&`` or a text function): the cases whose result must be known."""
    return bool(_BUILDS_TEXT.search(formula))


def formula_text(formula: str) -> str:
    """The text a formula of constants shows; Unevaluated when it is not one."""
    return as_text(_Parser(formula.lstrip("=")).whole())


# --- number formats ------------------------------------------------------------------------------------------

#: a section's conditions and colours ([Red], [>0], [$-804]), and its literal text ("…", \x)
_BRACKETS = re.compile(r"\[[^\]]*\]")
_PIECE = re.compile(r'"([^"]*)"|\\(.)|([0#?])|([^"\\0#?])')
_SECTIONS = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')
#: what makes a format more than whole digits with literals: a decimal point, exponent, percent, text, a date or
#: time code, a grouping comma, a fill or padding character
_NOT_WHOLE = re.compile(r"[.Ee%@,*_yYmMdDhHsSaAgGbB]")


def formatted_number(value: float, code: str) -> str | None:
    """A number as a custom format shows it, when the format is whole digits with literal text or separators
    (``000000-00000000-0000``, ``"141023"00000000"1016"``): each digit in its place, the literals between; None
    for any other format (a date, a decimal, a plain ``0``, which the number itself says). A number of 15 or
    more digits is laid out masked, as the readers write it (:func:`cells.masked_figure`)."""
    sections = _SECTIONS.split(code)
    section = sections[1] if value < 0 and len(sections) > 1 else sections[2] if value == 0 and len(sections) > 2 \
        else sections[0]
    pieces = _PIECE.findall(_BRACKETS.sub("", section))
    if _NOT_WHOLE.search("".join(other for _, _, _, other in pieces)):
        return None
    if not any(literal or escaped or other for literal, escaped, _, other in pieces):
        return None  # whole digits and nothing between them: the number as calamine reads it says as much
    if abs(value) >= 10 ** 30 or value != value:
        return None
    whole = int(abs(value) + 0.5)
    digits = masked_figure(whole) if whole >= 10 ** (PERSONAL_FIGURE_DIGITS - 1) else str(whole)
    shown = _laid_out(digits, pieces)
    return "-" + shown if value < 0 and len(sections) == 1 else shown


def _laid_out(digits: str, pieces: list[tuple[str, str, str, str]]) -> str:
    """The digits put into the placeholders from the right, the first one taking any extra ones."""
    places = sum(1 for _, _, place, _ in pieces if place)
    extra, rest = (digits[:-places] if places and len(digits) > places else ""), digits[-places:] if places else ""
    rest = rest.rjust(places, "\0")
    out, index = [], 0
    for literal, escaped, place, other in pieces:
        if not place:
            out.append(literal or escaped or other)
            continue
        if index == 0:
            out.append(extra)
        digit = rest[index]
        index += 1
        out.append(digit if digit != "\0" else {"0": "0", "?": " "}.get(place, ""))
    return "".join(out)


# --- the evaluator -----------------------------------------------------------------------------------------------


def as_text(value: Value) -> str:
    """A value as Excel turns it into text: a whole number without ``.0``, else 15 significant digits."""
    if isinstance(value, str):
        return value
    if value != value or abs(value) == float("inf"):
        raise Unevaluated("no finite number")
    if value == int(value) and abs(value) < 10 ** 15:
        return str(int(value))
    return f"{value:.15G}"


def _number(value: Value) -> float:
    if isinstance(value, float):
        return value
    try:
        return float(value.strip())
    except ValueError as exc:
        raise Unevaluated(f"not a number: {value[:20]}") from exc


def _limited(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise Unevaluated("text longer than a cell holds")
    return text


def character(code: int, unicode: bool) -> str:
    """What CHAR(code) shows: a byte of the ANSI code page, or on a Chinese system a GBK double byte (CHAR(48122)
    is 机); UNICHAR(code) is the Unicode character. '' for a code that is none."""
    if code < 1 or code > 0x10FFFF:
        return ""
    if unicode or code < 0x80:
        return chr(code)
    try:
        return code.to_bytes(2 if code > 0xFF else 1, "big").decode("gbk")
    except (OverflowError, UnicodeDecodeError):
        return ""


def _char(code: float, unicode: bool) -> str:
    shown = character(int(code), unicode)
    if not shown:
        raise Unevaluated("no such character")
    return shown


#: the pieces of a formula that spell text: a string literal, or a character by its code (CHAR(48122),
#: _xlfn.UNICHAR(26426)); read in order and joined where the formula cannot be worked out
_TEXT_PIECE = re.compile(r'"((?:[^"]|"")*)"|\b((?:_xlfn\.)?UNI)?CHAR\(\s*(\d{1,7})\s*\)', re.IGNORECASE)


def literal_text(formula: str) -> str:
    """The text a formula's literals and constant characters spell, joined in order: what a formula that cannot
    be worked out shows at least in part (=IF(A1,"机","")&"密★5年" may show 机密★5年)."""
    return "".join(literal.replace('""', '"') if code == "" else character(int(code), bool(uni))
                   for literal, uni, code in _TEXT_PIECE.findall(formula))


def _substitute(text: Value, old: Value, new: Value, instance: Value | None = None) -> str:
    source, before, after = as_text(text), as_text(old), as_text(new)
    if not before:
        return source
    if instance is None:
        return _limited(source.replace(before, after))
    wanted, start = int(_number(instance)), -1
    for _ in range(max(wanted, 1)):
        start = source.find(before, start + 1)
        if start < 0:
            return source
    return _limited(source[:start] + after + source[start + len(before):])


def _mid(text: Value, start: Value, count: Value) -> str:
    begin = int(_number(start))
    if begin < 1:
        raise Unevaluated("MID before the first character")
    return as_text(text)[begin - 1:begin - 1 + max(int(_number(count)), 0)]


def _replace(text: Value, start: Value, count: Value, new: Value) -> str:
    begin = int(_number(start)) - 1
    if begin < 0:
        raise Unevaluated("REPLACE before the first character")
    source = as_text(text)
    return _limited(source[:begin] + as_text(new) + source[begin + max(int(_number(count)), 0):])


def _rept(text: Value, count: Value) -> str:
    times = int(_number(count))
    if times < 0 or len(as_text(text)) * times > MAX_TEXT:
        raise Unevaluated("REPT beyond a cell")
    return as_text(text) * times


def _text(value: Value, code: Value) -> str:
    number, layout = _number(value), as_text(code)
    if re.fullmatch(r"[0#]+", layout):
        whole = int(abs(number) + 0.5)
        digits = masked_figure(whole) if whole >= 10 ** (PERSONAL_FIGURE_DIGITS - 1) else str(whole)
        return ("-" if number < 0 else "") + digits.rjust(layout.count("0"), "0")
    if layout == "@" or layout.upper() == "GENERAL":
        return as_text(value)
    shown = formatted_number(number, layout)
    if shown is None:
        raise Unevaluated("TEXT with a format not worked out")
    return shown


def _hex2dec(value: Value) -> float:
    try:
        number = int(as_text(value).strip(), 16)
    except ValueError as exc:
        raise Unevaluated("HEX2DEC of no hexadecimal") from exc
    return float(number - (1 << 40) if number >= 1 << 39 else number)


def _whole(value: Value) -> str:
    """A whole number's digits, masked from 15 digits on as the readers write such a number."""
    whole = int(abs(_number(value)))
    return masked_figure(whole) if whole >= 10 ** (PERSONAL_FIGURE_DIGITS - 1) else str(whole)


_FUNCTIONS: dict[str, Callable[..., Value]] = {
    "CONCATENATE": lambda *items: _limited("".join(as_text(item) for item in items)),
    "CONCAT": lambda *items: _limited("".join(as_text(item) for item in items)),
    "SUBSTITUTE": _substitute,
    "CHAR": lambda code: _char(_number(code), False),
    "UNICHAR": lambda code: _char(_number(code), True),
    "HEX2DEC": _hex2dec,
    "DEC2HEX": lambda value, *_: format(int(_number(value)), "X"),
    "TEXT": _text,
    "FIXED": lambda value, decimals=0.0, *_: _whole(value) if int(_number(decimals)) <= 0 else as_text(value),
    "LEFT": lambda text, count=1.0: as_text(text)[:max(int(_number(count)), 0)],
    "RIGHT": lambda text, count=1.0: as_text(text)[len(as_text(text)) - max(int(_number(count)), 0):],
    "MID": _mid,
    "REPLACE": _replace,
    "REPT": _rept,
    "UPPER": lambda text: as_text(text).upper(),
    "LOWER": lambda text: as_text(text).lower(),
    "TRIM": lambda text: " ".join(as_text(text).split(" ")).strip(),
    "T": lambda value: value if isinstance(value, str) else "",
    "VALUE": _number,
    "INT": lambda value: float(int(_number(value) // 1)),
}
_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b if b else _refuse("division by zero"),
}


def _refuse(why: str) -> float:
    raise Unevaluated(why)


class _Parser:
    """A recursive-descent reading of a formula of constants: ``&`` binds loosest, then + -, then * /."""

    def __init__(self, formula: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(formula.rstrip()):
            match = _TOKEN.match(formula, position)
            if match is None or match.end() == position:
                raise Unevaluated(f"not a formula of constants at {position}")
            string, number, function, operator = match.groups()
            self.tokens.append(("s", string.replace('""', '"')) if string is not None else ("n", number)
                               if number is not None else ("f", function.upper()) if function is not None
                               else ("o", operator))
            position = match.end()
        self.index = 0
        self.depth = 0

    def whole(self) -> Value:
        value = self._concatenation()
        if self.index != len(self.tokens):
            raise Unevaluated("more after the formula")
        return value

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _take(self, operator: str) -> bool:
        if self._peek() == ("o", operator):
            self.index += 1
            return True
        return False

    def _concatenation(self) -> Value:
        value = self._sum()
        while self._take("&"):
            value = _limited(as_text(value) + as_text(self._sum()))
        return value

    def _sum(self) -> Value:
        return self._arithmetic(("+", "-"), self._product)

    def _product(self) -> Value:
        return self._arithmetic(("*", "/"), self._unary)

    def _arithmetic(self, operators: tuple[str, str], operand: Callable[[], Value]) -> Value:
        """Operands joined left to right by either of two operators of one precedence."""
        value = operand()
        while (token := self._peek()) is not None and token[0] == "o" and token[1] in operators:
            self.index += 1
            value = _ARITHMETIC[token[1]](_number(value), _number(operand()))
        return value

    def _unary(self) -> Value:
        if self._take("-"):
            return -_number(self._unary())
        if self._take("+"):
            return self._unary()
        return self._primary()

    def _primary(self) -> Value:
        token = self._peek()
        if token is None:
            raise Unevaluated("the formula ends early")
        self.index += 1
        kind, text = token
        if kind == "s":
            return text
        if kind == "n":
            return float(text)
        if kind == "o" and text != "(":
            raise Unevaluated(f"{text} where a value belongs")
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Unevaluated("nested deeper than Excel allows")
        try:
            return self._call(text.removeprefix("_XLFN.").removeprefix("_XLWS.")) if kind == "f" else self._bracket()
        finally:
            self.depth -= 1

    def _bracket(self) -> Value:
        value = self._concatenation()
        if not self._take(")"):
            raise Unevaluated("a bracket left open")
        return value

    def _call(self, name: str) -> Value:
        function = _FUNCTIONS.get(name)
        if function is None:
            raise Unevaluated(f"{name} is not worked out")
        arguments: list[Value] = []
        if not self._take(")"):
            arguments.append(self._concatenation())
            while self._take(","):
                arguments.append(self._concatenation())
            if not self._take(")"):
                raise Unevaluated("a call left open")
        try:
            return function(*arguments)
        except TypeError as exc:
            raise Unevaluated(f"{name} with {len(arguments)} arguments") from exc
