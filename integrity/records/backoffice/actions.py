"""Lifecycle actions, PDFs and the full export of the records back office.

Actions are POST-only views that check the object permission and let the service
enforce the rules.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from integrity.core.events import record_event
from integrity.core.permissions import org_scope, scope_queryset

from .. import pdf, services
from ..models import (
    Complaint,
    DishonestyRecord,
    Official,
    RepairApplication,
)

# --- actions ----------------------------------------------------------------------------


def _record_actions() -> dict:
    return {
        "confirm": lambda r, u, q: services.record_confirm(record=r, by=u),
        "notify": lambda r, u, q: services.record_notify(record=r, by=u),
        "publish": lambda r, u, q: services.record_publish(
            record=r, by=u, publish=q.get("publish") == "on" or None
        ),
        "objection": lambda r, u, q: services.objection_file(
            record=r, by=u, applicant=q.get("applicant", ""), grounds=q.get("grounds", "")
        ),
        "decide": lambda r, u, q: services.objection_decide(
            objection=get_object_or_404(r.objections, pk=q.get("objection")),
            by=u,
            outcome=q.get("outcome", ""),
            decision=q.get("decision", ""),
        ),
        "repair": lambda r, u, q: services.repair_apply(
            record=r,
            by=u,
            credit_commitment=q.get("credit_commitment", ""),
            performance=q.get("performance", ""),
            evidence=q.get("evidence"),
        ),
        "evidence": lambda r, u, q: services.record_evidence_add(
            record=r, by=u, file=q.get("evidence"), description=q.get("description", "")
        ),
        "approve": lambda r, u, q: services.repair_approve(
            application=get_object_or_404(r.repairs, pk=q.get("application")),
            by=u,
            decision=q.get("decision", ""),
        ),
        "reject": lambda r, u, q: services.repair_reject(
            application=get_object_or_404(r.repairs, pk=q.get("application")),
            by=u,
            decision=q.get("decision", ""),
        ),
        "sanction": lambda r, u, q: services.sanction_adjust(
            sanction=get_object_or_404(r.sanctions, pk=q.get("sanction")),
            by=u,
            status=q.get("status", ""),
            reason=q.get("reason", ""),
        ),
    }


RECORD_ACTIONS = _record_actions()

COMPLAINT_ACTIONS = {
    "route": lambda c, u, q: services.complaint_route(
        complaint=c,
        by=u,
        organisation=get_object_or_404(org_scope(u), pk=q.get("unit") or c.organisation_id),
    ),
    "moderate": lambda c, u, q: services.complaint_moderate(
        complaint=c, by=u, public_text=q.get("public_text", ""), reason=q.get("reason", "")
    ),
    "answer": lambda c, u, q: services.complaint_answer(
        complaint=c, by=u, answer=q.get("answer", "")
    ),
    "verify": lambda c, u, q: services.complaint_verify(
        complaint=c,
        by=u,
        founded=q.get("founded") == "yes",
        notes=q.get("notes", ""),
        follow_up=q.get("follow_up", ""),
    ),
    "reject": lambda c, u, q: services.complaint_reject(
        complaint=c, by=u, reason=q.get("reason", "")
    ),
}


def _run(request, action, target: str):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect(target)


class ActionView(View):
    model = None
    actions: dict = {}
    perm = ""
    url_name = ""

    def post(self, request, pk: int, action: str):
        obj = get_object_or_404(scope_queryset(request.user, self.model.objects.all()), pk=pk)
        if action not in self.actions or not request.user.has_perm(self.perm, obj):
            raise PermissionDenied
        target = reverse(self.url_name, args=[pk])
        data = {**request.POST.dict(), "evidence": request.FILES.get("evidence")}
        return _run(request, lambda: self.actions[action](obj, request.user, data), target)


class RecordActionView(ActionView):
    model, actions = DishonestyRecord, RECORD_ACTIONS
    perm, url_name = "records.change_dishonestyrecord", "records_record:inspect"


class ComplaintActionView(ActionView):
    model, actions = Complaint, COMPLAINT_ACTIONS
    perm, url_name = "records.change_complaint", "records_complaint:inspect"


class CreditCheckView(View):
    def post(self, request, pk: int):
        official = get_object_or_404(scope_queryset(request.user, Official.objects.all()), pk=pk)
        target = reverse("records_official:inspect", args=[pk])
        return _run(
            request,
            lambda: services.credit_check(
                official=official, purpose=request.POST.get("purpose", ""), by=request.user
            ),
            target,
        )


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
        record_event(type="record.notice_printed", actor=request.user, obj=record)
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
