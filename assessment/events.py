from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    SCHEME_CREATED = "assessment.scheme_created"
    SCHEME_UPDATED = "assessment.scheme_updated"
    SCHEME_COPIED = "assessment.scheme_copied"
    SCHEME_FROZEN = "assessment.scheme_frozen"
    INDICATOR_CHANGED = "assessment.indicator_changed"
    CAMPAIGN_OPENED = "assessment.campaign_opened"
    AUTO_COMPUTED = "assessment.auto_computed"
    SELF_ASSESSED = "assessment.self_assessed"
    SELF_SUBMITTED = "assessment.self_submitted"
    REVIEW_STARTED = "assessment.review_started"
    SCORE_CHANGED = "assessment.score_changed"
    PROVISIONAL = "assessment.provisional_published"
    OBJECTION_SUBMITTED = "assessment.objection_submitted"
    OBJECTION_ANSWERED = "assessment.objection_answered"
    FINALISED = "assessment.finalised"
    PUBLISHED = "assessment.published"
    RECTIFICATION = "assessment.rectification_requested"
    REPORT_REQUESTED = "assessment.report_requested"
    CAMPAIGN_PREPARED = "assessment.campaign_prepared"
    CAMPAIGN_STARTED = "assessment.campaign_started"
    THIRD_PARTY_IMPORTED = "assessment.third_party_imported"


# What each event means to a reader of a timeline (registered in apps.py).
EVENT_LABELS = {
    EventType.SCHEME_CREATED: pgettext_lazy("event", "Scheme created"),
    EventType.SCHEME_UPDATED: pgettext_lazy("event", "Scheme edited"),
    EventType.SCHEME_COPIED: pgettext_lazy("event", "Scheme copied"),
    EventType.SCHEME_FROZEN: pgettext_lazy("event", "Scheme frozen"),
    EventType.INDICATOR_CHANGED: pgettext_lazy("event", "Indicators changed"),
    EventType.CAMPAIGN_OPENED: pgettext_lazy("event", "Assessment opened"),
    EventType.AUTO_COMPUTED: pgettext_lazy("event", "Scores computed from the registries"),
    EventType.SELF_ASSESSED: pgettext_lazy("event", "Self-assessment saved"),
    EventType.SELF_SUBMITTED: pgettext_lazy("event", "Self-assessment submitted"),
    EventType.REVIEW_STARTED: pgettext_lazy("event", "Review started"),
    EventType.SCORE_CHANGED: pgettext_lazy("event", "Score changed"),
    EventType.PROVISIONAL: pgettext_lazy("event", "Provisional results published"),
    EventType.OBJECTION_SUBMITTED: pgettext_lazy("event", "Objection to the result submitted"),
    EventType.OBJECTION_ANSWERED: pgettext_lazy("event", "Objection answered"),
    EventType.FINALISED: pgettext_lazy("event", "Results finalised"),
    EventType.PUBLISHED: pgettext_lazy("event", "Results published"),
    EventType.RECTIFICATION: pgettext_lazy("event", "Rectification requested"),
    EventType.REPORT_REQUESTED: pgettext_lazy("event", "Report requested"),
    EventType.CAMPAIGN_PREPARED: pgettext_lazy("event", "Assessment year opened (preparing)"),
    EventType.CAMPAIGN_STARTED: pgettext_lazy("event", "Assessment started"),
    EventType.THIRD_PARTY_IMPORTED: pgettext_lazy("event", "Third-party scores imported"),
}
