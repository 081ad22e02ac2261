"""Online submission of suggestions and proposals (issue 16), and the units' receipt.

A deputy or member submits from the back office with co-signers of the same congress or
committee; the office registers the submission (an ``Item``: author = lead author,
co-signers = co-authors) or returns it with a reason; after assignment each handling unit
confirms receipt (签收). Each write validates, runs in one transaction and logs an event.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import User
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope

from . import services
from .events import EventType
from .models import Assignment, Item, Member, Submission


def member_of(user: User) -> Member | None:
    """The roster entry of a deputy's login, or None."""
    if user.role != Role.DEPUTY:
        return None
    return Member.objects.filter(user=user).select_related("organisation").first()


def co_signer_choices(author: Member):
    """Deputies or members of the same congress or committee, the author excluded."""
    return (
        Member.objects.filter(organisation=author.organisation, kind=author.kind)
        .exclude(pk=author.pk)
        .order_by("name")
    )


@transaction.atomic
def submission_create(
    *, by: User, title: str, content: str, co_signers: Iterable[Member] = ()
) -> Submission:
    """A deputy's or member's own suggestion or proposal, awaiting registration."""
    author = member_of(by)
    if author is None:
        raise ValidationError(_("Only a deputy or member on the roster may submit."))
    co_signers = list(co_signers)
    allowed = set(co_signer_choices(author).values_list("pk", flat=True))
    if any(member.pk not in allowed for member in co_signers):
        raise ValidationError(
            {"co_signers": _("Co-signers must be deputies or members of the same session.")}
        )
    submission = Submission(
        organisation=author.organisation,
        kind=author.kind,
        author=author,
        title=title.strip(),
        content=content.strip(),
    )
    submission.full_clean()
    submission.save()
    submission.co_signers.set(co_signers)
    record_event(
        type=EventType.SUBMISSION_SUBMITTED,
        actor=by,
        obj=submission,
        details={"co_signers": [m.pk for m in co_signers]},
    )
    return submission


def _require_office(by: User, submission: Submission) -> None:
    office = by.is_superuser or (
        by.role == Role.PROPOSAL_OFFICE and in_user_scope(by, submission.organisation)
    )
    if not office:
        raise ValidationError(_("Only the assigning office may do this."))


def _require_pending(submission: Submission) -> None:
    if submission.status != Submission.Status.SUBMITTED:
        raise ValidationError(_("This submission has already been decided."))


@transaction.atomic
def submission_register(
    *, by: User, submission: Submission, number: str, session: str = ""
) -> Item:
    """Register the submission as an item of the office (number given by the office)."""
    lock(submission)
    _require_office(by, submission)
    _require_pending(submission)
    if not number.strip():
        raise ValidationError({"number": _("Give the registration number.")})
    today = services.today()
    item = services.item_register(
        by=by,
        organisation=submission.organisation,
        kind=submission.kind,
        year=today.year,
        number=number.strip(),
        title=submission.title,
        content=submission.content,
        session=session,
        lead_author=submission.author,
        co_authors=submission.co_signers.all(),
        registered_on=today,
    )
    submission.status, submission.item = Submission.Status.REGISTERED, item
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "item", "decided_at"])
    record_event(
        type=EventType.SUBMISSION_REGISTERED, actor=by, obj=submission, details={"item": item.pk}
    )
    return item


@transaction.atomic
def submission_return(*, by: User, submission: Submission, reason: str) -> Submission:
    """Return the submission to its author with a reason (not a suggestion, incomplete …)."""
    lock(submission)
    _require_office(by, submission)
    _require_pending(submission)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for returning it.")})
    submission.status, submission.return_reason = Submission.Status.RETURNED, reason.strip()
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "return_reason", "decided_at"])
    record_event(
        type=EventType.SUBMISSION_RETURNED, actor=by, obj=submission, reason=reason.strip()
    )
    return submission


@transaction.atomic
def assignment_receive(*, by: User, assignment: Assignment) -> Assignment:
    """The handling unit confirms it received the assignment (签收); once."""
    lock(assignment)
    if by.role not in (Role.OPERATOR, Role.LEADER) or not in_user_scope(by, assignment.unit):
        raise ValidationError(_("Only the handling unit may confirm receipt."))
    if assignment.received_at is not None:
        raise ValidationError(_("Receipt has already been confirmed."))
    assignment.received_at, assignment.received_by = timezone.now(), by
    assignment.save(update_fields=["received_at", "received_by"])
    record_event(type=EventType.ASSIGNMENT_RECEIVED, actor=by, obj=assignment)
    return assignment
