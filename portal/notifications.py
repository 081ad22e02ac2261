"""Status updates to the reporters of citizen reports, by e-mail and text message.

A sweep (beat task ``portal-reporter-updates``, every five minutes) finds reports whose
current status the reporter has not been told yet and tells them once: ``ReporterUpdate``
is unique per report and status, so running it twice sends nothing twice. Anonymous
reports have no contact and get nothing. The message carries the tracking number, the
new status and a link to the case page; the event row carries neither address nor number.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.records.models import Complaint
from portal.events import EventType
from portal.models import ReporterUpdate
from portal.sms import send_sms

BATCH = 500


def pending_updates():
    """Reports with a contact whose current status was not yet sent to the reporter."""
    told = ReporterUpdate.objects.filter(complaint=OuterRef("pk"), status=OuterRef("status"))
    has_contact = ~Q(reporter_email="") | ~Q(reporter_phone="")
    return (
        Complaint.objects.filter(anonymous=False)
        .filter(has_contact)
        .annotate(told=Exists(told))
        .filter(told=False)
        .order_by("pk")
    )


def _message(complaint: Complaint) -> tuple[str, str]:
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "records:track_detail", args=[complaint.tracking_number]
    )
    subject = _("Your report %(number)s: %(status)s") % {
        "number": complaint.tracking_number,
        "status": complaint.get_status_display(),
    }
    body = _(
        "The status of your report %(number)s is now: %(status)s.\n%(answer)s\n"
        "Follow the case: %(link)s"
    ) % {
        "number": complaint.tracking_number,
        "status": complaint.get_status_display(),
        "answer": complaint.answer,
        "link": link,
    }
    return subject, body


def reporter_update_send(*, complaint: Complaint) -> ReporterUpdate | None:
    """Tell the reporter the report's current status once; None if already told."""
    subject, body = _message(complaint)
    channels = [
        name
        for name, value in (("email", complaint.reporter_email), ("sms", complaint.reporter_phone))
        if value
    ]
    try:
        with transaction.atomic():
            update = ReporterUpdate.objects.create(
                complaint=complaint, status=complaint.status, channels=",".join(channels)
            )
            record_event(
                type=EventType.REPORTER_UPDATED,
                obj=complaint,
                details={"status": complaint.status, "channels": channels},
            )
    except IntegrityError:
        return None
    if complaint.reporter_email:
        send_mail(subject, body, None, [complaint.reporter_email])
    if complaint.reporter_phone:
        send_sms(complaint.reporter_phone, body)
    return update


def reporter_updates_send(*, limit: int = BATCH) -> int:
    """Send every pending update (at most ``limit``); returns how many reports were told."""
    sent = 0
    for complaint in pending_updates()[:limit]:
        if reporter_update_send(complaint=complaint) is not None:
            sent += 1
    return sent
