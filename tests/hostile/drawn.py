"""PDFs whose words are drawn rather than written: glyph outlines as filled paths, or a Type3 font whose glyphs
are such outlines and whose codes say nothing of the characters (no ToUnicode), over a page with a text layer."""

from __future__ import annotations

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTCollection
from structures import CJK_FONT, pdf_of

_FONT = TTCollection(CJK_FONT).fonts[2]
_GLYPHS = _FONT.getGlyphSet()
_CMAP = _FONT.getBestCmap()
_EM = _FONT["head"].unitsPerEm


class _PathPen(BasePen):
    """A glyph's contours as PDF path operators, scaled by ``scale`` and moved to (``x``, ``y``)."""

    def __init__(self, scale: float, x: float, y: float) -> None:
        super().__init__(_GLYPHS)
        self.scale, self.x, self.y, self.ops = scale, x, y, []

    def _point(self, point: tuple[float, float]) -> str:
        return f"{self.x + point[0] * self.scale:.2f} {self.y + point[1] * self.scale:.2f}"

    def _moveTo(self, p):  # noqa: ANN001 - fontTools' pen protocol
        self.ops.append(f"{self._point(p)} m")

    def _lineTo(self, p):  # noqa: ANN001
        self.ops.append(f"{self._point(p)} l")

    def _curveToOne(self, p1, p2, p3):  # noqa: ANN001
        self.ops.append(f"{self._point(p1)} {self._point(p2)} {self._point(p3)} c")

    def _closePath(self):
        self.ops.append("h")


def outlines(text: str, x: float, y: float, size: float) -> bytes:
    """Path operators filling the outlines of ``text`` at (``x``, ``y``) in points, ``size`` points high."""
    ops, scale = [], size / _EM
    for char in text:
        name = _CMAP[ord(char)]
        pen = _PathPen(scale, x, y)
        _GLYPHS[name].draw(pen)
        ops.extend([*pen.ops, "f"])
        x += _GLYPHS[name].width * scale
    return "\n".join(ops).encode()


def _glyph(char: str) -> tuple[int, bytes]:
    """The width (in 1/1000 em) of one character's glyph and the CharProc drawing its outline."""
    name = _CMAP[ord(char)]
    pen = _PathPen(1000 / _EM, 0, 0)
    _GLYPHS[name].draw(pen)
    width = round(_GLYPHS[name].width * 1000 / _EM)
    return width, (f"{width} 0 d0\n" + "\n".join([*pen.ops, "f"])).encode()


def _type3_font(text: str) -> tuple[bytes, bytes, list[bytes]]:
    """A Type3 font drawing the characters of ``text`` as codes 1, 2, 3 … (glyph names g1, g2 … and no
    ToUnicode: a text extraction cannot tell what they are), the string showing them all, and its CharProcs
    (objects 6, 7 … of the file)."""
    chars = list(dict.fromkeys(text))
    glyphs = [_glyph(char) for char in chars]
    shown = bytes(chars.index(char) + 1 for char in text)
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0]"
            b" /FirstChar 1 /LastChar %d /Widths [%s] /Encoding << /Type /Encoding /Differences [1 %s] >>"
            b" /CharProcs << %s >> >>" % (
                len(chars), " ".join(str(w) for w, _ in glyphs).encode(),
                " ".join(f"/g{i}" for i in range(1, len(chars) + 1)).encode(),
                " ".join(f"/g{i} {5 + i} 0 R" for i in range(1, len(chars) + 1)).encode()))
    escaped = shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return font, escaped, [b"<< /Length %d >>\nstream\n%s\nendstream" % (len(p), p) for _, p in glyphs]


def drawn_pdf(body: str, mark: str = "", type3: str = "", type3_at: tuple[float, float] = (360, 780),
              mark_at: tuple[float, float] = (360, 770), size: float = 24) -> bytes:
    """An A4 page with ``body`` in Helvetica as its text layer (lines from 700 pt down), ``mark`` drawn as
    filled outlines at ``mark_at`` and ``type3`` shown in a Type3 font at ``type3_at`` (each when given)."""
    lines = [body[i:i + 80] for i in range(0, len(body), 80)]
    content = b"BT /F1 11 Tf 14 TL 60 700 Td " + b" ".join(
        b"(" + line.encode("latin-1") + b") '" for line in lines) + b" ET\n"
    if mark:
        content += b"0 0 0 rg\n" + outlines(mark, *mark_at, size) + b"\n"
    font3, procs = b"<< >>", []
    if type3:
        font3, shown, procs = _type3_font(type3)
        content += b"BT /T3 %.1f Tf %.1f %.1f Td (%s) Tj ET\n" % (size, *type3_at, shown)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources"
               b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> /T3 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               font3, *procs]
    return pdf_of(objects)
