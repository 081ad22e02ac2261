"""Model viewsets of the records app: records, reports, officials and the rule tables.

Every write goes through :mod:`integrity.records.services`.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core.events import record_event
from integrity.core.models import Event
from integrity.core.permissions import org_scope, scope_queryset
from integrity.core.rule_viewsets import RuleViewSet
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from .. import selectors, services
from ..events import EventType
from ..models import (
    Complaint,
    CreditCheck,
    DishonestyRecord,
    ListCriteria,
    Official,
    OfficialEntry,
    ProcedureRule,
    PublicationRule,
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
            type=EventType.OFFICIAL_UPDATED,
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


class RecordsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Integrity records")
    menu_icon = "warning"
    menu_order = 400
    items = (
        RecordViewSet("records_record"),
        ComplaintViewSet("records_complaint"),
        OfficialViewSet("records_official"),
        RuleViewSet(
            "records_publicationrule",
            model=PublicationRule,
            icon="date",
            menu_label=gettext_lazy("Publication period rules"),
            list_display=["severity", "min_months", "max_months"],
            list_filter=["severity"],
        ),
        RuleViewSet(
            "records_procedurerule",
            model=ProcedureRule,
            icon="time",
            menu_label=gettext_lazy("Records procedure rules"),
            list_display=["objection_working_days", "complaint_answer_working_days"],
        ),
        RuleViewSet(
            "records_sanctionmeasure",
            model=SanctionMeasure,
            icon="link",
            menu_label=gettext_lazy("Joint sanction measures"),
            list_display=["code", "name", "kind", "department_name"],
            list_filter=["kind", "subject"],
        ),
        RuleViewSet(
            "records_listcriteria",
            model=ListCriteria,
            icon="list-ul",
            menu_label=gettext_lazy("Red and black list criteria"),
            list_display=["red_min_fulfilment_rate", "black_min_records"],
        ),
    )
