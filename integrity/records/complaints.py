"""Citizen reports (投诉举报): submit, route, moderate, answer, verify, refuse, feedback.

Part of the records services (re-exported by :mod:`integrity.records.services`).
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import in_user_scope, require_perm
from integrity.core.workdays import add_working_days

from .models import Complaint, ComplaintAttachment
from .services import EventType, _procedure, _require, _today, record_create_from_complaint


def _tracking_number() -> str:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        code = (
            "JB" + _today().strftime("%Y%m%d") + "".join(secrets.choice(alphabet) for _ in range(6))
        )
        if not Complaint.objects.filter(tracking_number=code).exists():
            return code


@transaction.atomic
def complaint_submit(
    *,
    organisation: Organisation,
    topic: str,
    title: str,
    text: str,
    anonymous: bool = True,
    attachments=(),
    commitment=None,
    **reporter,
) -> Complaint:
    """Register a citizen report. ``attachments``: (file, detected content type) pairs."""
    if anonymous:
        reporter = {}
    complaint = Complaint(
        tracking_number=_tracking_number(),
        organisation=organisation,
        topic=topic,
        title=title,
        original_text=text,
        anonymous=anonymous,
        supervisor=organisation.supervisor(),
        commitment=commitment,
        **reporter,
    )
    complaint.full_clean()
    complaint.save()
    for upload, content_type in attachments:
        ComplaintAttachment.objects.create(
            complaint=complaint, file=upload, content_type=content_type, size=upload.size
        )
    record_event(
        type=EventType.COMPLAINT_SUBMITTED,
        actor=None,
        obj=complaint,
        details={"tracking_number": complaint.tracking_number},
    )
    return complaint


@transaction.atomic
def complaint_route(
    *,
    complaint: Complaint,
    by,
    organisation: Organisation | None = None,
    on: datetime.date | None = None,
) -> Complaint:
    """Route to the responsible unit and its supervisor with an answer deadline."""
    require_perm(by, "records.change_complaint", complaint)
    from integrity.core.services import notice_send

    lock(complaint)
    _require(
        complaint.status in (Complaint.Status.RECEIVED, Complaint.Status.ROUTED),
        _("This report can no longer be routed."),
    )
    unit = organisation or complaint.organisation
    _require(in_user_scope(by, unit), _("The unit is outside your jurisdiction."))
    day = on or _today()
    rule = _procedure(unit, day)
    complaint.organisation, complaint.supervisor = unit, unit.supervisor()
    complaint.answer_due = add_working_days(day, rule.complaint_answer_working_days).value
    complaint.status = Complaint.Status.ROUTED
    complaint.save()
    for org in filter(None, (unit, complaint.supervisor)):
        notice_send(
            organisation=org,
            key=f"complaint-routed-{complaint.pk}-{org.pk}",
            title=_("Citizen report %(number)s to answer") % {"number": complaint.tracking_number},
            body=complaint.title,
        )
    record_event(
        type=EventType.COMPLAINT_ROUTED,
        actor=by,
        obj=complaint,
        details={"unit": unit.pk, "answer_due": complaint.answer_due},
    )
    return complaint


@transaction.atomic
def complaint_moderate(*, complaint: Complaint, by, public_text: str, reason: str) -> Complaint:
    """Edit the public text; the original text is kept unchanged."""
    require_perm(by, "records.change_complaint", complaint)
    lock(complaint)
    _require(bool(reason.strip()), _("Give the reason for the moderation."))
    complaint.public_text = public_text
    complaint.save(update_fields=["public_text"])
    record_event(type=EventType.COMPLAINT_MODERATED, actor=by, obj=complaint, reason=reason)
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, by, answer: str) -> Complaint:
    require_perm(by, "records.change_complaint", complaint)
    lock(complaint)
    _require(
        complaint.status in (Complaint.Status.ROUTED, Complaint.Status.ANSWERED),
        _("The report must be routed before it is answered."),
    )
    _require(bool(answer.strip()), _("The answer is required."))
    complaint.answer, complaint.answered_at = answer, timezone.now()
    complaint.status = Complaint.Status.ANSWERED
    complaint.save()
    record_event(type=EventType.COMPLAINT_ANSWERED, actor=by, obj=complaint)
    return complaint


@transaction.atomic
def complaint_verify(
    *, complaint: Complaint, by, founded: bool, notes: str = "", follow_up: str = ""
) -> Complaint:
    """Outcome founded / unfounded; a founded one may become a rectification or a record.

    ``follow_up``: "" (none), "rectification" (commitment) or "record" (draft record).
    """
    require_perm(by, "records.change_complaint", complaint)
    lock(complaint)
    _require(
        complaint.status == Complaint.Status.ANSWERED, _("Only an answered report can be verified.")
    )
    complaint.status = Complaint.Status.FOUNDED if founded else Complaint.Status.UNFOUNDED
    complaint.verification = notes
    complaint.save()
    record_event(
        type=EventType.COMPLAINT_VERIFIED,
        actor=by,
        obj=complaint,
        details={"founded": founded, "follow_up": follow_up},
        reason=notes,
    )
    if founded and follow_up == "record":
        record_create_from_complaint(complaint=complaint, by=by)
    elif founded and follow_up == "rectification":
        _rectification_for(complaint, by=by)
    return complaint


def _rectification_for(complaint: Complaint, *, by):
    from commitments.services import commitment_create

    return commitment_create(
        by=by,
        organisation=complaint.organisation,
        kind="rectification",
        title=_("Rectification: %(title)s") % {"title": complaint.title},
        content=complaint.shown_text,
        deadline=complaint.answer_due or _today(),
    )


@transaction.atomic
def complaint_reject(*, complaint: Complaint, by, reason: str) -> Complaint:
    require_perm(by, "records.change_complaint", complaint)
    lock(complaint)
    _require(complaint.status == Complaint.Status.RECEIVED, _("Only a new report can be refused."))
    _require(bool(reason.strip()), _("Give the reason."))
    complaint.status = Complaint.Status.REJECTED
    complaint.answer = reason
    complaint.save()
    record_event(type=EventType.COMPLAINT_REJECTED, actor=by, obj=complaint, reason=reason)
    return complaint


@transaction.atomic
def complaint_feedback(*, complaint: Complaint, feedback: str, comment: str = "") -> Complaint:
    """The reporter says whether the answer solved it (by tracking number, anonymous)."""
    lock(complaint)
    _require(
        complaint.status
        in (Complaint.Status.ANSWERED, Complaint.Status.FOUNDED, Complaint.Status.UNFOUNDED),
        _("Feedback is possible once the report is answered."),
    )
    _require(
        feedback in (Complaint.Feedback.SOLVED, Complaint.Feedback.NOT_SOLVED),
        _("Choose whether the answer solved the problem."),
    )
    complaint.feedback, complaint.feedback_comment = feedback, comment
    complaint.save()
    record_event(
        type=EventType.COMPLAINT_FEEDBACK, actor=None, obj=complaint, details={"feedback": feedback}
    )
    return complaint
