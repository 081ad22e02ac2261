"""Shared PDF helpers: the embedded Chinese font and a few paragraph styles.

Call :func:`register_fonts` (idempotent, once per process) before building a
reportlab document, then use :data:`FONT` as the font name.
"""

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "WQYMicroHei"
FONT_PATH = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"


@cache
def register_fonts() -> str:
    """Register the WenQuanYi Micro Hei TrueType font (subset-embedded) and return its name."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))
    return FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    return {
        "title": ParagraphStyle(
            "title", fontName=font, fontSize=18, leading=28, alignment=TA_CENTER, spaceAfter=12
        ),
        "number": ParagraphStyle(
            "number", fontName=font, fontSize=11, leading=18, alignment=TA_CENTER, spaceAfter=12
        ),
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=12, leading=22, firstLineIndent=24, wordWrap="CJK"
        ),
        "plain": ParagraphStyle("plain", fontName=font, fontSize=12, leading=22, wordWrap="CJK"),
        "right": ParagraphStyle("right", fontName=font, fontSize=12, leading=22, alignment=2),
    }


def text(value: object) -> str:
    """Escape user text for a reportlab Paragraph (keeps line breaks)."""
    return escape(str(value or "")).replace("\n", "<br/>")
