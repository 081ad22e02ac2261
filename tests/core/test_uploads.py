"""The one upload check: bytes decide the type, and it must match the extension."""

import io

import pytest
import tablib
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from integrity.core.uploads import ATTACHMENT, IMAGE, IMPORT, WORKBOOK, check_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def refusal(name: str, content: bytes, kind=ATTACHMENT) -> str:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content), kind=kind)
    return " ".join(error.value.messages)


def test_a_real_png_and_a_real_pdf_are_accepted_with_their_sniffed_type():
    assert check_upload(SimpleUploadedFile("照片.PNG", png())) == "image/png"
    assert check_upload(SimpleUploadedFile("决定书.pdf", PDF)) == "application/pdf"


def test_an_html_pdf_polyglot_is_refused():
    polyglot = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script>" + PDF
    assert "网页代码" in refusal("决定书.pdf", polyglot)


def test_a_gif_header_followed_by_svg_is_refused():
    message = refusal("图.gif", b"GIF89a<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>")
    assert "网页代码" in message
    assert "网页代码" in refusal("logo.png", b"GIF89a<SVG onload=1>", kind=IMAGE)


def test_a_pdf_named_png_is_refused():
    assert "内容与扩展名不符" in refusal("照片.png", PDF)


def test_an_html_page_named_pdf_without_magic_is_refused():
    assert "内容与扩展名不符" in refusal("a.pdf", b"hello, not a pdf")
    assert "网页代码" in refusal("a.pdf", b"<!DOCTYPE html><p>hi")


def test_an_svg_or_html_extension_is_refused_even_for_harmless_bytes():
    assert "只接收" in refusal("a.svg", png())
    assert "只接收" in refusal("a.html", PDF)
    assert "只接收" in refusal("noextension", PDF)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    assert "超过 1 KB" in refusal("big.pdf", PDF + b"0" * 2048)


def test_imports_accept_xlsx_and_text_csv_only():
    workbook = tablib.Dataset(["a"], headers=["h"]).export("xlsx")
    assert check_upload(SimpleUploadedFile("清单.xlsx", workbook), kind=IMPORT).endswith("sheet")
    assert check_upload(SimpleUploadedFile("清单.csv", "名称\n承诺".encode()), kind=IMPORT)
    assert "内容与扩展名不符" in refusal("清单.csv", b"MZ\x90\x00\x03\x00\x00", kind=IMPORT)
    assert "内容与扩展名不符" in refusal("清单.xlsx", PDF, kind=IMPORT)
    assert "网页代码" in refusal("清单.csv", b"a,b\n<script>x</script>", kind=IMPORT)
    assert "只接收 xlsx" in refusal("清单.csv", b"a,b", kind=WORKBOOK)


def test_the_check_leaves_the_file_at_its_start():
    upload = SimpleUploadedFile("决定书.pdf", PDF)
    check_upload(upload)
    assert upload.read() == PDF
