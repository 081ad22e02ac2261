"""The workflow actions of suggestions and proposals (office, handling unit, leader, deputy).

Each is an :class:`~integrity.core.actions.ObjectAction`: run by the back-office screens of
``workflow_views`` (which show a refused form inline) and, where the input is the same, by
the API. The services check the stage and the actor's role.
"""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from integrity.core.actions import ObjectAction

from . import forms, services
from .models import Assignment, ExtensionRequest, Item, Reply, ReturnRequest

ASSIGN_ITEM = "proposals.assign_item"
CHANGE_ASSIGNMENT = "proposals.change_assignment"


def may_decide(user: Any, request: ReturnRequest | ExtensionRequest) -> bool:
    return bool(user.has_perm("proposals.decide_assignment", request.assignment))


# --- the office ----------------------------------------------------------------------------

ASSIGN = ObjectAction[Item](
    name="assign",
    service=lambda item, user, d: services.item_assign(
        by=user, item=item, mode=d["mode"], units=d["units"]
    ),
    form=forms.AssignForm,
    form_kwargs=lambda item, user: {"user": user},
    permission=ASSIGN_ITEM,
    success=_("The item has been assigned."),
)
KEY = ObjectAction[Item](
    name="key",
    service=lambda item, user, d: services.item_mark_key(by=user, item=item, **d),
    form=forms.KeyForm,
    permission=ASSIGN_ITEM,
    success=_("Key supervision saved."),
)
REMIND = ObjectAction[Item](
    name="remind",
    service=lambda item, user, d: services.item_remind(by=user, item=item),
    permission=ASSIGN_ITEM,
    success=lambda sent: gettext("Reminders sent: %(n)d.") % {"n": sent},
)
DECIDE_RETURN = ObjectAction[ReturnRequest](
    name="",
    service=lambda request, user, d: services.return_decide(
        by=user, request=request, approve=d["decision"] == "approve", note=d["note"]
    ),
    form=forms.DecideForm,
    permission=may_decide,
    success=_("The request has been decided."),
)
DECIDE_EXTENSION = ObjectAction[ExtensionRequest](
    name="",
    service=lambda request, user, d: services.extension_decide(
        by=user, request=request, approve=d["decision"] == "approve"
    ),
    form=forms.DecideForm,
    permission=may_decide,
    success=_("The request has been decided."),
)
PUBLISH = ObjectAction[Reply](
    name="publish",
    service=lambda reply, user, d: services.reply_publish(by=user, reply=reply, **d),
    form=forms.PublishForm,
    permission="proposals.publish_reply",
    success=_("Publication decided."),
)

# --- the handling unit and its leader ----------------------------------------------------------


def _save_reply(assignment: Assignment, user: Any, data: dict[str, Any]) -> Reply:
    """Draft or update the reply of the current round; submit it if asked to."""
    fields = {k: data[k] for k in ("category", "title", "body", "summary", "promised_on")}
    current = assignment.replies.filter(round=assignment.round).first()
    if current is None:
        current = services.reply_draft(by=user, assignment=assignment, **fields)
    else:
        current = services.reply_update(by=user, reply=current, **fields)
    if data["submit"]:
        services.reply_submit(by=user, reply=current)
    return current


def _decide_reply(reply: Reply, user: Any, data: dict[str, Any]) -> Reply:
    if data["decision"] == "approve":
        return services.reply_approve(by=user, reply=reply)
    return services.reply_send_back(by=user, reply=reply, reason=data["reason"])


COMMUNICATION = ObjectAction[Assignment](
    name="communication",
    service=lambda a, user, d: services.communication_record(by=user, assignment=a, **d),
    form=forms.CommunicationForm,
    permission=CHANGE_ASSIGNMENT,
    success=_("The communication has been recorded."),
)
OPINION = ObjectAction[Assignment](
    name="opinion",
    service=lambda a, user, d: services.opinion_submit(by=user, assignment=a, **d),
    form=forms.OpinionForm,
    permission=CHANGE_ASSIGNMENT,
    success=_("The opinion has been sent to the lead unit."),
)
REPLY = ObjectAction[Assignment](
    name="reply",
    service=_save_reply,
    form=forms.ReplyForm,
    form_kwargs=lambda a, user: {"assignment": a},
    permission=CHANGE_ASSIGNMENT,
    success=_("The reply has been saved."),
)
EXTENSION = ObjectAction[Assignment](
    name="extension",
    service=lambda a, user, d: services.extension_request(by=user, assignment=a, **d),
    form=forms.ExtensionForm,
    permission=CHANGE_ASSIGNMENT,
    success=_("The extension request has been sent to the office."),
)
RETURN = ObjectAction[Assignment](
    name="return",
    service=lambda a, user, d: services.return_request(by=user, assignment=a, **d),
    form=forms.ReturnForm,
    permission=CHANGE_ASSIGNMENT,
    success=_("The return request has been sent to the office."),
)
APPROVE = ObjectAction[Reply](
    name="approve",
    service=_decide_reply,
    form=forms.ApproveForm,
    permission="proposals.approve_reply",
    success=_("The decision on the reply has been saved."),
)

# --- the deputy ---------------------------------------------------------------------------------

RATE = ObjectAction[Reply](
    name="rate",
    service=lambda reply, user, d: services.rating_submit_as_user(user=user, reply=reply, **d),
    form=forms.RatingForm,
    permission="proposals.rate_reply",
    success=_("Thank you: your rating has been recorded."),
)
