"""Bulk actions on the item listing: handle identical items together (并案办理).

The clerk ticks the items in the listing, picks "Handle together", chooses the main item
and the assignment on the confirmation screen, and ``services.item_assign_merged`` runs.
Items are looked up through the scoped selector (none visible → 404); users without the
office's assignment right get the plain 403 page; a service's ValidationError is shown on
the form and, the action running in one transaction, nothing is written.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.bulk_action import BulkAction

from . import forms, selectors, services
from .models import Item
from .workflow_views import forbidden

ASSIGN = "proposals.assign_item"


class MergeBulkAction(BulkAction):
    display_name = gettext_lazy("Handle together")
    aria_label = gettext_lazy("Handle the selected items together")
    action_type = "merge"
    template_name = "proposals/admin/merge_confirm.html"
    action_priority = 10
    models = [Item]
    form_class = forms.MergeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ASSIGN):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj: Item) -> bool:
        return self.request.user.has_perm(ASSIGN, obj)

    @cached_property
    def selection(self) -> tuple[list[Item], list[Item]]:
        """(items the user may merge, visible items they may not), in the order selected."""
        ids = [int(pk) for pk in self.request.GET.getlist("id") if pk.isdigit()]
        found = selectors.items_for(self.request.user).filter(pk__in=ids)
        found = {item.pk: item for item in found.select_related("lead_author", "merged_into")}
        if not found:
            raise Http404
        items = [found[pk] for pk in dict.fromkeys(ids) if pk in found]
        allowed = [item for item in items if self.check_perm(item)]
        return allowed, [item for item in items if item not in allowed]

    def get_actionable_objects(self):
        allowed, refused = self.selection
        return allowed, {"items_with_no_access": refused}

    def object_context(self, obj: Item) -> dict:
        return {"item": obj, "url": reverse("proposals_item_page", args=[obj.pk])}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "items": self.selection[0]}

    def get_execution_context(self):
        form = self.cleaned_form
        return {
            "by": self.request.user,
            "items": form.ordered_items(),
            "mode": form.cleaned_data["mode"],
            "units": form.units(),
        }

    @classmethod
    def execute_action(cls, objects, *, by, items, mode, units, **kwargs):
        services.item_assign_merged(by=by, items=items, mode=mode, units=units)
        return len(items), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        main = self.cleaned_form.ordered_items()[0]
        return _("%(count)d items are handled together; the main item %(main)s is assigned.") % {
            "count": num_parent_objects,
            "main": main.number,
        }

    def form_valid(self, form):
        try:
            super().form_valid(form)
        except ValidationError as error:
            forms.apply_errors(form, error)
            return self.form_invalid(form)
        return redirect("proposals_item_page", form.ordered_items()[0].pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was saved: please correct the errors."))
        return super().form_invalid(form)
