"""Back-office screens of online submissions: the deputy's, the office's, the unit's 签收."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from integrity.core.actions import ObjectAction
from integrity.core.models.users import Role
from integrity.core.permissions import scope_queryset

from . import selectors, submissions
from .models import Assignment, Member, Submission
from .submission_forms import RegisterSubmissionForm, ReturnSubmissionForm, SubmissionForm
from .workflow_views import ProposalActionView, forbidden, run


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
    if not _is_office(user):
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


def _is_office(user) -> bool:
    return user.is_superuser or user.role == Role.PROPOSAL_OFFICE


class SubmissionActionView(ProposalActionView):
    """The office registers or returns an online submission (other roles: 403)."""

    model, url_name = Submission, "proposals_office_submissions"

    def may_act(self) -> bool:
        return _is_office(self.request.user)

    def get_object(self, pk: int):
        return get_object_or_404(scope_queryset(self.request.user, Submission.objects.all()), pk=pk)

    def get_success_url(self, obj) -> str:
        return reverse(self.url_name)

    def page(self, obj, form, name: str):
        return office_submissions(self.request, failed=form, failed_pk=obj.pk)


REGISTER = ObjectAction[Submission](
    name="register",
    service=lambda s, user, d: submissions.submission_register(by=user, submission=s, **d),
    form=RegisterSubmissionForm,
    success=_l("Registered: assign it from the item page."),
)
RETURN = ObjectAction[Submission](
    name="return",
    service=lambda s, user, d: submissions.submission_return(by=user, submission=s, **d),
    form=ReturnSubmissionForm,
    success=_l("Returned to the author."),
)
submission_register = SubmissionActionView.as_view(
    actions={"register": REGISTER}, action_name="register"
)
submission_return = SubmissionActionView.as_view(actions={"return": RETURN}, action_name="return")


class ReceiveView(ProposalActionView):
    """The handling unit confirms receipt of an assignment, once."""

    action_name, url_name = "receive", "proposals_my_assignments"
    actions = {
        "receive": ObjectAction[Assignment](
            name="receive",
            service=lambda a, user, d: submissions.assignment_receive(by=user, assignment=a),
            success=_l("Receipt confirmed."),
        )
    }

    def may_act(self) -> bool:
        return self.request.user.role in (Role.OPERATOR, Role.LEADER)

    def get_queryset(self):
        return selectors.assignments_for(self.request.user)

    def get_success_url(self, obj) -> str:
        return reverse(self.url_name)

    def page(self, obj, form, name: str):
        from .workflow_views import my_assignments

        return my_assignments(self.request)


assignment_receive = ReceiveView.as_view()


SUBMISSION_URLS = [
    ("my-submissions/", my_submissions, "proposals_my_submissions"),
    ("submissions/", office_submissions, "proposals_office_submissions"),
    ("submissions/<int:pk>/register/", submission_register, "proposals_submission_register"),
    ("submissions/<int:pk>/return/", submission_return, "proposals_submission_return"),
    ("assignments/<int:pk>/receive/", assignment_receive, "proposals_assignment_receive"),
]
