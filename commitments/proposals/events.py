"""The event types the proposals app records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    # items, assignments and replies
    MEMBER_CREATED = ("proposals.member_created", pgettext_lazy("event", "Deputy or member added"))
    ITEM_REGISTERED = ("proposals.item_registered", pgettext_lazy("event", "Item registered"))
    ITEM_UPDATED = ("proposals.item_updated", pgettext_lazy("event", "Registration corrected"))
    ITEM_ASSIGNED = ("proposals.item_assigned", pgettext_lazy("event", "Assigned"))
    ITEM_MERGED = ("proposals.item_merged", pgettext_lazy("event", "Merged into another item"))
    ITEM_KEY = ("proposals.item_key", pgettext_lazy("event", "Key supervision set"))
    RETURN_REQUESTED = ("proposals.return_requested", pgettext_lazy("event", "Return requested"))
    RETURN_DECIDED = ("proposals.return_decided", pgettext_lazy("event", "Return request decided"))
    EXTENSION_REQUESTED = (
        "proposals.extension_requested",
        pgettext_lazy("event", "Extension requested"),
    )
    EXTENSION_DECIDED = (
        "proposals.extension_decided",
        pgettext_lazy("event", "Extension request decided"),
    )
    COMMUNICATED = ("proposals.communicated", pgettext_lazy("event", "Communication recorded"))
    OPINION_SENT = ("proposals.opinion_sent", pgettext_lazy("event", "Co-handler opinion sent"))
    REPLY_DRAFTED = ("proposals.reply_drafted", pgettext_lazy("event", "Reply drafted"))
    REPLY_SUBMITTED = (
        "proposals.reply_submitted",
        pgettext_lazy("event", "Reply submitted for approval"),
    )
    REPLY_SENT_BACK = ("proposals.reply_sent_back", pgettext_lazy("event", "Reply sent back"))
    REPLY_SENT = ("proposals.reply_sent", pgettext_lazy("event", "Reply sent"))
    REPLY_PUBLISHED = ("proposals.reply_published", pgettext_lazy("event", "Reply published"))
    RATED = ("proposals.rated", pgettext_lazy("event", "Satisfaction rated"))
    REOPENED = ("proposals.reopened", pgettext_lazy("event", "Reopened for another round"))
    REMINDED = ("proposals.reminded", pgettext_lazy("event", "Reminder sent"))
    # online submissions
    SUBMISSION_SUBMITTED = (
        "proposals.submission_submitted",
        pgettext_lazy("event", "Submitted online"),
    )
    SUBMISSION_REGISTERED = (
        "proposals.submission_registered",
        pgettext_lazy("event", "Online submission registered"),
    )
    SUBMISSION_RETURNED = (
        "proposals.submission_returned",
        pgettext_lazy("event", "Online submission returned"),
    )
    ASSIGNMENT_RECEIVED = (
        "proposals.assignment_received",
        pgettext_lazy("event", "Receipt confirmed by the unit"),
    )
