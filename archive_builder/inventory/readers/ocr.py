"""Optical character recognition of scans and photos, on RapidOCR (PP-OCRv4 models on onnxruntime).

The one OCR module of the project. The text detection and recognition models ship inside the
``rapidocr-onnxruntime`` wheel (as does a line-direction model, not used: see _create_engine), so
nothing is downloaded when it runs. One engine is created per
process, on first use; onnxruntime runs it on ``ARCHIVE_BUILDER_OCR_THREADS`` threads (default 1,
because the build already runs one worker process per core and more threads would only compete).

    page = recognise(Image.open("scan.jpg"))
    page.text, page.confidence, page.head_text, page.head_confidence
"""

from __future__ import annotations

import math
import os
import re
import threading
from dataclasses import dataclass
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from archive_builder.inventory.readers.base import ReaderMissing, ReadFailed

if TYPE_CHECKING:
    from PIL import Image

#: Environment variable with the number of onnxruntime threads per engine.
THREADS_ENV = "ARCHIVE_BUILDER_OCR_THREADS"
#: Longer images are scaled down to this long side: 150–200 dpi A4 keeps full detail, phone photos
#: (4000 px and more) would only cost time.
MAX_SIDE = 2000
#: The part of a page (from the top) where a classification mark such as 机密★5年 is printed.
HEAD_FRACTION = 0.25
#: Lines the recogniser is less sure of than this are dropped (RapidOCR's own default cut-off).
MIN_SCORE = 0.5
#: A page whose detected lines read with a lower mean confidence is tried turned (see _turns_to_try).
UPRIGHT_CONFIDENCE = 0.8

#: Weights of R, G and B in the gray image the engine reads (see _as_array).
RED_WEIGHTS = (0.5, 0.25, 0.25)

INSTALL_HINT = (
    "OCR needs the rapidocr-onnxruntime package, which is not installed. Install it with: "
    "pip install rapidocr-onnxruntime (its models are inside the package; nothing is downloaded)"
)

_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: its text, the engine's confidence (0–1) and its box (x0, y0, x1, y1) in pixels."""

    text: str
    confidence: float
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrPage:
    """The lines recognised on one page and the size of the image they were read from.

    Boxes are in the pixels of the image as recognised: scaled down so its long side is at most
    MAX_SIDE, and turned by the page's measured skew so that rows of text are horizontal.
    """

    lines: tuple[OcrLine, ...]
    width: int
    height: int

    @property
    def text(self) -> str:
        """All lines in reading order: rows top to bottom, left to right within a row, one row a line."""
        return _layout(self.lines)

    @property
    def confidence(self) -> float:
        """Mean line confidence weighted by characters; 0.0 for a page without lines."""
        return _weighted_confidence(self.lines) or 0.0

    @property
    def head_confidence(self) -> float | None:
        """Mean confidence of the lines at the top of the page; None if nothing is printed there."""
        return _weighted_confidence(self._head_lines())

    @property
    def head_text(self) -> str:
        """Text of the lines at the top of the page, where a classification mark is printed."""
        return _layout(self._head_lines())

    def _head_lines(self) -> tuple[OcrLine, ...]:
        """Lines whose box starts in the top HEAD_FRACTION of the page."""
        limit = self.height * HEAD_FRACTION
        return tuple(line for line in self.lines if line.box[1] < limit)


def available() -> bool:
    """Whether the OCR engine is installed (without loading it)."""
    return find_spec("rapidocr_onnxruntime") is not None and find_spec("onnxruntime") is not None


def recognise(image: Image.Image) -> OcrPage:
    """Read the text of one page image.

    Any mode is accepted (transparency becomes white paper) and EXIF rotation is applied; an image
    whose long side exceeds MAX_SIDE is scaled down to it, and a page lying sideways or upside down
    is turned upright. ``width``, ``height`` and the boxes refer to that scaled, upright image.
    """
    rgb = _prepare(image)
    found = _read(rgb)
    for turn in _turns_to_try(found):
        turned = rgb.rotate(turn, expand=True)
        turned_found = _read(turned)
        if _readable_chars(turned_found) > _readable_chars(found):
            rgb, found = turned, turned_found
        if not _misoriented(found):
            break
    lines = _lines([d for d in found if d[2] >= MIN_SCORE], rgb.size)
    return OcrPage(lines=lines, width=rgb.width, height=rgb.height)


# --- the engine ------------------------------------------------------------------------------

_lock = threading.Lock()
_engine_of: dict[int, Any] = {}  # pid -> engine: a forked child must not reuse its parent's sessions


def threads() -> int:
    """onnxruntime threads per engine from ARCHIVE_BUILDER_OCR_THREADS (default 1, at most the cores)."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    try:
        wanted = int(raw) if raw else 1
    except ValueError:
        wanted = 1
    return max(1, min(wanted, os.cpu_count() or 1))


def _engine() -> Any:
    """The process's RapidOCR engine, created on first use."""
    pid = os.getpid()
    engine = _engine_of.get(pid)
    if engine is None:
        with _lock:
            engine = _engine_of.get(pid)
            if engine is None:
                engine = _engine_of[pid] = _create_engine()
    return engine


def _create_engine() -> Any:
    """Load the models from the installed wheel; ReaderMissing if the package is absent."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except (ImportError, OSError) as exc:  # OSError: onnxruntime's native library fails to load
        raise ReaderMissing("reader.ocr_missing", INSTALL_HINT) from exc
    n = threads()
    try:
        return RapidOCR(
            intra_op_num_threads=n,
            inter_op_num_threads=1,
            # The per-line 0/180° classifier flips sound lines of long Chinese text (a line read as
            # empty), raising the benchmark's CER; upside-down pages are handled per page instead.
            use_cls=False,
            # Keep every detected line: how badly the lines read tells a page lying upside down,
            # and recognise drops the unsure ones itself (MIN_SCORE).
            text_score=0.0,
        )
    except FileNotFoundError as exc:  # a repackaged wheel without its models
        raise ReaderMissing("reader.ocr_missing", f"{INSTALL_HINT}; {exc}") from exc


# --- image in --------------------------------------------------------------------------------

def _prepare(image: Image.Image) -> Image.Image:
    """Upright RGB on white, long side at most MAX_SIDE."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)
    rgb = _to_rgb(upright if upright is not None else image)
    long_side = max(rgb.size)
    if long_side > MAX_SIDE:
        scale = MAX_SIDE / long_side
        size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
        rgb = rgb.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    return rgb


def _to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow mode as 8-bit RGB; transparent parts become white paper, 16-bit scans are rescaled."""
    from PIL import Image as PILImage

    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        return _stretch_to_8bit(image).convert("RGB")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        return PILImage.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


def _stretch_to_8bit(image: Image.Image) -> Image.Image:
    """A 16-bit or float gray image mapped onto 0–255 by its own range (convert('L') would clip it)."""
    import numpy as np
    from PIL import Image as PILImage

    values = np.asarray(image, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    scaled = (values - low) * (255.0 / (high - low)) if high > low else np.full_like(values, 255.0)
    return PILImage.fromarray(scaled.clip(0, 255).astype(np.uint8), "L")


def _as_array(rgb: Image.Image) -> Any:
    """The page as the 3-channel gray array the engine reads, red ink weighted half.

    Luminance would turn a red seal nearly black over the signature it covers, and the red channel
    alone would erase the red header; weighting red by half leaves both mid-gray, which lowered the
    CER of the benchmark pages from 0.027–0.035 to 0.009–0.013 (benchmarks/ocr.py).
    """
    import numpy as np

    pixels = np.asarray(rgb, dtype=np.float32)
    gray = (pixels @ np.array(RED_WEIGHTS, dtype=np.float32)).clip(0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


# --- reading and orientation -----------------------------------------------------------------

Detection = tuple[Any, str, float]  # RapidOCR's quadrilateral (4 corner points), text, score


def _read(rgb: Image.Image) -> list[Detection]:
    """Every line the engine detects on the image, with its text and score (none filtered)."""
    try:
        result, _elapsed = _engine()(_as_array(rgb))
    except ReadFailed:
        raise
    except Exception as exc:  # onnxruntime and OpenCV raise their own types for a bad image
        raise ReadFailed("reader.ocr_failed", f"{type(exc).__name__}: {exc}") from exc
    return [(quad, str(text).strip(), float(score)) for quad, text, score in result or []]


def _misoriented(found: list[Detection]) -> bool:
    """Whether the lines look read the wrong way up: several lines, mostly nonsense, or mostly tall."""
    if len(found) < 2:
        return False
    return _tall_share(found) > 0.5 or (_mean_score(found) or 0.0) < UPRIGHT_CONFIDENCE


def _turns_to_try(found: list[Detection]) -> list[int]:
    """Counter-clockwise turns (degrees) that may make a misread page upright, likeliest first."""
    if not _misoriented(found):
        return []
    if _tall_share(found) <= 0.5:
        return [180]
    # The engine reads a tall line turned a quarter counter-clockwise: if that already reads well,
    # the page needs that same quarter turn, otherwise the opposite one.
    tall = [d for d in found if _is_tall(d[0])]
    return [90, 270] if (_mean_score(tall) or 0.0) >= UPRIGHT_CONFIDENCE else [270, 90]


def _is_tall(quad: Any) -> bool:
    """Whether a detected box stands upright (the engine reads such a crop turned a quarter)."""
    return math.dist(quad[0], quad[3]) >= 1.5 * math.dist(quad[0], quad[1])


def _tall_share(found: list[Detection]) -> float:
    """Share of the detected lines that stand upright."""
    return sum(_is_tall(d[0]) for d in found) / len(found) if found else 0.0


def _mean_score(found: list[Detection]) -> float | None:
    """Mean score of the detections weighted by characters; None for no detections."""
    weights = [(max(1, len(text)), score) for _, text, score in found]
    total = sum(w for w, _ in weights)
    return sum(w * s for w, s in weights) / total if total else None


def _readable_chars(found: list[Detection]) -> float:
    """Characters of the lines read surely enough to keep, weighted by score: how well a turn reads."""
    return sum(len(text) * score for _, text, score in found if score >= MIN_SCORE)


# --- result out ------------------------------------------------------------------------------

def _lines(found: list[Detection], size: tuple[int, int]) -> tuple[OcrLine, ...]:
    """Detections as OcrLines in reading order, boxes turned by the page's skew so rows are level."""
    rows = [d for d in found if d[1]]
    angle = _skew([quad for quad, _, _ in rows])
    centre = (size[0] / 2.0, size[1] / 2.0)
    lines = [OcrLine(_CJK_GAP.sub("", text), min(max(score, 0.0), 1.0), _box(quad, -angle, centre))
             for quad, text, score in rows]
    return tuple(_reading_order(lines))


def _skew(quads: list[Any]) -> float:
    """Median slope (radians) of the top edges of the long, line-shaped boxes; 0 when there are none."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        height = math.dist(quad[0], quad[3])
        if math.dist(quad[0], quad[1]) > 3 * max(height, 1.0):
            angles.append(math.atan2(y1 - y0, x1 - x0))
    if not angles:
        return 0.0
    angles.sort()
    return angles[len(angles) // 2]


def _box(quad: Any, angle: float, centre: tuple[float, float]) -> tuple[float, float, float, float]:
    """The axis-aligned bounds of a quad turned by angle about centre."""
    cos, sin = math.cos(angle), math.sin(angle)
    xs, ys = [], []
    for x, y in quad:
        dx, dy = x - centre[0], y - centre[1]
        xs.append(centre[0] + dx * cos - dy * sin)
        ys.append(centre[1] + dx * sin + dy * cos)
    return (round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1))


def _rows(lines: tuple[OcrLine, ...] | list[OcrLine]) -> list[list[OcrLine]]:
    """Group lines into rows, each sorted left to right.

    Taken top to bottom, a line joins the row above when it overlaps that row's mean span by half
    the smaller height; the mean (not the union) keeps a row from swallowing the next one on a
    slightly keystoned photo.
    """
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        top, bottom = line.box[1], line.box[3]
        if rows:
            row_top = sum(ln.box[1] for ln in rows[-1]) / len(rows[-1])
            row_bottom = sum(ln.box[3] for ln in rows[-1]) / len(rows[-1])
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap >= 0.5 * max(1.0, min(bottom - top, row_bottom - row_top)):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda ln: ln.box[0]) for row in rows]


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines sorted row by row, left to right."""
    return [line for row in _rows(lines) for line in row]


def _layout(lines: tuple[OcrLine, ...]) -> str:
    """Rows as text lines, cells of a row separated by a space (none between Chinese characters)."""
    return "\n".join(_CJK_GAP.sub("", " ".join(ln.text for ln in row)) for row in _rows(lines))


def _weighted_confidence(lines: tuple[OcrLine, ...]) -> float | None:
    """Mean confidence weighted by each line's number of non-space characters; None without lines."""
    weights = [(max(1, sum(not ch.isspace() for ch in ln.text)), ln.confidence) for ln in lines]
    total = sum(w for w, _ in weights)
    if not total:
        return None
    return sum(w * c for w, c in weights) / total
