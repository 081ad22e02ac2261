"""PDF documents: the reply letter (official format) and the yearly handling report.

The Chinese font is embedded (subset) so the files render on machines without
Chinese system fonts.
"""

import datetime
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Reply
from .selectors import UnitStats

FONT = "WQYMicroHei"
FONT_CANDIDATES = (
    Path(settings.BASE_DIR) / "integrity/core/fonts/wqy-microhei.ttc",
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)


def register_font() -> str:
    """Register the Chinese font once (the core helper when present) and return its name."""
    try:
        from integrity.core import pdf as core_pdf

        return core_pdf.register_fonts()
    except (ImportError, AttributeError):
        pass
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = next(p for p in FONT_CANDIDATES if p.exists())
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    return FONT


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=14, leading=26, firstLineIndent=28)
    return {
        "body": base,
        "plain": ParagraphStyle("plain", parent=base, firstLineIndent=0),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=32, alignment=TA_CENTER, firstLineIndent=0
        ),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12),
    }


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _draw_mark(category: str, font: str):
    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 16)
        x, y = A4[0] - 30 * mm, A4[1] - 22 * mm
        canvas.rect(x - 4 * mm, y - 3 * mm, 14 * mm, 10 * mm)
        canvas.drawString(x, y, category)
        canvas.restoreState()

    return on_page


def reply_letter_pdf(reply: Reply) -> bytes:
    """The reply letter: title, number, category mark top right, body, unit and date."""
    font = register_font()
    styles = _styles(font)
    item = reply.assignment.item
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=reply.title,
        initialFontName=font,
    )
    number = _("%(session)s No. %(number)s") % {
        "session": item.session or item.year,
        "number": item.number,
    }
    authors = "、".join(m.name for m in reply.recipients.all()) or item.lead_author.name
    story = [
        Paragraph(escape(reply.title), styles["title"]),
        Paragraph(
            escape(number), ParagraphStyle("no", parent=styles["plain"], alignment=TA_CENTER)
        ),
        Spacer(1, 8 * mm),
        Paragraph(escape(authors) + "：", styles["plain"]),
    ]
    for para in reply.letter_text().splitlines():
        if para.strip():
            story.append(Paragraph(escape(para.strip()), styles["body"]))
    day = reply.sent_on or datetime.date.today()
    story += [
        Spacer(1, 14 * mm),
        Paragraph(escape(reply.assignment.unit.name), styles["right"]),
        Paragraph(_chinese_date(day), styles["right"]),
    ]
    mark = _draw_mark(reply.category, font)
    doc.build(story, onFirstPage=mark)
    return buffer.getvalue()


def _stats_row(name: str, s: UnitStats) -> list[str]:
    def pct(v):
        return "—" if v is None else f"{v * 100:.1f}%"

    return [
        name,
        str(s.assigned),
        str(s.replied),
        str(s.on_time),
        pct(s.on_time_rate),
        pct(s.satisfaction_rate),
        s.category_mix,
        str(s.rehandled),
        str(s.cohandled),
    ]


STATS_HEADERS = (
    gettext_noop("Handling unit"),
    gettext_noop("Assigned"),
    gettext_noop("Replied"),
    gettext_noop("Replied on time"),
    gettext_noop("On-time rate"),
    gettext_noop("Satisfaction rate"),
    gettext_noop("Category mix"),
    gettext_noop("Re-handled"),
    gettext_noop("Co-handled"),
)


def yearly_report_pdf(
    *, year: int, rows: list[tuple[str, UnitStats]], total: UnitStats, issuer: str
) -> bytes:
    """The yearly handling report: one row per unit plus the total."""
    font = register_font()
    styles = _styles(font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=str(year),
        initialFontName=font,
    )
    title = _("Handling of suggestions and proposals in %(year)s") % {"year": year}
    data = [[Paragraph(escape(_(h)), styles["cell"]) for h in STATS_HEADERS]]
    for name, stats in [*rows, (_("Total"), total)]:
        data.append([Paragraph(escape(v), styles["cell"]) for v in _stats_row(name, stats)])
    table = Table(data, repeatRows=1, colWidths=[42 * mm] + [17 * mm] * 8)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    story = [
        Paragraph(escape(title), styles["title"]),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph(escape(issuer), styles["right"]),
        Paragraph(_chinese_date(datetime.date.today()), styles["right"]),
    ]
    doc.build(story)
    return buffer.getvalue()
