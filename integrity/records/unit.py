"""The notified unit's side of a record: written explanation, rectification, objection, repair.

The unit's operator or leader acts on records of its own unit (``records.respond`` perm).
Every write locks the record, validates, saves and logs an event; evidence files are
private (downloaded through :mod:`integrity.records.downloads`).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.display import deadline_text
from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.uploads import check_upload, max_attachments

from . import services
from .events import EventType
from .models import DishonestyRecord, Objection, RecordEvidence, RecordStatus, RepairApplication

# A record the unit answers: notified or published and still live.
ANSWERABLE = (RecordStatus.NOTIFIED, RecordStatus.PUBLISHED)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _may_respond(record: DishonestyRecord, by) -> None:
    _require(
        by is not None and by.has_perm("records.respond_dishonestyrecord", record),
        _("Only the notified unit may answer this record."),
    )


def _attach(record: DishonestyRecord, files: Iterable, *, kind: str, by) -> list[RecordEvidence]:
    files = [f for f in files if f]
    _require(
        len(files) <= max_attachments(),
        _("At most %(n)d files can be attached.") % {"n": max_attachments()},
    )
    for upload in files:
        check_upload(upload)
    return [
        RecordEvidence.objects.create(
            record=record, file=upload, description=upload.name[:200], kind=kind, uploaded_by=by
        )
        for upload in files
    ]


@transaction.atomic
def record_explain(*, record: DishonestyRecord, by, text: str, files: Iterable = ()):
    """The unit's written explanation (书面说明) with evidence. A late one is accepted, marked."""
    lock(record)
    _may_respond(record, by)
    _require(record.status in ANSWERABLE, _("This record is not waiting for an explanation."))
    _require(bool(text.strip()), _("Write the explanation."))
    evidence = _attach(record, files, kind=RecordEvidence.Kind.EXPLANATION, by=by)
    now = timezone.now()
    late = bool(record.explanation_due and timezone.localdate(now) > record.explanation_due)
    record.explanation, record.explanation_submitted_at = text, now
    record.save(update_fields=["explanation", "explanation_submitted_at"])
    record_event(
        type=EventType.EXPLAINED,
        actor=by,
        obj=record,
        details={"late": late, "files": [e.pk for e in evidence]},
    )
    return record


@transaction.atomic
def record_rectify(*, record: DishonestyRecord, by, text: str, files: Iterable = ()):
    """The unit reports its rectification (整改情况) with evidence."""
    lock(record)
    _may_respond(record, by)
    _require(record.status in ANSWERABLE, _("This record is not waiting for a rectification."))
    _require(bool(text.strip()), _("Describe the rectification."))
    _require(bool([f for f in files if f]), _("Attach evidence of the rectification."))
    evidence = _attach(record, files, kind=RecordEvidence.Kind.RECTIFICATION, by=by)
    record.rectification, record.rectification_submitted_at = text, timezone.now()
    record.save(update_fields=["rectification", "rectification_submitted_at"])
    late = bool(
        record.rectification_deadline and timezone.localdate() > record.rectification_deadline
    )
    record_event(
        type=EventType.RECTIFICATION_REPORTED,
        actor=by,
        obj=record,
        details={"late": late, "files": [e.pk for e in evidence]},
    )
    return record


def unit_objection_file(*, record: DishonestyRecord, by, grounds: str) -> Objection:
    """The unit files an objection online; the credit office decides it."""
    _may_respond(record, by)
    _require(bool(grounds.strip()), _("Give the grounds of the objection."))
    with transaction.atomic():
        objection = services.objection_file(
            record=record, applicant=by.organisation.name, grounds=grounds, by=by
        )
        objection.filed_by = by
        objection.save(update_fields=["filed_by"])
    return objection


def unit_repair_apply(
    *, record: DishonestyRecord, by, credit_commitment: str, performance: str, evidence=None
) -> RepairApplication:
    """The unit applies online for credit repair (信用修复申请)."""
    _may_respond(record, by)
    with transaction.atomic():
        application = services.repair_apply(
            record=record,
            by=by,
            credit_commitment=credit_commitment,
            performance=performance,
            evidence=evidence,
        )
        application.applied_by = by
        application.save(update_fields=["applied_by"])
    return application


# --- deadlines ------------------------------------------------------------------------


def awaiting_explanation():
    """Live records whose unit has not yet explained in writing."""
    return DishonestyRecord.objects.filter(
        status__in=ANSWERABLE, explanation_submitted_at__isnull=True, explanation_due__isnull=False
    )


@transaction.atomic
def explanations_escalate(*, on: datetime.date | None = None) -> int:
    """Daily: a missed explanation is reported to the unit's supervisor, once per record."""
    from integrity.core.services import notice_send

    day = on or timezone.localdate()
    missed = awaiting_explanation().filter(
        explanation_due__lt=day, explanation_escalated_on__isnull=True
    )
    count = 0
    for record in missed.select_related("organisation").select_for_update(of=("self",)):
        for org in filter(None, (record.organisation, record.organisation.supervisor())):
            notice_send(
                organisation=org,
                key=f"record-explanation-missed-{record.pk}-{org.pk}",
                title=_("Written explanation overdue: %(title)s") % {"title": record.title},
                body=_("%(unit)s has not explained in writing; it was due %(due)s.")
                % {"unit": record.organisation.name, "due": deadline_text(record.explanation_due)},
                level="danger",
            )
        record.explanation_escalated_on = day
        record.save(update_fields=["explanation_escalated_on"])
        record_event(
            type=EventType.EXPLANATION_ESCALATED,
            actor=None,
            obj=record,
            details={"due": record.explanation_due},
        )
        count += 1
    return count
