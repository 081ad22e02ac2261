"""The event types the assessment app records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    SCHEME_CREATED = ("assessment.scheme_created", pgettext_lazy("event", "Scheme created"))
    SCHEME_UPDATED = ("assessment.scheme_updated", pgettext_lazy("event", "Scheme edited"))
    SCHEME_COPIED = ("assessment.scheme_copied", pgettext_lazy("event", "Scheme copied"))
    SCHEME_FROZEN = ("assessment.scheme_frozen", pgettext_lazy("event", "Scheme frozen"))
    INDICATOR_CHANGED = (
        "assessment.indicator_changed",
        pgettext_lazy("event", "Indicators changed"),
    )
    CAMPAIGN_OPENED = ("assessment.campaign_opened", pgettext_lazy("event", "Assessment opened"))
    AUTO_COMPUTED = (
        "assessment.auto_computed",
        pgettext_lazy("event", "Scores computed from the registries"),
    )
    SELF_ASSESSED = ("assessment.self_assessed", pgettext_lazy("event", "Self-assessment saved"))
    SELF_SUBMITTED = (
        "assessment.self_submitted",
        pgettext_lazy("event", "Self-assessment submitted"),
    )
    REVIEW_STARTED = ("assessment.review_started", pgettext_lazy("event", "Review started"))
    SCORE_CHANGED = ("assessment.score_changed", pgettext_lazy("event", "Score changed"))
    PROVISIONAL = (
        "assessment.provisional_published",
        pgettext_lazy("event", "Provisional results published"),
    )
    OBJECTION_SUBMITTED = (
        "assessment.objection_submitted",
        pgettext_lazy("event", "Objection to the result submitted"),
    )
    OBJECTION_ANSWERED = (
        "assessment.objection_answered",
        pgettext_lazy("event", "Objection answered"),
    )
    FINALISED = ("assessment.finalised", pgettext_lazy("event", "Results finalised"))
    PUBLISHED = ("assessment.published", pgettext_lazy("event", "Results published"))
    RECTIFICATION = (
        "assessment.rectification_requested",
        pgettext_lazy("event", "Rectification requested"),
    )
    REPORT_REQUESTED = ("assessment.report_requested", pgettext_lazy("event", "Report requested"))
    CAMPAIGN_PREPARED = (
        "assessment.campaign_prepared",
        pgettext_lazy("event", "Assessment year opened (preparing)"),
    )
    CAMPAIGN_STARTED = ("assessment.campaign_started", pgettext_lazy("event", "Assessment started"))
    THIRD_PARTY_IMPORTED = (
        "assessment.third_party_imported",
        pgettext_lazy("event", "Third-party scores imported"),
    )
