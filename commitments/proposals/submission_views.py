"""Back-office screens of online submissions: the deputy's, the office's, the unit's 签收."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integrity.core.models.users import Role
from integrity.core.permissions import scope_queryset

from . import selectors, submissions
from .models import Member, Submission
from .submission_forms import RegisterSubmissionForm, ReturnSubmissionForm, SubmissionForm
from .workflow_views import forbidden, run


def _own_submissions(author: Member):
    rows = Submission.objects.filter(author=author) | Submission.objects.filter(co_signers=author)
    return (
        rows.distinct()
        .select_related("author", "item")
        .prefetch_related("co_signers")
        .order_by("-submitted_at", "-pk")
    )


def my_submissions(request, failed=None):
    author = submissions.member_of(request.user)
    if author is None:
        return forbidden(request)
    choices = submissions.co_signer_choices(author)
    if request.method == "POST" and failed is None:
        form = SubmissionForm(request.POST, choices=choices)
        return run(
            request,
            form,
            lambda f: submissions.submission_create(by=request.user, **f.cleaned_data),
            success=_("Your suggestion has been submitted to the office."),
            done_url=reverse("proposals_my_submissions"),
            page=lambda f: my_submissions(request, failed=f),
        )
    context = {
        "page_title": _("Submit a suggestion or proposal online"),
        "form": failed or SubmissionForm(choices=choices),
        "failed": failed,
        "rows": _own_submissions(author),
    }
    return TemplateResponse(request, "proposals/admin/my_submissions.html", context)


def _office_rows(user):
    if not (user.is_superuser or user.role == Role.PROPOSAL_OFFICE):
        return None
    rows = scope_queryset(user, Submission.objects.all())
    return rows.select_related("author", "item").prefetch_related(
        Prefetch("co_signers", queryset=Member.objects.order_by("name"))
    )


def office_submissions(request, failed=None, failed_pk: int | None = None):
    rows = _office_rows(request.user)
    if rows is None:
        return forbidden(request)
    context = {
        "page_title": _("Online submissions"),
        "pending": rows.filter(status=Submission.Status.SUBMITTED).order_by("submitted_at"),
        "decided": rows.exclude(status=Submission.Status.SUBMITTED).order_by("-decided_at")[:50],
        "register_form": RegisterSubmissionForm(),
        "return_form": ReturnSubmissionForm(),
        "failed": failed,
        "failed_pk": failed_pk,
    }
    return TemplateResponse(request, "proposals/admin/office_submissions.html", context)


@require_POST
def submission_register(request, pk: int):
    rows = _office_rows(request.user)
    if rows is None:
        return forbidden(request)
    submission = get_object_or_404(rows, pk=pk)
    form = RegisterSubmissionForm(request.POST)
    return run(
        request,
        form,
        lambda f: submissions.submission_register(
            by=request.user, submission=submission, **f.cleaned_data
        ),
        success=_("Registered: assign it from the item page."),
        done_url=reverse("proposals_office_submissions"),
        page=lambda f: office_submissions(request, failed=f, failed_pk=pk),
    )


@require_POST
def submission_return(request, pk: int):
    rows = _office_rows(request.user)
    if rows is None:
        return forbidden(request)
    submission = get_object_or_404(rows, pk=pk)
    form = ReturnSubmissionForm(request.POST)
    return run(
        request,
        form,
        lambda f: submissions.submission_return(
            by=request.user, submission=submission, **f.cleaned_data
        ),
        success=_("Returned to the author."),
        done_url=reverse("proposals_office_submissions"),
        page=lambda f: office_submissions(request, failed=f, failed_pk=pk),
    )


@require_POST
def assignment_receive(request, pk: int):
    if request.user.role not in (Role.OPERATOR, Role.LEADER):
        return forbidden(request)
    assignment = get_object_or_404(selectors.assignments_for(request.user), pk=pk)
    from django import forms

    return run(
        request,
        forms.Form(request.POST),
        lambda f: submissions.assignment_receive(by=request.user, assignment=assignment),
        success=_("Receipt confirmed."),
        done_url=reverse("proposals_my_assignments"),
        page=lambda f: _receive_failed(request, f),
    )


def _receive_failed(request, form):
    from .workflow_views import my_assignments

    return my_assignments(request)


SUBMISSION_URLS = [
    ("my-submissions/", my_submissions, "proposals_my_submissions"),
    ("submissions/", office_submissions, "proposals_office_submissions"),
    ("submissions/<int:pk>/register/", submission_register, "proposals_submission_register"),
    ("submissions/<int:pk>/return/", submission_return, "proposals_submission_return"),
    ("assignments/<int:pk>/receive/", assignment_receive, "proposals_assignment_receive"),
]
