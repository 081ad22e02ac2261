"""The notified unit's screens: its records, written explanation, rectification, objection
and repair application, with the status of each (reached from the dashboard's to-do)."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from integrity.core.actions import (
    MultipleFileField,
    ObjectAction,
    ObjectActionView,
    input_form,
    optional_text,
)
from integrity.core.models import Event
from integrity.core.permissions import scope_queryset

from .. import unit
from ..models import DishonestyRecord, RecordEvidence, RecordStatus
from .common import AdminPage, require

SHOWN = (
    RecordStatus.NOTIFIED,
    RecordStatus.PUBLISHED,
    RecordStatus.REPAIRED,
    RecordStatus.REVOKED,
    RecordStatus.EXPIRED,
)


def unit_records(user):
    """The records of the user's own unit once notified, newest first."""
    records = DishonestyRecord.objects.filter(status__in=SHOWN).select_related("organisation")
    return scope_queryset(user, records).filter(organisation_id=user.organisation_id)


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


TextForm = input_form("TextForm", text=optional_text(), files=MultipleFileField())


def _unit_action(name: str, service, form: type[forms.Form]) -> ObjectAction:
    return ObjectAction[DishonestyRecord](
        name=name, service=lambda r, user, data: service(record=r, by=user, **data), form=form
    )


GroundsForm = input_form("GroundsForm", grounds=optional_text())

ACTIONS = {
    action.name: action
    for action in (
        _unit_action("explain", unit.record_explain, TextForm),
        _unit_action("rectify", unit.record_rectify, TextForm),
        _unit_action(
            "objection",
            unit.unit_objection_file,
            input_form("GroundsForm", grounds=optional_text()),
        ),
        _unit_action(
            "repair",
            unit.unit_repair_apply,
            input_form(
                "UnitRepairForm",
                credit_commitment=optional_text(),
                performance=optional_text(),
                evidence=forms.FileField(required=False),
            ),
        ),
    )
}


class UnitActionView(UnitMixin, ObjectActionView):
    """The unit answers its own record (other units: 404; other roles: no permission)."""

    actions, permission = ACTIONS, "records.respond_dishonestyrecord"
    url_name = "records_unit_detail"

    def get_queryset(self):
        return unit_records(self.request.user)


urls = [
    path("records/my-unit/", UnitRecordListView.as_view(), name="records_unit_list"),
    path("records/my-unit/<int:pk>/", UnitRecordView.as_view(), name="records_unit_detail"),
    path(
        "records/my-unit/<int:pk>/do/<str:action>/",
        UnitActionView.as_view(),
        name="records_unit_action",
    ),
]
