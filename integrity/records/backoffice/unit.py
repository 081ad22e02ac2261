"""The notified unit's screens: its records, written explanation, rectification, objection
and repair application, with the status of each (reached from the dashboard's to-do)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from integrity.core.models import Event
from integrity.core.permissions import scope_queryset

from .. import unit
from ..models import DishonestyRecord, RecordEvidence, RecordStatus
from .common import AdminPage, require, run_action

SHOWN = (
    RecordStatus.NOTIFIED,
    RecordStatus.PUBLISHED,
    RecordStatus.REPAIRED,
    RecordStatus.REVOKED,
    RecordStatus.EXPIRED,
)


def unit_records(user):
    """The records of the user's unit (and below) once notified, newest first."""
    records = DishonestyRecord.objects.filter(status__in=SHOWN).select_related("organisation")
    return scope_queryset(user, records)


class UnitMixin:
    def dispatch(self, request, *args, **kwargs):
        require(request.user.has_perm("records.respond_dishonestyrecord"))
        return super().dispatch(request, *args, **kwargs)

    def get_record(self, pk: int) -> DishonestyRecord:
        record = get_object_or_404(unit_records(self.request.user), pk=pk)
        require(self.request.user.has_perm("records.respond_dishonestyrecord", record))
        return record


class UnitRecordListView(UnitMixin, AdminPage, TemplateView):
    template_name = "records/admin/unit/list.html"
    page_title = gettext_lazy("My unit's dishonesty records")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        records = unit_records(self.request.user).with_objection_flag()
        return {**super().get_context_data(**kwargs), "records": records, "today": _today()}


def _today():
    return timezone.localdate()


class UnitRecordView(UnitMixin, AdminPage, TemplateView):
    template_name = "records/admin/unit/detail.html"
    header_icon = "warning"

    def get_page_title(self):
        return self.record.title

    def get(self, request, pk: int):
        self.record = self.get_record(pk)
        return super().get(request, pk=pk)

    def get_context_data(self, **kwargs):
        record = self.record
        live = record.status in unit.ANSWERABLE
        return {
            **super().get_context_data(**kwargs),
            "record": record,
            "today": _today(),
            "live": live,
            "files": record.evidence.exclude(kind=RecordEvidence.Kind.DETERMINATION),
            "objections": record.objections.all(),
            "repairs": record.repairs.all(),
            "may_object": live and not record.has_pending_objection(),
            "may_repair": live and record.min_end_date and _today() >= record.min_end_date,
            "events": Event.objects.for_object(record).order_by("created_at", "id"),
        }


def _files(request):
    return request.FILES.getlist("files")


ACTIONS = {
    "explain": lambda r, q: unit.record_explain(
        record=r, by=q.user, text=q.POST.get("text", ""), files=_files(q)
    ),
    "rectify": lambda r, q: unit.record_rectify(
        record=r, by=q.user, text=q.POST.get("text", ""), files=_files(q)
    ),
    "objection": lambda r, q: unit.unit_objection_file(
        record=r, by=q.user, grounds=q.POST.get("grounds", "")
    ),
    "repair": lambda r, q: unit.unit_repair_apply(
        record=r,
        by=q.user,
        credit_commitment=q.POST.get("credit_commitment", ""),
        performance=q.POST.get("performance", ""),
        evidence=q.FILES.get("evidence"),
    ),
}


class UnitActionView(UnitMixin, View):
    def post(self, request, pk: int, action: str):
        require(action in ACTIONS)
        record = self.get_record(pk)
        target = reverse("records_unit_detail", args=[pk])
        return run_action(request, lambda: ACTIONS[action](record, request), target)


urls = [
    path("records/my-unit/", UnitRecordListView.as_view(), name="records_unit_list"),
    path("records/my-unit/<int:pk>/", UnitRecordView.as_view(), name="records_unit_detail"),
    path(
        "records/my-unit/<int:pk>/do/<str:action>/",
        UnitActionView.as_view(),
        name="records_unit_action",
    ),
]
