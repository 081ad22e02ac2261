"""A change of leadership (换届/领导调整): the unit's open commitments are flagged as inherited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.models import Organisation, User
from integrity.core.models.users import Role

from ..events import EventType
from ..models import Commitment
from .common import _check_scope

# Who records a change of leadership: leaders and system administrators (of the unit or
# above it). Operators are clerks; the offices that only read commitments cannot write them.
LEADERSHIP_FLAGGERS = (Role.LEADER, Role.SYSADMIN)


def may_flag_leadership_change(user: User) -> bool:
    return user.is_superuser or user.role in LEADERSHIP_FLAGGERS


@transaction.atomic
def commitments_flag_leadership_change(
    *, organisation: Organisation, by: User | None, reason: str
) -> int:
    """换届/领导调整: mark the unit's open commitments so inherited promises stand out.

    Returns how many were flagged; raises PermissionDenied outside the user's scope or
    role and ValidationError without a reason.
    """
    _check_scope(by, organisation)
    if by is not None and not may_flag_leadership_change(by):
        raise PermissionDenied(_("Only a leader or a system administrator may do this."))
    if not reason.strip():
        raise ValidationError(_("Please give a reason."))
    rows = list(Commitment.objects.filter(organisation=organisation).open())
    for commitment in rows:
        commitment.leadership_changed = True
        record_event(type=EventType.LEADERSHIP_CHANGED, actor=by, obj=commitment, reason=reason)
    Commitment.objects.filter(pk__in=[c.pk for c in rows]).update(leadership_changed=True)
    return len(rows)
