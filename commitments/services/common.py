"""What the commitment services share: scope, role and status checks, the transition."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import Organisation, User
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope

from ..models import Commitment
from ..permissions import WRITERS

Status = Commitment.Status


# Fields frozen once the commitment is published (changed only by a change request).
BASELINE_FIELDS = ("deadline", "target")
EDITABLE_FIELDS = (
    "kind",
    "code",
    "title",
    "content",
    "target",
    "deadline",
    "source_document",
    "responsible_leader",
    "responsible_person",
    "counterparty",
    "counterparty_uscc",
    "amount_due",
    "amount_paid",
    "is_public",
)


def _check_scope(by: User | None, organisation: Organisation) -> None:
    if by is not None and not in_user_scope(by, organisation):
        raise PermissionDenied(_("This organisation is outside your responsibility."))


def _check_writer(by: User | None, organisation: Organisation) -> None:
    """Clerks, leaders and administrators of the unit (or above it) write its commitments;
    other roles (offices that only read them, deputies, editors) are refused."""
    _check_scope(by, organisation)
    if by is not None and not by.is_superuser and by.role not in WRITERS:
        raise PermissionDenied(_("Your role may not change commitments."))


def _check_leader(by: User | None, commitment: Commitment) -> None:
    """Only the leader of the promising unit (or the system, ``by=None``) decides."""
    if by is None or by.is_superuser:
        return
    if by.role != Role.LEADER or by.organisation_id != commitment.organisation_id:
        raise PermissionDenied(_("Only the leader of the promising unit may decide."))


def _require_status(commitment: Commitment, *allowed: str) -> None:
    lock(commitment)  # re-read under a row lock: a concurrent decision is seen, not overwritten
    if commitment.status not in allowed:
        raise ValidationError(
            _("This action is not possible while the commitment is “%(status)s”.")
            % {"status": commitment.get_status_display()},
            code=CONFLICT,
        )


def _transition(
    commitment: Commitment,
    *,
    to: str,
    by: User | None,
    event: str,
    reason: str = "",
    details: dict | None = None,
    extra_fields: tuple = (),
) -> Commitment:
    old = commitment.status
    commitment.status = to
    commitment.save(update_fields=["status", "updated_at", *extra_fields])
    record_event(
        type=event,
        actor=by,
        obj=commitment,
        reason=reason,
        details={"from": old, "to": to, **(details or {})},
    )
    return commitment


def _clean_money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    amount = Decimal(value)
    if amount < 0:
        raise ValidationError(_("Amounts cannot be negative."))
    return amount
