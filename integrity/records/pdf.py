"""The record notice (失信认定告知书) and the repair decision (信用修复决定书) as PDF."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from django.utils import timezone

from integrity.core.display import cn_date, deadline_text
from integrity.core.pdf import styles, text

from .models import DishonestyRecord, RepairApplication


def _build(story: list) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


def _date(day) -> str:
    return cn_date(day) or "——"


def _due(day) -> str:
    """A working-day deadline; 暂定 while its year's holiday arrangement is unpublished."""
    return deadline_text(day) if day else "——"


def _field_lines(record: DishonestyRecord) -> list[str]:
    return [
        f"失信事实：{text(record.facts or record.title)}",
        f"信息来源：{text(record.get_source_display())}；失信程度：{text(record.get_severity_display())}",
        f"认定依据：{text(record.legal_basis)}",
        f"认定日期：{_date(record.determination_date)}；决定文书号：{text(record.decision_number)}",
        f"公示期限：最短至{_date(record.min_end_date)}，最长至{_date(record.max_end_date)}。"
        f"最短公示期届满后，可在履行义务并作出信用承诺后申请信用修复。",
        f"请于{_due(record.explanation_due)}前作出书面说明，并于{_date(record.rectification_deadline)}"
        f"前完成整改。如对认定有异议，可向认定机关提出异议申请。",
    ]


def record_notice_pdf(record: DishonestyRecord) -> bytes:
    """失信认定告知书 for the subject unit."""
    s = styles()
    story = [
        Paragraph("政务失信认定告知书", s["title"]),
        Paragraph(text(record.decision_number), s["number"]),
        Paragraph(f"{text(record.organisation.name)}：", s["plain"]),
        Paragraph(
            f"经核实，{text(_subject(record))}存在以下政务失信行为，现予以认定并告知如下：",
            s["body"],
        ),
    ]
    story += [Paragraph(line, s["body"]) for line in _field_lines(record)]
    story += [
        Spacer(1, 16 * mm),
        Paragraph(text(record.deciding_body), s["right"]),
        Paragraph(_date(timezone.localdate()), s["right"]),
    ]
    return _build(story)


def repair_decision_pdf(application: RepairApplication) -> bytes:
    """信用修复决定书 for an approved repair application."""
    s = styles()
    record = application.record
    story = [
        Paragraph("信用修复决定书", s["title"]),
        Paragraph(f"{text(record.organisation.name)}：", s["plain"]),
        Paragraph(
            f"你单位于{_date(application.submitted_on)}提出的信用修复申请（涉及认定文书"
            f"{text(record.decision_number)}，{text(record.title)}）已收悉。",
            s["body"],
        ),
        Paragraph(f"信用承诺：{text(application.credit_commitment)}", s["body"]),
        Paragraph(f"履行义务情况：{text(application.performance)}", s["body"]),
        Paragraph(
            "经审核，符合信用修复条件，决定予以修复：自本决定作出之日起终止公示、"
            "停止共享和使用，同步解除相关惩戒措施。",
            s["body"],
        ),
        Paragraph(f"审核意见：{text(application.decision)}", s["body"]),
        Spacer(1, 16 * mm),
        Paragraph(text(record.deciding_body), s["right"]),
        Paragraph(
            _date(
                timezone.localdate(application.decided_at)
                if application.decided_at
                else timezone.localdate()
            ),
            s["right"],
        ),
    ]
    return _build(story)


def _subject(record: DishonestyRecord) -> str:
    if record.official_id:
        return f"{record.organisation.name}{record.official.post}{record.official.name}同志"
    return record.organisation.name
