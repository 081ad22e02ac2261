"""The civil-servant integrity archive (公务员诚信档案): entries, coverage, printable checks.

Entries are commendations, violations, integrity training (with hours) and integrity
exams (with score and result). Coverage per unit = active officials with a training
(or a passed exam) entry in the year ÷ active officials.
"""

import datetime
import io
from decimal import Decimal, InvalidOperation

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from integrity.core.display import cn_date, cn_datetime
from integrity.core.models import Organisation
from integrity.core.pdf import styles, text
from integrity.core.permissions import scope_queryset

from . import services
from .models import CreditCheck, Official, OfficialEntry

Kind = OfficialEntry.Kind


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _decimal(value, message: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValidationError(message) from error


@transaction.atomic
def archive_entry_add(
    *,
    official: Official,
    by,
    kind: str,
    date: datetime.date | None,
    title: str,
    description: str = "",
    hours=None,
    score=None,
    passed: bool | None = None,
) -> OfficialEntry:
    """Add an entry to the official's archive. Raises ValidationError (Chinese message)."""
    _require(
        by is not None and by.has_perm("records.add_officialentry", official),
        _("You may not change this official's archive."),
    )
    _require(kind in Kind.values, _("Choose the kind of entry."))
    if date is None:
        raise ValidationError(_("Give the date."))
    _require(bool(title.strip()), _("Give the title."))
    hours = _decimal(hours, _("Training hours must be a number."))
    score = _decimal(score, _("The exam score must be a number."))
    if kind == Kind.TRAINING:
        _require(hours is not None and hours > 0, _("Give the training hours."))
    if kind == Kind.EXAM:
        _require(score is not None and passed is not None, _("Give the score and the result."))
    entry = services.official_entry_add(
        official=official, by=by, kind=kind, date=date, title=title, description=description
    )
    if hours is not None or score is not None or passed is not None:
        entry.hours, entry.score, entry.passed = hours, score, passed
        entry.full_clean()
        entry.save(update_fields=["hours", "score", "passed"])
    return entry


def coverage(user, *, year: int) -> list[dict]:
    """Per unit in the user's scope: officials, trained, examined, and the two rates."""
    in_year = Q(officials__entries__date__year=year)
    trained = in_year & Q(officials__entries__kind=Kind.TRAINING)
    examined = in_year & Q(officials__entries__kind=Kind.EXAM, officials__entries__passed=True)
    active = Q(officials__is_active=True)
    units = (
        scope_queryset(user, Organisation.objects.all())
        .annotate(
            total=Count("officials", filter=active, distinct=True),
            trained=Count("officials", filter=active & trained, distinct=True),
            examined=Count("officials", filter=active & examined, distinct=True),
        )
        .filter(total__gt=0)
        .order_by("path")
    )
    return [
        {
            "unit": unit,
            "total": unit.total,
            "trained": unit.trained,
            "examined": unit.examined,
            "training_rate": unit.trained / unit.total,
            "exam_rate": unit.examined / unit.total,
        }
        for unit in units
    ]


def credit_check_pdf(check: CreditCheck) -> bytes:
    """The printable result of a credit check (公务员诚信情况查询结果)."""
    s = styles()
    official = check.official
    lines = [
        f"姓名：{text(official.name)}；单位：{text(official.organisation.name)}；"
        f"职务：{text(official.post)}",
        f"身份证号：{text(official.id_number_masked)}",
        f"查询用途：{text(check.get_purpose_display())}",
        f"查询结果：{text(check.get_result_display())}",
    ]
    reasons = check.reasons or ["未发现公示中的失信记录或近期违规违纪情况。"]
    story = [Paragraph("公务员诚信情况查询结果", s["title"]), Spacer(1, 4 * mm)]
    story += [Paragraph(line, s["plain"]) for line in lines]
    story.append(Paragraph("情况说明：", s["plain"]))
    story += [Paragraph(f"{n}. {text(r)}", s["body"]) for n, r in enumerate(reasons, 1)]
    story += [
        Spacer(1, 10 * mm),
        Paragraph(f"查询人：{text(check.checked_by)}", s["right"]),
        Paragraph(f"查询时间：{cn_datetime(check.checked_at)}", s["right"]),
        Paragraph(f"打印日期：{cn_date(datetime.date.today())}", s["right"]),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm).build(story)
    return buffer.getvalue()
