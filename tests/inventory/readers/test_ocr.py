"""OCR on generated pages of known text: real recognition, no mocks (a few seconds a page).

The CER limits are about four times what this engine measured on these pages (clean 0.009, scans
0.013–0.017, benchmarks/ocr.py for more), so they catch a broken pipeline, not a version's jitter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from archive_builder.inventory.readers import ocr
from archive_builder.inventory.readers.base import ReaderMissing

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures"))
import make_scans  # a fixture script beside the tests, not a package

MARK = "机密★5年"
CLEAN_CER = 0.05
SCAN_CER = 0.08

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="rapidocr-onnxruntime is not installed")


@pytest.fixture(scope="module")
def page() -> Image.Image:
    """The sample notice with a classification mark and a table."""
    return make_scans.render_page(make_scans.SAMPLE_LINES, mark=MARK, table=make_scans.SAMPLE_TABLE)


@pytest.fixture(scope="module")
def truth() -> str:
    """What the sample page says."""
    return make_scans.page_text(make_scans.SAMPLE_LINES, MARK, make_scans.SAMPLE_TABLE)


@pytest.fixture(scope="module")
def clean(page: Image.Image) -> ocr.OcrPage:
    """The clean render, recognised."""
    return ocr.recognise(page)


@pytest.fixture(scope="module")
def scanned(page: Image.Image) -> ocr.OcrPage:
    """A flatbed scan of the page (skewed, blurred, noisy, JPEG), recognised."""
    return ocr.recognise(make_scans.scan(page, seed=1))


# --- recognition -----------------------------------------------------------------------------

@needs_ocr
def test_clean_page_is_read_almost_exactly(clean: ocr.OcrPage, truth: str) -> None:
    assert make_scans.cer(truth, clean.text) <= CLEAN_CER


@needs_ocr
def test_scanned_page_is_read_within_the_measured_error(scanned: ocr.OcrPage, truth: str) -> None:
    assert make_scans.cer(truth, scanned.text) <= SCAN_CER


@needs_ocr
def test_classification_mark_is_in_the_head(clean: ocr.OcrPage, scanned: ocr.OcrPage) -> None:
    assert "机密" in clean.head_text
    assert "机密" in scanned.head_text
    assert "保数据真实" not in scanned.head_text  # body text is below the top quarter


@needs_ocr
def test_confidences_are_probabilities(clean: ocr.OcrPage, scanned: ocr.OcrPage) -> None:
    for result in (clean, scanned):
        assert isinstance(result.head_confidence, float)
        assert 0.0 < result.head_confidence <= 1.0
        assert 0.0 < result.confidence <= 1.0
        assert all(0.0 <= line.confidence <= 1.0 for line in result.lines)


@needs_ocr
def test_text_is_in_reading_order_one_row_a_line(scanned: ocr.OcrPage) -> None:
    rows = scanned.text.splitlines()
    assert "机密" in rows[0]
    assert "2017年3月15日" in rows[-1]
    # A table row skewed by the scan still comes out as one line, cells left to right.
    assert any(row.replace(" ", "") == "城关小学412263" for row in rows)
    assert "学校学生数专任教师交流人数" in rows  # no spaces between Chinese cells


@needs_ocr
def test_page_upside_down_is_turned_and_read(page: Image.Image, truth: str) -> None:
    result = ocr.recognise(make_scans.scan(page, seed=2).rotate(180))
    assert make_scans.cer(truth, result.text) <= SCAN_CER
    assert "机密" in result.head_text


@needs_ocr
def test_other_image_modes_are_read(page: Image.Image) -> None:
    head = page.crop((0, 0, page.width, page.height // 4))
    for image in (head.convert("LA"), head.convert("P"), head.convert("1")):
        assert "机密" in ocr.recognise(image).text, image.mode


@needs_ocr
def test_blank_page_has_no_lines_and_a_large_image_is_scaled() -> None:
    result = ocr.recognise(Image.new("L", (3000, 2200), 255))
    assert result.lines == ()
    assert result.text == "" and result.head_text == ""
    assert result.confidence == 0.0
    assert result.head_confidence is None
    assert (result.width, result.height) == (ocr.MAX_SIDE, 1467)


@needs_ocr
def test_models_ship_inside_the_package() -> None:
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert {p.suffix for p in models.iterdir()} == {".onnx"}
    assert any("det" in p.name for p in models.iterdir()) and any("rec" in p.name for p in models.iterdir())


def test_missing_engine_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    monkeypatch.setattr(ocr, "_engine_of", {})
    with pytest.raises(ReaderMissing) as caught:
        ocr.recognise(Image.new("RGB", (200, 100), "white"))
    assert "pip install rapidocr-onnxruntime" in str(caught.value)


@pytest.mark.parametrize(("value", "expected"), [("", 1), ("1", 1), ("2", min(2, os.cpu_count() or 1)),
                                                 ("0", 1), ("many", 1), ("999", os.cpu_count() or 1)])
def test_thread_count_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv(ocr.THREADS_ENV, value)
    assert ocr.threads() == expected


# --- the generator ---------------------------------------------------------------------------

def test_generator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    def made(seed: int, name: str, photo: bool = True) -> list[bytes]:
        page = make_scans.render_page(make_scans.SAMPLE_LINES, mark=MARK, seed=seed)
        files = [make_scans.save_jpeg(make_scans.scan(page, seed), tmp_path / f"{name}-scan.jpg")]
        if photo:
            files.append(make_scans.save_jpeg(make_scans.phone_photo(page, seed), tmp_path / f"{name}-photo.jpg"))
        return [path.read_bytes() for path in files]

    first = made(3, "a")
    assert made(3, "b") == first
    assert made(4, "c", photo=False)[0] != first[0]


def test_page_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        make_scans.render_page([*make_scans.SAMPLE_LINES[:4], "很长的正文。" * 400, *make_scans.SAMPLE_LINES[-2:]])


def test_save_tiff_writes_every_page_as_a_frame(tmp_path: Path, page: Image.Image) -> None:
    path = make_scans.save_tiff([page, make_scans.scan(page, seed=5)], tmp_path / "scans.tiff")
    with Image.open(path) as tiff:
        assert tiff.format == "TIFF"
        assert tiff.n_frames == 2


def test_scanned_pdf_has_pages_but_no_text_layer(tmp_path: Path, page: Image.Image) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    path = make_scans.save_scanned_pdf([page, make_scans.scan(page, seed=6)], tmp_path / "scan.pdf")
    document = pdfium.PdfDocument(path)
    try:
        assert len(document) == 2
        for index in range(len(document)):
            assert document[index].get_textpage().get_text_range().strip() == ""
    finally:
        document.close()
