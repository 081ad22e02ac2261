"""Official documents (公文) laid out after GB/T 9704-2012 with reportlab.

A4; 版心 156 × 225 mm (天头 37 mm, 订口 28 mm); 发文机关标志 in red centred at the top,
then the 文号 and a red separator line; the title in 2号 (22 pt) 小标宋-style; the
addressee and the body in 3号 (16 pt) with a two-character first-line indent, 22 lines
a page; 落款 and the date on the right, four characters from the margin; page numbers
"— 1 —" in 4号 (14 pt), odd pages on the right and even pages on the left.

The fonts ship with the project (integrity/core/fonts): AR PL SungtiL GB (宋体) for the
flag, title and body, WenQuanYi Micro Hei (黑体 style) for headings of attachments.
"""

import datetime
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable

from integrity.core.display import cn_date
from integrity.core.pdf import register_fonts, text

SONG = "ARPLSungtiLGB"
SONG_PATH = Path(__file__).resolve().parent.parent / "integrity" / "core" / "fonts" / "gbsn00lp.ttf"
RED = colors.Color(0.9, 0, 0.07)  # 发文机关标志 and separator: red
TOP, LEFT, WIDTH, HEIGHT = 37 * mm, 28 * mm, 156 * mm, 225 * mm
SIZE_TITLE, SIZE_BODY, SIZE_PAGE = 22, 16, 14
LEADING = HEIGHT / 22  # 22 lines a page


@cache
def register_song() -> str:
    """Register the Song face (subset-embedded) once per process; return its name."""
    pdfmetrics.registerFont(TTFont(SONG, str(SONG_PATH)))
    return SONG


@cache
def styles() -> dict[str, ParagraphStyle]:
    song, hei = register_song(), register_fonts()
    return {
        "number": ParagraphStyle(
            "number", fontName=song, fontSize=SIZE_BODY, leading=LEADING, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            fontName=song,
            fontSize=SIZE_TITLE,
            leading=LEADING * 1.2,
            alignment=TA_CENTER,
            spaceBefore=LEADING,
            spaceAfter=LEADING,
            wordWrap="CJK",
        ),
        "addressee": ParagraphStyle(
            "addressee", fontName=song, fontSize=SIZE_BODY, leading=LEADING, wordWrap="CJK"
        ),
        "body": ParagraphStyle(
            "body",
            fontName=song,
            fontSize=SIZE_BODY,
            leading=LEADING,
            firstLineIndent=2 * SIZE_BODY,
            wordWrap="CJK",
            alignment=TA_LEFT,
        ),
        "heading": ParagraphStyle(
            "heading", fontName=hei, fontSize=SIZE_BODY, leading=LEADING, wordWrap="CJK"
        ),
        "signature": ParagraphStyle(
            "signature",
            fontName=song,
            fontSize=SIZE_BODY,
            leading=LEADING,
            alignment=TA_RIGHT,
            rightIndent=4 * SIZE_BODY,
        ),
        "cell": ParagraphStyle("cell", fontName=song, fontSize=12, leading=16, wordWrap="CJK"),
    }


class IssuerFlag(Flowable):
    """发文机关标志: the issuer's name (and 文件) in red, centred, as wide as it may be."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.size = min(42.0, WIDTH / max(len(label), 1) * 0.98)

    def wrap(self, avail_width, avail_height):
        return WIDTH, self.size * 1.3

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(RED)
        canvas.setFont(register_song(), self.size)
        canvas.drawCentredString(WIDTH / 2, self.size * 0.2, self.label)


@dataclass
class OfficialDocument:
    issuer: str  # 发文机关标志, e.g. 澜江市人民政府文件
    title: str
    signer: str
    date: datetime.date
    body: list[str]
    number: str = ""  # 发文字号, e.g. 澜政诚考〔2027〕3号
    addressee: str = ""
    attachments: list[str] = field(default_factory=list)  # their titles, listed after the body
    annex: list[Flowable] = field(default_factory=list)  # the attachments themselves

    def story(self) -> list[Flowable]:
        s = styles()
        story: list[Flowable] = [IssuerFlag(self.issuer), Spacer(1, LEADING)]
        if self.number:
            story.append(Paragraph(text(self.number), s["number"]))
        story.append(
            HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=4 * mm, spaceAfter=0)
        )
        story.append(Paragraph(text(self.title), s["title"]))
        if self.addressee:
            story.append(Paragraph(text(self.addressee), s["addressee"]))
        paragraphs = [Paragraph(text(p), s["body"]) for p in self.body]
        closing: list[Flowable] = paragraphs[-1:]
        if self.attachments:
            closing.append(Spacer(1, LEADING))
            for index, title in enumerate(self.attachments, start=1):
                prefix = "附件：" if index == 1 else "　　　"
                closing.append(Paragraph(text(f"{prefix}{index}．{title}"), s["body"]))
        closing += [
            Spacer(1, LEADING * 1.5),
            Paragraph(text(self.signer), s["signature"]),
            Paragraph(text(cn_date(self.date)), s["signature"]),
        ]
        # The 落款 never stands alone on a page: it keeps the last paragraph with it.
        story += [*paragraphs[:-1], KeepTogether(closing)]
        if self.annex:
            story += [PageBreak(), *self.annex]
        return story

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        frame = Frame(LEFT, A4[1] - TOP - HEIGHT, WIDTH, HEIGHT, 0, 0, 0, 0, id="body")
        document = BaseDocTemplate(
            buffer, pagesize=A4, title=self.title, author=self.signer, subject=self.number
        )
        document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
        document.build(self.story())
        return buffer.getvalue()


def page_number(canvas, document) -> None:
    """— n —: odd pages right-aligned one character in, even pages left-aligned."""
    number = f"— {document.page} —"
    canvas.saveState()
    canvas.setFont(register_song(), SIZE_PAGE)
    y = A4[1] - TOP - HEIGHT - 7 * mm - SIZE_PAGE
    if document.page % 2:
        canvas.drawRightString(LEFT + WIDTH - SIZE_PAGE, y, number)
    else:
        canvas.drawString(LEFT + SIZE_PAGE, y, number)
    canvas.restoreState()


def annex_heading(index: int, title: str) -> list[Flowable]:
    """附件n (黑体 style) and the attachment's title (小标宋 style)."""
    s = styles()
    return [Paragraph(text(f"附件{index}"), s["heading"]), Paragraph(text(title), s["title"])]
