"""Back-office screens of commitments beyond the viewsets: to-do list, lifecycle actions,
change-request decisions, leadership changes and large imports (URLs in wagtail_hooks)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from integrity.core.actions import ObjectActionView
from integrity.core.importing import ImportFileError, check_import_upload
from integrity.core.models import Organisation
from integrity.core.permissions import org_scope, scope_queryset

from . import selectors, services
from .actions import CHANGE_REQUEST_ACTIONS, COMMITMENT_ACTIONS
from .models import ChangeRequest, Commitment, ImportJob
from .tasks import commitment_import_task

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


class CommitmentActionView(ObjectActionView):
    """POST-only lifecycle actions (``commitments/actions.py``); services enforce the roles."""

    model, actions = Commitment, COMMITMENT_ACTIONS
    url_name = "commitments_commitment:inspect"


class ChangeRequestCreateView(CommitmentActionView):
    action_name = "change_request"


class ChangeRequestActionView(ObjectActionView):
    """The leader approves or rejects a change request (back to the commitment's page)."""

    model, actions = ChangeRequest, CHANGE_REQUEST_ACTIONS

    def get_success_url(self, obj) -> str:
        return reverse("commitments_commitment:inspect", args=[obj.commitment_id])


# --- leadership change (换届/领导调整) -------------------------------------------------


def may_flag_leadership_change(user) -> bool:
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
        if not may_flag_leadership_change(request.user):
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
