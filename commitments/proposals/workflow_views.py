"""Back-office workflow screens: the office's item page, the unit's to-do and assignment
page, the leader's approval and the deputy's own items.

Every object is looked up through the scoped selectors (outside → 404), every action asks
the permission layer (no right → 403) and calls a service; a service's ValidationError is
shown on the form and, the action running in one transaction, nothing is written.
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrity.core.models.users import Role

from . import forms, selectors, services
from .models import Assignment, ExtensionRequest, Item, Reply, ReturnRequest


class Forbidden(Exception):
    """Raised inside a screen; answered with a plain 403 page (not Wagtail's redirect)."""


def forbidden(request) -> TemplateResponse:
    context = {"page_title": _("Access denied")}
    return TemplateResponse(request, "proposals/admin/forbidden.html", context, status=403)


def screen(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Forbidden:
            return forbidden(request)

    return wrapper


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise Forbidden


def run(request, form, action, *, success: str, done_url: str, page):
    """Validate ``form``, run ``action(form)`` atomically; on error re-render ``page(failed)``."""
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


def _office_action(request, item: Item, form, action, success: str, name: str):
    return run(
        request,
        form,
        action,
        success=success,
        done_url=_item_url(item),
        page=lambda f: item_page(request, item.pk, failed=f, failed_name=name),
    )


@require_POST
@screen
def item_assign(request, pk: int):
    item = _item(request, pk)
    require(request.user, "proposals.assign_item", item)
    form = forms.AssignForm(request.POST, user=request.user)

    def action(f):
        services.item_assign(
            by=request.user, item=item, mode=f.cleaned_data["mode"], units=f.units()
        )

    return _office_action(request, item, form, action, _("The item has been assigned."), "assign")


@require_POST
@screen
def item_key(request, pk: int):
    item = _item(request, pk)
    require(request.user, "proposals.assign_item", item)
    form = forms.KeyForm(request.POST)

    def action(f):
        services.item_mark_key(
            by=request.user,
            item=item,
            is_key=f.cleaned_data["is_key"],
            supervisor_name=f.cleaned_data["supervisor_name"],
        )

    return _office_action(request, item, form, action, _("Key supervision saved."), "key")


@require_POST
@screen
def item_remind(request, pk: int):
    item = _item(request, pk)
    require(request.user, "proposals.assign_item", item)
    sent = services.item_remind(by=request.user, item=item)
    if sent:
        messages.success(request, _("Reminders sent: %(n)d.") % {"n": sent})
    else:
        messages.warning(request, _("No unit needed a reminder (or one was sent today)."))
    return redirect(_item_url(item))


def _decide(request, model, pk: int, decide):
    assignments = selectors.assignments_for(request.user)
    obj = get_object_or_404(
        model.objects.filter(assignment__in=assignments).select_related("assignment__item"),
        pk=pk,
    )
    item = obj.assignment.item
    require(request.user, "proposals.decide_assignment", obj.assignment)
    form = forms.DecideForm(request.POST)
    return _office_action(
        request, item, form, lambda f: decide(obj, f), _("The request has been decided."), ""
    )


@require_POST
@screen
def return_decide(request, pk: int):
    def decide(obj, f):
        services.return_decide(
            by=request.user, request=obj, approve=f.approve, note=f.cleaned_data["note"]
        )

    return _decide(request, ReturnRequest, pk, decide)


@require_POST
@screen
def extension_decide(request, pk: int):
    def decide(obj, f):
        services.extension_decide(by=request.user, request=obj, approve=f.approve)

    return _decide(request, ExtensionRequest, pk, decide)


@require_POST
@screen
def reply_publish(request, pk: int):
    reply = get_object_or_404(
        selectors.replies_for(request.user).select_related("assignment__item"), pk=pk
    )
    require(request.user, "proposals.publish_reply", reply)
    form = forms.PublishForm(request.POST)

    def action(f):
        data = f.cleaned_data
        services.reply_publish(
            by=request.user,
            reply=reply,
            publication=data["publication"],
            summary=data["summary"],
            reason=data["reason"],
        )

    item = reply.assignment.item
    return _office_action(request, item, form, action, _("Publication decided."), "")


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


def _unit_action(request, pk: int, form_class, action, success: str, name: str, **form_kwargs):
    assignment = _assignment(request, pk)
    require(request.user, "proposals.change_assignment", assignment)
    form = form_class(request.POST, **dict.fromkeys(form_kwargs, assignment))
    return run(
        request,
        form,
        lambda f: action(assignment, f.cleaned_data),
        success=success,
        done_url=_assignment_url(assignment),
        page=lambda f: assignment_page(request, pk, failed=f, failed_name=name),
    )


@require_POST
@screen
def assignment_communicate(request, pk: int):
    def action(assignment, data):
        services.communication_record(by=request.user, assignment=assignment, **data)

    message = _("The communication has been recorded.")
    return _unit_action(request, pk, forms.CommunicationForm, action, message, "communication")


@require_POST
@screen
def assignment_opinion(request, pk: int):
    def action(assignment, data):
        services.opinion_submit(by=request.user, assignment=assignment, opinion=data["opinion"])

    message = _("The opinion has been sent to the lead unit.")
    return _unit_action(request, pk, forms.OpinionForm, action, message, "opinion")


def _save_reply(user, assignment: Assignment, data: dict) -> None:
    fields = {k: data[k] for k in ("category", "title", "body", "summary", "promised_on")}
    current = assignment.replies.filter(round=assignment.round).first()
    if current is None:
        current = services.reply_draft(by=user, assignment=assignment, **fields)
    else:
        current = services.reply_update(by=user, reply=current, **fields)
    if data["submit"]:
        services.reply_submit(by=user, reply=current)


@require_POST
@screen
def assignment_reply(request, pk: int):
    def action(assignment, data):
        _save_reply(request.user, assignment, data)

    message = _("The reply has been saved.")
    return _unit_action(request, pk, forms.ReplyForm, action, message, "reply", assignment=True)


@require_POST
@screen
def assignment_extension(request, pk: int):
    def action(assignment, data):
        services.extension_request(by=request.user, assignment=assignment, **data)

    message = _("The extension request has been sent to the office.")
    return _unit_action(request, pk, forms.ExtensionForm, action, message, "extension")


@require_POST
@screen
def assignment_return(request, pk: int):
    def action(assignment, data):
        services.return_request(by=request.user, assignment=assignment, reason=data["reason"])

    message = _("The return request has been sent to the office.")
    return _unit_action(request, pk, forms.ReturnForm, action, message, "return")


@require_POST
@screen
def reply_approve(request, pk: int):
    reply = get_object_or_404(
        selectors.replies_for(request.user).select_related("assignment__item"), pk=pk
    )
    require(request.user, "proposals.approve_reply", reply)
    form = forms.ApproveForm(request.POST)

    def action(f):
        if f.cleaned_data["decision"] == "approve":
            services.reply_approve(by=request.user, reply=reply)
        else:
            services.reply_send_back(by=request.user, reply=reply, reason=f.cleaned_data["reason"])

    assignment_pk = reply.assignment_id
    return run(
        request,
        form,
        action,
        success=_("The decision on the reply has been saved."),
        done_url=reverse("proposals_assignment_page", args=[assignment_pk]),
        page=lambda f: assignment_page(request, assignment_pk, failed=f, failed_name="approve"),
    )


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


@require_POST
@screen
def reply_rate(request, pk: int):
    reply = get_object_or_404(selectors.replies_for(request.user), pk=pk)
    require(request.user, "proposals.rate_reply", reply)
    form = forms.RatingForm(request.POST)

    def action(f):
        services.rating_submit_as_user(user=request.user, reply=reply, **f.cleaned_data)

    return run(
        request,
        form,
        action,
        success=_("Thank you: your rating has been recorded."),
        done_url=reverse("proposals_my_items"),
        page=lambda f: my_items(request, failed=f, failed_reply=reply.pk),
    )
