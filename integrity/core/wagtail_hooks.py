"""Back office for the core registry: organisations, users, calendar, event log, notices."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from integrity.core import dashboard, menus, services
from integrity.core.importing import ImportExportIndexMixin, ImportExportViewSetMixin
from integrity.core.models import (
    CalendarDay,
    CalendarYear,
    Event,
    Notice,
    Organisation,
    StatutoryHoliday,
)
from integrity.core.permissions import org_scope
from integrity.core.resources import OrganisationResource
from integrity.core.rule_viewsets import RuleViewSet
from integrity.core.viewsets import (
    ReadOnlyViewSetMixin,
    ScopedEditView,
    ScopedIndexView,
    ScopedModelViewSet,
)

# --- organisations ----------------------------------------------------------------------


class OrganisationFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "parent" in form.fields:
            # Inside the subtree, plus the current parent so an unmoved unit stays valid.
            current = Organisation.objects.filter(pk=form.instance.parent_id)
            form.fields["parent"].queryset = org_scope(self.request.user) | current
            form.fields["parent"].required = not self.request.user.is_superuser
        return form

    def _data(self):
        return {name: getattr(self.form.instance, name) for name in services.ORG_FIELDS}


class OrganisationCreateView(OrganisationFormMixin, generic.CreateView):
    def save_instance(self):
        return services.organisation_create(by=self.request.user, **self._data())


class OrganisationEditView(OrganisationFormMixin, ScopedEditView):
    def save_instance(self):
        return services.organisation_update(
            organisation=self.form.instance, by=self.request.user, data=self._data()
        )


class OrganisationIndexView(ImportExportIndexMixin, ScopedIndexView):
    pass


class OrganisationViewSet(ImportExportViewSetMixin, ScopedModelViewSet):
    model = Organisation
    resource_class = OrganisationResource
    icon = "site"
    menu_label = _("Organisations")
    menu_order = 200
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = OrganisationIndexView
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    list_display = ["name", "level", "kind", "parent", "uscc"]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name", "short_name", "uscc"]
    list_per_page = 50
    ordering = ["path"]
    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("level"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("uscc"),
        FieldPanel("division_code"),
        FieldPanel("address"),
        FieldPanel("office_phone"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
    inspect_view_fields = [
        "name",
        "short_name",
        "level",
        "kind",
        "parent",
        "uscc",
        "division_code",
        "address",
        "office_phone",
        "is_active",
    ]


# --- calendar ---------------------------------------------------------------------------


class CalendarDayCreateView(generic.CreateView):
    def save_instance(self):
        day = self.form.instance
        return services.calendar_day_save(
            day=day.date, kind=day.kind, name=day.name, by=self.request.user
        )


class CalendarDayEditView(ScopedEditView):
    def save_instance(self):
        day = self.form.instance
        return services.calendar_day_save(
            day=day.date, kind=day.kind, name=day.name, by=self.request.user
        )


class CalendarDayDeleteView(generic.DeleteView):
    def delete_action(self):
        services.calendar_day_delete(entry=self.object, by=self.request.user)


class CalendarDayViewSet(ScopedModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    add_view_class = CalendarDayCreateView
    edit_view_class = CalendarDayEditView
    delete_view_class = CalendarDayDeleteView
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["name"]
    form_fields = ["date", "kind", "name"]
    list_per_page = 60


class CalendarYearViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = CalendarYear
    icon = "calendar"
    menu_label = _("Calendar years")
    list_display = ["year", "source", "note"]


# --- event log and notices --------------------------------------------------------------


class EventViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Event
    icon = "history"
    menu_label = _("Event log")
    list_display = [
        Column("created_at", label=_("time")),
        "actor_name",
        "type",
        "object_repr",
        "organisation",
        "reason",
    ]
    list_filter = ["type"]
    search_fields = ["object_repr", "actor_name", "type", "reason"]
    list_per_page = 50
    inspect_view_fields = [
        "created_at",
        "actor_name",
        "type",
        "object_repr",
        "organisation",
        "details",
        "reason",
    ]


class NoticeViewSet(ReadOnlyViewSetMixin, ScopedModelViewSet):
    model = Notice
    icon = "warning"
    menu_label = _("Notices")
    list_display = ["created_at", "level", "title", "organisation", "read_at"]
    list_filter = {"level": ["exact"], "read_at": ["isnull"]}
    search_fields = ["title", "body"]
    inspect_view_fields = ["created_at", "level", "title", "body", "url", "organisation"]


class RegistryGroup(ViewSetGroup):
    menu_label = _("System")
    menu_icon = "cogs"
    menu_order = 900
    items = (
        CalendarDayViewSet,
        CalendarYearViewSet,
        RuleViewSet(
            "core_statutoryholiday",
            model=StatutoryHoliday,
            list_display=["festival", "basis", "month", "day", "start_offset", "days"],
            menu_label=_("Statutory holidays"),
        ),
        EventViewSet,
        NoticeViewSet,
    )


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_registry_group():
    return RegistryGroup()


class EventChainPanel(Component):
    """Home-page panel for the system administrator: the last event-chain verification."""

    name = "event_chain"
    order = 30
    template_name = "core/event_chain_panel.html"

    def get_context_data(self, parent_context=None):
        from integrity.core.chain import last_verification

        return {"status": last_verification()}


@hooks.register("construct_homepage_panels")
def add_event_chain_panel(request, panels) -> None:
    if request.user.is_superuser:
        panels.append(EventChainPanel())


# --- the home page as each role's workbench (integrity/core/dashboard.py) ---------------

hooks.register("construct_homepage_panels", dashboard.tidy_homepage_panels)
hooks.register(dashboard.HOOK, dashboard.core_todo_items)
hooks.register("construct_main_menu", menus.narrow_main_menu)


@hooks.register("insert_global_admin_css")
def workbench_css() -> str:
    return format_html(
        '<link rel="stylesheet" href="{}">', versioned_static("core/css/workbench.css")
    )


# --- Content-Security-Policy ------------------------------------------------------------


@hooks.register("insert_global_admin_js")
def deferred_init_js() -> str:
    """Starts the widgets Wagtail would start with inline script (integrity/core/wagtail_csp.py)."""
    return format_html('<script src="{}"></script>', versioned_static("core/js/deferred-init.js"))
