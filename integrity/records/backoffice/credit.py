"""The credit office's own screens: its to-do (objections, repairs, explanations received)
and the import of a court list of judgment defaulters."""

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from integrity.core.importing import ImportFileError, check_import_upload, read_dataset
from integrity.core.permissions import scope_queryset

from .. import sources
from ..models import DishonestyRecord, Objection, RecordStatus, RepairApplication
from .common import AdminPage, require


class CreditMixin:
    def dispatch(self, request, *args, **kwargs):
        require(request.user.has_perm("records.change_dishonestyrecord"))
        return super().dispatch(request, *args, **kwargs)


class CreditTodoView(CreditMixin, AdminPage, TemplateView):
    template_name = "records/admin/credit_todo.html"
    page_title = gettext_lazy("Credit office to-do")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        user = self.request.user
        scoped = lambda qs: scope_queryset(user, qs)  # noqa: E731
        return {
            **super().get_context_data(**kwargs),
            "drafts": scoped(DishonestyRecord.objects.filter(status=RecordStatus.DRAFT)),
            "notified": scoped(
                DishonestyRecord.objects.filter(status=RecordStatus.NOTIFIED).select_related(
                    "organisation"
                )
            ),
            "objections": scoped(
                Objection.objects.filter(status=Objection.Status.PENDING).select_related("record")
            ),
            "repairs": scoped(
                RepairApplication.objects.filter(
                    status=RepairApplication.Status.SUBMITTED
                ).select_related("record")
            ),
            "explained": scoped(
                DishonestyRecord.objects.filter(explanation_submitted_at__isnull=False)
                .select_related("organisation")
                .order_by("-explanation_submitted_at")
            )[:20],
        }


class DefaultersImportView(CreditMixin, AdminPage, TemplateView):
    """Upload the court's list; all lines good → one draft record each, else nothing."""

    template_name = "records/admin/defaulters_import.html"
    page_title = gettext_lazy("Import a court list of judgment defaulters")
    header_icon = "upload"

    def post(self, request):
        upload = request.FILES.get("file")
        report, error = None, ""
        try:
            if upload is None:
                raise ValidationError(_("Choose a file."))
            check_import_upload(upload)
            dataset = read_dataset(upload.read(), upload.name)
            report = sources.defaulters_import(by=request.user, dataset=dataset)
        except (ImportFileError, ValidationError) as problem:
            error = " ".join(getattr(problem, "messages", [str(problem)]))
        return self.render_to_response(self.get_context_data(report=report, error=error))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "columns": sources.COLUMNS}


urls = [
    path("records/credit-todo/", CreditTodoView.as_view(), name="records_credit_todo"),
    path(
        "records/defaulters/import/",
        DefaultersImportView.as_view(),
        name="records_defaulters_import",
    ),
]
