"""The monthly monitoring report as a PDF (reportlab, embedded Chinese font)."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from django.utils.translation import gettext as _

from integrity.core.pdf import register_fonts, styles, text

from .models import Metric, MonitoringReport
from .selectors import unit_rows

COLUMNS = [
    Metric.OVERDUE,
    Metric.BROKEN,
    Metric.NEW_RECORDS,
    Metric.EXPIRED_RECORDS,
    Metric.COMPLAINTS_RECEIVED,
    Metric.COMPLAINTS_ANSWERED,
    Metric.PROPOSALS_ASSIGNED,
    Metric.PROPOSALS_REPLIED,
    Metric.DEBT_RED,
    Metric.DEBT_ORANGE,
]


def _cell(value: str) -> Paragraph:
    return Paragraph(text(value), styles()["plain"].clone("cell", fontSize=8, leading=11))


def _table(report: MonitoringReport) -> Table:
    header = [_cell(_("Unit"))] + [_cell(str(m.label)) for m in COLUMNS]
    body = []
    for row in unit_rows(report):
        cells = [_cell(row["name"] + (" ▲" if row["worsened"] else ""))]
        cells += [_cell(f"{row[m.value]} ({row['change'][m.value]:+d})") for m in COLUMNS]
        body.append(cells)
    totals = [_cell(_("Total"))] + [
        _cell(f"{report.totals[m.value]} ({report.changes['totals'][m.value]:+d})") for m in COLUMNS
    ]
    table = Table([header, *body, totals], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def report_pdf(report: MonitoringReport) -> bytes:
    """Title, totals with changes, and the per-unit table (▲ marks units that got worse)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, title=report.slug
    )
    title = _("Monthly monitoring report %(month)s") % {"month": report.slug}
    note = _("Figures in brackets: change from the month before. ▲ unit got worse.")
    story = [
        Paragraph(text(title), styles()["title"]),
        Paragraph(text(note), styles()["plain"]),
        Spacer(1, 4 * mm),
        _table(report),
    ]
    doc.build(story)
    return buffer.getvalue()
