"""Joint rewards and sanctions screens: dispatch (credit office), implement and feed back
(implementing department), statistics."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from integrity.core.actions import ObjectAction, ObjectActionView, input_form, optional_text
from integrity.core.models import Event, Organisation
from integrity.core.permissions import org_scope, scope_queryset

from .. import joint
from ..models import DishonestyRecord, MeasureKind, SanctionDispatch
from .common import AdminPage, require


class DispatchForm(forms.Form):
    measure = forms.ModelChoiceField(label=gettext_lazy("Measure"), queryset=None)
    departments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Implementing departments"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=gettext_lazy("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, target: Organisation, kind: str, subject: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = joint.measures_in_force(
            organisation=target, kind=kind, subject=subject
        )
        self.fields["departments"].queryset = org_scope(user).filter(
            kind=Organisation.Kind.DEPARTMENT
        )


class DispatchNewView(AdminPage, TemplateView):
    """Dispatch a sanction for a record (``record`` in the URL) or an incentive for a unit."""

    template_name = "records/admin/dispatch_new.html"
    page_title = gettext_lazy("Dispatch joint measures")
    header_icon = "link"

    def dispatch(self, request, *args, record: int | None = None, **kwargs):
        require(request.user.has_perm("records.dispatch_dishonestyrecord"))
        self.record = self.target = None
        if record is not None:
            queryset = scope_queryset(request.user, DishonestyRecord.objects.all())
            self.record = get_object_or_404(queryset, pk=record)
            self.target = self.record.organisation
        elif (
            org := request.GET.get("organisation") or request.POST.get("organisation", "")
        ).isdigit():
            self.target = get_object_or_404(org_scope(request.user), pk=int(org))
        self.kind = MeasureKind.PUNISHMENT if self.record else MeasureKind.INCENTIVE
        return super().dispatch(request, *args, **kwargs)

    def form(self):
        data = self.request.POST if self.request.method == "POST" else None
        subject = "official" if self.record and self.record.official_id else "unit"
        return DispatchForm(
            data, user=self.request.user, target=self.target, kind=self.kind, subject=subject
        )

    def post(self, request, **kwargs):
        form = self.form()
        if self.target is not None and form.is_valid():
            try:
                joint.dispatch_create(
                    by=request.user,
                    record=self.record,
                    organisation=None if self.record else self.target,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(reverse("records_dispatch_list"))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context.update(record=self.record, target=self.target, units=org_scope(self.request.user))
        return context


class DispatchListView(AdminPage, TemplateView):
    """Dispatches in the user's scope: the department's to-do, the office's follow-up."""

    template_name = "records/admin/dispatch_list.html"
    page_title = gettext_lazy("Joint rewards and sanctions")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        require(request.user.has_perm("records.view_sanctiondispatch"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rows = scope_queryset(self.request.user, SanctionDispatch.objects.all())
        rows = rows.select_related("measure", "department", "organisation", "record")
        if status := self.request.GET.get("status"):
            rows = rows.filter(status=status)
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "stats": joint.dispatch_statistics(rows),
            "by_department": joint.statistics_by_department(rows),
            "statuses": SanctionDispatch.Status.choices,
            "may_dispatch": self.request.user.has_perm("records.dispatch_dishonestyrecord"),
        }


class DispatchDetailView(AdminPage, TemplateView):
    template_name = "records/admin/dispatch_detail.html"
    header_icon = "link"

    def get_page_title(self):
        return str(self.object)

    def get(self, request, pk: int):
        self.object = _dispatch_for(request.user, pk)
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "may_implement": self.request.user.has_perm(
                "records.implement_sanctiondispatch", self.object
            ),
            "events": Event.objects.for_object(self.object).order_by("created_at", "id"),
        }


def _dispatch_for(user, pk: int) -> SanctionDispatch:
    queryset = scope_queryset(user, SanctionDispatch.objects.select_related("measure"))
    dispatch = get_object_or_404(queryset, pk=pk)
    require(user.has_perm("records.view_sanctiondispatch", dispatch))
    return dispatch


TextForm = input_form("TextForm", text=optional_text())


def _dispatch_action(name: str, service, field: str = "") -> ObjectAction:
    """``service(dispatch=…, by=…)``, with the posted ``text`` as ``field`` if given."""

    def call(dispatch, user, data):
        return service(dispatch=dispatch, by=user, **({field: data["text"]} if field else {}))

    return ObjectAction[SanctionDispatch](name=name, service=call, form=TextForm if field else None)


ACTIONS = {
    action.name: action
    for action in (
        _dispatch_action("confirm", joint.dispatch_confirm),
        _dispatch_action("implement", joint.dispatch_implement, "implementation"),
        _dispatch_action("feedback", joint.dispatch_feed_back, "feedback"),
    )
}


class DispatchActionView(ObjectActionView):
    """The implementing department confirms, implements and feeds back a dispatch."""

    actions, permission = ACTIONS, "records.implement_sanctiondispatch"
    url_name = "records_dispatch_detail"

    def get_queryset(self):
        return SanctionDispatch.objects.select_related("measure")


urls = [
    path("records/dispatches/", DispatchListView.as_view(), name="records_dispatch_list"),
    path(
        "records/dispatches/<int:pk>/", DispatchDetailView.as_view(), name="records_dispatch_detail"
    ),
    path(
        "records/dispatches/<int:pk>/do/<str:action>/",
        DispatchActionView.as_view(),
        name="records_dispatch_action",
    ),
    path(
        "records/record/<int:record>/dispatch/",
        DispatchNewView.as_view(),
        name="records_dispatch_new",
    ),
    path("records/dispatches/incentive/", DispatchNewView.as_view(), name="records_incentive_new"),
]
