"""Red and black list issues in the back office: create, compile, edit, publish."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from integrity.core.actions import ObjectAction, ObjectActionView, ObjectForm, optional_text
from integrity.core.models import Event
from integrity.core.permissions import org_scope, scope_queryset

from .. import lists
from ..models import ListEntry, ListIssue
from .common import AdminPage, require


class IssueForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    jurisdiction = forms.ModelChoiceField(label=gettext_lazy("Issued by"), queryset=None)
    period_start = forms.DateField(
        label=gettext_lazy("Period from"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label=gettext_lazy("Period to"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = org_scope(user)
        self.fields["jurisdiction"].initial = user.organisation_id


class CreditListMixin:
    def dispatch(self, request, *args, **kwargs):
        require(request.user.has_perm("records.change_listissue"))
        return super().dispatch(request, *args, **kwargs)


class IssueIndexView(CreditListMixin, AdminPage, TemplateView):
    template_name = "records/admin/list_issues.html"
    page_title = gettext_lazy("Red and black lists")
    header_icon = "list-ul"

    def post(self, request):
        form = IssueForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                issue = lists.list_issue_create(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(reverse("records_list_issue", args=[issue.pk]))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = datetime.date.today()
        context.setdefault(
            "form",
            IssueForm(
                user=self.request.user,
                initial={"period_start": today.replace(day=1), "period_end": today},
            ),
        )
        context["issues"] = scope_queryset(self.request.user, ListIssue.objects.all())
        return context


def _issue_for(user, pk: int) -> ListIssue:
    issue = get_object_or_404(scope_queryset(user, ListIssue.objects.all()), pk=pk)
    require(user.has_perm("records.change_listissue", issue))
    return issue


class IssueView(CreditListMixin, AdminPage, TemplateView):
    template_name = "records/admin/list_issue.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return self.issue.title

    def get(self, request, pk: int):
        self.issue = _issue_for(request.user, pk)
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs):
        entries = self.issue.entries.select_related("organisation")
        return {
            **super().get_context_data(**kwargs),
            "issue": self.issue,
            "red": entries.filter(kind="red"),
            "black": entries.filter(kind="black"),
            "events": Event.objects.for_object(self.issue).order_by("created_at", "id"),
        }


class RemoveEntryForm(ObjectForm):
    related = {"entry": "entries"}
    entry = forms.ModelChoiceField(label=gettext_lazy("Entry"), queryset=ListEntry.objects.none())
    reason = optional_text()


ACTIONS = {
    "compile": ObjectAction[ListIssue](
        name="compile", service=lambda i, user, data: lists.list_issue_compile(issue=i, by=user)
    ),
    "publish": ObjectAction[ListIssue](
        name="publish", service=lambda i, user, data: lists.list_issue_publish(issue=i, by=user)
    ),
    "remove": ObjectAction[ListIssue](
        name="remove",
        service=lambda i, user, data: lists.list_entry_remove(by=user, **data),
        form=RemoveEntryForm,
    ),
}


class IssueActionView(CreditListMixin, ObjectActionView):
    model, actions = ListIssue, ACTIONS
    permission, url_name = "records.change_listissue", "records_list_issue"


urls = [
    path("records/lists/", IssueIndexView.as_view(), name="records_list_issues"),
    path("records/lists/<int:pk>/", IssueView.as_view(), name="records_list_issue"),
    path(
        "records/lists/<int:pk>/do/<str:action>/",
        IssueActionView.as_view(),
        name="records_list_issue_action",
    ),
]
