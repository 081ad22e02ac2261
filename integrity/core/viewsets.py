"""Wagtail admin plumbing that routes every back-office screen through the permission layer.

* :class:`RulesPermissionPolicy` answers Wagtail's permission questions with the
  ``rules`` predicates of :mod:`integrity.core.permissions`.
* :class:`ScopedModelViewSet` lists only rows inside the user's subtree and
  refuses to open, edit or delete any other row, whatever its URL. Its listing's
  spreadsheet export (``list_export``) neutralises formula-like text.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString

from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.users.views import users as wagtail_users

from integrity.core import display
from integrity.core.permissions import scope_queryset
from integrity.core.spreadsheet import NeutralisingSpreadsheetExportMixin


class RulesPermissionPolicy(BasePermissionPolicy):
    def _perm(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def user_has_permission(self, user, action: str) -> bool:
        return user.has_perm(self._perm(action))

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return user.has_perm(self._perm(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions) -> models.QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return scope_queryset(user, queryset)

    def users_with_any_permission(self, actions) -> models.QuerySet:
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class ScopedObjectMixin:
    """Opening any single object checks the object-level permission first."""

    object_action = "view"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        opts = obj._meta
        if not self.request.user.has_perm(
            f"{opts.app_label}.{self.object_action}_{opts.model_name}", obj
        ):
            raise PermissionDenied
        return obj


class ReadableCellMixin:
    """A list cell the Chinese way: 是/否 for flags, — for nothing, dates as 2026年12月31日."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        if raw is None or raw == "" or isinstance(raw, bool | datetime.date):
            context["value"] = display.cn_value(raw)
        return context


class ReadableColumn(ReadableCellMixin, Column):
    pass


class ReadableColumnsMixin:
    """List columns named by field show readable cells (no True/False/None)."""

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = ReadableColumn
        elif not issubclass(column_class, ReadableCellMixin):
            column_class = type(
                f"Readable{column_class.__name__}", (ReadableCellMixin, column_class), {}
            )
        return super()._get_custom_column(field_name, column_class, **kwargs)


class ScopedIndexMixin(ReadableColumnsMixin, NeutralisingSpreadsheetExportMixin):
    """Lists only the user's subtree; a listing's CSV/XLSX export never carries a formula."""

    def get_base_queryset(self):
        return scope_queryset(self.request.user, super().get_base_queryset())


class ScopedIndexView(ScopedIndexMixin, generic.IndexView):
    pass


class NeutralisingIndexView(
    ReadableColumnsMixin, NeutralisingSpreadsheetExportMixin, generic.IndexView
):
    """An unscoped listing (national and local rule tables) whose export is neutralised."""


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"


class ReadableInspectMixin:
    """An object page as a summary card and a timeline, not a field dump.

    Values are shown the Chinese way (integrity/core/display.py: 是/否, —, money in
    yuan with separators, 2026年12月31日, local times); the object's events follow as a
    timeline unless the view already provides ``events``. Apps that keep their own
    template still get the readable values.
    """

    template_name = "core/admin/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, Component | SafeString):
            return value
        if isinstance(value, dict):
            return format_html("<code>{}</code>", json.dumps(value, ensure_ascii=False))
        return display.cn_value(value, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "events" not in context:
            from integrity.core.models import Event

            events = Event.objects.for_object(self.object).order_by("created_at", "id")
            context["timeline"] = events[:200]
        return context


class ScopedInspectView(ScopedObjectMixin, ReadableInspectMixin, generic.InspectView):
    object_action = "view"


class ScopedHistoryView(ScopedObjectMixin, generic.HistoryView):
    object_action = "view"


class ScopedUsageView(ScopedObjectMixin, generic.UsageView):
    object_action = "view"


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view goes through the permission layer.

    The model must declare ``scope_path``; permissions are ``rules`` perms named
    ``<app>.<action>_<model>``.
    """

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False

    def register_permissions(self):
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(self.model, RulesPermissionPolicy(self.model))
        super().register_permissions()


class ReadOnlyViewSetMixin:
    """Only the list and the detail page: no add, edit or delete URL exists."""

    inspect_view_enabled = True
    exclude_form_fields: list[str] = []  # a form class must exist; no URL serves it

    def get_common_view_kwargs(self, **kwargs):
        # No add/edit/delete URL exists, so no view may link to one (not even for superusers).
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": None,
            "delete_url_name": None,
        }

    @property
    def url_finder_class(self):
        # Pages that link to an object (usage, history) open its detail: there is no edit URL.
        return type(
            "_ReadOnlyURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]


# --- users -----------------------------------------------------------------------------


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ScopedUserIndexView(ScopedIndexMixin, wagtail_users.IndexView):
    pass


class ScopedUserEditView(ForUserFormMixin, ScopedObjectMixin, wagtail_users.EditView):
    object_action = "change"

    def save_instance(self):
        from integrity.core.services import USER_FIELDS, user_update

        instance = super().save_instance()
        changed = {f: getattr(instance, f) for f in USER_FIELDS}
        return user_update(user=instance, by=self.request.user, data=changed)


class ScopedUserCreateView(ForUserFormMixin, wagtail_users.CreateView):
    def save_instance(self):
        from integrity.core.events import record_event
        from integrity.core.services import EventType

        instance = super().save_instance()
        record_event(
            type=EventType.USER_CREATED,
            actor=self.request.user,
            obj=instance,
            details={"username": instance.username, "role": instance.role},
        )
        return instance


class ScopedUserDeleteView(ScopedObjectMixin, wagtail_users.DeleteView):
    object_action = "delete"


class ScopedUserHistoryView(ScopedObjectMixin, wagtail_users.HistoryView):
    object_action = "view"


class ScopedUserViewSet(wagtail_users.UserViewSet):
    index_view_class = ScopedUserIndexView
    add_view_class = ScopedUserCreateView
    edit_view_class = ScopedUserEditView
    delete_view_class = ScopedUserDeleteView
    history_view_class = ScopedUserHistoryView
    usage_view_class = type("ScopedUserUsageView", (ScopedObjectMixin, generic.UsageView), {})
    copy_view_enabled = False  # a copy would skip the scoped creation form
    add_to_settings_menu = False
    add_to_admin_menu = True  # shown to who administers users (integrity/core/menus.py)
    menu_order = 210

    def get_form_class(self, for_update=False):
        from integrity.core.forms import ScopedUserCreationForm, ScopedUserEditForm

        return ScopedUserEditForm if for_update else ScopedUserCreationForm
