"""Lifecycle actions, PDFs and the full export of the records back office.

Actions are :class:`~integrity.core.actions.ObjectAction` declarations run by the one
``ObjectActionView``: scoped lookup, permission, form, service (which enforces the rules
and the role), message.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _l
from django.views import View

from integrity.core.actions import (
    ObjectAction,
    ObjectActionView,
    ObjectForm,
    input_form,
    optional_text,
)
from integrity.core.events import record_event
from integrity.core.models import Organisation
from integrity.core.permissions import org_scope, scope_queryset

from .. import pdf, services
from ..events import EventType as RecordEvent
from ..models import (
    Complaint,
    DishonestyRecord,
    Objection,
    Official,
    RepairApplication,
    Sanction,
)

# --- actions ----------------------------------------------------------------------------

text = optional_text


class PublishForm(forms.Form):
    publish = forms.BooleanField(required=False)

    def clean(self) -> dict:
        # Unticked keeps the office's earlier choice (``None``), ticked shows the record.
        return {"publish": self.cleaned_data.get("publish") or None}


class ObjectionDecisionForm(ObjectForm):
    related = {"objection": "objections"}
    objection = forms.ModelChoiceField(label=_l("Objection"), queryset=Objection.objects.none())
    outcome, decision = text(), text()


class RepairDecisionForm(ObjectForm):
    related = {"application": "repairs"}
    application = forms.ModelChoiceField(
        label=_l("Repair application"), queryset=RepairApplication.objects.none()
    )
    decision = text()


class SanctionForm(ObjectForm):
    related = {"sanction": "sanctions"}
    sanction = forms.ModelChoiceField(label=_l("Sanction"), queryset=Sanction.objects.none())
    status, reason = text(), text()


RepairForm = input_form(
    "RepairForm",
    credit_commitment=text(),
    performance=text(),
    evidence=forms.FileField(required=False),
)


class EvidenceForm(forms.Form):
    evidence, description = forms.FileField(required=False), text()

    def clean(self) -> dict:
        data = self.cleaned_data
        return {"file": data.get("evidence"), "description": data.get("description", "")}


def _action(name: str, service, form=None, *, on: str = "record", **fixed) -> ObjectAction:
    """``service(<on>=obj, by=user, **data)``; ``on=""`` when the form names the row."""

    def call(obj, user, data):
        target = {on: obj} if on else {}
        return service(**target, by=user, **fixed, **data)

    return ObjectAction(name=name, service=call, form=form)


RECORD_ACTIONS = {
    action.name: action
    for action in (
        _action("confirm", services.record_confirm),
        _action("notify", services.record_notify),
        _action("publish", services.record_publish, PublishForm),
        _action(
            "objection",
            services.objection_file,
            input_form("ObjectionForm", applicant=text(), grounds=text()),
        ),
        _action("decide", services.objection_decide, ObjectionDecisionForm, on=""),
        _action("repair", services.repair_apply, RepairForm),
        _action("evidence", services.record_evidence_add, EvidenceForm, on="record"),
        _action("approve", services.repair_approve, RepairDecisionForm, on=""),
        _action("reject", services.repair_reject, RepairDecisionForm, on=""),
        _action("sanction", services.sanction_adjust, SanctionForm, on=""),
    )
}


class RouteForm(ObjectForm):
    unit = forms.ModelChoiceField(
        label=_l("Handling unit"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = org_scope(self.user)

    def clean(self) -> dict:
        return {"organisation": self.cleaned_data.get("unit") or self.obj.organisation}


class VerifyForm(forms.Form):
    founded, notes, follow_up = text(), text(), text()

    def clean(self) -> dict:
        return {**self.cleaned_data, "founded": self.cleaned_data.get("founded") == "yes"}


AnswerForm = input_form("AnswerForm", answer=text())
ReasonForm = input_form("ReasonForm", reason=text())

COMPLAINT_ACTIONS = {
    action.name: action
    for action in (
        _action("route", services.complaint_route, RouteForm, on="complaint"),
        _action(
            "moderate",
            services.complaint_moderate,
            input_form("ModerateForm", public_text=text(), reason=text()),
            on="complaint",
        ),
        _action(
            "answer",
            services.complaint_answer,
            input_form("AnswerForm", answer=text()),
            on="complaint",
        ),
        _action("verify", services.complaint_verify, VerifyForm, on="complaint"),
        _action(
            "reject",
            services.complaint_reject,
            input_form("ReasonForm", reason=text()),
            on="complaint",
        ),
    )
}


class RecordActionView(ObjectActionView):
    model, actions = DishonestyRecord, RECORD_ACTIONS
    permission, url_name = "records.change_dishonestyrecord", "records_record:inspect"


class ComplaintActionView(ObjectActionView):
    model, actions = Complaint, COMPLAINT_ACTIONS
    permission, url_name = "records.change_complaint", "records_complaint:inspect"


class CreditCheckView(ObjectActionView):
    """HR runs a credit check on an official (the service checks the HR right)."""

    model, url_name, action_name = Official, "records_official:inspect", "credit_check"
    actions = {
        "credit_check": _action(
            "credit_check",
            services.credit_check,
            input_form("CreditCheckForm", purpose=text()),
            on="official",
        )
    }


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class RecordNoticePdfView(View):
    def get(self, request, pk: int):
        record = get_object_or_404(
            scope_queryset(request.user, DishonestyRecord.objects.all()), pk=pk
        )
        if not request.user.has_perm("records.view_dishonestyrecord", record):
            raise PermissionDenied
        record_event(type=RecordEvent.NOTICE_PRINTED, actor=request.user, obj=record)
        return _pdf_response(pdf.record_notice_pdf(record), f"notice-{record.pk}.pdf")


class RepairDecisionPdfView(View):
    def get(self, request, pk: int):
        queryset = scope_queryset(request.user, RepairApplication.objects.select_related("record"))
        application = get_object_or_404(queryset, pk=pk, status=RepairApplication.Status.APPROVED)
        if not request.user.has_perm("records.view_repairapplication", application):
            raise PermissionDenied
        return _pdf_response(pdf.repair_decision_pdf(application), f"repair-{pk}.pdf")


class RecordExportView(View):
    """All records of the user's subtree, every status, in the exchange format (EXCHANGE.md)."""

    def get(self, request, fmt: str):
        from .. import exchange

        if fmt not in ("csv", "json") or not request.user.has_perm(
            "records.export_dishonestyrecord"
        ):
            raise PermissionDenied
        records = (
            scope_queryset(request.user, DishonestyRecord.objects.with_objection_flag())
            .select_related("organisation", "official")
            .order_by("id")
        )
        if fmt == "json":
            return HttpResponse(exchange.to_json(records), content_type="application/json")
        response = HttpResponse(exchange.to_csv(records), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="records-all.csv"'
        return response
