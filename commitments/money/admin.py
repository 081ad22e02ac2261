"""Back-office screens of the SME payment register: list, add, edit, detail, payment."""

import django_filters

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from integrity.core.display import deadline_html
from integrity.core.importing import ImportExportViewSetMixin
from integrity.core.models import Organisation
from integrity.core.permissions import org_scope, scope_queryset
from integrity.core.viewsets import (
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from . import selectors, services
from .forms import PaymentForm
from .models import SMEContract
from .resources import SMEContractResource

FORM_FIELDS = ["organisation", *services.CONTRACT_FIELDS]


def _scoped_units(request):
    return org_scope(request.user) if request else Organisation.objects.none()


class SMEContractFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[
            ("open", gettext_lazy("Not paid in full")),
            ("overdue", gettext_lazy("Overdue")),
            ("settled", gettext_lazy("Paid in full")),
        ],
        method="filter_state",
        empty_label=gettext_lazy("All"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("paying organisation"), queryset=_scoped_units
    )
    supplier = django_filters.CharFilter(label=gettext_lazy("supplier"), method="filter_supplier")
    due_on = django_filters.DateFromToRangeFilter(label=gettext_lazy("payment due on"))

    class Meta:
        model = SMEContract
        fields = ["state", "organisation", "supplier", "due_on", "sme_at_signing"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.open()
        if value == "overdue":
            return queryset.overdue(on=today)
        if value == "settled":
            return queryset.filter(settled_on__isnull=False)
        return queryset

    def filter_supplier(self, queryset, name, value):
        return queryset.filter(Q(supplier_name__icontains=value) | Q(supplier_uscc=value.upper()))


class SMEContractIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)  # the title opens the detail card

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("commitments.add_smecontract"):
            buttons.append(
                Button(
                    _("Import"),
                    url=reverse("money_smecontract:import"),
                    icon_name="upload",
                    priority=50,
                )
            )
        buttons.append(
            Button(
                _("Working-day calculator"),
                url=reverse("money_workdays"),
                icon_name="date",
                priority=60,
            )
        )
        return buttons


class ContractFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "organisation" in form.fields:
            form.fields["organisation"].queryset = org_scope(self.request.user)
            if self.request.user.organisation_id and not form.initial.get("organisation"):
                form.initial["organisation"] = self.request.user.organisation_id
        return form

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse("money_smecontract:inspect", args=[self.object.pk])


class SMEContractCreateView(ContractFormMixin, generic.CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in services.CONTRACT_FIELDS}
        return services.sme_contract_create(
            by=self.request.user, organisation=self.form.cleaned_data["organisation"], **data
        )


class SMEContractEditView(ContractFormMixin, ScopedEditView):
    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in services.CONTRACT_FIELDS}
        contract = SMEContract.objects.get(pk=self.object.pk)  # the form changed self.object
        return services.sme_contract_update(contract=contract, by=self.request.user, data=data)


class SMEContractInspectView(ScopedInspectView):
    template_name = "money/admin/contract_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            card=selectors.contract_card(self.object),
            payments=self.object.payments.all(),
            events=selectors.contract_events(self.object),
            may_change=user.has_perm("commitments.change_smecontract", self.object),
            payment_form=PaymentForm(initial={"paid_on": timezone.localdate()}),
            today=timezone.localdate(),
        )
        return context


class SMEPaymentView(View):
    """POST: record a payment on a contract; errors come back as Chinese messages."""

    def post(self, request, pk: int):
        contract = get_object_or_404(scope_queryset(request.user, SMEContract.objects), pk=pk)
        if not request.user.has_perm("commitments.change_smecontract", contract):
            raise PermissionDenied
        target = reverse("money_smecontract:inspect", args=[pk])
        form = PaymentForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(target)
        try:
            services.sme_payment_record(contract=contract, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Payment recorded."))
        return redirect(target)


def _due(contract: SMEContract):
    """The due date, marked 暂定 when its year's holidays are not yet published."""
    return deadline_html(contract.due_on) if contract.due_on else "—"


def _state(contract: SMEContract) -> str:
    if contract.is_settled:
        return _("Paid in full")
    return _("Overdue") if contract.is_overdue() else _("Not paid in full")


class SMEContractViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = SMEContract
    resource_class = SMEContractResource
    icon = "table"
    menu_label = gettext_lazy("SME payments")
    inspect_view_enabled = True
    index_view_class = SMEContractIndexView
    add_view_class = SMEContractCreateView
    edit_view_class = SMEContractEditView
    inspect_view_class = SMEContractInspectView
    filterset_class = SMEContractFilterSet
    list_display = [
        "contract_name",
        "supplier_name",
        "organisation",
        Column("amount", label=gettext_lazy("contract amount (yuan)")),
        Column("outstanding", label=gettext_lazy("still owed (yuan)")),
        Column("due_on", label=gettext_lazy("payment due on"), accessor=_due),
        Column("state_label", label=gettext_lazy("State"), accessor=_state),
    ]
    list_export = [
        "contract_no",
        "contract_name",
        "organisation",
        "supplier_name",
        "supplier_uscc",
        "amount",
        "amount_paid",
        "outstanding",
        "due_on",
        "settled_on",
    ]
    export_headings = {
        "contract_no": "合同编号",
        "contract_name": "合同名称",
        "organisation": "付款单位",
        "supplier_name": "供应商",
        "supplier_uscc": "供应商统一社会信用代码",
        "amount": "合同金额（元）",
        "amount_paid": "已付金额（元）",
        "outstanding": "未付金额（元）",
        "due_on": "应付日期",
        "settled_on": "付清日期",
    }
    export_filename = "sme-payments"
    search_fields = ["contract_name", "contract_no", "supplier_name"]
    list_per_page = 50
    panels = [FieldPanel(name) for name in FORM_FIELDS]
