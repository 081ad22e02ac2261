"""Small helpers shared by the back-office views of the records app."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def run_action(request, action: Callable, target: str, done: str = "") -> HttpResponse:
    """Run a service call; its ValidationError becomes a Chinese error message, not a 500."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done or _("Done."))
    return redirect(target)


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class RoleMenuItem(MenuItem):
    """A menu entry shown only to some roles (and superusers)."""

    def __init__(self, *args, roles, **kwargs):
        self.roles = set(roles)
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.role in self.roles or request.user.is_superuser


class AdminPage(WagtailAdminTemplateMixin):
    """A back-office page whose header shows its own title after "Home"."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]
