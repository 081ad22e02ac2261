"""Back office: records (credit office), citizen reports (units), officials (HR, credit office).

Every write goes through :mod:`integrity.records.services`; lifecycle actions are POST-only
views that check the object permission and let the service enforce the rules.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core.events import record_event
from integrity.core.models import Event
from integrity.core.permissions import org_scope, scope_queryset
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from . import pdf, selectors, services
from .models import (
    Complaint,
    CreditCheck,
    DishonestyRecord,
    ListCriteria,
    Official,
    OfficialEntry,
    ProcedureRule,
    PublicationRule,
    RepairApplication,
    SanctionMeasure,
)

# --- records ---------------------------------------------------------------------------

RECORD_FORM_FIELDS = [
    "organisation",
    "official",
    "title",
    "facts",
    "source",
    "severity",
    "legal_basis",
    "determination_date",
    "deciding_body",
    "decision_number",
    "publish",
]


class ScopedFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "organisation" in form.fields:
            form.fields["organisation"].queryset = org_scope(self.request.user)
        if "official" in form.fields:
            form.fields["official"].queryset = scope_queryset(
                self.request.user, Official.objects.all()
            )
        return form


class RecordCreateView(ScopedFormMixin, generic.CreateView):
    def save_instance(self):
        data = {name: getattr(self.form.instance, name) for name in RECORD_FORM_FIELDS}
        return services.record_create(by=self.request.user, **data)


class RecordEditView(ScopedFormMixin, ScopedEditView):
    def save_instance(self):
        instance = self.form.instance
        data = {
            name: getattr(instance, name)
            for name in RECORD_FORM_FIELDS
            if name not in ("organisation", "official")
        }
        data.update(organisation_id=instance.organisation_id, official_id=instance.official_id)
        record = DishonestyRecord.objects.get(pk=instance.pk)
        return services.record_update(record=record, by=self.request.user, data=data)


def _timeline(obj):
    return Event.objects.for_object(obj).order_by("created_at", "id")


class RecordInspectView(ScopedInspectView):
    template_name = "records/admin/record_inspect.html"

    def get_context_data(self, **kwargs):
        record = self.object
        return super().get_context_data(
            events=_timeline(record),
            evidence=record.evidence.all(),
            objections=record.objections.all(),
            repairs=record.repairs.all(),
            sanctions=record.sanctions.all(),
            dispatches=record.dispatches.select_related("measure", "department"),
            may_dispatch=self.request.user.has_perm("records.dispatch_dishonestyrecord", record),
            may_change=self.request.user.has_perm("records.change_dishonestyrecord", record),
            is_public=record.is_public(),
            **kwargs,
        )


class RecordViewSet(ScopedModelViewSet):
    model = DishonestyRecord
    icon = "warning"
    menu_label = gettext_lazy("Dishonesty records")
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView
    inspect_view_class = RecordInspectView
    inspect_view_enabled = True
    form_fields = RECORD_FORM_FIELDS
    list_display = [
        "title",
        "organisation",
        "source",
        "severity",
        "determination_date",
        "status",
        "max_end_date",
    ]
    list_filter = ["status", "source", "severity"]
    search_fields = ["title", "decision_number"]
    list_per_page = 50


# --- citizen reports --------------------------------------------------------------------


class ComplaintInspectView(ScopedInspectView):
    template_name = "records/admin/complaint_inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            events=_timeline(self.object),
            units=org_scope(self.request.user),
            reporter=selectors.reporter_contact(self.request.user, self.object),
            may_change=self.request.user.has_perm("records.change_complaint", self.object),
            **kwargs,
        )


class ComplaintViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Complaint
    icon = "mail"
    menu_label = gettext_lazy("Citizen reports")
    inspect_view_class = ComplaintInspectView
    # The reporter is shown by the template only to whom selectors.can_see_reporter allows.
    inspect_view_fields_exclude = list(selectors.REPORTER_FIELDS)
    list_display = [
        "tracking_number",
        "title",
        "organisation",
        "status",
        "answer_due",
        "submitted_at",
    ]
    list_filter = ["status", "topic"]
    search_fields = ["tracking_number", "title"]
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        # Read-only: no "add" button even for superusers (there is no add URL).
        return {**super().get_index_view_kwargs(**kwargs), "add_url_name": None}


# --- officials ---------------------------------------------------------------------------


class OfficialCreateView(ScopedFormMixin, generic.CreateView):
    def get_form(self, form_class=None):
        from django import forms

        form = super().get_form(form_class)
        form.fields["id_number"] = forms.CharField(
            label=_("ID number"), max_length=18, required=False
        )
        return form

    def save_instance(self):
        instance = self.form.instance
        return services.official_create(
            by=self.request.user,
            organisation=instance.organisation,
            name=instance.name,
            post=instance.post,
            phone=instance.phone,
            id_number=self.form.cleaned_data.get("id_number", ""),
        )


class OfficialEditView(ScopedFormMixin, ScopedEditView):
    """Edits name, post and phone; the encrypted ID number is never shown or overwritten."""

    def save_instance(self):
        instance = super().save_instance()
        record_event(
            type="official.updated",
            actor=self.request.user,
            obj=instance,
            details={"changed": self.form.changed_data},
        )
        return instance


class OfficialInspectView(ScopedInspectView):
    template_name = "records/admin/official_inspect.html"

    def get_context_data(self, **kwargs):
        official = self.object
        return super().get_context_data(
            entries=official.entries.all(),
            records=official.records.all(),
            checks=official.credit_checks.all()[:20],
            purposes=CreditCheck.Purpose.choices,
            may_check=self.request.user.has_perm("records.add_creditcheck", official),
            may_add_entry=self.request.user.has_perm("records.add_officialentry", official),
            entry_kinds=OfficialEntry.Kind.choices,
            **kwargs,
        )


class OfficialViewSet(ScopedModelViewSet):
    model = Official
    icon = "user"
    menu_label = gettext_lazy("Civil-servant archive")
    add_view_class = OfficialCreateView
    edit_view_class = OfficialEditView
    inspect_view_class = OfficialInspectView
    inspect_view_enabled = True
    form_fields = ["organisation", "name", "post", "phone", "is_active"]
    inspect_view_fields = ["organisation", "name", "post", "is_active"]
    list_display = ["name", "organisation", "post", "is_active"]
    search_fields = ["name", "post"]
    list_per_page = 50


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
        from . import exchange

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


class RuleSaveMixin:
    """Rule rows are data an administrator edits; every save is logged."""

    def save_instance(self):
        instance = super().save_instance()
        record_event(
            type="records.rule_saved",
            actor=self.request.user,
            obj=instance,
            organisation=instance.jurisdiction,
            details={"changed": list(self.form.changed_data)},
        )
        return instance


class RuleCreateView(RuleSaveMixin, generic.CreateView):
    pass


class RuleEditView(RuleSaveMixin, ScopedEditView):
    pass


class PublicationRuleViewSet(ScopedModelViewSet):
    model = PublicationRule
    icon = "date"
    menu_label = gettext_lazy("Publication period rules")
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "severity",
        "min_months",
        "max_months",
        "published_by_default",
    ]
    list_display = [
        "severity",
        "min_months",
        "max_months",
        "valid_from",
        "valid_to",
        "jurisdiction",
        "source",
    ]
    list_filter = ["severity"]


class ProcedureRuleViewSet(ScopedModelViewSet):
    model = ProcedureRule
    icon = "time"
    menu_label = gettext_lazy("Records procedure rules")
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "objection_working_days",
        "explanation_working_days",
        "rectification_days",
        "complaint_answer_working_days",
        "violation_lookback_months",
    ]
    list_display = [
        "valid_from",
        "valid_to",
        "jurisdiction",
        "objection_working_days",
        "complaint_answer_working_days",
    ]


class SanctionMeasureViewSet(ScopedModelViewSet):
    model = SanctionMeasure
    icon = "link"
    menu_label = gettext_lazy("Joint sanction measures")
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "code",
        "name",
        "kind",
        "subject",
        "legal_basis",
        "department_name",
        "feedback_days",
    ]
    list_display = ["code", "name", "kind", "department_name", "valid_from", "valid_to"]
    list_filter = ["kind", "subject"]


class ListCriteriaViewSet(ScopedModelViewSet):
    model = ListCriteria
    icon = "list-ul"
    menu_label = gettext_lazy("Red and black list criteria")
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "red_min_fulfilment_rate",
        "red_min_closed",
        "black_min_severity",
        "black_min_records",
        "description",
    ]
    list_display = ["source", "valid_from", "valid_to", "jurisdiction", "red_min_fulfilment_rate"]


class RecordsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Integrity records")
    menu_icon = "warning"
    menu_order = 400
    items = (
        RecordViewSet("records_record"),
        ComplaintViewSet("records_complaint"),
        OfficialViewSet("records_official"),
        PublicationRuleViewSet("records_publicationrule"),
        ProcedureRuleViewSet("records_procedurerule"),
        SanctionMeasureViewSet("records_sanctionmeasure"),
        ListCriteriaViewSet("records_listcriteria"),
    )


@hooks.register("register_admin_viewset")
def register_records():
    return RecordsGroup()


@hooks.register("register_admin_urls")
def register_records_admin_urls():
    return [
        path(
            "records/record/<int:pk>/do/<str:action>/",
            RecordActionView.as_view(),
            name="records_admin_record_action",
        ),
        path(
            "records/complaint/<int:pk>/do/<str:action>/",
            ComplaintActionView.as_view(),
            name="records_admin_complaint_action",
        ),
        path(
            "records/official/<int:pk>/credit-check/",
            CreditCheckView.as_view(),
            name="records_admin_credit_check",
        ),
        path(
            "records/record/<int:pk>/notice.pdf",
            RecordNoticePdfView.as_view(),
            name="records_admin_notice_pdf",
        ),
        path(
            "records/repair/<int:pk>/decision.pdf",
            RepairDecisionPdfView.as_view(),
            name="records_admin_repair_pdf",
        ),
        path("records/export.<str:fmt>", RecordExportView.as_view(), name="records_admin_export"),
    ]


# --- the unit's side, the credit office's to-do, joint sanctions (backoffice/) -----------

from integrity.core.models.users import Role  # noqa: E402

from .backoffice import archive, credit, joint, todo, unit  # noqa: E402, F401
from .backoffice import lists as list_views  # noqa: E402
from .backoffice.common import RoleMenuItem  # noqa: E402


@hooks.register("register_admin_urls")
def register_records_backoffice_urls():
    return [*unit.urls, *credit.urls, *joint.urls, *list_views.urls, *archive.urls]


@hooks.register("register_admin_menu_item")
def register_unit_records_menu():
    return RoleMenuItem(
        gettext_lazy("My unit's dishonesty records"),
        reverse("records_unit_list"),
        icon_name="warning",
        order=322,
        roles={Role.OPERATOR, Role.LEADER},
    )


@hooks.register("register_admin_menu_item")
def register_dispatch_menu():
    return RoleMenuItem(
        gettext_lazy("Joint rewards and sanctions"),
        reverse("records_dispatch_list"),
        icon_name="link",
        order=323,
        roles={Role.OPERATOR, Role.LEADER, Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_lists_menu():
    return RoleMenuItem(
        gettext_lazy("Red and black lists"),
        reverse("records_list_issues"),
        icon_name="list-ul",
        order=398,
        roles={Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_coverage_menu():
    return RoleMenuItem(
        gettext_lazy("Integrity training coverage"),
        reverse("records_archive_coverage"),
        icon_name="user",
        order=397,
        roles={Role.HR, Role.CREDIT_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_credit_todo_menu():
    return RoleMenuItem(
        gettext_lazy("Credit office to-do"),
        reverse("records_credit_todo"),
        icon_name="tasks",
        order=399,
        roles={Role.CREDIT_OFFICE},
    )
