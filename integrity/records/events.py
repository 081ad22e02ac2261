"""The event types the records app records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    # records, officials and citizen reports
    RECORD_CREATED = ("record.created", pgettext_lazy("event", "Record created"))
    RECORD_UPDATED = ("record.updated", pgettext_lazy("event", "Record edited"))
    RECORD_EVIDENCE_ADDED = ("record.evidence_added", pgettext_lazy("event", "Evidence added"))
    RECORD_CONFIRMED = ("record.confirmed", pgettext_lazy("event", "Dishonesty confirmed"))
    RECORD_NOTIFIED = ("record.notified", pgettext_lazy("event", "Party notified"))
    RECORD_PUBLISHED = ("record.published", pgettext_lazy("event", "Record published"))
    RECORD_REVOKED = ("record.revoked", pgettext_lazy("event", "Record revoked"))
    RECORD_CORRECTED = ("record.corrected", pgettext_lazy("event", "Record corrected"))
    RECORD_REPAIRED = ("record.repaired", pgettext_lazy("event", "Credit repaired"))
    RECORD_EXPIRED = ("record.expired", pgettext_lazy("event", "Publication period ended"))
    OBJECTION_FILED = ("record.objection_filed", pgettext_lazy("event", "Objection filed"))
    OBJECTION_DECIDED = ("record.objection_decided", pgettext_lazy("event", "Objection decided"))
    REPAIR_APPLIED = ("record.repair_applied", pgettext_lazy("event", "Credit repair applied for"))
    REPAIR_REJECTED = ("record.repair_rejected", pgettext_lazy("event", "Credit repair refused"))
    SANCTION_ADJUSTED = ("record.sanction_adjusted", pgettext_lazy("event", "Sanction adjusted"))
    SANCTIONS_ENDED = ("record.sanctions_ended", pgettext_lazy("event", "Sanctions ended"))
    OFFICIAL_CREATED = (
        "official.created",
        pgettext_lazy("event", "Archive opened for an official"),
    )
    OFFICIAL_ENTRY_ADDED = ("official.entry_added", pgettext_lazy("event", "Archive entry added"))
    CREDIT_CHECKED = ("official.credit_checked", pgettext_lazy("event", "Credit check run"))
    COMPLAINT_SUBMITTED = ("complaint.submitted", pgettext_lazy("event", "Report submitted"))
    COMPLAINT_ROUTED = (
        "complaint.routed",
        pgettext_lazy("event", "Routed to the responsible unit"),
    )
    COMPLAINT_MODERATED = ("complaint.moderated", pgettext_lazy("event", "Public text moderated"))
    COMPLAINT_ANSWERED = ("complaint.answered", pgettext_lazy("event", "Reporter answered"))
    COMPLAINT_VERIFIED = ("complaint.verified", pgettext_lazy("event", "Report verified"))
    COMPLAINT_REJECTED = ("complaint.rejected", pgettext_lazy("event", "Report refused"))
    COMPLAINT_FEEDBACK = (
        "complaint.feedback",
        pgettext_lazy("event", "Reporter feedback received"),
    )
    OFFICIAL_UPDATED = ("official.updated", pgettext_lazy("event", "Official's details edited"))
    NOTICE_PRINTED = ("record.notice_printed", pgettext_lazy("event", "Notice printed"))
    # written by the records rule tables before they moved onto the core rule viewset
    LEGACY_RULE_SAVED = ("records.rule_saved", pgettext_lazy("event", "Rule saved"))
    # red and black lists
    LIST_CREATED = ("list.created", pgettext_lazy("event", "Red and black list issue created"))
    LIST_COMPILED = ("list.compiled", pgettext_lazy("event", "Red and black list compiled"))
    LIST_ENTRY_REMOVED = (
        "list.entry_removed",
        pgettext_lazy("event", "Unit removed from the list"),
    )
    LIST_PUBLISHED = ("list.published", pgettext_lazy("event", "Red and black list published"))
    # what the recorded unit does
    EXPLAINED = ("record.explained", pgettext_lazy("event", "Written explanation submitted"))
    RECTIFICATION_REPORTED = (
        "record.rectification_reported",
        pgettext_lazy("event", "Rectification reported"),
    )
    EXPLANATION_ESCALATED = (
        "record.explanation_escalated",
        pgettext_lazy("event", "Missed explanation escalated"),
    )
    # joint sanctions
    DISPATCH_CREATED = (
        "dispatch.created",
        pgettext_lazy("event", "Joint sanction measure dispatched"),
    )
    DISPATCH_CONFIRMED = (
        "dispatch.confirmed",
        pgettext_lazy("event", "Measure confirmed by the department"),
    )
    DISPATCH_IMPLEMENTED = ("dispatch.implemented", pgettext_lazy("event", "Measure implemented"))
    DISPATCH_FED_BACK = ("dispatch.fed_back", pgettext_lazy("event", "Implementation fed back"))
    DISPATCH_ENDED = ("dispatch.ended", pgettext_lazy("event", "Measure ended"))
    # record sources
    DEFAULTERS_IMPORTED = (
        "record.defaulters_imported",
        pgettext_lazy("event", "Court list of judgment defaulters imported"),
    )
    # civil-servant integrity archive
    CREDIT_CHECK_PRINTED = (
        "official.credit_check_printed",
        pgettext_lazy("event", "Credit check result printed"),
    )
