"""Small real files for the demo: a one-page PDF and a PNG, built in memory."""

import io

from PIL import Image

from django.core.files.base import ContentFile


def sample_pdf(name: str = "材料.pdf") -> ContentFile:
    """A valid one-page PDF (no text: the demo only needs a real file of the right type)."""
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return ContentFile(body, name=name)


def sample_png(name: str = "照片.png", colour: str = "#1f5f8b") -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)
