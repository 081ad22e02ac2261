"""Outputs of a campaign: per-unit score sheet PDF, the overall 通报 PDF, Excel of all
scores. Pure builders: objects in, bytes out (the Chinese font is embedded)."""

import io
from collections.abc import Callable
from functools import cache

from openpyxl import Workbook
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from assessment import selectors
from assessment.models import Campaign, CampaignUnit, Indicator
from integrity.core.pdf import register_fonts, styles, text
from integrity.core.spreadsheet import append_row


@cache
def font() -> str:
    """The embedded Chinese font, registered once per process (parsing it is costly)."""
    return register_fonts()


def _table(rows: list[list], widths: list[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font()),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _build(story: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story)
    return buffer.getvalue()


def score_sheet_pdf(unit: CampaignUnit) -> bytes:
    """得分表: every leaf with its points, raw value and score, then the totals."""
    s, campaign = styles(), unit.campaign
    rows = [["指标", "分值", "计分方式", "原始值", "得分"]]
    for score in selectors.scores_of(unit):
        leaf = score.indicator
        rows.append(
            [
                Paragraph(text(f"{leaf.code} {leaf.name}"), s["plain"]),
                leaf.points,
                leaf.get_method_display(),
                score.raw_value if score.raw_value is not None else "",
                score.score,
            ]
        )
    summary = (
        f"基础分 {unit.base}　扣分 {unit.deductions}　加分 {unit.bonus}　"
        f"总分 {unit.total}　组内排名 {unit.rank}（{unit.peer_group.name}）　等次 {unit.grade}"
    )
    return _build(
        [
            Paragraph(text(f"{campaign.scheme.name}得分表"), s["title"]),
            Paragraph(text(unit.organisation.name), s["number"]),
            _table(rows, [70 * mm, 18 * mm, 34 * mm, 22 * mm, 20 * mm]),
            Spacer(1, 6 * mm),
            Paragraph(text(summary), s["plain"]),
        ]
    )


def _distribution_chart(distribution: list[tuple[str, int]]) -> Drawing:
    drawing = Drawing(160 * mm, 55 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 8 * mm, 130 * mm, 40 * mm
    chart.data = [[n for _, n in distribution] or [0]]
    chart.categoryAxis.categoryNames = [name for name, _ in distribution]
    chart.categoryAxis.labels.fontName = font()
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#b22222")
    drawing.add(chart)
    return drawing


def bulletin_pdf(campaign: Campaign) -> bytes:
    """考核通报: grade distribution (table and chart), then the ranking by peer group."""
    s = styles()
    distribution = selectors.grade_distribution(campaign)
    story = [
        Paragraph(text(f"关于{campaign.year}年度政务诚信考核结果的通报"), s["title"]),
        Paragraph(text(campaign.organisation.name), s["number"]),
        _table(
            [["等次", *[n for n, _ in distribution]], ["单位数", *[c for _, c in distribution]]]
        ),
        _distribution_chart(distribution),
    ]
    for group, rows in selectors.grouped_ranking(campaign):
        story += [Spacer(1, 4 * mm), Paragraph(text(group), s["plain"])]
        table = [["排名", "单位", "总分", "等次", "上年总分"]]
        table += [
            [
                r["rank"],
                r["organisation__name"],
                f"{r['total']:.2f}",
                r["grade"],
                "" if r["previous_total"] is None else f"{r['previous_total']:.2f}",
            ]
            for r in rows
        ]
        story.append(_table(table, [16 * mm, 70 * mm, 24 * mm, 24 * mm, 26 * mm]))
    return _build(story)


def scores_xlsx(campaign: Campaign) -> bytes:
    """All units × every leaf, then base, deductions, bonus, total, rank, grade."""
    leaves = list(
        Indicator.objects.filter(scheme=campaign.scheme_id, children__isnull=True).order_by(
            "sort_order", "code"
        )
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "得分"
    append_row(
        sheet,
        [
            "单位",
            "组别",
            *[f"{leaf.code} {leaf.name}" for leaf in leaves],
            "基础分",
            "扣分",
            "加分",
            "总分",
            "排名",
            "等次",
        ],
    )
    units = campaign.units.select_related("organisation", "peer_group").prefetch_related("scores")
    for unit in units:
        by_leaf = {s.indicator_id: s.score for s in unit.scores.all()}
        append_row(
            sheet,
            [
                unit.organisation.name,
                unit.peer_group.name,
                *[by_leaf.get(leaf.pk) for leaf in leaves],
                unit.base,
                unit.deductions,
                unit.bonus,
                unit.total,
                unit.rank,
                unit.grade,
            ],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheets_zip(campaign: Campaign, progress: Callable[[int], None]) -> bytes:
    """Every unit's score sheet in one zip, reporting progress (0-100)."""
    import zipfile

    buffer = io.BytesIO()
    units = list(campaign.units.select_related("organisation", "peer_group", "campaign__scheme"))
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, unit in enumerate(units, start=1):
            archive.writestr(f"{unit.organisation.name}.pdf", score_sheet_pdf(unit))
            progress(int(100 * index / len(units)))
    return buffer.getvalue()
