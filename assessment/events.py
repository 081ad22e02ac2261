from django.db import models


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
