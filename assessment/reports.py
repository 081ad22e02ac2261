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
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from django.utils import timezone

from assessment import official, selectors
from assessment.models import Campaign, CampaignUnit, Indicator
from integrity.core.pdf import register_fonts, text
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
                ("FONTNAME", (0, 0), (-1, -1), official.register_song()),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
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


def _number(campaign: Campaign, serial: int | str) -> str:
    """发文字号: the office's short name, 诚考, the year of issue and a serial."""
    org = campaign.organisation
    short = (org.short_name or org.name).removesuffix("人民政府")[:2]
    issued = (campaign.published_at or timezone.now()).year
    return f"{short}诚考〔{issued}〕{serial}号"


def _issued_on(campaign: Campaign):
    return (
        timezone.localdate(campaign.published_at) if campaign.published_at else timezone.localdate()
    )


def _last_total(unit: CampaignUnit) -> str:
    previous = selectors.previous_campaign(unit.campaign)
    last = previous.units.filter(organisation=unit.organisation).first() if previous else None
    return "—" if last is None or last.total is None else f"{last.total:.2f}"


def score_sheet_pdf(unit: CampaignUnit) -> bytes:
    """得分表 as an official document: every leaf with its points, raw value and score
    (一票否决 where a veto applies), the totals and last year's total."""
    s, campaign = official.styles(), unit.campaign
    rows = [["指标", "分值", "计分方式", "原始值", "得分"]]
    for score in selectors.scores_of(unit):
        leaf = score.indicator
        vetoed = leaf.method == Indicator.Method.VETO and score.raw_value
        rows.append(
            [
                Paragraph(text(f"{leaf.code} {leaf.name}"), s["cell"]),
                leaf.points,
                leaf.get_method_display(),
                score.raw_value if score.raw_value is not None else "",
                "一票否决" if vetoed else score.score,
            ]
        )
    summary = (
        f"基础分{unit.base}分，扣分{unit.deductions}分，加分{unit.bonus}分，"
        f"总分{unit.total}分；在{unit.peer_group.name}中排名第{unit.rank}位，"
        f"考核等次为{unit.grade}{'（一票否决）' if unit.vetoed else ''}。"
        f"上年度总分：{_last_total(unit)}。"
    )
    document = official.OfficialDocument(
        issuer=f"{campaign.organisation.name}",
        title=f"{unit.organisation.name}{campaign.year}年度政务诚信考核得分表",
        signer=campaign.organisation.name,
        date=_issued_on(campaign),
        body=[summary],
        annex=[_table(rows, [62 * mm, 16 * mm, 34 * mm, 22 * mm, 22 * mm])],
    )
    return document.pdf()


def _distribution_chart(distribution: list[tuple[str, int]]) -> Drawing:
    drawing = Drawing(150 * mm, 55 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 8 * mm, 125 * mm, 40 * mm
    chart.data = [[n for _, n in distribution] or [0]]
    chart.categoryAxis.categoryNames = [name for name, _ in distribution]
    chart.categoryAxis.labels.fontName = font()
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font()
    chart.bars[0].fillColor = colors.HexColor("#b22222")
    drawing.add(chart)
    return drawing


def _bulletin_body(campaign: Campaign, distribution, groups) -> list[str]:
    units = [row for _group, rows in groups for row in rows]
    names = "、".join(group for group, _rows in groups)
    counts = "，".join(f"{name}{n}个" for name, n in distribution)
    body = [
        f"根据《{campaign.scheme.name}》，{campaign.organisation.name}组织开展了"
        f"{campaign.year}年度政务诚信考核。考核采取单位自评、第三方评价、审核评议、"
        f"结果公示和异议复核相结合的方式，共考核{len(units)}个单位，按{names}分组排名。"
        "现将考核结果通报如下。",
        f"一、考核等次。{counts}。",
    ]
    best = [
        r["organisation__name"]
        for r in units
        if r["grade"] == (distribution[0][0] if distribution else "")
    ]
    if best:
        body.append(f"二、考核等次为{distribution[0][0]}的单位：{'、'.join(best)}。")
    vetoed = [r["organisation__name"] for r in units if r["vetoed"]]
    if vetoed:
        body.append(f"三、因发生重大政务失信事件实行一票否决的单位：{'、'.join(vetoed)}。")
    previous = [r for r in units if r["previous_total"] is not None]
    if previous:
        change = sum(r["total"] - r["previous_total"] for r in previous) / len(previous)
        body.append(
            f"与{campaign.year - 1}年度相比，{len(previous)}个单位的平均总分"
            f"{'提高' if change >= 0 else '下降'}{abs(change):.2f}分（各单位上年总分见附件）。"
        )
    body.append(
        "请考核等次为不合格和存在扣分事项的单位认真分析原因，制定整改方案，落实整改措施，"
        f"并按期将整改情况报{campaign.organisation.name}。"
    )
    return body


def bulletin_pdf(campaign: Campaign) -> bytes:
    """考核通报 as an official document (GB/T 9704): body with the grade distribution and
    the vetoed units; attachment 1 the ranking by peer group with last year's totals,
    attachment 2 the grade distribution chart."""
    distribution = selectors.grade_distribution(campaign)
    groups = selectors.grouped_ranking(campaign)
    annex = official.annex_heading(1, f"{campaign.year}年度政务诚信考核结果排名")
    for group, rows in groups:
        annex += [Spacer(1, 3 * mm), Paragraph(text(group), official.styles()["heading"])]
        table = [["排名", "单位", "总分", "等次", f"{campaign.year - 1}年度总分"]]
        table += [
            [
                r["rank"],
                Paragraph(text(r["organisation__name"]), official.styles()["cell"]),
                f"{r['total']:.2f}",
                f"{r['grade']}{'（一票否决）' if r['vetoed'] else ''}",
                "—" if r["previous_total"] is None else f"{r['previous_total']:.2f}",
            ]
            for r in rows
        ]
        annex.append(_table(table, [14 * mm, 62 * mm, 22 * mm, 30 * mm, 28 * mm]))
    annex += [
        PageBreak(),
        *official.annex_heading(2, "考核等次分布"),
        _distribution_chart(distribution),
    ]
    groups_line = "、".join(
        f"各{g.name}" if not g.name.startswith("各") else g.name
        for g in campaign.scheme.peer_groups.all()
    )
    document = official.OfficialDocument(
        issuer=f"{campaign.organisation.name}文件",
        number=_number(campaign, campaign.pk),
        title=f"关于{campaign.year}年度政务诚信考核结果的通报",
        addressee=f"{groups_line}：",
        body=_bulletin_body(campaign, distribution, groups),
        attachments=[f"{campaign.year}年度政务诚信考核结果排名", "考核等次分布"],
        signer=campaign.organisation.name,
        date=_issued_on(campaign),
        annex=annex,
    )
    return document.pdf()


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
