"""A PDF's structure is parsed, not looked for in a byte window: a JavaScript open action inside an object
stream whose dictionary is long (or whose rows carry a PNG predictor) is found, and the original is neither
copied nor framed; a structure that cannot be gone through counts as active. An object stream that only
shows a page is still attached."""

from __future__ import annotations

import pytest
from structures import GOTO, SCRIPT, assert_published_without_original, build, object_stream_pdf, sha

from archive_builder.inventory.readers.pdf import active_content


@pytest.mark.parametrize("pad", [0, 700, 5000])
@pytest.mark.parametrize("predictor", [0, 7])
def test_a_script_in_an_object_stream_is_found_whatever_its_dictionary_s_length(tmp_path, pad, predictor):
    import pypdfium2

    path = tmp_path / "objstm.pdf"
    path.write_bytes(object_stream_pdf(SCRIPT, pad, predictor))
    assert len(pypdfium2.PdfDocument(path.read_bytes())) == 1  # a PDF pdfium opens
    assert active_content(path)
    path.write_bytes(object_stream_pdf(GOTO, pad, predictor))
    assert not active_content(path)  # the same file showing a page only is no script


def test_a_stream_whose_dictionary_cannot_be_read_is_not_vouched_for(tmp_path):
    data = object_stream_pdf(GOTO)
    path = tmp_path / "odd.pdf"
    path.write_bytes(data.replace(b"6 0 obj\n<< /Type /ObjStm", b"6 0 obj\n<< /Type /ObjStm /X <<"))
    assert active_content(path)  # a dictionary not closed where pdfium may read it otherwise
    path.write_bytes(data.replace(b"/Filter /FlateDecode /Length", b"/Filter 9 0 R /Length", 1))
    assert active_content(path)  # filters given indirectly


def test_a_script_in_an_object_stream_keeps_the_original_out_of_the_site(tmp_path):
    scripted, plain = object_stream_pdf(SCRIPT), object_stream_pdf(GOTO, page=b"PLAINPAGEBODY")
    copied, pages, _ = build(tmp_path, {"脚本.pdf": scripted, "页面.pdf": plain})
    assert_published_without_original(pages, copied, scripted, "OBJSTMBODY")
    assert sha(plain) in copied
