"""Back office: items (with import/export), replies, roster, rules, statistics."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core.importing import ImportExportIndexMixin, ImportExportViewSetMixin
from integrity.core.models.users import Role
from integrity.core.rule_viewsets import RuleViewSet
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedIndexView,
    ScopedModelViewSet,
)

from . import admin_views, bulk_actions, selectors, services, workflow_views
from .models import HandlingRule, Item, Member, Reply, ReplyCategory
from .resources import ItemResource


class ItemIndexView(ImportExportIndexMixin, ScopedIndexView):
    """The item listing; the office also gets checkboxes for "handle together" (并案办理)."""

    def get_base_queryset(self):
        return selectors.items_for(self.request.user, generic.IndexView.get_base_queryset(self))

    @cached_property
    def can_merge(self) -> bool:
        return self.request.user.has_perm(bulk_actions.ASSIGN)

    @cached_property
    def columns(self):
        columns = super().columns
        if self.can_merge:
            return [BulkActionsCheckboxColumn("bulk_actions", obj_type="item"), *columns]
        return columns

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_merge": self.can_merge}


class ItemCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.item_register(
            by=self.request.user,
            organisation=self.request.user.organisation,
            kind=data["kind"],
            year=data["year"],
            number=data["number"],
            title=data["title"],
            content=data["content"],
            session=data["session"],
            lead_author=data["lead_author"],
            co_authors=data["co_authors"],
            registered_on=data["registered_on"],
        )


class ItemEditView(ScopedEditView):
    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in services.ITEM_FIELDS}
        return services.item_update(
            by=self.request.user,
            item=self.form.instance,
            data=data,
            co_authors=self.form.cleaned_data["co_authors"],
        )


def item_page_url(item) -> str:
    return reverse("proposals_item_page", args=[item.pk])


class ItemViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = Item
    resource_class = ItemResource
    icon = "doc-full"
    menu_label = _("Suggestions and proposals")
    index_view_class = ItemIndexView
    index_template_name = "proposals/admin/item_index.html"
    add_view_class = ItemCreateView
    inspect_view_enabled = True
    list_display = [
        "number",
        TitleColumn(
            "title",
            label=_("title"),
            get_url=item_page_url,
            get_title_id=lambda item: f"item_{item.pk}_title",
        ),
        "kind",
        "year",
        "lead_author",
        "status",
        "is_key",
    ]
    list_filter = ["kind", "year", "status", "is_key"]
    search_fields = ["number", "title"]
    form_fields = [
        "kind",
        "year",
        "session",
        "number",
        "title",
        "content",
        "lead_author",
        "co_authors",
        "registered_on",
    ]
    inspect_view_fields = [
        "number",
        "kind",
        "year",
        "session",
        "title",
        "content",
        "lead_author",
        "mode",
        "status",
        "is_key",
        "supervisor_name",
    ]

    edit_view_class = ItemEditView


class ReplyIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return selectors.replies_for(self.request.user, generic.IndexView.get_base_queryset(self))


class ReplyViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Reply
    icon = "mail"
    menu_label = _("Replies")
    index_view_class = ReplyIndexView
    list_display = ["title", "assignment", "category", "status", "sent_on", "publication"]
    list_filter = ["status", "category", "publication"]
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "assignment",
        "round",
        "category",
        "status",
        "sent_on",
        "deadline",
        "publication",
        "summary",
        "unpublished_reason",
        "followup",
    ]


class MemberIndexView(ScopedIndexView):
    pass


class MemberCreateView(generic.CreateView):
    def save_instance(self):
        data = dict(self.form.cleaned_data)
        return services.member_create(by=self.request.user, **data)


class MemberViewSet(ScopedModelViewSet):
    model = Member
    icon = "user"
    menu_label = _("Roster of deputies and members")
    add_view_class = MemberCreateView
    list_display = ["name", "kind", "delegation", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "delegation"]
    form_fields = [
        "organisation",
        "kind",
        "name",
        "delegation",
        "phone",
        "email",
        "address",
        "user",
    ]


class ProposalsGroup(ViewSetGroup):
    menu_label = _("Suggestions and proposals")
    menu_icon = "doc-full"
    menu_order = 320
    items = (
        ItemViewSet("proposal_items"),
        ReplyViewSet("proposal_replies"),
        MemberViewSet("proposal_members"),
        RuleViewSet(
            "proposal_rules",
            model=HandlingRule,
            icon="time",
            menu_label=_("Handling rules"),
            list_display=[
                "reply_months",
                "max_months",
                "return_window_workdays",
                "cohandler_months",
                "rehandling_months",
            ],
        ),
        RuleViewSet(
            "proposal_categories",
            model=ReplyCategory,
            icon="tag",
            menu_label=_("Reply categories"),
            list_display=["code", "name", "creates_followup"],
        ),
    )


@hooks.register("register_admin_viewset")
def register_proposals():
    return ProposalsGroup()


hooks.register("register_bulk_action", bulk_actions.MergeBulkAction)


@hooks.register("register_admin_urls")
def register_proposal_urls():
    return [
        path("proposals/statistics/", admin_views.statistics, name="proposals_statistics"),
        path(
            "proposals/statistics/report.pdf",
            admin_views.statistics_pdf,
            name="proposals_statistics_pdf",
        ),
        path(
            "proposals/replies/<int:pk>/letter.pdf",
            admin_views.reply_letter,
            name="proposals_reply_letter",
        ),
    ]


WORKFLOW_URLS = [
    ("office/", workflow_views.office_todo, "proposals_office_todo"),
    ("items/<int:pk>/", workflow_views.item_page, "proposals_item_page"),
    ("items/<int:pk>/assign/", workflow_views.item_assign, "proposals_item_assign"),
    ("items/<int:pk>/key/", workflow_views.item_key, "proposals_item_key"),
    ("items/<int:pk>/remind/", workflow_views.item_remind, "proposals_item_remind"),
    (
        "return-requests/<int:pk>/decide/",
        workflow_views.return_decide,
        "proposals_return_decide",
    ),
    (
        "extension-requests/<int:pk>/decide/",
        workflow_views.extension_decide,
        "proposals_extension_decide",
    ),
    ("replies/<int:pk>/publish/", workflow_views.reply_publish, "proposals_reply_publish"),
    ("replies/<int:pk>/approve/", workflow_views.reply_approve, "proposals_reply_approve"),
    ("replies/<int:pk>/rate/", workflow_views.reply_rate, "proposals_reply_rate"),
    ("my-assignments/", workflow_views.my_assignments, "proposals_my_assignments"),
    ("assignments/<int:pk>/", workflow_views.assignment_page, "proposals_assignment_page"),
    (
        "assignments/<int:pk>/communicate/",
        workflow_views.assignment_communicate,
        "proposals_assignment_communicate",
    ),
    (
        "assignments/<int:pk>/opinion/",
        workflow_views.assignment_opinion,
        "proposals_assignment_opinion",
    ),
    ("assignments/<int:pk>/reply/", workflow_views.assignment_reply, "proposals_assignment_reply"),
    (
        "assignments/<int:pk>/extension/",
        workflow_views.assignment_extension,
        "proposals_assignment_extension",
    ),
    (
        "assignments/<int:pk>/return/",
        workflow_views.assignment_return,
        "proposals_assignment_return",
    ),
    ("my-items/", workflow_views.my_items, "proposals_my_items"),
]


@hooks.register("register_admin_urls")
def register_proposal_workflow_urls():
    return [path(f"proposals/{route}", view, name=name) for route, view, name in WORKFLOW_URLS]


class RoleMenuItem(MenuItem):
    """A menu entry shown only to some roles."""

    def __init__(self, *args, roles, **kwargs):
        self.roles = set(roles)
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.role in self.roles or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_workflow_menu():
    return RoleMenuItem(
        _("Suggestion and proposal work"),
        reverse("proposals_office_todo"),
        icon_name="tasks",
        order=319,
        roles={Role.PROPOSAL_OFFICE},
    )


@hooks.register("register_admin_menu_item")
def register_unit_menu():
    return RoleMenuItem(
        _("My assignments (suggestions and proposals)"),
        reverse("proposals_my_assignments"),
        icon_name="tasks",
        order=321,
        roles={Role.OPERATOR, Role.LEADER},
    )


@hooks.register("register_admin_menu_item")
def register_deputy_menu():
    return RoleMenuItem(
        _("My suggestions and proposals"),
        reverse("proposals_my_items"),
        icon_name="doc-full",
        order=100,
        roles={Role.DEPUTY},
    )


@hooks.register("register_reports_menu_item")
def register_statistics_menu():
    return MenuItem(
        _("Suggestion and proposal statistics"),
        reverse("proposals_statistics"),
        icon_name="table",
        order=700,
    )


# --- online submissions (issue 16) ----------------------------------------------------------


@hooks.register("register_admin_urls")
def register_submission_urls():
    from .submission_views import SUBMISSION_URLS

    return [path(f"proposals/{route}", view, name=name) for route, view, name in SUBMISSION_URLS]


@hooks.register("integrity_todo_items")
def submission_todo_items(request) -> list[dict]:
    """Online submissions to register (office); assignments to confirm (unit)."""
    from .models import Submission
    from .selectors import assignments_for

    user = request.user
    if user.is_superuser or user.role == Role.PROPOSAL_OFFICE:
        from integrity.core.permissions import scope_queryset

        n = scope_queryset(user, Submission.objects.filter(status="submitted")).count()
        url = reverse("proposals_office_submissions")
        label = _("Online submissions to register or return")
        return [
            {
                "group": str(_("Suggestions and proposals")),
                "label": str(label),
                "count": n,
                "url": url,
                "level": "warning" if n else "info",
            }
        ]
    if user.role in (Role.OPERATOR, Role.LEADER):
        n = assignments_for(user).filter(received_at__isnull=True, status="active").count()
        url = reverse("proposals_my_assignments")
        label = _("Assignments to confirm receipt of")
        return [
            {
                "group": str(_("Suggestions and proposals")),
                "label": str(label),
                "count": n,
                "url": url,
                "level": "warning" if n else "info",
            }
        ]
    return []
