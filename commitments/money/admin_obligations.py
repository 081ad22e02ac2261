"""Back-office screens: obligations of agreements and PPP projects, and fiscal years."""

import datetime

import django_filters

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
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

from integrity.core.importing import ImportExportViewSetMixin
from integrity.core.models import Organisation
from integrity.core.permissions import org_scope, scope_queryset
from integrity.core.viewsets import (
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from .. import derived
from .. import services as commitment_services
from ..models import Commitment, Obligation, PPPLimitRule
from . import services
from .forms import PaymentForm
from .models import FiscalYear
from .resources import FiscalYearResource

MONEY_KINDS = (Commitment.Kind.INVESTMENT, Commitment.Kind.PPP, Commitment.Kind.LOCAL_DEBT)
OBLIGATION_FIELDS = ["commitment", "kind", "description", "condition", "amount", "due_on"]


class ServiceFormMixin:
    """A service's ``ValidationError`` becomes a form error; nothing is written."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


# --- obligations (incentives of agreements, PPP government payments) -------------------


class ObligationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=[
            ("open", gettext_lazy("Not paid in full")),
            ("overdue", gettext_lazy("Overdue")),
            ("paid", gettext_lazy("Paid in full")),
        ],
        method="filter_state",
        empty_label=gettext_lazy("All"),
    )
    commitment__kind = django_filters.ChoiceFilter(
        label=gettext_lazy("commitment kind"),
        choices=[(k.value, k.label) for k in MONEY_KINDS],
        empty_label=gettext_lazy("All"),
    )
    due_on = django_filters.DateFromToRangeFilter(label=gettext_lazy("due on"))

    class Meta:
        model = Obligation
        fields = ["state", "commitment__kind", "kind", "due_on"]

    def filter_state(self, queryset, name, value):
        unpaid = queryset.filter(amount_paid__lt=F("amount"))
        if value == "open":
            return unpaid
        if value == "overdue":
            return unpaid.filter(due_on__lt=timezone.localdate())
        if value == "paid":
            return queryset.filter(amount_paid__gte=F("amount"))
        return queryset


class ObligationIndexView(ScopedIndexView):
    def get_base_queryset(self):
        rows = super().get_base_queryset().select_related("commitment__organisation")
        return rows.filter(commitment__kind__in=MONEY_KINDS)

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class ObligationCreateView(ServiceFormMixin, generic.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        rows = scope_queryset(self.request.user, Commitment.objects.filter(kind__in=MONEY_KINDS))
        form.fields["commitment"].queryset = rows
        return form

    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in OBLIGATION_FIELDS}
        commitment = data.pop("commitment")
        return commitment_services.obligation_add(
            commitment=commitment, by=self.request.user, **data
        )

    def get_success_url(self):
        return reverse("money_obligation:inspect", args=[self.object.pk])

    def get_edit_url(self):
        return self.get_success_url()  # obligations are not edited, only paid


class ObligationInspectView(ScopedInspectView):
    template_name = "money/admin/obligation_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            payments=self.object.payments.all(),
            overdue=self.object.is_overdue(),
            may_change=self.request.user.has_perm("commitments.change_obligation", self.object),
            payment_form=PaymentForm(initial={"paid_on": timezone.localdate()}),
        )
        return context


class ObligationPayView(View):
    def post(self, request, pk: int):
        rows = scope_queryset(request.user, Obligation.objects.select_related("commitment"))
        obligation = get_object_or_404(rows, pk=pk)
        if not request.user.has_perm("commitments.change_obligation", obligation):
            raise PermissionDenied
        target = reverse("money_obligation:inspect", args=[pk])
        form = PaymentForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(target)
        try:
            services.obligation_payment_record(
                obligation=obligation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Payment recorded."))
        return redirect(target)


def _obligation_state(obligation: Obligation) -> str:
    if obligation.outstanding <= 0:
        return _("Paid in full")
    return _("Overdue") if obligation.is_overdue() else _("Not paid in full")


class MoneyObligationViewSet(ScopedModelViewSet):
    model = Obligation
    icon = "doc-full"
    menu_label = gettext_lazy("Incentives and PPP payments")
    inspect_view_enabled = True
    index_view_class = ObligationIndexView
    add_view_class = ObligationCreateView
    inspect_view_class = ObligationInspectView
    filterset_class = ObligationFilterSet
    list_display = [
        "commitment",
        "kind",
        "condition",
        Column("amount", label=gettext_lazy("amount due (yuan)")),
        Column("outstanding", label=gettext_lazy("still owed (yuan)")),
        "due_on",
        Column("state_label", label=gettext_lazy("State"), accessor=_obligation_state),
    ]
    list_export = ["commitment", "kind", "condition", "amount", "amount_paid", "due_on", "paid_on"]
    export_filename = "obligations"
    list_per_page = 50
    panels = [FieldPanel(name) for name in OBLIGATION_FIELDS]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "add", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]

    def get_common_view_kwargs(self, **kwargs):
        # Obligations are neither edited nor deleted here (no such URLs): no such buttons.
        return {
            **super().get_common_view_kwargs(**kwargs),
            "edit_url_name": None,
            "delete_url_name": None,
        }


# --- fiscal years: local debt and the PPP lines ---------------------------------------


def _risk(year: FiscalYear) -> str:
    ratio, level, rule = derived.fiscal_year_risk(year)
    if ratio is None:
        return "—"
    label = str(derived.RISK_LABELS[level])
    default = _("(default thresholds)") if rule.is_default else ""
    return f"{ratio}% {label}{default}"


def _ppp(year: FiscalYear) -> str:
    check = ppp_check(year)
    if check.share is None:
        return "—"
    return check.warning or f"{check.share}%"


def ppp_check(year: FiscalYear) -> derived.PPPCheck:
    rule = PPPLimitRule.objects.resolve(
        on=datetime.date(year.year, 12, 31), organisation=year.organisation
    )
    return derived.ppp_line_check(
        spending=year.ppp_spending,
        budget=year.general_budget,
        new_government_pays=year.new_government_pays,
        rule=rule,
    )


class FiscalYearFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("organisation"),
        queryset=lambda r: org_scope(r.user) if r else Organisation.objects.none(),
    )

    class Meta:
        model = FiscalYear
        fields = ["year", "organisation", "new_government_pays"]


class FiscalYearIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    @property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("commitments.add_fiscalyear"):
            url = reverse("money_fiscalyear:import")
            buttons.append(Button(_("Import"), url=url, icon_name="upload", priority=50))
        return buttons


FISCAL_FORM_FIELDS = ["organisation", "year", *services.FISCAL_FIELDS]


class FiscalYearCreateView(ServiceFormMixin, generic.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["organisation"].queryset = org_scope(self.request.user)
        return form

    def save_instance(self):
        data = dict(self.form.cleaned_data)
        return services.fiscal_year_save(
            by=self.request.user,
            organisation=data.pop("organisation"),
            year=data.pop("year"),
            **{k: v for k, v in data.items() if k in services.FISCAL_FIELDS},
        )


class FiscalYearEditView(ServiceFormMixin, ScopedEditView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for name in ("organisation", "year"):
            form.fields[name].disabled = True
        return form

    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k in services.FISCAL_FIELDS}
        row = FiscalYear.objects.get(pk=self.object.pk)
        return services.fiscal_year_save(
            by=self.request.user, organisation=row.organisation, year=row.year, **data
        )


class FiscalYearViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = FiscalYear
    resource_class = FiscalYearResource
    icon = "table"
    menu_label = gettext_lazy("Local debt and PPP lines")
    index_view_class = FiscalYearIndexView
    add_view_class = FiscalYearCreateView
    edit_view_class = FiscalYearEditView
    filterset_class = FiscalYearFilterSet
    list_display = [
        "organisation",
        "year",
        "debt_balance",
        "fiscal_capacity",
        Column("risk", label=gettext_lazy("debt ratio and risk level"), accessor=_risk),
        Column("ppp", label=gettext_lazy("PPP spending share"), accessor=_ppp),
    ]
    list_export = [
        "organisation",
        "year",
        "debt_balance",
        "fiscal_capacity",
        "overdue_debt",
        "general_budget",
        "ppp_spending",
    ]
    export_filename = "local-debt"
    list_per_page = 50
    panels = [FieldPanel(name) for name in FISCAL_FORM_FIELDS]
