"""One viewset for every rule table (the :class:`~integrity.core.models.RuleSet` models).

* Reading: the table's readers see the rows they work under or above — the national
  defaults, the rows of their organisation and its ancestors, and those of their subtree
  (:func:`integrity.core.permissions.rule_scope`).
* Writing: the table's managers, row by row (:func:`integrity.core.permissions.rule_perms`):
  a local row only for a jurisdiction inside the editor's subtree, a national row only by
  the system administrator. The jurisdiction field offers nothing else.
* Every create, edit and delete goes through :func:`integrity.core.services.rule_save` /
  :func:`~integrity.core.services.rule_delete`, which check the permission again and write
  an event row (who, which row, which fields changed).
"""

from django.db import models

from wagtail.admin.views import generic
from wagtail.permissions import policy_registry, register_permission_policy

from integrity.core.permissions import org_scope, rule_scope, sets_national_rules
from integrity.core.viewsets import (
    NeutralisingIndexView,
    RulesPermissionPolicy,
    ScopedDeleteView,
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)

# Columns every rule table lists around its own: where and when the row applies.
LEADING_COLUMNS = ["jurisdiction_display"]
TRAILING_COLUMNS = ["valid_from", "valid_to", "source"]


class RulePermissionPolicy(RulesPermissionPolicy):
    def instances_user_has_any_permission_for(self, user, actions) -> models.QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        return rule_scope(user, queryset)


class RuleIndexView(NeutralisingIndexView):
    def get_base_queryset(self):
        return rule_scope(self.request.user, super().get_base_queryset())


class RuleFormMixin:
    """The jurisdiction offers the editor's subtree; only the system administrator may
    leave it empty (the national default)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields.get("jurisdiction")
        if field is not None:
            field.queryset = org_scope(self.request.user)
            field.required = not sets_national_rules(self.request.user)
        return form


class RuleCreateView(RuleFormMixin, generic.CreateView):
    def save_instance(self):
        from integrity.core.services import rule_save

        return rule_save(rule=self.form.instance, by=self.request.user)


class RuleEditView(RuleFormMixin, ScopedEditView):
    def save_instance(self):
        from integrity.core.services import rule_save

        return rule_save(
            rule=self.form.instance, by=self.request.user, changed=self.form.changed_data
        )


class RuleDeleteView(ScopedDeleteView):
    def delete_action(self):
        from integrity.core.services import rule_delete

        rule_delete(rule=self.object, by=self.request.user)


class RuleViewSet(ScopedModelViewSet):
    """A rule table in the back office: ``RuleViewSet("url_name", model=…, menu_label=…,
    list_display=[the table's own columns])``; optional ``list_filter``, ``icon``,
    ``exclude_form_fields`` (fields nobody edits here) and ``url_prefix``."""

    icon = "cogs"
    index_view_class = RuleIndexView
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    delete_view_class = RuleDeleteView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True

    def __init__(self, name, *, model, menu_label, list_display, exclude_form_fields=(), **kwargs):
        super().__init__(
            name,
            model=model,
            menu_label=menu_label,
            list_display=[*LEADING_COLUMNS, *list_display, *TRAILING_COLUMNS],
            exclude_form_fields=list(exclude_form_fields),
            **kwargs,
        )

    def register_permissions(self):
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(self.model, RulePermissionPolicy(self.model))
        super().register_permissions()
