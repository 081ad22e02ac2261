"""Back office: items (with import/export), replies, roster, rules, statistics."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core.importing import ImportExportIndexMixin, ImportExportViewSetMixin
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedIndexView,
    ScopedModelViewSet,
)

from . import admin_views, selectors, services
from .models import HandlingRule, Item, Member, Reply, ReplyCategory
from .resources import ItemResource


class ItemIndexView(ImportExportIndexMixin, ScopedIndexView):
    def get_base_queryset(self):
        return selectors.items_for(self.request.user, generic.IndexView.get_base_queryset(self))


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


class ItemViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = Item
    resource_class = ItemResource
    icon = "doc-full"
    menu_label = _("Suggestions and proposals")
    index_view_class = ItemIndexView
    add_view_class = ItemCreateView
    inspect_view_enabled = True
    list_display = ["number", "title", "kind", "year", "lead_author", "status", "is_key"]
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


class RuleIndexView(generic.IndexView):
    """Rule tables are national or per jurisdiction; every back-office user may read them."""


class HandlingRuleViewSet(ScopedModelViewSet):
    model = HandlingRule
    icon = "time"
    menu_label = _("Handling rules")
    index_view_class = RuleIndexView
    list_display = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "reply_months",
        "max_months",
        "return_window_workdays",
        "cohandler_months",
        "rehandling_months",
    ]
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "reply_months",
        "max_months",
        "return_window_workdays",
        "cohandler_months",
        "rehandling_months",
        "remind_days_before",
    ]


class ReplyCategoryViewSet(ScopedModelViewSet):
    model = ReplyCategory
    icon = "tag"
    menu_label = _("Reply categories")
    index_view_class = RuleIndexView
    list_display = ["code", "name", "creates_followup", "jurisdiction", "valid_from", "valid_to"]
    form_fields = [
        "jurisdiction",
        "valid_from",
        "valid_to",
        "source",
        "code",
        "name",
        "creates_followup",
        "sort_order",
    ]


class ProposalsGroup(ViewSetGroup):
    menu_label = _("Suggestions and proposals")
    menu_icon = "doc-full"
    menu_order = 320
    items = (
        ItemViewSet("proposal_items"),
        ReplyViewSet("proposal_replies"),
        MemberViewSet("proposal_members"),
        HandlingRuleViewSet("proposal_rules"),
        ReplyCategoryViewSet("proposal_categories"),
    )


@hooks.register("register_admin_viewset")
def register_proposals():
    return ProposalsGroup()


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


@hooks.register("register_reports_menu_item")
def register_statistics_menu():
    return MenuItem(
        _("Suggestion and proposal statistics"),
        reverse("proposals_statistics"),
        icon_name="table",
        order=700,
    )
