"""Back office for commitments: scoped lists, to-do, detail with timeline, leader actions."""

import django_filters

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from integrity.core.importing import (
    ImportExportIndexMixin,
    ImportExportViewSetMixin,
)
from integrity.core.permissions import org_scope
from integrity.core.rule_viewsets import RuleViewSet
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from . import selectors, services, todo
from .admin_views import (
    ChangeRequestActionView,
    ChangeRequestCreateView,
    CommitmentActionView,
    ImportJobView,
    LargeImportView,
    LeadershipChangeView,
    TodoView,
    may_flag_leadership_change,
)
from .models import (
    ChangeRequest,
    Commitment,
    DebtRiskRule,
    DueSoonRule,
    Obligation,
    PPPLimitRule,
    SMEPaymentRule,
)
from .resources import CommitmentResource, ObligationResource

FORM_FIELDS = [
    "organisation",
    "kind",
    "code",
    "title",
    "content",
    "target",
    "deadline",
    "source_document",
    "responsible_leader",
    "responsible_person",
    "counterparty",
    "counterparty_uscc",
    "amount_due",
    "is_public",
]


# The summary card of a commitment's page; money, dates and flags shown the Chinese way.
INSPECT_FIELDS = [
    "code",
    "kind",
    "status",
    "organisation",
    "deadline",
    "target",
    "content",
    "responsible_leader",
    "responsible_person",
    "counterparty",
    "counterparty_uscc",
    "amount_due",
    "amount_paid",
    "source_document",
    "is_public",
    "published_at",
    "last_progress_on",
    "closed_on",
    "outcome_note",
    "change_reason",
    "compensation",
]


class CommitmentFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "organisation" in form.fields:
            form.fields["organisation"].queryset = org_scope(self.request.user)
        if self.object_frozen():
            for name in services.BASELINE_FIELDS:
                form.fields[name].disabled = True
        return form

    def object_frozen(self) -> bool:
        instance = getattr(self, "object", None)
        return bool(instance and instance.pk and instance.is_baseline_frozen)


class CommitmentCreateView(CommitmentFormMixin, generic.CreateView):
    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in FORM_FIELDS}
        return services.commitment_create(by=self.request.user, **data)


class CommitmentEditView(CommitmentFormMixin, ScopedEditView):
    def save_instance(self):
        data = {
            n: self.form.cleaned_data[n]
            for n in FORM_FIELDS
            if n in self.form.cleaned_data and n != "organisation"
        }
        try:
            return services.commitment_update(
                commitment=self.object, by=self.request.user, data=data
            )
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from error


class CommitmentIndexView(ImportExportIndexMixin, ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # A commitment opens on its page (summary, actions allowed now, timeline);
        # editing the draft is one of the actions there.
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("My to-do list"),
                url=reverse("commitments_admin_todo"),
                icon_name="tasks",
                priority=40,
            )
        )
        if self.request.user.has_perm("commitments.add_commitment"):
            url = reverse("commitments_admin_large_import")
            buttons.append(Button(_("Large import"), url=url, icon_name="upload", priority=55))
        if may_flag_leadership_change(self.request.user):
            url = reverse("commitments_admin_leadership_change")
            buttons.append(
                Button(_("Record a leadership change"), url=url, icon_name="user", priority=60)
            )
        return buttons


# Shown only once they hold something (a closing note on an open commitment is noise).
WHEN_SET = {
    "code",
    "counterparty",
    "counterparty_uscc",
    "amount_due",
    "source_document",
    "published_at",
    "last_progress_on",
    "closed_on",
    "outcome_note",
    "change_reason",
    "compensation",
}


class CommitmentInspectView(ScopedInspectView):
    template_name = "commitments/admin/inspect.html"

    def get_fields_context(self):
        empty = {None, ""}
        return [
            self.get_context_for_field(name)
            for name in self.fields
            if name not in WHEN_SET or getattr(self.object, name) not in empty
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            events=selectors.commitment_events(self.object),
            progress=self.object.progress_updates.prefetch_related("evidence"),
            change_requests=self.object.change_requests.all(),
            may_change=user.has_perm("commitments.change_commitment", self.object),
            is_leader=_is_leader(user, self.object),
            actions_now=actions_now(self.object, leader=_is_leader(user, self.object)),
        )
        return context


def actions_now(commitment: Commitment, *, leader: bool) -> set[str]:
    """The actions its page offers now: by status, approvals and lawful changes to leaders.

    The services still decide; this only keeps buttons that would be refused off the page.
    """
    status = Commitment.Status
    offered: set[str] = set()
    if commitment.status == status.DRAFT:
        offered |= {"submit", "withdraw"}
    elif commitment.status == status.SUBMITTED:
        offered |= {"publish", "reject", "withdraw"} if leader else {"withdraw"}
    elif commitment.is_open:
        offered |= {"progress", "fulfil", "request_change"}
        if commitment.status == status.PUBLISHED:
            offered.add("start")
        if leader:
            offered.add("change_lawfully")
    return offered


def _is_leader(user, commitment: Commitment) -> bool:
    return user.is_superuser or (
        user.role == "leader" and user.organisation_id == commitment.organisation_id
    )


class CommitmentFilterSet(WagtailFilterSet):
    """The list's filters, plus the to-do kinds the home page links to."""

    todo = django_filters.ChoiceFilter(
        label=gettext_lazy("To-do"),
        choices=list(todo.TODO_FILTERS.items()),
        method="filter_todo",
    )

    class Meta:
        model = Commitment
        fields = {
            "kind": ["exact"],
            "status": ["exact"],
            "organisation": ["exact"],
            "deadline": ["gte", "lte"],
        }

    def filter_todo(self, queryset, name, value):
        return todo.filter_todo(queryset, value)


class CommitmentViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = Commitment
    resource_class = CommitmentResource
    icon = "list-ul"
    menu_label = gettext_lazy("Commitments")
    inspect_view_enabled = True
    index_view_class = CommitmentIndexView
    add_view_class = CommitmentCreateView
    edit_view_class = CommitmentEditView
    inspect_view_class = CommitmentInspectView
    inspect_view_fields = INSPECT_FIELDS
    list_display = [
        "title",
        "kind",
        "organisation",
        Column("deadline", label=gettext_lazy("deadline")),
        "status",
        "change_count",
    ]
    filterset_class = CommitmentFilterSet
    search_fields = ["title", "content", "code"]
    list_per_page = 50
    panels = [FieldPanel(name) for name in FORM_FIELDS]


class ChangeRequestViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = ChangeRequest
    icon = "edit"
    menu_label = gettext_lazy("Change requests")
    list_display = ["commitment", "status", "old_deadline", "new_deadline", "requested_at"]
    list_filter = ["status"]
    inspect_view_fields = [
        "commitment",
        "status",
        "old_deadline",
        "new_deadline",
        "old_target",
        "new_target",
        "justification",
        "decision_note",
    ]


class ObligationIndexView(ImportExportIndexMixin, ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commitment")


class ObligationViewSet(ImportExportViewSetMixin, ReadOnlyViewSetMixin, ScopedModelViewSet):
    """Obligations are listed, exported and imported; single ones are added by import."""

    model = Obligation
    resource_class = ObligationResource
    icon = "doc-full"
    menu_label = gettext_lazy("Obligations")
    index_view_class = ObligationIndexView
    list_display = ["commitment", "kind", "amount", "due_on", "amount_paid", "paid_on"]
    list_filter = ["kind"]
    inspect_view_fields = [
        "commitment",
        "kind",
        "description",
        "condition",
        "amount",
        "due_on",
        "amount_paid",
        "paid_on",
    ]


class CommitmentsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Commitments")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        CommitmentViewSet("commitments_commitment"),
        ChangeRequestViewSet("commitments_changerequest"),
        ObligationViewSet("commitments_obligation"),
        RuleViewSet(
            "commitments_duesoonrule",
            model=DueSoonRule,
            list_display=["kind", "working_days", "stale_months"],
            menu_label=gettext_lazy("Due-soon rules"),
        ),
        RuleViewSet(
            "commitments_smepaymentrule",
            model=SMEPaymentRule,
            list_display=["default_term_days", "max_term_days", "default_daily_rate"],
            menu_label=gettext_lazy("SME payment rules"),
        ),
        RuleViewSet(
            "commitments_debtriskrule",
            model=DebtRiskRule,
            list_display=["red_from", "orange_from", "yellow_from", "is_default"],
            menu_label=gettext_lazy("Debt risk thresholds"),
        ),
        RuleViewSet(
            "commitments_ppplimitrule",
            model=PPPLimitRule,
            list_display=["limit_percent", "new_government_pays_percent"],
            menu_label=gettext_lazy("PPP spending limits"),
        ),
    )


hooks.register("integrity_todo_items", todo.todo_items)


@hooks.register("register_admin_viewset")
def register_commitments():
    return CommitmentsGroup()


@hooks.register("register_admin_urls")
def register_commitment_admin_urls():
    return [
        path("commitments/todo/", TodoView.as_view(), name="commitments_admin_todo"),
        path(
            "commitments/<int:pk>/do/<str:action>/",
            CommitmentActionView.as_view(),
            name="commitments_admin_action",
        ),
        path(
            "commitments/<int:pk>/change-request/",
            ChangeRequestCreateView.as_view(),
            name="commitments_admin_change_request",
        ),
        path(
            "commitments/change-requests/<int:pk>/<str:action>/",
            ChangeRequestActionView.as_view(),
            name="commitments_admin_decide",
        ),
        path(
            "commitments/leadership-change/",
            LeadershipChangeView.as_view(),
            name="commitments_admin_leadership_change",
        ),
    ]


@hooks.register("register_admin_urls")
def register_large_import_urls():
    return [
        path(
            "commitments/import-large/",
            LargeImportView.as_view(),
            name="commitments_admin_large_import",
        ),
        path(
            "commitments/import-jobs/<int:pk>/",
            ImportJobView.as_view(),
            name="commitments_admin_import_job",
        ),
    ]


import commitments.money.wagtail_hooks  # noqa: E402, F401  (the money registers)
