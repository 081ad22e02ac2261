"""Idempotent citizen report submission: one form token, one report.

The report form carries a signed random token (``new_token``). ``complaint_submit_once``
claims it in the same transaction that creates the report; a repeated POST of the same
form, sequential or concurrent, gets the report the first one made.
"""

import secrets

from django.core import signing
from django.db import IntegrityError, transaction

from . import services
from .models import Complaint, ReportSubmission

SALT = "integrity.records.report-submission"
MAX_AGE_SECONDS = 24 * 60 * 60


def new_token() -> str:
    """A fresh, signed form token (put in the form's hidden field)."""
    return signing.dumps(secrets.token_hex(16), salt=SALT)


def token_value(signed: str) -> str | None:
    """The random part of a token this site issued within a day, else None."""
    try:
        return str(signing.loads(signed or "", salt=SALT, max_age=MAX_AGE_SECONDS))
    except signing.BadSignature:
        return None


def submitted_complaint(token: str) -> Complaint | None:
    """The report already made with ``token``, if any."""
    found = ReportSubmission.objects.filter(token=token, complaint__isnull=False)
    submission = found.select_related("complaint").first()
    return submission.complaint if submission else None


@transaction.atomic
def complaint_submit_once(*, token: str, **fields) -> tuple[Complaint, bool]:
    """``services.complaint_submit(**fields)`` unless ``token`` already made a report.

    Returns ``(complaint, created)``. A second call with the same token returns the first
    report and writes nothing; on PostgreSQL a concurrent second call waits for the first
    to commit on the token's primary key, then returns its report.
    """
    try:
        with transaction.atomic():
            claim = ReportSubmission.objects.create(token=token)
    except IntegrityError:
        complaint = submitted_complaint(token)
        if complaint is None:
            raise
        return complaint, False
    complaint = services.complaint_submit(**fields)
    claim.complaint = complaint
    claim.save(update_fields=["complaint"])
    return complaint, True
