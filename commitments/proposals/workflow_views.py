"""Back-office workflow screens: the office's item page, the unit's to-do and assignment
page, the leader's approval and the deputy's own items.

Every object is looked up through the scoped selectors (outside → 404), every action asks
the permission layer (no right → 403) and calls a service; a service's ValidationError is
shown on the form and, the action running in one transaction, nothing is written.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from integrity.core.actions import ObjectActionView, refusal_text
from integrity.core.models.users import Role

from . import actions, forms, selectors, services
from .models import Assignment, ExtensionRequest, Item, Reply, ReturnRequest


def forbidden(request) -> TemplateResponse:
    context = {"page_title": _("Access denied")}
    return TemplateResponse(request, "proposals/admin/forbidden.html", context, status=403)


def run(request, form, action, *, success: str, done_url: str, page):
    """A form that creates (no object yet): validate, ``action(form)`` atomically, or
    re-render ``page(failed)``. Actions on an object use :class:`ProposalActionView`."""
    if form.is_valid():
        try:
            with transaction.atomic():
                action(form)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done_url)
    messages.error(request, _("Nothing was saved: please correct the errors."))
    return page(form)


class ProposalActionView(ObjectActionView):
    """The workflow screens show their forms inline: a refused action renders its page again
    with the form, its errors and "nothing was saved"; no right is the plain 403 page."""

    def get_object(self, pk: int):
        return get_object_or_404(self.get_queryset(), pk=pk)

    def permission_denied(self):
        return forbidden(self.request)

    def form_invalid(self, action, obj, form):
        messages.error(self.request, _("Nothing was saved: please correct the errors."))
        return self.page(obj, form, action.name)

    def refused(self, action, obj, form, error):
        if form is None:  # nothing to correct: the page says why
            messages.error(self.request, refusal_text(error))
            return self.page(obj, None, action.name)
        if isinstance(error, ValidationError):
            forms.apply_errors(form, error)
        else:
            form.add_error(None, refusal_text(error))
        return self.form_invalid(action, obj, form)

    def page(self, obj, form, name: str):
        raise NotImplementedError


# --- the office's item page ----------------------------------------------------------------


def _item(request, pk: int) -> Item:
    qs = selectors.items_for(request.user).select_related(
        "organisation", "lead_author", "merged_into"
    )
    return get_object_or_404(qs, pk=pk)


def _item_url(item: Item) -> str:
    return reverse("proposals_item_page", args=[item.pk])


def _assignments_of(item: Item) -> list[Assignment]:
    replies = Reply.objects.select_related("rating__member", "followup").order_by("round", "pk")
    return list(
        item.assignments.select_related("unit").prefetch_related(
            "communications",
            "return_requests",
            "extension_requests",
            Prefetch("replies", queryset=replies),
        )
    )


def item_page(request, pk: int, failed=None, failed_name: str = ""):
    item = _item(request, pk)
    user = request.user
    is_office = user.has_perm("proposals.assign_item", item)
    failed_forms = {failed_name: failed} if failed is not None else {}
    context = {
        "page_title": str(item),
        "item": item,
        "authors": item.authors(),
        "merged": list(item.merged_items.select_related("lead_author")),
        "assignments": _assignments_of(item),
        "followups": selectors.followups_of(item),
        "timeline": selectors.item_timeline(item).select_related("actor"),
        "is_office": is_office,
        "failed": failed,
        "assign_form": failed_forms.get("assign") or forms.AssignForm(user=user),
        "key_form": failed_forms.get("key")
        or forms.KeyForm(initial={"is_key": item.is_key, "supervisor_name": item.supervisor_name}),
        "decide_form": forms.DecideForm(),
        "publish_form": forms.PublishForm(),
    }
    return TemplateResponse(request, "proposals/admin/item_page.html", context)


class ItemActionView(ProposalActionView):
    url_name = "proposals_item_page"

    def get_queryset(self):
        return selectors.items_for(self.request.user)

    def page(self, obj, form, name: str):
        return item_page(self.request, obj.pk, failed=form, failed_name=name)


class ItemRowActionView(ItemActionView):
    """An action on a row shown on the item page (a request, a reply)."""

    def get_success_url(self, obj) -> str:
        return _item_url(obj.assignment.item)

    def page(self, obj, form, name: str):
        return item_page(self.request, obj.assignment.item.pk, failed=form, failed_name="")


class RequestDecideView(ItemRowActionView):
    def get_queryset(self):
        assignments = selectors.assignments_for(self.request.user)
        return self.model.objects.filter(assignment__in=assignments).select_related(
            "assignment__item"
        )


class ReplyPublishView(ItemRowActionView):
    def get_queryset(self):
        return selectors.replies_for(self.request.user).select_related("assignment__item")


item_assign = ItemActionView.as_view(actions={"assign": actions.ASSIGN}, action_name="assign")
item_key = ItemActionView.as_view(actions={"key": actions.KEY}, action_name="key")


class ItemRemindView(ItemActionView):
    """Remind the units of an item; saying so when none needed a reminder."""

    actions, action_name = {"remind": actions.REMIND}, "remind"

    def done(self, action, obj, result):
        if result:
            return super().done(action, obj, result)
        messages.warning(self.request, _("No unit needed a reminder (or one was sent today)."))
        return redirect(_item_url(obj))


item_remind = ItemRemindView.as_view()


return_decide = RequestDecideView.as_view(model=ReturnRequest, actions={"": actions.DECIDE_RETURN})
extension_decide = RequestDecideView.as_view(
    model=ExtensionRequest, actions={"": actions.DECIDE_EXTENSION}
)
reply_publish = ReplyPublishView.as_view(actions={"": actions.PUBLISH})


def office_todo(request):
    if not request.user.has_perm("proposals.assign_item"):
        return forbidden(request)
    context = {"page_title": _("Suggestions and proposals: office to-do")}
    context.update(selectors.office_todo(request.user))
    return TemplateResponse(request, "proposals/admin/office_todo.html", context)


# --- the handling unit: to-do, assignment page, leader approval -------------------------


UNIT_ROLES = {Role.OPERATOR, Role.LEADER}


def my_assignments(request):
    if request.user.role not in UNIT_ROLES:
        return forbidden(request)
    context = {
        "page_title": _("My assignments"),
        "rows": selectors.todo_for(request.user, on=services.today()),
        "awaiting": selectors.replies_for(request.user)
        .filter(status=Reply.Status.SUBMITTED)
        .select_related("assignment__item", "assignment__unit"),
    }
    return TemplateResponse(request, "proposals/admin/my_assignments.html", context)


def _assignment(request, pk: int) -> Assignment:
    qs = selectors.assignments_for(request.user).select_related("item__organisation", "unit")
    return get_object_or_404(qs, pk=pk)


def _assignment_url(assignment: Assignment) -> str:
    return reverse("proposals_assignment_page", args=[assignment.pk])


def _reply_form(assignment: Assignment, reply: Reply | None):
    if reply is None:
        return forms.ReplyForm(assignment=assignment)
    initial = {name: getattr(reply, name) for name in ("category", "title", "body", "summary")} | {
        "promised_on": reply.promised_on
    }
    return forms.ReplyForm(assignment=assignment, initial=initial)


def assignment_page(request, pk: int, failed=None, failed_name: str = ""):
    assignment = _assignment(request, pk)
    user, item = request.user, assignment.item
    replies = list(assignment.replies.select_related("rating", "followup").order_by("round"))
    current = next((r for r in replies if r.round == assignment.round), None)
    failed_forms = {failed_name: failed} if failed is not None else {}

    def form(name, default):
        return failed_forms.get(name) or default

    context = {
        "page_title": str(assignment),
        "assignment": assignment,
        "item": item,
        "replies": replies,
        "current": current,
        "communications": assignment.communications.all(),
        "cohandlers": item.assignments.filter(role=Assignment.Role.CO).select_related("unit")
        if assignment.role == Assignment.Role.LEAD
        else [],
        "pending_cohandlers": services.pending_cohandlers(assignment, services.today()),
        "return_window_end": services.return_window_end(assignment),
        "can_handle": user.has_perm("proposals.change_assignment", assignment),
        "can_approve": current is not None
        and current.status == Reply.Status.SUBMITTED
        and user.has_perm("proposals.approve_reply", current),
        "failed": failed,
        "communication_form": form("communication", forms.CommunicationForm()),
        "opinion_form": form("opinion", forms.OpinionForm()),
        "reply_form": form("reply", _reply_form(assignment, current)),
        "extension_form": form("extension", forms.ExtensionForm()),
        "return_form": form("return", forms.ReturnForm()),
        "approve_form": form("approve", forms.ApproveForm()),
    }
    return TemplateResponse(request, "proposals/admin/assignment_page.html", context)


class AssignmentActionView(ProposalActionView):
    url_name = "proposals_assignment_page"

    def get_queryset(self):
        qs = selectors.assignments_for(self.request.user)
        return qs.select_related("item__organisation", "unit")

    def page(self, obj, form, name: str):
        return assignment_page(self.request, obj.pk, failed=form, failed_name=name)


def _assignment_view(action):
    return AssignmentActionView.as_view(actions={action.name: action}, action_name=action.name)


assignment_communicate = _assignment_view(actions.COMMUNICATION)
assignment_opinion = _assignment_view(actions.OPINION)
assignment_reply = _assignment_view(actions.REPLY)
assignment_extension = _assignment_view(actions.EXTENSION)
assignment_return = _assignment_view(actions.RETURN)


class ReplyApproveView(ProposalActionView):
    actions, action_name = {"approve": actions.APPROVE}, "approve"

    def get_queryset(self):
        return selectors.replies_for(self.request.user).select_related("assignment__item")

    def get_success_url(self, obj) -> str:
        return reverse("proposals_assignment_page", args=[obj.assignment_id])

    def page(self, obj, form, name: str):
        return assignment_page(self.request, obj.assignment_id, failed=form, failed_name=name)


reply_approve = ReplyApproveView.as_view()


# --- the deputy / member ----------------------------------------------------------------------


def my_items(request, failed=None, failed_reply: int | None = None):
    if request.user.role != Role.DEPUTY:
        return forbidden(request)
    items = (
        selectors.items_for(request.user)
        .select_related("lead_author")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.exclude(role=Assignment.Role.CO).select_related("unit"),
            )
        )
    )
    context = {
        "page_title": _("My suggestions and proposals"),
        "items": items,
        "replies": selectors.deputy_replies(request.user),
        "rating_form": forms.RatingForm(),
        "failed": failed,
        "failed_reply": failed_reply,
    }
    return TemplateResponse(request, "proposals/admin/my_items.html", context)


class ReplyRateView(ProposalActionView):
    actions, action_name = {"rate": actions.RATE}, "rate"

    def get_queryset(self):
        return selectors.replies_for(self.request.user)

    def get_success_url(self, obj) -> str:
        return reverse("proposals_my_items")

    def page(self, obj, form, name: str):
        return my_items(self.request, failed=form, failed_reply=obj.pk)


reply_rate = ReplyRateView.as_view()
