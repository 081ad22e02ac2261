"""The event types the commitments app (with money) records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    # commitments and their obligations
    CREATED = ("commitment.created", pgettext_lazy("event", "Created"))
    UPDATED = ("commitment.updated", pgettext_lazy("event", "Details edited"))
    SUBMITTED = ("commitment.submitted", pgettext_lazy("event", "Submitted for approval"))
    REJECTED = ("commitment.rejected", pgettext_lazy("event", "Returned for revision"))
    PUBLISHED = ("commitment.published", pgettext_lazy("event", "Published"))
    STARTED = ("commitment.started", pgettext_lazy("event", "Implementation started"))
    PROGRESS = ("commitment.progress", pgettext_lazy("event", "Progress reported"))
    FULFILLED = ("commitment.fulfilled", pgettext_lazy("event", "Fulfilled"))
    PARTLY_FULFILLED = ("commitment.partly_fulfilled", pgettext_lazy("event", "Partly fulfilled"))
    BROKEN = ("commitment.broken", pgettext_lazy("event", "Broken"))
    CHANGED = ("commitment.changed", pgettext_lazy("event", "Lawfully changed"))
    WITHDRAWN = ("commitment.withdrawn", pgettext_lazy("event", "Withdrawn"))
    CHANGE_REQUESTED = ("commitment.change_requested", pgettext_lazy("event", "Change requested"))
    CHANGE_APPROVED = (
        "commitment.change_approved",
        pgettext_lazy("event", "Change request approved"),
    )
    CHANGE_REJECTED = (
        "commitment.change_rejected",
        pgettext_lazy("event", "Change request rejected"),
    )
    IMPORTED = ("commitment.imported", pgettext_lazy("event", "Imported"))
    LEADERSHIP_CHANGED = (
        "commitment.leadership_changed",
        pgettext_lazy("event", "Leadership change marked"),
    )
    OBLIGATION_ADDED = ("commitment.obligation_added", pgettext_lazy("event", "Obligation added"))
    OBLIGATION_PAID = ("commitment.obligation_paid", pgettext_lazy("event", "Payment recorded"))
    # money: SME contracts, obligation payments, fiscal years
    CONTRACT_CREATED = (
        "money.sme_contract_created",
        pgettext_lazy("event", "SME contract registered"),
    )
    CONTRACT_UPDATED = (
        "money.sme_contract_updated",
        pgettext_lazy("event", "SME contract changed"),
    )
    CONTRACT_PAID = ("money.sme_payment_recorded", pgettext_lazy("event", "SME payment recorded"))
    CONTRACT_SETTLED = (
        "money.sme_contract_settled",
        pgettext_lazy("event", "SME contract paid in full"),
    )
    OBLIGATION_PAYMENT_RECORDED = (
        "money.obligation_payment_recorded",
        pgettext_lazy("event", "Obligation payment recorded"),
    )
    FISCAL_YEAR_SAVED = (
        "money.fiscal_year_saved",
        pgettext_lazy("event", "Debt and budget figures saved"),
    )
    COMPLAINT_LINKED = (
        "money.sme_contract_complaint_linked",
        pgettext_lazy("event", "Citizen report linked to the contract"),
    )
