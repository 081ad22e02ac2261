"""Back office for commitments: scoped lists, to-do, detail with timeline, leader actions."""

import django_filters

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from integrity.core.importing import (
    ImportExportIndexMixin,
    ImportExportViewSetMixin,
    ImportFileError,
    check_import_upload,
)
from integrity.core.models import Organisation
from integrity.core.permissions import org_scope, scope_queryset
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    RuleViewSet,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from . import selectors, services, todo
from .models import (
    ChangeRequest,
    Commitment,
    DebtRiskRule,
    DueSoonRule,
    ImportJob,
    Obligation,
    PPPLimitRule,
    SMEPaymentRule,
)
from .resources import CommitmentResource, ObligationResource
from .tasks import commitment_import_task

FORM_FIELDS = [
    "organisation",
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
    "is_public",
]


class CommitmentFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "organisation" in form.fields:
            form.fields["organisation"].queryset = org_scope(self.request.user)
        if self.object_frozen():
            for name in services.BASELINE_FIELDS:
                form.fields[name].disabled = True
        return form

    def object_frozen(self) -> bool:
        instance = getattr(self, "object", None)
        return bool(instance and instance.pk and instance.is_baseline_frozen)


class CommitmentCreateView(CommitmentFormMixin, generic.CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in FORM_FIELDS}
        return services.commitment_create(by=self.request.user, **data)


class CommitmentEditView(CommitmentFormMixin, ScopedEditView):
    def save_instance(self):
        data = {
            n: self.form.cleaned_data[n]
            for n in FORM_FIELDS
            if n in self.form.cleaned_data and n != "organisation"
        }
        try:
            return services.commitment_update(
                commitment=self.object, by=self.request.user, data=data
            )
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from error


class CommitmentIndexView(ImportExportIndexMixin, ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("My to-do list"),
                url=reverse("commitments_admin_todo"),
                icon_name="tasks",
                priority=40,
            )
        )
        if self.request.user.has_perm("commitments.add_commitment"):
            url = reverse("commitments_admin_large_import")
            buttons.append(Button(_("Large import"), url=url, icon_name="upload", priority=55))
        if _may_flag_leadership_change(self.request.user):
            url = reverse("commitments_admin_leadership_change")
            buttons.append(
                Button(_("Record a leadership change"), url=url, icon_name="user", priority=60)
            )
        return buttons


class CommitmentInspectView(ScopedInspectView):
    template_name = "commitments/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            events=selectors.commitment_events(self.object),
            progress=self.object.progress_updates.prefetch_related("evidence"),
            change_requests=self.object.change_requests.all(),
            may_change=user.has_perm("commitments.change_commitment", self.object),
            is_leader=_is_leader(user, self.object),
        )
        return context


def _is_leader(user, commitment: Commitment) -> bool:
    return user.is_superuser or (
        user.role == "leader" and user.organisation_id == commitment.organisation_id
    )


class CommitmentFilterSet(WagtailFilterSet):
    """The list's filters, plus the to-do kinds the home page links to."""

    todo = django_filters.ChoiceFilter(
        label=gettext_lazy("To-do"),
        choices=list(todo.TODO_FILTERS.items()),
        method="filter_todo",
    )

    class Meta:
        model = Commitment
        fields = {
            "kind": ["exact"],
            "status": ["exact"],
            "organisation": ["exact"],
            "deadline": ["gte", "lte"],
        }

    def filter_todo(self, queryset, name, value):
        return todo.filter_todo(queryset, value)


class CommitmentViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = Commitment
    resource_class = CommitmentResource
    icon = "list-ul"
    menu_label = gettext_lazy("Commitments")
    inspect_view_enabled = True
    index_view_class = CommitmentIndexView
    add_view_class = CommitmentCreateView
    edit_view_class = CommitmentEditView
    inspect_view_class = CommitmentInspectView
    list_display = ["title", "kind", "organisation", Column("deadline"), "status", "change_count"]
    filterset_class = CommitmentFilterSet
    search_fields = ["title", "content", "code"]
    list_per_page = 50
    panels = [FieldPanel(name) for name in FORM_FIELDS]


class ChangeRequestViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = ChangeRequest
    icon = "edit"
    menu_label = gettext_lazy("Change requests")
    list_display = ["commitment", "status", "old_deadline", "new_deadline", "requested_at"]
    list_filter = ["status"]
    inspect_view_fields = [
        "commitment",
        "status",
        "old_deadline",
        "new_deadline",
        "old_target",
        "new_target",
        "justification",
        "decision_note",
    ]


# --- to-do list and leader actions ------------------------------------------------------


class TodoView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commitments/admin/todo.html"
    page_title = gettext_lazy("My commitment to-do list")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("commitments.view_commitment"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **selectors.operator_todo(self.request.user)}


def _note(request) -> str:
    """The free text (note or reason) that every form on the inspect page posts."""
    return request.POST.get("note", "")


def _progress(commitment: Commitment, request):
    percent = (request.POST.get("percent") or "").strip().rstrip("%％")
    if percent and not percent.isdigit():
        raise ValidationError(_("The percentage must be a whole number from 0 to 100."))
    return services.progress_add(
        commitment=commitment,
        by=request.user,
        text=_note(request),
        percent=int(percent) if percent else None,
        files=request.FILES.getlist("evidence"),
    )


# Each action collects the input its service needs; the service decides whether it may run.
ACTIONS = {
    "submit": lambda c, r: services.commitment_submit(commitment=c, by=r.user),
    "publish": lambda c, r: services.commitment_publish(commitment=c, by=r.user),
    "reject": lambda c, r: services.commitment_reject(commitment=c, by=r.user, reason=_note(r)),
    "start": lambda c, r: services.commitment_start(commitment=c, by=r.user),
    "progress": _progress,
    "fulfil": lambda c, r: services.commitment_fulfil(commitment=c, by=r.user, note=_note(r)),
    "partly_fulfil": lambda c, r: services.commitment_fulfil(
        commitment=c, by=r.user, note=_note(r), partly=True
    ),
    "break": lambda c, r: services.commitment_break(commitment=c, by=r.user, note=_note(r)),
    "change_lawfully": lambda c, r: services.commitment_change_lawfully(
        commitment=c,
        by=r.user,
        reason=_note(r),
        compensation=r.POST.get("compensation", ""),
    ),
    "withdraw": lambda c, r: services.commitment_withdraw(commitment=c, by=r.user, reason=_note(r)),
}


def _run(request, action, redirect_to: str):
    """Run a service call; its refusals (rule or role) come back as Chinese messages."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do this."))
    else:
        messages.success(request, _("Done."))
    return redirect(redirect_to)


class CommitmentActionView(View):
    """POST-only lifecycle actions; services enforce who may do what."""

    def post(self, request, pk: int, action: str):
        commitment = get_object_or_404(
            scope_queryset(request.user, Commitment.objects.all()), pk=pk
        )
        if action not in ACTIONS or not request.user.has_perm(
            "commitments.change_commitment", commitment
        ):
            raise PermissionDenied
        target = reverse("commitments_commitment:inspect", args=[pk])
        return _run(request, lambda: ACTIONS[action](commitment, request), target)


class ChangeRequestActionView(View):
    def post(self, request, pk: int, action: str):
        queryset = scope_queryset(request.user, ChangeRequest.objects.select_related("commitment"))
        change = get_object_or_404(queryset, pk=pk)
        note = request.POST.get("note", "")
        if action == "create":
            raise PermissionDenied
        decide = {
            "approve": services.change_request_approve,
            "reject": services.change_request_reject,
        }.get(action)
        if decide is None:
            raise PermissionDenied
        target = reverse("commitments_commitment:inspect", args=[change.commitment_id])
        return _run(request, lambda: decide(request=change, by=request.user, note=note), target)


class ChangeRequestCreateView(View):
    def post(self, request, pk: int):
        commitment = get_object_or_404(
            scope_queryset(request.user, Commitment.objects.all()), pk=pk
        )
        if not request.user.has_perm("commitments.change_commitment", commitment):
            raise PermissionDenied
        target = reverse("commitments_commitment:inspect", args=[pk])
        return _run(
            request,
            lambda: services.change_request_create(
                commitment=commitment,
                by=request.user,
                justification=request.POST.get("justification", ""),
                new_deadline=request.POST.get("new_deadline") or None,
                new_target=request.POST.get("new_target", ""),
            ),
            target,
        )


# --- leadership change (换届/领导调整) -------------------------------------------------


def _may_flag_leadership_change(user) -> bool:
    """Writers of commitments (permission layer) whose role records a change of leaders."""
    can_write = user.has_perm("commitments.change_commitment")
    return can_write and services.may_flag_leadership_change(user)


class LeadershipChangeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For example: the new leadership took office after the election."),
        error_messages={"required": gettext_lazy("Please give a reason.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = org_scope(user)


class LeadershipChangeView(WagtailAdminTemplateMixin, FormView):
    """Flag a unit's open commitments as inherited by new leadership (新官不理旧账)."""

    template_name = "commitments/admin/leadership_change.html"
    form_class = LeadershipChangeForm
    page_title = gettext_lazy("Record a leadership change")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not _may_flag_leadership_change(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # An organisation outside the user's subtree answers 404, like any object URL there.
        chosen = request.POST.get("organisation", "")
        if chosen.isdigit() and not org_scope(request.user).filter(pk=chosen).exists():
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("commitments_admin_leadership_change"),
            "submit_button_label": _("Flag open commitments"),
            "submit_button_active_label": _("Flagging…"),
        }

    def form_valid(self, form):
        organisation = form.cleaned_data["organisation"]
        try:
            count = services.commitments_flag_leadership_change(
                organisation=organisation, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        message = _(
            "%(organisation)s: %(count)d open commitment(s) flagged as inherited after a "
            "leadership change."
        ) % {"organisation": organisation.name, "count": count}
        messages.success(self.request, message)
        return redirect("commitments_commitment:index")


class ObligationIndexView(ImportExportIndexMixin, ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commitment")


class ObligationViewSet(ImportExportViewSetMixin, ReadOnlyViewSetMixin, ScopedModelViewSet):
    """Obligations are listed, exported and imported; single ones are added by import."""

    model = Obligation
    resource_class = ObligationResource
    icon = "doc-full"
    menu_label = gettext_lazy("Obligations")
    index_view_class = ObligationIndexView
    list_display = ["commitment", "kind", "amount", "due_on", "amount_paid", "paid_on"]
    list_filter = ["kind"]
    inspect_view_fields = [
        "commitment",
        "kind",
        "description",
        "condition",
        "amount",
        "due_on",
        "amount_paid",
        "paid_on",
    ]


class CommitmentsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Commitments")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        CommitmentViewSet("commitments_commitment"),
        ChangeRequestViewSet("commitments_changerequest"),
        ObligationViewSet("commitments_obligation"),
        RuleViewSet(
            "commitments_duesoonrule",
            model=DueSoonRule,
            list_display=["kind", "working_days", "stale_months"],
            menu_label=gettext_lazy("Due-soon rules"),
        ),
        RuleViewSet(
            "commitments_smepaymentrule",
            model=SMEPaymentRule,
            list_display=["default_term_days", "max_term_days", "default_daily_rate"],
            menu_label=gettext_lazy("SME payment rules"),
        ),
        RuleViewSet(
            "commitments_debtriskrule",
            model=DebtRiskRule,
            list_display=["red_from", "orange_from", "yellow_from", "is_default"],
            menu_label=gettext_lazy("Debt risk thresholds"),
        ),
        RuleViewSet(
            "commitments_ppplimitrule",
            model=PPPLimitRule,
            list_display=["limit_percent", "new_government_pays_percent"],
            menu_label=gettext_lazy("PPP spending limits"),
        ),
    )


hooks.register("integrity_todo_items", todo.todo_items)


@hooks.register("register_admin_viewset")
def register_commitments():
    return CommitmentsGroup()


@hooks.register("register_admin_urls")
def register_commitment_admin_urls():
    return [
        path("commitments/todo/", TodoView.as_view(), name="commitments_admin_todo"),
        path(
            "commitments/<int:pk>/do/<str:action>/",
            CommitmentActionView.as_view(),
            name="commitments_admin_action",
        ),
        path(
            "commitments/<int:pk>/change-request/",
            ChangeRequestCreateView.as_view(),
            name="commitments_admin_change_request",
        ),
        path(
            "commitments/change-requests/<int:pk>/<str:action>/",
            ChangeRequestActionView.as_view(),
            name="commitments_admin_decide",
        ),
        path(
            "commitments/leadership-change/",
            LeadershipChangeView.as_view(),
            name="commitments_admin_leadership_change",
        ),
    ]


# --- large imports in the background ----------------------------------------------------


class LargeImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a big commitment list; it is checked and written by a Celery task."""

    template_name = "commitments/admin/large_import.html"
    page_title = gettext_lazy("Large commitment import")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("commitments.add_commitment") or not (
            request.user.organisation_id
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        upload = request.FILES.get("import_file")
        try:
            if not upload:
                raise ImportFileError(_("Choose a file to import."))
            check_import_upload(upload)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("commitments_admin_large_import")
        job = ImportJob.objects.create(
            user=request.user, organisation=request.user.organisation, file=upload
        )
        transaction.on_commit(lambda: commitment_import_task.delay(job.pk))
        return redirect("commitments_admin_import_job", pk=job.pk)


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commitments/admin/import_job.html"
    page_title = gettext_lazy("Commitment import")
    header_icon = "upload"

    def get(self, request, pk: int):
        jobs = scope_queryset(request.user, ImportJob.objects.all())
        self.job = get_object_or_404(jobs, pk=pk)
        if request.GET.get("format") == "json":
            return JsonResponse(
                {
                    "status": self.job.status,
                    "percent": self.job.percent,
                    "created": self.job.created_rows,
                    "problems": self.job.problems[:200],
                }
            )
        return super().get(request)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "job": self.job}


@hooks.register("register_admin_urls")
def register_large_import_urls():
    return [
        path(
            "commitments/import-large/",
            LargeImportView.as_view(),
            name="commitments_admin_large_import",
        ),
        path(
            "commitments/import-jobs/<int:pk>/",
            ImportJobView.as_view(),
            name="commitments_admin_import_job",
        ),
    ]
